import { addDays, formatVnDate, todayLocal } from '../src/common/local-date.js';
import { SCHEDULERS } from '../src/queue/queue-names.js';
import { Queues } from '../src/queue/queues.service.js';
import { ADMIN, startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, plainDueDate, seedUnit, TEST_PASSWORD } from './support/fixtures.js';
import { startRedis } from './support/redis.js';
import { eventually } from './support/smtp.js';

/**
 * The defects found by probing the running server (abuse and faults), each
 * reproduced: concurrent guesses, a Redis that refuses writes, loses its data,
 * is down or starts late, a unit chain closed into a loop, a closed plan
 * written to, names probed across communes, an inactive official.
 */
const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;
const thisYear = () => Number(todayLocal().slice(0, 4));

/**
 * A task due in 12 days or a little more, on a day whose reminders no weekend
 * moves. These tests are about Redis failing: their apps hold reminders of the
 * next 1,000 hours in Redis (REMINDER_HORIZON_HOURS), so that all four of the
 * task's are there; the 48-hour horizon is tested in reminders.e2e-spec.ts.
 */
const WIDE_HORIZON = { REMINDER_HORIZON_HOURS: '1000' };
async function issuedTask(t: TestApp, unitId: number, dueInDays = 12) {
  const plan = await createPlan(t, unitId, { number: `${Math.random().toString(36).slice(2, 7)}/KH`, year: thisYear() });
  await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
  const due = plainDueDate(dueInDays);
  return (await t.http.post(`/api/plans/${plan.id}/tasks`)
    .send({ phuLuc: 1, content: 'Việc có nhắc', leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${formatVnDate(due)}` }).expect(201)).body.task;
}

const reminderStates = async (t: TestApp, taskId: number) =>
  (await t.http.get(`/api/tasks/${taskId}/reminders`).expect(200)).body.map((r: any) => `${r.kind}:${r.state}`).sort();

describe('the login limit under concurrent guesses', () => {
  let t: TestApp;
  beforeAll(async () => {
    // behind a trusted proxy (loopback): each test guesses from an address of its own
    t = await startApp({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());
  const guess = (from: string, username: string, password: string) =>
    t.anon.post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('counts each guess before checking it: 40 at once for one name, 60 names at once from one address', async () => {
    const one = await Promise.all(Array.from({ length: 40 }, () => guess('192.0.2.1', ADMIN.username, 'sai-mat-khau-0')));
    const statuses = one.map((r) => r.status);
    expect(count(statuses, 401)).toBeLessThanOrEqual(5);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(40);
    expect(one.find((r) => r.status === 429)!.headers['retry-after']).toMatch(/^\d+$/);
    const many = await Promise.all(Array.from({ length: 60 }, (_, i) => guess('192.0.2.2', `khong-co-${i}`, 'sai-mat-khau-0')));
    expect(count(many.map((r) => r.status), 401)).toBeLessThanOrEqual(20);
    expect(count(many.map((r) => r.status), 401) + count(many.map((r) => r.status), 429)).toBe(60);
    // the guessed name waits out its window, even with the right password and from elsewhere
    await guess('192.0.2.3', ADMIN.username, ADMIN.password).expect(429);
  });

  it('limits guesses of the current password when changing it', async () => {
    const me = await accountFor(t, 'doi.mat.khau', 'viewer', (await t.admin.post('/api/units').send({ name: 'Sở Thử' }).expect(201)).body.id, null);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await me.post('/api/auth/change-password').send({ currentPassword: `sai-${i}-mat-khau`, newPassword: 'mat-khau-moi-2026' })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(count(statuses, 429)).toBe(25);
    const right = await me.post('/api/auth/change-password').send({ currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' });
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/quá nhiều lần/);
  });
});

describe('a Redis that refuses writes, loses its data, or is down', () => {
  let t: TestApp;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let unitId: number;
  beforeAll(async () => {
    redis = await startRedis();
    t = await startApp({ env: { REDIS_URL: redis.url, SCHEDULE_CHECK_SECONDS: '1', ...WIDE_HORIZON } });
    ({ unitId } = await seedUnit(t));
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('keeps the login limit and says so in /api/health when Redis refuses writes', async () => {
    const admin = redis.client();
    await admin.config('SET', 'maxmemory', '1');
    try {
      const health = (await t.anon.get('/api/health').expect(200)).body;
      expect(health).toMatchObject({ status: 'degraded', redis: { status: 'refusing-writes' } });
      expect(health.notes[0]).toMatch(/Redis từ chối ghi/);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await t.anon.post('/api/auth/login').send({ username: 'chu-tich-x', password: `sai-${i}-mat-khau` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    expect((await t.anon.get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', redis: { status: 'up' } });
  });

  it('shows reminders a full Redis could not take as missing, and schedules them once it can', async () => {
    const admin = redis.client();
    await admin.config('SET', 'maxmemory', '1');
    let task: any;
    try {
      task = await issuedTask(t, unitId);
      expect(await reminderStates(t, task.id)).toEqual(['before-1:missing', 'before-7:missing', 'due:missing', 'overdue-1:missing']);
    } finally {
      await admin.config('SET', 'maxmemory', '0');
    }
    await eventually(async () => (await reminderStates(t, task.id)).every((s: string) => s.endsWith(':delayed')), 15000, 'the reminders rebuilt');
  });

  it('rebuilds the recurring jobs and every reminder after FLUSHALL, from a timer of its own', async () => {
    const task = await issuedTask(t, unitId);
    const before = await reminderStates(t, task.id);
    const queues = t.app.get(Queues);
    await redis.client().flushall();
    await eventually(async () => {
      const schedulers = (await Promise.all(queues.all().map((q) => q.getJobSchedulersCount()))).reduce((a, b) => a + b, 0);
      return schedulers === Object.keys(SCHEDULERS).length;
    }, 15000, 'the job schedulers');
    await eventually(async () => JSON.stringify(await reminderStates(t, task.id)) === JSON.stringify(before), 15000, 'the reminders');
  });

  it('answers task reads and writes while Redis is down, and says what it cannot know', async () => {
    const task = await issuedTask(t, unitId);
    await redis.stop();
    try {
      expect(await reminderStates(t, task.id)).toEqual(['before-1:unknown', 'before-7:unknown', 'due:unknown', 'overdue-1:unknown']);
      await t.http.patch(`/api/tasks/${task.id}`).send({ content: 'Việc sửa khi Redis ngừng' }).expect(200);
      expect((await t.anon.get('/api/health').expect(200)).body).toMatchObject({ status: 'degraded', redis: { status: 'down' } });
    } finally {
      redis = await startRedis(redis.port);
    }
    // an empty Redis came back on the same address: the schedule is rebuilt
    await eventually(async () => (await reminderStates(t, task.id)).every((s: string) => s.endsWith(':delayed')), 20000, 'the reminders rebuilt');
  });
});

describe('a server that started before its Redis', () => {
  it('builds its recurring jobs and reminders once Redis answers', async () => {
    const port = await (await import('./support/redis.js')).freePort();
    const t = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, SCHEDULE_CHECK_SECONDS: '1', ...WIDE_HORIZON } });
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    try {
      const { unitId } = await seedUnit(t);
      const task = await issuedTask(t, unitId);
      expect(await reminderStates(t, task.id)).toEqual(['before-1:unknown', 'before-7:unknown', 'due:unknown', 'overdue-1:unknown']);
      redis = await startRedis(port);
      const queues = t.app.get(Queues);
      await eventually(async () => {
        const n = (await Promise.all(queues.all().map((q) => q.getJobSchedulersCount().catch(() => 0)))).reduce((a, b) => a + b, 0);
        return n === Object.keys(SCHEDULERS).length;
      }, 20000, 'the job schedulers');
      await eventually(async () => (await reminderStates(t, task.id)).every((s: string) => s.endsWith(':delayed')), 20000, 'the reminders');
    } finally {
      await t.close();
      await redis?.stop();
    }
  });
});

describe('rules that held only in part', () => {
  let t: TestApp;
  let A: Awaited<ReturnType<typeof seedUnit>>;
  let B: Awaited<ReturnType<typeof seedUnit>>;
  beforeAll(async () => {
    t = await startApp();
    B = await seedUnit(t, 'UBND xã Bên Kia', { signIn: false });
    A = await seedUnit(t, 'UBND xã Bên Này');
  });
  afterAll(() => t.close());

  it('refuses to make a unit its own ancestor, however long the chain', async () => {
    const root = (await t.admin.post('/api/units').send({ name: 'Gốc' }).expect(201)).body;
    let parent = root.id;
    const chain: number[] = [];
    for (let i = 0; i < 60; i++) {
      parent = (await t.admin.post('/api/units').send({ name: `Tầng ${i + 1}`, parentId: parent }).expect(201)).body.id;
      chain.push(parent);
    }
    for (const candidate of [chain[59], chain[30], chain[0], root.id]) {
      const res = await t.admin.patch(`/api/units/${root.id}`).send({ parentId: candidate }).expect(400);
      expect(res.body.errors[0].field).toBe('parentId');
    }
    expect((await t.admin.get(`/api/units/${root.id}`).expect(200)).body.parentId).toBeNull();
    const viewer = await accountFor(t, 'xem.goc', 'viewer', root.id, null);
    expect((await viewer.get(`/api/units/${root.id}/progress?asOf=2023-12-31`).expect(200)).body.units).toHaveLength(60);
  });

  it('refuses every write to a closed plan until the chairman reopens it, on the record', async () => {
    const plan = await createPlan(t, A.unitId, { number: 'KS/KH', status: 'issued', phuLucs: [{ number: 1, tasks: [1, 2, 3].map((i) => ({ content: `Việc ${i}`, deadlineText: 'Quý II/2023' })) }] });
    const [t1, t2, t3] = plan.phuLucs[0].tasks;
    await t.http.post(`/api/tasks/${t1.id}/complete`).send({ completedOn: '2023-05-01' }).expect(200);
    await t.http.post(`/api/plans/${plan.id}/close`).send({}).expect(200);
    const refusals = [
      await t.http.post(`/api/tasks/${t2.id}/complete`).send({ completedOn: '2023-05-01' }),
      await t.http.post(`/api/tasks/${t1.id}/reopen`).send({ reason: 'Nhầm' }),
      await t.http.post(`/api/tasks/${t3.id}/cancel`).send({ reason: 'Bỏ' }),
      await t.http.post(`/api/tasks/${t3.id}/notes`).send({ text: 'Ghi chú' }),
      await t.http.patch(`/api/tasks/${t3.id}`).send({ content: 'Sửa' }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409, 409, 409]);
    expect(refusals[0].body.message).toMatch(/khóa sổ/);
    expect((await t.http.get(`/api/plans/${plan.id}/progress?asOf=2023-12-31`).expect(200)).body.ratio).toBe('1/3');
    const official = await accountFor(t, 'tuphap.ks', 'official', A.unitId, A.people.tuphap);
    await official.post(`/api/plans/${plan.id}/reopen`).send({ reason: 'Sửa' }).expect(403);
    await t.http.post(`/api/plans/${plan.id}/reopen`).send({}).expect(400);
    const reopened = await t.http.post(`/api/plans/${plan.id}/reopen`).send({ reason: 'Cập nhật kết quả quý II' }).expect(200);
    expect(reopened.body.status).toBe('issued');
    const trail = (await t.http.get(`/api/audit?entity=plan&entityId=${plan.id}`).expect(200)).body;
    expect(trail[0]).toMatchObject({ action: 'reopened', note: 'Cập nhật kết quả quý II', changes: { status: { from: 'closed', to: 'issued' } } });
    await t.http.post(`/api/tasks/${t2.id}/complete`).send({ completedOn: '2023-05-01' }).expect(200);
    await t.http.post(`/api/plans/${plan.id}/reopen`).send({ reason: 'Lần nữa' }).expect(409);
  });

  it('refuses an issued plan dated in the future, as the issue endpoint does', async () => {
    const res = await t.http.post('/api/plans').send({
      unitId: A.unitId, number: 'TL/KH', title: 'Kế hoạch', year: thisYear(), status: 'issued', issuedOn: addDays(todayLocal(), 3),
    }).expect(400);
    expect(res.body.errors[0].field).toBe('issuedOn');
  });

  it('answers a username taken in another commune as one taken in one\'s own, and caps the tries', async () => {
    await t.admin.post('/api/users').send({ username: 'ten.ben.kia', password: TEST_PASSWORD, role: 'official', unitId: B.unitId, officialId: B.people.vanhoa }).expect(201);
    const officialId = A.people.vanhoa;
    const tryName = (username: string) => A.chair.post('/api/users').send({ username, password: 'mat-khau-cap-2026', role: 'official', officialId });
    const elsewhere = await tryName('ten.ben.kia');
    const own = await tryName(A.chair.me.username);
    expect(elsewhere.status).toBe(409);
    expect(own.status).toBe(409);
    expect(elsewhere.body.message.replace('ten.ben.kia', 'X').replaceAll('ten.ben.kia', 'X')).toBe(own.body.message.replaceAll(A.chair.me.username, 'X'));
    expect(elsewhere.body.message).not.toMatch(/Bên Kia|người dùng/);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await tryName('ten.ben.kia')).status);
    expect(statuses.filter((s) => s === 409)).toHaveLength(8);
    const capped = await tryName('ten.ben.kia');
    expect(capped.status).toBe(429);
    expect(capped.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('ends the sign-ins of an official set inactive, and answers their password as a wrong one', async () => {
    const official = await accountFor(t, 'taichinh.nghi', 'official', A.unitId, A.people.taichinh);
    await official.get('/api/auth/me').expect(200);
    await A.chair.patch(`/api/officials/${A.people.taichinh}`).send({ active: false }).expect(200);
    await official.get('/api/auth/me').expect(401);
    const right = await t.anon.post('/api/auth/login').send({ username: 'taichinh.nghi', password: TEST_PASSWORD }).expect(401);
    const wrong = await t.anon.post('/api/auth/login').send({ username: 'taichinh.nghi', password: 'sai-mat-khau-9' }).expect(401);
    expect(right.body).toEqual(wrong.body);
  });
});
