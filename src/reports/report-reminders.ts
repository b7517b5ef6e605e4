import { addDays, formatVnDate } from '../common/local-date.js';
import { PERIOD_CODES, type CutoffConvention, type PeriodCode } from './report-data.js';
import { reportPeriod } from './periods.js';

/**
 * When a unit's periodic reports are due and when their makers are reminded
 * (pure). A report is due on the unit's `reportDueDay` (default the 18th) of
 * its cut-off month; the reporter and the chairman are reminded
 * REPORT_REMINDER_DAYS_BEFORE days before, once per due date (periods that
 * share a cut-off, such as quý II and 6 tháng, share one reminder).
 */
export const REPORT_REMINDER_DAYS_BEFORE = 3;

const pad = (n: number) => String(n).padStart(2, '0');

/** The due date of a period's report: `dueDay` of the cut-off's month (the month's last day at most). */
export function reportDueOn(cutoff: string, dueDay: number): string {
  const [y, m] = cutoff.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(Math.min(Math.max(1, Math.trunc(dueDay)), last))}`;
}

export interface DueReports {
  dueOn: string;
  remindOn: string;
  periods: { code: PeriodCode; year: number; titleText: string; cutoff: string }[];
}

/** The reports of a plan year, grouped by due date, in date order. */
export function reportDueDates(year: number, convention: CutoffConvention, dueDay: number, daysBefore = REPORT_REMINDER_DAYS_BEFORE): DueReports[] {
  const byDue = new Map<string, DueReports>();
  for (const code of PERIOD_CODES) {
    const p = reportPeriod(code, year, convention);
    const dueOn = reportDueOn(p.cutoff, dueDay);
    const entry = byDue.get(dueOn) ?? { dueOn, remindOn: addDays(dueOn, -daysBefore), periods: [] };
    entry.periods.push({ code, year, titleText: p.titleText, cutoff: p.cutoff });
    byDue.set(dueOn, entry);
  }
  return [...byDue.values()].sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1));
}

/** The reports whose reminder goes out on `today`. */
export function remindersDueOn(today: string, year: number, convention: CutoffConvention, dueDay: number): DueReports[] {
  return reportDueDates(year, convention, dueDay).filter((d) => d.remindOn === today);
}

/** "Báo cáo CCHC quý II năm 2023, 6 tháng đầu năm 2023: hạn nộp 18/06/2023" */
export function reminderTitle(d: DueReports): string {
  return `Sắp đến hạn nộp báo cáo CCHC ${d.periods.map((p) => p.titleText).join(', ')} (hạn ${formatVnDate(d.dueOn)})`;
}
