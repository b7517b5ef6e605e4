/**
 * A task's statuses, and where a task stands on a given local date, counted
 * the way the progress figures count (a due date is met when completed on or
 * before the date asked about). Pure: the web app bundles it.
 */
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Where a task stands on a day: what the lists show beside it. */
export type TaskState = 'open' | 'overdue' | 'done' | 'cancelled';

export const TASK_STATE_LABELS: Readonly<Record<TaskState, string>> = {
  open: 'Đang thực hiện',
  overdue: 'Quá hạn',
  done: 'Đã hoàn thành',
  cancelled: 'Đã hủy',
};

/** Where one due date stands on a day. */
export type DueState = 'open' | 'overdue' | 'done' | 'doneLate';

export const DUE_STATE_LABELS: Readonly<Record<DueState, string>> = {
  open: 'Chưa đến hạn',
  overdue: 'Quá hạn',
  done: 'Đã hoàn thành đúng hạn',
  doneLate: 'Hoàn thành quá hạn',
};

export interface DueFacts {
  dueOn: string | null;
  completedOn: string | null;
}

export function dueStateOn(d: DueFacts, day: string): DueState {
  if (d.completedOn !== null && d.completedOn <= day) return d.dueOn !== null && d.completedOn > d.dueOn ? 'doneLate' : 'done';
  return d.dueOn !== null && d.dueOn < day ? 'overdue' : 'open';
}

export function taskStateOn(t: { status: TaskStatus; dueDates: DueFacts[] }, day: string): TaskState {
  if (t.status === 'cancelled') return 'cancelled';
  const states = t.dueDates.map((d) => dueStateOn(d, day));
  if (states.some((s) => s === 'overdue')) return 'overdue';
  if (states.length > 0 && states.every((s) => s === 'done' || s === 'doneLate')) return 'done';
  return 'open';
}

/** The earliest due date not yet completed, or null. */
export function nextDue(t: { dueDates: DueFacts[] }): string | null {
  const open = t.dueDates.filter((d) => d.completedOn === null && d.dueOn !== null).map((d) => d.dueOn as string).sort();
  return open[0] ?? null;
}
