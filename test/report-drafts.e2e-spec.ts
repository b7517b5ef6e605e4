import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startApp, TestApp } from './support/app.js';
import { eventually, startSmtp } from './support/smtp.js';
import { ReportsProcessor } from '../src/reports/reports.processor.js';
import { accountFor, createPlan, planOf32, seedUnit, TEST_PASSWORD } from './support/fixtures.js';

const binary = (res: any, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The paragraphs of a DOCX, as text (a table cell's lines are paragraphs too). */
async function docxParagraphs(body: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
  return xml.split('</w:p>').map((p) => p.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).filter((p) => p.trim());
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as any);
  return book;
}

function rowsOf(book: ExcelJS.Workbook, sheet: string): string[][] {
  const out: string[][] = [];
  book.getWorksheet(sheet)!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(String(c.text ?? '')));
    out.push(cells);
  });
  return out;
}

const vn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Text rules every printed report keeps (issue 12). */
function expectCleanText(paragraphs: string[]) {
  for (const p of paragraphs) {
    expect(p).not.toMatch(/;;|,,|(?<![./])\.\.(?![./])|;\s*\./);
    expect(p).not.toMatch(/xã- /);
    expect(p).not.toMatch(/\b(?:Q[1-4]|H1|M9|YEAR)\/20\d\d\b/);
    expect(p).not.toMatch(/số \/|ngày tháng|tháng năm/);
  }
}

/**
 * The lists and the text of the Q2 and annual reports of a plan with recurring,
 * multi-line, empty and quoted cells; drafts, their narrative, finalising; the
 * plan criterion of the CCHC index.
 */
describe('reports a commune can sign and send', () => {
  let t: TestApp;
  let unitId: number;
  let people: Record<string, number>;
  let planId: number;
  const ids: Record<string, number> = {};

  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startApp({ env: { SMTP_URL: smtp.url } });
    const province = (await t.admin.post('/api/units').send({ name: 'UBND huyện Hoằng Hóa' }).expect(201)).body;
    ({ unitId, people } = await seedUnit(t, 'UBND xã Hoằng Lưu', { parentId: province.id }));
    const plan = await createPlan(t, unitId, {
      number: '12/KH-UBND',
      decision: '(Ban hành kèm theo Quyết định số /QĐ-UBND ngày tháng 01 năm 2023 của UBND xã)',
      phuLucs: [{ number: 1, tasks: [
        // recurring, a lead of two lines, quoted content
        { content: 'Báo cáo kết quả hưởng ứng “Ngày Pháp luật” năm 2023', leadText: '- Văn phòng UBND xã\n- UBND xã.', deadlineText: 'Hằng quý', products: ['Báo cáo'] },
        // recurring, a lead ending in ";", its first due date left open
        { content: 'Tự kiểm tra công tác CCHC', leadText: 'Công chức Tư pháp và các bộ phận có liên quan;', deadlineText: 'Hằng quý', products: ['Báo cáo'] },
        // a content of two lines
        { content: 'Rà soát văn bản\nquy phạm pháp luật.', leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: 'Quý II/2023', products: ['Báo cáo'] },
        // empty products
        { content: 'Công khai thủ tục hành chính', leadText: 'Công chức Văn phòng – Thống kê', deadlineText: 'Quý IV/2023', products: [] },
      ] }],
    });
    planId = plan.id;
    const tasks = plan.phuLucs[0].tasks;
    [ids.quarterly, ids.quarterlyOpen, ids.twoLines, ids.noProducts] = tasks.map((x: any) => x.id);
    expect(tasks[0].schedule.dueDates).toEqual(['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31']);
    await t.http.post(`/api/plans/${planId}/issue`).send({ issuedOn: '2023-01-30' }).expect(200);
    await t.http.post(`/api/tasks/${ids.quarterly}/complete`).send({ dueOn: '2023-03-31', completedOn: '2023-04-05', evidence: 'Báo cáo số 20/BC-UBND;' }).expect(200);
    await t.http.post(`/api/tasks/${ids.twoLines}/complete`).send({ completedOn: '2023-05-10', evidence: 'Báo cáo số 25/BC-UBND' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('Q2: every list shows the due date that puts the task in it, and the DOCX and XLSX say so in clean text', async () => {
    const r = (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'Q2', year: 2023 }).expect(201)).body;
    const { lists, period } = r.data;
    expect(period).toMatchObject({ windowStart: '2023-03-15', cutoff: '2023-06-14', nextWindowStart: '2023-06-15', nextWindowEnd: '2023-09-14' });
    // met in the period: the quarterly task's first due date (1 of 4), and the two-line task as a whole
    expect(lists.completedInPeriod.map((l: any) => [l.taskId, l.dueOn, l.completedOn, l.occurrences ?? null])).toEqual([
      [ids.quarterly, '2023-03-31', '2023-04-05', { done: 1, total: 4 }],
      [ids.twoLines, '2023-06-30', '2023-05-10', null],
    ]);
    // overdue: the open first due date of the other quarterly task
    expect(lists.overdue.map((l: any) => [l.taskId, l.dueOn])).toEqual([[ids.quarterlyOpen, '2023-03-31']]);
    // due in the next period (15/06–14/09): the date in that window, not the earliest open one
    expect(lists.dueNextPeriod.map((l: any) => [l.taskId, l.dueOn])).toEqual([[ids.quarterly, '2023-06-30'], [ids.quarterlyOpen, '2023-06-30']]);
    for (const l of lists.dueNextPeriod) expect(l.dueOn >= period.nextWindowStart && l.dueOn <= period.nextWindowEnd).toBe(true);
    for (const l of lists.overdue) expect(l.dueOn < period.cutoff).toBe(true);
    for (const l of lists.completedInPeriod) expect(l.completedOn >= period.windowStart && l.completedOn <= period.windowEnd).toBe(true);
    expect(r.periodText).toBe('quý II năm 2023');

    const docx = (await t.http.get(`/api/reports/${r.id}.docx`).buffer(true).parse(binary).expect(200)).body;
    const paragraphs = await docxParagraphs(docx);
    const text = paragraphs.join('\n');
    expectCleanText(paragraphs);
    expect(text).toContain('Quyết định số …/QĐ-UBND ngày … tháng 01 năm 2023');
    // the counts agree: 1 of 4 tasks completed; the recurring one met in part is said to be
    expect(text).toContain('đã hoàn thành 1/4 nhiệm vụ');
    expect(text).toContain('Các nhiệm vụ hoàn thành trong kỳ (1 nhiệm vụ):');
    expect(text).toContain('chưa hoàn thành hết các lần (1 nhiệm vụ):');
    const partial = paragraphs.find((p) => p.startsWith('- Báo cáo kết quả hưởng ứng “Ngày Pháp luật”'))!;
    expect(partial).toContain('chủ trì: Văn phòng UBND xã; UBND xã');
    expect(partial).toContain('hoàn thành 1/4 lần thực hiện');
    expect(partial).toContain('minh chứng: Báo cáo số 20/BC-UBND)');
    expect(text).toContain('- Rà soát văn bản; quy phạm pháp luật (chủ trì: Công chức Tư pháp – Hộ tịch');
    // section IV: the next period's list with the dates in its window
    const iv = paragraphs.slice(paragraphs.findIndex((p) => p.startsWith('Các nhiệm vụ theo kế hoạch đến hạn trong kỳ tới (từ ngày 15/06/2023 đến ngày 14/09/2023)')));
    const next = iv.slice(1, 3);
    expect(next[0]).toContain('hạn: 30/06/2023');
    expect(next[1]).toMatch(/^- Tự kiểm tra công tác CCHC \(Phụ lục 01; chủ trì: Công chức Tư pháp và các bộ phận có liên quan; hạn: 30\/06\/2023\)\.$/);
    // the task table keeps the lead's two lines as two paragraphs of its cell
    const lead = paragraphs.findIndex((p) => p === '- Văn phòng UBND xã');
    expect(paragraphs[lead + 1]).toBe('- UBND xã.');

    const book = await workbook((await t.http.get(`/api/reports/${r.id}.xlsx`).buffer(true).parse(binary).expect(200)).body);
    const taskRows = rowsOf(book, 'Nhiệm vụ');
    const quarterlyRow = taskRows.find((row) => row[1]?.startsWith('Báo cáo kết quả hưởng ứng'))!;
    expect(quarterlyRow[3]).toBe('- Văn phòng UBND xã\n- UBND xã.');
    expect(quarterlyRow[7]).toContain('hoàn thành 1/4 lần thực hiện');
    const listRows = rowsOf(book, 'Danh sách trong kỳ');
    const section = (title: string) => {
      const at = listRows.findIndex((row) => row[0].startsWith(title));
      const end = listRows.findIndex((row, i) => i > at && row[0].startsWith('Nhiệm vụ '));
      return listRows.slice(at + 1, end === -1 ? undefined : end);
    };
    expect(section('Nhiệm vụ đến hạn trong kỳ tới').map((row) => [row[2], row[4]])).toEqual([
      ['Báo cáo kết quả hưởng ứng “Ngày Pháp luật” năm 2023', '30/06/2023'],
      ['Tự kiểm tra công tác CCHC', '30/06/2023'],
    ]);
    expect(section('Nhiệm vụ quá hạn').map((row) => [row[2], row[4]])).toEqual([['Tự kiểm tra công tác CCHC', '31/03/2023']]);
    expect(section('Nhiệm vụ có kết quả trong kỳ').map((row) => [row[4], row[6]])).toEqual([['31/03/2023', '05/04/2023'], ['30/06/2023', '10/05/2023']]);
  });

  it('the annual report: the next period shows the date in its window, overdue the date past', async () => {
    const r = (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'YEAR', year: 2023 }).expect(201)).body;
    const { lists, period } = r.data;
    expect(period).toMatchObject({ cutoff: '2023-12-14', nextWindowStart: '2023-12-15', nextWindowEnd: '2024-03-14' });
    expect(lists.overdue.map((l: any) => [l.taskId, l.dueOn])).toEqual([[ids.quarterly, '2023-06-30'], [ids.quarterlyOpen, '2023-03-31']]);
    expect(lists.dueNextPeriod.map((l: any) => [l.taskId, l.dueOn])).toEqual([
      [ids.quarterly, '2023-12-31'], [ids.quarterlyOpen, '2023-12-31'], [ids.noProducts, '2023-12-31'],
    ]);
    const paragraphs = await docxParagraphs((await t.http.get(`/api/reports/${r.id}.docx`).buffer(true).parse(binary).expect(200)).body);
    expectCleanText(paragraphs);
    const iv = paragraphs.findIndex((p) => p.startsWith('Các nhiệm vụ theo kế hoạch đến hạn trong kỳ tới (từ ngày 15/12/2023 đến ngày 14/03/2024)'));
    for (const p of paragraphs.slice(iv + 1, iv + 4)) expect(p).toContain('hạn: 31/12/2023');
    const overdue = paragraphs.find((p) => p.startsWith('- Báo cáo kết quả hưởng ứng') && p.includes('hạn: 30/06/2023'));
    expect(overdue).toContain('hoàn thành 1/4 lần thực hiện');
    const book = await workbook((await t.http.get(`/api/reports/${r.id}.xlsx`).buffer(true).parse(binary).expect(200)).body);
    const listRows = rowsOf(book, 'Danh sách trong kỳ');
    const at = listRows.findIndex((row) => row[0].startsWith('Nhiệm vụ đến hạn trong kỳ tới'));
    expect(listRows.slice(at + 1).map((row) => row[4])).toEqual([vn('2023-12-31'), vn('2023-12-31'), vn('2023-12-31')]);
  });

  it('a draft\'s narrative is written, exported in place of the placeholder, finalised, and then refuses edits', async () => {
    const reporter = await accountFor(t, 'baocao.hoangluu', 'reporter', unitId, people.vanphong);
    const draft = (await reporter.post(`/api/plans/${planId}/reports`).send({ period: 'Q2', year: 2023 }).expect(201)).body;
    expect(draft).toMatchObject({ status: 'draft', revision: 1, finalAt: null });
    const placeholders = (ps: string[]) => ps.filter((p) => p.includes('[Nội dung cần bổ sung:')).length;
    const before = placeholders(await docxParagraphs((await reporter.get(`/api/reports/${draft.id}.docx`).buffer(true).parse(binary).expect(200)).body));

    const edited = (await reporter.patch(`/api/reports/${draft.id}`).send({
      revision: 1,
      narrative: {
        chiDaoDieuHanh: 'UBND xã ban hành Kế hoạch số 15/KH-UBND ngày 10/02/2023 về tuyên truyền CCHC.\n\nBan hành Quyết định kiện toàn Bộ phận Một cửa.',
        kienNghi: 'Không có.',
      },
      annex: [{ code: '1.1.3', value: 3 }],
    }).expect(200)).body;
    expect(edited).toMatchObject({ status: 'draft', revision: 2 });
    expect(edited.data.narrative).toEqual({
      chiDaoDieuHanh: 'UBND xã ban hành Kế hoạch số 15/KH-UBND ngày 10/02/2023 về tuyên truyền CCHC.\n\nBan hành Quyết định kiện toàn Bộ phận Một cửa.',
      kienNghi: 'Không có.',
    });
    expect(edited.data.annex01b.find((a: any) => a.code === '1.1.3').value).toBe(3);
    // someone else's edit since: 409, nothing written
    const stale = await reporter.patch(`/api/reports/${draft.id}`).send({ revision: 1, narrative: { kienNghi: 'Ghi đè' } }).expect(409);
    expect(stale.body.message).toMatch(/người khác sửa/);
    await reporter.patch(`/api/reports/${draft.id}`).send({ narrative: { khac: 'x' } }).expect(400);

    const paragraphs = await docxParagraphs((await reporter.get(`/api/reports/${draft.id}.docx`).buffer(true).parse(binary).expect(200)).body);
    expect(placeholders(paragraphs)).toBe(before - 2);
    const i = paragraphs.indexOf('UBND xã ban hành Kế hoạch số 15/KH-UBND ngày 10/02/2023 về tuyên truyền CCHC.');
    expect(i).toBeGreaterThan(0);
    expect(paragraphs[i + 1]).toBe('Ban hành Quyết định kiện toàn Bộ phận Một cửa.');
    expect(paragraphs[paragraphs.findIndex((p) => p === 'V. KIẾN NGHỊ, ĐỀ XUẤT') + 1]).toBe('Không có.');
    const html = (await reporter.get(`/api/reports/${draft.id}.html`).expect(200)).text;
    expect(html).toContain('Ban hành Quyết định kiện toàn Bộ phận Một cửa.');

    // the reporter may not finalise; the chairman does
    await reporter.post(`/api/reports/${draft.id}/finalize`).send({}).expect(403);
    const final = (await t.http.post(`/api/reports/${draft.id}/finalize`).send({ revision: 2 }).expect(200)).body;
    expect(final).toMatchObject({ status: 'final', finalizedBy: expect.any(String) });
    const refused = await reporter.patch(`/api/reports/${draft.id}`).send({ narrative: { kienNghi: 'Sửa sau khi chốt' } }).expect(409);
    expect(refused.body.message).toMatch(/bản chính thức/);
    await t.http.delete(`/api/reports/${draft.id}`).expect(409);
    await t.http.post(`/api/reports/${draft.id}/finalize`).send({}).expect(409);
    expect((await t.http.get(`/api/reports/${draft.id}`).expect(200)).body.data.narrative.kienNghi).toBe('Không có.');

    // a new draft starts from the final version, with its narrative and entered rows
    const again = (await reporter.post(`/api/reports/${draft.id}/drafts`).expect(201)).body;
    expect(again).toMatchObject({ status: 'draft', period: 'Q2', version: draft.version + 1 });
    expect(again.data.narrative.kienNghi).toBe('Không có.');
    expect(again.data.annex01b.find((a: any) => a.code === '1.1.3').value).toBe(3);

    // the next period's new draft is pre-filled from this final report
    const h1 = (await reporter.post(`/api/plans/${planId}/reports`).send({ period: 'M9', year: 2023 }).expect(201)).body;
    expect(h1.data.narrative.chiDaoDieuHanh).toContain('15/KH-UBND');

    // the audit trail names the period in words
    const trail = (await t.http.get(`/api/audit?entity=report&entityId=${draft.id}`).expect(200)).body;
    const entries = Array.isArray(trail) ? trail : trail.items ?? trail.entries;
    expect(entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['generated', 'updated', 'finalized']));
    const said = JSON.stringify(entries);
    expect(said).toContain('quý II năm 2023');
    expect(said).not.toMatch(/"Q2"/);
  });

  it('reminds the reporter and the chairman before the report is due, with a link to the draft, once', async () => {
    await t.admin.patch(`/api/units/${unitId}`).send({ reportDueDay: 20 }).expect(200);
    // the chairman takes mail; the reporter has an address but turned mail off
    await t.http.patch(`/api/officials/${people.chairman}`).send({ email: 'chutich.hoangluu@example.vn', notifyEmail: true }).expect(200);
    await t.http.patch(`/api/officials/${people.vanphong}`).send({ email: 'vanphong.hoangluu@example.vn', notifyEmail: false }).expect(200);
    const processor = t.app.get(ReportsProcessor);
    // 17/06 at 08:00 local: the quý II and 6 tháng reports are due on 20/06
    expect((await processor.remindDue({ now: '2023-06-16T01:00:00Z' })).filter((r) => r.planId === planId)).toEqual([]);
    const sent = (await processor.remindDue({ now: '2023-06-17T01:00:00Z' })).filter((r) => r.planId === planId);
    expect(sent).toEqual([{ planId, dueOn: '2023-06-20', recipients: 2 }]);
    const versions = (await t.http.get(`/api/plans/${planId}/reports`).expect(200)).body;
    const draft = versions.find((v: any) => ['Q2', 'H1'].includes(v.period) && v.status === 'draft');
    const mine = (await t.http.get('/api/notifications').expect(200)).body.filter((n: any) => n.kind === 'report_due');
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toBe('Sắp đến hạn nộp báo cáo CCHC quý II năm 2023, 6 tháng đầu năm 2023 (hạn 20/06/2023)');
    expect(mine[0].body).toContain('báo cáo phải nộp trước ngày 20/06/2023');
    // the link opens the draft in the page's report view (it answers the page for that address)
    expect(mine[0].body).toContain(`/bao-cao?ke-hoach=${planId}&ky=${draft.period}&nam=2023&sua=${draft.id}`);
    const link = /(\/bao-cao\?\S+)/.exec(mine[0].body)![1];
    expect((await t.http.get(link).expect(200)).text).toContain('<noscript>');
    expect(mine[0].body).toContain(`Bản nháp (phiên bản ${draft.version})`);
    // the job running again (a retry, a second worker) sends nothing more
    await processor.remindDue({ now: '2023-06-17T01:00:00Z' });
    expect((await t.http.get('/api/notifications').expect(200)).body.filter((n: any) => n.kind === 'report_due')).toHaveLength(1);
    const reporter = await t.login('baocao.hoangluu', TEST_PASSWORD);
    expect((await reporter.get('/api/notifications').expect(200)).body.filter((n: any) => n.kind === 'report_due')).toHaveLength(1);
    const mail = await eventually(async () => smtp.messages.find((m) => m.subject.includes('Sắp đến hạn nộp báo cáo CCHC quý II')), 15000, 'the report reminder mail');
    expect(mail.to).toEqual(['chutich.hoangluu@example.vn']);
    expect(smtp.messages.filter((m) => m.subject === mail.subject)).toHaveLength(1);
    // the automatic reports made the day after the cut-off are announced by mail the same way
    const made = (await processor.daily({ now: '2023-06-15T01:00:00Z' })).filter((r) => r.planId === planId);
    expect(made.length).toBeGreaterThan(0);
    const announced = await eventually(async () => smtp.messages.find((m) => m.subject.startsWith('[CCHC] Báo cáo CCHC') && m.subject.endsWith('đã được lập')), 15000, 'the report made mail');
    expect(announced.to).toEqual(['chutich.hoangluu@example.vn']);
  });

  it('shows the plan criterion of the CCHC index: 30/32 (93,75%) gives 2 points, by the superior unit\'s thresholds', async () => {
    const { planId: p32 } = await planOf32(t, unitId, '32/KH-UBND');
    const progress = (await t.http.get(`/api/plans/${p32}/progress?asOf=2023-12-14`).expect(200)).body;
    expect(progress.cchcPoints).toMatchObject({
      points: 2, maxPoints: 2, percent: '93,75%', thresholdsFrom: null,
      thresholds: { fullAbove: 90, partialFrom: 70, fullPoints: 2, partialPoints: 1 },
    });
    const r = (await t.http.post(`/api/plans/${p32}/reports`).send({ period: 'YEAR', year: 2023 }).expect(201)).body;
    expect(r.data.cchc).toMatchObject({ points: 2, percent: '93,75%' });
    const docx = await docxParagraphs((await t.http.get(`/api/reports/${r.id}.docx`).buffer(true).parse(binary).expect(200)).body);
    expect(docx.join('\n')).toContain('Mức độ thực hiện kế hoạch CCHC: đạt 93,75% (trên 90%), tự đánh giá 2/2 điểm');
    const book = await workbook((await t.http.get(`/api/reports/${r.id}.xlsx`).buffer(true).parse(binary).expect(200)).body);
    expect(rowsOf(book, 'Nhiệm vụ').flat().join('\n')).toContain('tự đánh giá 2/2 điểm');
    const html = (await t.http.get(`/api/reports/${r.id}.html`).expect(200)).text;
    expect(html).toContain('tự đánh giá 2/2 điểm');

    // the superior unit (the administrator manages units) sets stricter thresholds: 93,75% then gives 1 point
    const unit = (await t.http.get(`/api/units/${unitId}`).expect(200)).body;
    await t.admin.patch(`/api/units/${unit.parentId}`).send({ cchcThresholds: { fullAbove: 95, partialFrom: 80, fullPoints: 2, partialPoints: 1 } }).expect(200);
    const stricter = (await t.http.get(`/api/plans/${p32}/progress?asOf=2023-12-14`).expect(200)).body.cchcPoints;
    expect(stricter).toMatchObject({ points: 1, thresholdsFrom: 'UBND huyện Hoằng Hóa', rule: 'trên 95%: 2 điểm; từ 80% đến 95%: 1 điểm; dưới 80%: 0 điểm' });
    const bad = await t.admin.patch(`/api/units/${unit.parentId}`).send({ cchcThresholds: { fullAbove: 60, partialFrom: 80, fullPoints: 2, partialPoints: 1 } }).expect(400);
    expect(bad.body.message).toMatch(/Ngưỡng/);
    await t.http.patch(`/api/units/${unit.parentId}`).send({ cchcThresholds: null }).expect((res) => expect([403, 404]).toContain(res.status));
  });
});
