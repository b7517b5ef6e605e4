import 'reflect-metadata';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
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
import { spawn, ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { ZnsClient } from '../src/zalo/zns-client.js';
import { startSmtpCounter } from '../test/support/smtp.js';
import { startZns } from '../test/support/zns.js';
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
 * 1. Scheduling: the sweep (ReminderScheduler.reconcile()) on an empty queue for
 *    TASKS open tasks (100,000 and 1,000,000) whose due dates are spread over the
 *    year beyond the 48-hour horizon, plus NEAR tasks due in two days: only the
 *    reminders within the horizon go into Redis. Against the baseline of raw
 *    ioredis ZADDs of as many entries as tasks, pipelined 1,000 at a time; then a
 *    second sweep with nothing to add, and Redis memory: the same for both sizes.
 * 2. Delivery: DELIVERIES (1,000 and 10,000) tasks of a unit whose reminders go
 *    out at a coming whole minute (its reminder time, as a commune's 07:30 wave),
 *    each to an official who takes them in the app, by e-mail (a local SMTP peer,
 *    startSmtpCounter() of test/support/smtp.ts: real SMTP over TCP, each message
 *    received whole, only its headers read) and by Zalo (the local fake of Zalo's hosts,
 *    test/support/zns.ts), delivered by one and by two worker processes
 *    (dist-bench/src/worker.js); lateness is read from the queue's event stream
 *    (the Redis time of each job's 'completed' event) minus that minute.
 *
 * Every Redis key the app writes is under its install's prefix, deleted at the end.
 * `TASKS=100000,1000000 DELIVERIES=1000,10000 node dist-bench/bench/reminders.bench.js` sets the sizes.
 */
/** Sizes from the environment; 0 (or an empty list) skips that part: `DELIVERIES=0` measures scheduling only. */
const sizes = (raw: string) => raw.split(',').map((x) => Number(x.trim())).filter((n) => Number.isInteger(n) && n > 0);
const TASKS = sizes(process.env.TASKS ?? '100000,1000000');
const DELIVERIES = sizes(process.env.DELIVERIES ?? '1000,10000');
/** BENCH_SQL=1: the workers log their SQL (LOG_SQL), and the statements of the delivery are counted by kind. */
const COUNT_SQL = !!process.env.BENCH_SQL;
/** BENCH_CPU_PROFILE=<directory>: each worker's CPU profile (start-up included), and the baseline's. */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE ?? '';
/** How many worker processes deliver, one run each (WORKERS=1 for one run). */
const WORKERS = sizes(process.env.WORKERS ?? '1,2');
/** REMINDER_CONCURRENCY of each worker process: the app's default unless given. */
const CONCURRENCY = Number(process.env.REMINDER_CONCURRENCY ?? 50);
const NEAR = 1_000;
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

async function startApp(dbPath: string, queuePrefix: string, worker: 'inline' | 'off', env: Record<string, string> = {}): Promise<Started> {
  const config = loadConfig({ DATABASE_URL: `sqlite:${dbPath}`, REDIS_URL, QUEUE_PREFIX: queuePrefix, WORKER: worker, DEMO_PLAN: 'off', NODE_ENV: 'production', ADMIN_PASSWORD: 'quan-tri-bench-1', ...env }, { signsTokens: false });
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
  /** CPU the worker processes used (their Nest, BullMQ, SQLite, nodemailer, fetch); null when not known. */
  workersCpuMs: number | null;
  /** CPU the rest of the machine used meanwhile (other processes: a test suite, a build), when /proc/stat tells. */
  othersCpuMs: number | null;
  /** Time Redis spent executing commands, by command, largest first. */
  redisCmds: { name: string; calls: number; ms: number }[];
}

/** Starts counting the CPU this process, Redis and the rest of the machine use; stop() tells how much. */
async function cpuMeter(redis: Redis, pids: (number | undefined)[] = []): Promise<{ stop(): Promise<CpuSplit> }> {
  const workersCpu = () => {
    const each = pids.map(processCpuMs);
    return each.some((x) => x === null) ? null : each.reduce<number>((a, b) => a + b!, 0);
  };
  const workers0 = workersCpu();
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
      const workers1 = workersCpu();
      const workersCpuMs = pids.length && workers0 !== null && workers1 !== null ? workers1 - workers0 : null;
      const redisCmds = [...after.cmds].map(([name, a]) => {
        const b = before.cmds.get(name) ?? { calls: 0, usec: 0 };
        return { name, calls: a.calls - b.calls, ms: (a.usec - b.usec) / 1000 };
      }).filter((c) => c.calls > 0 && c.name !== 'info').sort((x, y) => y.ms - x.ms);
      const nodeCpuMs = (node.user + node.system) / 1000;
      const redisCpuMs = (after.cpu - before.cpu) * 1000;
      const othersCpuMs = busy0 === null || busy1 === null ? null : Math.max(0, busy1 - busy0 - nodeCpuMs - redisCpuMs - (workersCpuMs ?? 0));
      return { wallMs, nodeCpuMs, redisCpuMs, workersCpuMs, othersCpuMs, redisCmds };
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
  const workers = c.workersCpuMs === null ? '' : `worker processes' CPU ${fmt(c.workersCpuMs)} ms (${fmt((100 * c.workersCpuMs) / c.wallMs)}%); `;
  return `wall ${fmt(c.wallMs)} ms; ${workers}Node CPU ${fmt(c.nodeCpuMs)} ms (${fmt((100 * c.nodeCpuMs) / c.wallMs)}%, SQLite included); Redis CPU ${fmt(c.redisCpuMs)} ms (${fmt((100 * c.redisCpuMs) / c.wallMs)}%); ${othersNote(c)}; Redis command time: ${top}`;
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
async function seedTasks(db: DataSource, n: number, dueOn: string | ((i: number) => string), assigned: boolean, settings: Partial<Pick<Unit, 'reminderOffsets' | 'reminderTime'>> = {}, label = `${n}`): Promise<{ ids: number[]; lead: Official; unit: Unit }> {
  const dueOf = typeof dueOn === 'string' ? () => dueOn : dueOn;
  const { plan, phuLucs, lead, unit } = await seedUnitAndPlan(db, label, settings);
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
      await em.createQueryBuilder().insert().into(TaskDueDate).values(batchIds.map((taskId, k) => ({ taskId, dueOn: dueOf(start + k), label: null, completedOn: null, evidence: null }))).execute();
    }
  });
  return { ids, lead, unit };
}

/**
 * n open tasks of one issued plan, due 30 to 394 days ahead (task i on day 30 + i mod 365),
 * written by SQLite itself (a recursive CTE): a million rows in seconds, where inserts from
 * JavaScript take minutes. Straight into the tables: no event fires.
 */
async function seedFarTasks(db: DataSource, n: number, today: string, label: string): Promise<number[]> {
  const { plan, phuLucs } = await seedUnitAndPlan(db, label, {});
  const first = Math.min(...phuLucs.map((p) => p.id));
  if (phuLucs.some((p) => p.id !== first + p.number - 1)) throw new Error('Phụ lục ids are not consecutive');
  await db.transaction(async (em) => {
    await em.query(`WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
      INSERT INTO task (plan_id, phu_luc_id, ordinal, content, products, lead_text, coordinators_text, deadline_text, schedule_kind, needs_review, schedule, assignee_id, status, version)
      SELECT ?, ? + (i % 7), i / 7 + 1, 'Rà soát, đánh giá thủ tục hành chính số ' || i || ' thuộc thẩm quyền giải quyết của UBND xã',
        '["Báo cáo"]', 'Công chức Văn phòng - Thống kê', '', 'Trước ngày hết hạn', 'date', 0, '{"items":[],"notes":[]}', NULL, 'open', 1 FROM seq`,
    [n - 1, plan.id, first]);
    const [{ lo }] = await em.query('SELECT MIN(id) AS lo FROM task WHERE plan_id = ?', [plan.id]);
    await em.query(`INSERT INTO task_due_date (task_id, due_on, label, completed_on, evidence)
      SELECT id, date(?, '+' || (30 + ((id - ?) % 365)) || ' days'), NULL, NULL, NULL FROM task WHERE plan_id = ?`, [today, lo, plan.id]);
  });
  return (await db.query('SELECT id FROM task WHERE plan_id = ? ORDER BY id', [plan.id])).map((r: { id: number }) => Number(r.id));
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

/** Raw ZADDs of `members`, PIPELINE commands per pipeline: ms and the memory they hold. */
async function rawBaseline(redis: Redis, keyPrefix: string, n: number) {
  const zset = `${keyPrefix}:delayed`;
  const memBefore = await usedMemory(redis);
  const t0 = process.hrtime.bigint();
  const now = Date.now();
  for (let i = 0; i < n; i += PIPELINE) {
    const pipe = redis.pipeline();
    for (let k = i; k < Math.min(n, i + PIPELINE); k++) pipe.zadd(zset, now + k * 1000, `rem-t${k + 1}-2027-01-01-before-7`);
    const res = await pipe.exec();
    const err = res?.find(([e]) => e);
    if (err) throw err[0];
  }
  const ms = msSince(t0);
  const mem = (await usedMemory(redis)) - memBefore;
  if ((await redis.zcard(zset)) !== n) throw new Error('raw baseline: wrong count');
  await dropKeys(redis, `${keyPrefix}:*`);
  return { ms, mem };
}

interface SchedulingResult {
  tasks: number;
  seedS: number;
  zadd: { ms: number; mem: number };
  first: CpuSplit;
  firstAdded: number;
  second: CpuSplit;
  jobsHeld: number;
  memTotal: number;
  farHeld: number;
}

async function scheduling(probe: Redis, tasks: number): Promise<SchedulingResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-rem-'));
  let started: Started | null = null;
  try {
    started = await startApp(join(dir, 'bench.sqlite'), `bench-rem-${RUN_ID}-s${tasks}`, 'off');
    const { db, scheduler, queues } = started;
    const queue = queues.for(JOBS.remind);
    const today = todayLocal();
    let t = process.hrtime.bigint();
    // spread over the year beyond the horizon: due 30 to 394 days ahead (the first reminder, 7 days before, 23 days or more ahead)
    const farIds = await seedFarTasks(db, tasks, today, `xa-${tasks}`);
    if (farIds.length !== tasks) throw new Error(`seeded ${farIds.length} tasks, expected ${tasks}`);
    const [{ n: dueDates, lo, hi }] = await db.query('SELECT COUNT(*) AS n, MIN(due_on) AS lo, MAX(due_on) AS hi FROM task_due_date');
    if (Number(dueDates) !== tasks || lo !== addDays(today, 30) || hi !== addDays(today, Math.min(tasks, 365) + 29)) throw new Error(`due dates: ${dueDates} from ${lo} to ${hi}`);
    // and a fixed few due in two days: their reminders are within the horizon
    await seedTasks(db, NEAR, addDays(today, 2), false, {}, `gan-${tasks}`);
    const seedS = msSince(t) / 1000;
    log(`seeded ${fmt(tasks)} tasks beyond the horizon and ${fmt(NEAR)} within it in ${fmt(seedS, 1)} s`);

    const zadd = await rawBaseline(probe, `bench-rem-${RUN_ID}-zadd${tasks}`, tasks);
    log(`baseline ZADD: ${fmt(tasks)} in ${fmt(zadd.ms)} ms, ${MiB(zadd.mem)}`);

    const memBefore = await usedMemory(probe);
    const { value: first, cpu: firstCpu } = await cpuSplit(probe, () => scheduler.reconcile());
    const memAfter = await usedMemory(probe);
    const jobsHeld = (await queue.getRanges(['delayed', 'wait', 'prioritized'], 0, -1)).filter((id) => parseReminderJobId(id)).length;
    log(`sweep #1: ${JSON.stringify(first)}; ${cpuNote(firstCpu)}`);
    if (first.added !== jobsHeld) throw new Error(`sweep added ${first.added}, the queue holds ${jobsHeld}`);
    // none of the far tasks has a job: sample 1,000 of them
    const sample = farIds.filter((_, i) => i % Math.max(1, Math.floor(farIds.length / 1000)) === 0);
    let farHeld = 0;
    for (const id of sample) farHeld += (await scheduler.list(id)).filter((r) => r.state !== 'planned').length;
    if (farHeld) throw new Error(`${farHeld} reminders of tasks beyond the horizon are in Redis`);
    const { value: second, cpu: secondCpu } = await cpuSplit(probe, () => scheduler.reconcile());
    log(`sweep #2: ${JSON.stringify(second)}; ${cpuNote(secondCpu)}`);
    if (second.added !== 0 || second.removed !== 0) throw new Error('second sweep changed the queue');
    return { tasks, seedS, zadd, first: firstCpu, firstAdded: first.added, second: secondCpu, jobsHeld, memTotal: memAfter - memBefore, farHeld };
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
 * The next whole minute at least `leadMs` ahead that no recurring job of the
 * app shares (the sweeps at :x0, the 03:00 and 07:00 jobs), nor its next minute.
 */
function nextQuietMinute(from: number, leadMs: number): Date {
  let at = Math.ceil((from + leadMs) / 60_000) * 60_000;
  for (;;) {
    const local = new Date(at + UTC_OFFSET_MS);
    const hhmm = local.toISOString().slice(11, 16);
    const m = local.getUTCMinutes();
    if (m % 10 !== 0 && m % 10 !== 9 && !['03:00', '07:00'].includes(hhmm)) return new Date(at);
    at += 60_000;
  }
}

interface DeliveryResult {
  n: number;
  workers: number;
  reconcileMs: number;
  timeOfDay: string;
  p50: number;
  p99: number;
  max: number;
  throughput: number;
  zalo: number;
  mails: number;
  cpu: CpuSplit;
}

/** A worker process, resolved once it says it is running (its Nest start-up is not measured). */
interface WorkerProcess {
  child: ChildProcess;
  /** Its SQL statements logged so far (BENCH_SQL=1), by first word (SELECT, INSERT, BEGIN…). */
  sql: Map<string, number>;
}

let profiled = 0;

async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  // BENCH_PROF=<file>: the worker's V8 profile log (node --prof; read it with node --prof-process <file>)
  const prof = process.env.BENCH_PROF ? ['--prof', `--logfile=${process.env.BENCH_PROF}.${++profiled}`, '--no-logfile-per-isolate'] : [];
  // BENCH_CPU_PROFILE=<directory>: a CPU profile of each worker, written when the delivery is done (bench/lib/cpu-profile-preload.ts)
  const cpuProfile = CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE}`, '--import', './dist-bench/bench/lib/cpu-profile-preload.js'] : [];
  const child = spawn(process.execPath, [...prof, ...cpuProfile, 'dist-bench/src/worker.js'], { env: { PATH: process.env.PATH ?? '', ...env, ...(COUNT_SQL ? { LOG_SQL: '1' } : {}), ...(CPU_PROFILE ? { BENCH_CPU_PROFILE: CPU_PROFILE } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const sql = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let running = false;
    let rest = '';
    child.stdout!.on('data', (b) => {
      if (!running) {
        out += b;
        if (out.includes('Tiến trình nhắc việc đang chạy')) {
          running = true;
          resolve();
        }
        return;
      }
      const lines = (rest + b).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const m = /^query: (\w+)/i.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
        if (m) sql.set(m[1].toUpperCase(), (sql.get(m[1].toUpperCase()) ?? 0) + 1);
        // BENCH_SQL_FILE=<file>: the statements themselves, to read one delivery's
        if (m && process.env.BENCH_SQL_FILE) appendFileSync(process.env.BENCH_SQL_FILE, `${line.replace(/\x1b\[[0-9;]*m/g, '').slice(0, 300)}\n`);
      }
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it ran: ${out}`)));
  });
  return { child, sql };
}

/** CPU time (user + system) a process used so far, ms, from /proc (null elsewhere). */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return null;
  }
}

async function delivery(probe: Redis, n: number, workers: number): Promise<DeliveryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-rem-'));
  let started: Started | null = null;
  let events: QueueEvents | null = null;
  let eventsConn: Redis | null = null;
  const children: WorkerProcess[] = [];
  const smtp = await startSmtpCounter();
  const zns = await startZns({ dailyQuota: 1_000_000 });
  try {
    const dbPath = join(dir, 'bench.sqlite');
    const prefix0 = `bench-rem-${RUN_ID}-d${n}-${workers}`;
    const env = {
      SMTP_URL: smtp.url, ZALO_APP_ID: zns.appId, ZALO_SECRET_KEY: zns.secretKey, ZALO_REFRESH_TOKEN: 'refresh-0',
      ZALO_OAUTH_URL: zns.url, ZALO_API_URL: zns.url, ZALO_TEMPLATE_BEFORE: 'tpl-before', ZALO_TEMPLATE_DUE: 'tpl-due', ZALO_TEMPLATE_OVERDUE: 'tpl-overdue',
    };
    started = await startApp(dbPath, prefix0, 'off', env);
    const { db, scheduler, prefix } = started;
    // the workers are up (and their start-up sweep of an empty database done) before anything is measured
    for (let i = 0; i < workers; i++) {
      children.push(await startWorker({ DATABASE_URL: `sqlite:${dbPath}`, REDIS_URL, QUEUE_PREFIX: prefix0, NODE_ENV: 'production', REMINDER_CONCURRENCY: String(CONCURRENCY), ...env }));
    }

    // seeding 10,000 tasks and scheduling them takes a while on a busy machine
    const fireAt = nextQuietMinute(Date.now(), 20_000 + n * 4);
    const dueOn = localDateOf(fireAt);
    const timeOfDay = new Date(fireAt.getTime() + UTC_OFFSET_MS).toISOString().slice(11, 16);
    const { ids: taskIds, lead } = await seedTasks(db, n, dueOn, true, { reminderOffsets: [0], reminderTime: timeOfDay });
    // the lead takes reminders in the app, by e-mail and by Zalo
    await db.getRepository(Official).update(lead.id, { email: 'lead@example.vn', phone: '84912345678', notifyEmail: true, notifyZalo: true });

    const completed = new Map<string, number>();
    const failed: string[] = [];
    const streamMs = (id: string) => Number(id.split('-')[0]);
    const isDue = (jobId: string) => parseReminderJobId(jobId)?.kind === 'due';
    eventsConn = redisConnection(REDIS_URL, 'worker');
    events = new QueueEvents(QUEUES.reminders, { connection: eventsConn, prefix, lastEventId: `${Date.now()}-0` });
    let allDone!: () => void;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    events.on('completed', ({ jobId }, id) => {
      if (!isDue(jobId)) return;
      completed.set(jobId, streamMs(id));
      if (completed.size + failed.length >= n) allDone();
    });
    events.on('failed', ({ jobId, failedReason }) => {
      if (!isDue(jobId)) return;
      failed.push(`${jobId}: ${failedReason}`);
      if (completed.size + failed.length >= n) allDone();
    });
    await events.waitUntilReady();

    const t = process.hrtime.bigint();
    const result = await scheduler.reconcile();
    const reconcileMs = msSince(t);
    // a worker's own sweep (every 10 minutes) may have added them first
    if (result.added + result.kept < n) throw new Error(`reconcile added ${result.added} and kept ${result.kept}, expected at least ${n}`);
    const margin = fireAt.getTime() - Date.now();
    log(`${fmt(n)} due at ${fireAt.toISOString()} (${timeOfDay} local), ${fmt(margin)} ms from now; ${workers} worker process(es)`);
    if (margin < 3_000) throw new Error('scheduling took longer than the lead time');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fireAt.getTime() - Date.now())));
    const sql0 = children.map((w) => new Map(w.sql));
    const meter = await cpuMeter(probe, children.map((w) => w.child.pid));
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${completed.size} of ${n} reminders done after 300 s`)), 300_000))]);
    const cpu = await meter.stop();
    if (CPU_PROFILE) for (const w of children) w.child.kill('SIGUSR2');
    log(`delivery: ${cpuNote(cpu)}`);
    if (cpu.workersCpuMs !== null) log(`worker CPU per delivery: ${fmt(cpu.workersCpuMs / n, 2)} ms`);
    const sqlPerDelivery = new Map<string, number>();
    children.forEach((w, i) => {
      for (const [k, v] of w.sql) sqlPerDelivery.set(k, (sqlPerDelivery.get(k) ?? 0) + v - (sql0[i].get(k) ?? 0));
    });
    if (COUNT_SQL) log(`SQL statements per delivery: ${[...sqlPerDelivery].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v / n, 2)}`).join(', ')} (total ${fmt([...sqlPerDelivery.values()].reduce((a, b) => a + b, 0) / n, 2)})`);
    if (failed.length) throw new Error(`${failed.length} reminders failed, e.g. ${failed[0]}`);

    const at = fireAt.getTime();
    const late = [...completed.values()].map((x) => x - at).sort((a, b) => a - b);
    const lastCompleted = Math.max(...completed.values());
    // once each, on every channel
    const zalo = zns.sent.filter((m) => m.templateId === 'tpl-due').length;
    const reminderMails = smtp.messages.filter((m) => m.subject.includes('Nhắc việc'));
    const mails = reminderMails.length;
    // one mail per task: as many distinct Message-IDs (deterministic per reminder) as mails
    if (new Set(reminderMails.map((m) => m.messageId)).size !== mails) throw new Error('a reminder was mailed twice (the same Message-ID)');
    const [notes] = await db.query(`SELECT COUNT(*) AS n FROM notification WHERE kind = 'due'`);
    log(`check: ${fmt(Number(notes.n))} notifications, ${fmt(zalo)} ZNS messages, ${fmt(mails)} mails`);
    if (Number(notes.n) !== n || zalo !== n || mails !== n || new Set(zns.sent.map((m) => m.trackingId)).size !== zns.sent.length) {
      throw new Error(`expected ${n} of each: ${notes.n} notifications, ${zalo} ZNS, ${mails} mails`);
    }
    if (zns.violations.length) throw new Error(`ZNS requests out of the documentation: ${zns.violations[0]}`);
    void taskIds;
    return {
      n, workers, reconcileMs, timeOfDay,
      p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1],
      throughput: n / ((lastCompleted - at) / 1000), zalo, mails, cpu,
    };
  } finally {
    for (const { child: c } of children) c.kill('SIGTERM');
    await Promise.all(children.map(({ child: c }) => (c.exitCode !== null ? null : new Promise((r) => c.on('exit', r)))));
    await events?.close().catch(() => undefined);
    eventsConn?.disconnect();
    const prefix = started?.prefix;
    await started?.app.close();
    if (prefix) log(`removed ${fmt(await dropKeys(probe, `${prefix}:*`))} keys under ${prefix}:`);
    await smtp.close();
    await zns.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The baseline of the delivery: the same number of ZNS messages (through the
 * app's own ZNS client, one access token) and mails (one pooled nodemailer
 * transport, as the app's) to the same peers, 50 at once, with no queue and
 * no database: what the channels alone cost on this machine, measured in the
 * same run. The peers run in this process, as in the delivery test.
 */
async function peersBaseline(n: number): Promise<{ n: number; ms: number; cpuMs: number }> {
  const smtp = await startSmtpCounter();
  const zns = await startZns({ dailyQuota: 1_000_000 });
  const transport = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 5 });
  const client = new ZnsClient({ oauth: zns.url, api: zns.url });
  try {
    const { accessToken } = await client.refresh(zns.appId, zns.secretKey, 'refresh-0');
    const cpu0 = process.cpuUsage();
    const t = process.hrtime.bigint();
    let next = 0;
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (next < n) {
        const i = next++;
        const r = await client.send(accessToken, { phone: '84912345678', templateId: 'tpl-due', templateData: { ten_viec: `Việc số ${i}`, han: '30/11/2026' }, trackingId: `baseline-${i}` });
        if (!r.ok) throw new Error(`baseline ZNS: ${r.error} ${r.message}`);
        await transport.sendMail({ from: 'cchc@example.vn', to: 'lead@example.vn', subject: `Nhắc việc: việc số ${i}`, text: `Việc số ${i} đến hạn hôm nay.`, messageId: `<baseline-${i}@cchc.bench>` });
      }
    }));
    const ms = msSince(t);
    const cpu = process.cpuUsage(cpu0);
    if (zns.sent.length !== n || smtp.messages.length !== n) throw new Error(`baseline: ${zns.sent.length} ZNS, ${smtp.messages.length} mails of ${n}`);
    return { n, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    transport.close();
    await smtp.close();
    await zns.close();
  }
}

// ----------------------------------------------------------------- main

/** V8's CPU profiler in this process (BENCH_CPU_PROFILE: the baseline's profile). */
async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

async function main(): Promise<void> {
  const probe = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const started = process.hrtime.bigint();
  try {
    const redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))?.[1] ?? '?';
    const aof = ((await probe.config('GET', 'appendonly')) as string[])[1];
    const sched: SchedulingResult[] = [];
    for (const n of TASKS) sched.push(await scheduling(probe, n));
    const deliv: DeliveryResult[] = [];
    const notDone: string[] = [];
    const baselines = new Map<number, { n: number; ms: number; cpuMs: number }>();
    for (const n of DELIVERIES) {
      // BENCH_CPU_PROFILE: the baseline's profile too (the peers and the clients, all in this process)
      const session = CPU_PROFILE ? await startProfile() : null;
      const b = await peersBaseline(n);
      if (session) await stopProfile(session, join(CPU_PROFILE, `baseline-${n}.cpuprofile`));
      baselines.set(n, b);
      log(`baseline: ${fmt(n)} ZNS messages and ${fmt(n)} mails, 50 at once, no queue or database: ${fmt(b.ms)} ms (${fmt(n / (b.ms / 1000))}/s), CPU ${fmt(b.cpuMs)} ms`);
      for (const w of WORKERS) {
        // a run that fails (too slow on a busy machine) is said so in the document, not dropped silently
        try {
          deliv.push(await delivery(probe, n, w));
        } catch (e) {
          console.error(e);
          notDone.push(`${fmt(n)} reminders with ${w} worker process(es): not measured (${(e as Error).message}).`);
        }
      }
    }
    const body = [
      '## Reminders: scheduling and delivery (the sweep `ReminderScheduler.reconcile()`, the reminders worker)',
      '',
      `Written by \`bench/reminders.bench.ts\` (\`BENCH=reminders npm run bench\`); ${measuredOn()}; Redis ${redisVersion} on the same host (appendonly ${aof}, as bench/run.sh starts it), SQLite in a temporary file. Whole run: ${fmt(msSince(started) / 1000)} s.`,
      'Measured from outside the app only: wall time, `process.cpuUsage()`, Redis `INFO`, the jobs in the queue, its event stream, the database rows, and what the local SMTP peer and the fake of Zalo received.',
      '',
      `### Scheduling open tasks: Redis holds the next 48 hours only`,
      '',
      `Each run: the given number of open tasks of one issued plan, due 30 to 394 days ahead (spread over the year, default settings: every reminder beyond the 48-hour horizon), plus ${fmt(NEAR)} tasks due in two days (within it), on an empty queue. The baseline is raw ZADDs of as many entries as there are tasks, ${fmt(PIPELINE)} per pipeline, measured in the same run.`,
      '',
      '| open tasks | first sweep (`reconcile()`) | its Node CPU | baseline: raw ZADD of as many entries | sweep / baseline | jobs in Redis after it | Redis memory growth | baseline memory | second sweep, nothing to add |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...sched.map((s) => `| ${fmt(s.tasks + NEAR)} | ${fmt(s.first.wallMs / 1000, 2)} s | ${fmt(s.first.nodeCpuMs / 1000, 2)} s | ${fmt(s.zadd.ms / 1000, 2)} s | ${fmt(s.first.wallMs / s.zadd.ms, 3)} | ${fmt(s.jobsHeld)} | ${MiB(s.memTotal)} | ${MiB(s.zadd.mem)} | ${fmt(s.second.wallMs / 1000, 2)} s |`),
      '',
      ...sched.map((s) => `${fmt(s.tasks + NEAR)} tasks, first sweep: ${cpuNote(s.first)}.`),
      '',
      'The sweep reads from the database only the open due dates that can have a reminder within the horizon (due on or before the horizon\'s day, widened to the next working day over a weekend or Tết, plus the largest offset in use; overdue ones too), through the index `ix_task_due_date_open_due`: its time follows the reminders due within the horizon, not the tasks due beyond it. What it writes to Redis, and the memory Redis holds, follow only those reminders too (checked: none of a sample of 1,000 tasks beyond it has a job).',
      '',
      `### Delivering reminders due at the same instant: in the app, by e-mail and by Zalo`,
      '',
      `The tasks of one commune due today, its reminder time set to a coming whole minute, only the due-day reminder, each to an official who takes reminders in the app, by e-mail (a local SMTP peer, \`startSmtpCounter()\` of \`test/support/smtp.ts\`: the smtp-server library speaking the whole SMTP dialogue over TCP, each message received to its end, but only its header block read, for the subject and the Message-ID, instead of parsing the whole MIME message with mailparser as the tests' peer does) and by Zalo (the local fake of Zalo's hosts, \`test/support/zns.ts\`, which checks every request as Zalo documents it: token, headers, JSON fields, phone, template, tracking id); delivered by worker processes (\`dist-bench/src/worker.js\`, REMINDER_CONCURRENCY ${CONCURRENCY} each${CONCURRENCY === 50 ? ', the default' : ''}) on one SQLite file. Lateness is the Redis time of each job's 'completed' event minus that minute. The bench checks exactly one notification, one mail (distinct Message-IDs) and one ZNS message (distinct tracking ids) per task.`,
      '',
      `The baseline, measured in the same run: as many ZNS messages (the app's own ZNS client) and mails (one pooled nodemailer transport) to the same peers, 50 at once, with no queue and no database. CPU per delivery is the worker processes' own (user + system, from /proc), a figure that depends less on what else the machine runs than the lateness does.`,
      '',
      '| reminders | worker processes | lateness p50 | lateness p99 | max | deliveries/s (due instant to last) | worker CPU per delivery | baseline: ZNS + mail alone, per second |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...deliv.map((d) => `| ${fmt(d.n)} | ${d.workers} | ${fmt(d.p50)} ms | ${fmt(d.p99)} ms | ${fmt(d.max)} ms | ${fmt(d.throughput)} | ${d.cpu.workersCpuMs === null ? '?' : `${fmt(d.cpu.workersCpuMs / d.n, 1)} ms`} | ${fmt(d.n / (baselines.get(d.n)!.ms / 1000))} |`),
      '',
      ...deliv.map((d) => `${fmt(d.n)} with ${d.workers} process(es): ${cpuNote(d.cpu)}.`),
      '',
      // the floor: what the channels alone took, beside the p99 of the app's best run
      ...[...baselines.values()].map((b) => {
        const best = Math.min(...deliv.filter((d) => d.n === b.n).map((d) => d.p99));
        return `${fmt(b.n)} reminders: the baseline alone took ${fmt(b.ms)} ms (CPU ${fmt(b.cpuMs)} ms) to send as many ZNS messages and mails; the best p99 lateness above is ${Number.isFinite(best) ? `${fmt(best)} ms, ${fmt(best / b.ms, 1)} times that` : 'not measured'}.`;
      }),
      ...(notDone.length ? ['', ...notDone] : []),
    ];
    console.log(body.join('\n'));
    upsertSection(DOC, 'reminders', body.join('\n'));
  } finally {
    probe.disconnect();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
