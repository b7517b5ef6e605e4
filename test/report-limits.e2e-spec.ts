import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { reportDocx } from '../src/reports/export/report-docx.js';
import { AutoReportsService } from '../src/reports/auto-reports.service.js';
import { startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, seedUnit } from './support/fixtures.js';

/**
 * What one person (or one commune) can cost the server: rendering a large
 * report must not stall everyone else's requests, a snapshot is stored once
 * per task and compressed, builds and exports are limited per account and per
 * unit, and the chairman can delete draft versions (automatic ones stay).
 * REPORT_FIGURES=1 prints the sizes and stalls measured (docs/security.md).
 */

/** The Hoằng Tiến plan's 34 real task rows, repeated: 7 Phụ lục × 200 rows = 1,400 tasks of realistic text. */
function largePlanPhuLucs(perPhuLuc = 200) {
  const demo = JSON.parse(readFileSync(new URL('../src/demo/hoang-tien-2023.json', import.meta.url), 'utf8'));
  const rows: any[] = demo.phuLucs.flatMap((p: any) => p.tasks);
  let n = 0;
  return [1, 2, 3, 4, 5, 6, 7].map((number) => ({
    number,
    tasks: Array.from({ length: perPhuLuc }, () => {
      const row = rows[n % rows.length];
      n++;
      return {
        content: `(${n}) ${row.content}`, products: row.products, leadText: row.leadText,
        coordinatorsText: row.coordinatorsText, deadlineText: row.deadlineText,
      };
    }),
  }));
}

function binary(res: any, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The longest the event loop was kept from turning while `work` ran, in milliseconds. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // the histogram measures from its first tick: a stall that starts at once would go unseen
  await sleep(30);
  try {
    const result = await work();
    // the delay of a stall is recorded when the loop turns again: let it
    await sleep(50);
    return { result, ms: h.max / 1e6 };
  } finally {
    h.disable();
  }
}

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

describe('a 1,400-task report', () => {
  let t: TestApp;
  let reportId: number;

  beforeAll(async () => {
    t = await startApp();
    const { unitId } = await seedUnit(t, 'UBND xã Lớn');
    const plan = await createPlan(t, unitId, { number: '1400/KH-UBND', decision: 'Quyết định số 09/QĐ-UBND ngày 05/01/2023', phuLucs: largePlanPhuLucs() });
    const tasks = plan.phuLucs.flatMap((p: any) => p.tasks);
    expect(tasks).toHaveLength(1400);
    // a few completed, so every list of the report has rows
    for (const task of tasks.slice(0, 12)) {
      await t.http.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-06-01', evidence: `Báo cáo số ${task.id}/BC-UBND` }).expect(200);
    }
    reportId = (await t.http.post(`/api/plans/${plan.id}/reports`).send({ period: 'YEAR', year: 2023 }).expect(201)).body.id;
  }, 180_000);
  afterAll(() => t?.close());

  it('is stored compactly: each task\'s text once, compressed', async () => {
    const data = (await t.http.get(`/api/reports/${reportId}`).expect(200)).body.data;
    const asJson = Buffer.byteLength(JSON.stringify(data));
    const [row] = await t.db.query(`SELECT * FROM report WHERE id = ${Number(reportId)}`);
    const stored = Object.values(row).reduce<number>((n, v) => n + (Buffer.isBuffer(v) ? v.length
      : typeof v === 'string' ? Buffer.byteLength(v) : v && typeof v === 'object' && !(v instanceof Date) ? Buffer.byteLength(JSON.stringify(v)) : 8), 0);
    // a task that is in the plan's list, not completed and overdue: three lists repeated it in full
    const line = data.tasks[700];
    expect(data.lists.notCompleted.map((l: any) => l.taskId)).toContain(line.taskId);
    expect(data.lists.overdue.map((l: any) => l.taskId)).toContain(line.taskId);
    if (process.env.REPORT_FIGURES) console.log(`stored ${stored} bytes; the same report as JSON: ${asJson} bytes`);
    expect(stored).toBeLessThan(asJson / 10);
    const blob = Object.values(row).find((v): v is Buffer => Buffer.isBuffer(v))!;
    expect([...blob.subarray(0, 2)]).toEqual([0x1f, 0x8b]); // gzip
    const text = gunzipSync(blob).toString('utf8');
    expect(occurrences(text, JSON.stringify(line.content))).toBe(1);
  });

  it('exports DOCX and XLSX off the event loop: six exports at once, and the health check still answers', async () => {
    const started = performance.now();
    const pings: number[] = [];
    let exporting = true;
    const pinger = (async () => {
      while (exporting) {
        const t0 = performance.now();
        await t.anon.get('/api/health').expect(200);
        pings.push(performance.now() - t0);
        await sleep(25);
      }
    })();
    const over = await longestStall(() => Promise.all(['docx', 'xlsx', 'docx', 'xlsx', 'docx', 'xlsx'].map((kind) =>
      t.http.get(`/api/reports/${reportId}.${kind}`).buffer(true).parse(binary).expect(200))));
    exporting = false;
    await pinger;
    const exportMs = performance.now() - started;

    // the same DOCX rendered in this thread, as the server did before: the stall every request waited behind
    const data = (await t.http.get(`/api/reports/${reportId}`).expect(200)).body.data;
    const inThread = await longestStall(() => reportDocx(data));

    const figures = `in-thread stall ${inThread.ms.toFixed(0)} ms; during six exports (${exportMs.toFixed(0)} ms): stall ${over.ms.toFixed(0)} ms, `
      + `${pings.length} health answers, slowest ${Math.max(...pings).toFixed(0)} ms`;
    if (process.env.REPORT_FIGURES) console.log(figures);
    expect({ figures, ok: over.ms < inThread.ms / 3 }).toEqual({ figures, ok: true });
    expect({ figures, ok: pings.length >= 3 && Math.max(...pings) < inThread.ms / 3 }).toEqual({ figures, ok: true });

    // the files are whole: every task is in them
    const [docx, xlsx] = over.result;
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.body)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ LỚN', '(1) ', '(1400) ', 'đề ra 1.400 nhiệm vụ']) expect(text).toContain(s);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.getWorksheet('Nhiệm vụ')!;
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? c.value))));
    expect(cells.filter((c) => /^\(\d+\) /.test(c))).toHaveLength(1400);
    // every copy is the same file, byte for byte in what it says
    const again = await (await JSZip.loadAsync(over.result[2].body)).file('word/document.xml')!.async('string');
    expect(again).toBe(xml);
  }, 180_000);
});

describe('deleting report versions', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t, 'UBND xã Xóa Thử'));
    const plan = await createPlan(t, unitId, { number: '02/KH-UBND', status: 'issued', phuLucs: [{ number: 1, tasks: [
      { content: 'Rà soát văn bản', deadlineText: 'Quý I/2023' }, { content: 'Báo cáo quý', deadlineText: 'Quý II/2023' },
    ] }] });
    planId = plan.id;
  });
  afterAll(() => t?.close());

  it('lets the chairman delete a manual version (a draft), records it, and never gives its number again', async () => {
    const make = async () => (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'H1', year: 2023 }).expect(201)).body;
    const v1 = await make();
    const v2 = await make();
    const vice = (await t.admin.post('/api/officials').send({ unitId, fullName: 'Nguyễn Thị Phó', position: 'Phó Chủ tịch UBND xã', role: 'vice_chairman' }).expect(201)).body.id;
    const viceClient = await accountFor(t, 'pho.xoathu', 'vice_chairman', unitId, vice);
    const reporter = await accountFor(t, 'vanphong.xoathu', 'reporter', unitId, people.vanphong);
    await viceClient.delete(`/api/reports/${v2.id}`).expect(403);
    await reporter.delete(`/api/reports/${v2.id}`).expect(403);

    await t.http.delete(`/api/reports/${v2.id}`).expect(204);
    await t.http.get(`/api/reports/${v2.id}`).expect(404);
    await t.http.get(`/api/reports/${v2.id}.docx`).expect(404);
    await t.http.delete(`/api/reports/${v2.id}`).expect(404);
    const list = (await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body;
    expect(list.map((r: any) => r.version)).toEqual([1]);
    expect(Object.keys(list[0]).sort()).toEqual(
      ['autoKey', 'cutoff', 'finalAt', 'finalizedBy', 'generatedAt', 'generatedBy', 'id', 'percent', 'period', 'periodText', 'planId', 'ratio',
        'revision', 'status', 'summary', 'trigger', 'unitId', 'version', 'year'],
    );
    // the next version is 3: a "v2" file that was passed around never names another report
    expect((await make()).version).toBe(3);

    const trail = (await t.http.get(`/api/audit?entity=report&entityId=${v2.id}`).expect(200)).body;
    expect(trail.map((e: any) => e.action)).toEqual(['deleted', 'generated']);
    expect(trail[0]).toMatchObject({ actorName: 'Lê Văn Chủ', unitId, changes: { report: { to: null, from: { planId, period: '6 tháng đầu năm 2023', version: 2, kind: 'do người lập', status: 'bản nháp' } } } });
    expect((await t.http.get(`/api/reports/${v1.id}`).expect(200)).body.data.version).toBe(1);
  });

  it('keeps an automatic report, which is final: 409', async () => {
    const auto = (await t.app.get(AutoReportsService).generateAuto(planId, 'Q2', 2023))!;
    const res = await t.http.delete(`/api/reports/${auto.id}`).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(res.body.message).toMatch(/bản chính thức/);
    await t.http.get(`/api/reports/${auto.id}`).expect(200);
  });

  it('migrates stored snapshots down to JSON and up again, and answers exactly as before', async () => {
    const list = (await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body;
    expect(list.length).toBeGreaterThanOrEqual(3);
    const before = [];
    for (const r of list) before.push((await t.http.get(`/api/reports/${r.id}`).expect(200)).body);
    before.sort((a: any, b: any) => a.id - b.id);
    const applied: string[] = (await t.db.query('SELECT name FROM migrations ORDER BY id DESC')).map((r: any) => r.name);
    const snapshots = applied.findIndex((n) => /ReportSnapshot/.test(n));
    expect(snapshots).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= snapshots; i++) await t.db.undoLastMigration({ transaction: 'each' });
    const rows = await t.db.query('SELECT id, data FROM report ORDER BY id');
    expect(rows.map((r: any) => [Number(r.id), typeof r.data === 'string' ? JSON.parse(r.data) : r.data])).toEqual(before.map((b: any) => [b.id, b.data]));
    await t.db.runMigrations({ transaction: 'each' });
    for (const b of before) expect((await t.http.get(`/api/reports/${b.id}`).expect(200)).body).toEqual(b);
  });
});

describe('limits on building and exporting reports', () => {
  let t: TestApp;
  let unitId: number;
  let planId: number;
  let chair: any;
  let reporter: any;

  beforeAll(async () => {
    t = await startApp({ env: {
      REPORT_BUILDS_PER_ACCOUNT: '2', REPORT_BUILDS_PER_UNIT: '3', REPORT_BUILD_WINDOW_SECONDS: '600',
      REPORT_EXPORTS_PER_ACCOUNT: '3', REPORT_EXPORTS_PER_UNIT: '4', REPORT_EXPORT_WINDOW_SECONDS: '600',
    } });
    let people: Record<string, number>;
    ({ unitId, people, chair } = await seedUnit(t, 'UBND xã Giới Hạn'));
    reporter = await accountFor(t, 'vanphong.gioihan', 'reporter', unitId, people.vanphong);
    planId = (await createPlan(t, unitId, { phuLucs: [{ number: 1, tasks: [{ content: 'Một việc', deadlineText: 'Quý I/2023' }] }] })).id;
  });
  afterAll(() => t?.close());

  const expectLimited = (res: any, who: RegExp) => {
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(res.body.message).toMatch(who);
    expect(res.body.message).toMatch(/thử lại sau \d+ giây/);
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(600);
  };

  it('lets an account build two versions in the window, however many it asks for at once; then 429 with Retry-After', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => reporter.post(`/api/plans/${planId}/reports`).send({ period: 'Q1', year: 2023 })));
    expect(answers.map((r: any) => r.status).sort()).toEqual([201, 201, 429, 429]);
    for (const res of answers.filter((r: any) => r.status === 429)) expectLimited(res, /^Bạn /);
    expect((await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body).toHaveLength(2);
  });

  it('limits the unit as a whole, and no other unit', async () => {
    await chair.post(`/api/plans/${planId}/reports`).send({ period: 'Q1', year: 2023 }).expect(201);
    expectLimited(await chair.post(`/api/plans/${planId}/reports`).send({ period: 'Q1', year: 2023 }), /^Đơn vị /);
    const other = await seedUnit(t, 'UBND xã Bên Cạnh');
    const otherPlan = await createPlan(t, other.unitId, { number: '09/KH' });
    await other.chair.post(`/api/plans/${otherPlan.id}/reports`).send({ period: 'Q1', year: 2023 }).expect(201);
  });

  it('limits exports (DOCX, XLSX, HTML) per account and per unit; reading the report itself is not limited', async () => {
    const [report] = (await chair.get(`/api/plans/${planId}/reports`).expect(200)).body;
    for (const kind of ['docx', 'xlsx', 'html']) await reporter.get(`/api/reports/${report.id}.${kind}`).expect(200);
    expectLimited(await reporter.get(`/api/reports/${report.id}.docx`), /^Bạn /);
    await chair.get(`/api/reports/${report.id}.html`).expect(200);
    expectLimited(await chair.get(`/api/reports/${report.id}.xlsx`), /^Đơn vị /);
    await reporter.get(`/api/reports/${report.id}`).expect(200);
  });
});
