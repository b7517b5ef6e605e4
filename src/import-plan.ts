import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { SystemActor } from './access/actor.js';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/env.js';
import { PlanImportsService } from './plan-files/plan-imports.service.js';

const USAGE = 'Cách dùng: npm run plan:import -- --unit <mã đơn vị> [--year <năm>] [--save] <tệp .docx|.doc|.xlsx|.csv>';
const ADMIN_CLI: SystemActor = { kind: 'system', name: 'Quản trị (dòng lệnh)' };

/**
 * `npm run plan:import`: the administrator loads a plan file into a unit from
 * the server's shell, through the same reading, checks and saving as
 * POST /api/plans/import. Without --save it only prints the preview.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { unit: { type: 'string' }, year: { type: 'string' }, save: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const unitId = Number(values.unit);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (positionals.length !== 1 || !Number.isInteger(unitId) || unitId < 1 || (year !== undefined && !Number.isInteger(year))) {
    console.error(USAGE);
    return 2;
  }
  const path = positionals[0];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    console.error(`Không đọc được tệp ${path}`);
    return 1;
  }
  const config = loadConfig({ ...process.env, DEMO_PLAN: 'off', WORKER: 'off' }, { signsTokens: false });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const answer = await app.get(PlanImportsService).upload(ADMIN_CLI, { bytes, fileName: basename(path) }, { unitId, year, dryRun: !values.save });
    const { preview } = answer;
    console.log(`${preview.header.title ?? '(chưa có tên)'} – số ${preview.header.number ?? '(chưa có)'} – năm ${preview.header.year ?? '(chưa rõ)'}`);
    for (const p of preview.phuLucs) console.log(`  Phụ lục ${String(p.number).padStart(2, '0')}: ${p.tasks.length} nhiệm vụ`);
    for (const x of preview.problems) {
      const where = [x.table ? `bảng ${x.table}` : '', x.row ? `dòng ${x.row}` : '', x.column ? `cột “${x.column}”` : ''].filter(Boolean).join(', ');
      console.log(`  [${x.severity === 'error' ? 'LỖI' : 'lưu ý'}] ${where ? `${where}: ` : ''}${x.message}`);
    }
    console.log(answer.saved
      ? `Đã lưu kế hoạch (mã ${answer.planId}): ${preview.taskCount} nhiệm vụ.`
      : `Xem trước: ${preview.taskCount} nhiệm vụ. Chưa lưu gì; chạy lại với --save để lưu.`);
    return 0;
  } catch (e) {
    const body = (e as { getResponse?: () => unknown }).getResponse?.() as { message?: string; errors?: { message: string }[] } | undefined;
    console.error(body?.message ?? (e instanceof Error ? e.message : String(e)));
    for (const x of body?.errors ?? []) console.error(`  ${x.message}`);
    return 1;
  } finally {
    await app.close();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
