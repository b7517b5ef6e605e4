import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { formatVnDate, todayLocal } from '../src/common/local-date.js';
import { DB_KIND, startApp, TestApp } from './support/app.js';
import { createPlan, seedUnit } from './support/fixtures.js';
import { eventually, startSmtp } from './support/smtp.js';

/**
 * The worker as its own process (`node dist/worker.js`), several at once on one
 * queue, and one killed in the middle of a delivery: each reminder still goes
 * out once. The API process here runs with WORKER=off, as it would beside them.
 */
const vn = formatVnDate;

function startWorker(t: TestApp, smtpUrl: string, env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['dist/worker.js'], {
    env: {
      PATH: process.env.PATH,
      SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING,
      NODE_ENV: 'production',
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.env.REDIS_URL,
      QUEUE_PREFIX: t.config.env.QUEUE_PREFIX,
      SMTP_URL: smtpUrl,
      REMINDER_LOCK_MS: '1500',
      REMINDER_RETRY_MS: '200',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return Object.assign(child, { output: () => out });
}

function exited(child: ChildProcess): Promise<[number | null, string | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
}

async function setup(t: TestApp, number: string) {
  const { unitId, people } = await seedUnit(t);
  await t.http.patch(`/api/officials/${people.tuphap}`).send({ email: 'tuphap@example.vn' }).expect(200);
  const plan = await createPlan(t, unitId, { number, year: Number(todayLocal().slice(0, 4)) });
  await t.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
  return { planId: plan.id as number, people };
}

const notificationsOf = async (t: TestApp, taskId: number) =>
  Number((await t.db.query(`SELECT COUNT(*) AS n FROM notification WHERE task_id = ${Number(taskId)}`))[0].n);

describe(`reminder workers as processes (${DB_KIND})`, () => {
  const children: ChildProcess[] = [];

  beforeAll(() => {
    if (!existsSync('dist/worker.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  });
  // also called before the SMTP peer closes, which would wait for their connections
  const killChildren = () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  afterEach(killChildren);

  it('two workers on one queue deliver each reminder once, and stop cleanly', async () => {
    const smtp = await startSmtp();
    const t = await startApp({ env: { WORKER: 'off', SMTP_URL: smtp.url } });
    try {
      const { planId } = await setup(t, '20/KH-UBND');
      const a = startWorker(t, smtp.url);
      const b = startWorker(t, smtp.url);
      children.push(a, b);
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 1 + (i % 7), content: `Việc số ${i}`, leadText: 'Công chức Tư pháp', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201);
        ids.push(res.body.task.id);
      }
      await eventually(async () => smtp.messages.length >= 20, 30000, '20 mails');
      await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate to show up
      expect(smtp.messages).toHaveLength(20);
      expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(20);
      for (const id of ids) expect(await notificationsOf(t, id)).toBe(1);
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      for (const c of [a, b]) {
        const [code, signal] = await exited(c);
        expect(code === 0 || signal === 'SIGTERM').toBe(true);
        expect(c.output()).not.toMatch(/Error:/);
      }
    } finally {
      killChildren();
      await t.close();
      await smtp.close();
    }
  });

  it('a worker killed in the middle of a delivery: another takes the job over and it goes out once', async () => {
    const smtp = await startSmtp({ hangFirst: 1 });
    const t = await startApp({ env: { WORKER: 'off', SMTP_URL: smtp.url } });
    try {
      const { planId, people } = await setup(t, '21/KH-UBND');
      // a send not settled after 3 s is presumed dead (the killed worker's)
      const first = startWorker(t, smtp.url, { REMINDER_IN_FLIGHT_MS: '3000' });
      children.push(first);
      const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 2, content: 'Việc bị gián đoạn', leadText: 'Công chức Tư pháp', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
      // the first worker has written the notification and is stuck talking to the SMTP server
      // a worker's start on a loaded machine may take a while
      await eventually(async () => smtp.attempts() === 1, 60000, 'the first SMTP attempt').catch((e) => {
        throw new Error(`${(e as Error).message}; the worker said: ${first.output()}`);
      });
      first.kill('SIGKILL');
      await exited(first);
      const second = startWorker(t, smtp.url, { REMINDER_IN_FLIGHT_MS: '3000' });
      children.push(second);
      await eventually(async () => smtp.messages.length === 1, 30000, 'the mail from the second worker');
      await new Promise((r) => setTimeout(r, 2000));
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].to).toEqual(['tuphap@example.vn']);
      expect(await notificationsOf(t, task.id)).toBe(1);
      const notes = (await t.http.get(`/api/notifications?officialId=${people.tuphap}`).expect(200)).body;
      expect(notes.filter((n: any) => n.taskId === task.id)).toHaveLength(1);
    } finally {
      killChildren();
      await t.close();
      await smtp.close();
    }
  }, 120_000);

  it('a worker paused mid-send loses its job to another, which waits for the send in flight: it goes out once', async () => {
    // the first mail is answered 2 s late: the first worker is stopped while it waits for it
    const smtp = await startSmtp({ slowFirst: { count: 1, ms: 2000 } });
    const t = await startApp({ env: { WORKER: 'off', SMTP_URL: smtp.url } });
    try {
      const { planId, people } = await setup(t, '22/KH-UBND');
      const first = startWorker(t, smtp.url);
      children.push(first);
      const task = (await t.http.post(`/api/plans/${planId}/tasks`).send({ phuLuc: 3, content: 'Việc của tiến trình bị treo', leadText: 'Công chức Tư pháp', deadlineText: `Trước ${vn(todayLocal())}` }).expect(201)).body.task;
      await eventually(async () => smtp.attempts() === 1, 60000, 'the first SMTP attempt').catch((e) => {
        throw new Error(`${(e as Error).message}; the worker said: ${first.output()}`);
      });
      // stopped, as an overloaded machine may stop a process: its job's lock (1.5 s) runs out
      first.kill('SIGSTOP');
      const second = startWorker(t, smtp.url);
      children.push(second);
      try {
        // the second takes the job over, finds the send in flight and leaves it
        await eventually(async () => second.output().includes('đang được một tiến trình khác gửi'), 30000, 'the second worker to find the send in flight');
      } finally {
        first.kill('SIGCONT');
      }
      await eventually(async () => smtp.messages.length >= 1, 20000, 'the mail');
      // the second worker's next try finds it delivered
      await new Promise((r) => setTimeout(r, 3000));
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.attempts()).toBe(1);
      expect(smtp.messages[0].to).toEqual(['tuphap@example.vn']);
      expect(await notificationsOf(t, task.id)).toBe(1);
      const notes = (await t.http.get(`/api/notifications?officialId=${people.tuphap}`).expect(200)).body;
      expect(notes.filter((n: any) => n.taskId === task.id)).toHaveLength(1);
      // the job completed (the second worker's retry found it delivered): no longer held, not failed
      // the reminders due by now (which one that is depends on the local time of day: the day-before
      // one, caught up, before the unit's reminder time; the due-day one after it); later ones wait, delayed
      const states = async () => ((await t.http.get(`/api/tasks/${task.id}/reminders`).expect(200)).body as any[])
        .filter((r) => Date.parse(r.fireAt) <= Date.now()).map((r) => `${r.kind}: ${r.state}`);
      await eventually(async () => (await states()).length === 0, 20000, 'the job to complete').catch(async (e) => {
        throw new Error(`${(e as Error).message}: its reminders are ${JSON.stringify(await states())}; the second worker said: ${second.output()}; the first: ${first.output()}`);
      });
      expect(smtp.messages).toHaveLength(1);
    } finally {
      killChildren();
      await t.close();
      await smtp.close();
    }
  }, 180_000);
});
