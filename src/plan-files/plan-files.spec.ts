import { strToU8, zipSync } from 'fflate';
import { convertDocToDocx } from './doc-converter.js';
import { parseCsv } from './csv.js';
import { readDocumentXml } from './docx-reader.js';
import { PlanFileError } from './plan-file-error.js';
import { annexHeading, columnRole, isHeaderRow, ordinalValue, phuLucNumber, planFromBlocks, planFromSheet, planHeader } from './plan-tables.js';
import { buildPreview, splitProducts } from './preview.js';
import { detectKind, openPackage } from './read-plan-file.js';
import { readZip } from './zip-reader.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${r}</w:t></w:r>`).join('')}</w:p>`;
const tc = (body: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${body || '<w:p/>'}</w:tc>`;
const tr = (cells: string[], pr = '') => `<w:tr><w:trPr>${pr}</w:trPr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl>${rows.join('')}</w:tbl>`;
const HEAD = tr(['TT', 'Nội dung thực hiện', 'Sản phẩm/Kết quả', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'].map((h) => tc(p(h))), '<w:tblHeader/>');
const row = (cells: string[]) => tr(cells.map((c) => tc(c.split('\n').map((l) => p(l)).join(''))));

function failure(fn: () => unknown): PlanFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanFileError) return e;
    throw e;
  }
  throw new Error('did not fail');
}

describe('reading a Word body', () => {
  it('joins runs split mid-word, keeps a cell\'s paragraphs as lines, leaves deleted text out', () => {
    const [t] = readDocumentXml(doc(tbl(tr([tc(p('Quý', ' I', 'V/20', '23') + '<w:p><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del><w:r><w:t>- Báo cáo</w:t></w:r></w:p>')])))) as any[];
    expect(t.rows[0].cells).toEqual(['Quý IV/2023\n- Báo cáo']);
  });

  it('gives a cell merged down its text in every row it spans, and places cells after w:gridBefore and w:gridSpan', () => {
    const [t] = readDocumentXml(doc(tbl(
      tr([tc(p('1')), tc(p('A'), '<w:vMerge w:val="restart"/>'), tc(p('x'))]),
      tr([tc(p('2')), tc('', '<w:vMerge/>'), tc(p('y'))]),
      tr([tc(p('z'), '<w:gridSpan w:val="2"/>')], '<w:gridBefore w:val="1"/>'),
    ))) as any[];
    expect(t.rows.map((r: any) => r.cells)).toEqual([['1', 'A', 'x'], ['2', 'A', 'y'], ['', 'z', '']]);
    expect(t.rows[1].inherited).toEqual([false, true, false]);
  });

  it('refuses a DOCTYPE before parsing anything', () => {
    expect(failure(() => readDocumentXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')).problem).toBe('xml_entities');
  });
});

describe('finding the Phụ lục tables', () => {
  it.each([
    ['Phụ lục số 01: Các nhiệm vụ trọng tâm', 1, 'Các nhiệm vụ trọng tâm'],
    ['PHỤ LỤC I', 1, ''],
    ['Phụ lục 1', 1, ''],
    ['Phụ lục số 07 - Công tác chỉ đạo', 7, 'Công tác chỉ đạo'],
    ['PHỤ LỤC IV Cải cách chế độ công vụ', 4, 'Cải cách chế độ công vụ'],
  ])('reads the annex heading %j', (text, number, rest) => {
    expect(annexHeading(text)).toEqual({ number, rest });
  });

  it.each(['Phụ lục số 03, Phụ lục số 04 và Phụ lục số 07; tổng hợp', 'Phụ lục kèm theo', 'theo Phụ lục số 02'])('does not take %j for a heading', (text) => {
    expect(annexHeading(text)).toBeNull();
  });

  it.each([['1.', 1], ['1', 1], ['I', 1], ['IV', 4], ['12)', 12], ['a', null], ['', null]])('row number %j → %j', (text, n) => {
    expect(ordinalValue(text as string)).toBe(n);
  });

  it.each([['01', 1], ['1', 1], ['Phụ lục 02', 2], ['PL5', 5], ['pl 05', 5], ['Phụ lục số 06', 6], ['VII', 7], ['abc', null]])('Phụ lục written %j → %j', (text, n) => {
    expect(phuLucNumber(text as string)).toBe(n);
  });

  it.each([
    ['Nội dung thực hiện', 'content'], ['Nhiệm vụ cụ thể', 'content'], ['ND thực hiện', 'content'],
    ['Sản phẩm/Kết quả', 'products'], ['SP/KQ', 'products'], ['Cơ quan chủ trì', 'lead'], ['CQ chủ trì', 'lead'],
    ['Cơ quan thực hiện', 'lead'], ['Đơn vị phối hợp', 'coordinators'], ['Thời gian hoàn thành', 'deadline'],
    ['Thời gian thực hiện', 'deadline'], ['TG hoàn thành', 'deadline'], ['STT', 'ordinal'], ['Phụ lục', 'phuLuc'], ['Ghi chú', null],
  ])('column %j is %j', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });

  it('takes a task row that names columns by chance for a task, not for titles', () => {
    expect(isHeaderRow(['1', 'Thực hiện nhiệm vụ', 'Báo cáo kết quả', 'Cơ quan chủ trì', '', 'Quý I/2023'])).toBe(false);
    expect(isHeaderRow(['TT', 'Nội dung', 'Sản phẩm', 'Chủ trì', 'Phối hợp', 'Thời hạn'])).toBe(true);
  });

  it('joins a table split across pages, skips repeated titles, spacer and column-number rows, keeps the cut row whole', () => {
    const plan = planFromBlocks(readDocumentXml(doc(
      p('ỦY BAN NHÂN DÂN') + p('XÃ HOẰNG TIẾN') + p('Số: 08/KH-UBND') + p('KẾ HOẠCH') + p('Cải cách hành chính năm 2023')
      + p('Phụ lục số 02: Thủ tục hành chính')
      + tbl(HEAD, row(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']), row(['1.', 'Việc một', '- Kế hoạch;\n- Báo cáo.', 'Văn phòng', 'UBND xã', 'Quý I/2023']), row(['', '', '', '', '', '']), HEAD,
        row(['2.', 'Việc hai', 'Báo cáo', 'Tư pháp', 'Văn phòng;', 'Tháng 3/2023']))
      + p('')
      + tbl(HEAD, tr(['', '', '', '', 'Các cơ quan liên quan.', ''].slice(1).map((c) => tc(c ? p(c) : '')), '<w:gridBefore w:val="1"/>'), row(['3', 'Việc ba', '', 'Tư pháp', '', 'Quý IV/2023'])),
    )), 'docx');
    expect(plan.header).toMatchObject({ unitName: 'ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN', number: '08/KH-UBND', title: 'KẾ HOẠCH Cải cách hành chính năm 2023', year: 2023 });
    expect(plan.phuLucs).toHaveLength(1);
    const [pl] = plan.phuLucs;
    expect(pl).toMatchObject({ number: 2, heading: 'Thủ tục hành chính' });
    expect(pl.rows.map((r) => [r.table, r.row, r.ordinalText, r.content, r.coordinatorsText])).toEqual([
      [1, 3, '1.', 'Việc một', 'UBND xã'],
      [1, 6, '2.', 'Việc hai', 'Văn phòng;\nCác cơ quan liên quan.'],
      [2, 3, '3', 'Việc ba', ''],
    ]);
  });

  it('reads the heading written in the table\'s first row, and columns in another order', () => {
    const plan = planFromBlocks(readDocumentXml(doc(tbl(
      tr([tc(p('PHỤ LỤC III') + p('Tổ chức bộ máy'), '<w:gridSpan w:val="4"/>')]),
      tr(['STT', 'Thời hạn', 'Nội dung', 'Chủ trì'].map((h) => tc(p(h)))),
      row(['I', 'Quý II/2023', 'Rà soát', 'Văn phòng']),
    ))), 'docx');
    expect(plan.phuLucs[0]).toMatchObject({ number: 3, heading: 'Tổ chức bộ máy' });
    expect(plan.phuLucs[0].rows[0]).toMatchObject({ ordinalText: 'I', content: 'Rà soát', deadlineText: 'Quý II/2023', leadText: 'Văn phòng' });
  });

  it('has no plan when no table is a Phụ lục', () => {
    expect(failure(() => planFromBlocks(readDocumentXml(doc(p('Kế hoạch') + tbl(row(['a', 'b'])))), 'docx')).problem).toBe('no_table');
  });

  it('reads the header lines of a plan', () => {
    expect(planHeader(['UBND XÃ HOẰNG TIẾN', 'Số:  12/KH-UBND', 'KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024', '(Ban hành kèm theo Quyết định số 5/QĐ-UBND', 'của Chủ tịch UBND xã)'])).toEqual({
      unitName: 'UBND XÃ HOẰNG TIẾN', number: '12/KH-UBND', title: 'Kế hoạch cải cách hành chính năm 2024', year: 2024,
      decision: '(Ban hành kèm theo Quyết định số 5/QĐ-UBND của Chủ tịch UBND xã)',
    });
  });
});

describe('reading a sheet', () => {
  it('groups rows by their Phụ lục column, or by the last annex heading row', () => {
    const plan = planFromSheet([
      ['Số: 3/KH-UBND'], [],
      ['Phụ lục', 'TT', 'Nội dung', 'Chủ trì', 'Thời gian'],
      ['PL2', '1', 'Hai một', 'Văn phòng', 'Quý I/2023'],
      ['01', '1', 'Một một', 'Tư pháp', 'Tháng 5/2023'],
      ['', '', '', '', ''],
      ['Phụ lục số 04: Công vụ', '', '', '', ''],
      ['', '1', 'Bốn một', 'UBND xã', 'Năm 2023'],
    ], 'xlsx');
    expect(plan.phuLucs.map((x) => [x.number, x.heading, x.rows.map((r) => [r.row, r.content])])).toEqual([
      [1, null, [[5, 'Một một']]], [2, null, [[4, 'Hai một']]], [4, 'Công vụ', [[8, 'Bốn một']]],
    ]);
  });

  it('names the row whose Phụ lục cannot be read', () => {
    expect(failure(() => planFromSheet([['Phụ lục', 'TT', 'Nội dung', 'Chủ trì', 'Thời gian'], ['Tám mươi', '1', 'x', 'y', 'z']], 'csv')).message).toContain('Dòng 2');
  });

  it('parses CSV: quotes, doubled quotes, line breaks in cells, ";" as Excel writes it', () => {
    expect(parseCsv(strToU8('\uFEFFa;b\r\n"x;1";"dòng 1\r\ndòng ""2"""\r\n'))).toEqual([['a', 'b'], ['x;1', 'dòng 1\ndòng "2"']]);
    expect(parseCsv(strToU8('a,b\n1,2'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(failure(() => parseCsv(new Uint8Array([0x50, 0x68, 0xe1, 0x0a]))).problem).toBe('encoding');
  });
});

describe('the package', () => {
  const types = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

  it('stops inflating once the package passes its limit, whatever the sizes it declares', () => {
    const bomb = zipSync({ '[Content_Types].xml': types, 'word/document.xml': new Uint8Array(5 * 1024 * 1024) }, { level: 1 });
    expect(bomb.length).toBeLessThan(20_000);
    expect(failure(() => readZip(bomb, { maxTotalBytes: 1024 * 1024, maxEntries: 10 })).problem).toBe('zip_bomb');
    expect(readZip(bomb, { maxTotalBytes: 6 * 1024 * 1024, maxEntries: 10 }).get('word/document.xml')!.length).toBe(5 * 1024 * 1024);
  });

  it('refuses too many entries, encrypted entries and a broken archive', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.xml`, types])));
    expect(failure(() => readZip(many, { maxTotalBytes: 1e9, maxEntries: 10 })).problem).toBe('zip_bomb');
    const zip = zipSync({ '[Content_Types].xml': types });
    const encrypted = zip.slice();
    // the general-purpose flag of both the local and the central header: bit 0, encrypted
    encrypted[6] |= 1;
    encrypted[encrypted.length - 22 - 46 - '[Content_Types].xml'.length + 8] |= 1;
    expect(failure(() => readZip(encrypted)).problem).toBe('encrypted');
    expect(failure(() => readZip(zip.subarray(0, zip.length - 30))).problem).toBe('corrupt');
  });

  it('refuses macros by their part or their content type, and a DOCTYPE in any part', () => {
    const docm = zipSync({ '[Content_Types].xml': strToU8('<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'), 'word/document.xml': strToU8(doc('')) });
    expect(failure(() => openPackage(docm)).problem).toBe('macro');
    const vba = zipSync({ '[Content_Types].xml': types, 'word/document.xml': strToU8(doc('')), 'word/vbaProject.bin': new Uint8Array(4) });
    expect(failure(() => openPackage(vba)).problem).toBe('macro');
    const xxe = zipSync({ '[Content_Types].xml': types, 'word/document.xml': strToU8(doc('')), 'word/_rels/document.xml.rels': strToU8('<!DOCTYPE r SYSTEM "http://x/">') });
    expect(failure(() => openPackage(xxe)).problem).toBe('xml_entities');
  });

  it('knows a file by its bytes, not its name', () => {
    expect(failure(() => detectKind(strToU8('%PDF-1.7'), 'ke-hoach.docx')).problem).toBe('type');
    expect(detectKind(strToU8('a;b'), 'ke-hoach.csv')).toBe('csv');
    const cfb = new Uint8Array(1024);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cfb.set(Buffer.from('WordDocument', 'utf16le'), 600);
    expect(detectKind(cfb, 'x.doc')).toBe('doc');
    cfb.set(Buffer.from('EncryptedPackage', 'utf16le'), 700);
    expect(failure(() => detectKind(cfb, 'x.docx')).problem).toBe('encrypted');
  });
});

describe('converting .doc', () => {
  it('without LibreOffice, says to save the file as .docx', async () => {
    await expect(convertDocToDocx(new Uint8Array(10), { soffice: '/nonexistent/soffice', timeoutMs: 5000 })).rejects.toMatchObject({ problem: 'doc_unsupported' });
  });
});

describe('the preview', () => {
  const officials = [{ id: 7, fullName: 'Hoàng Văn Dũng', position: 'Công chức Tư pháp – Hộ tịch', active: true }];
  const parsed = planFromSheet([
    ['Số: 1/KH-UBND'], ['Kế hoạch CCHC năm 2023'],
    ['Phụ lục', 'TT', 'Nội dung', 'Sản phẩm', 'Chủ trì', 'Thời gian'],
    ['1', '1', 'Rà soát văn bản', '- Kế hoạch;\n- Báo cáo', 'Công chức Tư pháp', 'Quý II/2023'],
    ['1', '2', '', '', 'UBND xã', 'Theo hướng dẫn của huyện'],
    ['1', '', 'Rà soát  văn bản', '', 'Phòng Nội vụ', 'Tháng 5'],
  ], 'xlsx');

  it('lists every problem with its place, and maps the leads', () => {
    const preview = buildPreview(parsed, { officials });
    expect(preview.canSave).toBe(false);
    expect(preview.phuLucs[0].tasks[0]).toMatchObject({ ordinal: 1, products: ['Kế hoạch', 'Báo cáo'], lead: { officialId: 7, officialName: 'Hoàng Văn Dũng' }, deadline: { dueDates: ['2023-06-30'] } });
    expect(preview.phuLucs[0].tasks[2]).toMatchObject({ ordinal: 3, deadline: { dueDates: ['2023-05-31'] } });
    expect(preview.problems.map((x) => [x.code, x.severity, x.row, x.column])).toEqual([
      ['empty_content', 'error', 5, 'Nội dung'],
      ['deadline_review', 'warning', 5, 'Thời gian'],
      ['lead_nobody', 'warning', 5, 'Chủ trì'],
      ['ordinal_missing', 'warning', 6, 'TT'],
      ['duplicate_row', 'warning', 6, 'Nội dung'],
      ['lead_nobody', 'warning', 6, 'Chủ trì'],
    ]);
  });

  it('applies corrections: a dropped row, a changed cell, the header', () => {
    const preview = buildPreview(parsed, {
      officials,
      corrections: [{ key: 'b1-5', drop: true }, { key: 'b1-6', field: 'content', value: 'Tuyên truyền' }],
      header: { number: '2/KH-UBND' },
    });
    expect(preview.canSave).toBe(true);
    expect(preview.header.number).toBe('2/KH-UBND');
    expect(preview.phuLucs[0].tasks.map((x) => [x.ordinal, x.content])).toEqual([[1, 'Rà soát văn bản'], [2, 'Tuyên truyền']]);
    expect(buildPreview(parsed, { officials, corrections: [{ key: 'b9-9', drop: true }] }).problems[0]).toMatchObject({ code: 'unknown_row', severity: 'error' });
  });

  it('needs a year: the document\'s or the one given', () => {
    const noYear = { ...parsed, header: { ...parsed.header, year: null } };
    expect(buildPreview(noYear, { officials }).problems[0]).toMatchObject({ code: 'no_year', severity: 'error' });
    expect(buildPreview(noYear, { officials, year: 2024 }).header.year).toBe(2024);
  });

  it.each([
    ['- Kế hoạch;\n- Báo cáo kết quả thực hiện.', ['Kế hoạch', 'Báo cáo kết quả thực hiện']],
    ['- Kế hoạch; - Báo cáo.', ['Kế hoạch', 'Báo cáo']],
    ['- Báo cáo tổng hợp\nchỉ số CCHC', ['Báo cáo tổng hợp chỉ số CCHC']],
    ['Quyết định\nBáo cáo', ['Quyết định', 'Báo cáo']],
    ['', []],
  ])('products %j', (text, items) => {
    expect(splitProducts(text)).toEqual(items);
  });
});
