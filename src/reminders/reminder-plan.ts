import { addDays, daysBetween, localDateOf } from '../common/local-date.js';
import { DEFAULT_CALENDAR, WorkingCalendar, workingDayOnOrAfter, workingDayOnOrBefore } from '../common/working-days.js';

/**
 * Which reminders a due date of a task should have, and when: a pure function
 * of the task, the due date, the unit's settings and the current instant.
 * Everything else in src/reminders keeps BullMQ in step with its answer.
 */
export interface ReminderSettings {
  /** Days before the due date; 0 is the due date itself. */
  offsetsDays: number[];
  /** Local time of day, 'HH:MM', Asia/Ho_Chi_Minh. */
  timeOfDay: string;
  /** Overdue reminders: the day after the due date, then every this many days. */
  overdueEveryDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { offsetsDays: [7, 1, 0], timeOfDay: '07:30', overdueEveryDays: 7 };

export type ReminderKind = 'due' | `before-${number}` | `overdue-${number}`;

export interface PlannedReminder {
  jobId: string;
  taskId: number;
  dueOn: string;
  kind: ReminderKind;
  /** When it should fire; now, for one whose time passed while its due date is still ahead. */
  fireAt: Date;
}

const UTC_OFFSET_HOURS = 7; // Asia/Ho_Chi_Minh, no daylight saving

/** The instant of a local date and 'HH:MM' in Asia/Ho_Chi_Minh. */
export function localInstant(localDate: string, timeOfDay: string): Date {
  const [y, m, d] = localDate.split('-').map(Number);
  const [hh, mm] = timeOfDay.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh - UTC_OFFSET_HOURS, mm));
}

/** Job ids are deterministic, so scheduling twice is harmless, and free of ':' (BullMQ's separator). */
export function reminderJobId(taskId: number, dueOn: string, kind: ReminderKind): string {
  return `rem-t${taskId}-${dueOn}-${kind}`;
}

export function parseReminderJobId(jobId: string): { taskId: number; dueOn: string; kind: ReminderKind } | null {
  const m = /^rem-t(\d+)-(\d{4}-\d{2}-\d{2})-(due|before-\d+|overdue-\d+)$/.exec(jobId);
  return m ? { taskId: Number(m[1]), dueOn: m[2], kind: m[3] as ReminderKind } : null;
}

/** The k-th overdue reminder's local date: the day after the due date, then every N days. */
export function overdueDate(dueOn: string, k: number, everyDays: number): string {
  return addDays(dueOn, 1 + (k - 1) * everyDays);
}

/**
 * The reminders still to come for one open due date:
 * - before the due date, one per offset at the time of day, on the working day
 *   on or before the day it names (a reminder for a Sunday goes on the Friday,
 *   one in Tết before Tết); two that land on the same day are one, the later
 *   kind (the one nearest the due date);
 * - one whose time has passed while the due date is today or later is sent at
 *   once, but only the latest such one (a task entered on the 30th for the
 *   31st gets one reminder, not two);
 * - once it is past, the next overdue reminder only (each one delivered
 *   schedules the one after it), on the working day on or after the day it
 *   names: moved earlier, it could fall before the task is overdue.
 */
export function remindersFor(
  taskId: number, dueOn: string, settings: ReminderSettings, now: Date, calendar: WorkingCalendar = DEFAULT_CALENDAR,
): PlannedReminder[] {
  const today = localDateOf(now);
  const out: PlannedReminder[] = [];
  if (dueOn >= today) {
    const offsets = [...new Set(settings.offsetsDays)].filter((d) => d >= 0).sort((a, b) => b - a);
    // by the day it goes out: a later (smaller) offset replaces an earlier one on the same day
    const byDay = new Map<string, PlannedReminder>();
    for (const days of offsets) {
      const kind: ReminderKind = days === 0 ? 'due' : `before-${days}`;
      const day = workingDayOnOrBefore(addDays(dueOn, -days), calendar);
      byDay.set(day, { jobId: reminderJobId(taskId, dueOn, kind), taskId, dueOn, kind, fireAt: localInstant(day, settings.timeOfDay) });
    }
    let latestPassed: PlannedReminder | null = null;
    for (const reminder of [...byDay.values()].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime())) {
      if (reminder.fireAt.getTime() > now.getTime()) out.push(reminder);
      else latestPassed = { ...reminder, fireAt: now };
    }
    if (latestPassed) out.unshift(latestPassed);
  }
  out.push(nextOverdue(taskId, dueOn, settings, now, calendar));
  return out;
}

/** The first overdue reminder that is still ahead of `now` (on a working day). */
export function nextOverdue(
  taskId: number, dueOn: string, settings: ReminderSettings, now: Date, calendar: WorkingCalendar = DEFAULT_CALENDAR,
): PlannedReminder {
  const every = Math.max(1, settings.overdueEveryDays);
  const today = localDateOf(now);
  const fireOf = (k: number) => localInstant(workingDayOnOrAfter(overdueDate(dueOn, k, every), calendar), settings.timeOfDay);
  let k = 1;
  const first = overdueDate(dueOn, 1, every);
  if (first <= today) k = Math.floor(daysBetween(first, today) / every) + 1;
  let fireAt = fireOf(k);
  // moved to the same working day (a daily reminder over a weekend), or passed: the next one
  while (fireAt.getTime() <= now.getTime()) {
    k += 1;
    fireAt = fireOf(k);
  }
  return overdueReminder(taskId, dueOn, settings, k, calendar);
}

/** The k-th overdue reminder, on the working day on or after the day it names. */
export function overdueReminder(
  taskId: number, dueOn: string, settings: ReminderSettings, k: number, calendar: WorkingCalendar = DEFAULT_CALENDAR,
): PlannedReminder {
  const day = workingDayOnOrAfter(overdueDate(dueOn, k, Math.max(1, settings.overdueEveryDays)), calendar);
  const kind: ReminderKind = `overdue-${k}`;
  return { jobId: reminderJobId(taskId, dueOn, kind), taskId, dueOn, kind, fireAt: localInstant(day, settings.timeOfDay) };
}

/**
 * The last due date that can have a reminder firing by `horizonEnd`, for units
 * whose largest offset is `maxOffsetDays`: the sweep reads from the database
 * only the open due dates up to it (overdue ones included).
 *
 * A reminder `o` days before due date D goes on the working day on or before
 * D − o; that day is on or before the horizon's day H exactly when no working
 * day lies in (H, D − o], i.e. when D − o < W, W being the first working day
 * after H. So D ≤ W − 1 + o: over Tết (W nine days after H) the window widens
 * by those days, on a plain Thursday it is H + o. Overdue reminders go after
 * their due date, and one fired at once (its time passed) belongs to a due date
 * of today or later, both on or before H + o.
 */
export function lastDueDateWithin(horizonEnd: Date, maxOffsetDays: number, calendar: WorkingCalendar = DEFAULT_CALENDAR): string {
  const firstWorkingAfter = workingDayOnOrAfter(addDays(localDateOf(horizonEnd), 1), calendar);
  return addDays(firstWorkingAfter, Math.max(0, maxOffsetDays) - 1);
}

/** The local day a reminder is for, whenever it actually goes out: part of its delivery key. */
export function reminderDay(kind: ReminderKind, dueOn: string, overdueEveryDays: number): string {
  if (kind === 'due') return dueOn;
  if (kind.startsWith('before-')) return addDays(dueOn, -Number(kind.slice('before-'.length)));
  return overdueDate(dueOn, Number(kind.slice('overdue-'.length)), Math.max(1, overdueEveryDays));
}

/** A reminder's kind in words ("Trước hạn 7 ngày", "Nhắc quá hạn lần thứ 2"). */
export function reminderKindLabel(kind: string): string {
  if (kind === 'due') return 'Đúng ngày đến hạn';
  const before = /^before-(\d+)$/.exec(kind);
  if (before) return `Trước hạn ${before[1]} ngày`;
  const over = /^overdue-(\d+)$/.exec(kind);
  if (over) return `Nhắc quá hạn lần thứ ${over[1]}`;
  return 'Nhắc việc';
}

/** A scheduled reminder's state (its queue job's) in words. */
export const REMINDER_STATE_LABELS: Readonly<Record<string, string>> = {
  delayed: 'Đã lên lịch',
  waiting: 'Sắp gửi',
  'waiting-children': 'Sắp gửi',
  prioritized: 'Sắp gửi',
  active: 'Đang gửi',
  completed: 'Đã gửi',
  failed: 'Gửi lỗi, sẽ thử lại',
};

/** Whether a unit's daily digest is due at `now`: a working day, at or after its reminder time. */
export function digestDue(now: Date, timeOfDay: string, calendar: WorkingCalendar = DEFAULT_CALENDAR): boolean {
  const today = localDateOf(now);
  return calendar.isWorkingDay(today) && now.getTime() >= localInstant(today, timeOfDay).getTime();
}
