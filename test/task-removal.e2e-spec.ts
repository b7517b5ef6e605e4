import { startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, seedUnit } from './support/fixtures.js';

/** Removing a task row: only from a draft plan, by the unit's leaders, with what it was kept in the audit trail. */
describe('removing a task', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;

  const addTask = async (planId: number, body: Record<string, unknown> = {}) =>
    (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content: 'Nhiệm vụ gõ nhầm', deadlineText: 'Quý IV/2023', ...body }).expect(201)).body.task;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t));
  });
  afterAll(() => t.close());

  it('removes a row of a draft plan with its due dates, notes and coordinators, and records what it was', async () => {
    const plan = await createPlan(t, unitId, { number: '02/KH-UBND', status: 'draft' });
    const keep = await addTask(plan.id, { content: 'Nhiệm vụ giữ lại' });
    const task = await addTask(plan.id, { coordinatorIds: [people.taichinh], leadText: 'Công chức Tư pháp' });
    await t.http.post(`/api/tasks/${task.id}/notes`).send({ text: 'Ghi chú' }).expect(201);
    // a stale version is refused, and nothing goes
    await t.http.delete(`/api/tasks/${task.id}?version=${task.version + 5}`).expect(409);
    await t.http.get(`/api/tasks/${task.id}`).expect(200);

    await t.http.delete(`/api/tasks/${task.id}?version=${task.version}`).expect(204);
    await t.http.get(`/api/tasks/${task.id}`).expect(404);
    const after = (await t.http.get(`/api/plans/${plan.id}`).expect(200)).body;
    expect(after.phuLucs[0].tasks.map((x: any) => x.id)).toEqual([keep.id]);
    for (const table of ['task_due_date', 'task_note', 'task_coordinator']) {
      const [{ n }] = await t.db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE task_id = ${task.id}`);
      expect(Number(n)).toBe(0);
    }
    const trail = (await t.http.get(`/api/audit?unitId=${unitId}&entity=task`).expect(200)).body;
    expect(trail.find((e: any) => e.entityId === task.id && e.action === 'removed')).toMatchObject({
      changes: { content: { from: 'Nhiệm vụ gõ nhầm', to: null } },
    });
  });

  it("keeps an issued plan's tasks: they are cancelled with a reason instead", async () => {
    const plan = await createPlan(t, unitId, { number: '03/KH-UBND', status: 'draft' });
    const task = await addTask(plan.id);
    await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
    const res = await t.http.delete(`/api/tasks/${task.id}`).expect(409);
    expect(res.body.message).toBe('Kế hoạch đã ban hành nên không xóa được nhiệm vụ; hãy hủy nhiệm vụ và ghi lý do.');
    await t.http.get(`/api/tasks/${task.id}`).expect(200);
  });

  it("is not an official's to do", async () => {
    const plan = await createPlan(t, unitId, { number: '04/KH-UBND', status: 'draft' });
    const task = await addTask(plan.id, { leadText: 'Công chức Tư pháp' });
    const official = await accountFor(t, 'tuphap.xoa', 'official', unitId, people.tuphap);
    await official.delete(`/api/tasks/${task.id}`).expect(403);
    await t.http.get(`/api/tasks/${task.id}`).expect(200);
  });
});
