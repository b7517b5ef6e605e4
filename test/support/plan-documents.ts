/**
 * Plan files as communes have them, built from the demo plan's JSON so that
 * the test controls every feature a reader must cope with. The Word document
 * is raw WordprocessingML laid out the way Word writes such a plan: the unit
 * and national heading in a borderless table, runs split in mid-word with
 * proofing marks between them, cells of several paragraphs, header rows
 * repeated (w:tblHeader and as plain text), merged cells (w:vMerge, w:gridSpan,
 * w:gridBefore), blank spacer rows, a table split across two w:tbl with a row
 * cut in two, annex headings in four styles, row numbers "1.", "1" and "I",
 * and columns in another order and wording.
 */
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { readPlanFile as readDemoJson, type PlanFile } from '../../src/demo/demo.service.js';

export type DemoTask = NonNullable<NonNullable<PlanFile['phuLucs']>[number]['tasks']>[number];
export const DEMO: PlanFile = readDemoJson();

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One line as Word saves it after editing: several runs, split mid-word, with proofing marks and a bookmark between. */
export function runsOf(line: string, o: { bold?: boolean } = {}): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>${o.bold ? '<w:b/>' : ''}<w:sz w:val="24"/></w:rPr>`;
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += 7) parts.push(line.slice(i, i + 7));
  return parts.map((p, i) => (i === 1 ? '<w:proofErr w:type="spellStart"/>' : '') + (i === 2 ? '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' : '')
    + `<w:r>${rPr}<w:t xml:space="preserve">${esc(p)}</w:t></w:r>`).join('');
}

export function para(text: string, o: { bold?: boolean; center?: boolean } = {}): string {
  const pPr = o.center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : '';
  return `<w:p>${pPr}${runsOf(text, o)}</w:p>`;
}

interface Cell { text: string; span?: number; vMerge?: 'restart' | 'continue'; bold?: boolean }

function tc(c: Cell): string {
  const pr = (c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : '') + (c.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.vMerge === 'continue' ? '<w:vMerge/>' : '');
  const lines = c.vMerge === 'continue' ? [''] : c.text.split('\n');
  return `<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/>${pr}</w:tcPr>${lines.map((l) => (l === '' ? '<w:p/>' : para(l, { bold: c.bold }))).join('')}</w:tc>`;
}

function tr(cells: Cell[], o: { header?: boolean; gridBefore?: number } = {}): string {
  const pr = (o.header ? '<w:tblHeader/>' : '') + (o.gridBefore ? `<w:gridBefore w:val="${o.gridBefore}"/>` : '') + '<w:cantSplit/>';
  return `<w:tr><w:trPr>${pr}</w:trPr>${cells.map(tc).join('')}</w:tr>`;
}

function tbl(rows: string[], columns = 6): string {
  const grid = Array.from({ length: columns }, () => '<w:gridCol w:w="1500"/>').join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders><w:insideH w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

const STANDARD = ['TT', 'Nội dung thực hiện', 'Sản phẩm/Kết quả', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];

/** The products cell as plans write it: "- Kế hoạch;" / "- Báo cáo kết quả thực hiện." */
export function productsText(products: string[] | undefined): string {
  const list = products ?? [];
  if (list.length === 1) return list[0];
  return list.map((p, i) => `- ${p}${i === list.length - 1 ? '.' : ';'}`).join('\n');
}

type Column = 'ordinal' | 'content' | 'products' | 'lead' | 'coordinators' | 'deadline';
const STANDARD_ORDER: Column[] = ['ordinal', 'content', 'products', 'lead', 'coordinators', 'deadline'];

function valueOf(t: DemoTask, c: Column, ordinal: string): string {
  switch (c) {
    case 'ordinal': return ordinal;
    case 'content': return t.content;
    case 'products': return productsText(t.products);
    case 'lead': return t.leadText ?? '';
    case 'coordinators': return t.coordinatorsText ?? '';
    case 'deadline': return t.deadlineText ?? '';
  }
}

/** Task rows; cells equal to the one above in a merged column become w:vMerge continuations. */
function taskRows(tasks: DemoTask[], o: { order?: Column[]; ordinal?: (n: number) => string; merge?: Column[]; spacers?: boolean } = {}): string[] {
  const order = o.order ?? STANDARD_ORDER;
  const rows: string[] = [];
  tasks.forEach((t, i) => {
    const cells = order.map((c): Cell => {
      const text = valueOf(t, c, (o.ordinal ?? String)(t.ordinal ?? i + 1));
      if (o.merge?.includes(c)) {
        const above = i > 0 ? valueOf(tasks[i - 1], c, '') : null;
        const below = i + 1 < tasks.length ? valueOf(tasks[i + 1], c, '') : null;
        if (above === text) return { text, vMerge: 'continue' };
        if (below === text) return { text, vMerge: 'restart' };
      }
      return { text };
    });
    rows.push(tr(cells));
    if (o.spacers && i < tasks.length - 1) {
      // a merge running on to the next task runs through the spacer row too
      rows.push(tr(order.map((c): Cell => {
        const text = valueOf(t, c, '');
        return o.merge?.includes(c) && valueOf(tasks[i + 1], c, '') === text ? { text, vMerge: 'continue' } : { text: '' };
      })));
    }
  });
  return rows;
}

const header = (titles: string[], repeat = true) => tr(titles.map((text) => ({ text, bold: true })), { header: repeat });

/** word/document.xml of the whole Hoằng Tiến plan. */
export function demoDocumentXml(plan: PlanFile = DEMO): string {
  const pl = (n: number) => plan.phuLucs!.find((p) => p.number === n)!;
  const tasks = (n: number) => pl(n).tasks ?? [];
  const body: string[] = [];
  // the unit and the national heading side by side, in a borderless table
  body.push(tbl([tr([
    { text: `ỦY BAN NHÂN DÂN\nXÃ HOẰNG TIẾN\nSố: ${plan.plan.number}` },
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nHoằng Tiến, ngày 05 tháng 01 năm 2023' },
  ])], 2));
  body.push('<w:p/>', para(plan.plan.title.toUpperCase(), { bold: true, center: true }));
  const decision = plan.plan.decision!;
  const cut = decision.indexOf(' của Chủ tịch');
  body.push(para(decision.slice(0, cut), { center: true }), para(decision.slice(cut + 1), { center: true }));
  body.push(para('I. MỤC ĐÍCH, YÊU CẦU'), para('1. Cụ thể hóa mục tiêu, các nhiệm vụ và giải pháp chủ yếu trong Chương trình tổng thể cải cách hành chính.'));
  body.push(para('IV. TỔ CHỨC THỰC HIỆN'), para('Phụ lục số 03, Phụ lục số 04 và Phụ lục số 07; tổng hợp kết quả thực hiện và báo cáo Chủ tịch UBND xã.'));

  // Phụ lục 01: heading paragraph before the table, "1." numbers, the lead merged down the three rows
  body.push(para(`Phụ lục số 01: ${pl(1).heading}`, { bold: true, center: true }));
  body.push(tbl([header(STANDARD), ...taskRows(tasks(1), { ordinal: (n) => `${n}.`, merge: ['lead'] })]));

  // Phụ lục 02: "PHỤ LỤC II" then its title; the table split across two pages, a row cut in two
  body.push(para('PHỤ LỤC II', { bold: true, center: true }), para(pl(2).heading!, { bold: true, center: true }), para(`(Kèm theo Kế hoạch số ${plan.plan.number})`, { center: true }));
  const t2 = tasks(2);
  const cutRow = t2[4];
  const [firstLine, ...restLines] = cutRow.coordinatorsText!.split('\n');
  const firstRows = taskRows(t2.slice(0, 4));
  firstRows.splice(3, 0, header(STANDARD, false)); // the header typed again on the next page
  body.push(tbl([
    header(STANDARD),
    ...firstRows,
    tr(STANDARD_ORDER.map((c) => ({ text: c === 'coordinators' ? firstLine : valueOf(cutRow, c, String(cutRow.ordinal)) }))),
  ]));
  body.push('<w:p/>');
  body.push(tbl([
    header(STANDARD),
    // the rest of row 5, with no TT cell (w:gridBefore)
    tr(STANDARD_ORDER.slice(1).map((c) => ({ text: c === 'coordinators' ? restLines.join('\n') : '' })), { gridBefore: 1 }),
    ...taskRows(t2.slice(5)),
  ]));

  // Phụ lục 03: the heading inside the table, in a first row merged across (w:gridSpan)
  body.push('<w:p/>');
  body.push(tbl([tr([{ text: `Phụ lục 3: ${pl(3).heading}`, span: 6, bold: true }]), header(STANDARD), ...taskRows(tasks(3))]));

  // Phụ lục 04: Roman row numbers, blank spacer rows, the lead merged where rows repeat it
  body.push(para(`Phụ lục số 04: ${pl(4).heading}`, { bold: true }));
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
  body.push(tbl([header(STANDARD), ...taskRows(tasks(4), { ordinal: (n) => roman[n - 1], merge: ['lead'], spacers: true })]));

  // Phụ lục 05: columns in another order
  const order5: Column[] = ['ordinal', 'content', 'deadline', 'lead', 'coordinators', 'products'];
  body.push(para(`Phụ lục 05 - ${pl(5).heading}`, { bold: true }));
  body.push(tbl([header(['TT', 'Nội dung thực hiện', 'Thời gian hoàn thành', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm/Kết quả']), ...taskRows(tasks(5), { order: order5, merge: ['lead'] })]));

  // Phụ lục 06: other wording, a row of column numbers under the titles
  body.push(para(`Phụ lục số 06: ${pl(6).heading}`, { bold: true }));
  body.push(tbl([
    header(['STT', 'Nội dung', 'Sản phẩm', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn hoàn thành']),
    tr(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'].map((text) => ({ text }))),
    ...taskRows(tasks(6)),
  ]));

  // Phụ lục 07: its own column names
  body.push(para(`Phụ lục số 07: ${pl(7).heading}`, { bold: true }));
  body.push(tbl([header(['TT', 'Nhiệm vụ cụ thể', 'Sản phẩm', 'Cơ quan thực hiện', 'Cơ quan phối hợp', 'Thời gian thực hiện']), ...taskRows(tasks(7))]));
  body.push(para('Nơi nhận:'), '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body.join('')}</w:body></w:document>`;
}

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOCM_MAIN = 'application/vnd.ms-word.document.macroEnabled.main+xml';

/** A Word package around a document.xml, optionally with macros (.docm) or extra parts. */
export function docxPackage(documentXml: string, o: { macro?: boolean; extra?: Record<string, Uint8Array> } = {}): Uint8Array {
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${o.macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : ''}<Override PartName="/word/document.xml" ContentType="${o.macro ? DOCM_MAIN : DOCX_MAIN}"/></Types>`;
  const rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  return zipSync({
    '[Content_Types].xml': strToU8(types),
    '_rels/.rels': strToU8(rels),
    'word/document.xml': strToU8(documentXml),
    ...(o.macro ? { 'word/vbaProject.bin': new Uint8Array([0xcc, 0x61, 0x01, 0x00, 0x00, 0x00]) } : {}),
    ...o.extra,
  });
}

export function demoDocx(): Uint8Array {
  return docxPackage(demoDocumentXml());
}

const PL_STYLES = ['01', '2', 'Phụ lục 03', 'PL4', 'pl 05', 'Phụ lục số 06', '07'];

/**
 * The plan as one Excel sheet: title rows, headers in abbreviated wording,
 * the Phụ lục written five ways, the lead cell merged down rows that share it.
 */
export async function demoXlsx(plan: PlanFile = DEMO, number = plan.plan.number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KH CCHC');
  ws.addRow(['ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN']);
  ws.addRow([`Số: ${number}`]);
  ws.addRow([plan.plan.title.toUpperCase()]);
  ws.addRow([plan.plan.decision]);
  ws.addRow([]);
  ws.addRow(['PL', 'STT', 'ND thực hiện', 'SP/KQ', 'CQ chủ trì', 'CQ phối hợp', 'TG hoàn thành']);
  for (const p of plan.phuLucs!) {
    const first = ws.rowCount + 1;
    for (const t of p.tasks ?? []) {
      ws.addRow([PL_STYLES[p.number - 1], t.ordinal ?? null, t.content, productsText(t.products), t.leadText, t.coordinatorsText, t.deadlineText]);
    }
    // merge runs of equal leads (the value stays in the top cell only, as Excel keeps it)
    const tasks = p.tasks ?? [];
    let start = 0;
    for (let i = 1; i <= tasks.length; i++) {
      if (i === tasks.length || tasks[i].leadText !== tasks[start].leadText) {
        if (i - start > 1) {
          for (let k = start + 1; k < i; k++) ws.getCell(first + k, 5).value = null;
          ws.mergeCells(first + start, 5, first + i - 1, 5);
        }
        start = i;
      }
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The plan as CSV the way Excel saves "CSV UTF-8" with a ";" separator: BOM, quoted multi-line cells. */
export function demoCsv(plan: PlanFile = DEMO): Uint8Array {
  const q = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [[`Số: ${plan.plan.number}`], [plan.plan.title], ['Phụ lục', 'TT', 'Nội dung thực hiện', 'Sản phẩm/Kết quả', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']];
  for (const p of plan.phuLucs!) {
    for (const t of p.tasks ?? []) lines.push([`Phụ lục ${String(p.number).padStart(2, '0')}`, String(t.ordinal), t.content, productsText(t.products), t.leadText ?? '', t.coordinatorsText ?? '', t.deadlineText ?? '']);
  }
  return strToU8(`\uFEFF${lines.map((l) => l.map(q).join(';')).join('\r\n')}\r\n`);
}

/**
 * A compound file (the container of Word 97–2003 and of password-protected
 * Office files) holding the EncryptionInfo and EncryptedPackage streams, as
 * Office writes a .docx or .xlsx saved with a password: header, one FAT
 * sector, one directory sector, one data sector.
 */
export function encryptedOfficeFile(): Uint8Array {
  const SECTOR = 512;
  const out = new Uint8Array(SECTOR * 4);
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true); v.setUint16(0x1a, 3, true); v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true); v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true); // FAT sectors
  v.setUint32(0x30, 1, true); // first directory sector
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, 0xfffffffe, true); v.setUint32(0x44, 0xfffffffe, true);
  v.setUint32(0x4c, 0, true); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) v.setUint32(0x4c + i * 4, 0xffffffff, true);
  const fat = SECTOR; // sector 0
  for (let i = 0; i < 128; i++) v.setUint32(fat + i * 4, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true); v.setUint32(fat + 4, 0xfffffffe, true); v.setUint32(fat + 8, 0xfffffffe, true);
  const dir = SECTOR * 2; // sector 1
  const entry = (i: number, name: string, type: number, o: { child?: number; right?: number; start?: number; size?: number } = {}) => {
    const at = dir + i * 128;
    const units = Buffer.from(`${name}\0`, 'utf16le');
    out.set(units, at);
    v.setUint16(at + 0x40, units.length, true);
    out[at + 0x42] = type; out[at + 0x43] = 1;
    v.setUint32(at + 0x44, 0xffffffff, true); v.setUint32(at + 0x48, o.right ?? 0xffffffff, true); v.setUint32(at + 0x4c, o.child ?? 0xffffffff, true);
    v.setUint32(at + 0x74, o.start ?? 0xfffffffe, true); v.setUint32(at + 0x78, o.size ?? 0, true);
  };
  entry(0, 'Root Entry', 5, { child: 1 });
  entry(1, 'EncryptionInfo', 2, { right: 2, start: 2, size: 8 });
  entry(2, 'EncryptedPackage', 2, { start: 2, size: 8 });
  return out;
}

/**
 * A zip bomb posing as a Word file: "word/document.xml" inflates to `megabytes`
 * of zeros while its headers claim 1 KB. Deflated natively (Node's zlib), so
 * making it takes a fraction of a second.
 */
export function zipBomb(megabytes = 110): Uint8Array {
  const parts: [string, Buffer, number][] = [
    ['[Content_Types].xml', deflateRawSync(Buffer.from('<Types/>')), 8],
    ['word/document.xml', deflateRawSync(Buffer.alloc(megabytes * 1024 * 1024), { level: 1 }), 1024],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data, claimed] of parts) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(claimed, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(claimed, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
