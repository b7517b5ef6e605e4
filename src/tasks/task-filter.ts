import { foldVietnamese } from '../common/vietnamese-text.js';
import { searchWords } from '../common/paging.js';
import { nextDue, taskStateOn, type TaskState, type TaskStatus, type DueFacts } from './task-state.js';

/**
 * What a plan's task list can be narrowed by (the Kế hoạch view's filters),
 * applied on the server so that the page asks for one page of rows, never the
 * whole plan. Pure: the rules are those of the lists' own status words.
 */
export interface TaskFilter {
  /** Phụ lục number */
  phuLuc?: number;
  /** where the task stands today (taskStateOn) */
  state?: TaskState;
  assigneeId?: number;
  /** only overdue tasks: the same as state 'overdue', kept as the view's checkbox */
  overdue?: boolean;
  /** only tasks whose deadline the parser could not read for sure */
  needsReview?: boolean;
  /** words, each found in the content, products, lead, coordinators or deadline; diacritics and case ignored */
  q?: string;
}

export interface FilterableTask {
  phuLuc: number;
  status: TaskStatus;
  dueDates: DueFacts[];
  assigneeId: number | null;
  schedule: { needsReview: boolean };
  content: string;
  products: string[];
  leadText: string;
  coordinatorsText: string;
  deadlineText: string;
}

export { searchWords } from '../common/paging.js';

/** A predicate for one filter on one day, to run over a plan's tasks. */
export function taskMatcher(f: TaskFilter, today: string): (t: FilterableTask) => boolean {
  const words = searchWords(f.q);
  return (t) => {
    if (f.phuLuc !== undefined && t.phuLuc !== f.phuLuc) return false;
    if (f.assigneeId !== undefined && t.assigneeId !== f.assigneeId) return false;
    if (f.needsReview && !t.schedule.needsReview) return false;
    if (f.state !== undefined || f.overdue) {
      const state = taskStateOn(t, today);
      if (f.state !== undefined && state !== f.state) return false;
      if (f.overdue && state !== 'overdue') return false;
    }
    if (words.length) {
      const hay = foldVietnamese([t.content, t.products.join(' '), t.leadText, t.coordinatorsText, t.deadlineText].join(' '));
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  };
}

export interface TaskPage<T> {
  /** tasks that match, over the whole plan */
  total: number;
  /** per Phụ lục of the matching tasks: how many match in it */
  phuLucs: { number: number; total: number }[];
  offset: number;
  limit: number;
  items: T[];
}

/**
 * One page of a plan's tasks (already in Phụ lục and TT order) under a filter,
 * with the totals a paged list needs; an offset past the end gives no items.
 */
export function pageOfTasks<T extends FilterableTask>(tasks: T[], f: TaskFilter, today: string, offset: number, limit: number): TaskPage<T> {
  const matching = tasks.filter(taskMatcher(f, today));
  const counts = new Map<number, number>();
  for (const t of matching) counts.set(t.phuLuc, (counts.get(t.phuLuc) ?? 0) + 1);
  return {
    total: matching.length,
    phuLucs: [...counts].sort((a, b) => a[0] - b[0]).map(([number, total]) => ({ number, total })),
    offset,
    limit,
    items: matching.slice(offset, offset + limit),
  };
}

/** Overdue first, then by the next due date, tasks with no date last; ties by id. What an official's list shows first. */
export function byUrgency<T extends { id: number; status: TaskStatus; dueDates: DueFacts[] }>(tasks: T[], day: string): T[] {
  const rank = (t: T) => (taskStateOn(t, day) === 'overdue' ? 0 : 1);
  const keyed = tasks.map((t) => ({ t, rank: rank(t), next: nextDue(t) ?? '9999' }));
  keyed.sort((a, b) => a.rank - b.rank || a.next.localeCompare(b.next) || a.t.id - b.t.id);
  return keyed.map((k) => k.t);
}
