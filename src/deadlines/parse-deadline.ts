/**
 * Reads the free-text "Thời gian hoàn thành" / "Thời gian thực hiện" cell of a
 * CCHC plan into due dates. People write these cells, and a PDF extraction then
 * breaks them across lines, so the parser is lenient and never rejects a cell:
 * whatever it cannot read with confidence it flags for a person (needsReview),
 * with a Vietnamese note saying why.
 *
 * Dates are 'YYYY-MM-DD' local calendar dates (Asia/Ho_Chi_Minh) built by
 * arithmetic; a JS Date at UTC midnight would shift deadlines by a day.
 */
import { daysInMonth, formatVnDate } from '../common/local-date.js';
import { foldVietnamese } from '../common/vietnamese-text.js';

export const SCHEDULE_KINDS = ['date', 'ongoing', 'recurring', 'milestones', 'unspecified'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface ScheduleItem {
  /** YYYY-MM-DD local date. */
  dueOn: string;
  label: string | null;
}

export interface Schedule {
  kind: ScheduleKind;
  /** Unique, sorted ascending. */
  dueDates: string[];
  /** One per labelled occurrence, sorted by dueOn then label. */
  items: ScheduleItem[];
  needsReview: boolean;
  /** Vietnamese, why a person should look (empty when needsReview is false). */
  notes: string[];
}

/** Deadline cells are a few lines; anything far longer is not a deadline and is only skimmed. */
const MAX_INPUT_CHARS = 10_000;
/** Keeps notes and labels readable when a cell is pathological. */
const MAX_EXCERPT_CHARS = 200;
/** Same bounds as isLocalDate, so every date produced here can be stored. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const ROMAN = ['I', 'II', 'III', 'IV'];
const ROMAN_VALUE: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

type OccurrenceType = 'specific' | 'ongoing' | 'recurring';

interface Occurrence {
  dueOn: string;
  label: string | null;
  type: OccurrenceType;
}

interface SegmentResult {
  occurrences: Occurrence[];
  notes: string[];
}

// ---------------------------------------------------------------------------
// Dates

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isValidYear(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}

/** null for an impossible day (31/02, 00/13, year 0202…). */
function localDate(y: number, m: number, d: number): string | null {
  if (!isValidYear(y) || !Number.isInteger(m) || m < 1 || m > 12) return null;
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function monthEnd(y: number, m: number): string | null {
  if (!isValidYear(y) || m < 1 || m > 12) return null;
  return localDate(y, m, daysInMonth(y, m));
}

function quarterEnd(y: number, q: number): string | null {
  return q >= 1 && q <= 4 ? monthEnd(y, q * 3) : null;
}

/** Two-digit years ("15/11/23") can only mean this century in a plan. */
function explicitYear(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return raw.length === 2 ? 2000 + n : n;
}

// ---------------------------------------------------------------------------
// Text helpers

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function excerpt(text: string): string {
  const t = collapse(text);
  return t.length > MAX_EXCERPT_CHARS ? `${t.slice(0, MAX_EXCERPT_CHARS)}…` : t;
}

function quote(text: string): string {
  const t = excerpt(text);
  return t === '' ? '(trống)' : `“${t}”`;
}

function unreadableNote(text: string): string {
  return `Không xác định được thời hạn từ nội dung: ${quote(text)}; cần người nhập hạn cụ thể.`;
}

/**
 * foldVietnamese turns commas into spaces, but "định kỳ hằng quý, 6 tháng, 9 tháng"
 * must not read as "tháng 9"; commas are put back as a standalone "," token.
 */
function foldForMatching(text: string): string {
  return text
    .split(/[,，、]/)
    .map(foldVietnamese)
    .join(' , ');
}

const DASH = '[-–—‑‐‒−]';
const BULLET_START = new RegExp(`^\\s*(?:${DASH}|[•+*])`);
const LEADING_BULLETS = new RegExp(`^(?:\\s|${DASH}|[•+*])+`);

/**
 * Extraction-level clean-up done on the original text so that the separators the
 * folding would erase are read first: "15.11.2023" and "15-11-2023" are dates,
 * and a dash between two numbers ("tháng 11-12/2023") is a range.
 */
function normalizeSeparators(text: string): string {
  return text
    .replace(
      new RegExp(`(?<!\\d)(\\d{1,2})\\s*(?:\\.|${DASH})\\s*(\\d{1,2})\\s*(?:\\.|${DASH})\\s*(\\d{4})(?!\\d)`, 'g'),
      '$1/$2/$3',
    )
    .replace(new RegExp(`(\\d)\\s*${DASH}\\s*(?=\\d)`, 'g'), '$1 đến ')
    // a span written with a dash between two months or quarters ends at its last one
    .replace(new RegExp(`(\\d|\\b[IVXivx]+)\\s*${DASH}\\s*(?=(?:tháng|quý)\\s*(?:\\d|[IVXivx]))`, 'giu'), '$1 đến ');
}

/**
 * Segments are the labelled parts of a cell: "- Xây dựng kế hoạch: tháng 1/2023;
 * - Báo cáo: tháng 12/2023". They start at a bulleted line, after ";", at a bullet
 * after a sentence end, or at a new sentence. Commas never split: "định kỳ hằng
 * quý, 6 tháng, 9 tháng" is one segment.
 */
function splitSegments(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/\r\n|[\r\n\u2028\u2029]/)) {
    if (BULLET_START.test(line) && current.some((l) => l.trim() !== '')) {
      blocks.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  blocks.push(current.join('\n'));

  const inlineBreak = new RegExp(
    `\\.\\s*(?=(?:${DASH}|[•+*])\\s)|\\.\\s+(?=\\p{Lu})|(?<=\\d)\\s+(?:${DASH})\\s+(?=\\p{L})`,
    'u',
  );
  const segments: string[] = [];
  for (const block of blocks) {
    for (const part of block.split(/[;；]/)) {
      for (const piece of part.split(inlineBreak)) {
        const cleaned = piece.replace(LEADING_BULLETS, '').replace(/[\s.;,]+$/, '');
        if (foldVietnamese(cleaned) !== '') segments.push(cleaned);
      }
    }
  }
  return segments;
}

/** The label ends at the first ":" that is not inside a number ("ISO 9001:2015"). */
function splitLabel(segment: string): { label: string | null; value: string } {
  const colon = /(?<!\d):|:(?!\d)/.exec(segment);
  if (!colon) return { label: null, value: segment };
  const label = collapse(segment.slice(0, colon.index).replace(LEADING_BULLETS, ''));
  const value = segment.slice(colon.index + 1);
  if (foldVietnamese(label) === '') return { label: null, value };
  return {
    label: label.length > MAX_EXCERPT_CHARS ? `${label.slice(0, MAX_EXCERPT_CHARS)}…` : label,
    value,
  };
}

// ---------------------------------------------------------------------------
// Reading one segment

function maskSpans(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const [from, to] of spans) chars.fill(' ', from, to);
  return chars.join('');
}

interface Scanner {
  text: string;
}

/**
 * Reads every match of one stage, then blanks them out so that later stages do
 * not read the same words again ("hằng quý" must not also be a quarter number).
 */
function take(scanner: Scanner, re: RegExp, onMatch: (m: RegExpMatchArray, before: string) => void): void {
  const matches = [...scanner.text.matchAll(re)];
  for (const m of matches) {
    const at = m.index ?? 0;
    onMatch(m, scanner.text.slice(Math.max(0, at - 16), at));
  }
  scanner.text = maskSpans(
    scanner.text,
    matches.map((m): [number, number] => [m.index ?? 0, (m.index ?? 0) + m[0].length]),
  );
}

type Period =
  | { kind: 'quarterly' }
  | { kind: 'monthly' }
  | { kind: 'annual' }
  | { kind: 'months'; count: number }
  /** every N months: "3 tháng một lần", "cứ 2 tháng", "6 tháng/lần" */
  | { kind: 'everyMonths'; count: number }
  /** a given day of every month: "ngày 20 hằng tháng" */
  | { kind: 'dayOfMonth'; day: number }
  /** a given day of every year: "ngày 15/12 hằng năm" */
  | { kind: 'dayOfYear'; day: number; month: number };

/** Items of the period list that may follow "định kỳ" (folded, sticky). */
const PERIOD_SEPARATOR = /\s*(?:,|va(?![a-z])|hoac(?![a-z])|\/)?\s*/y;
const PERIOD_QUARTER = /(?:(?:hang|moi)\s*)?quy(?![a-z])(?!\s*dinh)/y;
const PERIOD_MONTH = /(?:(?:hang|moi)\s*)?thang(?![a-z])(?!\s*\d)/y;
const PERIOD_MONTHS = /(\d{1,2})\s*thang(?![a-z])/y;
const PERIOD_YEAR = /(?:(?:hang|moi)\s*)?nam(?![a-z])(?:\s*(\d{4})(?!\d))?/y;
const PERIOD_AD_HOC = /(?:dot\s*xuat|(?:hang|moi)\s*(?:tuan|ngay))(?![a-z])/y;

function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m && m[0].length > 0 ? m : null;
}

/**
 * Reads "định kỳ hằng quý, 6 tháng, 9 tháng hoặc đột xuất" from just after "định kỳ";
 * stops at the first word that is not a period ("theo quy định").
 */
function readPeriodList(text: string, from: number): { end: number; periods: Period[]; year?: number } {
  const periods: Period[] = [];
  let year: number | undefined;
  let end = from;
  for (;;) {
    PERIOD_SEPARATOR.lastIndex = end;
    PERIOD_SEPARATOR.exec(text);
    const at = PERIOD_SEPARATOR.lastIndex;
    let m: RegExpExecArray | null;
    if ((m = stickyAt(PERIOD_QUARTER, text, at))) periods.push({ kind: 'quarterly' });
    else if ((m = stickyAt(PERIOD_MONTHS, text, at))) periods.push({ kind: 'months', count: Number(m[1]) });
    else if ((m = stickyAt(PERIOD_MONTH, text, at))) periods.push({ kind: 'monthly' });
    else if ((m = stickyAt(PERIOD_YEAR, text, at))) {
      // "năm 2023" names the year of the list; a bare "năm" is the annual report.
      if (m[1] !== undefined) year = Number(m[1]);
      else periods.push({ kind: 'annual' });
    } else if (!(m = stickyAt(PERIOD_AD_HOC, text, at))) break;
    end = at + m[0].length;
  }
  return { end, periods, year };
}

type PeriodOccurrence = [dueOn: string | null, label: string];

function periodOccurrences(period: Period, year: number): PeriodOccurrence[] {
  switch (period.kind) {
    case 'quarterly':
      return [1, 2, 3, 4].map((q): PeriodOccurrence => [quarterEnd(year, q), `Quý ${ROMAN[q - 1]}/${year}`]);
    case 'monthly':
      return Array.from({ length: 12 }, (_, i): PeriodOccurrence => [monthEnd(year, i + 1), `Tháng ${i + 1}/${year}`]);
    case 'annual':
      return [[monthEnd(year, 12), `Năm ${year}`]];
    case 'months':
      return [[monthEnd(year, period.count), `${period.count} tháng/${year}`]];
    case 'everyMonths':
      return Array.from({ length: Math.floor(12 / period.count) }, (_, i): PeriodOccurrence =>
        [monthEnd(year, (i + 1) * period.count), `Tháng ${(i + 1) * period.count}/${year}`]);
    case 'dayOfMonth':
      return Array.from({ length: 12 }, (_, i): PeriodOccurrence =>
        [localDate(year, i + 1, Math.min(period.day, daysInMonth(year, i + 1))), `Tháng ${i + 1}/${year}`]);
    case 'dayOfYear':
      return [[localDate(year, period.month, period.day), `Năm ${year}`]];
  }
}

const RE = {
  dinhKy: /(?<![a-z])dinh\s*ky(?![a-z])/g,
  everyPeriod: /(?<![a-z])(?:hang|moi)\s*(quy|thang|nam)(?![a-z])(?:\s*(?:nam\s*)?(\d{4})(?!\d))?/g,
  everyDayOrWeek: /(?<![a-z])(?:hang|moi)\s*(?:ngay|tuan)(?![a-z])/g,
  formalDay: /(?<![a-z0-9])ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})(?!\d)(?!\s*thang)(?:\s*,?\s*nam\s*(\d{4})(?!\d))?/g,
  formalDayNoNgay: /(?<![\d/a-z])(\d{1,2})\s*thang\s*(\d{1,2})(?!\d)\s*,?\s*nam\s*(\d{4})(?!\d)/g,
  quarter: /(?<![a-z])quy\s*(iv|iii|ii|i|\d{1,2})(?![a-z0-9])(?:\s*(?:\/|,?\s*nam)?\s*(\d{4})(?!\d))?/g,
  month: /(?<![a-z])thang\s*(\d{1,2})(?!\d)(?!\s*thang)(?:\s*(?:\/|,?\s*nam)?\s*(\d{4})(?!\d))?/g,
  day: /(?<![\d/])(\d{1,2})\s*\/\s*(\d{1,2})(?!\d)(?:\s*\/\s*(\d{4}|\d{2})(?!\d)|\s*,?\s*nam\s*(\d{4})(?!\d))?/g,
  monthYear: /(?<![\d/])(\d{1,2})\s*\/\s*(\d{4})(?!\d)/g,
  yearEnd: /(?<![a-z])cuoi\s*nam(?![a-z])(?:\s*(\d{4})(?!\d))?/g,
  ongoing: /(?<![a-z])(?:thuong\s*xuyen|lien\s*tuc)(?![a-z])/g,
  wholeYear: /(?<![a-z])(?:trong|ca|suot)\s*nam(?![a-z])(?:\s*(\d{4})(?!\d))?/g,
  range: /(?<![a-z])den(?![a-z])/,
  /** "6 tháng đầu năm", "sáu tháng cuối năm 2023", "nửa đầu năm": the half-year's last day. */
  halfYear: /(?<![a-z0-9])(?:(?:6|sau)\s*thang|nua)\s*(dau|cuoi)\s*nam(?![a-z])(?:\s*(\d{4})(?!\d))?/g,
  /** "3 tháng một lần", "6 tháng/lần", "cứ 2 tháng", "mỗi 3 tháng", "hằng 2 tháng". */
  everyMonths: /(?<![a-z0-9])(?:(?:cu|moi|hang)\s*(\d{1,2})\s*thang(?![a-z])(?:\s*(?:mot|1)\s*lan|\s*\/\s*lan)?|(\d{1,2})\s*thang\s*(?:(?:mot|1)\s*lan|\/\s*lan))(?![a-z])/g,
  /** "ngày 20 hằng tháng", "trước ngày 25 hàng tháng". */
  dayOfMonth: /(?<![a-z0-9/])(?:ngay\s*)?(\d{1,2})\s*(?:cua\s*)?(?:hang|moi)\s*thang(?![a-z])/g,
  /** "ngày 15/12 hằng năm", "ngày 10 tháng 12 hằng năm". */
  dayOfYear: /(?<![a-z0-9/])(?:ngay\s*)?(\d{1,2})\s*(?:\/|thang)\s*(\d{1,2})\s*(?:cua\s*)?(?:hang|moi)\s*nam(?![a-z])/g,
  /** The cell is only a year: "Năm 2023", "2023". */
  plainYear: /^\s*(?:nam\s*)?(\d{4})\s*$/,
  /** "trước/đầu/giữa tháng 11": a month or quarter end is only a guess. */
  vagueQualifier: /(?:^|[^a-z])(?:truoc|dau|giua)\s*$/,
};

function parseSegment(value: string, label: string | null, planYear: number | null): SegmentResult {
  const scanner: Scanner = { text: foldForMatching(value) };
  const occurrences: Occurrence[] = [];
  const notes: string[] = [];
  const recurringDates = new Set<string>();
  let periodNotStated = false;
  let missingYear = false;

  const yearOr = (y: number | undefined): number | null => {
    if (y !== undefined) return y;
    if (planYear === null) missingYear = true;
    return planYear;
  };
  const addRecurring = (period: Period, year: number | null) => {
    if (year === null) return;
    for (const [dueOn, periodLabel] of periodOccurrences(period, year)) {
      // "hằng quý, 6 tháng, 9 tháng": the 6- and 9-month reports fall on quarter ends.
      if (dueOn === null || recurringDates.has(dueOn)) continue;
      recurringDates.add(dueOn);
      occurrences.push({ dueOn, label: label === null ? periodLabel : `${label} – ${periodLabel}`, type: 'recurring' });
    }
  };
  /** `shown` is how the date reads in the note, rebuilt from its numbers (the scanned text is folded). */
  const addSpecific = (dueOn: string | null, shown: string, before = '') => {
    if (dueOn === null) {
      notes.push(`Ngày không hợp lệ: “${shown}”.`);
      return;
    }
    if (RE.vagueQualifier.test(before)) {
      notes.push(`Nội dung ${quote(value)} được hiểu là hạn ${formatVnDate(dueOn)}; cần kiểm tra lại hạn cụ thể.`);
    }
    occurrences.push({ dueOn, label, type: 'specific' });
  };
  const addOngoing = (year: number | null) => {
    const dueOn = year === null ? null : monthEnd(year, 12);
    if (dueOn !== null) occurrences.push({ dueOn, label, type: 'ongoing' });
  };

  // Half-year wording, every N months, a day of every month or year: read before
  // "định kỳ"/"hằng tháng", which would take their words for something else.
  take(scanner, RE.halfYear, (m) => {
    const y = yearOr(m[2] === undefined ? undefined : Number(m[2]));
    if (y !== null) occurrences.push({ dueOn: monthEnd(y, m[1] === 'dau' ? 6 : 12)!, label, type: 'specific' });
  });
  take(scanner, RE.everyMonths, (m) => {
    const count = Number(m[1] ?? m[2]);
    if (count >= 1 && count <= 12) addRecurring({ kind: 'everyMonths', count }, yearOr(undefined));
    else notes.push(`Chu kỳ “${count} tháng” không hợp lệ; cần người nhập hạn cụ thể.`);
  });
  take(scanner, RE.dayOfYear, (m) => {
    const day = Number(m[1]), month = Number(m[2]);
    const y = yearOr(undefined);
    if (y !== null && localDate(y, month, day) === null) notes.push(`Ngày không hợp lệ: “${m[1]}/${m[2]}”.`);
    else addRecurring({ kind: 'dayOfYear', day, month }, y);
  });
  take(scanner, RE.dayOfMonth, (m) => {
    const day = Number(m[1]);
    if (day < 1 || day > 31) { notes.push(`Ngày không hợp lệ: “ngày ${m[1]} hằng tháng”.`); return; }
    if (day > 28) notes.push(`Ngày ${day} không có trong mọi tháng; tháng ngắn hơn lấy ngày cuối tháng, cần kiểm tra lại.`);
    addRecurring({ kind: 'dayOfMonth', day }, yearOr(undefined));
  });

  // Periodic phrases first: "hằng quý" and "hằng tháng" would otherwise read as a
  // quarter or month number.
  const listSpans: Array<[number, number]> = [];
  for (const m of scanner.text.matchAll(RE.dinhKy)) {
    const start = m.index ?? 0;
    const list = readPeriodList(scanner.text, start + m[0].length);
    listSpans.push([start, list.end]);
    if (list.periods.length === 0) periodNotStated = true;
    for (const period of list.periods) addRecurring(period, yearOr(list.year));
  }
  scanner.text = maskSpans(scanner.text, listSpans);
  take(scanner, RE.everyPeriod, (m) => {
    const kind = m[1] === 'quy' ? 'quarterly' : m[1] === 'thang' ? 'monthly' : 'annual';
    addRecurring({ kind }, yearOr(m[2] === undefined ? undefined : Number(m[2])));
  });
  take(scanner, RE.everyDayOrWeek, () => addOngoing(yearOr(undefined)));

  const firstSpecific = occurrences.length;
  take(scanner, RE.formalDay, (m) => {
    const y = yearOr(explicitYear(m[3]));
    if (y !== null) addSpecific(localDate(y, Number(m[2]), Number(m[1])), `${m[1]}/${m[2]}/${y}`);
  });
  take(scanner, RE.formalDayNoNgay, (m) => {
    addSpecific(localDate(Number(m[3]), Number(m[2]), Number(m[1])), `${m[1]}/${m[2]}/${m[3]}`);
  });
  take(scanner, RE.quarter, (m, before) => {
    const q = ROMAN_VALUE[m[1]] ?? Number(m[1]);
    const y = yearOr(explicitYear(m[2]));
    if (y !== null) addSpecific(quarterEnd(y, q), `Quý ${m[1].toUpperCase()}/${y}`, before);
  });
  take(scanner, RE.month, (m, before) => {
    const y = yearOr(explicitYear(m[2]));
    if (y !== null) addSpecific(monthEnd(y, Number(m[1])), `Tháng ${m[1]}/${y}`, before);
  });
  take(scanner, RE.day, (m) => {
    const y = yearOr(explicitYear(m[3] ?? m[4]));
    if (y !== null) addSpecific(localDate(y, Number(m[2]), Number(m[1])), `${m[1]}/${m[2]}/${y}`);
  });
  take(scanner, RE.monthYear, (m, before) => {
    addSpecific(monthEnd(Number(m[2]), Number(m[1])), `${m[1]}/${m[2]}`, before);
  });
  take(scanner, RE.yearEnd, (m) => {
    const y = yearOr(explicitYear(m[1]));
    if (y !== null) addSpecific(monthEnd(y, 12), `cuối năm ${y}`);
  });

  // "từ 01/3 đến 31/3/2023", "tháng 11-12/2023": the range ends on its last day.
  const specifics = occurrences.slice(firstSpecific);
  if (specifics.length > 1 && RE.range.test(scanner.text)) {
    const last = specifics.reduce((a, b) => (b.dueOn > a.dueOn ? b : a));
    occurrences.splice(firstSpecific, specifics.length, last);
  }

  take(scanner, RE.ongoing, () => addOngoing(yearOr(undefined)));
  take(scanner, RE.wholeYear, (m) => addOngoing(yearOr(m[1] === undefined ? undefined : Number(m[1]))));

  // "Năm 2023": the plan's whole year, due at its end.
  if (occurrences.length === 0) {
    const m = RE.plainYear.exec(scanner.text);
    if (m) {
      addOngoing(Number(m[1]));
      scanner.text = '';
    }
  }

  // "Theo định kỳ" alone: quarterly is the usual CCHC reporting rhythm, but only a
  // guess; "định kỳ tháng 11/2023" already has its date and needs no guess.
  if (periodNotStated && occurrences.length === 0) {
    addRecurring({ kind: 'quarterly' }, yearOr(undefined));
    notes.push(
      `Nội dung ${quote(value)} không nêu rõ chu kỳ (hằng quý, 6 tháng, hằng năm…); tạm đặt hạn vào cuối mỗi quý, cần kiểm tra lại.`,
    );
  }
  // A number left unread ("trước ngày 20 hằng tháng") means the dates above may
  // miss what the writer meant.
  if (occurrences.length > 0 && /\d/.test(scanner.text)) {
    notes.push(`Chưa hiểu hết nội dung ${quote(value)}; cần kiểm tra lại hạn đã đọc được.`);
  }
  if (missingYear) {
    notes.push(`Nội dung ${quote(value)} không ghi năm và năm kế hoạch không hợp lệ; cần người nhập hạn cụ thể.`);
  }
  return { occurrences, notes };
}

// ---------------------------------------------------------------------------
// Whole cell

function compareItems(a: ScheduleItem, b: ScheduleItem): number {
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  const la = a.label ?? '';
  const lb = b.label ?? '';
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/**
 * A cell written as several segments is a list of milestones even when only one
 * of them could be read: the others are flagged, not dropped from the shape.
 */
function decideKind(occurrences: Occurrence[], itemCount: number, segmentCount: number): ScheduleKind {
  if (occurrences.length === 0) return 'unspecified';
  if (occurrences.some((o) => o.type === 'specific')) {
    const single = segmentCount === 1 && itemCount === 1 && occurrences.every((o) => o.type === 'specific');
    return single ? 'date' : 'milestones';
  }
  return occurrences.some((o) => o.type === 'recurring') ? 'recurring' : 'ongoing';
}

function parse(text: unknown, year: unknown): Schedule {
  const original = typeof text === 'string' ? text : '';
  const planYear = typeof year === 'number' && isValidYear(year) ? year : null;
  const notes: string[] = [];

  let source = original.normalize('NFC');
  if (source.length > MAX_INPUT_CHARS) {
    notes.push(
      `Nội dung thời hạn dài bất thường (${source.length.toLocaleString('vi-VN')} ký tự); chỉ đọc ${MAX_INPUT_CHARS.toLocaleString('vi-VN')} ký tự đầu, cần kiểm tra lại.`,
    );
    source = source.slice(0, MAX_INPUT_CHARS);
  }
  if (planYear === null) {
    notes.push(`Năm kế hoạch không hợp lệ (${String(year)}); các hạn không ghi năm không được tính.`);
  }

  const occurrences: Occurrence[] = [];
  const segmentNotes: string[] = [];
  const unreadSegments: string[] = [];
  const segments = splitSegments(normalizeSeparators(source));
  for (const segment of segments) {
    const { label, value } = splitLabel(segment);
    let result = parseSegment(value, label, planYear);
    // "Trước 15/11/2023: hoàn thành" — what looked like a label held the date.
    if (result.occurrences.length === 0 && label !== null) {
      const whole = parseSegment(segment, null, planYear);
      if (whole.occurrences.length > 0) result = whole;
    }
    occurrences.push(...result.occurrences);
    segmentNotes.push(...result.notes);
    if (result.occurrences.length === 0) unreadSegments.push(segment);
  }

  if (occurrences.length === 0) {
    notes.push(...segmentNotes, unreadableNote(source));
  } else {
    notes.push(...segmentNotes, ...unreadSegments.map(unreadableNote));
  }

  if (planYear !== null) {
    for (const o of occurrences) {
      if (Number(o.dueOn.slice(0, 4)) !== planYear) {
        const what = o.label === null ? '' : ` (${excerpt(o.label)})`;
        notes.push(
          `Hạn ${formatVnDate(o.dueOn)}${what} nằm ngoài năm kế hoạch ${planYear}; cần kiểm tra lại.`,
        );
      }
    }
  }

  const seen = new Set<string>();
  const items: ScheduleItem[] = [];
  for (const o of occurrences) {
    const key = `${o.dueOn}\u0000${o.label ?? ''}\u0000${o.label === null ? 0 : 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ dueOn: o.dueOn, label: o.label });
  }
  items.sort(compareItems);

  const uniqueNotes = [...new Set(notes)];
  return {
    kind: decideKind(occurrences, items.length, segments.length),
    dueDates: [...new Set(items.map((i) => i.dueOn))].sort(),
    items,
    needsReview: uniqueNotes.length > 0,
    notes: uniqueNotes,
  };
}

/**
 * Never throws: a plan is never rejected because a deadline is unreadable; the
 * task is kept with the text as written and flagged instead.
 */
export function parseDeadline(text: string, year: number): Schedule {
  try {
    return parse(text, year);
  } catch {
    return {
      kind: 'unspecified',
      dueDates: [],
      items: [],
      needsReview: true,
      notes: [unreadableNote(typeof text === 'string' ? text : '')],
    };
  }
}
