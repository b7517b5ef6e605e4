import { monthsOf, overviewLists, type OverviewTask } from '../src/progress/overview.js';
import { startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';

/**
 * GET /api/plans/{id}/overview reads its lists and its chart through queries
 * (each list's first 100 rows and its total, the chart's counts per day). Its
 * answer must be what the whole-plan computation gives (overviewLists and
 * monthsOf over every task, read here a page at a time through
 * GET /api/plans/{id}/tasks): on the demo plan, and on a plan of 420 tasks
 * with more than 100 rows in every list, on days before, in and after the year.
 */
describe('the overview read by queries equals the whole-plan computation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t.close());

  /** Every task of the plan through the paged list, in the shape the overview's functions read. */
  async function everyTask(planId: number): Promise<OverviewTask[]> {
    const rows: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await t.http.get(`/api/plans/${planId}/tasks?offset=${offset}&limit=100`).expect(200)).body;
      rows.push(...page.items);
      if (rows.length >= page.total) break;
    }
    return rows.map((x) => ({
      id: x.id, phuLuc: x.phuLuc, ordinal: x.ordinal, content: x.content, deadlineText: x.deadlineText, assigneeId: x.assigneeId,
      status: x.status, schedule: { needsReview: x.schedule.needsReview, notes: x.schedule.notes }, dueDates: x.dueDates,
    }));
  }

  async function expectSameAsWholePlan(planId: number, asOf: string) {
    const plan = (await t.http.get(`/api/plans/${planId}?withTasks=false`).expect(200)).body;
    const tasks = await everyTask(planId);
    expect(tasks).toHaveLength(plan.taskCount);
    const unassigned = (await t.http.get(`/api/plans/${planId}/unassigned`).expect(200)).body;
    const officials = (await t.http.get(`/api/officials?unitId=${plan.unitId}`).expect(200)).body;
    const names = new Map<number, string>(officials.map((o: any) => [o.id, o.fullName]));
    const o = (await t.http.get(`/api/plans/${planId}/overview?asOf=${asOf}`).expect(200)).body;
    expect(o).toEqual({
      planId, year: plan.year, asOf, months: monthsOf(tasks, plan.year, asOf), ...overviewLists(tasks, unassigned, names, asOf),
    });
    return o;
  }

  it('on the demo plan, on days before, in and after its year', async () => {
    const [demo] = (await t.http.get('/api/plans').expect(200)).body;
    const seen: number[] = [];
    for (const asOf of ['2022-12-20', '2023-02-10', '2023-06-20', '2023-12-31', '2024-03-01']) {
      const o = await expectSameAsWholePlan(demo.id, asOf);
      seen.push(o.overdue.total + o.dueSoon.total);
    }
    // the days chosen do put tasks in the dated lists
    expect(seen.some((n) => n > 0)).toBe(true);
  });

  it('on a plan of 420 tasks with more than 100 rows in each list', async () => {
    const { unitId, people } = await seedUnit(t, 'UBND xã Bốn Trăm');
    const deadlines = [
      (i: number) => `Tháng ${1 + (i % 5)}/2023`, // overdue by June
      (i: number) => `Trước ${20 + (i % 11)}/6/2023`, // due within 14 days of 20/06, not in TT order
      () => 'Theo hướng dẫn của Văn phòng UBND huyện', // to review
      (i: number) => `Trước ${1 + (i % 4)}/7/2023`, // due soon too
      () => 'Hằng quý', // four due dates: overdue by June, some met
      () => 'Theo kế hoạch của huyện', // to review
    ];
    const leads = ['Công chức Văn phòng – Thống kê', 'Ban Chỉ huy Quân sự xã', 'Công chức Tư pháp – Hộ tịch'];
    const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, tasks: [] as any[] }));
    for (let i = 0; i < 420; i++) {
      phuLucs[i % 7].tasks.push({
        content: `Nhiệm vụ số ${i + 1} ${'về cải cách hành chính '.repeat(i % 9 === 0 ? 6 : 1)}`.trim(),
        products: ['Báo cáo'], leadText: leads[i % 3], deadlineText: deadlines[i % 6](i),
      });
    }
    const plan = await createPlan(t, unitId, { number: '420/KH-UBND', phuLucs });
    const rows = plan.phuLucs.flatMap((p: any) => p.tasks);
    expect(rows).toHaveLength(420);
    // completions: on time, late, and after some of the days asked about; a few cancelled; one reassigned
    for (const [k, x] of rows.entries()) {
      if (k % 20 === 4) await t.http.post(`/api/tasks/${x.id}/complete`).send({ completedOn: '2023-03-20', evidence: 'Báo cáo' }).expect(200);
      if (k % 20 === 7) await t.http.post(`/api/tasks/${x.id}/complete`).send({ completedOn: '2023-06-10', evidence: 'Báo cáo' }).expect(200);
      if (k % 50 === 1) await t.http.post(`/api/tasks/${x.id}/complete`).send({ completedOn: '2023-06-22', evidence: 'Báo cáo' }).expect(200);
      if (k % 40 === 5) await t.http.post(`/api/tasks/${x.id}/cancel`).send({ reason: 'Không còn phù hợp' }).expect(200);
    }
    const unassignedBefore = (await t.http.get(`/api/plans/${plan.id}/unassigned`).expect(200)).body;
    await t.http.patch(`/api/tasks/${unassignedBefore[0].taskId}`).send({ assigneeId: people.vanhoa }).expect(200);

    for (const asOf of ['2023-01-15', '2023-06-20', '2023-06-25', '2023-10-02', '2024-01-10']) {
      const o = await expectSameAsWholePlan(plan.id, asOf);
      if (asOf === '2023-06-20') {
        for (const list of ['overdue', 'dueSoon', 'needsReview', 'unassigned'] as const) {
          expect(o[list].total).toBeGreaterThan(100);
          expect(o[list].items).toHaveLength(100);
        }
      }
    }
  });
});
