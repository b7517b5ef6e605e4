/**
 * What the server decides, taken from the server's own modules (pure, no Nest
 * or TypeORM): roles and their words, the permission matrix, statuses and
 * their words, local dates, Vietnamese numbers, the views' addresses.
 * Nothing here is restated by hand.
 */
export { ROLE_LABELS, type Role } from '../../src/access/roles.js';
export { decide, mayTake, type Action } from '../../src/access/permissions.js';
export type { UserActor } from '../../src/access/actor.js';
export { formatCount, formatPercent, formatRatio, completionSentence, formatFileSize } from '../../src/common/vietnamese-format.js';
export { formatVnDate, todayLocal, isLocalDate, addDays, daysBetween, localDateOf } from '../../src/common/local-date.js';
export { PLAN_STATUS_LABELS, type PlanStatus } from '../../src/plans/plan-status.js';
export {
  TASK_STATE_LABELS, DUE_STATE_LABELS, taskStateOn, dueStateOn, nextDue, type TaskState, type DueState, type TaskStatus,
} from '../../src/tasks/task-state.js';
export { shorten } from '../../src/common/vietnamese-text.js';
export { VIEW_PATHS, taskPath, planPath, isViewPath, type ViewName } from '../../src/common/web-paths.js';
export { auditFieldLabel, taskActionLabel } from '../../src/audit/audit-labels.js';
export { reminderKindLabel, REMINDER_STATE_LABELS } from '../../src/reminders/reminder-plan.js';
