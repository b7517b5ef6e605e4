/**
 * Everything a periodic CCHC report says, as computed at generation time and
 * stored as an immutable snapshot. The exporters (DOCX, XLSX, HTML) read only
 * this: a stored report prints the same in a year as on the day it was made.
 */
import type { Narrative } from './narrative.js';
import type { CchcPoints } from '../progress/cchc-points.js';

export const PERIOD_CODES = ['Q1', 'Q2', 'H1', 'Q3', 'M9', 'Q4', 'YEAR'] as const;
export type PeriodCode = (typeof PERIOD_CODES)[number];

export type CutoffConvention = 'ministry' | 'calendar';

export interface ReportPeriod {
  code: PeriodCode;
  year: number;
  /** "Quý I", "6 tháng", "9 tháng", "Năm", … */
  label: string;
  /** As the title says it: "quý I năm 2023", "6 tháng đầu năm 2023", "năm 2023". */
  titleText: string;
  convention: CutoffConvention;
  /** The period's own data window, local dates, inclusive: completions "in the period". */
  windowStart: string;
  windowEnd: string;
  /** Figures are cumulative from the plan year's start to this day (= windowEnd). */
  cutoff: string;
  /** The window of the following period, for "Phương hướng, nhiệm vụ kỳ tới". */
  nextWindowStart: string;
  nextWindowEnd: string;
}

export interface Figures {
  planned: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  notCompleted: number;
  /** Not completed, and no due date passed by the cut-off. */
  notCompletedWithinDeadline: number;
  /** Not completed, and a due date passed by the cut-off. */
  overdue: number;
  ratio: string;
  percent: string;
  summary: string;
}

export const TASK_LINE_STATUSES = ['completed_on_time', 'completed_late', 'in_progress', 'overdue'] as const;
export type TaskLineStatus = (typeof TASK_LINE_STATUSES)[number];

export interface ReportTaskLine {
  taskId: number;
  phuLuc: number;
  ordinal: number;
  content: string;
  products: string[];
  leadText: string;
  assigneeName: string | null;
  deadlineText: string;
  /** All due dates of the task, local dates. */
  dueDates: string[];
  /** The due date that matters for this line (the next open one, or the last one). */
  dueOn: string | null;
  /** When the task was completed (its last due date met), as of the cut-off. */
  completedOn: string | null;
  evidence: string | null;
  status: TaskLineStatus;
  /** For a task with several due dates: how many were met by the cut-off, of how many. */
  occurrences?: { done: number; total: number };
  /** Evidence files attached to its completions (name and size), as of the report. */
  files?: { id: number; name: string; size: number; dueOn: string | null }[];
}

export interface AnnexRow {
  /** "1.1", "1.1.1", … as in Phụ lục 01b. */
  code: string;
  label: string;
  value: string | number | null;
  unit: string | null;
  source: 'computed' | 'entered';
}

export interface ReportData {
  unit: { id: number; name: string; parentName: string | null; place: string };
  plan: { id: number; number: string; title: string; year: number; decision: string | null; issuedOn: string | null };
  period: ReportPeriod;
  version: number;
  generatedAt: string;
  generatedBy: string;
  figures: Figures & { phuLucs: (Figures & { phuLuc: number; title: string })[] };
  lists: {
    completedInPeriod: ReportTaskLine[];
    notCompleted: ReportTaskLine[];
    overdue: ReportTaskLine[];
    dueNextPeriod: ReportTaskLine[];
  };
  /** Every task of the plan, by Phụ lục then TT. */
  tasks: ReportTaskLine[];
  annex01b: AnnexRow[];
  /** The sections people wrote (while the version was a draft); a missing one prints as a placeholder. */
  narrative?: Narrative;
  /** The self-assessed points of the CCHC index's plan criterion, from the completion rate. */
  cchc?: CchcPoints;
  signer: { title: string; name: string | null };
}
