import { formatVnDate, todayLocal } from '../src/common/local-date.js';
import { JOBS } from '../src/queue/queue-names.js';
import { Queues } from '../src/queue/queues.service.js';
import { startApp, TestApp } from './support/app.js';
import { createPlan, plainDueDate, seedUnit } from './support/fixtures.js';

/**
 * Two installs on one Redis with the same QUEUE_PREFIX (two `npm start`s on
 * one machine): each keeps to its own keys, so neither removes the other's
 * reminders at its start-up reconcile, nor works the other's jobs.
 */
describe('two installs sharing one Redis', () => {
  let a: TestApp;
  let b: TestApp | undefined;
  afterAll(async () => {
    await b?.close();
    await a.close();
  });

  it('keep their own schedules and their own jobs', async () => {
    // A has no worker: its due reminder waits for it, and must not be taken by B's
    // a horizon of 1,000 hours: the future task's four reminders are all in Redis
    a = await startApp({ env: { QUEUE_PREFIX: 'shared', WORKER: 'off', REMINDER_HORIZON_HOURS: '1000' } });
    const { unitId } = await seedUnit(a);
    const plan = await createPlan(a, unitId, { number: '01/KH', year: Number(todayLocal().slice(0, 4)) });
    await a.http.post(`/api/plans/${plan.id}/issue`).send({}).expect(200);
    const add = async (due: string) => (await a.http.post(`/api/plans/${plan.id}/tasks`)
      .send({ phuLuc: 1, content: `Việc hạn ${due}`, leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: `Trước ${formatVnDate(due)}` }).expect(201)).body.task;
    const futureDue = plainDueDate(10);
    const future = await add(futureDue);
    const reminders = async (taskId: number) => (await a.http.get(`/api/tasks/${taskId}/reminders`).expect(200)).body
      .map((r: any) => `${r.kind}:${r.state}`).sort();
    const before = await reminders(future.id);
    expect(before).toEqual(['before-1:delayed', 'before-7:delayed', 'due:delayed', 'overdue-1:delayed']);
    // a reminder due now, waiting for a worker of A's
    const remind = a.app.get(Queues).for(JOBS.remind);
    await remind.add(JOBS.remind, { taskId: future.id, dueOn: futureDue, kind: 'due', fireAt: new Date().toISOString() }, { jobId: 'due-now' });
    expect(await remind.getJobState('due-now')).toBe('waiting');

    // B starts on the same Redis and prefix, with a database of its own; its start-up reconcile and its worker run
    b = await startApp({ env: { QUEUE_PREFIX: 'shared', WORKER: 'inline', REMINDER_HORIZON_HOURS: '1000' } });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await reminders(future.id)).toEqual(before);
    expect(await remind.getJobState('due-now')).toBe('waiting');
    // and A's keys are all under A's prefix, B's under B's
    const pa = a.app.get(Queues).prefix;
    const pb = b.app.get(Queues).prefix;
    expect(pa).toMatch(/^shared:[0-9a-f]{12}$/);
    expect(pb).toMatch(/^shared:[0-9a-f]{12}$/);
    expect(pa).not.toBe(pb);
    const redis = a.app.get(Queues).connection;
    expect((await redis.keys(`${pa}:reminders:*`)).length).toBeGreaterThan(0);
    expect(await redis.keys(`${pb}:reminder-jobs:*`)).toEqual([]);
    expect(await redis.keys('shared:reminders:*')).toEqual([]);
  });
});
