import 'reflect-metadata';
import { DOC, measuredOn, upsertSection } from './lib/docs.js';
import { withDatabase } from './lib/db.js';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/env.js';
import { PhuLuc } from '../src/plans/entities/phu-luc.entity.js';
import { Plan } from '../src/plans/entities/plan.entity.js';
import { ProgressService } from '../src/progress/progress.service.js';
import { PlanBookService } from '../src/progress/plan-book.service.js';
import { monthsOf, overviewLists } from '../src/progress/overview.js';
import { OrganizationRepository } from '../src/organization/organization.repository.js';
import { TasksRepository } from '../src/tasks/tasks.repository.js';
import { TasksService } from '../src/tasks/tasks.service.js';
import { progressFigures, sumCounts } from '../src/progress/progress.js';
import { Unit } from '../src/organization/entities/unit.entity.js';
import { Task } from '../src/tasks/entities/task.entity.js';
import { TaskDueDate } from '../src/tasks/entities/task-due-date.entity.js';

/**
 * How long GET /api/plans/:id/progress and GET /api/plans/:id/overview take
 * to compute, by plan size, on SQLite and PostgreSQL: the queries the
 * services run, against the baseline of loading every task and due date and
 * working it out in JavaScript. Run with `npm run bench` (PostgreSQL is
 * measured when PG_ADMIN_URL is set, which bench/run.sh arranges);
 * `TASKS=34,1000` sets the plan sizes.
 */
const SIZES = (process.env.TASKS ?? '34,1000,10000').split(',').map((x) => Number(x.trim())).filter((n) => Number.isInteger(n) && n > 0);
/** The overview's day: the June due dates fall within its 14 days. */
const OVERVIEW_AS_OF = '2023-06-20';
const RUNS = 30;
const AS_OF = '2023-12-14';


/** A plan of n tasks spread over the seven Phụ lục, with one to four due dates each, about 70% met. */
async function seedPlan(db: DataSource, n: number): Promise<number> {
  const unit = await db.getRepository(Unit).save({ name: `Xã ${n}`, parentId: null, reportCutoff: 'ministry' });
  const plan = await db.getRepository(Plan).save({ unitId: unit.id, number: `${n}/KH`, title: 'Bench', year: 2023, status: 'issued', issuedOn: null, decision: null });
  const phuLucs = await db.getRepository(PhuLuc).save([1, 2, 3, 4, 5, 6, 7].map((number) => ({ planId: plan.id, number, title: `PL ${number}`, heading: null })));
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let start = 0; start < n; start += 500) {
    const batch = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
      const i = start + k;
      return { planId: plan.id, phuLucId: phuLucs[i % 7].id, ordinal: Math.floor(i / 7) + 1, content: `Nhiệm vụ ${i}`, products: ['Báo cáo'], leadText: '', coordinatorsText: '', deadlineText: 'Quý IV/2023', scheduleKind: 'date' as const, needsReview: false, schedule: { items: [], notes: [] }, assigneeId: null, status: 'open' as const };
    });
    const ids = (await db.createQueryBuilder().insert().into(Task).values(batch).execute()).identifiers.map((x) => x.id as number);
    const rows = ids.flatMap((taskId) => {
      const count = 1 + Math.floor(rnd() * 4);
      return Array.from({ length: count }, (_, q) => {
        const dueOn = ['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31'][q];
        const done = rnd() < 0.7;
        const completedOn = done ? (rnd() < 0.8 ? dueOn : '2024-01-05') : null;
        return { taskId, dueOn, label: null, completedOn, evidence: done ? 'Báo cáo' : null };
      });
    });
    for (let j = 0; j < rows.length; j += 400) await db.createQueryBuilder().insert().into(TaskDueDate).values(rows.slice(j, j + 400)).execute();
  }
  return plan.id;
}

/** The baseline: every task and due date into memory, counted in JavaScript. */
async function progressInMemory(db: DataSource, planId: number) {
  const tasks = await db.getRepository(Task).find({ where: { planId }, relations: { phuLuc: true } });
  const dues = await db.getRepository(TaskDueDate).createQueryBuilder('d').innerJoin('d.task', 't').where('t.plan_id = :planId', { planId }).getMany();
  const byTask = new Map<number, TaskDueDate[]>();
  for (const d of dues) byTask.set(d.taskId, [...(byTask.get(d.taskId) ?? []), d]);
  const groups = new Map<number, { planned: number; completed: number; completedOnTime: number; completedLate: number; overdue: number }>();
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    const g = groups.get(t.phuLuc!.number) ?? { planned: 0, completed: 0, completedOnTime: 0, completedLate: 0, overdue: 0 };
    const list = byTask.get(t.id) ?? [];
    const open = list.filter((d) => !d.completedOn || d.completedOn > AS_OF);
    const late = list.filter((d) => d.completedOn && d.completedOn <= AS_OF && d.dueOn && d.completedOn > d.dueOn);
    g.planned++;
    if (!open.length) { g.completed++; if (late.length) g.completedLate++; else g.completedOnTime++; }
    else if (open.some((d) => d.dueOn && d.dueOn < AS_OF)) g.overdue++;
    groups.set(t.phuLuc!.number, g);
  }
  return progressFigures(sumCounts([...groups.values()]));
}

/** The overview's baseline, as the server computed it before: every task of the plan read, the lists and chart worked out in JavaScript. */
async function overviewInMemory(db: DataSource, app: { get: <T>(t: new (...a: never[]) => T) => T }, planId: number) {
  return db.transaction(async (em) => {
    const plan = await em.findOneByOrFail(Plan, { id: planId });
    const tasks = await app.get(TasksRepository).views(em, { planId });
    const unassigned = await app.get(TasksService).unassigned(em, plan);
    const officials = await app.get(OrganizationRepository).officialsOf(plan.unitId, {}, em);
    const names = new Map(officials.map((o) => [o.id, o.fullName]));
    return { planId: plan.id, year: plan.year, asOf: OVERVIEW_AS_OF, months: monthsOf(tasks, plan.year, OVERVIEW_AS_OF), ...overviewLists(tasks, unassigned, names, OVERVIEW_AS_OF) };
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  await fn();
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

async function main(): Promise<void> {
  const kinds: ('sqlite' | 'postgres')[] = process.env.PG_ADMIN_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines: string[] = [];
  const overviewLines: string[] = [];
  for (const kind of kinds) {
    await withDatabase(kind, async (url) => {
      const config = loadConfig({ DATABASE_URL: url, DEMO_PLAN: 'off', WORKER: 'off', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'bench-progress' });
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
      const db = app.get(DataSource);
      const progress = app.get(ProgressService);
      const book = app.get(PlanBookService);
      for (const n of SIZES) {
        const planId = await seedPlan(db, n);
        // the planner's statistics, as autovacuum keeps them on a database in use (a fresh table has none)
        if (kind === 'postgres') await db.query('ANALYZE');
        const sql = await progress.progress(planId, AS_OF);
        const mem = await progressInMemory(db, planId);
        if (sql.ratio !== mem.ratio || sql.overdue !== mem.overdue || sql.completedLate !== mem.completedLate) {
          throw new Error(`results differ: ${JSON.stringify([sql.ratio, mem.ratio, sql.overdue, mem.overdue])}`);
        }
        const aggregate = await time(() => progress.progress(planId, AS_OF));
        const baseline = await time(() => progressInMemory(db, planId));
        const line = `| ${kind} | ${n.toLocaleString('vi-VN')} | ${aggregate.toFixed(2)} | ${baseline.toFixed(2)} | ${(baseline / aggregate).toFixed(1)}× | ${sql.ratio} |`;
        console.log(line);
        lines.push(line);
        const byQueries = await book.overview(planId, OVERVIEW_AS_OF);
        if (JSON.stringify(byQueries) !== JSON.stringify(await overviewInMemory(db, app, planId))) throw new Error(`overview of ${n} tasks: the queries and the baseline differ`);
        const queries = await time(() => book.overview(planId, OVERVIEW_AS_OF));
        const whole = await time(() => overviewInMemory(db, app, planId));
        const oline = `| ${kind} | ${n.toLocaleString('vi-VN')} | ${queries.toFixed(2)} | ${whole.toFixed(2)} | ${(whole / queries).toFixed(1)}× | ${byQueries.overdue.total} / ${byQueries.dueSoon.total} |`;
        console.log(oline);
        overviewLines.push(oline);
      }
      await app.close();
    });
  }
  const header = [
    '## Progress of one plan (`GET /api/plans/:id/progress`)',
    '',
    `Median of ${RUNS} runs, milliseconds; ${measuredOn()}. Plans of n tasks over the seven Phụ lục, one to four due dates each, about 70% met, as of ${AS_OF}.`,
    '"aggregate" is `ProgressService.progress()`, what the endpoint calls: one GROUP BY query; "in memory" is the baseline that loads every task and due date and counts in JavaScript, measured in the same run on the same data (both give the same figures; the bench checks it).',
    '',
    '| database | tasks | aggregate (ms) | in memory (ms) | speed-up | completed |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const overview = [
    '',
    '### Overview of one plan (`GET /api/plans/:id/overview`)',
    '',
    `Median of ${RUNS} runs, milliseconds, on the same plans as of ${OVERVIEW_AS_OF}. "queries" is \`PlanBookService.overview()\`, what the endpoint calls: per list one query for its first 100 rows and its total, two GROUP BY queries for the chart, then those rows' tasks; "whole plan" is the baseline that reads every task of the plan and works the lists and chart out in JavaScript (\`overviewLists\`, \`monthsOf\`), as the server did before, measured in the same run (both answers are the same; the bench checks it).`,
    '',
    '| database | tasks | queries (ms) | whole plan (ms) | speed-up | overdue / due soon |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  upsertSection(DOC, 'progress', [...header, ...lines, ...overview, ...overviewLines].join('\n'));
}


main().catch((e) => { console.error(e); process.exit(1); });
