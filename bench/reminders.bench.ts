import 'reflect-metadata';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { addDays, localDateOf, todayLocal } from '../src/common/local-date.js';
import { loadConfig } from '../src/config/env.js';
import { Official } from '../src/organization/entities/official.entity.js';
import { Unit } from '../src/organization/entities/unit.entity.js';
import { PhuLuc } from '../src/plans/entities/phu-luc.entity.js';
import { Plan } from '../src/plans/entities/plan.entity.js';
import { JobSchedulers } from '../src/queue/job-schedulers.service.js';
import { JOBS, QUEUES } from '../src/queue/queue-names.js';
import { Queues } from '../src/queue/queues.service.js';
import { redisConnection } from '../src/redis/redis-connection.js';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service.js';
import { parseReminderJobId } from '../src/reminders/reminder-plan.js';
import { ReminderScheduler, RemindJobData } from '../src/reminders/reminder-scheduler.service.js';
import { Task } from '../src/tasks/entities/task.entity.js';
import { TaskDueDate } from '../src/tasks/entities/task-due-date.entity.js';
import { DOC, measuredOn, upsertSection } from './lib/docs.js';
import { machineBusyMs, msSince, percentile } from './lib/time.js';

/**
 * The reminders pipeline under load, against a real Redis (REDIS_URL; bench/run.sh
 * starts a private one) and a temporary SQLite database, through the app's own
 * entry points only. Nothing in the app is replaced or wrapped; what is measured
 * is seen from outside: wall time, process.cpuUsage(), Redis INFO (commandstats,
 * CPU, memory) and MEMORY USAGE, the jobs BullMQ stores, the queue's event
 * stream, and the database's rows.
 *
 * 1. Scheduling: ReminderScheduler.reconcile() on an empty queue for one issued
 *    plan of TASKS open tasks with one due date 30 days ahead (four delayed jobs
 *    each at the default settings), against the baseline of raw ioredis writes of
 *    as many members, pipelined 1,000 at a time; then a second reconcile with
 *    nothing to add, and Redis memory per job and per task.
 * 2. Delivery: DELIVERIES tasks of a unit whose reminders go out at the next
 *    whole minute (its reminder time, as a commune's 07:30 wave), scheduled by
 *    reconcile() and delivered by the app's own workers (WORKER=inline, no SMTP:
 *    in-app notifications only); lateness is read from the queue's event stream
 *    (the Redis time of each job's 'active' and 'completed' events) minus that minute.
 *
 * Every Redis key the app writes is under its install's prefix, deleted at the end.
 * `TASKS=… DELIVERIES=… node dist-bench/bench/reminders.bench.js` changes the sizes.
 */
const TASKS = Number(process.env.TASKS ?? 50_000);
const DELIVERIES = Number(process.env.DELIVERIES ?? 1_000);
const DIRECT_DELIVERIES = 200;
const PIPELINE = 1_000;
/** The reminders of the delivery test go out at a whole minute at least this far ahead. */
const LEAD_MS = 12_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_ID = `${process.pid}${Math.random().toString(36).slice(2, 6)}`;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (s: string) => console.log(`[reminders] ${s}`);
const MiB = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MiB`;

// ---------------------------------------------------------------- plumbing

/** Nest's log, but only its warnings and errors. */
class QuietLogger implements LoggerService {
  log(): void {}
  warn(message: unknown, context?: unknown): void {
    console.error(`[reminders] ${context ?? ''} warn: ${String(message)}`);
  }
  error(message: unknown, ...rest: unknown[]): void {
    console.error(`[reminders] error: ${String(message)}`, ...rest);
  }
}

interface Started {
  app: INestApplicationContext;
  db: DataSource;
  queues: Queues;
  scheduler: ReminderScheduler;
  /** This install's Redis key prefix (QUEUE_PREFIX and the install id). */
  prefix: string;
}

async function startApp(dbPath: string, queuePrefix: string, worker: 'inline' | 'off'): Promise<Started> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${dbPath}`, REDIS_URL, QUEUE_PREFIX: queuePrefix, WORKER: worker, DEMO_PLAN: 'off', NODE_ENV: 'production', ADMIN_PASSWORD: 'quan-tri-bench-1' }, { signsTokens: false });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new QuietLogger() });
  await app.init();
  // the recurring jobs and the start-up reconcile (of an empty database) are done before anything is measured
  await app.get(JobSchedulers).whenStarted();
  const queues = app.get(Queues);
  return { app, db: app.get(DataSource), queues, scheduler: app.get(ReminderScheduler), prefix: queues.prefix };
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
}

/** Redis's CPU seconds and per-command totals so far (deltas are taken, nothing is reset). */
async function redisStats(redis: Redis): Promise<{ cpu: number; cmds: Map<string, { calls: number; usec: number }> }> {
  const info = await redis.info('all');
  const num = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  const cmds = new Map<string, { calls: number; usec: number }>();
  for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+),usec=(\d+)/g)) cmds.set(m[1], { calls: Number(m[2]), usec: Number(m[3]) });
  return { cpu: num('used_cpu_user') + num('used_cpu_sys'), cmds };
}

interface CpuSplit {
  wallMs: number;
  nodeCpuMs: number;
  redisCpuMs: number;
  /** CPU the rest of the machine used meanwhile (other processes: a test suite, a build), when /proc/stat tells. */
  othersCpuMs: number | null;
  /** Time Redis spent executing commands, by command, largest first. */
  redisCmds: { name: string; calls: number; ms: number }[];
}

/** Starts counting the CPU this process, Redis and the rest of the machine use; stop() tells how much. */
async function cpuMeter(redis: Redis): Promise<{ stop(): Promise<CpuSplit> }> {
  const before = await redisStats(redis);
  const busy0 = machineBusyMs();
  const node0 = process.cpuUsage();
  const t = process.hrtime.bigint();
  return {
    async stop() {
      const wallMs = msSince(t);
      const node = process.cpuUsage(node0);
      const busy1 = machineBusyMs();
      const after = await redisStats(redis);
      const redisCmds = [...after.cmds].map(([name, a]) => {
        const b = before.cmds.get(name) ?? { calls: 0, usec: 0 };
        return { name, calls: a.calls - b.calls, ms: (a.usec - b.usec) / 1000 };
      }).filter((c) => c.calls > 0 && c.name !== 'info').sort((x, y) => y.ms - x.ms);
      const nodeCpuMs = (node.user + node.system) / 1000;
      const redisCpuMs = (after.cpu - before.cpu) * 1000;
      const othersCpuMs = busy0 === null || busy1 === null ? null : Math.max(0, busy1 - busy0 - nodeCpuMs - redisCpuMs);
      return { wallMs, nodeCpuMs, redisCpuMs, othersCpuMs, redisCmds };
    },
  };
}

/** Runs fn and tells how much CPU this process, Redis and the rest of the machine used meanwhile. */
async function cpuSplit<T>(redis: Redis, fn: () => Promise<T>): Promise<{ value: T; cpu: CpuSplit }> {
  const meter = await cpuMeter(redis);
  const value = await fn();
  return { value, cpu: await meter.stop() };
}

function othersNote(c: CpuSplit): string {
  return c.othersCpuMs === null ? 'other processes: not known' : `other processes ${fmt(c.othersCpuMs)} ms (${fmt((100 * c.othersCpuMs) / (c.wallMs * cpus().length))}% of the machine)`;
}

function cpuNote(c: CpuSplit): string {
  const top = c.redisCmds.slice(0, 5).map((x) => `${x.name} ${fmt(x.calls)}× ${fmt(x.ms)} ms`).join(', ');
  return `wall ${fmt(c.wallMs)} ms; Node CPU ${fmt(c.nodeCpuMs)} ms (${fmt((100 * c.nodeCpuMs) / c.wallMs)}%, SQLite included); Redis CPU ${fmt(c.redisCpuMs)} ms (${fmt((100 * c.redisCpuMs) / c.wallMs)}%); ${othersNote(c)}; Redis command time: ${top}`;
}

/** Deletes every key matching the pattern; returns how many. */
async function dropKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    if (keys.length) n += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return n;
}

/** One unit with its reminder settings, its chairman and one official, and one issued plan with its seven Phụ lục. */
async function seedUnitAndPlan(db: DataSource, label: string, settings: Partial<Pick<Unit, 'reminderOffsets' | 'reminderTime'>>) {
  const unit = await db.getRepository(Unit).save({ name: `Xã ${label}`, parentId: null, reportCutoff: 'ministry', ...settings });
  const [, lead] = await db.getRepository(Official).save([
    { unitId: unit.id, fullName: 'Nguyễn Văn An', position: 'Chủ tịch UBND xã', role: 'chairman' as const, email: null },
    { unitId: unit.id, fullName: 'Trần Thị Bình', position: 'Công chức Văn phòng - Thống kê', role: 'official' as const, email: null },
  ]);
  const year = Number(todayLocal().slice(0, 4));
  const plan = await db.getRepository(Plan).save({ unitId: unit.id, number: `${label}/KH-UBND`, title: `Kế hoạch cải cách hành chính năm ${year}`, year, status: 'issued', issuedOn: todayLocal(), decision: null });
  const phuLucs = await db.getRepository(PhuLuc).save([1, 2, 3, 4, 5, 6, 7].map((number) => ({ planId: plan.id, number, title: `Phụ lục ${number}`, heading: null })));
  return { unit, lead, plan, phuLucs };
}

/**
 * One issued plan of n open tasks, each with one open due date on dueOn, led by
 * one official of the unit when `assigned`; 500 rows per INSERT, in one transaction.
 * Straight into the tables: no event fires, so nothing is scheduled before the measurement.
 */
async function seedTasks(db: DataSource, n: number, dueOn: string, assigned: boolean, settings: Partial<Pick<Unit, 'reminderOffsets' | 'reminderTime'>> = {}): Promise<{ ids: number[]; lead: Official }> {
  const { plan, phuLucs, lead } = await seedUnitAndPlan(db, `${n}`, settings);
  const assigneeId = assigned ? lead.id : null;
  const ids: number[] = [];
  await db.transaction(async (em) => {
    for (let start = 0; start < n; start += 500) {
      const batch = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
        const i = start + k;
        return { planId: plan.id, phuLucId: phuLucs[i % 7].id, ordinal: Math.floor(i / 7) + 1, content: `Rà soát, đánh giá thủ tục hành chính số ${i} thuộc thẩm quyền giải quyết của UBND xã`, products: ['Báo cáo'], leadText: 'Công chức Văn phòng - Thống kê', coordinatorsText: '', deadlineText: 'Trước ngày hết hạn', scheduleKind: 'date' as const, needsReview: false, schedule: { items: [], notes: [] }, assigneeId, status: 'open' as const };
      });
      const batchIds = (await em.createQueryBuilder().insert().into(Task).values(batch).execute()).identifiers.map((x) => x.id as number);
      ids.push(...batchIds);
      await em.createQueryBuilder().insert().into(TaskDueDate).values(batchIds.map((taskId) => ({ taskId, dueOn, label: null, completedOn: null, evidence: null }))).execute();
    }
  });
  return { ids, lead };
}

/** How late BullMQ will run these jobs against the time their data says (job.timestamp + job.delay − fireAt), ms. */
async function scheduledDrift(queues: Queues, jobIds: string[]): Promise<number[]> {
  const queue = queues.for(JOBS.remind);
  const out: number[] = [];
  for (const id of jobIds) {
    const job = await queue.getJob(id);
    if (!job) throw new Error(`job ${id} is not in the queue`);
    out.push(job.timestamp + job.delay - Date.parse((job.data as RemindJobData).fireAt));
  }
  return out.sort((a, b) => a - b);
}

// ------------------------------------------------------- 1. scheduling

/** Writes `members` with raw ioredis pipelines of PIPELINE commands each; returns ms and the memory they hold. */
async function rawBaseline(redis: Redis, keyPrefix: string, members: { id: string; score: number; data: string }[], withData: boolean) {
  const zset = `${keyPrefix}:delayed`;
  const memBefore = await usedMemory(redis);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < members.length; i += PIPELINE) {
    const pipe = redis.pipeline();
    for (const m of members.slice(i, i + PIPELINE)) {
      pipe.zadd(zset, m.score, m.id);
      if (withData) pipe.hset(`${keyPrefix}:${m.id}`, 'data', m.data);
    }
    const res = await pipe.exec();
    const err = res?.find(([e]) => e);
    if (err) throw err[0];
  }
  const ms = msSince(t0);
  const mem = (await usedMemory(redis)) - memBefore;
  if ((await redis.zcard(zset)) !== members.length) throw new Error('raw baseline: wrong count');
  await dropKeys(redis, `${keyPrefix}:*`);
  return { ms, mem };
}

async function scheduling(probe: Redis) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-rem-'));
  let started: Started | null = null;
  try {
    started = await startApp(join(dir, 'bench.sqlite'), `bench-rem-${RUN_ID}-s`, 'off');
    const { db, scheduler, queues, prefix } = started;
    const queue = queues.for(JOBS.remind);

    const dueOn = addDays(todayLocal(), 30);
    let t = process.hrtime.bigint();
    const { ids: taskIds } = await seedTasks(db, TASKS, dueOn, false);
    log(`seeded ${fmt(TASKS)} tasks due ${dueOn} in ${fmt(msSince(t) / 1000, 1)} s`);

    // what reconcile will want, by the scheduler's own public answer; the first call warms SQLite's page cache
    await scheduler.desired(undefined, new Date());
    t = process.hrtime.bigint();
    const wanted = await scheduler.desired(undefined, new Date());
    const desiredMs = msSince(t);
    const jobs = [...wanted.values()].flat();
    if (jobs.length !== TASKS * 4) throw new Error(`expected ${TASKS * 4} reminders, desired() gives ${jobs.length}`);
    log(`desired(): ${fmt(jobs.length)} reminders in ${fmt(desiredMs)} ms`);

    // baselines: as many raw writes, 1,000 commands per pipeline
    const members = jobs.map((r) => ({
      id: r.jobId, score: r.fireAt.getTime(),
      data: JSON.stringify({ taskId: r.taskId, dueOn: r.dueOn, kind: r.kind, fireAt: r.fireAt.toISOString() } satisfies RemindJobData),
    }));
    const zadd = await cpuSplit(probe, () => rawBaseline(probe, `bench-rem-${RUN_ID}-zadd`, members, false));
    log(`baseline ZADD: ${fmt(jobs.length)} in ${fmt(zadd.value.ms)} ms, ${MiB(zadd.value.mem)}`);
    const hset = await rawBaseline(probe, `bench-rem-${RUN_ID}-hset`, members, true);
    log(`baseline ZADD + HSET: ${fmt(jobs.length)} in ${fmt(hset.ms)} ms, ${MiB(hset.mem)}`);

    const delayedBefore = await queue.getDelayedCount();
    const memBefore = await usedMemory(probe);
    const { value: first, cpu: firstCpu } = await cpuSplit(probe, () => scheduler.reconcile());
    const memAfter = await usedMemory(probe);
    const delayed = (await queue.getDelayedCount()) - delayedBefore;
    log(`reconcile #1: ${JSON.stringify(first)}; ${cpuNote(firstCpu)}`);
    if (first.added !== jobs.length || delayed !== jobs.length) throw new Error(`reconcile added ${first.added}, queue holds ${delayed}, expected ${jobs.length}`);
    const sample = taskIds.filter((_, i) => i % Math.max(1, Math.floor(taskIds.length / 1000)) === 0);
    const setKeys = await probe.exists(...sample.map((id) => `${prefix}:reminder-jobs:t${id}`));
    if (setKeys !== sample.length) throw new Error(`per-task sets missing: ${setKeys}/${sample.length} sampled`);
    // the first and last jobs reconcile added, and some between
    const driftIds = jobs.filter((_, i) => i % Math.max(1, Math.floor(jobs.length / 200)) === 0 || i === jobs.length - 1).map((r) => r.jobId);
    const drift = await scheduledDrift(queues, driftIds);
    log(`scheduled drift over ${driftIds.length} jobs: min ${fmt(drift[0])} ms, max ${fmt(drift[drift.length - 1])} ms`);
    const sampleJob = Number(await probe.memory('USAGE', `${prefix}:${QUEUES.reminders}:${jobs[0].jobId}`, 'SAMPLES', '0'));
    const sampleSet = Number(await probe.memory('USAGE', `${prefix}:reminder-jobs:t${taskIds[0]}`, 'SAMPLES', '0'));

    const { value: second, cpu: secondCpu } = await cpuSplit(probe, () => scheduler.reconcile());
    log(`reconcile #2: ${JSON.stringify(second)}; ${cpuNote(secondCpu)}`);
    if (second.added !== 0 || second.removed !== 0) throw new Error('second reconcile changed the queue');

    // what the per-task sets hold: the memory their deletion gives back (after everything was measured)
    const memAll = await usedMemory(probe);
    const sets = await dropKeys(probe, `${prefix}:reminder-jobs:t*`);
    const memSets = memAll - (await usedMemory(probe));
    if (sets !== TASKS) throw new Error(`expected ${TASKS} per-task sets, found ${sets}`);

    return {
      tasks: TASKS, jobs: jobs.length, desiredMs, zadd: zadd.value, zaddCpu: zadd.cpu, hset,
      first: firstCpu, second: secondCpu, drift, driftSampled: driftIds.length,
      memTotal: memAfter - memBefore, memSets, sampleJob, sampleSet,
    };
  } finally {
    const prefix = started?.prefix;
    await started?.app.close();
    if (prefix) log(`removed ${fmt(await dropKeys(probe, `${prefix}:*`))} keys under ${prefix}:`);
    rmSync(dir, { recursive: true, force: true });
  }
}

// --------------------------------------------------------- 2. delivery

const UTC_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh

/**
 * The next whole minute at least LEAD_MS ahead that no recurring job of the
 * app shares (hourly reconcile at :00, the 03:00, 07:00 and 07:30 jobs) and
 * whose next minute is not :00 either.
 */
function nextQuietMinute(from: number): Date {
  let at = Math.ceil((from + LEAD_MS) / 60_000) * 60_000;
  for (;;) {
    const local = new Date(at + UTC_OFFSET_MS);
    const hhmm = local.toISOString().slice(11, 16);
    const m = local.getUTCMinutes();
    if (m !== 0 && m !== 59 && !['03:00', '07:00', '07:30'].includes(hhmm)) return new Date(at);
    at += 60_000;
  }
}

async function delivery(probe: Redis) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-rem-'));
  let started: Started | null = null;
  let events: QueueEvents | null = null;
  let eventsConn: Redis | null = null;
  try {
    started = await startApp(join(dir, 'bench.sqlite'), `bench-rem-${RUN_ID}-d`, 'inline');
    const { app, db, scheduler, queues, prefix } = started;

    // the unit's reminder time is the next quiet minute; only the due-day reminder (offsets [0])
    const fireAt = nextQuietMinute(Date.now());
    const dueOn = localDateOf(fireAt);
    const timeOfDay = new Date(fireAt.getTime() + UTC_OFFSET_MS).toISOString().slice(11, 16);
    const { ids: taskIds, lead } = await seedTasks(db, DELIVERIES, dueOn, true, { reminderOffsets: [0], reminderTime: timeOfDay });

    const active = new Map<string, number>();
    const completed = new Map<string, number>();
    const outcomes = new Map<string, number>();
    const failed: string[] = [];
    const streamMs = (id: string) => Number(id.split('-')[0]);
    const isDue = (jobId: string) => parseReminderJobId(jobId)?.kind === 'due';
    eventsConn = redisConnection(REDIS_URL, 'worker');
    events = new QueueEvents(QUEUES.reminders, { connection: eventsConn, prefix, lastEventId: `${Date.now()}-0` });
    let allDone!: () => void;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    events.on('active', ({ jobId }, id) => { if (isDue(jobId) && !active.has(jobId)) active.set(jobId, streamMs(id)); });
    events.on('completed', ({ jobId, returnvalue }, id) => {
      if (!isDue(jobId)) return;
      completed.set(jobId, streamMs(id));
      outcomes.set(String(returnvalue), (outcomes.get(String(returnvalue)) ?? 0) + 1);
      if (completed.size + failed.length >= DELIVERIES) allDone();
    });
    events.on('failed', ({ jobId, failedReason }) => {
      if (!isDue(jobId)) return;
      failed.push(`${jobId}: ${failedReason}`);
      if (completed.size + failed.length >= DELIVERIES) allDone();
    });
    await events.waitUntilReady();

    const t = process.hrtime.bigint();
    const result = await scheduler.reconcile();
    const reconcileMs = msSince(t);
    // a 'due' and the first 'overdue' reminder per task
    if (result.added !== 2 * DELIVERIES) throw new Error(`reconcile added ${result.added}, expected ${2 * DELIVERIES}`);
    const dueIds = taskIds.map((taskId) => `rem-t${taskId}-${dueOn}-due`);
    const drift = await scheduledDrift(queues, dueIds);
    const margin = fireAt.getTime() - Date.now();
    log(`reconcile scheduled ${fmt(result.added)} jobs in ${fmt(reconcileMs)} ms; ${fmt(DELIVERIES)} due at ${fireAt.toISOString()} (${timeOfDay} local), ${fmt(margin)} ms from now`);
    if (margin < 1_000) throw new Error('scheduling took longer than the lead time');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fireAt.getTime() - Date.now())));
    const meter = await cpuMeter(probe);
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${completed.size} of ${DELIVERIES} reminders done after 120 s`)), 120_000))]);
    const cpu = await meter.stop();
    log(`delivery: ${cpuNote(cpu)}`);
    if (failed.length) throw new Error(`${failed.length} reminders failed, e.g. ${failed[0]}`);

    const at = fireAt.getTime();
    const late = [...completed.values()].map((x) => x - at).sort((a, b) => a - b);
    const pickup = [...active.values()].map((x) => x - at).sort((a, b) => a - b);
    const inWorker = [...completed].map(([id, x]) => x - (active.get(id) ?? x)).sort((a, b) => a - b);
    const firstActive = Math.min(...active.values());
    const lastCompleted = Math.max(...completed.values());

    // exactly one in-app notification per reminder, to the task's lead, and one claimed and finished delivery each
    const [n] = await db.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT task_id) AS tasks, SUM(CASE WHEN official_id = ? THEN 1 ELSE 0 END) AS mine FROM notification WHERE kind = 'due'`, [lead.id]);
    const [d] = await db.query(`SELECT COUNT(*) AS n, SUM(CASE WHEN notified_at IS NOT NULL AND mailed_at IS NOT NULL THEN 1 ELSE 0 END) AS complete FROM reminder_delivery WHERE kind = 'due'`);
    const [all] = await db.query(`SELECT COUNT(*) AS n FROM notification`);
    const check = { notifications: Number(all.n), dueNotifications: Number(n.n), tasks: Number(n.tasks), toLead: Number(n.mine), deliveries: Number(d.n), deliveriesComplete: Number(d.complete) };
    log(`check: ${JSON.stringify(check)}; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
    if (Object.values(check).some((v) => v !== DELIVERIES) || outcomes.get('delivered') !== DELIVERIES) {
      throw new Error(`expected ${DELIVERIES} of each: ${JSON.stringify(check)} ${JSON.stringify(Object.fromEntries(outcomes))}`);
    }

    // the same work called directly, one at a time, without the queue: another reminder (7 days before) of the same tasks
    const service = app.get(ReminderDeliveryService);
    const direct: number[] = [];
    for (const taskId of taskIds.slice(0, DIRECT_DELIVERIES)) {
      const t0 = process.hrtime.bigint();
      const outcome = await service.deliver({ taskId, dueOn, kind: 'before-7', fireAt: new Date().toISOString() });
      direct.push(msSince(t0));
      if (outcome !== 'delivered') throw new Error(`direct deliver(): ${outcome}`);
    }
    direct.sort((a, b) => a - b);

    return {
      n: DELIVERIES, reconcileMs, fireAt, timeOfDay, drift,
      p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1],
      pickupMin: pickup[0],
      workerP50: percentile(inWorker, 50), workerP99: percentile(inWorker, 99),
      throughput: DELIVERIES / ((lastCompleted - firstActive) / 1000),
      throughputFromFire: DELIVERIES / ((lastCompleted - at) / 1000),
      directP50: percentile(direct, 50), directP99: percentile(direct, 99), cpu,
    };
  } finally {
    await events?.close().catch(() => undefined);
    eventsConn?.disconnect();
    const prefix = started?.prefix;
    await started?.app.close();
    if (prefix) log(`removed ${fmt(await dropKeys(probe, `${prefix}:*`))} keys under ${prefix}:`);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------- main

async function main(): Promise<void> {
  const probe = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const started = process.hrtime.bigint();
  try {
    const redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))?.[1] ?? '?';
    const aof = ((await probe.config('GET', 'appendonly')) as string[])[1];
    const s = await scheduling(probe);
    const d = await delivery(probe);
    const rate = (jobs: number, msTaken: number) => jobs / (msTaken / 1000);
    const reconcileRate = rate(s.jobs, s.first.wallMs);
    const zaddRate = rate(s.jobs, s.zadd.ms);
    const memJobs = s.memTotal - s.memSets;
    const body = [
      '## Reminders: scheduling and delivery (`ReminderScheduler.reconcile()`, the reminders worker)',
      '',
      `Written by \`bench/reminders.bench.ts\`; ${measuredOn()}; Redis ${redisVersion} on the same host (appendonly ${aof}, as bench/run.sh starts it), SQLite in a temporary file. Whole run: ${fmt(msSince(started) / 1000)} s.`,
      'Measured from outside the app only: wall time, `process.cpuUsage()`, Redis `INFO` and `MEMORY USAGE`, the jobs in the queue, its event stream, and the database rows.',
      '',
      `### Scheduling ${fmt(s.tasks)} open tasks (one issued plan, one due date each, 30 days ahead, default settings: ${fmt(s.jobs)} delayed jobs)`,
      '',
      '| measure | figure |',
      '|---|---:|',
      `| first \`reconcile()\`, empty queue | ${fmt(s.first.wallMs / 1000, 1)} s = ${fmt(reconcileRate)} jobs/s |`,
      `| baseline: raw ZADDs of as many members, ${fmt(PIPELINE)} per pipeline | ${fmt(s.zadd.ms / 1000, 2)} s = ${fmt(zaddRate)} /s |`,
      `| ratio, reconcile / baseline | the baseline is ${fmt(zaddRate / reconcileRate, 1)}× faster |`,
      `| baseline 2: raw ZADD + HSET of each job's data, ${fmt(PIPELINE)} pairs per pipeline | ${fmt(s.hset.ms / 1000, 2)} s |`,
      `| \`desired()\` alone (the database's side: open due dates, delivered claims, the reminder plan) | ${fmt(s.desiredMs / 1000, 2)} s |`,
      `| second \`reconcile()\`, nothing to add | ${fmt(s.second.wallMs / 1000, 1)} s |`,
      `| Redis \`used_memory\` growth, all of it | ${MiB(s.memTotal)} = ${fmt(s.memTotal / s.jobs)} B/job |`,
      `| … the jobs (hash, delayed entry, events) | ${fmt(memJobs / s.jobs)} B/job (\`MEMORY USAGE\` of one job hash: ${fmt(s.sampleJob)} B) |`,
      `| … the per-task id sets (given back when deleted at the end) | ${fmt(s.memSets / s.tasks)} B/task (one set: ${fmt(s.sampleSet)} B) |`,
      `| baseline: the ZADDs' memory | ${MiB(s.zadd.mem)} = ${fmt(s.zadd.mem / s.jobs)} B/job |`,
      `| baseline 2: ZADD + HSET memory | ${MiB(s.hset.mem)} = ${fmt(s.hset.mem / s.jobs)} B/job |`,
      `| how late a job is set to run against its fire time (\`timestamp + delay − fireAt\`), min / max of ${fmt(s.driftSampled)} jobs across the batch | ${fmt(s.drift[0])} / ${fmt(s.drift[s.drift.length - 1])} ms |`,
      '',
      `CPU while they ran — baseline: ${cpuNote(s.zaddCpu)}.`,
      `First reconcile: ${cpuNote(s.first)}. Node CPU + Redis CPU = ${fmt((100 * (s.first.nodeCpuMs + s.first.redisCpuMs)) / s.first.wallMs)}% of the wall time.`,
      `Second reconcile: ${cpuNote(s.second)}.`,
      '',
      `### Delivering ${fmt(d.n)} reminders due at the same instant`,
      '',
      `${fmt(d.n)} tasks of one commune due today, its reminder time set to the next whole minute (${d.timeOfDay} local), only the due-day reminder; \`reconcile()\` scheduled them (with each task's first overdue reminder) in ${fmt(d.reconcileMs)} ms, and the app's own worker (WORKER=inline, concurrency 5, no SMTP: in-app notifications only) delivered them. Lateness is the Redis time of each job's event in the queue's event stream minus that minute. The bench checks there are exactly ${fmt(d.n)} notifications (one per task, to its lead) and ${fmt(d.n)} finished delivery claims.`,
      '',
      '| measure | figure |',
      '|---|---:|',
      `| lateness of completion, p50 | ${fmt(d.p50)} ms |`,
      `| lateness of completion, p99 | ${fmt(d.p99)} ms |`,
      `| lateness of completion, max | ${fmt(d.max)} ms |`,
      `| lateness of the first pickup ('active') | ${fmt(d.pickupMin)} ms |`,
      `| of which set by scheduling (\`timestamp + delay − fireAt\`), max | ${fmt(d.drift[d.drift.length - 1])} ms |`,
      `| throughput, first pickup to last completion | ${fmt(d.throughput)} deliveries/s |`,
      `| throughput, due instant to last completion | ${fmt(d.throughputFromFire)} deliveries/s |`,
      `| one job in the worker ('active' → 'completed'), p50 / p99 (5 at a time) | ${fmt(d.workerP50)} / ${fmt(d.workerP99)} ms |`,
      `| one \`ReminderDeliveryService.deliver()\` called directly, one at a time (${DIRECT_DELIVERIES} calls), p50 / p99 | ${fmt(d.directP50, 1)} / ${fmt(d.directP99, 1)} ms |`,
      '',
      `CPU from the due instant to the last completion: ${cpuNote(d.cpu)}.`,
    ];
    console.log(body.join('\n'));
    upsertSection(DOC, 'reminders', body.join('\n'));
  } finally {
    probe.disconnect();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
