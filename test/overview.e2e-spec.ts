import { startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';

/**
 * GET /api/plans/{id}/overview: the Tổng quan page's chart and lists, worked
 * out on the server, agreeing with the plan's own tasks.
 */
describe('the plan overview', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;
  let byContent: Map<string, any>;
  const asOf = '2023-06-20';

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    const task = (content: string, deadlineText: string, leadText = 'Công chức Văn phòng – Thống kê') =>
      ({ content, products: ['Báo cáo'], leadText, deadlineText });
    const plan = await createPlan(t, unitId, {
      phuLucs: [
        { number: 1, tasks: [
          task('Rà soát văn bản quy phạm pháp luật quý I', 'Quý I/2023'),
          task('Báo cáo công tác cải cách hành chính 6 tháng', 'Trước 30/6/2023'),
          task('Kiểm tra công tác cải cách hành chính', 'Tháng 3/2023'),
        ] },
        { number: 2, tasks: [
          task('Niêm yết thủ tục hành chính theo hướng dẫn', 'Theo hướng dẫn của Văn phòng UBND huyện'),
          task('Tuyên truyền về cải cách hành chính trên loa truyền thanh', 'Trước 25/6/2023'),
          task('Tập huấn dân quân về thủ tục hành chính', 'Quý IV/2023', 'Ban Chỉ huy Quân sự xã'),
          task('Ứng dụng công nghệ thông tin', 'Trước 15/7/2023'),
        ] },
      ],
    });
    planId = plan.id;
    byContent = new Map(plan.phuLucs.flatMap((p: any) => p.tasks).map((x: any) => [x.content, x]));
    // Kiểm tra: done on time in March; Ứng dụng CNTT: done early, in May
    await t.http.post(`/api/tasks/${byContent.get('Kiểm tra công tác cải cách hành chính').id}/complete`).send({ completedOn: '2023-03-28', evidence: 'Biên bản' }).expect(200);
    await t.http.post(`/api/tasks/${byContent.get('Ứng dụng công nghệ thông tin').id}/complete`).send({ completedOn: '2023-05-10', evidence: 'Báo cáo' }).expect(200);
  });
  afterAll(() => t.close());

  it('lists the overdue, the due within 14 days, the deadlines to review and the unassigned, as the plan says', async () => {
    const o = (await t.http.get(`/api/plans/${planId}/overview?asOf=${asOf}`).expect(200)).body;
    const id = (content: string) => byContent.get(content).id;
    expect(o).toMatchObject({ planId, year: 2023, asOf });

    expect(o.overdue.total).toBe(1);
    expect(o.overdue.items).toEqual([{
      id: id('Rà soát văn bản quy phạm pháp luật quý I'), phuLuc: 1, ordinal: 1, content: 'Rà soát văn bản quy phạm pháp luật quý I',
      assigneeId: people.vanphong, assigneeName: 'Trần Thị Văn', dueOn: ['2023-03-31'],
    }]);
    // by next due date: 25/06 before 30/06; 15/07 is more than 14 days ahead (and done anyway)
    expect(o.dueSoon.items.map((x: any) => [x.id, x.nextDue])).toEqual([
      [id('Tuyên truyền về cải cách hành chính trên loa truyền thanh'), '2023-06-25'],
      [id('Báo cáo công tác cải cách hành chính 6 tháng'), '2023-06-30'],
    ]);
    expect(o.dueSoon.total).toBe(2);

    const review = byContent.get('Niêm yết thủ tục hành chính theo hướng dẫn');
    expect(review.schedule.needsReview).toBe(true);
    expect(o.needsReview.total).toBe(1);
    expect(o.needsReview.items[0]).toMatchObject({
      id: review.id, phuLuc: 2, ordinal: 1, deadlineText: 'Theo hướng dẫn của Văn phòng UBND huyện', state: 'open',
    });
    expect(o.needsReview.items[0].notes).toBe(review.schedule.notes.join(' ') || 'Thời hạn cần người kiểm tra lại');

    const unassigned = (await t.http.get(`/api/plans/${planId}/unassigned`).expect(200)).body;
    expect(unassigned.map((u: any) => u.taskId)).toEqual([id('Tập huấn dân quân về thủ tục hành chính')]);
    expect(o.unassigned).toEqual({
      total: 1,
      items: [{ id: unassigned[0].taskId, phuLuc: 2, ordinal: 3, content: 'Tập huấn dân quân về thủ tục hành chính', leadText: 'Ban Chỉ huy Quân sự xã', reason: unassigned[0].reason }],
    });
  });

  it('charts due dates and completions month by month up to the day', async () => {
    const o = (await t.http.get(`/api/plans/${planId}/overview?asOf=${asOf}`).expect(200)).body;
    const plan = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    const dueDates = plan.phuLucs.flatMap((p: any) => p.tasks).flatMap((x: any) => x.dueDates);
    expect(o.months).toHaveLength(12);
    for (const [i, m] of o.months.entries()) {
      const month = `2023-${String(i + 1).padStart(2, '0')}`;
      expect(m).toEqual({
        label: `T${i + 1}`,
        due: dueDates.filter((d: any) => d.dueOn?.startsWith(month)).length,
        done: dueDates.filter((d: any) => d.completedOn?.startsWith(month) && d.completedOn <= asOf).length,
      });
    }
    expect(o.months[2]).toEqual({ label: 'T3', due: 2, done: 1 });
    expect(o.months[4]).toEqual({ label: 'T5', due: 0, done: 1 });
    // before the May completion, May has none
    const early = (await t.http.get(`/api/plans/${planId}/overview?asOf=2023-05-01`).expect(200)).body;
    expect(early.months[4]).toEqual({ label: 'T5', due: 0, done: 0 });
    expect(early.overdue.total).toBe(1);
    expect(early.dueSoon.total).toBe(0);
  });

  it('answers at most 100 rows of a list, with its total, on a plan of 125 tasks', async () => {
    const tasks = Array.from({ length: 125 }, (_, i) => ({
      content: `Nhiệm vụ ${i + 1}`, products: ['Báo cáo'], leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: 'Tháng 1/2023',
    }));
    const big = await createPlan(t, unitId, { number: '125/KH-UBND', phuLucs: [{ number: 3, tasks }] });
    const o = (await t.http.get(`/api/plans/${big.id}/overview?asOf=${asOf}`).expect(200)).body;
    expect(o.overdue.total).toBe(125);
    expect(o.overdue.items).toHaveLength(100);
    expect(o.overdue.items.map((x: any) => x.ordinal)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(o.overdue.items[0].assigneeName).toBe('Hoàng Văn Pháp');
    expect(o.months[0]).toEqual({ label: 'T1', due: 125, done: 0 });
    expect(o.dueSoon).toEqual({ total: 0, items: [] });
  });

  it("answers 404 for another commune's plan, to that commune's chairman", async () => {
    const other = await seedUnit(t, 'UBND xã Bên Cạnh', { signIn: false });
    const res = await other.chair.get(`/api/plans/${planId}/overview?asOf=${asOf}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/Không tìm thấy/);
  });

  it('refuses a date that is not a date, in Vietnamese', async () => {
    for (const bad of ['2023-02-30', '20/06/2023', 'hom-nay']) {
      const res = await t.http.get(`/api/plans/${planId}/overview?asOf=${bad}`).expect(400);
      expect(JSON.stringify(res.body)).toMatch(/ngày/i);
      expect(JSON.stringify(res.body)).not.toMatch(/must be|should be|invalid/i);
    }
  });
});
