import { addDays, formatVnDate, todayLocal } from '../src/common/local-date.js';
import { Queues } from '../src/queue/queues.service.js';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler.service.js';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service.js';
import { JobSchedulers } from '../src/queue/job-schedulers.service.js';
import { JOBS, SCHEDULERS } from '../src/queue/queue-names.js';
import { localInstant } from '../src/reminders/reminder-plan.js';
import { workingDayOnOrAfter } from '../src/common/working-days.js';
import { freshDatabaseUrl, startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, plainDueDate, seedUnit } from './support/fixtures.js';
import { eventually, startSmtp } from './support/smtp.js';

/**
 * Reminders against a real Redis and a real SMTP peer: scheduled, moved,
 * removed, delivered once, and rebuilt after Redis loses its data.
 */
const vn = formatVnDate;

async function issuedPlan(t: TestApp, unitId: number, number: string) {
  const year = Number(todayLocal().slice(0, 4));
  const plan = await createPlan(t, unitId, { number, year });
  await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
  return plan.id as number;
}

describe('reminders', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let people: Record<string, number>;
  let unitId: number;
  let planId: number;

  beforeAll(async () => {
    smtp = await startSmtp({ refuseFirst: 0 });
    // Redis holds the reminders of the next 1,000 hours here, so that these tests see a whole schedule;
    // the 48-hour horizon has tests of its own below
    t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200', PUBLIC_URL: 'http://cchc.test', REMINDER_HORIZON_HOURS: '1000' } });
    ({ unitId, people } = await seedUnit(t));
    for (const [key, email] of [['tuphap', 'tuphap@example.vn'], ['chairman', 'chutich@example.vn']]) {
      await t.http.patch(`/api/officials/${people[key]}`).send({ email }).expect(200);
    }
    planId = await issuedPlan(t, unitId, '10/KH-UBND');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const addTask = async (deadlineText: string, extra: Record<string, unknown> = {}) =>
    (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content: `Nhiệm vụ hạn ${deadlineText}`, leadText: 'Công chức Tư pháp', deadlineText, ...extra }).expect(201)).body.task;

  it('sends a task due today its notification and its e-mail within seconds', async () => {
    const today = todayLocal();
    const task = await addTask(`Trước ${vn(today)}`);
    const notes = await eventually(async () => {
      const list = (await t.http.get(`/api/notifications?officialId=${people.tuphap}`).expect(200)).body.filter((n: any) => n.taskId === task.id);
      return list.length ? list : null;
    }, 10000, 'the notification');
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain('Nhắc việc');
    const mail = await eventually(async () => smtp.messages.find((m) => m.subject.includes(task.content)), 10000, 'the mail');
    expect(mail.to).toEqual(['tuphap@example.vn']);
    expect(mail.subject).toContain(`hạn ${formatVnDate(today)}`);
    expect(mail.text).toContain('Phụ lục 01');
    expect(mail.text).toContain(`http://cchc.test/nhiem-vu/${task.id}`);
    // marking it read
    // only its recipient marks it read; to anyone else it does not exist
    await t.http.post(`/api/notifications/${notes[0].id}/read`).send({}).expect(404);
    const tuphap = await accountFor(t, 'tuphap', 'official', unitId, people.tuphap);
    const read = await tuphap.post(`/api/notifications/${notes[0].id}/read`).send({}).expect(200);
    expect(read.body.readAt).toBeTruthy();
    const unread = (await t.http.get(`/api/notifications?officialId=${people.tuphap}&unread=true`).expect(200)).body;
    expect(unread.map((n: any) => n.id)).not.toContain(notes[0].id);
  });

  it('shows three reminders at 07:30 for a task due in 10 days, moves them with the deadline, drops them once done', async () => {
    const due = plainDueDate(10);
    const task = await addTask(`Trước ${vn(due)}`);
    const list = (await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
    const before = list.filter((r: any) => !r.kind.startsWith('overdue-'));
    expect(before.map((r: any) => [r.kind, r.fireAt, r.state])).toEqual([
      ['before-7', localInstant(addDays(due, -7), '07:30').toISOString(), 'delayed'],
      ['before-1', localInstant(addDays(due, -1), '07:30').toISOString(), 'delayed'],
      ['due', localInstant(due, '07:30').toISOString(), 'delayed'],
    ]);
    expect(before[0].fireAt).toMatch(/T00:30:00.000Z$/);
    expect(list.find((r: any) => r.kind === 'overdue-1').fireAt).toBe(localInstant(addDays(due, 1), '07:30').toISOString());
    expect(list.every((r: any) => !r.jobId.includes(':'))).toBe(true);

    const later = plainDueDate(20);
    await t.http.patch(`/api/tasks/${task.id}`).send({ deadlineText: `Trước ${vn(later)}` }).expect(200);
    const moved = (await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
    expect(moved.map((r: any) => r.fireAt)).toEqual([-7, -1, 0, 1].map((d) => localInstant(addDays(later, d), '07:30').toISOString()));
    expect(moved.every((r: any) => r.dueOn === later)).toBe(true);
    const queue = t.app.get(Queues).for(JOBS.remind);
    expect(await queue.getJob(list[0].jobId)).toBeUndefined();

    await t.http.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    expect((await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body).toEqual([]);
    for (const r of moved) expect(await queue.getJob(r.jobId)).toBeUndefined();
  });

  it('follows the unit settings, and removes the reminders of a cancelled task and of a closed plan', async () => {
    const due = plainDueDate(30);
    const task = await addTask(`Trước ${vn(due)}`);
    await t.admin.patch(`/api/units/${unitId}`).send({ reminderOffsets: [3], reminderTime: '08:15', overdueEveryDays: 2 }).expect(200);
    const custom = (await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
    expect(custom.map((r: any) => [r.kind, r.fireAt])).toEqual([
      ['before-3', localInstant(addDays(due, -3), '08:15').toISOString()],
      ['overdue-1', localInstant(addDays(due, 1), '08:15').toISOString()],
    ]);
    await t.admin.patch(`/api/units/${unitId}`).send({ reminderOffsets: null, reminderTime: '07:30', overdueEveryDays: 7 }).expect(200);
    await t.http.post(`/api/tasks/${task.id}/cancel`).send({ reason: 'Bỏ' }).expect(200);
    expect((await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body).toEqual([]);

    const other = await issuedPlan(t, unitId, '12/KH-UBND');
    const kept = (await t.http.post(`/api/plans/${other}/tasks`).send({ phuLuc: 2, content: 'Việc khác', deadlineText: `Trước ${vn(due)}` }).expect(201)).body.task;
    expect((await t.http.get(`/api/tasks/${kept.id}/reminders`).expect(200)).body).toHaveLength(4);
    await t.http.post(`/api/plans/${other}/close`).expect(200);
    expect((await t.http.get(`/api/tasks/${kept.id}/reminders`).expect(200)).body).toEqual([]);
  });

  it('schedules nothing for a draft plan until it is issued', async () => {
    const draft = (await createPlan(t, unitId, { number: '13/KH-UBND', year: Number(todayLocal().slice(0, 4)) })).id;
    const task = (await t.http.post(`/api/plans/${draft}/tasks`).send({ phuLuc: 3, content: 'Việc nháp', deadlineText: `Trước ${vn(plainDueDate(15))}` }).expect(201)).body.task;
    expect((await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body).toEqual([]);
    await t.http.post(`/api/plans/${draft}/issue`).send({}).expect(200);
    expect((await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body.map((r: any) => r.kind)).toEqual(['before-7', 'before-1', 'due', 'overdue-1']);
  });

  it('brings every reminder back, with the same ids, after Redis loses its data', async () => {
    const tasks = [await addTask(`Trước ${vn(plainDueDate(12))}`), await addTask(`Trước ${vn(plainDueDate(30))}`)];
    const before = await Promise.all(tasks.map(async (x) => (await t.http.get(`/api/tasks/${x.id}/reminders`).expect(200)).body));
    expect(before.flat().length).toBe(8);
    const queue = t.app.get(Queues);
    await queue.connection.flushall();
    // the database still wants them: they show as missing until the reconcile puts them back
    expect((await t.http.get(`/api/tasks/${tasks[0].id}/reminders`).expect(200)).body.map((r: any) => [r.jobId, r.state]))
      .toEqual(before[0].map((r: any) => [r.jobId, 'missing']));
    const result = await t.app.get(ReminderScheduler).reconcile();
    expect(result.added).toBeGreaterThanOrEqual(8);
    const after = await Promise.all(tasks.map(async (x) => (await t.http.get(`/api/tasks/${x.id}/reminders`).expect(200)).body));
    expect(after.map((l) => l.map((r: any) => [r.jobId, r.fireAt, r.state]))).toEqual(before.map((l) => l.map((r: any) => [r.jobId, r.fireAt, r.state])));
    // and a second reconcile finds nothing to do
    expect(await t.app.get(ReminderScheduler).reconcile()).toMatchObject({ added: 0, removed: 0 });
    // the recurring jobs are upserted under stable ids
    await t.app.get(ReminderScheduler).reconcile();
  });
});

describe('reminders: a failed SMTP send', () => {
  it('retries the mail without a second notification', async () => {
    const smtp = await startSmtp({ refuseFirst: 2 });
    const t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200' } });
    try {
      const { unitId, people } = await seedUnit(t);
      await t.http.patch(`/api/officials/${people.taichinh}`).send({ email: 'taichinh@example.vn' }).expect(200);
      const planId = await issuedPlan(t, unitId, '11/KH-UBND');
      const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 5, content: 'Việc tài chính', leadText: 'Công chức Tài chính – Kế toán', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
      await eventually(async () => smtp.messages.length === 1, 15000, 'the mail after two refusals');
      expect(smtp.attempts()).toBe(3);
      expect(smtp.messages[0].to).toEqual(['taichinh@example.vn']);
      const notes = (await t.http.get(`/api/notifications?officialId=${people.taichinh}`).expect(200)).body.filter((n: any) => n.taskId === task.id);
      expect(notes).toHaveLength(1);
      const [row] = await t.db.query('SELECT COUNT(*) AS n FROM reminder_delivery WHERE task_id = ' + Number(task.id));
      expect(Number(row.n)).toBe(1);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

describe('reminders: overdue, digest, recurring jobs, dashboard', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let people: Record<string, number>;
  let unitId: number;
  let planId: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200' } });
    ({ unitId, people } = await seedUnit(t));
    for (const [key, email] of [['vanhoa', 'vanhoa@example.vn'], ['chairman', 'chutich@example.vn'], ['vanphong', 'vanphong@example.vn']]) {
      await t.http.patch(`/api/officials/${people[key]}`).send({ email }).expect(200);
    }
    planId = await issuedPlan(t, unitId, '30/KH-UBND');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('copies an overdue reminder to the chairman, and schedules the next one a week later', async () => {
    // two days ago: the first overdue reminder's time (yesterday 07:30) has passed whatever the hour now
    const due = addDays(todayLocal(), -2);
    const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 6, content: 'Việc quá hạn', leadText: 'Công chức Văn hóa – Xã hội', deadlineText: `Trước ${vn(due)}` }).expect(201)).body.task;
    const delivery = t.app.get(ReminderDeliveryService);
    const outcome = await delivery.deliver({ taskId: task.id, dueOn: due, kind: 'overdue-1', fireAt: new Date().toISOString() });
    expect(outcome).toBe('delivered');
    const mine = (await t.http.get(`/api/notifications?officialId=${people.vanhoa}`).expect(200)).body.filter((n: any) => n.taskId === task.id);
    const chair = (await t.http.get(`/api/notifications?officialId=${people.chairman}`).expect(200)).body.filter((n: any) => n.taskId === task.id);
    expect(mine).toHaveLength(1);
    expect(chair).toHaveLength(1);
    expect(chair[0].body).toContain('Đồng gửi Chủ tịch');
    const mail = await eventually(async () => smtp.messages.find((m) => m.subject.includes('Việc quá hạn')), 15000, 'the overdue mail');
    expect(mail.to).toEqual(['vanhoa@example.vn']);
    expect(mail.cc).toEqual(['chutich@example.vn']);
    expect(mail.subject).toContain('Quá hạn');
    // delivered again (a retried job): nothing new
    expect(await delivery.deliver({ taskId: task.id, dueOn: due, kind: 'overdue-1', fireAt: new Date().toISOString() })).toBe('already-delivered');
    expect((await t.http.get(`/api/notifications?officialId=${people.chairman}`).expect(200)).body.filter((n: any) => n.taskId === task.id)).toHaveLength(1);
    const next = (await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body;
    // a week after the first's day, or the working day after that; beyond the 48-hour horizon, so not in Redis yet
    expect(next.map((r: any) => [r.kind, r.fireAt, r.state])).toEqual([['overdue-2', localInstant(workingDayOnOrAfter(addDays(due, 8)), '07:30').toISOString(), 'planned']]);
  });

  it('sends nothing for a task completed after its reminder was scheduled', async () => {
    const due = addDays(todayLocal(), 10);
    const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 6, content: 'Việc đã xong', leadText: 'Công chức Văn hóa – Xã hội', deadlineText: `Trước ${vn(due)}` }).expect(201)).body.task;
    await t.http.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    expect(await t.app.get(ReminderDeliveryService).deliver({ taskId: task.id, dueOn: due, kind: 'before-1', fireAt: new Date().toISOString() })).toBe('skipped');
    // and a due date that no longer exists (the deadline was edited) is skipped too
    expect(await t.app.get(ReminderDeliveryService).deliver({ taskId: task.id, dueOn: '2001-01-01', kind: 'due', fireAt: new Date().toISOString() })).toBe('skipped');
    expect((await t.http.get(`/api/notifications?officialId=${people.vanhoa}`).expect(200)).body.filter((n: any) => n.taskId === task.id)).toEqual([]);
  });

  it('mails an official who chose the daily digest once a day, at the unit\'s reminder time, instead of once per reminder', async () => {
    await t.http.patch(`/api/officials/${people.vanphong}`).send({ reminderMode: 'digest' }).expect(200);
    await t.admin.patch(`/api/units/${unitId}`).send({ reminderTime: '08:15' }).expect(200);
    const soon = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 3, content: 'Việc sắp đến hạn', leadText: 'Công chức Văn phòng – Thống kê', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
    await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 3, content: 'Việc đã quá hạn', leadText: 'Công chức Văn phòng – Thống kê', deadlineText: `Trước ${vn(addDays(todayLocal(), -5))}` }).expect(201);
    // the reminder due today still notifies in the app, but sends no mail of its own
    await eventually(async () => (await t.http.get(`/api/notifications?officialId=${people.vanphong}`).expect(200)).body.some((n: any) => n.taskId === soon.id), 10000, 'the in-app notification');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.filter((m) => m.to.includes('vanphong@example.vn'))).toEqual([]);
    const delivery = t.app.get(ReminderDeliveryService);
    // the unit's time on the next working day (today, on a working day)
    const day = workingDayOnOrAfter(todayLocal());
    const at = localInstant(day, '08:15');
    expect(await delivery.sendDigests(new Date(at.getTime() - 60_000))).toBe(0);
    expect(await delivery.sendDigests(at)).toBe(1);
    expect(await delivery.sendDigests(new Date(at.getTime() + 600_000))).toBe(0);
    const digests = smtp.messages.filter((m) => m.to.includes('vanphong@example.vn'));
    expect(digests).toHaveLength(1);
    // the task due today is overdue by a later working day (a test run on a weekend)
    const soonCount = day === todayLocal() ? 1 : 0;
    expect(digests[0].subject).toBe(`[CCHC] Tổng hợp ngày ${vn(day)}: ${soonCount} việc sắp đến hạn, ${2 - soonCount} việc quá hạn`);
    expect(digests[0].text).toContain('Việc sắp đến hạn');
    expect(digests[0].text).toContain('Việc đã quá hạn');
    // the digest is a mail: an official who turned mail off gets none; back on, the next day's goes
    const next = localInstant(workingDayOnOrAfter(addDays(day, 1)), '08:15');
    await t.http.patch(`/api/officials/${people.vanphong}`).send({ notifyEmail: false }).expect(200);
    expect(await delivery.sendDigests(next)).toBe(0);
    await t.http.patch(`/api/officials/${people.vanphong}`).send({ notifyEmail: true }).expect(200);
    expect(await delivery.sendDigests(next)).toBe(1);
    expect(smtp.messages.filter((m) => m.to.includes('vanphong@example.vn'))).toHaveLength(2);
  });

  it('upserts its recurring jobs under stable ids, in Asia/Ho_Chi_Minh', async () => {
    const queues = t.app.get(Queues);
    const count = Object.keys(SCHEDULERS).length;
    const total = async () => (await Promise.all(queues.all().map((q) => q.getJobSchedulersCount()))).reduce((a, b) => a + b, 0);
    await eventually(async () => (await total()) === count, 15000, 'the job schedulers');
    await t.app.get(JobSchedulers).onApplicationBootstrap();
    await t.app.get(JobSchedulers).whenStarted();
    expect(await total()).toBe(count);
    const reconcile = await queues.for(JOBS.reconcile).getJobScheduler(SCHEDULERS.reconcileSweep);
    expect(reconcile).toMatchObject({ pattern: '*/10 * * * *', tz: 'Asia/Ho_Chi_Minh' });
    expect(await queues.for(JOBS.digest).getJobScheduler(SCHEDULERS.digestSweep)).toMatchObject({ pattern: '*/10 * * * *', tz: 'Asia/Ho_Chi_Minh' });
    expect(await queues.for(JOBS.reports).getJobScheduler(SCHEDULERS.reportsDaily)).toMatchObject({ pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' });
    expect(await queues.for(JOBS.pruneSessions).getJobScheduler(SCHEDULERS.sessionsDaily)).toMatchObject({ pattern: '0 3 * * *', tz: 'Asia/Ho_Chi_Minh' });
    // each job on its own queue, so a backlog in one never delays another
    expect(new Set([JOBS.remind, JOBS.reports, JOBS.pruneSessions].map((j) => queues.for(j).name)).size).toBe(3);
  });

  it('warns when Redis may evict reminders', async () => {
    const boot = t.app.get(JobSchedulers);
    const redis = t.app.get(Queues).connection;
    const [, before] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    expect(await boot.evictionWarning()).toBeNull();
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      expect(await boot.evictionWarning()).toContain('maxmemory-policy=allkeys-lru');
    } finally {
      await redis.config('SET', 'maxmemory-policy', before);
    }
  });

  it('shows the queue on the administrators\' dashboard', async () => {
    await t.anon.get('/admin/queues').expect(401);
    await t.http.get('/admin/queues').expect(403);
    const page = await t.admin.get('/admin/queues').expect(200);
    expect(page.text).toContain('<html');
    const api = await t.admin.get('/admin/queues/api/queues').expect(200);
    expect(JSON.stringify(api.body)).toContain('reminders');
  });
});

describe('reminders: Redis holds only the next 48 hours', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let people: Record<string, number>;
  let planId: number;
  let unitId: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startApp({ env: { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200' } });
    ({ unitId, people } = await seedUnit(t));
    await t.http.patch(`/api/officials/${people.tuphap}`).send({ email: 'tuphap@example.vn' }).expect(200);
    planId = await issuedPlan(t, unitId, '40/KH-UBND');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const addTask = async (due: string, content: string) =>
    (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1, content, leadText: 'Công chức Tư pháp', deadlineText: `Trước ${vn(due)}` }).expect(201)).body.task;
  const reminders = async (taskId: number) => (await t.http.get(`/api/tasks/${taskId}/reminders`).expect(200)).body;

  it('keeps reminders due beyond the horizon out of Redis, and the sweep adds each as it comes within it', async () => {
    const due = plainDueDate(20);
    const task = await addTask(due, 'Việc còn xa');
    const list = await reminders(task.id);
    expect(list.map((r: any) => [r.kind, r.state])).toEqual([['before-7', 'planned'], ['before-1', 'planned'], ['due', 'planned'], ['overdue-1', 'planned']]);
    const queues = t.app.get(Queues);
    const queue = queues.for(JOBS.remind);
    for (const r of list) expect(await queue.getJob(r.jobId)).toBeUndefined();
    expect(await queues.connection.exists(`${queues.prefix}:reminder-jobs:t${task.id}`)).toBe(0);
    // the sweep as it will run 8 days before the due date, at noon: the 7-day reminder is 19.5 hours ahead
    const scheduler = t.app.get(ReminderScheduler);
    await scheduler.reconcile(localInstant(addDays(due, -8), '12:00'));
    expect((await reminders(task.id)).map((r: any) => [r.kind, r.state])).toEqual([['before-7', 'delayed'], ['before-1', 'planned'], ['due', 'planned'], ['overdue-1', 'planned']]);
    expect(await queue.getJob(list[0].jobId)).toBeDefined();
    expect(await queue.getJob(list[1].jobId)).toBeUndefined();
    // and the sweep of now takes it out again: it is not due within 48 hours of now
    await scheduler.reconcile();
    expect(await queue.getJob(list[0].jobId)).toBeUndefined();
    expect((await reminders(task.id)).every((r: any) => r.state === 'planned')).toBe(true);
  });

  it('after FLUSHALL, brings back the reminders due within the horizon, and delivers each once', async () => {
    const queue = t.app.get(Queues).for(JOBS.remind);
    await queue.pause();
    const task = await addTask(todayLocal(), 'Việc hạn hôm nay');
    const [first] = await reminders(task.id);
    expect(['waiting', 'paused']).toContain(first.state);
    // Redis loses everything, the pause with it: no job is left to deliver
    await t.app.get(Queues).connection.flushall();
    await new Promise((r) => setTimeout(r, 500));
    expect((await reminders(task.id)).map((r: any) => r.state)[0]).toBe('missing');
    expect(smtp.messages.filter((m) => m.subject.includes('Việc hạn hôm nay'))).toEqual([]);
    const result = await t.app.get(ReminderScheduler).reconcile();
    expect(result.added).toBeGreaterThanOrEqual(1);
    await eventually(async () => smtp.messages.some((m) => m.subject.includes('Việc hạn hôm nay')), 15000, 'the mail');
    // a second sweep finds it delivered: nothing comes back, nothing goes twice
    await t.app.get(ReminderScheduler).reconcile();
    await new Promise((r) => setTimeout(r, 1000));
    // (before 07:30 the due-day reminder is still to come, after the one sent at once: count by kind)
    const [row] = await t.db.query(`SELECT COUNT(*) AS n FROM notification WHERE task_id = ${Number(task.id)} AND kind = '${first.kind}'`);
    expect(Number(row.n)).toBe(1);
    const [all] = await t.db.query(`SELECT COUNT(*) AS n FROM notification WHERE task_id = ${Number(task.id)}`);
    expect(smtp.messages.filter((m) => m.subject.includes('Việc hạn hôm nay'))).toHaveLength(Number(all.n));
  });

  it('reads only the due dates that can have a reminder within the horizon: one exactly at its end, one moved before Tết into it, overdue repeats', async () => {
    const plan = await createPlan(t, unitId, { number: '41/KH-UBND', year: 2027 });
    await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
    const add = async (due: string) => (await t.http.post(`/api/plans/${plan.id}/tasks`)
      .send({ phuLuc: 2, content: `Việc hạn ${vn(due)}`, leadText: 'Công chức Tư pháp', deadlineText: `Trước ${vn(due)}` }).expect(201)).body.task.id as number;
    // nothing is delivered meanwhile: a claim would hide a reminder from the instants below, whatever today is
    await t.app.get(Queues).for(JOBS.remind).pause();
    const overTet = await add('2027-02-17'); // Wednesday: 7 days before is 10/02, in Tết Đinh Mùi (04–10/02): it goes on Wednesday 03/02
    const afterTet = await add('2027-02-18'); // Thursday: 7 days before is Thursday 11/02, after Tết
    const edge = await add('2027-03-10'); // Wednesday: 7 days before is Wednesday 03/03, 07:30
    const overdue = await add('2027-01-04'); // overdue every 7 days from 05/01: the 5th on Tuesday 02/02
    const scheduler = t.app.get(ReminderScheduler);
    const H = 48 * 3_600_000;
    const kinds = (m: Map<number, { kind: string; fireAt: Date }[]>, id: number) => (m.get(id) ?? []).map((r) => [r.kind, r.fireAt.toISOString()]);
    // the sweep's reading equals the reading of every due date, cut at the horizon: for every task of the install
    const sameAsEveryDueDate = async (now: Date) => {
      const windowed = await scheduler.desired(undefined, now, now.getTime() + H);
      const all = await scheduler.desired(undefined, now);
      for (const [id, list] of all) {
        const within = list.filter((r) => r.fireAt.getTime() <= now.getTime() + H);
        expect([id, kinds(windowed, id)]).toEqual([id, within.map((r) => [r.kind, r.fireAt.toISOString()])]);
      }
      return windowed;
    };
    // Monday 01/02/2027 10:00: the horizon ends Wednesday 03/02 10:00, the next working day after it is Thursday 11/02
    const monday = localInstant('2027-02-01', '10:00');
    const before = await sameAsEveryDueDate(monday);
    expect(kinds(before, overTet)).toEqual([['before-7', '2027-02-03T00:30:00.000Z']]);
    expect(kinds(before, overdue)).toEqual([['overdue-5', '2027-02-02T00:30:00.000Z']]);
    expect(before.has(afterTet)).toBe(false); // not even read: due after the window
    expect(kinds(await scheduler.desired([afterTet], monday), afterTet)[0]).toEqual(['before-7', '2027-02-11T00:30:00.000Z']);
    // 01/03/2027 07:30: the horizon ends exactly at the 7-day reminder of the task due 10/03; a minute earlier it is beyond
    const exact = localInstant('2027-03-01', '07:30');
    expect(kinds(await sameAsEveryDueDate(exact), edge)).toEqual([['before-7', '2027-03-03T00:30:00.000Z']]);
    expect(kinds(await sameAsEveryDueDate(new Date(exact.getTime() - 60_000)), edge)).toEqual([]);

    // the sweep of that Monday puts exactly those in Redis, and none of the task due after the window;
    // the sweep of now takes out again those it does not want now (all of them, before late January 2027)
    const queues = t.app.get(Queues);
    const queue = queues.for(JOBS.remind);
    const setOf = (id: number) => queues.connection.smembers(`${queues.prefix}:reminder-jobs:t${id}`);
    const afterTetHeld = (await setOf(afterTet)).sort();
    await scheduler.reconcile(monday);
    for (const id of [overTet, overdue]) for (const r of before.get(id)!) expect(await queue.getJob(r.jobId)).toBeDefined();
    expect((await setOf(afterTet)).sort()).toEqual(afterTetHeld);
    const back = await scheduler.reconcile();
    const wantedNow = await scheduler.desired([overTet, overdue], new Date(), scheduler.horizonFrom(new Date()));
    let unwanted = 0;
    for (const id of [overTet, overdue]) {
      const now = new Set(wantedNow.get(id)!.map((r) => r.jobId));
      for (const r of before.get(id)!) {
        if (now.has(r.jobId)) continue;
        unwanted++;
        expect(await queue.getJob(r.jobId)).toBeUndefined();
      }
      // and out of their task's set
      expect((await setOf(id)).sort()).toEqual([...now].sort());
    }
    expect(back.removed).toBeGreaterThanOrEqual(unwanted);
    expect(await scheduler.reconcile()).toMatchObject({ added: 0, removed: 0 });
    await queue.resume();
  });
});

describe('reminders: a day of downtime', () => {
  const H = 48 * 3_600_000;
  const DAY = 24 * 3_600_000;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let after: TestApp | null = null;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await after?.close();
    await smtp.close();
  });

  it('after the server was stopped for a day, its start-up sweep brings back the reminders due within the horizon, sends those that fell due once, and leaves later ones out of Redis', async () => {
    const database = await freshDatabaseUrl();
    const env = { SMTP_URL: smtp.url, REMINDER_RETRY_MS: '200', QUEUE_PREFIX: `t${process.pid}down${Math.random().toString(36).slice(2, 6)}` };
    // the server before it stopped, with no worker, so that nothing is delivered before the downtime's end
    const before = await startApp({ database, env: { ...env, WORKER: 'off' } });
    const scheduler = before.app.get(ReminderScheduler);
    const today = todayLocal();
    // reminders at a time near now (10 minutes ahead on a working day, 10 minutes back otherwise): some fall within the coming 48 hours whatever the weekday
    const shift = (scheduler.calendar.isWorkingDay(today) ? 10 : -10) * 60_000;
    const reminderTime = new Date(Date.now() + shift + 7 * 3_600_000).toISOString().slice(11, 16);
    const { unitId, people } = await seedUnit(before);
    await before.http.patch(`/api/officials/${people.tuphap}`).send({ email: 'tuphap@example.vn' }).expect(200);
    await before.admin.patch(`/api/units/${unitId}`).send({ reminderTime }).expect(200);
    const planId = await issuedPlan(before, unitId, '50/KH-UBND');
    const ids: number[] = [];
    for (const days of [-3, 0, 1, 2, 3, 4, 5, 6, 8, 10, 15]) {
      const due = addDays(today, days);
      ids.push((await before.http.post(`/api/plans/${planId}/tasks`)
        .send({ phuLuc: 1, content: `Việc dừng máy hạn ${vn(due)}`, leadText: 'Công chức Tư pháp', deadlineText: `Trước ${vn(due)}` }).expect(201)).body.task.id);
    }
    const dueToday = ids[1];
    // the downtime: a day, or as many as it takes for some reminder to come within the horizon meanwhile (a weekend, Tết)
    const restartAt = Date.now();
    const fires = (await Promise.all(ids.map((id) => scheduler.list(id)))).flat().map((r) => Date.parse(r.fireAt));
    let down = DAY;
    while (down < 14 * DAY && !fires.some((f) => f > restartAt - down + H && f <= restartAt + H)) down += DAY;
    const stoppedAt = new Date(restartAt - down);
    // Redis as the sweep of that instant left it (its reminders due by then queued, no worker to take them)
    await scheduler.reconcile(stoppedAt);
    const queue = before.app.get(Queues).for(JOBS.remind);
    const heldAtStop = new Set(await queue.getRanges(['delayed', 'wait', 'prioritized'], 0, -1));
    const notes = async (t: TestApp) => (await t.db.query(`SELECT official_id, task_id, due_on, kind FROM notification WHERE task_id IN (${ids.join(',')})`)) as { official_id: number; task_id: number; due_on: string; kind: string }[];
    expect(await notes(before)).toEqual([]);
    await before.app.close(); // stopped; its database and Redis stay

    after = await startApp({ database, env }); // back, with its worker; the start-up sweep has run
    const t = after;
    const q = t.app.get(Queues).for(JOBS.remind);
    // what fell due meanwhile goes out (the task due today has one, at least)
    await eventually(async () => (await notes(t)).some((n) => Number(n.task_id) === dueToday)
      && (await q.getWaitingCount()) + (await q.getActiveCount()) === 0, 20000, 'the reminders that fell due while it was down');
    const restarted = Date.now();
    const lists = await Promise.all(ids.map((id) => t.app.get(ReminderScheduler).list(id)));
    const all = lists.flat();
    for (const r of all) {
      const at = Date.parse(r.fireAt);
      if (at <= restartAt + H) expect([r.jobId, r.state]).not.toEqual([r.jobId, expect.stringMatching(/^(missing|planned)$/)]);
      else if (at > restarted + H) {
        expect([r.jobId, r.state]).toEqual([r.jobId, 'planned']);
        expect(await q.getJob(r.jobId)).toBeUndefined();
      }
    }
    expect(all.some((r) => Date.parse(r.fireAt) > restarted + H)).toBe(true);
    // those that came within the horizon while it was down: not in Redis when it stopped, there now
    const entered = all.filter((r) => Date.parse(r.fireAt) > stoppedAt.getTime() + H && Date.parse(r.fireAt) <= restartAt + H);
    if (fires.some((f) => f > restartAt && f <= restartAt + H)) expect(entered.length).toBeGreaterThan(0); // else Tết: no working day within 48 hours
    for (const r of entered) {
      expect(heldAtStop.has(r.jobId)).toBe(false);
      expect(await q.getJob(r.jobId)).toBeDefined();
    }
    // each once, in the app and by e-mail; a second sweep sends nothing more
    await t.app.get(ReminderScheduler).reconcile();
    await new Promise((r) => setTimeout(r, 1000));
    const sent = await notes(t);
    const keys = sent.map((n) => `${n.official_id}|${n.task_id}|${String(n.due_on).slice(0, 10)}|${n.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    // the official of the tasks takes them by e-mail too (the chairman's copies of overdue ones have no address here)
    const mails = smtp.messages.filter((m) => m.subject.includes('Việc dừng máy'));
    expect(mails).toHaveLength(sent.filter((n) => Number(n.official_id) === people.tuphap).length);
  });
});
