import { completionSentence, formatPercent, formatRatio } from '../common/vietnamese-format.js';

/** Raw counts for one group of tasks, as the aggregate query returns them. */
export interface ProgressCounts {
  planned: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
}

export interface ProgressFigures extends ProgressCounts {
  /** Not completed as of the date, and no due date passed yet. */
  inProgress: number;
  ratio: string;
  percent: string;
  summary: string;
}

export function progressFigures(c: ProgressCounts): ProgressFigures {
  return {
    ...c,
    inProgress: c.planned - c.completed - c.overdue,
    ratio: formatRatio(c.completed, c.planned),
    percent: formatPercent(c.completed, c.planned),
    summary: completionSentence(c.completed, c.planned),
  };
}

export function sumCounts(rows: ProgressCounts[]): ProgressCounts {
  const total: ProgressCounts = { planned: 0, completed: 0, completedOnTime: 0, completedLate: 0, overdue: 0 };
  for (const r of rows) {
    for (const k of Object.keys(total) as (keyof ProgressCounts)[]) total[k] += r[k];
  }
  return total;
}
