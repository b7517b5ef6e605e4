/**
 * What an imported file would create, checked before anything is saved: each
 * Phụ lục and task with every column as written, how each deadline is
 * understood, which official each lead maps to, and every problem with its
 * place in the file. Pure: the parsed file, the unit's officials and the
 * person's corrections in, the preview out.
 */
import { foldVietnamese } from '../common/vietnamese-text.js';
import { parseDeadline, Schedule } from '../deadlines/parse-deadline.js';
import { PHU_LUC_AREAS } from '../plans/phu-luc-areas.js';
import { LEAD_MATCH_REASONS, matchLead } from '../tasks/assignment/match-lead.js';
import { ordinalValue, ParsedPlan, ParsedRow } from './plan-tables.js';

export interface ImportOfficial { id: number; fullName: string; position: string; active: boolean }

export type RowField = 'ordinalText' | 'content' | 'productsText' | 'leadText' | 'coordinatorsText' | 'deadlineText';
export const ROW_FIELDS: readonly RowField[] = ['ordinalText', 'content', 'productsText', 'leadText', 'coordinatorsText', 'deadlineText'];

/** A cell changed, or a row dropped, by the person before confirming. */
export interface RowCorrection { key: string; drop?: boolean; field?: RowField; value?: string }
export interface HeaderCorrection { number?: string; title?: string; year?: number; decision?: string | null }

export type ProblemCode =
  | 'empty_content' | 'deadline_review' | 'lead_nobody' | 'duplicate_row' | 'ordinal_missing'
  | 'phu_luc_number' | 'too_long' | 'too_many_rows' | 'no_number' | 'no_title' | 'no_year' | 'unknown_row';

export interface Problem {
  /** error: the plan cannot be saved until it is corrected or the row dropped; warning: saved, to look at. */
  severity: 'error' | 'warning';
  code: ProblemCode;
  message: string;
  phuLuc: number | null;
  table: number | null;
  row: number | null;
  /** The column's title as the file writes it. */
  column: string | null;
  /** The row field that column holds (null: the whole row or the plan). */
  field: RowField | null;
  key: string | null;
}

export interface PreviewTask {
  /** Names the row in corrections: "b<table>-<row>". */
  key: string;
  table: number;
  row: number;
  ordinal: number;
  ordinalText: string;
  content: string;
  productsText: string;
  products: string[];
  leadText: string;
  coordinatorsText: string;
  deadlineText: string;
  deadline: Schedule;
  lead: { officialId: number | null; officialName: string | null; position: string | null; reason: string | null };
}

export interface PreviewPhuLuc { number: number; title: string; heading: string | null; columns: { header: string; role: string | null }[]; tasks: PreviewTask[] }

export interface PlanPreview {
  format: ParsedPlan['format'];
  header: { unitName: string | null; number: string | null; title: string | null; year: number | null; decision: string | null };
  phuLucs: PreviewPhuLuc[];
  taskCount: number;
  problems: Problem[];
  canSave: boolean;
  /** The row fields, in table order, with the column titles the page shows and edits them under. */
  fields: { field: RowField; label: string }[];
}

export const rowKey = (r: { table: number; row: number }) => `b${r.table}-${r.row}`;

const BULLET = /^[-–—+•*]\s*/;

/** "- Kế hoạch;\n- Báo cáo kết quả thực hiện." → ["Kế hoạch", "Báo cáo kết quả thực hiện"]; unbulleted lines are items too. */
export function splitProducts(text: string): string[] {
  const lines = text.replace(/;\s*(?=[-–—+•]\s)/g, ';\n').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const bulleted = lines.some((l) => BULLET.test(l));
  const items: string[] = [];
  for (const l of lines) {
    if (bulleted && !BULLET.test(l) && items.length) items[items.length - 1] += ` ${l}`;
    else items.push(l.replace(BULLET, ''));
  }
  return items.map((i) => i.replace(/[\s;.,]+$/, '')).filter((i) => i !== '');
}

const COLUMN_NAMES: Record<RowField, string> = {
  ordinalText: 'TT', content: 'Nội dung thực hiện', productsText: 'Sản phẩm/Kết quả', leadText: 'Cơ quan chủ trì',
  coordinatorsText: 'Cơ quan phối hợp', deadlineText: 'Thời gian hoàn thành',
};
const ROLE_OF: Record<RowField, string> = {
  ordinalText: 'ordinal', content: 'content', productsText: 'products', leadText: 'lead', coordinatorsText: 'coordinators', deadlineText: 'deadline',
};
/** The same limits as POST /api/plans (TaskInputDto). */
const MAX_CHARS: Record<RowField, number> = { ordinalText: 20, content: 5000, productsText: 30_000, leadText: 2000, coordinatorsText: 2000, deadlineText: 2000 };
const MAX_ROWS = 200;

export function buildPreview(parsed: ParsedPlan, o: {
  officials: ImportOfficial[];
  year?: number | null;
  corrections?: RowCorrection[];
  header?: HeaderCorrection;
}): PlanPreview {
  const problems: Problem[] = [];
  const header = { ...parsed.header, ...stripUndefined(o.header ?? {}) };
  if (o.year) header.year = o.year;
  if (o.header?.year) header.year = o.header.year;
  const at = { phuLuc: null, table: null, row: null, column: null, field: null, key: null };
  if (!header.number) problems.push({ ...at, severity: 'error', code: 'no_number', message: 'Không tìm thấy số kế hoạch (dòng “Số: …/KH-UBND”): hãy nhập số kế hoạch.' });
  if (!header.title) problems.push({ ...at, severity: 'error', code: 'no_title', message: 'Không tìm thấy tên kế hoạch (dòng “KẾ HOẠCH …”): hãy nhập tên kế hoạch.' });
  const year = header.year;
  if (!year || year < 2000 || year > 2100) {
    problems.push({ ...at, severity: 'error', code: 'no_year', message: 'Không xác định được năm kế hoạch: hãy chọn năm.' });
  }
  const byKey = new Map<string, RowCorrection[]>();
  for (const c of o.corrections ?? []) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  const known = new Set(parsed.phuLucs.flatMap((p) => p.rows.map(rowKey)));
  for (const key of byKey.keys()) {
    if (!known.has(key)) problems.push({ ...at, key, severity: 'error', code: 'unknown_row', message: `Sửa/bỏ dòng “${key}” không có trong tệp.` });
  }

  const phuLucs: PreviewPhuLuc[] = [];
  for (const p of parsed.phuLucs) {
    const columnOf = (f: RowField) => p.columns.find((c) => c.role === ROLE_OF[f])?.header.replace(/\s+/g, ' ').trim() || COLUMN_NAMES[f];
    const place = (r: ParsedRow, f: RowField | null) => ({ phuLuc: p.number, table: r.table, row: r.row, column: f ? columnOf(f) : null, field: f, key: rowKey(r) });
    if (!PHU_LUC_AREAS[p.number]) {
      problems.push({ ...at, phuLuc: p.number, severity: 'error', code: 'phu_luc_number', message: `Phụ lục số ${p.number} không thuộc 7 lĩnh vực cải cách hành chính (Phụ lục 01–07).` });
    }
    const tasks: PreviewTask[] = [];
    const seen = new Map<string, ParsedRow>();
    let previous = 0;
    for (const source of p.rows) {
      const key = rowKey(source);
      const fixes = byKey.get(key) ?? [];
      if (fixes.some((f) => f.drop)) continue;
      const r: ParsedRow = { ...source };
      for (const f of fixes) if (f.field && ROW_FIELDS.includes(f.field) && typeof f.value === 'string') r[f.field] = f.value;
      for (const f of ROW_FIELDS) {
        if (r[f].length > MAX_CHARS[f]) {
          problems.push({ ...place(r, f), severity: 'error', code: 'too_long', message: `Ô dài quá ${MAX_CHARS[f].toLocaleString('vi-VN')} ký tự.` });
        }
      }
      if (foldVietnamese(r.content) === '') {
        problems.push({ ...place(r, 'content'), severity: 'error', code: 'empty_content', message: 'Dòng không có nội dung thực hiện: hãy nhập nội dung hoặc bỏ dòng này.' });
      }
      let ordinal = ordinalValue(r.ordinalText);
      if (ordinal === null || ordinal <= previous) {
        const next = previous + 1;
        problems.push({
          ...place(r, 'ordinalText'), severity: 'warning', code: 'ordinal_missing',
          message: r.ordinalText ? `Số thứ tự “${r.ordinalText}” không đọc được hoặc bị lặp; dùng số ${next}.` : `Không ghi số thứ tự; dùng số ${next}.`,
        });
        ordinal = next;
      }
      previous = ordinal;
      const folded = foldVietnamese(r.content);
      const first = folded ? seen.get(folded) : undefined;
      if (first) {
        problems.push({ ...place(r, 'content'), severity: 'warning', code: 'duplicate_row', message: `Trùng nội dung với dòng ${first.row} của bảng ${first.table}: kiểm tra, bỏ dòng nếu thừa.` });
      } else if (folded) seen.set(folded, r);
      const deadline = parseDeadline(r.deadlineText, year ?? NaN);
      if (deadline.needsReview && year) {
        problems.push({ ...place(r, 'deadlineText'), severity: 'warning', code: 'deadline_review', message: deadline.notes.join(' ') });
      }
      const match = matchLead(r.leadText, o.officials);
      const official = match.officialId !== null ? o.officials.find((x) => x.id === match.officialId)! : null;
      if (!official && match.officialId === null) {
        problems.push({
          ...place(r, 'leadText'), severity: 'warning', code: 'lead_nobody',
          message: `Cơ quan chủ trì “${r.leadText.replace(/\s+/g, ' ').trim() || '(trống)'}” không ứng với công chức nào: ${LEAD_MATCH_REASONS[match.reason]}; giao người chủ trì sau khi nhập.`,
        });
      }
      tasks.push({
        key, table: r.table, row: r.row, ordinal, ordinalText: r.ordinalText, content: r.content, productsText: r.productsText,
        products: splitProducts(r.productsText), leadText: r.leadText, coordinatorsText: r.coordinatorsText, deadlineText: r.deadlineText,
        deadline,
        lead: official
          ? { officialId: official.id, officialName: official.fullName, position: official.position, reason: null }
          : { officialId: null, officialName: null, position: null, reason: match.officialId === null ? LEAD_MATCH_REASONS[match.reason] : null },
      });
    }
    if (tasks.length > MAX_ROWS) {
      problems.push({ ...at, phuLuc: p.number, severity: 'error', code: 'too_many_rows', message: `Phụ lục ${p.number} có ${tasks.length} dòng, quá ${MAX_ROWS} dòng.` });
    }
    phuLucs.push({ number: p.number, title: PHU_LUC_AREAS[p.number] ?? `Phụ lục ${p.number}`, heading: p.heading, columns: p.columns, tasks });
  }
  return {
    format: parsed.format,
    header,
    phuLucs,
    taskCount: phuLucs.reduce((n, p) => n + p.tasks.length, 0),
    problems,
    canSave: !problems.some((x) => x.severity === 'error'),
    fields: ROW_FIELDS.map((field) => ({ field, label: COLUMN_NAMES[field] })),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
