import 'reflect-metadata';
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { readPlanFile } from '../src/demo/demo.service.js';
import { renderPlanDocx } from '../src/plan-files/export/plan-docx.js';
import type { PlanExportData } from '../src/plan-files/export/plan-export-data.js';
import { renderPlanXlsx } from '../src/plan-files/export/plan-xlsx.js';
import { buildPreview } from '../src/plan-files/preview.js';
import { readPlanFile as readPlanUpload } from '../src/plan-files/read-plan-file.js';
import { DOC, measuredOn, upsertSection } from './lib/docs.js';
import { medianOf } from './lib/time.js';

/**
 * Importing a 300-task plan: the public entry point (readPlanFile: the
 * package checks, the tables found and read; then buildPreview: deadlines
 * parsed, leads matched, problems listed) against reading the same file with
 * the format's library alone (.docx: fflate unzips and @xmldom parses
 * word/document.xml; .xlsx: ExcelJS loads the workbook), in the same run.
 * The files are the product's own exports of a plan made of the demo plan's
 * 34 rows repeated to 300.
 */
const TASKS = 300;
const RUNS = 20;

function bigPlan(): PlanExportData {
  const demo = readPlanFile();
  const rows = demo.phuLucs!.flatMap((p) => (p.tasks ?? []).map((t) => ({ p, t })));
  const phuLucs = demo.phuLucs!.map((p) => ({ number: p.number, title: p.title ?? '', heading: p.heading ?? null, tasks: [] as PlanExportData['phuLucs'][number]['tasks'] }));
  for (let i = 0; i < TASKS; i++) {
    const { p, t } = rows[i % rows.length];
    const target = phuLucs[p.number - 1];
    target.tasks.push({
      ordinal: target.tasks.length + 1, content: `${t.content} (${i + 1})`, products: t.products ?? [], leadText: t.leadText ?? '',
      coordinatorsText: t.coordinatorsText ?? '', deadlineText: t.deadlineText ?? '', status: 'open', assigneeName: null, dueDates: [],
    });
  }
  return { unitName: demo.unit.name, number: '300/KH-UBND', title: demo.plan.title, year: 2023, issuedOn: null, decision: demo.plan.decision ?? null, phuLucs };
}

async function main(): Promise<void> {
  const data = bigPlan();
  const demo = readPlanFile();
  const officials = demo.officials.map((o, i) => ({ id: i + 1, fullName: o.fullName, position: o.position, active: true }));
  const docx = new Uint8Array(await renderPlanDocx(data));
  const xlsx = new Uint8Array(await renderPlanXlsx(data));
  const ours = async (bytes: Uint8Array, name: string) => {
    const preview = buildPreview(await readPlanUpload(bytes, name, { maxBytes: 10 * 1024 * 1024 }), { officials });
    if (preview.taskCount !== TASKS) throw new Error(`read ${preview.taskCount} tasks, expected ${TASKS}`);
  };
  const docxLibrary = async () => {
    const parts = unzipSync(docx);
    new DOMParser().parseFromString(strFromU8(parts['word/document.xml']), 'text/xml');
  };
  const xlsxLibrary = async () => {
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  };
  const rows: string[] = [];
  for (const [kind, bytes, name, library, what] of [
    ['.docx', docx, 'ke-hoach.docx', docxLibrary, 'fflate unzip + @xmldom parse of word/document.xml'],
    ['.xlsx', xlsx, 'ke-hoach.xlsx', xlsxLibrary, 'ExcelJS Workbook.xlsx.load'],
  ] as const) {
    const lib = await medianOf(RUNS, library, 3);
    const full = await medianOf(RUNS, () => ours(bytes, name), 3);
    rows.push(`| ${kind} | ${(bytes.length / 1024).toFixed(0)} KB | ${full.toFixed(1)} | ${lib.toFixed(1)} | ${what} | ${(full / lib).toFixed(2)}× |`);
  }
  upsertSection(DOC, 'import', [
    `## Importing a plan file (\`readPlanFile\` + \`buildPreview\`, behind \`POST /api/plans/import\`)`,
    '',
    `${measuredOn()}. Medians of ${RUNS}.`,
    '',
    `A plan of ${TASKS} tasks (the demo plan's 34 rows repeated over the seven Phụ lục), exported by the product itself, read through the public entry point`,
    '(package checks against zip bombs, macros and DOCTYPEs; the Phụ lục tables found and read; every deadline parsed, every lead matched, the problems listed)',
    'against reading the same file with the format\'s library alone, which yields only a parsed document, no plan.',
    '',
    '| file | size | import + preview (ms) | library alone (ms) | library step | import / library |',
    '|---|---:|---:|---:|---|---:|',
    ...rows,
  ].join('\n'));
  console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
