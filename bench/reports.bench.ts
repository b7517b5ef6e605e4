import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/env.js';
import { PhuLuc } from '../src/plans/entities/phu-luc.entity.js';
import { Plan } from '../src/plans/entities/plan.entity.js';
import { Unit } from '../src/organization/entities/unit.entity.js';
import { ReportBuilder } from '../src/reports/report-builder.service.js';
import { RollupService } from '../src/reports/rollup.service.js';
import { Task } from '../src/tasks/entities/task.entity.js';
import { TaskDueDate } from '../src/tasks/entities/task-due-date.entity.js';
import { withDatabase } from './lib/db.js';
import { DOC, measuredOn, upsertSection } from './lib/docs.js';
import { medianOf } from './lib/time.js';

/**
 * The time to compute one plan's periodic report (ReportBuilder.build: the
 * progress query, the lists and the annex; what a preview or a stored report
 * costs), and the superior level's rollup over 500 communes × 40 tasks
 * (RollupService.rollup, what GET /api/units/:id/progress calls), on SQLite
 * and on PostgreSQL. Baseline in the same run: the same totals from each
 * commune's report built one after another.
 */
const COMMUNES = 500;
const TASKS = 40;
const RUNS = 20;
const AS_OF = '2023-12-14';

async function seed(db: DataSource): Promise<{ provinceId: number; planIds: number[] }> {
  const province = await db.getRepository(Unit).save({ name: 'Sở Nội vụ', parentId: null, reportCutoff: 'ministry' });
  const planIds: number[] = [];
  let seedValue = 7;
  const rnd = () => ((seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let c = 0; c < COMMUNES; c++) {
    const unit = await db.getRepository(Unit).save({ name: `UBND xã ${String(c).padStart(3, '0')}`, parentId: province.id, reportCutoff: 'ministry' });
    const plan = await db.getRepository(Plan).save({ unitId: unit.id, number: `${c}/KH`, title: 'Kế hoạch CCHC năm 2023', year: 2023, status: 'issued', issuedOn: '2023-01-05', decision: null });
    planIds.push(plan.id);
    const phuLucs = await db.getRepository(PhuLuc).save([1, 2, 3, 4, 5, 6, 7].map((number) => ({ planId: plan.id, number, title: `PL ${number}`, heading: null })));
    const tasks = Array.from({ length: TASKS }, (_, i) => ({
      planId: plan.id, phuLucId: phuLucs[i % 7].id, ordinal: Math.floor(i / 7) + 1, content: `Nhiệm vụ ${i}`, products: ['Báo cáo'],
      leadText: '', coordinatorsText: '', deadlineText: 'Quý IV/2023', scheduleKind: 'date' as const, needsReview: false,
      schedule: { items: [], notes: [] }, assigneeId: null, status: 'open' as const,
    }));
    const ids = (await db.createQueryBuilder().insert().into(Task).values(tasks).execute()).identifiers.map((x) => x.id as number);
    const dues = ids.map((taskId, i) => {
      const dueOn = ['2023-03-31', '2023-06-30', '2023-09-30', '2023-11-30'][i % 4];
      const done = rnd() < 0.8;
      return { taskId, dueOn, label: null, completedOn: done ? (rnd() < 0.9 ? dueOn : '2023-12-10') : null, evidence: done ? 'Báo cáo' : null };
    });
    await db.createQueryBuilder().insert().into(TaskDueDate).values(dues).execute();
  }
  return { provinceId: province.id, planIds };
}

async function main(): Promise<void> {
  const kinds: ('sqlite' | 'postgres')[] = process.env.PG_ADMIN_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines: string[] = [];
  for (const kind of kinds) {
    await withDatabase(kind, async (url) => {
      const config = loadConfig({ DATABASE_URL: url, DEMO_PLAN: 'off', WORKER: 'off', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'bench-reports' });
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
      const db = app.get(DataSource);
      const builder = app.get(ReportBuilder);
      const rollups = app.get(RollupService);
      const { provinceId, planIds } = await seed(db);
      const report = await builder.build(planIds[0], 'YEAR', 2023);
      const rollup = await rollups.rollup(provinceId, { asOf: AS_OF }, AS_OF);
      // the baseline must agree with the rollup
      let baselineCompleted = 0;
      for (const id of planIds) baselineCompleted += (await builder.build(id, 'YEAR', 2023)).figures.completed;
      if (baselineCompleted !== rollup.total.completed) throw new Error(`rollup ${rollup.total.completed} ≠ baseline ${baselineCompleted}`);
      const one = await medianOf(RUNS, () => builder.build(planIds[0], 'YEAR', 2023), 1);
      const roll = await medianOf(RUNS, () => rollups.rollup(provinceId, { asOf: AS_OF }, AS_OF), 1);
      const t0 = process.hrtime.bigint();
      for (const id of planIds) await builder.build(id, 'YEAR', 2023);
      const perCommune = Number(process.hrtime.bigint() - t0) / 1e6;
      const line = `| ${kind} | ${one.toFixed(1)} | ${roll.toFixed(1)} | ${perCommune.toFixed(0)} | ${(perCommune / roll).toFixed(0)}× | ${rollup.total.ratio} (${rollup.total.percent}) | ${report.figures.ratio} |`;
      console.log(line);
      lines.push(line);
      await app.close();
    });
  }
  upsertSection(DOC, 'reports', [
    '## Periodic reports (`ReportBuilder.build`, `GET /api/units/:id/progress`)',
    '',
    `Median of ${RUNS} runs, milliseconds; ${measuredOn()}. ${COMMUNES} communes × ${TASKS} tasks under one superior unit.`,
    '"one report" is `ReportBuilder.build()`: a plan\'s annual report (figures, lists, annex); "rollup" is `RollupService.rollup()`, what the endpoint calls: one aggregate query over every commune;',
    '"per commune" is the baseline measured in the same run: computing each commune\'s report one after another (what the rollup would cost without its query), once.',
    '',
    '| database | one report (ms) | rollup, 500 communes (ms) | per commune, 500 reports (ms) | rollup speed-up | rollup total | one plan |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
