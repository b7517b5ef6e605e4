import { addDays } from '../common/local-date.js';
import { nextDue, taskStateOn, type DueFacts, type TaskState, type TaskStatus } from '../tasks/task-state.js';
import { shorten } from '../common/vietnamese-text.js';

/** Completions and due dates of one month of the plan's year. */
export interface MonthBar {
  /** T1 … T12 */
  label: string;
  /** Due dates falling in the month. */
  due: number;
  /** Due dates completed in the month, on or before the day asked about. */
  done: number;
}

/** What the overview needs of a task. */
export interface OverviewTask {
  id: number;
  phuLuc: number;
  ordinal: number;
  content: string;
  deadlineText: string;
  assigneeId: number | null;
  status: TaskStatus;
  schedule: { needsReview: boolean; notes: string[] };
  dueDates: DueFacts[];
}

export interface OverviewUnassigned {
  taskId: number;
  phuLuc: number;
  ordinal: number;
  leadText: string;
  reason: string;
}

/** A task as one row of an overview list: only what the page shows. */
export interface OverviewItem {
  id: number;
  phuLuc: number;
  ordinal: number;
  /** The content on one line, shortened to {@link CONTENT_MAX} characters. */
  content: string;
  assigneeId: number | null;
  /** The lead official's name; 'Chưa giao' when none. */
  assigneeName: string;
}

export interface OverdueItem extends OverviewItem {
  /** The due dates not met as of the day, in order. */
  dueOn: string[];
}

export interface DueSoonItem extends OverviewItem {
  nextDue: string;
}

export interface ReviewItem extends OverviewItem {
  deadlineText: string;
  /** Why the deadline needs a person to check it. */
  notes: string;
  state: TaskState;
}

export interface UnassignedItem {
  id: number;
  phuLuc: number;
  ordinal: number;
  content: string | null;
  leadText: string;
  reason: string;
}

export interface Capped<T> {
  total: number;
  items: T[];
}

export interface OverviewLists {
  overdue: Capped<OverdueItem>;
  dueSoon: Capped<DueSoonItem>;
  needsReview: Capped<ReviewItem>;
  unassigned: Capped<UnassignedItem>;
}

export const OVERVIEW_LIST_CAP = 100;
export const DUE_SOON_DAYS = 14;
export const CONTENT_MAX = 90;

/**
 * Completions and due dates per month of the plan's year from per-day counts
 * (TasksRepository.dueAndDoneByDay): what {@link monthsOf} gives over every task.
 */
export function monthBars(year: number, due: { day: string; n: number }[], done: { day: string; n: number }[]): MonthBar[] {
  const months: MonthBar[] = Array.from({ length: 12 }, (_, i) => ({ label: `T${i + 1}`, due: 0, done: 0 }));
  for (const d of due) if (d.day.startsWith(`${year}-`)) months[Number(d.day.slice(5, 7)) - 1].due += d.n;
  for (const d of done) if (d.day.startsWith(`${year}-`)) months[Number(d.day.slice(5, 7)) - 1].done += d.n;
  return months;
}

/**
 * Completions and due dates per month of the plan's year, up to the chosen day; cancelled tasks left out.
 * Over every task: the chart's definition, which {@link monthBars} gives from counts per day.
 */
export function monthsOf(tasks: Pick<OverviewTask, 'status' | 'dueDates'>[], year: number, asOf: string): MonthBar[] {
  const months: MonthBar[] = Array.from({ length: 12 }, (_, i) => ({ label: `T${i + 1}`, due: 0, done: 0 }));
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    for (const d of t.dueDates) {
      if (d.dueOn && d.dueOn.startsWith(`${year}-`)) months[Number(d.dueOn.slice(5, 7)) - 1].due++;
      if (d.completedOn && d.completedOn <= asOf && d.completedOn.startsWith(`${year}-`)) months[Number(d.completedOn.slice(5, 7)) - 1].done++;
    }
  }
  return months;
}

function cap<T>(rows: T[], max: number): Capped<T> {
  return { total: rows.length, items: rows.slice(0, max) };
}

/** An official's name for the lists: 'Chưa giao' when no one, 'Cán bộ đã nghỉ' when no longer among the unit's officials. */
export function assigneeName(names: ReadonlyMap<number, string>, id: number | null): string {
  if (id === null) return 'Chưa giao';
  return names.get(id) ?? 'Cán bộ đã nghỉ';
}


/**
 * The overview's lists as of a day, in plan order (Phụ lục, TT) except the
 * tasks due soon, which are by next due date: overdue tasks, open tasks whose
 * next due date falls in the next 14 days, deadlines needing review (not
 * cancelled), and tasks with no lead official. Each keeps its total and at
 * most `max` rows. Over every task of a plan, this is the lists' definition:
 * the server reads them by queries (TasksRepository.overviewIds, one per list)
 * and test/overview-queries.e2e-spec.ts checks its answer against this.
 */
export function overviewLists(
  tasks: OverviewTask[], unassigned: OverviewUnassigned[], names: ReadonlyMap<number, string>, asOf: string, max = OVERVIEW_LIST_CAP,
): OverviewLists {
  const rows = overviewRows(names, asOf);
  const ordered = [...tasks].sort((a, b) => a.phuLuc - b.phuLuc || a.ordinal - b.ordinal);
  const soon = addDays(asOf, DUE_SOON_DAYS);
  const overdue = ordered.filter((t) => taskStateOn(t, asOf) === 'overdue').map(rows.overdue);
  const dueSoon = ordered
    .filter((t) => t.status === 'open' && taskStateOn(t, asOf) === 'open')
    .map((t) => ({ t, next: nextDue(t) }))
    .filter((x): x is { t: OverviewTask; next: string } => x.next !== null && x.next >= asOf && x.next <= soon)
    .sort((a, b) => a.next.localeCompare(b.next))
    .map((x) => rows.dueSoon(x.t));
  const needsReview = ordered.filter((t) => t.schedule.needsReview && t.status !== 'cancelled').map(rows.needsReview);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const unassignedRows = [...unassigned]
    .sort((a, b) => a.phuLuc - b.phuLuc || a.ordinal - b.ordinal)
    .map((u) => rows.unassigned(u, byId.get(u.taskId)));
  return { overdue: cap(overdue, max), dueSoon: cap(dueSoon, max), needsReview: cap(needsReview, max), unassigned: cap(unassignedRows, max) };
}

/**
 * Each list's row of a task, as of a day: what {@link overviewLists} puts in
 * its lists, and what the server builds from the few tasks its queries chose
 * (TasksRepository.overviewIds).
 */
export function overviewRows(names: ReadonlyMap<number, string>, asOf: string) {
  const item = (t: OverviewTask): OverviewItem => ({
    id: t.id, phuLuc: t.phuLuc, ordinal: t.ordinal, content: shorten(t.content, CONTENT_MAX), assigneeId: t.assigneeId, assigneeName: assigneeName(names, t.assigneeId),
  });
  return {
    overdue: (t: OverviewTask): OverdueItem => ({
      ...item(t),
      dueOn: t.dueDates.filter((d) => !d.completedOn || d.completedOn > asOf).map((d) => d.dueOn).filter((d): d is string => d !== null),
    }),
    dueSoon: (t: OverviewTask): DueSoonItem => ({ ...item(t), nextDue: nextDue(t)! }),
    needsReview: (t: OverviewTask): ReviewItem => ({
      ...item(t),
      deadlineText: t.deadlineText,
      notes: t.schedule.notes.join(' ') || 'Thời hạn cần người kiểm tra lại',
      state: taskStateOn(t, asOf),
    }),
    unassigned: (u: OverviewUnassigned, t: OverviewTask | undefined): UnassignedItem => ({
      id: u.taskId, phuLuc: u.phuLuc, ordinal: u.ordinal, content: t ? shorten(t.content, CONTENT_MAX) : null, leadText: u.leadText, reason: u.reason,
    }),
  };
}
