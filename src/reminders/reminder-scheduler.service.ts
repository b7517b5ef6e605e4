import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFound } from '../common/errors.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Task } from '../tasks/entities/task.entity.js';
import type { AppConfig } from '../config/env.js';
import { reminderJobOptions, RemindersQueue } from '../queue/queue.module.js';
import { JOBS } from '../queue/queue-names.js';
import {
  DEFAULT_REMINDER_SETTINGS, parseReminderJobId, PlannedReminder, ReminderKind, reminderJobId, remindersFor, ReminderSettings,
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
  state: string;
}

const CHUNK = 1000;

/**
 * Keeps BullMQ's delayed jobs equal to what the database says reminders
 * should be (reminder-plan.ts). Each task's job ids are also kept in a Redis
 * set, so a task's jobs are found without scanning the queue.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly db: DataSource,
    private readonly reminders: RemindersQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private taskKey(taskId: number): string {
    return `${this.reminders.prefix}:reminder-jobs:t${taskId}`;
  }

  /**
   * The reminders wanted now, per task, for open due dates of open tasks of
   * issued plans, minus those already delivered. No ids: every such task.
   */
  async desired(scope: { taskIds?: number[]; planId?: number } = {}, now = new Date()): Promise<Map<number, PlannedReminder[]>> {
    const where: string[] = ["t.status = 'open'", "p.status = 'issued'", 'd.due_on IS NOT NULL', 'd.completed_on IS NULL'];
    const params: Record<string, unknown> = {};
    if (scope.taskIds) {
      where.push('t.id IN (:...taskIds)');
      params.taskIds = scope.taskIds.length ? scope.taskIds : [0];
    }
    if (scope.planId !== undefined) {
      where.push('t.plan_id = :planId');
      params.planId = scope.planId;
    }
    const sql = `SELECT t.id AS task_id, d.due_on AS due_on, u.reminder_offsets AS offsets, u.reminder_time AS time_of_day,
        u.overdue_every_days AS every
      FROM task t JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = p.unit_id JOIN task_due_date d ON d.task_id = t.id
      WHERE ${where.join(' AND ')}`;
    const [q, p] = this.db.driver.escapeQueryWithParameters(sql, params);
    const rows: { task_id: number; due_on: string; offsets: unknown; time_of_day: string; every: number }[] = await this.db.query(q, p);
    const delivered = await this.deliveredKinds(scope);
    const out = new Map<number, PlannedReminder[]>();
    for (const taskId of scope.taskIds ?? []) out.set(taskId, []);
    // many tasks share a due date and settings: work out their times once
    const times = new Map<string, { kind: ReminderKind; fireAt: Date }[]>();
    for (const r of rows) {
      const taskId = Number(r.task_id);
      const cacheKey = `${r.due_on}|${String(r.offsets)}|${r.time_of_day}|${r.every}`;
      let plan = times.get(cacheKey);
      if (!plan) {
        const settings: ReminderSettings = {
          offsetsDays: parseOffsets(r.offsets) ?? DEFAULT_REMINDER_SETTINGS.offsetsDays,
          timeOfDay: r.time_of_day ?? DEFAULT_REMINDER_SETTINGS.timeOfDay,
          overdueEveryDays: Number(r.every ?? DEFAULT_REMINDER_SETTINGS.overdueEveryDays),
        };
        plan = remindersFor(0, r.due_on, settings, now).map(({ kind, fireAt }) => ({ kind, fireAt }));
        times.set(cacheKey, plan);
      }
      const list = out.get(taskId) ?? [];
      for (const { kind, fireAt } of plan) {
        const jobId = reminderJobId(taskId, r.due_on, kind);
        if (!delivered.has(jobId)) list.push({ jobId, taskId, dueOn: r.due_on, kind, fireAt });
      }
      out.set(taskId, list);
    }
    return out;
  }

  private async deliveredKinds(scope: { taskIds?: number[]; planId?: number }): Promise<Set<string>> {
    const qb = this.db.createQueryBuilder().select(['rd.task_id AS task_id', 'rd.due_on AS due_on', 'rd.kind AS kind'])
      .from('reminder_delivery', 'rd').where('rd.task_id IS NOT NULL');
    if (scope.taskIds) qb.andWhere('rd.task_id IN (:...ids)', { ids: scope.taskIds.length ? scope.taskIds : [0] });
    if (scope.planId !== undefined) qb.andWhere('rd.task_id IN (SELECT id FROM task WHERE plan_id = :planId)', { planId: scope.planId });
    const rows: { task_id: number; due_on: string; kind: ReminderKind }[] = await qb.getRawMany();
    return new Set(rows.map((r) => `rem-t${r.task_id}-${r.due_on}-${r.kind}`));
  }

  /** After a change to these tasks: add the jobs they now need, drop the ones they no longer do. */
  async syncTasks(taskIds: number[]): Promise<void> {
    try {
      await this.reminders.ready();
      for (let i = 0; i < taskIds.length; i += CHUNK) {
        const ids = taskIds.slice(i, i + CHUNK);
        await this.apply(await this.desired({ taskIds: ids }));
      }
    } catch (e) {
      // The change itself is committed; the hourly reconcile will catch up.
      this.logger.warn(`Không cập nhật được lịch nhắc việc (${(e as Error).message}); sẽ đồng bộ lại ở lần đối soát tiếp theo`);
    }
  }

  async syncPlan(planId: number): Promise<void> {
    const rows: { id: number }[] = await this.db.query(
      ...this.db.driver.escapeQueryWithParameters('SELECT id FROM task WHERE plan_id = :planId', { planId }),
    );
    await this.syncTasks(rows.map((r) => Number(r.id)));
  }

  /**
   * Rebuilds the whole schedule from the database: adds missing jobs, removes
   * jobs no task needs any more. Run at start-up and hourly; after Redis lost
   * its data, this brings every reminder back, with the same ids.
   */
  async reconcile(now = new Date()): Promise<{ added: number; removed: number; kept: number }> {
    const wanted = await this.desired({}, now);
    const queue = this.reminders.queue;
    const existing = new Set(
      (await queue.getRanges(['delayed', 'wait', 'prioritized'], 0, -1)).filter((id) => parseReminderJobId(id)),
    );
    const all = [...wanted.values()].flat();
    const wantedIds = new Set(all.map((r) => r.jobId));
    const missing = all.filter((r) => !existing.has(r.jobId));
    await this.addJobs(missing, now);
    const redis = this.reminders.connection;
    let removed = 0;
    for (const id of existing) {
      if (wantedIds.has(id)) continue;
      removed += await queue.remove(id).catch(() => 0);
      await redis.srem(this.taskKey(parseReminderJobId(id)!.taskId), id);
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
    const map = await this.desired({ taskIds: [taskId] }, now);
    const next = (map.get(taskId) ?? []).filter((r) => r.dueOn === dueOn && r.kind.startsWith('overdue-'));
    await this.addJobs(next, now);
    if (next.length) await this.reminders.connection.sadd(this.taskKey(taskId), ...next.map((r) => r.jobId));
  }

  async forget(taskId: number, jobId: string): Promise<void> {
    await this.reminders.connection.srem(this.taskKey(taskId), jobId);
  }

  /** The task's reminders as BullMQ holds them; 404 for an unknown task. */
  async listForTask(taskId: number): Promise<ScheduledReminder[]> {
    if (!(await this.db.getRepository(Task).existsBy({ id: taskId }))) throw new NotFound('nhiệm vụ', taskId);
    return this.list(taskId);
  }

  /** The task's reminders as BullMQ holds them. */
  async list(taskId: number): Promise<ScheduledReminder[]> {
    const ids = await this.reminders.connection.smembers(this.taskKey(taskId));
    const out: ScheduledReminder[] = [];
    for (const id of ids) {
      const job = await this.reminders.queue.getJob(id);
      if (!job) continue;
      const data = job.data as RemindJobData;
      out.push({ jobId: id, kind: data.kind, dueOn: data.dueOn, fireAt: data.fireAt, state: await job.getState() });
    }
    return out.sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.jobId.localeCompare(b.jobId));
  }

  /** Makes the queue hold exactly `wanted` for these tasks (jobs whose time changed are replaced). */
  private async apply(wanted: Map<number, PlannedReminder[]>): Promise<void> {
    const queue = this.reminders.queue;
    const redis = this.reminders.connection;
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
    await this.addJobs(add, now);
  }

  private async addJobs(list: PlannedReminder[], now: Date): Promise<void> {
    for (let i = 0; i < list.length; i += CHUNK) {
      await this.reminders.queue.addBulk(list.slice(i, i + CHUNK).map((r) => ({
        name: JOBS.remind,
        data: { taskId: r.taskId, dueOn: r.dueOn, kind: r.kind, fireAt: r.fireAt.toISOString() } satisfies RemindJobData,
        opts: reminderJobOptions(this.config, r.jobId, r.fireAt.getTime() - now.getTime()),
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


