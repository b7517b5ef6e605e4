import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import { NotFound } from '../common/errors.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { JOBS } from '../queue/queue-names.js';
import { Queues } from '../queue/queues.service.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { parseHolidays, WorkingCalendar, workingCalendar } from '../common/working-days.js';
import {
  DEFAULT_REMINDER_SETTINGS, lastDueDateWithin, overdueReminder, parseReminderJobId, PlannedReminder, ReminderKind, reminderJobId, remindersFor, ReminderSettings,
} from './reminder-plan.js';

/** What a reminder job carries; the worker re-reads the task anyway. */
export interface RemindJobData {
  taskId: number;
  dueOn: string;
  kind: ReminderKind;
  fireAt: string;
}

export interface ScheduledReminder {
  jobId: string;
  kind: ReminderKind;
  dueOn: string;
  fireAt: string;
  /**
   * BullMQ's state of the job (delayed, waiting, active, …); 'missing' when the
   * database wants it but Redis does not hold it (a Redis that was full, down or
   * flushed: the reconcile will put it back); 'planned' when it is due beyond the
   * horizon (REMINDER_HORIZON_HOURS): the sweep puts it in Redis when it comes
   * within it; 'unknown' while Redis does not answer; 'delivered' for a
   * reminder that went out with Zalo messages (listed in `zalo`).
   */
  state: string;
  /** Its Zalo messages: to whom, sent or not, and why not (then it went by e-mail). */
  zalo?: { officialId: number; sent: boolean; outcome: string }[];
}

const CHUNK = 1000;

/**
 * Keeps BullMQ's delayed jobs equal to what the database says reminders
 * should be (reminder-plan.ts), for the reminders due within the horizon
 * (REMINDER_HORIZON_HOURS, 48 h): Redis holds about two days of jobs however
 * many plans and years the database holds; the sweep (reconcile, every 10
 * minutes and at start-up) adds the next ones as they come within it. Each
 * task's job ids are also kept in a Redis set, so a task's jobs are found
 * without scanning the queue.
 */
@Injectable()
export class ReminderScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  readonly calendar: WorkingCalendar;

  constructor(
    private readonly queues: Queues,
    private readonly tasks: TasksRepository,
    private readonly plans: PlansRepository,
    private readonly notifications: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.calendar = workingCalendar(parseHolidays(config.env.HOLIDAYS) ?? []);
  }

  /** The latest fire time Redis holds a job for, seen from `now`. */
  horizonFrom(now: Date): number {
    return now.getTime() + this.config.env.REMINDER_HORIZON_HOURS * 3_600_000;
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  private get queue() {
    return this.queues.for(JOBS.remind);
  }

  private taskKey(taskId: number): string {
    return `${this.queues.prefix}:reminder-jobs:t${taskId}`;
  }

  /**
   * The reminders wanted now, per task, for open due dates of open tasks of
   * issued plans, minus those already delivered. No ids: every such task.
   * With `within`: only those due by then (the horizon).
   */
  async desired(taskIds?: number[], now = new Date(), within = Infinity): Promise<Map<number, PlannedReminder[]>> {
    // with a horizon, only the due dates that can have a reminder within it (the sweep: a few weeks of them, not every year's)
    const until = Number.isFinite(within) ? await this.lastDueDateWithin(new Date(within)) : undefined;
    const rows = await this.tasks.openDueDates(taskIds, until);
    const delivered = await this.notifications.deliveredReminders([...new Set(rows.map((r) => r.taskId))]);
    const out = new Map<number, PlannedReminder[]>();
    for (const taskId of taskIds ?? []) out.set(taskId, []);
    // many tasks share a due date and settings: work out their times once
    const times = new Map<string, { kind: ReminderKind; fireAt: Date }[]>();
    for (const r of rows) {
      const settings: ReminderSettings = {
        offsetsDays: parseOffsets(r.offsets) ?? DEFAULT_REMINDER_SETTINGS.offsetsDays,
        timeOfDay: r.timeOfDay ?? DEFAULT_REMINDER_SETTINGS.timeOfDay,
        overdueEveryDays: r.overdueEveryDays ?? DEFAULT_REMINDER_SETTINGS.overdueEveryDays,
      };
      const cacheKey = `${r.dueOn}|${String(r.offsets)}|${r.timeOfDay}|${r.overdueEveryDays}`;
      let plan = times.get(cacheKey);
      if (!plan) {
        plan = remindersFor(0, r.dueOn, settings, now, this.calendar).map(({ kind, fireAt }) => ({ kind, fireAt }));
        times.set(cacheKey, plan);
      }
      const list = out.get(r.taskId) ?? [];
      for (let { kind, fireAt } of plan) {
        if (kind.startsWith('overdue-') && delivered.has(`${r.taskId}|${r.dueOn}|${kind}`)) {
          // delivered on a working day earlier than now's count expects (moved past a weekend): the one after it
          let k = Number(kind.slice('overdue-'.length));
          while (delivered.has(`${r.taskId}|${r.dueOn}|overdue-${k}`)) k++;
          ({ kind, fireAt } = overdueReminder(r.taskId, r.dueOn, settings, k, this.calendar));
        }
        if (fireAt.getTime() > within || delivered.has(`${r.taskId}|${r.dueOn}|${kind}`)) continue;
        list.push({ jobId: reminderJobId(r.taskId, r.dueOn, kind), taskId: r.taskId, dueOn: r.dueOn, kind, fireAt });
      }
      out.set(r.taskId, list);
    }
    return out;
  }

  /**
   * The last due date that can have a reminder by `horizonEnd`, with the
   * largest offset of any unit that has an issued plan (reminder-plan.ts).
   */
  async lastDueDateWithin(horizonEnd: Date): Promise<string> {
    let maxOffset = 0;
    for (const raw of await this.tasks.reminderOffsetsInUse()) {
      for (const days of parseOffsets(raw) ?? DEFAULT_REMINDER_SETTINGS.offsetsDays) maxOffset = Math.max(maxOffset, days);
    }
    return lastDueDateWithin(horizonEnd, maxOffset, this.calendar);
  }

  /**
   * After a change to these tasks: add the jobs they now need, drop the ones
   * they no longer do. Never waits on a Redis that is down or refuses writes:
   * the change itself is committed, and the reconcile is retried from the
   * database until it succeeds.
   */
  async syncTasks(taskIds: number[]): Promise<void> {
    try {
      if (this.queues.connection.status !== 'ready') throw new Error('Redis không trả lời');
      for (let i = 0; i < taskIds.length; i += CHUNK) {
        const ids = taskIds.slice(i, i + CHUNK);
        const now = new Date();
        await this.apply(await this.desired(ids, now, this.horizonFrom(now)));
      }
    } catch (e) {
      this.logger.warn(`Không cập nhật được lịch nhắc việc (${(e as Error).message}); sẽ dựng lại từ cơ sở dữ liệu`);
      this.retryReconcile();
    }
  }

  /** A reconcile in SCHEDULE_CHECK_SECONDS, again until one succeeds. */
  private retryReconcile(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(async () => {
      try {
        if (this.queues.connection.status !== 'ready') throw new Error('Redis không trả lời');
        const r = await this.reconcile();
        this.retry = null;
        this.logger.log(`Đã dựng lại lịch nhắc việc: thêm ${r.added}, bỏ ${r.removed}`);
      } catch {
        this.retry = null;
        this.retryReconcile();
      }
    }, this.config.env.SCHEDULE_CHECK_SECONDS * 1000);
    this.retry.unref();
  }

  async syncPlans(planIds: number[]): Promise<void> {
    await this.syncTasks(await this.tasks.idsOfPlans(planIds));
  }

  /** After a unit's reminder settings changed: every task of its issued plans. */
  async syncUnit(unitId: number): Promise<void> {
    await this.syncPlans((await this.plans.withStatus(['issued'], unitId)).map((p) => p.id));
  }

  /**
   * The sweep: makes Redis hold exactly the reminders due within the horizon,
   * from the database: adds the missing ones (those that came within it,
   * those Redis lost), removes jobs no task needs any more. Run at start-up
   * and every 10 minutes; after Redis lost its data, or after the server was
   * stopped for a day, this brings back every reminder due within the
   * horizon, with the same ids (those whose time passed go at once).
   */
  async reconcile(now = new Date()): Promise<{ added: number; removed: number; kept: number }> {
    const wanted = await this.desired(undefined, now, this.horizonFrom(now));
    const queue = this.queue;
    const existing = new Set(
      (await queue.getRanges(['delayed', 'wait', 'prioritized'], 0, -1)).filter((id) => parseReminderJobId(id)),
    );
    const all = [...wanted.values()].flat();
    const wantedIds = new Set(all.map((r) => r.jobId));
    const missing = all.filter((r) => !existing.has(r.jobId));
    await this.addJobs(missing);
    // the jobs nobody wants any more, CHUNK at a time: their removals (one script each) and their ids'
    // removal from their tasks' sets go to Redis together, not one round trip after another
    const redis = this.queues.connection;
    const unwanted = [...existing].filter((id) => !wantedIds.has(id));
    let removed = 0;
    for (let i = 0; i < unwanted.length; i += CHUNK) {
      const ids = unwanted.slice(i, i + CHUNK);
      const done = await Promise.all(ids.map((id) => queue.remove(id).catch(() => 0)));
      removed += done.reduce((a, b) => a + b, 0);
      const pipe = redis.pipeline();
      for (const id of ids) pipe.srem(this.taskKey(parseReminderJobId(id)!.taskId), id);
      await pipe.exec();
    }
    // Every wanted id goes (back) into its task's set: the sets may have been lost with the jobs.
    // Ids left in a set for jobs that are gone are harmless: list() skips them, syncTasks() drops them.
    const entries = [...wanted.entries()].filter(([, list]) => list.length);
    for (let i = 0; i < entries.length; i += CHUNK) {
      const pipe = redis.pipeline();
      for (const [taskId, list] of entries.slice(i, i + CHUNK)) pipe.sadd(this.taskKey(taskId), ...list.map((r) => r.jobId));
      await pipe.exec();
    }
    return { added: missing.length, removed, kept: existing.size - removed };
  }

  /** After an overdue reminder went out: the next one, N days later. */
  async scheduleNextOverdue(taskId: number, dueOn: string, now = new Date()): Promise<void> {
    const map = await this.desired([taskId], now, this.horizonFrom(now));
    const next = (map.get(taskId) ?? []).filter((r) => r.dueOn === dueOn && r.kind.startsWith('overdue-'));
    await this.addJobs(next);
    if (next.length) await this.queues.connection.sadd(this.taskKey(taskId), ...next.map((r) => r.jobId));
  }

  async forget(taskId: number, jobId: string): Promise<void> {
    await this.queues.connection.srem(this.taskKey(taskId), jobId);
  }

  /** The task's reminders: what the database wants, and what Redis holds of it; 404 for an unknown task. */
  async listForTask(taskId: number): Promise<ScheduledReminder[]> {
    if (!(await this.tasks.exists(taskId))) throw new NotFound('nhiệm vụ', taskId);
    return this.list(taskId);
  }

  /**
   * The task's reminders: every job Redis holds for it, with its state, and
   * every reminder the database wants that Redis does not hold ('missing'), or
   * all of the wanted ones as 'unknown' while Redis does not answer.
   */
  async list(taskId: number): Promise<ScheduledReminder[]> {
    const now = new Date();
    const horizon = this.horizonFrom(now);
    const wanted = (await this.desired([taskId], now)).get(taskId) ?? [];
    const out = new Map<string, ScheduledReminder>();
    let held: ScheduledReminder[] | null = null;
    try {
      if (this.queues.connection.status !== 'ready') throw new Error('Redis không trả lời');
      held = [];
      for (const id of await this.queues.connection.smembers(this.taskKey(taskId))) {
        const job = await this.queue.getJob(id);
        if (!job) continue;
        const data = job.data as RemindJobData;
        held.push({ jobId: id, kind: data.kind, dueOn: data.dueOn, fireAt: data.fireAt, state: await job.getState() });
      }
    } catch {
      held = null;
    }
    for (const r of held ?? []) out.set(r.jobId, r);
    // delivered reminders that had Zalo messages: what came of each
    for (const c of await this.notifications.channelOutcomes(taskId)) {
      if (!c.dueOn || !c.kind) continue;
      const jobId = reminderJobId(taskId, c.dueOn, c.kind as ReminderKind);
      const entry = out.get(jobId) ?? { jobId, kind: c.kind as ReminderKind, dueOn: c.dueOn, fireAt: c.claimedAt.toISOString(), state: 'delivered', zalo: [] };
      const outcome = c.outcome ?? 'Đang gửi';
      (entry.zalo ??= []).push({ officialId: c.officialId!, sent: outcome === 'sent', outcome: outcome === 'sent' ? 'Đã gửi qua Zalo' : outcome });
      out.set(jobId, entry);
    }
    for (const r of wanted) {
      if (!out.has(r.jobId)) {
        const state = !held ? 'unknown' : r.fireAt.getTime() > horizon ? 'planned' : 'missing';
        out.set(r.jobId, { jobId: r.jobId, kind: r.kind, dueOn: r.dueOn, fireAt: r.fireAt.toISOString(), state });
      }
    }
    return [...out.values()].sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.jobId.localeCompare(b.jobId));
  }

  /** Makes the queue hold exactly `wanted` for these tasks (jobs whose time changed are replaced). */
  private async apply(wanted: Map<number, PlannedReminder[]>): Promise<void> {
    const queue = this.queue;
    const redis = this.queues.connection;
    const now = new Date();
    const add: PlannedReminder[] = [];
    for (const [taskId, list] of wanted) {
      const key = this.taskKey(taskId);
      const had = new Set(await redis.smembers(key));
      const want = new Map(list.map((r) => [r.jobId, r]));
      for (const id of had) {
        if (!want.has(id)) {
          await queue.remove(id).catch(() => 0);
          await redis.srem(key, id);
        }
      }
      for (const r of list) {
        const job = await queue.getJob(r.jobId);
        if (job) {
          const state = await job.getState();
          const sameTime = (job.data as RemindJobData).fireAt === r.fireAt.toISOString();
          // a reminder due at once that is already queued or running stays as it is
          const dueNowAndQueued = r.fireAt.getTime() <= now.getTime() && state !== 'delayed';
          if (sameTime || dueNowAndQueued || state === 'active') continue;
          await queue.remove(r.jobId).catch(() => 0);
        }
        add.push(r);
      }
      if (list.length) await redis.sadd(key, ...list.map((r) => r.jobId));
    }
    await this.addJobs(add);
  }

  private async addJobs(list: PlannedReminder[]): Promise<void> {
    for (let i = 0; i < list.length; i += CHUNK) {
      // the delay counts from when this batch goes in: a long reconcile must not make its last jobs late
      const at = Date.now();
      await this.queue.addBulk(list.slice(i, i + CHUNK).map((r) => ({
        name: JOBS.remind,
        data: { taskId: r.taskId, dueOn: r.dueOn, kind: r.kind, fireAt: r.fireAt.toISOString() } satisfies RemindJobData,
        opts: this.queues.jobOptions(r.jobId, r.fireAt.getTime() - at),
      })));
    }
  }
}

export function parseOffsets(raw: unknown): number[] | null {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  return Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0) ? (value as number[]) : null;
}

function safeJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return null; }
}


