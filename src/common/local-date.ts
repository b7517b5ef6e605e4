/**
 * Local calendar dates of Asia/Ho_Chi_Minh, kept as 'YYYY-MM-DD' strings.
 * A due date is a day on the commune's calendar, not an instant: storing it as a
 * UTC midnight timestamp is how other trackers end up showing deadlines a day early.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local date of an instant (default: now) in Asia/Ho_Chi_Minh. */
export function localDateOf(instant: Date = new Date()): string {
  return dayFormatter.format(instant);
}

export function todayLocal(): string {
  return localDateOf(new Date());
}

/** True for a real calendar day written as YYYY-MM-DD (rejects 2023-02-30). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearOf(localDate: string): number {
  return Number(localDate.slice(0, 4));
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way Vietnamese documents write dates. */
export function formatVnDate(localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Whole days from one local date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A local date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
