import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Queues } from '../src/queue/queues.service.js';
import { JOBS } from '../src/queue/queue-names.js';
import { startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, planOf32, seedUnit } from './support/fixtures.js';
import { eventually } from './support/smtp.js';

/** Periodic reports: figures as of the unit's cut-off, stored snapshots, the files, the automatic run, the rollup. */
describe('periodic reports', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;

  beforeAll(async () => {
    t = await startApp();
    ({ unitId, people } = await seedUnit(t, 'UBND xã Hương Long'));
    // the Văn phòng official makes the reports: the notices go to this account and the chairman's
    await accountFor(t, 'vanphong.huonglong', 'reporter', unitId, people.vanphong);
    ({ planId } = await planOf32(t, unitId));
  });
  afterAll(() => t.close());

  it('says 30/32 and 93,75% in the annual report, and stores it as a snapshot', async () => {
    const res = await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'YEAR', year: 2023, annex: [{ code: '1.1.3', value: 4 }, { code: '3.3.1', value: 1237 }] }).expect(201);
    const r = res.body;
    expect(r).toMatchObject({ planId, period: 'YEAR', year: 2023, version: 1, cutoff: '2023-12-14', trigger: 'manual' });
    expect(r.data.figures).toMatchObject({
      planned: 32, completed: 30, completedOnTime: 28, completedLate: 2, notCompleted: 2, overdue: 2,
      ratio: '30/32', percent: '93,75%', summary: 'đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch',
    });
    expect(r.data.period).toMatchObject({ windowStart: '2022-12-15', cutoff: '2023-12-14', titleText: 'năm 2023' });
    expect(r.data.lists.overdue).toHaveLength(2);
    expect(r.data.lists.overdue.every((l: any) => l.status === 'overdue' && l.completedOn === null && l.dueOn < '2023-12-14')).toBe(true);
    expect(r.data.lists.notCompleted.map((l: any) => l.taskId)).toEqual(r.data.lists.overdue.map((l: any) => l.taskId));
    expect(r.data.lists.completedInPeriod).toHaveLength(30);
    expect(r.data.lists.completedInPeriod[0].evidence).toMatch(/^Báo cáo số \d+\/BC-UBND$/);
    const annex = Object.fromEntries(r.data.annex01b.map((a: any) => [a.code, a.value]));
    expect(annex).toMatchObject({ '1.1': 'Quyết định số 05/QĐ-UBND ngày 05/01/2023', '1.1.1': 32, '1.1.2': 30, '1.1.3': 4, '1.3.1': 32, '1.3.2': 28, '1.3.3': 2, '3.3.1': 1237 });
    expect(r.data.unit).toMatchObject({ name: 'UBND xã Hương Long', place: 'Hương Long' });
    expect(r.data.signer).toEqual({ title: 'CHỦ TỊCH', name: 'Lê Văn Chủ' });

    const again = (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'YEAR', year: 2023 }).expect(201)).body;
    expect(again.version).toBe(2);
    const list = (await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body;
    expect(list.map((x: any) => [x.version, x.ratio, x.percent])).toEqual([[2, '30/32', '93,75%'], [1, '30/32', '93,75%']]);
    // a preview computes without storing
    const preview = (await t.http.get(`/api/plans/${planId}/reports/preview?period=Q4&year=2023`).expect(200)).body;
    expect(preview.period).toMatchObject({ code: 'Q4', windowStart: '2023-09-15', cutoff: '2023-12-14' });
    expect((await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body).toHaveLength(2);
  });

  it('exports the DOCX and XLSX people file, with the figures, header lines and annex rows', async () => {
    const [r] = (await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body;
    const docx = await t.http.get(`/api/reports/${r.id}.docx`).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.body)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN', 'XÃ HƯƠNG LONG', 'BÁO CÁO', 'năm 2023', '30/32', '93,75%', '1.1.1', '1.3.3', 'Quyết định số 05/QĐ-UBND ngày 05/01/2023']) {
      expect(text).toContain(s);
    }
    expect(xml).toContain('w:w="11906"');

    const xlsx = await t.http.get(`/api/reports/${r.id}.xlsx`).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const cells = (name: string) => {
      const out: string[] = [];
      book.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? c.value))));
      return out.join('\n');
    };
    expect(cells('Nhiệm vụ')).toContain('93,75%');
    expect(cells('Nhiệm vụ')).toContain('30/32');
    expect(cells('Phụ lục 01b')).toContain('1.3.2');
    expect(cells('Phụ lục 01b')).toContain('28');
    const html = await t.http.get(`/api/reports/${r.id}.html`).expect(200);
    expect(html.text).toContain('93,75%');
    await t.http.get('/api/reports/99999.docx').expect(404);
  });

  it('counts only what was completed by the cut-off of the unit\'s convention, for both conventions', async () => {
    const plan = await createPlan(t, unitId, { number: 'Q2/KH-UBND', phuLucs: [{ number: 2, tasks: [
      { content: 'Xong ngày 14/6', deadlineText: 'Quý II/2023' },
      { content: 'Xong ngày 20/6', deadlineText: 'Quý II/2023' },
      { content: 'Chưa xong', deadlineText: 'Quý III/2023' },
    ] }] });
    const tasks = plan.phuLucs[1].tasks;
    await t.http.post(`/api/tasks/${tasks[0].id}/complete`).send({ completedOn: '2023-06-14' }).expect(200);
    await t.http.post(`/api/tasks/${tasks[1].id}/complete`).send({ completedOn: '2023-06-20' }).expect(200);
    const ministry = (await t.http.get(`/api/plans/${plan.id}/reports/preview?period=Q2&year=2023`).expect(200)).body;
    expect(ministry.period).toMatchObject({ convention: 'ministry', windowStart: '2023-03-15', cutoff: '2023-06-14' });
    expect(ministry.figures).toMatchObject({ planned: 3, completed: 1, ratio: '1/3', percent: '33,33%' });
    expect(ministry.lists.completedInPeriod.map((l: any) => l.content)).toEqual(['Xong ngày 14/6']);
    // the next period (15/6 – 14/9) holds what is still open and due in it; Quý III ends 30/9, after it
    expect(ministry.lists.dueNextPeriod.map((l: any) => l.content)).toEqual(['Xong ngày 20/6']);

    await t.admin.patch(`/api/units/${unitId}`).send({ reportCutoff: 'calendar' }).expect(200);
    try {
      const calendar = (await t.http.get(`/api/plans/${plan.id}/reports/preview?period=Q2&year=2023`).expect(200)).body;
      expect(calendar.period).toMatchObject({ convention: 'calendar', windowStart: '2023-04-01', cutoff: '2023-06-30' });
      expect(calendar.figures).toMatchObject({ completed: 2, ratio: '2/3', percent: '66,67%' });
      expect(calendar.lists.completedInPeriod.map((l: any) => l.content)).toEqual(['Xong ngày 14/6', 'Xong ngày 20/6']);
    } finally {
      await t.admin.patch(`/api/units/${unitId}`).send({ reportCutoff: 'ministry' }).expect(200);
    }
  });

  it('makes exactly one automatic snapshot per plan and period, even when its job runs twice at once', async () => {
    const queue = t.app.get(Queues).for(JOBS.reports);
    const now = '2023-06-15T00:00:00.000Z'; // 07:00 on 15/06 in Hanoi: Q2 and 6 tháng were cut off yesterday
    await queue.addBulk([
      { name: JOBS.reports, data: { now }, opts: { jobId: 'reports-test-1' } },
      { name: JOBS.reports, data: { now }, opts: { jobId: 'reports-test-2' } },
    ]);
    await eventually(async () => {
      const states = await Promise.all(['reports-test-1', 'reports-test-2'].map((id) => queue.getJobState(id)));
      return states.every((s) => s === 'completed');
    }, 20000, 'both jobs');
    const autos = (await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body.filter((r: any) => r.trigger === 'auto');
    expect(autos.map((r: any) => r.period).sort()).toEqual(['H1', 'Q2']);
    expect(autos.every((r: any) => r.generatedBy === 'Hệ thống (tự động)')).toBe(true);
    // the chairman heard about each once
    const notes = (await t.http.get(`/api/notifications?officialId=${people.chairman}`).expect(200)).body.filter((n: any) => n.kind === 'report');
    expect(notes.filter((n: any) => n.title.includes('quý II năm 2023'))).toHaveLength(1);
    expect(notes.filter((n: any) => n.title.includes('6 tháng đầu năm 2023'))).toHaveLength(1);
    const vanphong = (await t.http.get(`/api/notifications?officialId=${people.vanphong}`).expect(200)).body.filter((n: any) => n.kind === 'report');
    expect(vanphong.length).toBeGreaterThanOrEqual(2);
    // an official with no reporter account hears nothing of it, whatever their post
    const tuphap = (await t.http.get(`/api/notifications?officialId=${people.tuphap}`).expect(200)).body.filter((n: any) => n.kind === 'report');
    expect(tuphap).toEqual([]);
  });

  it('rolls the communes up under their superior unit, sorted by percentage, in SQL', async () => {
    const province = (await t.admin.post('/api/units').send({ name: 'Sở Nội vụ tỉnh Thử' }).expect(201)).body;
    const viewer = await accountFor(t, 'noivu.tinh', 'viewer', province.id, null);
    const figures: [string, number][] = [['Xã A', 3], ['Xã B', 1], ['Xã C', 2]];
    for (const [name, done] of figures) {
      // each commune's own chairman makes and completes its plan
      const { unitId: communeId, chair } = await seedUnit(t, name, { parentId: province.id, signIn: false });
      const plan = (await chair.post('/api/plans').send({
        unitId: communeId, number: '01/KH', title: 'Kế hoạch CCHC năm 2023', year: 2023, status: 'issued',
        phuLucs: [{ number: 1, tasks: [1, 2, 3, 4].map((i) => ({ content: `Việc ${i}`, deadlineText: 'Quý II/2023' })) }],
      }).expect(201)).body;
      for (const task of plan.phuLucs[0].tasks.slice(0, done)) await chair.post(`/api/tasks/${task.id}/complete`).send({ completedOn: '2023-05-01' }).expect(200);
    }
    await t.admin.post('/api/units').send({ name: 'Xã chưa có kế hoạch', parentId: province.id }).expect(201);
    // the superior level reads the rollup; a commune's chairman outside it cannot even see the province
    await t.http.get(`/api/units/${province.id}/progress?asOf=2023-12-14`).expect(404);
    const res = (await viewer.get(`/api/units/${province.id}/progress?asOf=2023-12-14`).expect(200)).body;
    expect(res.units.map((u: any) => [u.name, u.ratio, u.percent])).toEqual([
      ['Xã A', '3/4', '75%'], ['Xã C', '2/4', '50%'], ['Xã B', '1/4', '25%'], ['Xã chưa có kế hoạch', '0/0', '0%'],
    ]);
    expect(res.total).toMatchObject({ planned: 12, completed: 6, ratio: '6/12', percent: '50%' });
    const early = (await viewer.get(`/api/units/${province.id}/progress?asOf=2023-04-30`).expect(200)).body;
    expect(early.total.completed).toBe(0);
    const byPeriod = (await viewer.get(`/api/units/${province.id}/progress?period=Q2&year=2023`).expect(200)).body;
    expect(byPeriod).toMatchObject({ asOf: '2023-06-14', total: { completed: 6 } });
    await viewer.get('/api/units/99999/progress').expect(404);
    const missingYear = await viewer.get(`/api/units/${province.id}/progress?period=Q2`).expect(400);
    expect(missingYear.body.errors[0].field).toBe('year');
    await t.http.get(`/api/plans/${planId}/reports/preview?period=Q5&year=2023`).expect(400);
    await t.http.post('/api/plans/99999/reports').send({ period: 'Q1', year: 2023 }).expect(404);
  });
});

function binary(res: any, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('the Quý II report of the Hoằng Tiến plan', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('uses the cut-off of the unit\'s convention: what is completed after it does not count', async () => {
    t = await startApp({ demo: true });
    const [plan] = (await t.http.get('/api/plans').expect(200)).body;
    const detail = (await t.http.get(`/api/plans/${plan.id}`).expect(200)).body;
    const task = (pl: number, tt: number) => detail.phuLucs[pl - 1].tasks.find((x: any) => x.ordinal === tt);
    const q2 = task(4, 1); // "Quý II/2023"
    const q1 = task(5, 1); // "Quý I/2023"
    expect([q2.deadlineText, q1.deadlineText]).toEqual(['Quý II/2023', 'Quý I/2023']);
    await t.http.post(`/api/tasks/${q2.id}/complete`).send({ completedOn: '2023-06-14', evidence: 'Quyết định số 20/QĐ-UBND' }).expect(200);
    await t.http.post(`/api/tasks/${q1.id}/complete`).send({ completedOn: '2023-06-20', evidence: 'Kế hoạch số 13/KH-UBND' }).expect(200);

    const ministry = (await t.http.post(`/api/plans/${plan.id}/reports`).send({ period: 'Q2', year: 2023 }).expect(201)).body.data;
    expect(ministry.period).toMatchObject({ convention: 'ministry', cutoff: '2023-06-14', titleText: 'quý II năm 2023' });
    expect(ministry.figures).toMatchObject({ planned: 34, completed: 1, completedOnTime: 1, ratio: '1/34', percent: '2,94%' });
    expect(ministry.lists.completedInPeriod.map((l: any) => l.taskId)).toEqual([q2.id]);
    expect(ministry.unit.place).toBe('Hoằng Tiến');

    const unitId = plan.unitId;
    await t.admin.patch(`/api/units/${unitId}`).send({ reportCutoff: 'calendar' }).expect(200);
    const calendar = (await t.http.post(`/api/plans/${plan.id}/reports`).send({ period: 'Q2', year: 2023 }).expect(201)).body;
    expect(calendar.version).toBe(2);
    expect(calendar.data.period).toMatchObject({ convention: 'calendar', cutoff: '2023-06-30' });
    expect(calendar.data.figures).toMatchObject({ completed: 2, completedOnTime: 1, completedLate: 1, ratio: '2/34', percent: '5,88%' });
    expect(calendar.data.lists.completedInPeriod.map((l: any) => l.taskId).sort()).toEqual([q2.id, q1.id].sort());
  });
});
