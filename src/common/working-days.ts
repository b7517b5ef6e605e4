import { addDays, isLocalDate } from './local-date.js';

/**
 * Working days of a commune office: Monday to Friday, less the public
 * holidays. Pure functions over 'YYYY-MM-DD' local dates.
 *
 * The shipped list: the days off of Labour Code 2019 art. 112 as they fall in
 * 2026 and 2027 (Tết Dương lịch 1/1; Tết Nguyên đán; Giỗ Tổ Hùng Vương 10/3
 * âm lịch; 30/4; 1/5; Quốc khánh 2/9 and the day next to it), with the days
 * off in lieu when one falls on a weekend (art. 111(3)).
 * - 2026: Tết Bính Ngọ as the Prime Minister approved it for civil servants,
 *   Saturday 14/02/2026 (27 tháng Chạp) to Sunday 22/02/2026 (mùng 6 tháng
 *   Giêng); Giỗ Tổ falls on Sunday 26/04/2026, off on Monday 27/04.
 * - 2027: Tết Đinh Mùi (mùng 1 = Saturday 06/02/2027) as 29 tháng Chạp to
 *   mùng 5 (04–10/02/2027, five working days off), Giỗ Tổ Friday 16/04/2027,
 *   1/5 a Saturday, off on Monday 03/05, Quốc khánh 02–03/09/2027. These are
 *   the statutory days; the exact Tết and 2/9 arrangement is announced by the
 *   Prime Minister each year: add or correct days with HOLIDAYS (env).
 */
export const SHIPPED_HOLIDAYS: readonly string[] = [
  // 2026
  '2026-01-01',
  '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
  '2026-04-27', // Giỗ Tổ Hùng Vương (Sunday 26/04), off in lieu
  '2026-04-30', '2026-05-01',
  '2026-09-01', '2026-09-02',
  // 2027
  '2027-01-01',
  '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
  '2027-04-16', // Giỗ Tổ Hùng Vương
  '2027-04-30', '2027-05-03', // 1/5 is a Saturday: off on Monday
  '2027-09-02', '2027-09-03',
];

export interface WorkingCalendar {
  isWorkingDay(localDate: string): boolean;
}

/** A calendar of the shipped holidays plus `extra` ones (HOLIDAYS). */
export function workingCalendar(extra: readonly string[] = []): WorkingCalendar {
  const off = new Set([...SHIPPED_HOLIDAYS, ...extra]);
  return {
    isWorkingDay(d: string): boolean {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6 && !off.has(d);
    },
  };
}

export const DEFAULT_CALENDAR = workingCalendar();

/** The day itself when it is a working day, else the working day before it (Sunday → Friday; in Tết → before Tết). */
export function workingDayOnOrBefore(localDate: string, calendar: WorkingCalendar = DEFAULT_CALENDAR): string {
  let d = localDate;
  // a bound, so that a calendar with no working day at all cannot loop for ever
  for (let i = 0; i < 366 && !calendar.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

/** The day itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(localDate: string, calendar: WorkingCalendar = DEFAULT_CALENDAR): string {
  let d = localDate;
  for (let i = 0; i < 366 && !calendar.isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/**
 * HOLIDAYS as written in the environment: dates separated by commas or
 * spaces, dd/mm/yyyy or yyyy-mm-dd. Null when one of them is not a real date.
 */
export function parseHolidays(raw: string | undefined): string[] | null {
  if (!raw || !raw.trim()) return [];
  const out: string[] = [];
  for (const part of raw.split(/[\s,;]+/).filter(Boolean)) {
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(part);
    const iso = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : part;
    if (!isLocalDate(iso)) return null;
    out.push(iso);
  }
  return out;
}
