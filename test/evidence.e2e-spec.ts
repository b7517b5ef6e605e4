import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, TestApp } from './support/app.js';
import { accountFor, createPlan, seedUnit } from './support/fixtures.js';

const binary = (res: any, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A Windows program's first bytes (the "MZ" header), renamed to look like a PDF. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const LIMIT = 64 * 1024;

/**
 * Evidence files on task completions, in both storage modes: upload, list,
 * download, refusals (a renamed program, a file too large), another commune's
 * official, removal, the audit trail, the report's lines and the period's zip.
 */
describe.each(['disk', 'database'] as const)('evidence files stored on %s', (storage) => {
  let t: TestApp;
  let dataDir: string;
  let taskId: number;
  let otherTaskId: number;
  let planId: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cchc-evidence-'));
    t = await startApp({ env: { FILE_STORAGE: storage, DATA_DIR: dataDir, EVIDENCE_MAX_BYTES: String(LIMIT) } });
    const { unitId } = await seedUnit(t, 'UBND xã Hoằng Lưu');
    const plan = await createPlan(t, unitId, { number: '12/KH-UBND', phuLucs: [{ number: 1, tasks: [
      { content: 'Báo cáo kết quả thực hiện CCHC', leadText: 'Công chức Văn phòng – Thống kê', deadlineText: 'Hằng quý', products: ['Báo cáo'] },
      { content: 'Rà soát văn bản quy phạm pháp luật', leadText: 'Công chức Tư pháp – Hộ tịch', deadlineText: 'Quý II/2023', products: ['Báo cáo'] },
    ] }] });
    planId = plan.id;
    [taskId, otherTaskId] = plan.phuLucs[0].tasks.map((x: any) => x.id);
    await t.http.post(`/api/plans/${planId}/issue`).send({ issuedOn: '2023-01-30' }).expect(200);
    await t.http.post(`/api/tasks/${taskId}/complete`).send({ dueOn: '2023-03-31', completedOn: '2023-04-05', evidence: 'Báo cáo số 20/BC-UBND' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (name: string, bytes: Buffer, dueOn?: string) => {
    const req = t.http.post(`/api/tasks/${taskId}/evidence`).attach('file', bytes, name);
    return dueOn ? req.field('dueOn', dueOn) : req;
  };

  it('takes PDF, images and Word files, checked from their content, and refuses anything else in Vietnamese', async () => {
    const pdf = (await upload('Biên bản kiểm tra.pdf', PDF, '2023-03-31').expect(201)).body;
    expect(pdf).toMatchObject({ taskId, dueOn: '2023-03-31', name: 'Biên bản kiểm tra.pdf', mime: 'application/pdf', size: PDF.length });
    // an image named .jpg that is a PNG is kept as what it is
    const png = (await upload('Ảnh hội nghị.jpg', PNG).expect(201)).body;
    expect(png).toMatchObject({ name: 'Ảnh hội nghị.png', mime: 'image/png', dueOn: null });
    // a Word file: the product's own report
    const report = (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'Q1', year: 2023 }).expect(201)).body;
    const docx = (await t.http.get(`/api/reports/${report.id}.docx`).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(docx.length).toBeLessThan(LIMIT);
    expect((await upload('Báo cáo quý I.docx', docx).expect(201)).body.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const exe = await upload('bien-ban.pdf', EXE).expect(400);
    expect(exe.body.message).toBe('Tệp "bien-ban.pdf" không được nhận: nội dung tệp là loại "EXE". Chỉ nhận tệp PDF, ảnh (JPG, PNG, GIF, WEBP, TIFF, HEIC, BMP), Word (DOC, DOCX) hoặc Excel (XLS, XLSX).');
    const text = await upload('ghi-chu.pdf', Buffer.from('chỉ là chữ, không phải PDF')).expect(400);
    expect(text.body.message).toMatch(/không nhận ra loại tệp/);
    const big = await upload('lon.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT)])).expect(413);
    expect(big.body.message).toBe('Tệp quá lớn: mỗi tệp minh chứng tối đa 64 KB'); // 64 × 1024 bytes, as formatFileSize words it
    const wrongDate = await upload('x.pdf', PDF, '2023-05-05').expect(400);
    expect(wrongDate.body.message).toMatch(/nhiệm vụ không có hạn ngày 05\/05\/2023/);
    const none = await t.http.post(`/api/tasks/${taskId}/evidence`).send({}).expect(400);
    expect(none.body.message).toMatch(/hãy chọn một tệp/);

    const list = (await t.http.get(`/api/tasks/${taskId}/evidence`).expect(200)).body;
    expect(list.map((f: any) => f.name)).toEqual(['Biên bản kiểm tra.pdf', 'Ảnh hội nghị.png', 'Báo cáo quý I.docx']);
    // where the bytes are: the data folder, or the database
    const onDisk = existsSync(join(dataDir, 'evidence')) ? readdirSync(join(dataDir, 'evidence')) : [];
    const blobs = Number((await t.db.query('SELECT COUNT(*) AS n FROM file_blob'))[0].n);
    if (storage === 'disk') expect([onDisk.length, blobs]).toEqual([list.length, 0]);
    else expect([onDisk.length, blobs]).toEqual([0, list.length]);
    // refused uploads left no temporary file, row or blob behind
    expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM evidence_file'))[0].n)).toBe(list.length);
  });

  it('serves a file as an attachment with nosniff and its name in RFC 5987 form, to whoever may read the task', async () => {
    const [pdf] = (await t.http.get(`/api/tasks/${taskId}/evidence`).expect(200)).body;
    const res = await t.http.get(`/api/tasks/${taskId}/evidence/${pdf.id}`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(res.body, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Bien ban kiem tra.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20ki%E1%BB%83m%20tra.pdf`);
    // a file of another task through this one's path: 404
    await t.http.get(`/api/tasks/${otherTaskId}/evidence/${pdf.id}`).expect(404);

    // an official of another commune: 404 for the list and the file alike
    const other = await seedUnit(t, 'UBND xã Hoằng Phụ', { signIn: false });
    await other.chair.get(`/api/tasks/${taskId}/evidence/${pdf.id}`).expect(404);
    await other.chair.get(`/api/tasks/${taskId}/evidence`).expect(404);
    await other.chair.post(`/api/tasks/${taskId}/evidence`).attach('file', PDF, 'x.pdf').expect(404);
  });

  it('lists the files in the report\'s lines and XLSX, and zips the period\'s files by Phụ lục', async () => {
    const files = (await t.http.get(`/api/tasks/${taskId}/evidence`).expect(200)).body;
    const r = (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'Q2', year: 2023 }).expect(201)).body;
    const line = r.data.tasks.find((l: any) => l.taskId === taskId);
    expect(line.files.map((f: any) => f.name)).toEqual(files.map((f: any) => f.name));
    const xml = await (await JSZip.loadAsync((await t.http.get(`/api/reports/${r.id}.docx`).buffer(true).parse(binary).expect(200)).body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Tệp: Biên bản kiểm tra.pdf');
    expect(xml).toContain('minh chứng: Báo cáo số 20/BC-UBND; Biên bản kiểm tra.pdf; Ảnh hội nghị.png');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await t.http.get(`/api/reports/${r.id}.xlsx`).buffer(true).parse(binary).expect(200)).body);
    const sheet = book.getWorksheet('Nhiệm vụ')!;
    let fileCell = '';
    sheet.eachRow((row) => { if (String(row.getCell(2).text).startsWith('Báo cáo kết quả thực hiện CCHC')) fileCell = String(row.getCell(11).text); });
    expect(fileCell.split('\n')).toEqual(files.map((f: any) => f.name));

    const zipRes = await t.http.get(`/api/reports/${r.id}/evidence.zip`).buffer(true).parse(binary).expect(200);
    expect(zipRes.headers['content-type']).toBe('application/zip');
    expect(zipRes.headers['content-disposition']).toMatch(/^attachment; filename="Tai lieu kiem chung - quy II nam 2023 - phien ban \d+\.zip"; filename\*=UTF-8''/);
    const zip = await JSZip.loadAsync(zipRes.body);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names).toEqual(files.map((f: any) => `Phụ lục 01/TT 01 - Báo cáo kết quả thực hiện CCHC/${f.name}`));
    expect(Buffer.compare(await zip.file(names[0])!.async('nodebuffer'), PDF)).toBe(0);
    expect(Buffer.compare(await zip.file(names[1])!.async('nodebuffer'), PNG)).toBe(0);
  });

  it('removes a file, and records every upload and removal in the audit trail', async () => {
    const [pdf, png] = (await t.http.get(`/api/tasks/${taskId}/evidence`).expect(200)).body;
    await t.http.delete(`/api/tasks/${taskId}/evidence/${png.id}`).expect(204);
    await t.http.get(`/api/tasks/${taskId}/evidence/${png.id}`).expect(404);
    await t.http.delete(`/api/tasks/${taskId}/evidence/${png.id}`).expect(404);
    const left = (await t.http.get(`/api/tasks/${taskId}/evidence`).expect(200)).body;
    expect(left.map((f: any) => f.id)).not.toContain(png.id);
    expect(left.map((f: any) => f.id)).toContain(pdf.id);
    const onDisk = existsSync(join(dataDir, 'evidence')) ? readdirSync(join(dataDir, 'evidence')) : [];
    const blobs = Number((await t.db.query('SELECT COUNT(*) AS n FROM file_blob'))[0].n);
    expect(storage === 'disk' ? onDisk.length : blobs).toBe(left.length);

    const trail = (await t.http.get(`/api/audit?entity=task&entityId=${taskId}`).expect(200)).body;
    const entries: any[] = Array.isArray(trail) ? trail : trail.items ?? trail.entries;
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'evidence_added')).toHaveLength(left.length + 1);
    expect(actions.filter((a) => a === 'evidence_removed')).toHaveLength(1);
    expect(JSON.stringify(entries)).toContain('Ảnh hội nghị.png');
  });

  it('lets the task\'s lead official upload, and other officials only read', async () => {
    const officials = (await t.http.get('/api/officials').expect(200)).body;
    const byName = (n: string) => officials.find((o: any) => o.fullName === n && o.unitId === t.http.me.unitId)?.id ?? officials.find((o: any) => o.fullName === n).id;
    await t.http.patch(`/api/tasks/${otherTaskId}`).send({ assigneeId: byName('Hoàng Văn Pháp') }).expect(200);
    const lead = await accountFor(t, `tuphap.${storage}`, 'official', t.http.me.unitId!, byName('Hoàng Văn Pháp'));
    const notLead = await accountFor(t, `vanhoa.${storage}`, 'official', t.http.me.unitId!, byName('Phạm Văn Hóa'));
    const mine = (await lead.post(`/api/tasks/${otherTaskId}/evidence`).attach('file', PDF, 'Rà soát.pdf').expect(201)).body;
    await notLead.post(`/api/tasks/${otherTaskId}/evidence`).attach('file', PDF, 'x.pdf').expect(403);
    await notLead.delete(`/api/tasks/${otherTaskId}/evidence/${mine.id}`).expect(403);
    expect((await notLead.get(`/api/tasks/${otherTaskId}/evidence`).expect(200)).body.map((f: any) => f.name)).toEqual(['Rà soát.pdf']);
    await notLead.get(`/api/tasks/${otherTaskId}/evidence/${mine.id}`).expect(200);
  });

  it('still gives a whole zip when a file is gone from the store, and names the missing file in it', async () => {
    const [pdf] = (await t.http.get(`/api/tasks/${taskId}/evidence`).expect(200)).body;
    const key = (await t.db.query('SELECT storage_key AS k FROM evidence_file WHERE id = ' + Number(pdf.id)))[0].k;
    // behind the product's back: a data folder cleaned by hand, a restore without the files
    if (storage === 'disk') rmSync(join(dataDir, 'evidence', key));
    else await t.db.query(`DELETE FROM file_blob WHERE ${t.db.options.type === 'postgres' ? '"key"' : 'key'} = '${key}'`);
    const r = (await t.http.post(`/api/plans/${planId}/reports`).send({ period: 'Q2', year: 2023 }).expect(201)).body;
    const zipRes = await t.http.get(`/api/reports/${r.id}/evidence.zip`).buffer(true).parse(binary).expect(200);
    const zip = await JSZip.loadAsync(zipRes.body);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names).toContain('Tệp còn thiếu.txt');
    expect(names).not.toContain(`Phụ lục 01/TT 01 - Báo cáo kết quả thực hiện CCHC/${pdf.name}`);
    const note = await zip.file('Tệp còn thiếu.txt')!.async('string');
    expect(note).toContain(`- Phụ lục 01/TT 01 - Báo cáo kết quả thực hiện CCHC/${pdf.name}`);
    expect(note).toMatch(/^Hệ thống không còn giữ 1 tệp minh chứng/);
    // every file that is there reads whole
    for (const n of names) await zip.file(n)!.async('nodebuffer');
  });
});
