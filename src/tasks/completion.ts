import { formatVnDate as vnDate } from '../common/local-date.js';

const formatVnDate = (d: string | null) => (d ? vnDate(d) : '(không có hạn)');

/** The part of a due-date row that completion rules look at. */
export interface Occurrence {
  dueOn: string | null;
  label: string | null;
  completedOn: string | null;
  evidence: string | null;
}

export type Refusal = { refused: string; field?: string; conflict?: boolean };

/**
 * A completion date must be a day that has happened, inside or after the plan
 * year: a task of the 2023 plan cannot have been done in 2022, nor tomorrow.
 */
export function checkCompletionDate(completedOn: string, today: string, planYear: number): Refusal | null {
  if (completedOn > today) {
    return { refused: `completedOn: ngày hoàn thành ${formatVnDate(completedOn)} ở tương lai (hôm nay là ${formatVnDate(today)})`, field: 'completedOn' };
  }
  if (completedOn < `${planYear}-01-01`) {
    return { refused: `completedOn: ngày hoàn thành ${formatVnDate(completedOn)} trước năm kế hoạch ${planYear}`, field: 'completedOn' };
  }
  return null;
}

function byDue(a: Occurrence, b: Occurrence): number {
  if (a.dueOn === b.dueOn) return 0;
  if (a.dueOn === null) return 1;
  if (b.dueOn === null) return -1;
  return a.dueOn < b.dueOn ? -1 : 1;
}

/** The due date a completion applies to: the one named, else the earliest still open. */
export function pickOccurrenceToComplete<T extends Occurrence>(occurrences: T[], dueOn?: string): T | Refusal {
  if (dueOn !== undefined) {
    const named = occurrences.find((o) => o.dueOn === dueOn);
    if (!named) return { refused: `dueOn: nhiệm vụ không có hạn ngày ${formatVnDate(dueOn)}`, field: 'dueOn' };
    if (named.completedOn) {
      return { refused: `Hạn ngày ${formatVnDate(dueOn)} đã được đánh dấu hoàn thành ngày ${formatVnDate(named.completedOn)}`, conflict: true };
    }
    return named;
  }
  const open = occurrences.filter((o) => !o.completedOn).sort(byDue)[0];
  return open ?? { refused: 'Nhiệm vụ đã hoàn thành tất cả các hạn', conflict: true };
}

/** The due date a reopening applies to: the one named, else the latest completed. */
export function pickOccurrenceToReopen<T extends Occurrence>(occurrences: T[], dueOn?: string): T | Refusal {
  if (dueOn !== undefined) {
    const named = occurrences.find((o) => o.dueOn === dueOn);
    if (!named) return { refused: `dueOn: nhiệm vụ không có hạn ngày ${formatVnDate(dueOn)}`, field: 'dueOn' };
    if (!named.completedOn) return { refused: `Hạn ngày ${formatVnDate(dueOn)} chưa hoàn thành, không cần mở lại`, conflict: true };
    return named;
  }
  const done = occurrences.filter((o) => o.completedOn).sort(byDue).at(-1);
  return done ?? { refused: 'Nhiệm vụ chưa có hạn nào hoàn thành, không cần mở lại', conflict: true };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'refused' in x;
}

/**
 * The rows a new schedule needs, carrying over what was already completed for a
 * due date that survives the edit. A task with no date keeps one undated row.
 */
export function mergeOccurrences(
  previous: Occurrence[],
  next: { dueOn: string; label: string | null }[],
): Occurrence[] {
  const wanted = next.length ? next : [{ dueOn: null, label: null }];
  return wanted.map((n) => {
    const kept = previous.find((p) => p.dueOn === n.dueOn);
    return { dueOn: n.dueOn, label: n.label, completedOn: kept?.completedOn ?? null, evidence: kept?.evidence ?? null };
  });
}

export function allCompleted(occurrences: Occurrence[]): boolean {
  return occurrences.length > 0 && occurrences.every((o) => o.completedOn !== null);
}
