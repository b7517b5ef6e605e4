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
  };
}

export function reportLists(tasks: TaskView[], period: ReportPeriod, names: Map<number, string>) {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  const lines = live.map((t) => taskLineAsOf(t, period.cutoff, t.assigneeId ? names.get(t.assigneeId) ?? null : null));
  const byId = new Map(lines.map((l) => [l.taskId, l]));
  const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;
  return {
    tasks: lines,
    completedInPeriod: live
      .filter((t) => t.dueDates.some((d) => within(d.completedOn, period.windowStart, period.windowEnd)))
      .map((t) => byId.get(t.id)!),
    notCompleted: lines.filter((l) => l.status === 'in_progress' || l.status === 'overdue'),
    overdue: lines.filter((l) => l.status === 'overdue'),
    dueNextPeriod: live
      .filter((t) => t.dueDates.some((d) => (d.completedOn === null || d.completedOn > period.cutoff)
        && within(d.dueOn, period.nextWindowStart, period.nextWindowEnd)))
      .map((t) => byId.get(t.id)!),
  };
}
