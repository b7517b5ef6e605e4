import { DataSource } from 'typeorm';
import { AccountsRepository } from '../../src/accounts/accounts.repository.js';
import { User } from '../../src/accounts/entities/user.entity.js';
import { DeliveryClaim } from '../../src/notifications/entities/delivery-claim.entity.js';
import { NotificationsRepository } from '../../src/notifications/notifications.repository.js';
import { OrganizationRepository } from '../../src/organization/organization.repository.js';
import { PlansRepository } from '../../src/plans/plans.repository.js';
import { SessionsRepository } from '../../src/sessions/sessions.repository.js';
import { overviewListSql, TasksRepository } from '../../src/tasks/tasks.repository.js';
import { openTestDatabase } from './db.js';
import { seeder } from './seed.js';

/**
 * The repository tier: each feature's SQL against a real database, SQLite or
 * PostgreSQL (E2E_DATABASE), without the app, its queues or HTTP.
 */
describe(`repositories on ${process.env.E2E_DATABASE ?? 'sqlite'}`, () => {
  let db: DataSource;
  let close: () => Promise<void>;
  let seed: ReturnType<typeof seeder>;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    seed = seeder(db);
  });
  afterAll(() => close());

  it('organization: a unit and everything beneath it, at any depth, and nothing beside it', async () => {
    const org = new OrganizationRepository(db);
    const province = await seed.unit('Sở Nội vụ');
    const district = await seed.unit('Phòng Nội vụ', province.id);
    const communes = [await seed.unit('Xã A', district.id), await seed.unit('Xã B', district.id)];
    const other = await seed.unit('Tỉnh khác');
    expect((await org.selfAndBeneath(province.id)).sort((a, b) => a - b)).toEqual([province.id, district.id, ...communes.map((c) => c.id)]);
    expect(await org.selfAndBeneath(communes[0].id)).toEqual([communes[0].id]);
    expect(await org.selfAndBeneath(other.id)).toEqual([other.id]);
    // called inside the change's transaction (on PostgreSQL it locks the unit table)
    expect(await db.transaction((em) => org.isSelfOrBelow(em, communes[1].id, province.id))).toBe(true);
    expect(await db.transaction((em) => org.isSelfOrBelow(em, province.id, communes[1].id))).toBe(false);
  });

  it('tasks: per Phụ lục counts as of a date, late and overdue, cancelled tasks left out', async () => {
    const tasks = new TasksRepository(db);
    const unit = await seed.unit('Xã Đếm');
    const { plan, phuLucs } = await seed.plan(unit.id);
    await seed.task(plan, phuLucs[0], 1, [['2023-03-31', '2023-03-30']]); // on time
    await seed.task(plan, phuLucs[0], 2, [['2023-03-31', '2023-04-05']]); // late
    await seed.task(plan, phuLucs[0], 3, [['2023-03-31', null]]); // overdue by 14/6
    await seed.task(plan, phuLucs[1], 1, [['2023-03-31', '2023-03-01'], ['2023-09-30', null]]); // one of two done, not yet due
    await seed.task(plan, phuLucs[1], 2, [['2023-12-31', '2023-06-20']]); // done after the cut-off
    await seed.task(plan, phuLucs[2], 1, [['2023-01-31', null]], { status: 'cancelled' });
    const rows = await tasks.phuLucCounts(plan.id, '2023-06-14');
    expect(rows.map((r) => [r.phuLuc, r.planned, r.completed, r.completedOnTime, r.completedLate, r.overdue])).toEqual([
      [1, 3, 2, 1, 1, 1], [2, 2, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0], [5, 0, 0, 0, 0, 0], [6, 0, 0, 0, 0, 0], [7, 0, 0, 0, 0, 0],
    ]);
    expect((await tasks.phuLucCounts(plan.id, '2023-12-31'))[1].completed).toBe(1);
  });

  it('tasks: the open due dates that want reminders, with their unit\'s settings; completion by unit', async () => {
    const tasks = new TasksRepository(db);
    const unit = await seed.unit('Xã Nhắc', null, { reminderOffsets: [3], reminderTime: '08:00', overdueEveryDays: 2 });
    const issued = await seed.plan(unit.id, 'issued');
    const draft = await seed.plan(unit.id, 'draft');
    const open = await seed.task(issued.plan, issued.phuLucs[0], 1, [['2023-05-10', null], ['2023-06-10', '2023-06-01'], [null, null]]);
    await seed.task(issued.plan, issued.phuLucs[0], 2, [['2023-05-10', null]], { status: 'cancelled' });
    await seed.task(draft.plan, draft.phuLucs[0], 1, [['2023-05-10', null]]);
    const rows = await tasks.openDueDates([open.id]);
    expect(rows).toEqual([{ taskId: open.id, dueOn: '2023-05-10', unitId: unit.id, offsets: expect.anything(), timeOfDay: '08:00', overdueEveryDays: 2 }]);
    expect((await tasks.openDueDates()).filter((r) => r.unitId === unit.id).map((r) => r.taskId)).toEqual([open.id]);
    // drafts do not count; the open task is not completed as of any date
    expect(await tasks.completionByUnit([unit.id], 2023, '2023-12-31')).toEqual([{ unitId: unit.id, name: 'Xã Nhắc', planId: issued.plan.id, planned: 1, completed: 0 }]);
    expect(await tasks.idsOfPlans([issued.plan.id])).toHaveLength(2);
  });

  it('tasks: the facts of many reminders in one read, only the pairs asked for; officials of many units', async () => {
    const tasks = new TasksRepository(db);
    const unit = await seed.unit('Xã Gộp', null, { overdueEveryDays: 3 });
    const other = await seed.unit('Xã Gộp Khác');
    const issued = await seed.plan(unit.id, 'issued');
    const a = await seed.task(issued.plan, issued.phuLucs[0], 1, [['2023-05-10', null], ['2023-06-10', '2023-06-01']]);
    const b = await seed.task(issued.plan, issued.phuLucs[1], 2, [['2023-06-10', null]]);
    const found = await tasks.reminderFactsOf([{ taskId: a.id, dueOn: '2023-05-10' }, { taskId: b.id, dueOn: '2023-06-10' }, { taskId: a.id, dueOn: '2023-07-01' }]);
    // a's 2023-06-10 was not asked for, though both its task and its date were; a's 2023-07-01 does not exist
    expect([...found.keys()].sort()).toEqual([`${a.id}|2023-05-10`, `${b.id}|2023-06-10`].sort());
    expect(found.get(`${a.id}|2023-05-10`)).toMatchObject({ unitId: unit.id, taskStatus: 'open', planStatus: 'issued', overdueEveryDays: 3, ordinal: 1, completedOn: null });
    expect(found.get(`${b.id}|2023-06-10`)).toMatchObject({ unitId: unit.id, ordinal: 2, phuLuc: issued.phuLucs[1].number, completedOn: null });
    // the one-reminder read agrees
    expect(await tasks.reminderFacts(a.id, '2023-06-10')).toMatchObject({ completedOn: '2023-06-01' });
    expect(await tasks.reminderFacts(a.id, '2023-07-01')).toBeNull();
    expect(await tasks.reminderFactsOf([])).toEqual(new Map());

    const org = new OrganizationRepository(db);
    const lead = await seed.official(unit.id, 'Lê Văn Gộp');
    await seed.official(unit.id, 'Đã Nghỉ', { active: false });
    const there = await seed.official(other.id, 'Phạm Thị Khác');
    const [mine, theirs] = [await org.officialsOf(unit.id, { activeOnly: true }), await org.officialsOf(other.id, { activeOnly: true })];
    const both = await org.officialsOfUnits([unit.id, other.id], { activeOnly: true });
    expect(both.map((o) => o.id).sort((x, y) => x - y)).toEqual([...mine, ...theirs].map((o) => o.id).sort((x, y) => x - y));
    expect(both.map((o) => o.id).sort((x, y) => x - y)).toEqual([lead.id, there.id].sort((x, y) => x - y));
    expect(await org.officialsOfUnits([])).toEqual([]);
  });

  it('tasks: the open due dates up to a date, overdue ones included, for the reminder sweep; the offsets in use', async () => {
    const tasks = new TasksRepository(db);
    const unit = await seed.unit('Xã Cửa Sổ', null, { reminderOffsets: [30, 0] });
    const idle = await seed.unit('Xã Chưa Ban Hành', null, { reminderOffsets: [59] });
    const { plan, phuLucs } = await seed.plan(unit.id, 'issued');
    await seed.plan(idle.id, 'draft');
    const overdue = await seed.task(plan, phuLucs[0], 1, [['2026-01-05', null]]);
    const edge = await seed.task(plan, phuLucs[0], 2, [['2026-03-01', null], ['2026-03-02', null]]);
    const beyond = await seed.task(plan, phuLucs[0], 3, [['2026-03-02', null]]);
    await seed.task(plan, phuLucs[0], 4, [['2026-02-01', '2026-01-20']]);
    const mine = (rows: { taskId: number; dueOn: string }[]) => rows
      .filter((r) => [overdue.id, edge.id, beyond.id].includes(r.taskId)).map((r) => [r.taskId, r.dueOn]).sort();
    // the last day counts, the day after it does not; done ones never
    expect(mine(await tasks.openDueDates(undefined, '2026-03-01'))).toEqual([[overdue.id, '2026-01-05'], [edge.id, '2026-03-01']].sort());
    expect(mine(await tasks.openDueDates([edge.id, beyond.id], '2026-03-01'))).toEqual([[edge.id, '2026-03-01']]);
    expect(mine(await tasks.openDueDates(undefined))).toHaveLength(4);
    // units with an issued plan only: the draft's unit does not widen the window
    const offsets = (await tasks.reminderOffsetsInUse()).map((o) => (typeof o === 'string' ? JSON.parse(o) : o));
    expect(offsets).toContainEqual([30, 0]);
    expect(offsets).not.toContainEqual([59]);
    if (process.env.E2E_DATABASE !== 'postgres') {
      // SQLite reads the window through its index, not the whole table
      const plan = await db.query(`EXPLAIN QUERY PLAN SELECT t.id, d.due_on, u.reminder_offsets
        FROM task_due_date d JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = p.unit_id
        WHERE t.status = 'open' AND p.status = 'issued' AND d.completed_on IS NULL AND d.due_on IS NOT NULL AND d.due_on <= '2026-03-01'`);
      expect(plan.map((r: { detail: string }) => r.detail).join('\n')).toMatch(/SEARCH d USING COVERING INDEX ix_task_due_date_open_due/);
      // and a few tasks' due dates (a change, a task's reminders) through the task's index, not every open due date
      const byTask = await db.query(`EXPLAIN QUERY PLAN SELECT t.id, d.due_on, d.completed_on, u.reminder_offsets
        FROM task_due_date d JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = p.unit_id
        WHERE t.status = 'open' AND p.status = 'issued' AND d.due_on IS NOT NULL AND d.task_id IN (?, ?) AND d.due_on <= '2026-03-01'`, [edge.id, beyond.id]);
      expect(byTask.map((r: { detail: string }) => r.detail).join('\n')).toMatch(/SEARCH d USING INDEX ix_task_due_date_task_due/);
    }
  });

  it("overview lists read each task's due dates through the task's index, on SQLite not every open due date", async () => {
    if (process.env.E2E_DATABASE === 'postgres') return;
    for (const list of ['overdue', 'dueSoon', 'needsReview', 'unassigned'] as const) {
      const [sql, params] = db.driver.escapeQueryWithParameters(`EXPLAIN QUERY PLAN ${overviewListSql(list)}`, { planId: 1, asOf: '2023-06-20', soon: '2023-07-04', max: 100 });
      const plan = (await db.query(sql, params)).map((r: { detail: string }) => r.detail).join('\n');
      // the sweep's index (completed_on, due_on, task_id) would read every open due date of every plan for each task
      expect(plan).not.toMatch(/ix_task_due_date_open_due/);
      if (list === 'overdue' || list === 'dueSoon') expect(plan).toMatch(/SEARCH (dd|dn)( EXISTS)? USING (COVERING )?INDEX ix_task_due_date_task_due \(task_id=\?/);
    }
  });

  it('plans: by number within a unit and year, Phụ lục by number, plans by status', async () => {
    const plans = new PlansRepository(db);
    const unit = await seed.unit('Xã Kế Hoạch');
    const { plan } = await seed.plan(unit.id, 'closed', 2024);
    expect((await plans.sameNumber(db.manager, unit.id, 2024, plan.number))?.id).toBe(plan.id);
    expect(await plans.sameNumber(db.manager, unit.id, 2023, plan.number)).toBeNull();
    expect((await plans.phuLuc(db.manager, plan.id, 7))?.number).toBe(7);
    expect((await plans.phuLucs(db.manager, plan.id)).map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await plans.withStatus(['closed'], unit.id)).map((p) => p.id)).toEqual([plan.id]);
    expect(await plans.withStatus(['issued'], unit.id)).toEqual([]);
  });

  it('notifications: a delivery key is claimed once, even by two claims at once; delivered reminders are found by task', async () => {
    const repo = new NotificationsRepository(db);
    const first = await db.transaction(async (em) => (await repo.start(em, 'k|1', { taskId: null, dueOn: null, kind: 'report' }, null)).claim);
    const again = await db.transaction(async (em) => (await repo.start(em, 'k|1', { taskId: null, dueOn: null, kind: 'report' }, null)).claim);
    expect(again.id).toBe(first.id);
    expect(await db.getRepository(DeliveryClaim).countBy({ key: 'k|1' })).toBe(1);
    // the id a fresh claim answers is its row's (it is not read back); a claim started at once says when
    const at = new Date('2023-05-10T01:00:00Z');
    const started = await db.transaction((em) => repo.start(em, 'k|2', { taskId: null, dueOn: null, kind: 'report', channel: 'zalo' }, at));
    expect(started.fresh).toBe(true);
    const row = await db.getRepository(DeliveryClaim).findOneByOrFail({ key: 'k|2' });
    expect(row).toMatchObject({ id: started.claim.id, channel: 'zalo', mailedAt: null });
    expect(row.notifiedAt?.toISOString()).toBe(at.toISOString());
    const startedAgain = await db.transaction((em) => repo.start(em, 'k|2', { taskId: null, dueOn: null, kind: 'report' }, new Date()));
    expect(startedAgain).toMatchObject({ fresh: false, claim: { id: row.id } });
    expect(startedAgain.claim.notifiedAt?.toISOString()).toBe(at.toISOString());
    const unit = await seed.unit('Xã Báo');
    const { plan, phuLucs } = await seed.plan(unit.id);
    const task = await seed.task(plan, phuLucs[0], 1, [['2023-05-10', null]]);
    await db.transaction(async (em) => (await repo.start(em, `${task.id}|2023-05-10|due|2023-05-10`, { taskId: task.id, dueOn: '2023-05-10', kind: 'due' }, null)).claim);
    expect([...(await repo.deliveredReminders([task.id]))]).toEqual([`${task.id}|2023-05-10|due`]);
    const official = await seed.official(unit.id, 'Hoàng Văn Nhận');
    const ids = await db.transaction(async (em) => [
      await repo.insert(em, { officialId: official.id, taskId: task.id, kind: 'due', dueOn: '2023-05-10', title: 'Một', body: 'Thân một' }),
      await repo.insert(em, { officialId: official.id, taskId: task.id, kind: 'due', dueOn: '2023-05-10', title: 'Hai', body: 'Thân hai' }),
    ]);
    expect((await Promise.all(ids.map((id) => repo.byId(db.manager, id)))).map((n) => n?.title)).toEqual(['Một', 'Hai']);
    expect((await repo.deliveredReminders([])).size).toBe(0);
  });

  it('accounts and sessions: report recipients by role; a live session, ended ones pruned', async () => {
    const accounts = new AccountsRepository(db);
    const sessions = new SessionsRepository(db);
    const unit = await seed.unit('Xã Tài Khoản');
    const chair = await seed.official(unit.id, 'Chủ Tịch', { role: 'chairman' });
    const clerk = await seed.official(unit.id, 'Văn Phòng');
    const other = await seed.official(unit.id, 'Tư Pháp');
    const user = (username: string, role: User['role'], officialId: number, active = true) =>
      db.getRepository(User).save({ username, passwordHash: 'x', role, unitId: unit.id, officialId, active, mustChangePassword: false });
    const chairUser = await user('ct.tk', 'chairman', chair.id);
    await user('vp.tk', 'reporter', clerk.id);
    await user('tp.tk', 'reporter', other.id, false);
    expect((await accounts.officialIdsWithRole(unit.id, ['chairman', 'reporter'])).sort((a, b) => a - b)).toEqual([chair.id, clerk.id]);
    expect((await accounts.withHash({ username: 'ct.tk' }))?.passwordHash).toBe('x');
    expect((await accounts.byId(chairUser.id))?.passwordHash).toBeUndefined();

    const now = new Date();
    const live = await db.transaction((em) => sessions.start(em, chairUser.id, new Date(now.getTime() + 3600_000)));
    const old = await db.transaction((em) => sessions.start(em, chairUser.id, new Date(now.getTime() - 9 * 86_400_000)));
    expect(await sessions.live(live.id, chairUser.id, now)).toMatchObject({ username: 'ct.tk', full_name: 'Chủ Tịch' });
    expect(await sessions.live(old.id, chairUser.id, now)).toBeNull();
    expect(await db.transaction((em) => sessions.deleteEndedBefore(em, new Date(now.getTime() - 7 * 86_400_000)))).toBe(1);
    await db.transaction((em) => sessions.endAll(em, chairUser.id));
    expect(await sessions.live(live.id, chairUser.id, now)).toBeNull();
  });
});
