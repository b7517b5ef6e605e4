import type { TaskView } from '../tasks/task-view.js';
import type { ReportPeriod, ReportTaskLine, TaskLineStatus } from './report-data.js';

/**
 * A task's state as of a cut-off, by the same rules as the progress query:
 * completed when every due date was met by then, late when one was met after
 * its date, overdue when one still open is past.
 */
export function taskLineAsOf(task: TaskView, cutoff: string, assigneeName: string | null): ReportTaskLine {
  const rows = task.dueDates.map((d) => ({ ...d, done: d.completedOn !== null && d.completedOn <= cutoff }));
  const open = rows.filter((d) => !d.done);
  let status: TaskLineStatus;
  if (!open.length) {
    status = rows.some((d) => d.dueOn !== null && d.completedOn! > d.dueOn) ? 'completed_late' : 'completed_on_time';
  } else {
    status = open.some((d) => d.dueOn !== null && d.dueOn < cutoff) ? 'overdue' : 'in_progress';
  }
  const datedOpen = open.filter((d) => d.dueOn !== null).map((d) => d.dueOn!);
  const dated = rows.filter((d) => d.dueOn !== null).map((d) => d.dueOn!);
  const completions = rows.filter((d) => d.done);
  return {
    taskId: task.id,
    phuLuc: task.phuLuc,
    ordinal: task.ordinal,
    content: task.content,
    products: task.products,
    leadText: task.leadText,
    assigneeName,
    deadlineText: task.deadlineText,
    dueDates: dated,
    dueOn: open.length ? (datedOpen.sort()[0] ?? null) : (dated.sort().at(-1) ?? null),
    completedOn: open.length ? null : (completions.map((d) => d.completedOn!).sort().at(-1) ?? null),
    evidence: [...new Set(completions.map((d) => d.evidence).filter((e): e is string => !!e))].join('; ') || null,
    status,
    ...(dated.length > 1 ? { occurrences: { done: rows.filter((d) => d.done && d.dueOn !== null).length, total: dated.length } } : {}),
  };
}

/**
 * The line a list prints for a task: the same as its line in `tasks`, but for
 * the due date that puts the task in that list (a quarterly task due in the
 * next window shows that date, not its earliest open one; a recurring task
 * with a due date met in the period shows that one and when it was met).
 */
function forDueDate(line: ReportTaskLine, dueOn: string | null, completedOn: string | null = line.completedOn): ReportTaskLine {
  return line.dueOn === dueOn && line.completedOn === completedOn ? line : { ...line, dueOn, completedOn };
}

export function reportLists(tasks: TaskView[], period: ReportPeriod, names: Map<number, string>) {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  const lines = live.map((t) => taskLineAsOf(t, period.cutoff, t.assigneeId ? names.get(t.assigneeId) ?? null : null));
  const byId = new Map(lines.map((l) => [l.taskId, l]));
  const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;
  return {
    tasks: lines,
    completedInPeriod: live.flatMap((t) => {
      const met = t.dueDates
        .filter((d) => within(d.completedOn, period.windowStart, period.windowEnd))
        .sort((a, b) => (a.completedOn! < b.completedOn! ? -1 : a.completedOn! > b.completedOn! ? 1 : 0));
      if (!met.length) return [];
      const line = byId.get(t.id)!;
      // a task completed as a whole shows its own line; one met only in part, the last due date met in the period
      if (line.completedOn) return [line];
      const last = met.at(-1)!;
      return [forDueDate(line, last.dueOn, last.completedOn)];
    }),
    notCompleted: lines.filter((l) => l.status === 'in_progress' || l.status === 'overdue'),
    // the overdue line shows its earliest open due date, which is the one past the cut-off
    overdue: lines.filter((l) => l.status === 'overdue'),
    dueNextPeriod: live.flatMap((t) => {
      const due = t.dueDates
        .filter((d) => (d.completedOn === null || d.completedOn > period.cutoff) && within(d.dueOn, period.nextWindowStart, period.nextWindowEnd))
        .map((d) => d.dueOn!)
        .sort();
      return due.length ? [forDueDate(byId.get(t.id)!, due[0])] : [];
    }),
  };
}
