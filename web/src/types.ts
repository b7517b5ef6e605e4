/**
 * The shapes of the API's answers the views read. To be replaced by the types
 * generated from /api/docs-json (npm run api:types → web/src/api/schema.d.ts)
 * once the document describes every answer.
 */
import type { PlanStatus, Role, TaskStatus } from './server.js';

export interface Me {
  id: number;
  username: string;
  role: Role;
  roleLabel: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  officialId: number | null;
  mustChangePassword: boolean;
  grants: { role: Role; label: string; needsOfficial: boolean }[];
}

export interface DueDate {
  dueOn: string | null;
  label: string | null;
  completedOn: string | null;
  evidence: string | null;
  onTime: boolean | null;
}

export interface Task {
  id: number;
  planId: number;
  phuLuc: number;
  ordinal: number;
  content: string;
  products: string[];
  leadText: string;
  coordinatorsText: string;
  deadlineText: string;
  /** the parser's raw items are left out of lists (?compact=true) */
  schedule: { kind: string; dueDates: string[]; needsReview: boolean; notes: string[] };
  assigneeId: number | null;
  coordinatorIds: number[];
  status: TaskStatus;
  dueDates: DueDate[];
  version: number;
}

export interface Unassigned {
  taskId: number;
  phuLuc: number;
  ordinal: number;
  leadText: string;
  reason: string;
}

export interface PlanSummary {
  id: number;
  unitId: number;
  number: string;
  title: string;
  year: number;
  issuedOn: string | null;
  decision: string | null;
  status: PlanStatus;
  version: number;
}

export interface Plan extends PlanSummary {
  phuLucs: { id: number; number: number; title: string; heading: string | null; tasks: Task[] }[];
  unassigned: Unassigned[];
  taskCount: number;
}

export interface Figures {
  planned: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  inProgress: number;
  ratio: string;
  percent: string;
  summary: string;
}

export interface Progress extends Figures {
  asOf: string;
  phuLucs: (Figures & { phuLuc: number; title: string })[];
}

export interface Official {
  id: number;
  unitId: number;
  fullName: string;
  position: string;
  role: string;
  email: string | null;
  active: boolean;
}

export interface Notice {
  id: number;
  officialId: number;
  taskId: number | null;
  kind: string;
  dueOn: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
