import { parseDeadline } from '../deadlines/parse-deadline.js';
import { allCompleted, Occurrence } from './completion.js';
import type { Task } from './entities/task.entity.js';

/** The task fields and due dates a deadline text stands for, in the plan's year. */
export function scheduleFor(deadlineText: string, year: number) {
  const schedule = parseDeadline(deadlineText, year);
  const labels = new Map<string, string[]>();
  for (const item of schedule.items) {
    if (item.label) labels.set(item.dueOn, [...(labels.get(item.dueOn) ?? []), item.label]);
  }
  return {
    fields: {
      deadlineText,
      scheduleKind: schedule.kind,
      needsReview: schedule.needsReview,
      schedule: { items: schedule.items, notes: schedule.notes },
    },
    dueDates: schedule.dueDates.map((dueOn) => ({ dueOn, label: labels.get(dueOn)?.join('; ').slice(0, 500) ?? null })),
  };
}

export function statusAfter(task: Pick<Task, 'status'>, occurrences: Occurrence[]): Task['status'] {
  if (task.status === 'cancelled') return 'cancelled';
  return allCompleted(occurrences) ? 'done' : 'open';
}
