import type { ScheduleItem, ScheduleKind } from '../deadlines/parse-deadline.js';
import type { TaskDueDate } from './entities/task-due-date.entity.js';
import type { Task, TaskStatus } from './entities/task.entity.js';

export interface DueDateView {
  dueOn: string | null;
  label: string | null;
  completedOn: string | null;
  evidence: string | null;
  /** null while open; true when completed on or before the due date (local dates). */
  onTime: boolean | null;
}

/** A task as the API, the pages and outside clients see it. */
export interface TaskView {
  id: number;
  planId: number;
  phuLuc: number;
  ordinal: number;
  content: string;
  products: string[];
  leadText: string;
  coordinatorsText: string;
  deadlineText: string;
  schedule: { kind: ScheduleKind; dueDates: string[]; items: ScheduleItem[]; needsReview: boolean; notes: string[] };
  assigneeId: number | null;
  coordinatorIds: number[];
  status: TaskStatus;
  dueDates: DueDateView[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function dueDateView(d: Pick<TaskDueDate, 'dueOn' | 'label' | 'completedOn' | 'evidence'>): DueDateView {
  return {
    dueOn: d.dueOn,
    label: d.label,
    completedOn: d.completedOn,
    evidence: d.evidence,
    onTime: d.completedOn === null ? null : d.dueOn === null || d.completedOn <= d.dueOn,
  };
}

export function taskView(task: Task, phuLucNumber: number, dueDates: TaskDueDate[], coordinatorIds: number[]): TaskView {
  const sorted = [...dueDates].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  return {
    id: task.id,
    planId: task.planId,
    phuLuc: phuLucNumber,
    ordinal: task.ordinal,
    content: task.content,
    products: task.products,
    leadText: task.leadText,
    coordinatorsText: task.coordinatorsText,
    deadlineText: task.deadlineText,
    schedule: {
      kind: task.scheduleKind,
      dueDates: sorted.map((d) => d.dueOn).filter((d): d is string => d !== null),
      items: task.schedule.items,
      needsReview: task.needsReview,
      notes: task.schedule.notes,
    },
    assigneeId: task.assigneeId,
    coordinatorIds: [...coordinatorIds].sort((a, b) => a - b),
    status: task.status,
    dueDates: sorted.map(dueDateView),
    version: task.version,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

/**
 * A task as a list shows it: without what only the task's own page and
 * outside clients need (the parser's raw items, which the due dates repeat
 * with their labels; the record's timestamps). A plan's list is about a third
 * lighter, which keeps a view's cold load on a slow commune link small.
 */
export type CompactTaskView = Omit<TaskView, 'createdAt' | 'updatedAt' | 'schedule' | 'dueDates'> & {
  schedule: Omit<TaskView['schedule'], 'items' | 'dueDates'>;
  /** each due date's day and completion: its label and evidence are on the task's own page */
  dueDates: Pick<DueDateView, 'dueOn' | 'completedOn'>[];
};

export function compactTaskView(t: TaskView): CompactTaskView {
  const { createdAt: _c, updatedAt: _u, schedule, dueDates, ...rest } = t;
  // the schedule's dates repeat the due dates' own: the compact list keeps those only
  const { items: _i, dueDates: _d, ...kept } = schedule;
  return { ...rest, schedule: kept, dueDates: dueDates.map((d) => ({ dueOn: d.dueOn, completedOn: d.completedOn })) };
}
