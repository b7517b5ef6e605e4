import request from 'supertest';
import { todayLocal, formatVnDate } from '../src/common/local-date.js';
import { Queues } from '../src/queue/queues.service.js';
import { JOBS, SCHEDULERS } from '../src/queue/queue-names.js';
import { Session } from '../src/sessions/entities/session.entity.js';
import { ADMIN, claimsOf, Client, startApp, TestApp } from './support/app.js';
import { accountFor, seedUnit, TEST_PASSWORD } from './support/fixtures.js';
import { eventually } from './support/smtp.js';

const vn = (d: string) => formatVnDate(d);

/** Cookies the server set, by name: "name=value; HttpOnly; …" */
function cookies(res: request.Response): Record<string, string> {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return Object.fromEntries(set.map((c) => [c.split('=')[0], c]));
}
const cookieValue = (c: string) => c.split(';')[0].split('=').slice(1).join('=');

describe('two communes: nobody reads, completes or even detects the other\'s tasks', () => {
  let t: TestApp;
  let A: Awaited<ReturnType<typeof seedUnit>>;
  let B: Awaited<ReturnType<typeof seedUnit>>;
  let officialA: Client;
  let taskA: any;
  let colleagueTask: any;
  let taskB: any;

  beforeAll(async () => {
    t = await startApp();
    A = await seedUnit(t, 'UBND xã A', { signIn: false });
    B = await seedUnit(t, 'UBND xã B', { signIn: false });
    officialA = await accountFor(t, 'tuphap.a', 'official', A.unitId, A.people.tuphap);
    const planA = (await A.chair.post('/api/plans').send({
      unitId: A.unitId, number: '01/KH', title: 'Kế hoạch CCHC 2023', year: 2023, status: 'issued',
      phuLucs: [{ number: 1, tasks: [
        { content: 'Việc của Tư pháp', assigneeId: A.people.tuphap, deadlineText: 'Tháng 3/2023' },
        { content: 'Việc của Tài chính', assigneeId: A.people.taichinh, deadlineText: 'Tháng 3/2023' },
      ] }],
    }).expect(201)).body;
    [taskA, colleagueTask] = planA.phuLucs[0].tasks;
    const planB = (await B.chair.post('/api/plans').send({
      unitId: B.unitId, number: '01/KH', title: 'Kế hoạch CCHC 2023', year: 2023, status: 'issued',
      phuLucs: [{ number: 1, tasks: [{ content: 'Việc của xã B', assigneeId: B.people.tuphap, deadlineText: 'Tháng 3/2023' }] }],
    }).expect(201)).body;
    taskB = planB.phuLucs[0].tasks[0];
  });
  afterAll(() => t.close());

  it('answers an official of A about B\'s task exactly as about a task that does not exist', async () => {
    const missing = 999_999;
    for (const [method, suffix, body] of [['get', '', undefined], ['get', '/history', undefined], ['post', '/complete', { completedOn: '2023-03-01' }], ['post', '/notes', { text: 'x' }]] as const) {
      const real = await (officialA as any)[method](`/api/tasks/${taskB.id}${suffix}`).send(body);
      const none = await (officialA as any)[method](`/api/tasks/${missing}${suffix}`).send(body);
      expect(real.status).toBe(404);
      expect(none.status).toBe(404);
      expect(real.body.message.replace(String(taskB.id), 'N')).toBe(none.body.message.replace(String(missing), 'N'));
    }
    expect((await officialA.get('/api/tasks').expect(200)).body.map((x: any) => x.id)).not.toContain(taskB.id);
    // and B's task is untouched
    expect((await B.chair.get(`/api/tasks/${taskB.id}`).expect(200)).body.status).toBe('open');
  });

  it('lets an official complete their own task but not a colleague\'s', async () => {
    await officialA.post(`/api/tasks/${colleagueTask.id}/complete`).send({ completedOn: '2023-03-01' }).expect(403);
    expect((await officialA.get(`/api/tasks/${colleagueTask.id}`).expect(200)).body.status).toBe('open');
    await officialA.post(`/api/tasks/${taskA.id}/complete`).send({ completedOn: '2023-03-01', evidence: 'Báo cáo 01' }).expect(200);
    // nor reassign anything
    await officialA.patch(`/api/tasks/${taskA.id}`).send({ assigneeId: A.people.tuphap }).expect(403);
  });

  it('does not let a chairman act on another commune', async () => {
    await A.chair.patch(`/api/tasks/${taskB.id}`).send({ content: 'Sửa' }).expect(404);
    await A.chair.post(`/api/tasks/${taskB.id}/complete`).send({ completedOn: '2023-03-01' }).expect(404);
    // a plan, an official or an account for B is refused as if B did not exist
    const plan = await A.chair.post('/api/plans').send({ unitId: B.unitId, number: '02/KH', title: 'X', year: 2023 }).expect(400);
    expect(plan.body.message).toBe(`unitId: không có đơn vị mã ${B.unitId}`);
    await A.chair.post('/api/officials').send({ unitId: B.unitId, fullName: 'Người lạ', position: 'Công chức' }).expect(400);
    await A.chair.post('/api/users').send({ username: 'nguoila', password: TEST_PASSWORD, role: 'official', unitId: B.unitId, officialId: B.people.vanhoa }).expect(400);
    await A.chair.post('/api/users').send({ username: 'nguoila', password: TEST_PASSWORD, role: 'official', unitId: A.unitId, officialId: B.people.vanhoa }).expect(400);
    // a chairman grants only the roles below theirs
    await A.chair.post('/api/users').send({ username: 'quantri2', password: TEST_PASSWORD, role: 'admin' }).expect(403);
    expect((await B.chair.get(`/api/tasks/${taskB.id}`).expect(200)).body.content).toBe('Việc của xã B');
  });
});

describe('audit trail', () => {
  let t: TestApp;
  let unit: Awaited<ReturnType<typeof seedUnit>>;
  let official: Client;

  beforeAll(async () => {
    t = await startApp();
    unit = await seedUnit(t, 'UBND xã Nhật Ký');
    official = await accountFor(t, 'tuphap.nk', 'official', unit.unitId, unit.people.tuphap);
  });
  afterAll(() => t.close());

  const trail = async (q = '') => (await t.admin.get(`/api/audit?limit=500${q}`).expect(200)).body as any[];

  it('records every change made through the API once, with its actor and before → after', async () => {
    const before = (await trail()).length;
    // the administrator changes a setting
    await t.admin.patch(`/api/units/${unit.unitId}`).send({ reminderTime: '08:00' }).expect(200);
    // the chairman makes and issues a plan, and reassigns its task
    const plan = (await unit.chair.post('/api/plans').send({
      unitId: unit.unitId, number: '05/KH', title: 'Kế hoạch CCHC 2023', year: 2023,
      phuLucs: [{ number: 2, tasks: [{ content: 'Rà soát thủ tục', leadText: 'Công chức Văn phòng – Thống kê', deadlineText: 'Tháng 5/2023' }] }],
    }).expect(201)).body;
    const task = plan.phuLucs[1].tasks[0];
    await unit.chair.post(`/api/plans/${plan.id}/issue`).send({ issuedOn: '2023-01-05' }).expect(200);
    await unit.chair.patch(`/api/tasks/${task.id}`).send({ assigneeId: unit.people.tuphap }).expect(200);
    // the official completes it with a note; the chairman reopens it
    await official.post(`/api/tasks/${task.id}/notes`).send({ text: 'Đã rà soát 12 thủ tục' }).expect(201);
    await official.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-05-20', evidence: 'Báo cáo 07/BC' }).expect(200);
    await unit.chair.post(`/api/tasks/${task.id}/reopen`).send({ reason: 'Thiếu phụ lục' }).expect(200);
    // a refused change leaves no record
    await official.post(`/api/tasks/${task.id}/cancel`).send({ reason: 'x' }).expect(403);
    await unit.chair.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2099-01-01' }).expect(400);

    const entries = (await trail()).slice(0, (await trail()).length - before).reverse();
    const line = (e: any) => `${e.actorName}: ${e.entity} ${e.action}`;
    expect(entries.map(line)).toEqual([
      'admin: unit updated',
      'Lê Văn Chủ: plan created',
      'Lê Văn Chủ: task created',
      'Lê Văn Chủ: plan issued',
      'Lê Văn Chủ: task assigned',
      'Hoàng Văn Pháp: task note',
      'Hoàng Văn Pháp: task completed',
      'Lê Văn Chủ: task reopened',
    ]);
    const byAction = Object.fromEntries(entries.map((e) => [`${e.entity} ${e.action}`, e]));
    expect(byAction['unit updated'].changes).toEqual({ reminderTime: { from: '07:30', to: '08:00' } });
    expect(byAction['plan issued'].changes.status).toEqual({ from: 'draft', to: 'issued' });
    expect(byAction['task assigned'].changes.assigneeId).toEqual({ from: unit.people.vanphong, to: unit.people.tuphap });
    expect(byAction['task completed'].changes).toMatchObject({ completedOn: { from: null, to: '2023-05-20' }, evidence: { from: null, to: 'Báo cáo 07/BC' } });
    expect(byAction['task reopened']).toMatchObject({ note: 'Thiếu phụ lục', changes: { completedOn: { from: '2023-05-20', to: null } } });
    expect(entries.every((e) => e.actorKind === 'user' && e.actorUserId && new Date(e.at).getTime() > Date.now() - 60_000)).toBe(true);
    // the task shows its own part of the trail, with who did it
    const history = (await official.get(`/api/tasks/${task.id}/history`).expect(200)).body;
    expect(history.map((h: any) => `${h.actorName}: ${h.action}`)).toEqual([
      'Lê Văn Chủ: created', 'Lê Văn Chủ: assigned', 'Hoàng Văn Pháp: note', 'Hoàng Văn Pháp: completed', 'Lê Văn Chủ: reopened',
    ]);
    // the chairman reads the unit's trail, filtered
    const mine = (await unit.chair.get(`/api/audit?entity=task&entityId=${task.id}&action=completed`).expect(200)).body;
    expect(mine).toHaveLength(1);
    expect(mine[0].actorName).toBe('Hoàng Văn Pháp');
  });

  it('records accounts: creation, a reset and a password change, never the password', async () => {
    const made = (await t.admin.post('/api/users').send({ username: 'taichinh.nk', password: TEST_PASSWORD, role: 'official', unitId: unit.unitId, officialId: unit.people.taichinh }).expect(201)).body;
    await t.admin.post(`/api/users/${made.id}/reset-password`).send({ password: 'dat-lai-2026' }).expect(200);
    const entries = (await trail(`&entity=user&entityId=${made.id}`)).reverse();
    expect(entries.map((e: any) => `${e.actorName}: ${e.action}`)).toEqual(['admin: created', 'admin: password_reset']);
    expect(entries[0].changes).toMatchObject({ username: { from: null, to: 'taichinh.nk' }, role: { from: null, to: 'official' } });
    expect(JSON.stringify(entries)).not.toMatch(/argon2|dat-lai-2026|mat-khau/);
    // nor does any account answer carry its hash
    const users = [made, (await t.admin.get(`/api/users/${made.id}`).expect(200)).body, ...(await t.admin.get('/api/users').expect(200)).body];
    expect(JSON.stringify(users)).not.toMatch(/argon2|passwordHash/);
  });

  it('records what the reminders\' and the reports\' jobs change, as the system', async () => {
    const today = todayLocal();
    const plan = (await unit.chair.post('/api/plans').send({
      unitId: unit.unitId, number: '06/KH', title: 'Kế hoạch CCHC 2023', year: 2023, status: 'issued', issuedOn: '2023-01-05',
      phuLucs: [{ number: 1, tasks: [{ content: 'Hạn hôm nay', assigneeId: unit.people.tuphap, deadlineText: `Trước ${vn(today)}` }] }],
    }).expect(201)).body;
    const task = plan.phuLucs[0].tasks[0];
    const reminded = await eventually(async () => {
      const h = (await unit.chair.get(`/api/tasks/${task.id}/history`).expect(200)).body.filter((e: any) => e.action === 'reminded');
      return h.length ? h : null;
    }, 15000, 'the reminder');
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toMatchObject({ actorKind: 'system', actorName: 'Hệ thống', actorUserId: null });
    expect(reminded[0].changes.reminder.to).toMatchObject({ dueOn: today, recipients: ['Hoàng Văn Pháp'] });

    const queue = t.app.get(Queues).for(JOBS.reports);
    await queue.add(JOBS.reports, { now: '2023-06-15T00:00:00.000Z' }, { jobId: 'audit-reports-1' });
    await eventually(async () => (await queue.getJobState('audit-reports-1')) === 'completed', 20000, 'the reports job');
    const reports = (await trail(`&entity=report&unitId=${unit.unitId}`)).filter((e) => e.actorKind === 'system');
    // two issued plans; the trail words the period, never its code
    expect(reports.map((e) => e.changes.report.to.period).sort()).toEqual(['6 tháng đầu năm 2023', '6 tháng đầu năm 2023', 'quý II năm 2023', 'quý II năm 2023']);
    expect(reports.every((e) => e.actorName === 'Hệ thống' && e.action === 'generated')).toBe(true);
    const told = (await trail(`&entity=notification&unitId=${unit.unitId}`)).filter((e) => e.actorKind === 'system');
    expect(told.length).toBeGreaterThanOrEqual(4);
  });

  it('offers no way to change or delete a record', async () => {
    const [entry] = await trail();
    for (const method of ['patch', 'put', 'delete'] as const) {
      await (t.admin as any)[method](`/api/audit/${entry.id}`).send({}).expect(404);
    }
    await t.admin.post('/api/audit').send({}).expect(404);
    await official.get('/api/audit').expect(403);
  });

  it('is refused UPDATE and DELETE by the database itself', async () => {
    const count = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
    const before = await count();
    await expect(t.db.query("UPDATE audit_log SET actor_name = 'Người khác'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    expect(Number((await t.db.query("SELECT COUNT(*) AS n FROM audit_log WHERE actor_name = 'Người khác'"))[0].n)).toBe(0);
  });
});

describe('signing in, sessions and hardening', () => {
  let t: TestApp;
  let unit: Awaited<ReturnType<typeof seedUnit>>;

  beforeAll(async () => {
    // behind a trusted proxy (loopback), so a test can sign in from an address of its own
    t = await startApp({ env: { LOGIN_WINDOW_SECONDS: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '8', TRUST_PROXY: 'loopback' } });
    unit = await seedUnit(t, 'UBND xã Bảo Mật');
    await accountFor(t, 'vanhoa.bm', 'official', unit.unitId, unit.people.vanhoa);
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) => t.anon.post('/api/auth/login').send({ username, password });

  it('answers the sixth failed sign-in in the window with 429, and takes the right password after it', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login('vanhoa.bm', 'sai-mat-khau').expect(401);
      expect(res.body.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    const sixth = await login('vanhoa.bm', 'sai-mat-khau').expect(429);
    expect(sixth.body.message).toMatch(/quá nhiều lần/);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // during the window even the right password waits
    await login('vanhoa.bm', TEST_PASSWORD).expect(429);
    // other people at the same address are not locked out by it
    await login(ADMIN.username, ADMIN.password).expect(200);
    await new Promise((r) => setTimeout(r, 3100));
    const ok = await login('vanhoa.bm', TEST_PASSWORD).expect(200);
    expect(ok.body.user).toMatchObject({ username: 'vanhoa.bm', role: 'official', name: 'Phạm Văn Hóa' });
  });

  it('limits failures per address too, whatever the usernames', async () => {
    const from = (username: string, password: string) => login(username, password).set('X-Forwarded-For', '192.0.2.8');
    // at once, so that the window cannot end half way on a slow machine
    const eight = await Promise.all(Array.from({ length: 8 }, (_, i) => from(`khach${i + 1}`, 'doan-bua')));
    expect(eight.map((r) => r.status)).toEqual(Array(8).fill(401));
    await from('khach9', 'doan-bua').expect(429);
    await from(ADMIN.username, ADMIN.password).expect(429);
    // another address is not held back by it
    await login(ADMIN.username, ADMIN.password).set('X-Forwarded-For', '192.0.2.9').expect(200);
  });

  it('issues an httpOnly SameSite cookie, and wants the anti-forgery token on changes made with it', async () => {
    await new Promise((r) => setTimeout(r, 2100));
    const res = await login('vanhoa.bm', TEST_PASSWORD).expect(200);
    const set = cookies(res);
    expect(set.cchc_token).toMatch(/HttpOnly/);
    expect(set.cchc_token).toMatch(/SameSite=Strict/);
    expect(set.cchc_csrf).not.toMatch(/HttpOnly/);
    const cookie = `cchc_token=${cookieValue(set.cchc_token)}`;
    expect((await t.anon.get('/api/auth/me').set('Cookie', cookie).expect(200)).body.username).toBe('vanhoa.bm');
    const noToken = await t.anon.post('/api/deadlines/parse').set('Cookie', cookie).send({ text: 'Quý II/2023', year: 2023 }).expect(403);
    expect(noToken.body.message).toMatch(/chống giả mạo/);
    await t.anon.post('/api/deadlines/parse').set('Cookie', cookie).set('X-CSRF-Token', 'doan-bua').send({ text: 'Quý II/2023', year: 2023 }).expect(403);
    await t.anon.post('/api/deadlines/parse').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).send({ text: 'Quý II/2023', year: 2023 }).expect(200);
    expect(res.body.csrfToken).toBe(cookieValue(set.cchc_csrf));
    // a Bearer client needs no anti-forgery token: no browser sends that header on its own
    await t.anon.post('/api/deadlines/parse').set('Authorization', `Bearer ${res.body.accessToken}`).send({ text: 'Quý II/2023', year: 2023 }).expect(200);
  });

  it('ends a session on sign-out, other sessions on a password change, and all on a reset or a lock', async () => {
    const first = await t.login('vanhoa.bm', TEST_PASSWORD);
    const second = await t.login('vanhoa.bm', TEST_PASSWORD);
    await first.post('/api/auth/logout').send({}).expect(200);
    expect((await first.get('/api/auth/me').expect(401)).body.message).toMatch(/hết hạn/);
    await second.get('/api/auth/me').expect(200);

    const third = await t.login('vanhoa.bm', TEST_PASSWORD);
    const weak = await second.post('/api/auth/change-password').send({ currentPassword: TEST_PASSWORD, newPassword: 'vanhoa.bm123' }).expect(400);
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword', message: expect.stringMatching(/tên đăng nhập/) });
    await second.post('/api/auth/change-password').send({ currentPassword: 'sai', newPassword: 'mat-khau-moi-2026' }).expect(400);
    await second.post('/api/auth/change-password').send({ currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' }).expect(200);
    await second.get('/api/auth/me').expect(200);
    await third.get('/api/auth/me').expect(401);
    await login('vanhoa.bm', TEST_PASSWORD).expect(401);

    // the administrator resets it: every session ends, and the new password must be changed before anything else
    const me = second.me;
    const reset = (await t.admin.post(`/api/users/${me.id}/reset-password`).send({}).expect(200)).body;
    expect(reset.password).toMatch(/^[A-Za-z0-9]{16}$/);
    await second.get('/api/auth/me').expect(401);
    const afterReset = await t.login('vanhoa.bm', reset.password);
    expect((await afterReset.get('/api/auth/me').expect(200)).body.mustChangePassword).toBe(true);
    expect((await afterReset.get('/api/plans').expect(403)).body.message).toMatch(/đổi mật khẩu/);
    await afterReset.post('/api/auth/change-password').send({ currentPassword: reset.password, newPassword: 'mat-khau-rieng-2026' }).expect(200);
    await afterReset.get('/api/plans').expect(200);

    // a locked account signs in no more, and its sessions end
    await unit.chair.patch(`/api/users/${me.id}`).send({ active: false }).expect(200);
    await afterReset.get('/api/auth/me').expect(401);
    // with the right password, the answer is exactly a wrong password's: it confirms nothing
    const locked = (await login('vanhoa.bm', 'mat-khau-rieng-2026').expect(401)).body;
    expect(locked).toEqual((await login('vanhoa.bm', 'sai-mat-khau-2026').expect(401)).body);
  });

  it('makes the owner of a new account replace the password someone else chose, unless its creator says not to', async () => {
    const given = await unit.chair.post('/api/users').send({ username: 'tuphap.moi', password: 'mat-khau-cap-2026', role: 'official', officialId: unit.people.tuphap }).expect(201);
    expect(given.body).toMatchObject({ unitId: unit.unitId, mustChangePassword: true, roleLabel: 'Công chức' });
    expect((await unit.chair.get('/api/users').expect(200)).body.find((u: any) => u.username === 'tuphap.moi').roleLabel).toBe('Công chức');
    expect((await unit.chair.get('/api/auth/me').expect(200)).body.grants.map((g: any) => g.role)).toEqual(['vice_chairman', 'official', 'reporter']);
    const owner = await t.login('tuphap.moi', 'mat-khau-cap-2026');
    expect((await owner.get('/api/plans').expect(403)).body.message).toMatch(/đổi mật khẩu/);
    await owner.post('/api/auth/change-password').send({ currentPassword: 'mat-khau-cap-2026', newPassword: 'cua-rieng-toi-2026' }).expect(200);
    await owner.get('/api/plans').expect(200);
    // scripted provisioning may opt out
    const scripted = await unit.chair.post('/api/users').send({ username: 'vanphong.moi', password: 'mat-khau-cap-2026', role: 'reporter', officialId: unit.people.vanphong, mustChangePassword: false }).expect(201);
    expect(scripted.body.mustChangePassword).toBe(false);
    await (await t.login('vanphong.moi', 'mat-khau-cap-2026')).get('/api/plans').expect(200);
  });

  it('forgets sign-ins that ended over a week ago, in the daily job', async () => {
    const live = await t.login(ADMIN.username, ADMIN.password);
    const old = await t.login(ADMIN.username, ADMIN.password);
    const sid = (c: Client) => claimsOf(c.token).sid;
    await t.db.getRepository(Session).update(sid(old), { expiresAt: new Date(Date.now() - 8 * 86_400_000) });
    const queue = t.app.get(Queues).for(JOBS.pruneSessions);
    expect(await queue.getJobScheduler(SCHEDULERS.sessionsDaily)).toMatchObject({ pattern: '0 3 * * *', tz: 'Asia/Ho_Chi_Minh' });
    await queue.add(JOBS.pruneSessions, {}, { jobId: 'prune-test-1' });
    await eventually(async () => (await queue.getJobState('prune-test-1')) === 'completed', 15000, 'the prune job');
    expect(await t.db.getRepository(Session).existsBy({ id: sid(old) })).toBe(false);
    expect(await t.db.getRepository(Session).existsBy({ id: sid(live) })).toBe(true);
    await live.get('/api/auth/me').expect(200);
  });

  it('sends security headers, limits bodies, and leaks no stack or SQL', async () => {
    const page = await t.anon.get('/').expect(200);
    // the web app has no inline script: only the server's own files run
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
    const api = await t.anon.get('/api/health');
    // HSTS only for requests that came over HTTPS (test/http-hardening.e2e-spec.ts): this one is plain HTTP
    expect(api.headers['strict-transport-security']).toBeUndefined();
    const big = await t.http.post('/api/deadlines/parse').set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(1_100_000), year: 2023 }));
    expect(big.status).toBe(413);
    const bad = await t.anon.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": ');
    expect(bad.status).toBe(400);
    for (const res of [big, bad]) expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|SELECT|SQLITE|stack/i);
  });
});
