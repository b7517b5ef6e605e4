import { addDays } from '../common/local-date.js';
import type { CutoffConvention, PeriodCode, ReportPeriod } from './report-data.js';

/**
 * Report periods and their data windows. Under the Ministry of Home Affairs'
 * regime the data are cut off on the 14th of the period's last month and a year
 * runs from 15/12 of the previous year; under the calendar convention periods
 * are calendar quarters. Quarter codes (Q1–Q4) cover their own three months;
 * H1, M9 and YEAR run from the start of the reporting year.
 */
interface PeriodShape {
  label: string;
  title: (year: number) => string;
  /** First and last month of the window, in the calendar convention (1–12). */
  firstMonth: number;
  lastMonth: number;
}

const SHAPES: Record<PeriodCode, PeriodShape> = {
  Q1: { label: 'Quý I', title: (y) => `quý I năm ${y}`, firstMonth: 1, lastMonth: 3 },
  Q2: { label: 'Quý II', title: (y) => `quý II năm ${y}`, firstMonth: 4, lastMonth: 6 },
  H1: { label: '6 tháng', title: (y) => `6 tháng đầu năm ${y}`, firstMonth: 1, lastMonth: 6 },
  Q3: { label: 'Quý III', title: (y) => `quý III năm ${y}`, firstMonth: 7, lastMonth: 9 },
  M9: { label: '9 tháng', title: (y) => `9 tháng năm ${y}`, firstMonth: 1, lastMonth: 9 },
  Q4: { label: 'Quý IV', title: (y) => `quý IV năm ${y}`, firstMonth: 10, lastMonth: 12 },
  YEAR: { label: 'Năm', title: (y) => `năm ${y}`, firstMonth: 1, lastMonth: 12 },
};

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The window [start, end] of months first..last of a year, in a convention. */
function window(year: number, firstMonth: number, lastMonth: number, convention: CutoffConvention): [string, string] {
  if (convention === 'calendar') return [`${year}-${pad(firstMonth)}-01`, lastDayOf(year, lastMonth)];
  // ministry: each month runs from the 15th of the month before to the 14th
  const startYear = firstMonth === 1 ? year - 1 : year;
  const startMonth = firstMonth === 1 ? 12 : firstMonth - 1;
  return [`${startYear}-${pad(startMonth)}-15`, `${year}-${pad(lastMonth)}-14`];
}

export function reportPeriod(code: PeriodCode, year: number, convention: CutoffConvention): ReportPeriod {
  const shape = SHAPES[code];
  const [windowStart, windowEnd] = window(year, shape.firstMonth, shape.lastMonth, convention);
  // the next period for "Phương hướng, nhiệm vụ kỳ tới": the next three months
  const nextQuarter = Math.floor((shape.lastMonth % 12) / 3) + 1;
  const nextYear = shape.lastMonth === 12 ? year + 1 : year;
  const [nextWindowStart, nextWindowEnd] = window(nextYear, nextQuarter * 3 - 2, nextQuarter * 3, convention);
  return {
    code, year, label: shape.label, titleText: shape.title(year), convention,
    windowStart, windowEnd, cutoff: windowEnd, nextWindowStart, nextWindowEnd,
  };
}

/** A period in words, as reports, the audit trail and notices name it: "quý II năm 2023", "6 tháng đầu năm 2023", "năm 2023". */
export function periodTitle(code: PeriodCode, year: number): string {
  return SHAPES[code]?.title(year) ?? `kỳ báo cáo năm ${year}`;
}

/** The first day of the reporting year: cumulative figures count from here. */
export function reportingYearStart(year: number, convention: CutoffConvention): string {
  return window(year, 1, 12, convention)[0];
}

/** The periods whose cut-off is this local date (what the 07:00 job generates the next morning). */
export function periodsCutOffOn(date: string, convention: CutoffConvention): { code: PeriodCode; year: number }[] {
  const year = Number(date.slice(0, 4));
  return (Object.keys(SHAPES) as PeriodCode[])
    .filter((code) => reportPeriod(code, year, convention).cutoff === date)
    .map((code) => ({ code, year }));
}

/** The day after a cut-off, when the automatic report is made (at 07:00). */
export function generationDay(period: ReportPeriod): string {
  return addDays(period.cutoff, 1);
}
