import { startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';

/**
 * "đã hoàn thành 30/32 nhiệm vụ, đạt 93,75%": a plan of 32 tasks, 30 of them
 * completed (two late), counted through the API alone.
 */
describe('completion figures', () => {
  let t: TestApp;
  let planId: number;
  let tasks: any[];

  // 32 rows over the seven Phụ lục; each tuple: phuLuc, deadline text
  const rows: [number, string][] = [
    ...Array.from({ length: 5 }, (_, i) => [1, `Tháng ${i + 1}/2023`] as [number, string]),
    ...Array.from({ length: 5 }, () => [2, 'Quý II/2023'] as [number, string]),
    ...Array.from({ length: 4 }, () => [3, 'Trước 15/11/2023'] as [number, string]),
    ...Array.from({ length: 4 }, () => [4, 'Quý I/2023'] as [number, string]),
    ...Array.from({ length: 4 }, () => [5, 'Thường xuyên trong năm'] as [number, string]),
    ...Array.from({ length: 6 }, () => [6, 'Tháng 9/2023'] as [number, string]),
    [7, 'Báo cáo định kỳ 6 tháng, năm'],
    [7, 'Theo hướng dẫn của Văn phòng UBND huyện'],
    [7, 'Quý III/2023'],
    [7, 'Quý IV/2023'],
  ];

  beforeAll(async () => {
    t = await startApp();
    const { unitId } = await seedUnit(t);
    const phuLucs = [1, 2, 3, 4, 5, 6, 7].map((number) => ({
      number,
      tasks: rows.filter(([pl]) => pl === number).map(([, deadlineText], i) => ({
        content: `Nhiệm vụ ${number}.${i + 1}`, products: ['Báo cáo kết quả thực hiện'], leadText: 'Công chức Văn phòng – Thống kê', deadlineText,
      })),
    }));
    const plan = await createPlan(t, unitId, { phuLucs });
    planId = plan.id;
    tasks = plan.phuLucs.flatMap((p: any) => p.tasks);
    expect(tasks).toHaveLength(32);

    const complete = (task: any, completedOn: string, dueOn?: string) =>
      t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn, evidence: `Báo cáo ngày ${completedOn}`, ...(dueOn ? { dueOn } : {}) }).expect(200);
    // Phụ lục 01: on the last day of each month: on time
    for (const [i, task] of tasks.filter((x) => x.phuLuc === 1).entries()) {
      await complete(task, task.schedule.dueDates[0]);
      expect(task.schedule.dueDates[0]).toBe(['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31'][i]);
    }
    const pl = (n: number) => tasks.filter((x) => x.phuLuc === n);
    for (const task of pl(2)) await complete(task, '2023-06-20');
    for (const task of pl(3)) await complete(task, '2023-11-15');
    // Phụ lục 04: due 31/03; two done the day after, in local dates: late
    for (const [i, task] of pl(4).entries()) await complete(task, i < 2 ? '2023-04-01' : '2023-03-31');
    for (const task of pl(5)) await complete(task, '2023-12-10');
    for (const task of pl(6)) await complete(task, '2023-09-30');
    const [sixMonths, undated, q3, q4] = pl(7);
    await complete(sixMonths, '2023-06-29', '2023-06-30');
    await complete(sixMonths, '2023-12-14', '2023-12-31');
    await complete(undated, '2023-08-01');
    void q3; void q4; // Quý III overdue, Quý IV still within its deadline on 14/12
  });
  afterAll(() => t.close());

  it('reports 30/32 and 93,75% at the annual cut-off', async () => {
    const res = await t.http.get(`/api/plans/${planId}/progress?asOf=2023-12-14`).expect(200);
    expect(res.body).toMatchObject({
      asOf: '2023-12-14',
      planned: 32,
      completed: 30,
      completedOnTime: 28,
      completedLate: 2,
      overdue: 1,
      inProgress: 1,
      ratio: '30/32',
      percent: '93,75%',
      summary: 'đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch',
    });
  });

  it('gives the same figures for each Phụ lục, adding up to the plan', async () => {
    const res = await t.http.get(`/api/plans/${planId}/progress?asOf=2023-12-14`).expect(200);
    const byNumber = Object.fromEntries(res.body.phuLucs.map((p: any) => [p.phuLuc, p]));
    expect(byNumber[4]).toMatchObject({ planned: 4, completed: 4, completedOnTime: 2, completedLate: 2, ratio: '4/4', percent: '100%' });
    expect(byNumber[7]).toMatchObject({ planned: 4, completed: 2, overdue: 1, ratio: '2/4', percent: '50%' });
    expect(byNumber[1].title).toBe('Cải cách thể chế');
    const sum = (k: string) => res.body.phuLucs.reduce((n: number, p: any) => n + p[k], 0);
    for (const k of ['planned', 'completed', 'completedOnTime', 'completedLate', 'overdue']) expect(sum(k)).toBe(res.body[k]);
  });

  it('counts only what was completed on or before the date asked', async () => {
    // 30/06: Phụ lục 01 (5), 02 (5), 04 (4) done; the six-month report of Phụ lục 07 done but its year-end one is not
    const mid = await t.http.get(`/api/plans/${planId}/progress?asOf=2023-06-30`).expect(200);
    expect(mid.body).toMatchObject({ planned: 32, completed: 14, ratio: '14/32', percent: '43,75%' });
    // 31/03: the month tasks of Jan–Mar and the two on-time Phụ lục 04 tasks; the late ones come a day later
    const q1 = await t.http.get(`/api/plans/${planId}/progress?asOf=2023-03-31`).expect(200);
    expect(q1.body).toMatchObject({ completed: 5, completedOnTime: 5, completedLate: 0 });
    const apr1 = await t.http.get(`/api/plans/${planId}/progress?asOf=2023-04-01`).expect(200);
    expect(apr1.body).toMatchObject({ completed: 7, completedOnTime: 5, completedLate: 2 });
    // after the year, the Quý IV task is overdue too
    const after = await t.http.get(`/api/plans/${planId}/progress?asOf=2024-01-01`).expect(200);
    expect(after.body).toMatchObject({ completed: 30, overdue: 2, percent: '93,75%' });
  });

  it('tells on time from late by the local date of the due date', async () => {
    const task = (await t.http.get(`/api/plans/${planId}`).expect(200)).body.phuLucs[3].tasks;
    expect(task.map((x: any) => x.dueDates[0].onTime)).toEqual([false, false, true, true]);
    expect(task[0].dueDates[0]).toMatchObject({ dueOn: '2023-03-31', completedOn: '2023-04-01', evidence: 'Báo cáo ngày 2023-04-01' });
  });

  it('answers 404 for an unknown plan and 400 for an impossible date', async () => {
    await t.http.get('/api/plans/99999/progress').expect(404);
    const bad = await t.http.get(`/api/plans/${planId}/progress?asOf=2023-02-30`).expect(400);
    expect(bad.body.errors[0].field).toBe('asOf');
  });
});
