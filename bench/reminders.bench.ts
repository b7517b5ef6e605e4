import 'reflect-metadata';
import { upsertSection } from './lib/docs.js';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { addDays, todayLocal } from '../src/common/local-date.js';
import { AppConfig, loadConfig } from '../src/config/env.js';
import { Official } from '../src/organization/entities/official.entity.js';
import { Unit } from '../src/organization/entities/unit.entity.js';
import { PhuLuc } from '../src/plans/entities/phu-luc.entity.js';
import { Plan } from '../src/plans/entities/plan.entity.js';
import { redisConnection, reminderJobOptions, RemindersQueue } from '../src/queue/queue.module.js';
import { JOBS, REMINDERS_QUEUE, SCHEDULERS } from '../src/queue/queue-names.js';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service.js';
import { reminderJobId } from '../src/reminders/reminder-plan.js';
import { ReminderScheduler, RemindJobData } from '../src/reminders/reminder-scheduler.service.js';
import { Task } from '../src/tasks/entities/task.entity.js';
import { TaskDueDate } from '../src/tasks/entities/task-due-date.entity.js';

/**
 * The reminders pipeline under load, against a real Redis (REDIS_URL; bench/run.sh
 * starts a private one) and a temporary SQLite database:
 *
 * 1. Scheduling: ReminderScheduler.reconcile() on an empty queue for one issued
 *    plan of TASKS open tasks with one due date ~30 days ahead (4 delayed jobs
 *    each), against the baseline of raw ioredis ZADDs of as many members,
 *    pipelined 1,000 at a time; then a second reconcile with nothing to add,
 *    and Redis memory per job. Each phase of reconcile is timed by wrapping
 *    the calls it makes (desired(), getRanges, addBulk, SCAN/DEL, the SADD
 *    pipelines).
 * 2. Delivery: DELIVERIES `remind` jobs all due at the same instant, run by the
 *    app's own worker (WORKER=inline, JobsProcessor, no SMTP); lateness
 *    is read from the queue's event stream (the Redis time of each job's
 *    'active' and 'completed' events) minus that instant.
 *
 * Every Redis key it writes is under a prefix of its own, deleted at the end.
 * `TASKS=… DELIVERIES=… node dist-bench/bench/reminders.bench.js` changes the sizes.
 */
const TASKS = Number(process.env.TASKS ?? 100_000);
const DELIVERIES = Number(process.env.DELIVERIES ?? 1_000);
const ZADD_BATCH = 1_000;
const FIRE_IN_MS = 3_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_ID = `${process.pid}${Math.random().toString(36).slice(2, 6)}`;

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (s: string) => console.log(`[reminders] ${s}`);

// ---------------------------------------------------------------- plumbing

/** Nest's log, silenced, except that it tells when the start-up reconcile is over. */
class BootLogger implements LoggerService {
  private done!: () => void;
  readonly bootReconciled = new Promise<void>((resolve) => (this.done = resolve));
  log(message: unknown): void {
    if (String(message).startsWith('Đối soát lịch nhắc việc')) this.done();
  }
  warn(message: unknown, context?: unknown): void {
    const text = String(message);
    if (text.startsWith('Redis chưa sẵn sàng')) this.done();
    console.error(`[reminders] ${context ?? ''} warn: ${text}`);
  }
  error(message: unknown, ...rest: unknown[]): void {
    console.error(`[reminders] error: ${String(message)}`, ...rest);
  }
}

async function startApp(dbPath: string, prefix: string, worker: 'inline' | 'off'): Promise<{ app: INestApplicationContext; config: AppConfig }> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${dbPath}`, REDIS_URL, QUEUE_PREFIX: prefix, WORKER: worker, DEMO_PLAN: 'off', NODE_ENV: 'production' }, { signsTokens: false });
  const logger = new BootLogger();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger });
  await app.init();
  // JobSchedulers reconciles an empty database at start-up, unawaited; let it finish first
  await Promise.race([logger.bootReconciled, new Promise((_, reject) => setTimeout(() => reject(new Error('start-up reconcile did not finish')), 30_000))]);
  // and no hourly reconcile or daily digest firing in the middle of a measurement
  const queue = app.get(RemindersQueue).queue;
  for (const id of Object.values(SCHEDULERS)) await queue.removeJobScheduler(id);
  return { app, config };
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
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
  /** Time Redis spent executing commands, by command, largest first. */
  redisCmds: { name: string; calls: number; ms: number }[];
}

/** Runs fn and tells how much CPU this process and Redis used meanwhile. */
async function cpuSplit<T>(redis: Redis, fn: () => Promise<T>): Promise<{ value: T; cpu: CpuSplit }> {
  const before = await redisStats(redis);
  const node0 = process.cpuUsage();
  const t = process.hrtime.bigint();
  const value = await fn();
  const wallMs = ms(t);
  const node = process.cpuUsage(node0);
  const after = await redisStats(redis);
  const redisCmds = [...after.cmds].map(([name, a]) => {
    const b = before.cmds.get(name) ?? { calls: 0, usec: 0 };
    return { name, calls: a.calls - b.calls, ms: (a.usec - b.usec) / 1000 };
  }).filter((c) => c.calls > 0 && c.name !== 'info').sort((x, y) => y.ms - x.ms);
  return { value, cpu: { wallMs, nodeCpuMs: (node.user + node.system) / 1000, redisCpuMs: (after.cpu - before.cpu) * 1000, redisCmds } };
}

function cpuNote(c: CpuSplit): string {
  const top = c.redisCmds.slice(0, 4).map((x) => `${x.name} ${fmt(x.calls)}× ${fmt(x.ms)} ms`).join(', ');
  return `wall ${fmt(c.wallMs)} ms; Node CPU ${fmt(c.nodeCpuMs)} ms (${fmt((100 * c.nodeCpuMs) / c.wallMs)}%); Redis CPU ${fmt(c.redisCpuMs)} ms (${fmt((100 * c.redisCpuMs) / c.wallMs)}%); Redis command time: ${top}`;
}

/** Deletes every key under this run's prefix, nothing else. */
async function dropPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    if (keys.length) n += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return n;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One unit with default reminder settings, its officials, and one issued plan with its seven Phụ lục. */
async function seedUnitAndPlan(db: DataSource, label: string) {
  const unit = await db.getRepository(Unit).save({ name: `Xã ${label}`, parentId: null, reportCutoff: 'ministry' });
  const [chairman, lead] = await db.getRepository(Official).save([
    { unitId: unit.id, fullName: 'Nguyễn Văn An', position: 'Chủ tịch UBND xã', role: 'chairman' as const, email: null },
    { unitId: unit.id, fullName: 'Trần Thị Bình', position: 'Công chức Văn phòng - Thống kê', role: 'official' as const, email: null },
  ]);
  const plan = await db.getRepository(Plan).save({ unitId: unit.id, number: `${label}/KH-UBND`, title: `Kế hoạch cải cách hành chính năm ${todayLocal().slice(0, 4)}`, year: Number(todayLocal().slice(0, 4)), status: 'issued', issuedOn: todayLocal(), decision: null });
  const phuLucs = await db.getRepository(PhuLuc).save([1, 2, 3, 4, 5, 6, 7].map((number) => ({ planId: plan.id, number, title: `Phụ lục ${number}`, heading: null })));
  return { unit, chairman, lead, plan, phuLucs };
}

/**
 * One issued plan of n open tasks, each with one open due date on dueOn, led by
 * one official of the unit when `assigned`; 500 rows per INSERT, in one transaction.
 */
async function seedTasks(db: DataSource, n: number, dueOn: string, assigned: boolean): Promise<{ ids: number[]; lead: Official }> {
  const { plan, phuLucs, lead } = await seedUnitAndPlan(db, `${n}`);
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

// ------------------------------------------------------- 1. scheduling

interface Phases {
  total: number;
  desired: number;
  desiredSql: number;
  getRanges: number;
  addBulk: number;
  addBulkCalls: number;
  remove: number;
  removeCalls: number;
  scan: number;
  scanCalls: number;
  del: number;
  sadd: number;
  saddPipelines: number;
  memBeforeSets: number | null;
}

/** Runs reconcile() with each of its steps timed, by wrapping (on these instances only) what it calls. */
async function timedReconcile(scheduler: ReminderScheduler, reminders: RemindersQueue, db: DataSource, probe: Redis, now: Date) {
  const p: Phases = { total: 0, desired: 0, desiredSql: 0, getRanges: 0, addBulk: 0, addBulkCalls: 0, remove: 0, removeCalls: 0, scan: 0, scanCalls: 0, del: 0, sadd: 0, saddPipelines: 0, memBeforeSets: null };
  const queue = reminders.queue;
  const redis = reminders.connection;
  const restore: (() => void)[] = [];
  const wrap = (obj: any, name: string, around: (orig: (...a: any[]) => any, args: any[]) => any) => {
    const orig = obj[name];
    obj[name] = (...args: unknown[]) => around(orig.bind(obj), args);
    restore.push(() => delete obj[name]);
  };
  const timed = (add: (dt: number) => void) => async (orig: (...a: unknown[]) => Promise<unknown>, args: unknown[]) => {
    const t = process.hrtime.bigint();
    try { return await orig(...args); } finally { add(ms(t)); }
  };
  let inAddBulk = false;
  wrap(scheduler, 'desired', timed((dt) => (p.desired += dt)));
  wrap(db, 'query', timed((dt) => (p.desiredSql += dt)));
  wrap(queue, 'getRanges', timed((dt) => (p.getRanges += dt)));
  wrap(queue, 'addBulk', async (orig, args) => {
    inAddBulk = true;
    const t = process.hrtime.bigint();
    try { return await orig(...args); } finally { p.addBulk += ms(t); p.addBulkCalls++; inAddBulk = false; }
  });
  wrap(queue, 'remove', timed((dt) => { p.remove += dt; p.removeCalls++; }));
  wrap(redis, 'scan', async (orig, args) => {
    if (p.scanCalls++ === 0) p.memBeforeSets = await usedMemory(probe); // the jobs are in; the per-task sets not yet
    const t = process.hrtime.bigint();
    try { return await orig(...args); } finally { p.scan += ms(t); }
  });
  wrap(redis, 'del', timed((dt) => (p.del += dt)));
  wrap(redis, 'pipeline', (orig, args) => {
    const pipe = orig(...args);
    if (inAddBulk) return pipe; // BullMQ's own pipeline: counted in addBulk
    const exec = pipe.exec.bind(pipe);
    pipe.exec = async (...a: unknown[]) => {
      const t = process.hrtime.bigint();
      try { return await exec(...a); } finally { p.sadd += ms(t); p.saddPipelines++; }
    };
    return pipe;
  });
  const t0 = process.hrtime.bigint();
  try {
    const result = await scheduler.reconcile(now);
    p.total = ms(t0);
    return { result, phases: p };
  } finally {
    for (const r of restore.reverse()) r();
  }
}

async function zaddBaseline(redis: Redis, key: string, members: { id: string; score: number }[]): Promise<number> {
  await redis.del(key);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < members.length; i += ZADD_BATCH) {
    const pipe = redis.pipeline();
    for (const m of members.slice(i, i + ZADD_BATCH)) pipe.zadd(key, m.score, m.id);
    const res = await pipe.exec();
    const err = res?.find(([e]) => e);
    if (err) throw err[0];
  }
  const elapsed = ms(t0);
  if ((await redis.zcard(key)) !== members.length) throw new Error('ZADD baseline: wrong count');
  await redis.del(key);
  return elapsed;
}

function phaseLines(p: Phases): string[] {
  const other = p.total - p.desired - p.getRanges - p.addBulk - p.remove - p.scan - p.del - p.sadd;
  const pct = (x: number) => `${((100 * x) / p.total).toFixed(0)}%`;
  const row = (name: string, x: number, note = '') => `| ${name} | ${fmt(x)} | ${pct(x)} | ${note} |`;
  return [
    row('`desired()`', p.desired, `of which the SQL query ${fmt(p.desiredSql)} ms; the rest is \`remindersFor\` and the delivered-set query in JS`),
    row('`getRanges` (existing ids)', p.getRanges),
    row('`addBulk`', p.addBulk, `${p.addBulkCalls} calls of ≤1,000 jobs`),
    row('`queue.remove`', p.remove, `${p.removeCalls} calls`),
    row('SCAN for per-task sets', p.scan, `${p.scanCalls} SCAN round trips over the whole keyspace`),
    row('DEL of per-task sets', p.del),
    row('SADD pipelines (per-task sets)', p.sadd, `${p.saddPipelines} pipelines`),
    row('other (JS between the steps)', other),
  ];
}

async function scheduling(probe: Redis) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-rem-'));
  const prefix = `bench-rem-${RUN_ID}-s`;
  let app: INestApplicationContext | null = null;
  try {
    const started = await startApp(join(dir, 'bench.sqlite'), prefix, 'off');
    app = started.app;
    const db = app.get(DataSource);
    const scheduler = app.get(ReminderScheduler);
    const reminders = app.get(RemindersQueue);

    const dueOn = addDays(todayLocal(), 30);
    let t = process.hrtime.bigint();
    const { ids: taskIds } = await seedTasks(db, TASKS, dueOn, false);
    log(`seeded ${fmt(TASKS)} tasks due ${dueOn} in ${fmt(ms(t) / 1000, 1)} s`);

    const now = new Date();
    const wanted = await scheduler.desired({}, now); // also warms SQLite's page cache for the timed run
    const jobs = [...wanted.values()].flat();
    if (jobs.length !== TASKS * 4) throw new Error(`expected ${TASKS * 4} reminders, desired() gives ${jobs.length}`);

    // baseline: the same number of ZADDs, raw, 1,000 per pipeline
    const zadd = await cpuSplit(probe, () => zaddBaseline(probe, `${prefix}:zadd-baseline`, jobs.map((r) => ({ id: r.jobId, score: r.fireAt.getTime() }))));
    const zaddMs = zadd.value;
    log(`baseline: ${fmt(jobs.length)} ZADDs in ${fmt(zaddMs)} ms = ${fmt(jobs.length / (zaddMs / 1000))}/s`);

    const delayedBefore = await reminders.queue.getDelayedCount();
    const memBefore = await usedMemory(probe);
    const { value: first, cpu: firstCpu } = await cpuSplit(probe, () => timedReconcile(scheduler, reminders, db, probe, now));
    log(`reconcile #1: ${cpuNote(firstCpu)}`);
    const memAfter = await usedMemory(probe);
    const delayed = (await reminders.queue.getDelayedCount()) - delayedBefore;
    log(`reconcile #1: ${JSON.stringify(first.result)} in ${fmt(first.phases.total)} ms; delayed jobs now ${fmt(delayed)}`);
    if (first.result.added !== jobs.length || delayed !== jobs.length) throw new Error(`reconcile added ${first.result.added}, queue holds ${delayed}, expected ${jobs.length}`);
    const setKeys = await probe.exists(...taskIds.slice(0, 1000).map((id) => `${prefix}:reminder-jobs:t${id}`));
    if (setKeys !== Math.min(1000, taskIds.length)) throw new Error(`per-task sets missing: ${setKeys}/1000 sampled`);
    const sampleJob = Number(await probe.memory('USAGE', `${prefix}:${REMINDERS_QUEUE}:${jobs[0].jobId}`, 'SAMPLES', '0'));
    const sampleSet = Number(await probe.memory('USAGE', `${prefix}:reminder-jobs:t${taskIds[0]}`, 'SAMPLES', '0'));

    const { value: second, cpu: secondCpu } = await cpuSplit(probe, () => timedReconcile(scheduler, reminders, db, probe, new Date()));
    log(`reconcile #2: ${cpuNote(secondCpu)}`);
    log(`reconcile #2: ${JSON.stringify(second.result)} in ${fmt(second.phases.total)} ms`);
    if (second.result.added !== 0 || second.result.removed !== 0) throw new Error('second reconcile changed the queue');

    return {
      tasks: TASKS, jobs: jobs.length, zaddMs, first: first.phases, second: second.phases, zaddCpu: zadd.cpu, firstCpu, secondCpu,
      memTotal: memAfter - memBefore,
      memJobs: (first.phases.memBeforeSets ?? memAfter) - memBefore,
      memSets: memAfter - (first.phases.memBeforeSets ?? memAfter),
      sampleJob, sampleSet,
    };
  } finally {
    await app?.close();
    const n = await dropPrefix(probe, prefix);
    log(`removed ${fmt(n)} keys under ${prefix}:`);
    rmSync(dir, { recursive: true, force: true });
  }
}

// --------------------------------------------------------- 2. delivery

async function delivery(probe: Redis) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-rem-'));
  const prefix = `bench-rem-${RUN_ID}-d`;
  let app: INestApplicationContext | null = null;
  let events: QueueEvents | null = null;
  let eventsConn: Redis | null = null;
  try {
    const started = await startApp(join(dir, 'bench.sqlite'), prefix, 'inline');
    app = started.app;
    const config = started.config;
    const db = app.get(DataSource);
    const queue = app.get(RemindersQueue).queue;

    const dueOn = todayLocal();
    const { ids: taskIds, lead } = await seedTasks(db, DELIVERIES, dueOn, true);

    // what one delivery costs, and how long SQLite's single connection is held by their transactions
    const deliverMs: number[] = [];
    let txMs = 0;
    const service = app.get(ReminderDeliveryService);
    const deliver = service.deliver.bind(service);
    service.deliver = async (data) => {
      const t0 = process.hrtime.bigint();
      try { return await deliver(data); } finally { deliverMs.push(ms(t0)); }
    };
    // the autocommit UPDATE of mailed_at after the transaction (db.manager only; transactions have their own)
    let updateMs = 0;
    let updates = 0;
    const update = db.manager.update.bind(db.manager) as (...a: unknown[]) => Promise<unknown>;
    (db.manager as any).update = async (...a: unknown[]) => {
      const t0 = process.hrtime.bigint();
      try { return await update(...a); } finally { updateMs += ms(t0); updates++; }
    };
    const transaction = db.transaction.bind(db) as (work: unknown) => Promise<unknown>;
    (db as any).transaction = async (work: unknown) => {
      const t0 = process.hrtime.bigint();
      try { return await transaction(work); } finally { txMs += ms(t0); }
    };

    const active = new Map<string, number>();
    const completed = new Map<string, number>();
    const outcomes = new Map<string, number>();
    const failed: string[] = [];
    const streamMs = (id: string) => Number(id.split('-')[0]);
    eventsConn = redisConnection(REDIS_URL);
    events = new QueueEvents(REMINDERS_QUEUE, { connection: eventsConn, prefix, lastEventId: `${Date.now()}-0` });
    let allDone!: () => void;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    events.on('active', ({ jobId }, id) => { if (!active.has(jobId)) active.set(jobId, streamMs(id)); });
    events.on('completed', ({ jobId, returnvalue }, id) => {
      completed.set(jobId, streamMs(id));
      outcomes.set(String(returnvalue), (outcomes.get(String(returnvalue)) ?? 0) + 1);
      if (completed.size + failed.length >= DELIVERIES) allDone();
    });
    events.on('failed', ({ jobId, failedReason }) => {
      failed.push(`${jobId}: ${failedReason}`);
      if (completed.size + failed.length >= DELIVERIES) allDone();
    });
    await events.waitUntilReady();

    const now = Date.now();
    const fireAt = Math.ceil((now + FIRE_IN_MS) / 1000) * 1000;
    const t = process.hrtime.bigint();
    await queue.addBulk(taskIds.map((taskId) => ({
      name: JOBS.remind,
      data: { taskId, dueOn, kind: 'due', fireAt: new Date(fireAt).toISOString() } satisfies RemindJobData,
      // timestamp: every job's delay counts from the same `now`, so all fire at exactly fireAt
      opts: { ...reminderJobOptions(config, reminderJobId(taskId, dueOn, 'due'), fireAt - now), timestamp: now },
    })));
    const addMs = ms(t);
    log(`added ${fmt(DELIVERIES)} remind jobs in ${fmt(addMs)} ms, all due at ${new Date(fireAt).toISOString()}`);
    if (Date.now() >= fireAt) throw new Error('adding the jobs took longer than the lead time');

    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${completed.size} of ${DELIVERIES} reminders done after 120 s`)), FIRE_IN_MS + 120_000))]);
    if (failed.length) throw new Error(`${failed.length} reminders failed, e.g. ${failed[0]}`);

    const late = [...completed.values()].map((x) => x - fireAt).sort((a, b) => a - b);
    const pickup = [...active.values()].map((x) => x - fireAt).sort((a, b) => a - b);
    const firstActive = Math.min(...active.values());
    const lastCompleted = Math.max(...completed.values());
    deliverMs.sort((a, b) => a - b);

    // exactly one in-app notification per reminder, to the task's lead, and one claimed delivery each
    const [n] = await db.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT task_id) AS tasks, SUM(CASE WHEN official_id = ? THEN 1 ELSE 0 END) AS mine,
        MIN(created_at) AS first, MAX(created_at) AS last FROM notification WHERE kind = 'due'`, [lead.id]);
    const [d] = await db.query(`SELECT COUNT(*) AS n, SUM(CASE WHEN notified_at IS NOT NULL AND mailed_at IS NOT NULL THEN 1 ELSE 0 END) AS complete FROM reminder_delivery`);
    const [all] = await db.query(`SELECT COUNT(*) AS n FROM notification`);
    const check = { notifications: Number(all.n), dueNotifications: Number(n.n), tasks: Number(n.tasks), toLead: Number(n.mine), deliveries: Number(d.n), deliveriesComplete: Number(d.complete) };
    log(`check: ${JSON.stringify(check)}; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; notification.created_at ${n.first} … ${n.last} (UTC, whole seconds)`);
    if (Object.values(check).some((v) => v !== DELIVERIES) || outcomes.get('delivered') !== DELIVERIES) {
      throw new Error(`expected ${DELIVERIES} of each: ${JSON.stringify(check)} ${JSON.stringify(Object.fromEntries(outcomes))}`);
    }
    return {
      n: DELIVERIES, addMs, fireAt,
      p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1], min: late[0],
      pickupP50: percentile(pickup, 50), pickupMin: pickup[0], pickupMax: pickup[pickup.length - 1],
      throughput: DELIVERIES / ((lastCompleted - firstActive) / 1000),
      throughputFromFire: DELIVERIES / ((lastCompleted - fireAt) / 1000),
      createdFirst: String(n.first), createdLast: String(n.last),
      deliverP50: percentile(deliverMs, 50), deliverP99: percentile(deliverMs, 99),
      txShare: txMs / (lastCompleted - firstActive), txMean: txMs / deliverMs.length,
      updateMean: updateMs / Math.max(1, updates), updates, updateShare: updateMs / (lastCompleted - firstActive),
    };
  } finally {
    await events?.close().catch(() => undefined);
    eventsConn?.disconnect();
    await app?.close();
    const n = await dropPrefix(probe, prefix);
    log(`removed ${fmt(n)} keys under ${prefix}:`);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------- main

async function main(): Promise<void> {
  const probe = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const started = process.hrtime.bigint();
  try {
    const redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))?.[1] ?? '?';
    const policy = ((await probe.config('GET', 'appendonly')) as string[])[1];
    const s = await scheduling(probe);
    const d = await delivery(probe);
    const rate = (jobs: number, msTaken: number) => jobs / (msTaken / 1000);
    const reconcileRate = rate(s.jobs, s.first.total);
    const zaddRate = rate(s.jobs, s.zaddMs);
    const body = [
      '## Reminders: scheduling and delivery (`ReminderScheduler.reconcile()`, `JobsProcessor`)',
      '',
      `Written by \`bench/reminders.bench.ts\` on ${new Date().toISOString().slice(0, 10)}: this machine (${process.arch}, Node ${process.version}), Redis ${redisVersion} on the same host (appendonly ${policy}, as bench/run.sh starts it), SQLite in a temporary file. Whole run: ${fmt(ms(started) / 1000)} s.`,
      '',
      `### Scheduling ${fmt(s.tasks)} open tasks (one issued plan, one due date each, ~30 days ahead, default settings: ${fmt(s.jobs)} delayed jobs)`,
      '',
      '| measure | figure |',
      '|---|---:|',
      `| first \`reconcile()\`, empty queue | ${fmt(s.first.total / 1000, 1)} s |`,
      `| … jobs scheduled per second | ${fmt(reconcileRate)} jobs/s |`,
      `| baseline: raw ioredis ZADDs of as many members, 1,000 per pipeline | ${fmt(s.zaddMs / 1000, 2)} s = ${fmt(zaddRate)} /s |`,
      `| ratio, reconcile / baseline | ${(reconcileRate / zaddRate).toFixed(3)} (the baseline is ${fmt(zaddRate / reconcileRate, 1)}× faster) |`,
      `| second \`reconcile()\`, nothing to add | ${fmt(s.second.total / 1000, 1)} s |`,
      `| Redis \`used_memory\` growth, all of it | ${fmt(s.memTotal / 1024 / 1024, 1)} MiB = ${fmt(s.memTotal / s.jobs)} B/job |`,
      `| … the jobs (hash + delayed entry) | ${fmt(s.memJobs / s.jobs)} B/job (\`MEMORY USAGE\` of one job hash: ${s.sampleJob} B) |`,
      `| … the per-task id sets | ${fmt(s.memSets / s.tasks)} B/task (one set: ${s.sampleSet} B) |`,
      '',
      'Where the time of each reconcile goes (ms), timed by wrapping the calls it makes:',
      '',
      '| step | first (ms) | share | notes |',
      '|---|---:|---:|---|',
      ...phaseLines(s.first),
      '',
      `CPU while they ran — baseline: ${cpuNote(s.zaddCpu)}.`,
      `First reconcile: ${cpuNote(s.firstCpu)}. Node CPU + Redis CPU = ${fmt((100 * (s.firstCpu.nodeCpuMs + s.firstCpu.redisCpuMs)) / s.firstCpu.wallMs)}% of the wall time: \`addJobs\` sends one chunk at a time, so the two mostly take turns.`,
      `Second reconcile: ${cpuNote(s.secondCpu)}.`,
      '',
      '| step | second (ms) | share | notes |',
      '|---|---:|---:|---|',
      ...phaseLines(s.second),
      '',
      `### Delivering ${fmt(d.n)} reminders due at the same instant`,
      '',
      `${fmt(d.n)} \`remind\` jobs (kind \`due\`, options from \`reminderJobOptions\`) added in ${fmt(d.addMs)} ms, all due ${FIRE_IN_MS / 1000} s later at the same instant, run by the app's own worker (WORKER=inline, concurrency 5, no SMTP: in-app notifications only). Lateness is the Redis time of each job's event in the queue's event stream minus that instant. The bench checks there are exactly ${fmt(d.n)} notifications (one per task, to its lead) and ${fmt(d.n)} delivery claims.`,
      '',
      '| measure | figure |',
      '|---|---:|',
      `| lateness of completion, p50 | ${fmt(d.p50)} ms |`,
      `| lateness of completion, p99 | ${fmt(d.p99)} ms |`,
      `| lateness of completion, max | ${fmt(d.max)} ms |`,
      `| lateness of the first pickup ('active') | ${fmt(d.pickupMin)} ms |`,
      `| throughput, first pickup to last completion | ${fmt(d.throughput)} deliveries/s |`,
      `| throughput, due instant to last completion | ${fmt(d.throughputFromFire)} deliveries/s |`,
      `| one \`deliver()\` call, p50 / p99 (5 at a time) | ${fmt(d.deliverP50, 1)} / ${fmt(d.deliverP99, 1)} ms |`,
      `| its transaction (claim + notification + notified_at), mean; share of the wall time | ${fmt(d.txMean, 1)} ms; ${fmt(100 * d.txShare)}% |`,
      `| the separate UPDATE of mailed_at after it (its own commit), mean; share of the wall time | ${fmt(d.updateMean, 1)} ms; ${fmt(100 * d.updateShare)}% |`,
    ];
    console.log(body.join('\n'));
    upsertSection('docs/benchmarks.md', 'reminders', body.join('\n'));
  } finally {
    probe.disconnect();
  }
}


main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
