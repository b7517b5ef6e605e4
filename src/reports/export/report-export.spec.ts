import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { completionSentence, formatPercent, formatRatio } from '../../common/vietnamese-format.js';
import type { AnnexRow, Figures, ReportData, ReportTaskLine, TaskLineStatus } from '../report-data.js';
import { reportDocx } from './report-docx.js';
import { reportHtml } from './report-html.js';
import { ANNEX_SHEET, LISTS_SHEET, TASK_SHEET, reportXlsx } from './report-xlsx.js';
import { unitNames } from './report-text.js';

// ── Fixture: Hoằng Tiến's 2023 plan, 32 tasks, annual report cut off on 14/12/2023 ──

const AREAS: [number, string, number][] = [
  [1, 'Cải cách thể chế', 3],
  [2, 'Cải cách thủ tục hành chính', 8],
  [3, 'Cải cách tổ chức bộ máy hành chính nhà nước', 4],
  [4, 'Cải cách chế độ công vụ', 4],
  [5, 'Cải cách tài chính công', 4],
  [6, 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số', 5],
  [7, 'Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính', 4],
];

const SCRIPT_CONTENT = 'Rà soát cổng thông tin <script>alert("x")</script> & chuyên mục CCHC';

function line(phuLuc: number, ordinal: number, taskId: number): ReportTaskLine {
  const month = String(((taskId - 1) % 11) + 1).padStart(2, '0');
  const dueOn = `2023-${month}-28`;
  return {
    taskId,
    phuLuc,
    ordinal,
    content: `Nhiệm vụ ${phuLuc}.${ordinal} của kế hoạch`,
    products: ['Kế hoạch', 'Báo cáo kết quả thực hiện'],
    leadText: 'Công chức Văn phòng – Thống kê',
    assigneeName: 'Trần Thị Thu Hương',
    deadlineText: `Tháng ${month}/2023`,
    dueDates: [dueOn],
    dueOn,
    completedOn: `2023-${month}-20`,
    evidence: `Kế hoạch số ${taskId}/KH-UBND ngày 20/${month}/2023`,
    status: 'completed_on_time',
  };
}

function buildTasks(): ReportTaskLine[] {
  const tasks: ReportTaskLine[] = [];
  let id = 1;
  for (const [phuLuc, , n] of AREAS) for (let tt = 1; tt <= n; tt++) tasks.push(line(phuLuc, tt, id++));
  const byKey = (pl: number, tt: number) => tasks.find((t) => t.phuLuc === pl && t.ordinal === tt)!;

  // Two completed after their due date.
  Object.assign(byKey(2, 3), { status: 'completed_late', dueOn: '2023-03-31', dueDates: ['2023-03-31'], completedOn: '2023-04-10', deadlineText: 'Quý I/2023', evidence: 'Báo cáo số 15/BC-UBND ngày 10/04/2023' });
  Object.assign(byKey(5, 2), { status: 'completed_late', dueOn: '2023-06-30', dueDates: ['2023-06-30'], completedOn: '2023-07-05', deadlineText: 'Quý II/2023' });
  // One overdue at the cut-off, one still within its deadline (due at year end, after the cut-off).
  Object.assign(byKey(4, 2), {
    status: 'overdue',
    content: 'Xây dựng vị trí việc làm của công chức',
    leadText: 'Công chức Văn phòng – Thống kê',
    dueOn: '2023-11-15',
    dueDates: ['2023-11-15'],
    deadlineText: 'Trước15/11/ 2023',
    completedOn: null,
    evidence: null,
  });
  Object.assign(byKey(6, 4), {
    status: 'in_progress',
    content: SCRIPT_CONTENT,
    leadText: 'Công chức Văn hóa – Xã hội',
    assigneeName: 'Phạm Văn Tuấn',
    dueOn: '2023-12-31',
    dueDates: ['2023-12-31'],
    deadlineText: 'Thường xuyên trong năm',
    completedOn: null,
    evidence: null,
  });
  return tasks;
}

function figuresOf(tasks: ReportTaskLine[]): Figures {
  const is = (s: TaskLineStatus) => tasks.filter((t) => t.status === s).length;
  const planned = tasks.length;
  const completedOnTime = is('completed_on_time');
  const completedLate = is('completed_late');
  const completed = completedOnTime + completedLate;
  const overdue = is('overdue');
  return {
    planned,
    completed,
    completedOnTime,
    completedLate,
    notCompleted: planned - completed,
    notCompletedWithinDeadline: planned - completed - overdue,
    overdue,
    ratio: formatRatio(completed, planned),
    percent: formatPercent(completed, planned),
    summary: completionSentence(completed, planned),
  };
}

const DECISION_TEXT = 'Quyết định số 25/QĐ-UBND ngày 30/01/2023';

const ANNEX: AnnexRow[] = [
  { code: '1', label: 'Công tác chỉ đạo, điều hành CCHC', value: null, unit: null, source: 'computed' },
  { code: '1.1', label: 'Kế hoạch CCHC', value: DECISION_TEXT, unit: null, source: 'computed' },
  { code: '1.1.1', label: 'Số nhiệm vụ đề ra trong kế hoạch', value: 32, unit: 'Nhiệm vụ', source: 'computed' },
  { code: '1.1.2', label: 'Số nhiệm vụ đã hoàn thành', value: 30, unit: 'Nhiệm vụ', source: 'computed' },
  { code: '1.1.3', label: 'Số văn bản chỉ đạo CCHC đã ban hành', value: 9, unit: 'Văn bản', source: 'entered' },
  { code: '1.3', label: 'Thực hiện nhiệm vụ cấp trên giao', value: null, unit: null, source: 'computed' },
  { code: '1.3.1', label: 'Tổng số nhiệm vụ được giao', value: 32, unit: 'Nhiệm vụ', source: 'computed' },
  { code: '1.3.2', label: 'Số nhiệm vụ đã hoàn thành đúng hạn', value: 28, unit: 'Nhiệm vụ', source: 'computed' },
  { code: '1.3.3', label: 'Số nhiệm vụ đã hoàn thành nhưng quá hạn', value: 2, unit: 'Nhiệm vụ', source: 'computed' },
  { code: '3.3.1', label: 'Số lượng hồ sơ đã tiếp nhận', value: 1237, unit: 'Số lượng hồ sơ', source: 'entered' },
];

function fixture(): ReportData {
  const tasks = buildTasks();
  const next = tasks.filter((t) => t.dueOn && t.dueOn >= '2023-12-15' && t.dueOn <= '2024-03-14' && !t.completedOn);
  return {
    unit: { id: 1, name: 'UBND xã Hoằng Tiến', parentName: 'UBND huyện Hoằng Hóa', place: 'Hoằng Tiến' },
    plan: {
      id: 1,
      number: '08/KH-UBND',
      title: 'Kế hoạch cải cách hành chính năm 2023',
      year: 2023,
      decision: `(Ban hành kèm theo ${DECISION_TEXT} của Chủ tịch Ủy ban nhân dân xã Hoằng Tiến)`,
      issuedOn: '2023-01-30',
    },
    period: {
      code: 'YEAR',
      year: 2023,
      label: 'Năm',
      titleText: 'năm 2023',
      convention: 'ministry',
      windowStart: '2022-12-15',
      windowEnd: '2023-12-14',
      cutoff: '2023-12-14',
      nextWindowStart: '2023-12-15',
      nextWindowEnd: '2024-03-14',
    },
    version: 1,
    // 18:00 UTC on 14/12 is already 15/12 in Hoằng Tiến; the year is 2023 either way.
    generatedAt: '2023-12-14T18:00:00.000Z',
    generatedBy: 'Trần Thị Thu Hương',
    figures: {
      ...figuresOf(tasks),
      phuLucs: AREAS.map(([phuLuc, title]) => ({ phuLuc, title, ...figuresOf(tasks.filter((t) => t.phuLuc === phuLuc)) })),
    },
    lists: {
      completedInPeriod: tasks.filter((t) => t.completedOn !== null),
      notCompleted: tasks.filter((t) => t.completedOn === null),
      overdue: tasks.filter((t) => t.status === 'overdue'),
      dueNextPeriod: next,
    },
    tasks,
    annex01b: ANNEX,
    signer: { title: 'Chủ tịch', name: 'Lê Văn Thắng' },
  };
}

// ── Helpers to read the files back ───────────────────────────────────────────

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('word/document.xml missing');
  return file.async('string');
}

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every table row of the document as its cells' texts. */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
    [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => plainText(c[0]).trim()),
  );
}

/** All text of a fragment, paragraphs separated by newlines. */
function plainText(xml: string): string {
  return decodeXml(
    xml
      .replace(/<w:br\/>/g, '\n')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g, '$1')
      .replace(/<w:instrText[\s\S]*?<\/w:instrText>/g, '')
      .replace(/<[^>]+>/g, ''),
  ).replace(/\n+$/g, '');
}

function cellText(row: ExcelJS.Row, col: number): string {
  const v = row.getCell(col).value;
  return v === null || v === undefined ? '' : String(v);
}

function findRow(ws: ExcelJS.Worksheet, predicate: (row: ExcelJS.Row) => boolean): ExcelJS.Row | undefined {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && predicate(row)) found = row;
  });
  return found;
}

// ── Tests ────────────────────────────────────────────────────────────────────

describe('report fixture', () => {
  it('has the headline figures of the brief', () => {
    const f = fixture().figures;
    expect([f.planned, f.completed, f.completedOnTime, f.completedLate, f.overdue, f.notCompletedWithinDeadline]).toEqual([32, 30, 28, 2, 1, 1]);
    expect(f.ratio).toBe('30/32');
    expect(f.percent).toBe('93,75%');
    expect(f.summary).toBe('đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch');
  });
});

describe('unitNames', () => {
  it('derives the header lines from the unit name', () => {
    expect(unitNames('UBND xã Hoằng Tiến')).toMatchObject({ authority: 'ỦY BAN NHÂN DÂN', unitLine: 'XÃ HOẰNG TIẾN', localName: 'xã Hoằng Tiến' });
    expect(unitNames('Ủy ban nhân dân phường Hạc Thành').unitLine).toBe('PHƯỜNG HẠC THÀNH');
    expect(unitNames('Xã Tái Sơn')).toMatchObject({ unitLine: 'XÃ TÁI SƠN', fullName: 'Ủy ban nhân dân xã Tái Sơn' });
  });
});

describe('reportDocx', () => {
  let xml: string;
  let text: string;
  let rows: string[][];

  beforeAll(async () => {
    const buffer = await reportDocx(fixture());
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    if (process.env.REPORT_EXPORT_OUT) writeFileSync(join(process.env.REPORT_EXPORT_OUT, 'report.docx'), buffer);
    xml = await documentXml(buffer);
    text = plainText(xml);
    rows = tableRows(xml);
  });

  it('is an A4 portrait page in Times New Roman with NĐ 30 margins', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).not.toContain('w:orient="landscape"');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:sz w:val="26"\/>/);
  });

  it('has the header, the title and the intro', () => {
    const [header] = rows;
    expect(header[0]).toBe('ỦY BAN NHÂN DÂN\nXÃ HOẰNG TIẾN\n\nSố: ……/BC-UBND');
    expect(header[1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHoằng Tiến, ngày …… tháng …… năm 2023');
    expect(text).toContain('BÁO CÁO\nKết quả thực hiện công tác cải cách hành chính năm 2023');
    expect(text).toContain(
      'Thực hiện Kế hoạch số 08/KH-UBND ngày 30/01/2023 của Ủy ban nhân dân xã Hoằng Tiến về cải cách hành chính năm 2023; ' +
        'Ủy ban nhân dân xã Hoằng Tiến báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 như sau:',
    );
    expect(text).toContain('Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023.');
    expect(text).toContain(
      'Ủy ban nhân dân xã Hoằng Tiến đã ban hành Kế hoạch số 08/KH-UBND ngày 30/01/2023 về cải cách hành chính năm 2023 ' +
        '(ban hành kèm theo Quyết định số 25/QĐ-UBND ngày 30/01/2023 của Chủ tịch Ủy ban nhân dân xã Hoằng Tiến), đề ra 32 nhiệm vụ thuộc 7 lĩnh vực',
    );
  });

  it('has sections I–V with the figures, the lists and places to write', () => {
    const order = [
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
      '1. Cải cách thể chế (Phụ lục 01)',
      '6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số (Phụ lục 06)',
      '7. Công tác chỉ đạo, điều hành, tuyên truyền cải cách hành chính (Phụ lục 07)',
      'III. ĐÁNH GIÁ CHUNG',
      '1. Ưu điểm',
      '2. Tồn tại, hạn chế và nguyên nhân',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'Nơi nhận:',
    ];
    const positions = order.map((h) => text.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    expect(text).toContain('Tổng số nhiệm vụ đề ra trong kế hoạch: 32; đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch.');
    expect(text).toContain('hoàn thành đúng hạn: 28 nhiệm vụ; hoàn thành nhưng quá hạn: 2 nhiệm vụ; chưa hoàn thành: 2 nhiệm vụ');
    expect(text).toContain('(đang thực hiện, chưa đến hạn: 1 nhiệm vụ; quá hạn: 1 nhiệm vụ)');
    expect(text).toContain('Kế hoạch đề ra 8 nhiệm vụ; đã hoàn thành 8/8 nhiệm vụ, đạt 100%; hoàn thành nhưng quá hạn: 1 nhiệm vụ.');
    expect(text).toContain('Kế hoạch đề ra 5 nhiệm vụ; đã hoàn thành 4/5 nhiệm vụ, đạt 80%; đang thực hiện, chưa đến hạn: 1 nhiệm vụ.');
    // a completed task with its evidence, under its area
    expect(text).toContain('- Nhiệm vụ 1.1 của kế hoạch (chủ trì: Công chức Văn phòng – Thống kê (Trần Thị Thu Hương); hoàn thành ngày 20/01/2023; minh chứng: Kế hoạch số 1/KH-UBND ngày 20/01/2023).');
    // overdue under III with lead and due date; due next period under IV
    const iii = text.slice(text.indexOf('III. ĐÁNH GIÁ CHUNG'), text.indexOf('IV. PHƯƠNG HƯỚNG'));
    expect(iii).toContain('- Xây dựng vị trí việc làm của công chức (Phụ lục 04; chủ trì: Công chức Văn phòng – Thống kê (Trần Thị Thu Hương); hạn: 15/11/2023).');
    const iv = text.slice(text.indexOf('IV. PHƯƠNG HƯỚNG'), text.indexOf('V. KIẾN NGHỊ'));
    expect(iv).toContain('từ ngày 15/12/2023 đến ngày 14/03/2024');
    expect(iv).toContain(`- ${SCRIPT_CONTENT} (Phụ lục 06; chủ trì: Công chức Văn hóa – Xã hội (Phạm Văn Tuấn); hạn: 31/12/2023).`);
    // places to write: one per area, plus I (×2), III (×3: ưu điểm, hạn chế, nguyên nhân), IV, V
    expect(text.match(/\[Nội dung cần bổ sung: /g)).toHaveLength(7 + 2 + 3 + 1 + 1);
    expect(xml).toContain('<w:highlight w:val="yellow"/>');
  });

  it('ends with Nơi nhận and the signature', () => {
    const sig = rows.find((r) => r[0]?.startsWith('Nơi nhận:'));
    expect(sig).toEqual([
      'Nơi nhận:\n- UBND huyện Hoằng Hóa;\n- Chủ tịch, các PCT UBND xã;\n- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n\n\nLê Văn Thắng',
    ]);
  });

  it('has the task table grouped by Phụ lục', () => {
    const header = rows.findIndex((r) => r.join('|') === 'TT|Nhiệm vụ|Người/Cơ quan chủ trì|Hạn|Kết quả|Ngày hoàn thành|Minh chứng');
    expect(header).toBeGreaterThan(0);
    const table = rows.slice(header + 1);
    expect(table[0]).toEqual(['Phụ lục 01. Cải cách thể chế — 3/3 (100%)']);
    expect(table[1]).toEqual([
      '1',
      'Nhiệm vụ 1.1 của kế hoạch',
      'Công chức Văn phòng – Thống kê (Trần Thị Thu Hương)',
      '28/01/2023',
      'Đã hoàn thành đúng hạn',
      '20/01/2023',
      'Kế hoạch số 1/KH-UBND ngày 20/01/2023',
    ]);
    expect(table).toContainEqual(['Phụ lục 06. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số — 4/5 (80%)']);
    expect(table).toContainEqual(['2', 'Xây dựng vị trí việc làm của công chức', 'Công chức Văn phòng – Thống kê (Trần Thị Thu Hương)', '15/11/2023', 'Quá hạn', '', '']);
    expect(table.find((r) => r[1] === 'Nhiệm vụ 2.3 của kế hoạch')?.slice(3, 6)).toEqual(['31/03/2023', 'Hoàn thành quá hạn', '10/04/2023']);
    expect(table.find((r) => r[1] === SCRIPT_CONTENT)?.[4]).toBe('Đang thực hiện');
    expect(table.filter((r) => r.length === 7)).toHaveLength(32 + 0);
  });

  it('has the Phụ lục 01b annex', () => {
    expect(text).toContain('Phụ lục 01b\nTHỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI UBND XÃ HOẰNG TIẾN');
    const annex = (code: string) => rows.find((r) => r.length === 5 && r[0] === code);
    expect(annex('1.1')).toEqual(['1.1', 'Kế hoạch CCHC', '', DECISION_TEXT, '']);
    expect(annex('1.1.1')).toEqual(['1.1.1', 'Số nhiệm vụ đề ra trong kế hoạch', 'Nhiệm vụ', '32', '']);
    expect(annex('1.1.2')?.[3]).toBe('30');
    expect(annex('1.3.1')?.[3]).toBe('32');
    expect(annex('1.3.2')?.[3]).toBe('28');
    expect(annex('1.3.3')?.[3]).toBe('2');
    expect(annex('1.1.3')?.[3]).toBe('9');
    expect(annex('3.3.1')).toEqual(['3.3.1', 'Số lượng hồ sơ đã tiếp nhận', 'Số lượng hồ sơ', '1.237', '']);
  });

  it('keeps markup in task content as text', () => {
    expect(xml).toContain('&lt;script&gt;alert(');
    expect(xml).not.toContain('<script>');
  });
});

describe('reportXlsx', () => {
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const buffer = await reportXlsx(fixture());
    if (process.env.REPORT_EXPORT_OUT) writeFileSync(join(process.env.REPORT_EXPORT_OUT, 'report.xlsx'), buffer);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  });

  it('has the two sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([TASK_SHEET, LISTS_SHEET, ANNEX_SHEET]);
    expect(TASK_SHEET).toBe('Nhiệm vụ');
    expect(ANNEX_SHEET).toBe('Phụ lục 01b');
  });

  it('lists the tasks by Phụ lục under a frozen header, with the totals', () => {
    const ws = wb.getWorksheet(TASK_SHEET)!;
    expect(cellText(ws.getRow(1), 1)).toBe('UBND xã Hoằng Tiến');
    expect(cellText(ws.getRow(3), 1)).toBe('Kết quả thực hiện công tác cải cách hành chính năm 2023');
    expect(cellText(ws.getRow(4), 1)).toContain('14/12/2023');
    const header = findRow(ws, (r) => cellText(r, 1) === 'TT')!;
    expect((header.values as unknown[]).slice(1)).toEqual([
      'TT',
      'Nhiệm vụ',
      'Sản phẩm',
      'Cơ quan chủ trì',
      'Người chủ trì',
      'Thời hạn',
      'Hạn',
      'Trạng thái',
      'Ngày hoàn thành',
      'Minh chứng',
      'Tệp minh chứng',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number });
    expect(header.getCell(1).font?.name).toBe('Times New Roman');

    const heading = ws.getRow(header.number + 1);
    expect(cellText(heading, 1)).toBe('Phụ lục 01. Cải cách thể chế — 3/3 (100%)');
    expect(heading.getCell(1).isMerged).toBe(true);

    const late = findRow(ws, (r) => cellText(r, 2) === 'Nhiệm vụ 2.3 của kế hoạch')!;
    expect((late.values as unknown[]).slice(1)).toEqual([
      3,
      'Nhiệm vụ 2.3 của kế hoạch',
      'Kế hoạch\nBáo cáo kết quả thực hiện',
      'Công chức Văn phòng – Thống kê',
      'Trần Thị Thu Hương',
      'Quý I/2023',
      '31/03/2023',
      'Hoàn thành quá hạn',
      '10/04/2023',
      'Báo cáo số 15/BC-UBND ngày 10/04/2023',
      '',
    ]);
    expect(late.getCell(2).alignment?.wrapText).toBe(true);
    const overdue = findRow(ws, (r) => cellText(r, 2) === 'Xây dựng vị trí việc làm của công chức')!;
    expect([cellText(overdue, 6), cellText(overdue, 7), cellText(overdue, 8), cellText(overdue, 9)]).toEqual([
      'Trước15/11/ 2023',
      '15/11/2023',
      'Quá hạn',
      '',
    ]);
    expect(findRow(ws, (r) => cellText(r, 2) === SCRIPT_CONTENT)).toBeDefined();

    let taskRows = 0;
    ws.eachRow((r) => {
      if (r.number > header.number && typeof r.getCell(1).value === 'number') taskRows++;
    });
    expect(taskRows).toBe(32);
    const total = ws.getRow(ws.rowCount);
    expect(cellText(total, 1)).toContain('Tổng số nhiệm vụ đề ra trong kế hoạch: 32; đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch');
  });

  it('has the Phụ lục 01b rows with their source', () => {
    const ws = wb.getWorksheet(ANNEX_SHEET)!;
    const row = (code: string) => {
      const r = findRow(ws, (x) => cellText(x, 1) === code);
      return r ? (r.values as unknown[]).slice(1) : undefined;
    };
    expect(row('STT')).toEqual(['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Nguồn']);
    expect(row('1.1')).toEqual(['1.1', 'Kế hoạch CCHC', '', DECISION_TEXT, 'Tự động']);
    expect(row('1.1.1')).toEqual(['1.1.1', 'Số nhiệm vụ đề ra trong kế hoạch', 'Nhiệm vụ', 32, 'Tự động']);
    expect(row('1.1.2')?.[3]).toBe(30);
    expect(row('1.3.1')?.[3]).toBe(32);
    expect(row('1.3.2')?.[3]).toBe(28);
    expect(row('1.3.3')?.[3]).toBe(2);
    expect(row('1.1.3')).toEqual(['1.1.3', 'Số văn bản chỉ đạo CCHC đã ban hành', 'Văn bản', 9, 'Nhập tay']);
    expect(row('3.3.1')?.[3]).toBe(1237);
  });
});

describe('reportHtml', () => {
  const html = reportHtml(fixture());
  if (process.env.REPORT_EXPORT_OUT) writeFileSync(join(process.env.REPORT_EXPORT_OUT, 'report.html'), html);

  it('is a complete printable document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toContain('"Times New Roman"');
    expect(html.trim().endsWith('</html>')).toBe(true);
  });

  it('says what the DOCX says', () => {
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'XÃ HOẰNG TIẾN',
      'Hoằng Tiến, ngày …… tháng …… năm 2023',
      '>BÁO CÁO<',
      'Kết quả thực hiện công tác cải cách hành chính năm 2023',
      'Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023.',
      'Tổng số nhiệm vụ đề ra trong kế hoạch: 32; đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch.',
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'Phụ lục 01. Cải cách thể chế — 3/3 (100%)',
      '<td>Hoàn thành quá hạn</td>',
      '<td class="c nowrap">10/04/2023</td>',
      'TM. ỦY BAN NHÂN DÂN',
      'Lê Văn Thắng',
      'Phụ lục 01b',
    ]) {
      expect(html).toContain(s);
    }
    expect(html.match(/class="to-write"/g)).toHaveLength(14);
    expect(html).toContain(
      '<td class="c">1.1.1</td><td>Số nhiệm vụ đề ra trong kế hoạch</td><td class="c">Nhiệm vụ</td><td class="c">32</td>',
    );
    expect(html).toContain('<td class="c">1.3.3</td><td>Số nhiệm vụ đã hoàn thành nhưng quá hạn</td><td class="c">Nhiệm vụ</td><td class="c">2</td>');
    expect(html).toContain(`<td class="c">${DECISION_TEXT}</td>`);
    expect(html).toContain('<td class="c">1.237</td>');
  });

  it('escapes task content', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('Rà soát cổng thông tin &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; chuyên mục CCHC');
  });
});
