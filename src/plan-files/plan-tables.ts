/**
 * Finds a plan's Phụ lục tables in what a reader produced (a Word body, a
 * sheet), however the document arranged them, and reads the plan's header
 * from the text before them. Pure: blocks in, a ParsedPlan out.
 */
import { foldVietnamese } from '../common/vietnamese-text.js';
import type { DocBlock, DocRow } from './docx-reader.js';
import { FILE_MESSAGES, PlanFileError } from './plan-file-error.js';

export type ColumnRole = 'phuLuc' | 'ordinal' | 'content' | 'products' | 'lead' | 'coordinators' | 'deadline';
export type PlanFileFormat = 'docx' | 'doc' | 'xlsx' | 'csv';

export interface ParsedColumn { header: string; role: ColumnRole | null }

/** A task row with every cell as written. `table` and `row` count from 1, as a person counts them. */
export interface ParsedRow {
  table: number;
  row: number;
  ordinalText: string;
  content: string;
  productsText: string;
  leadText: string;
  coordinatorsText: string;
  deadlineText: string;
}

export interface ParsedPhuLuc {
  number: number;
  /** The table's title as the document writes it, without "Phụ lục số 01:". */
  heading: string | null;
  columns: ParsedColumn[];
  rows: ParsedRow[];
}

export interface ParsedHeader {
  unitName: string | null;
  number: string | null;
  title: string | null;
  year: number | null;
  decision: string | null;
}

export interface ParsedPlan {
  format: PlanFileFormat;
  header: ParsedHeader;
  phuLucs: ParsedPhuLuc[];
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bnd\b/g, 'noi dung'], [/\btg\b/g, 'thoi gian'], [/\bcq\b/g, 'co quan'], [/\bdv\b/g, 'don vi'],
  [/\bsp\b/g, 'san pham'], [/\bkq\b/g, 'ket qua'], [/\bnv\b/g, 'nhiem vu'], [/\bht\b/g, 'hoan thanh'],
];

/** The role of a column from its header text, matched loosely (case, diacritics, spacing, abbreviations). */
export function columnRole(header: string): ColumnRole | null {
  let h = foldVietnamese(header).replace(/\//g, ' ');
  for (const [re, to] of ABBREVIATIONS) h = h.replace(re, to);
  h = h.replace(/\s+/g, ' ').trim();
  if (h === '') return null;
  if (/^(s ?tt|tt|so tt|so thu tu|thu tu)$/.test(h)) return 'ordinal';
  if (/^(phu luc|pl)( so)?$/.test(h)) return 'phuLuc';
  if (h.includes('phoi hop')) return 'coordinators';
  if (/thoi (gian|han)|han hoan thanh|^han$|tien do/.test(h)) return 'deadline';
  if (h.includes('chu tri') || h.includes('trach nhiem') || (/(co quan|don vi|bo phan|nguoi)/.test(h) && h.includes('thuc hien'))) return 'lead';
  if (/noi dung|nhiem vu|cong viec|hoat dong/.test(h)) return 'content';
  if (/san pham|ket qua/.test(h)) return 'products';
  return null;
}

function roles(cells: string[]): (ColumnRole | null)[] {
  return cells.map((c) => (c.length > 200 ? null : columnRole(c)));
}

/**
 * A row of column titles: short cells naming at least three different plan
 * columns, among them the content and the deadline, the lead or the products.
 * A task row can name one or two by chance ("Nhiệm vụ …", "Báo cáo kết quả"),
 * and has a row number, which titles do not.
 */
export function isHeaderRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.some((c) => c.length > 80 || ordinalValue(c) !== null)) return false;
  const found = new Set(roles(cells).filter((r): r is ColumnRole => r !== null));
  return found.size >= 3 && found.has('content') && (found.has('deadline') || found.has('lead') || found.has('products'));
}

/** "(1) (2) (3) …" or "1 2 3 …" under the titles: the columns' numbers, not a task. */
function isColumnNumbers(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length >= 3 && filled.every((c, i) => c.trim().replace(/[()]/g, '') === String(i + 1));
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };

export function romanValue(text: string): number | null {
  const s = text.toLowerCase();
  if (!/^[ivx]{1,6}$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]], next = ROMAN[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

/** "01", "1", "I", "Phụ lục 02", "PL5", "Phụ lục số 03" → the number; null otherwise. */
export function phuLucNumber(text: string): number | null {
  const t = text.normalize('NFC').trim().replace(/[.:]$/, '');
  const m = /^(?:ph[ụu]\s*l[ụu]c\s*(?:s[ốo]\s*)?|pl\s*)?(\d{1,2}|[ivx]{1,6})$/iu.exec(t);
  if (!m) return null;
  return /^\d+$/.test(m[1]) ? Number(m[1]) : romanValue(m[1]);
}

const HEADING = /^\s*ph[ụu]\s*l[ụu]c\s*(?:s[ốo]\s*)?(\d{1,2}|[ivx]{1,6})(?![\p{L}\d])(?:\s*$|\s*[:.\-–—]\s*(.*)$|\s+(?=\p{Lu})(.*)$)/isu;

/** "Phụ lục số 01: Các nhiệm vụ …", "PHỤ LỤC I", "Phụ lục 1": the number and the rest of the line. */
export function annexHeading(text: string): { number: number; rest: string } | null {
  const m = HEADING.exec(text.normalize('NFC'));
  if (!m) return null;
  const number = /^\d+$/.test(m[1]) ? Number(m[1]) : romanValue(m[1]);
  if (number === null) return null;
  return { number, rest: (m[2] ?? m[3] ?? '').replace(/\s+/g, ' ').trim() };
}

/** "1.", "1", "I", "1)" → 1; anything else null. */
export function ordinalValue(text: string): number | null {
  const t = text.trim().replace(/[.)]$/, '').trim();
  if (/^\d{1,3}$/.test(t)) return Number(t);
  return romanValue(t);
}

interface Heading { number: number; heading: string | null }

/** The last annex heading among the paragraphs since the previous table, and its title line. */
function headingIn(paragraphs: string[]): Heading | null {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const h = annexHeading(paragraphs[i]);
    if (!h) continue;
    if (h.rest) return { number: h.number, heading: h.rest };
    const next = paragraphs.slice(i + 1).map((p) => p.trim()).find((p) => p !== '' && !p.startsWith('('));
    return { number: h.number, heading: next ? next.replace(/\s+/g, ' ') : null };
  }
  return null;
}

/** A row with one filled cell naming the annex: the heading written inside the table. */
function headingRow(cells: string[]): Heading | null {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length !== 1) return null;
  const [first, ...more] = filled[0].split('\n');
  const h = annexHeading(first);
  if (!h) return null;
  const heading = h.rest || more.map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('(')) || null;
  return { number: h.number, heading };
}

function rowOf(cells: string[], columns: (ColumnRole | null)[], table: number, row: number): ParsedRow & { phuLucText: string } {
  const get = (role: ColumnRole) => {
    const i = columns.indexOf(role);
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
  return {
    table, row, ordinalText: get('ordinal'), content: get('content'), productsText: get('products'),
    leadText: get('lead'), coordinatorsText: get('coordinators'), deadlineText: get('deadline'), phuLucText: get('phuLuc'),
  };
}

const TEXT_FIELDS = ['content', 'productsText', 'leadText', 'coordinatorsText', 'deadlineText'] as const;

/** A row cut at a page break and continued in the next table: its pieces go back together as lines. */
function appendPiece(target: ParsedRow, piece: ParsedRow): void {
  for (const f of TEXT_FIELDS) {
    if (piece[f] && piece[f] !== target[f]) target[f] = target[f] ? `${target[f]}\n${piece[f]}` : piece[f];
  }
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

class Collector {
  readonly phuLucs = new Map<number, ParsedPhuLuc>();
  phuLuc(h: Heading, columns: ParsedColumn[]): ParsedPhuLuc {
    let p = this.phuLucs.get(h.number);
    if (!p) {
      p = { number: h.number, heading: h.heading, columns, rows: [] };
      this.phuLucs.set(h.number, p);
    } else if (!p.heading && h.heading) {
      p.heading = h.heading;
    }
    return p;
  }
}

/**
 * The Phụ lục tables of a Word body. A table is a Phụ lục when an annex
 * heading comes before it (since the previous table) or in its first row; a
 * table with neither, right after a Phụ lục, continues it (a table split
 * across pages). Tables before the first Phụ lục give the header's text.
 */
export function planFromBlocks(blocks: DocBlock[], format: PlanFileFormat): ParsedPlan {
  const collector = new Collector();
  const headerLines: string[] = [];
  let paragraphs: string[] = [];
  let current: { phuLuc: ParsedPhuLuc; columns: (ColumnRole | null)[] } | null = null;
  let tableNo = 0;
  for (const block of blocks) {
    if (block.kind === 'p') {
      paragraphs.push(block.text);
      if (collector.phuLucs.size === 0) headerLines.push(...block.text.split('\n'));
      continue;
    }
    tableNo++;
    const rows = block.rows;
    let r = 0;
    while (r < rows.length && isBlank(rows[r].cells)) r++;
    let heading = headingIn(paragraphs);
    paragraphs = [];
    if (!heading && r < rows.length) {
      heading = headingRow(rows[r].cells);
      if (heading) r++;
    }
    let columns: (ColumnRole | null)[] | null = null;
    let headerCells: string[] = [];
    for (let k = r; k < Math.min(rows.length, r + 3); k++) {
      if (isHeaderRow(rows[k].cells)) {
        columns = roles(rows[k].cells);
        headerCells = rows[k].cells;
        r = k + 1;
        break;
      }
    }
    let continuing = false;
    if (heading) {
      columns ??= current && collector.phuLucs.get(heading.number) === current.phuLuc ? current.columns : null;
      if (!columns) continue;
      const phuLuc = collector.phuLuc(heading, headerCells.map((h, i) => ({ header: h, role: columns![i] })));
      continuing = current?.phuLuc === phuLuc;
      current = { phuLuc, columns };
    } else if (current && (columns || rows[r]?.cells.length === current.columns.length)) {
      continuing = true;
      if (columns) current.columns = columns;
    } else {
      if (collector.phuLucs.size === 0) for (const row of rows) for (const c of row.cells) headerLines.push(...c.split('\n'));
      continue;
    }
    readRows(rows, r, tableNo, current, continuing);
  }
  if (collector.phuLucs.size === 0) throw new PlanFileError('no_table', FILE_MESSAGES.noTable);
  return {
    format,
    header: planHeader(headerLines),
    phuLucs: [...collector.phuLucs.values()].sort((a, b) => a.number - b.number),
  };
}

function readRows(rows: DocRow[], from: number, tableNo: number, current: { phuLuc: ParsedPhuLuc; columns: (ColumnRole | null)[] }, continuing: boolean): void {
  let first = true;
  for (let k = from; k < rows.length; k++) {
    const { cells, inherited, repeatsAsHeader } = rows[k];
    // a spacer row under a merged lead shows only the merged cell: still a spacer
    if (isBlank(cells.map((c, i) => (inherited[i] ? '' : c))) || isColumnNumbers(cells) || isHeaderRow(cells) || (repeatsAsHeader && k < 3)) continue;
    const row = rowOf(cells, current.columns, tableNo, k + 1);
    const previous = current.phuLuc.rows.at(-1);
    if (first && continuing && previous && row.ordinalText === '') appendPiece(previous, row);
    else {
      const { phuLucText: _p, ...rest } = row;
      current.phuLuc.rows.push(rest);
    }
    first = false;
  }
}

/**
 * One sheet (an .xlsx sheet, a CSV file): the plan's header may sit in the
 * rows above the column titles; the Phụ lục of a row comes from its Phụ lục
 * column ("01", "1", "Phụ lục 02", "PL5") or from the last annex heading row.
 */
export function planFromSheet(grid: string[][], format: PlanFileFormat): ParsedPlan {
  const headerAt = grid.findIndex((cells, i) => i < 30 && isHeaderRow(cells));
  if (headerAt < 0) throw new PlanFileError('no_table', FILE_MESSAGES.noTable);
  const headerCells = grid[headerAt];
  const columns = roles(headerCells);
  const parsedColumns = headerCells.map((h, i) => ({ header: h, role: columns[i] }));
  const collector = new Collector();
  const headerLines = grid.slice(0, headerAt).flatMap((cells) => cells.flatMap((c) => c.split('\n')));
  let currentHeading: Heading | null = null;
  for (let k = headerAt + 1; k < grid.length; k++) {
    const cells = grid[k];
    if (isBlank(cells) || isColumnNumbers(cells) || isHeaderRow(cells)) continue;
    const h = headingRow(cells);
    if (h) { currentHeading = h; collector.phuLuc(h, parsedColumns); continue; }
    const row = rowOf(cells, columns, 1, k + 1);
    const number = columns.includes('phuLuc') && row.phuLucText !== '' ? phuLucNumber(row.phuLucText) : currentHeading?.number ?? null;
    const { phuLucText, ...rest } = row;
    if (number === null) {
      throw new PlanFileError('no_table', `Dòng ${k + 1}: không đọc được số Phụ lục “${phuLucText}” (ghi 01, 1, “Phụ lục 02” hoặc PL5).`);
    }
    const heading = currentHeading?.number === number ? currentHeading : { number, heading: null };
    collector.phuLuc(heading, parsedColumns).rows.push(rest);
  }
  if (collector.phuLucs.size === 0) throw new PlanFileError('no_table', FILE_MESSAGES.noTable);
  return { format, header: planHeader(headerLines), phuLucs: [...collector.phuLucs.values()].sort((a, b) => a.number - b.number) };
}

/** "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023" → "Kế hoạch cải cách hành chính năm 2023"; mixed case is kept. */
function sentenceCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The plan's unit, number, title, year and decision from the lines before its tables. */
export function planHeader(lines: string[]): ParsedHeader {
  // trimmed, not collapsed: the decision keeps its blanks ("Quyết định số     /QĐ-UBND")
  const text = lines.map((l) => l.trim()).filter((l) => l !== '');
  const folded = text.map(foldVietnamese);
  let unitName: string | null = null;
  const u = folded.findIndex((f) => f === 'uy ban nhan dan' || f === 'ubnd' || /^(uy ban nhan dan|ubnd) (xa|phuong|thi tran)\b/.test(f));
  // "ỦY BAN NHÂN DÂN" on one line, "XÃ HOẰNG TIẾN" on the next
  if (u >= 0) unitName = (folded[u] === 'uy ban nhan dan' || folded[u] === 'ubnd') && text[u + 1] ? `${text[u]} ${text[u + 1]}` : text[u];
  let number: string | null = null;
  for (const l of text) {
    const m = /^s[ốo]\s*(?:k[ýy]\s*hi[ệe]u\s*)?:?\s*(\S*\d\S*\/\S+)/iu.exec(l);
    if (m) { number = m[1].replace(/[.,;]$/, ''); break; }
  }
  let title: string | null = null;
  const t = folded.findIndex((f) => f.startsWith('ke hoach') && !/^ke hoach so\b/.test(f));
  if (t >= 0) title = sentenceCase(folded[t] === 'ke hoach' && text[t + 1] ? `${text[t]} ${text[t + 1]}` : text[t]);
  let decision: string | null = null;
  const d = text.findIndex((l) => /^\(\s*ban hành kèm theo/iu.test(l));
  if (d >= 0) {
    const parts = [text[d]];
    for (let k = d + 1; k < text.length && !parts.at(-1)!.includes(')'); k++) parts.push(text[k]);
    decision = parts.join(' ');
  }
  const yearOf = (s: string | null) => {
    const m = s ? /năm\s*(\d{4})\b/iu.exec(s) : null;
    return m ? Number(m[1]) : null;
  };
  let year = yearOf(title);
  if (year === null) for (const l of text) if ((year = /tháng\s*\d{1,2}\s*năm\s*(\d{4})/iu.exec(l) ? Number(/tháng\s*\d{1,2}\s*năm\s*(\d{4})/iu.exec(l)![1]) : null) !== null) break;
  return { unitName, number, title, year, decision };
}
