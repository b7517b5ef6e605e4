import { DEMO_PASSWORD, startApp, type TestApp } from './support/app.js';

/**
 * PATCH /api/units/:id/settings: a unit's chairman sets its reminder settings
 * and report cut-off convention (the page's Đơn vị), and nothing else of it.
 */
describe('unit settings', () => {
  let t: TestApp;
  let unitId: number;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    unitId = t.http.me.unitId!;
  });
  afterAll(() => t?.close());

  it("lets the chairman change the unit's reminders and cut-off convention, audited", async () => {
    const before = (await t.http.get(`/api/units/${unitId}`).expect(200)).body;
    const res = await t.http.patch(`/api/units/${unitId}/settings`)
      .send({ reminderOffsets: [3, 0], reminderTime: '08:15', overdueEveryDays: 2, reportCutoff: 'calendar', version: before.version }).expect(200);
    expect(res.body).toMatchObject({ id: unitId, name: before.name, parentId: before.parentId, reminderOffsets: [3, 0], reminderTime: '08:15', overdueEveryDays: 2, reportCutoff: 'calendar' });
    const log = (await t.http.get(`/api/audit?entity=unit&entityId=${unitId}`).expect(200)).body;
    expect(log[0]).toMatchObject({ action: 'updated', actorName: 'Lê Văn Thắng' });
    expect(Object.keys(log[0].changes).sort()).toEqual(['overdueEveryDays', 'reminderOffsets', 'reminderTime', 'reportCutoff']);
  });

  it("refuses the unit's name and superior there, in Vietnamese, changing nothing", async () => {
    const before = (await t.http.get(`/api/units/${unitId}`).expect(200)).body;
    const res = await t.http.patch(`/api/units/${unitId}/settings`).send({ name: 'UBND xã Khác', reminderTime: '09:00' }).expect(400);
    expect(res.body.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữđ]/i);
    expect((await t.http.get(`/api/units/${unitId}`).expect(200)).body).toEqual(before);
  });

  it('refuses a stale version with 409, and other roles with 403', async () => {
    const before = (await t.http.get(`/api/units/${unitId}`).expect(200)).body;
    await t.http.patch(`/api/units/${unitId}/settings`).send({ reminderTime: '10:00', version: before.version - 1 }).expect(409);
    const vice = await t.login('phochutich', DEMO_PASSWORD);
    await vice.patch(`/api/units/${unitId}/settings`).send({ reminderTime: '10:00' }).expect(403);
    expect((await t.http.get(`/api/units/${unitId}`).expect(200)).body.reminderTime).toBe(before.reminderTime);
  });
});
