import { todayLocal } from '../src/common/local-date.js';
import { startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';

/** The life of a task: assigned, completed due date by due date, reopened, rescheduled, cancelled. */
describe('tasks', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;

  const addTask = async (body: Record<string, unknown>) => {
    const res = await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content: 'Nhiệm vụ thử', ...body });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
    planId = (await createPlan(t, unitId)).id;
  });
  afterAll(() => t.close());

  it('matches the lead text to the official holding that post', async () => {
    const { task, unassigned } = await addTask({ leadText: 'Công chức Tư pháp', deadlineText: 'Quý IV/2023' });
    expect(task.assigneeId).toBe(people.tuphap);
    expect(unassigned).toBeNull();
    const multi = await addTask({ leadText: '- UBND xã.\n- Công chức Văn phòng – Thống kê', deadlineText: 'Quý IV/2023' });
    expect(multi.task.assigneeId).toBeNull();
    expect(multi.unassigned.reason).toMatch(/Nhiều cơ quan chủ trì/);
    const list = (await t.http.get(`/api/plans/${planId}/unassigned`).expect(200)).body;
    expect(list.map((u: any) => u.taskId)).toContain(multi.task.id);
  });

  it('lets the chairman assign and reassign the lead and coordinators, with history', async () => {
    const { task } = await addTask({ leadText: 'UBND xã', deadlineText: 'Tháng 11/2023' });
    expect(task.assigneeId).toBeNull();
    const assigned = (await t.http.patch(`/api/tasks/${task.id}`)
      .send({ assigneeId: people.vanphong, coordinatorIds: [people.tuphap, people.vanhoa], version: task.version }).expect(200)).body;
    expect(assigned).toMatchObject({ assigneeId: people.vanphong, coordinatorIds: [people.tuphap, people.vanhoa].sort((a, b) => a - b) });
    expect(assigned.version).toBe(task.version + 1);
    const reassigned = (await t.http.patch(`/api/tasks/${task.id}`).send({ assigneeId: people.taichinh, coordinatorIds: [] }).expect(200)).body;
    expect(reassigned).toMatchObject({ assigneeId: people.taichinh, coordinatorIds: [] });
    const mine = (await t.http.get(`/api/tasks?assigneeId=${people.taichinh}`).expect(200)).body;
    expect(mine.map((x: any) => x.id)).toContain(task.id);
    const history = (await t.http.get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(history.map((h: any) => h.action)).toEqual(['created', 'assigned', 'assigned']);
    expect(history[2].changes.assigneeId).toEqual({ from: people.vanphong, to: people.taichinh });
    expect(history[1].changes.coordinatorIds.to).toHaveLength(2);
    expect(history[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('completes a task of several due dates one due date at a time', async () => {
    const { task } = await addTask({ leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: 'Báo cáo định kỳ 6 tháng, năm' });
    expect(task.schedule.dueDates).toEqual(['2023-06-30', '2023-12-31']);
    // no dueOn: the earliest open one
    const first = (await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-28', evidence: 'Báo cáo số 45/BC-UBND ngày 28/6/2023' }).expect(200)).body;
    expect(first.status).toBe('open');
    expect(first.dueDates).toEqual([
      { dueOn: '2023-06-30', label: '6 tháng/2023', completedOn: '2023-06-28', evidence: 'Báo cáo số 45/BC-UBND ngày 28/6/2023', onTime: true },
      { dueOn: '2023-12-31', label: 'Năm 2023', completedOn: null, evidence: null, onTime: null },
    ]);
    const second = (await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2024-01-03', dueOn: '2023-12-31', evidence: 'Báo cáo năm' }).expect(200)).body;
    expect(second.status).toBe('done');
    expect(second.dueDates[1]).toMatchObject({ completedOn: '2024-01-03', onTime: false });
    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-12-30' }).expect(409);
  });

  it('defaults the completion date to today in Asia/Ho_Chi_Minh', async () => {
    const year = Number(todayLocal().slice(0, 4));
    const current = await createPlan(t, unitId, { number: '02/KH-UBND', year });
    const task = (await t.http.post(`/api/plans/${current.id}/tasks`).send({ phuLuc: 2, content: 'Việc năm nay', deadlineText: `Quý IV/${year}` }).expect(201)).body.task;
    const done = (await t.http.post(`/api/tasks/${task.id}/complete`).send({}).expect(200)).body;
    expect(done.dueDates[0].completedOn).toBe(todayLocal());
    expect(done.status).toBe('done');
  });

  it('reopens with a reason, the latest completed due date first', async () => {
    const { task } = await addTask({ deadlineText: 'Báo cáo kết quả thực hiện: định kỳ hàng quý' });
    for (const d of ['2023-03-30', '2023-06-29']) await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: d }).expect(200);
    await t.http.post(`/api/tasks/${task.id}/reopen`).send({}).expect(400);
    const reopened = (await t.http.post(`/api/tasks/${task.id}/reopen`).send({ reason: 'Báo cáo quý II thiếu số liệu' }).expect(200)).body;
    expect(reopened.dueDates.map((d: any) => d.completedOn)).toEqual(['2023-03-30', null, null, null]);
    const history = (await t.http.get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ action: 'reopened', note: 'Báo cáo quý II thiếu số liệu' });
    expect(history.at(-1).changes.completedOn).toEqual({ from: '2023-06-29', to: null });
  });

  it('re-parses an edited deadline and keeps completions of due dates that remain', async () => {
    const { task } = await addTask({ deadlineText: 'Báo cáo định kỳ 6 tháng, năm' });
    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-30' }).expect(200);
    const edited = (await t.http.patch(`/api/tasks/${task.id}`).send({ deadlineText: '- Báo cáo: Quý II/2023;\n- Tổng kết: Trước 15/11/2023' }).expect(200)).body;
    expect(edited.deadlineText).toBe('- Báo cáo: Quý II/2023;\n- Tổng kết: Trước 15/11/2023');
    expect(edited.schedule).toMatchObject({ kind: 'milestones', dueDates: ['2023-06-30', '2023-11-15'] });
    expect(edited.dueDates.map((d: any) => [d.dueOn, d.completedOn])).toEqual([['2023-06-30', '2023-06-30'], ['2023-11-15', null]]);
    // a text nobody can read is kept verbatim and flagged, never refused
    const vague = (await t.http.patch(`/api/tasks/${task.id}`).send({ deadlineText: 'Khi có chỉ đạo của cấp trên' }).expect(200)).body;
    expect(vague.schedule).toMatchObject({ kind: 'unspecified', dueDates: [], needsReview: true });
    expect(vague.dueDates).toEqual([{ dueOn: null, label: null, completedOn: null, evidence: null, onTime: null }]);
    const history = (await t.http.get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(history.filter((h: any) => h.action === 'updated').map((h: any) => h.changes.deadlineText.to)).toEqual([
      '- Báo cáo: Quý II/2023;\n- Tổng kết: Trước 15/11/2023', 'Khi có chỉ đạo của cấp trên',
    ]);
  });

  it('counts an undated task once it is marked done', async () => {
    const plan = await createPlan(t, unitId, { number: '03/KH-UBND' });
    const task = (await t.http.post(`/api/plans/${plan.id}/tasks`).send({ phuLuc: 7, content: 'Theo hướng dẫn', deadlineText: 'Theo hướng dẫn của Văn phòng UBND huyện' }).expect(201)).body.task;
    let progress = (await t.http.get(`/api/plans/${plan.id}/progress?asOf=2023-12-14`).expect(200)).body;
    expect(progress).toMatchObject({ planned: 1, completed: 0, overdue: 0 });
    await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-09-01' }).expect(200);
    progress = (await t.http.get(`/api/plans/${plan.id}/progress?asOf=2023-12-14`).expect(200)).body;
    expect(progress).toMatchObject({ planned: 1, completed: 1, completedOnTime: 1, ratio: '1/1', percent: '100%' });
  });

  it('leaves a cancelled task out of the plan figures', async () => {
    const plan = await createPlan(t, unitId, { number: '04/KH-UBND' });
    const make = (c: string) => t.http.post(`/api/plans/${plan.id}/tasks`).send({ phuLuc: 3, content: c, deadlineText: 'Quý I/2023' }).expect(201);
    const a = (await make('A')).body.task;
    await make('B');
    expect(a.ordinal).toBe(1);
    const cancelled = (await t.http.post(`/api/tasks/${a.id}/cancel`).send({ reason: 'Cấp trên bỏ nhiệm vụ' }).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    await t.http.post(`/api/tasks/${a.id}/complete`).send({ completedOn: '2023-03-01' }).expect(409);
    const progress = (await t.http.get(`/api/plans/${plan.id}/progress?asOf=2023-12-14`).expect(200)).body;
    expect(progress).toMatchObject({ planned: 1, overdue: 1 });
  });

  it('issues a draft plan once, and closes it', async () => {
    const plan = await createPlan(t, unitId, { number: '05/KH-UBND' });
    expect(plan.status).toBe('draft');
    const issued = (await t.http.post(`/api/plans/${plan.id}/issue`).send({ issuedOn: '2023-01-05', decision: 'Quyết định số 12/QĐ-UBND ngày 05/01/2023' }).expect(200)).body;
    expect(issued).toMatchObject({ status: 'issued', issuedOn: '2023-01-05', decision: 'Quyết định số 12/QĐ-UBND ngày 05/01/2023' });
    await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(409);
    const closed = (await t.http.post(`/api/plans/${plan.id}/close`).expect(200)).body;
    expect(closed.status).toBe('closed');
    await t.http.post(`/api/plans/${plan.id}/tasks`).send({ phuLuc: 1, content: 'Muộn' }).expect(409);
  });

  it('serves concurrent writes and reads without "database is locked" or a lost update', async () => {
    const plan = await createPlan(t, unitId, { number: '06/KH-UBND' });
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.http.post(`/api/plans/${plan.id}/tasks`).send({ phuLuc: (i % 7) + 1, content: `Việc ${i}`, deadlineText: 'Quý II/2023' })),
    );
    expect(created.map((r) => r.status)).toEqual(Array(30).fill(201));
    const ids = created.map((r) => r.body.task.id);
    const results = await Promise.all([
      ...ids.map((id) => t.http.post(`/api/tasks/${id}/complete`).send({ completedOn: '2023-06-15', evidence: `Ev ${id}` })),
      ...ids.map(() => t.http.get(`/api/plans/${plan.id}`)),
      ...ids.map(() => t.http.get(`/api/plans/${plan.id}/progress?asOf=2023-12-31`)),
    ]);
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const progress = (await t.http.get(`/api/plans/${plan.id}/progress?asOf=2023-12-31`).expect(200)).body;
    expect(progress).toMatchObject({ planned: 30, completed: 30, ratio: '30/30', percent: '100%' });
    const detail = (await t.http.get(`/api/plans/${plan.id}`).expect(200)).body;
    expect(detail.phuLucs.map((p: any) => p.tasks.map((x: any) => x.ordinal))).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => Array.from({ length: n <= 2 ? 5 : 4 }, (_, i) => i + 1)),
    );
  });
});
