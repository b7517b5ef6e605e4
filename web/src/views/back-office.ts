/**
 * What the back-office views (Báo cáo, Cấp trên, Đơn vị, Nhật ký, Quản trị)
 * take from the server's own modules, and the shapes of the answers they read.
 */
export { REPORT_CUTOFF_LABELS, REMINDER_MODE_LABELS, OFFICIAL_ROLE_LABELS } from '../../../src/organization/organization-labels.js';
export { passwordFromBytes, passwordProblem } from '../../../src/accounts/password-rules.js';
export { reportPeriod } from '../../../src/reports/periods.js';
export { PERIOD_CODES, type PeriodCode, type ReportData, type ReportTaskLine } from '../../../src/reports/report-data.js';
export { ENTERED_ROWS } from '../../../src/reports/annex-01b.js';
export { NARRATIVE_SECTIONS, NARRATIVE_MAX_CHARS } from '../../../src/reports/narrative.js';
export { STATUS_LABELS as REPORT_LINE_STATUS_LABELS } from '../../../src/reports/export/report-text.js';
export { AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel } from '../../../src/audit/audit-labels.js';
export { formatPhone } from '../../../src/common/phone.js';
export { DEFAULT_REMINDER_SETTINGS } from '../../../src/reminders/reminder-plan.js';
import type { Role } from '../server.js';
import type { OfficialRole, ReminderMode, ReportCutoff } from '../../../src/organization/organization-labels.js';

export interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  reportCutoff: ReportCutoff;
  reminderOffsets: number[] | null;
  reminderTime: string;
  overdueEveryDays: number;
  version: number;
}

export interface OfficialRow {
  id: number;
  unitId: number;
  fullName: string;
  position: string;
  role: OfficialRole;
  email: string | null;
  active: boolean;
  reminderMode: ReminderMode;
  /** a mobile number for Zalo, stored as 84… */
  phone: string | null;
  notifyEmail: boolean;
  notifyZalo: boolean;
  version: number;
}

export interface Account {
  id: number;
  username: string;
  role: Role;
  roleLabel?: string;
  unitId: number | null;
  officialId: number | null;
  active: boolean;
  mustChangePassword: boolean;
  version: number;
}

/** A password made in this browser from its random source, shown once to whoever gives the account. */
export function newPassword(make: (b: Uint8Array) => string): string {
  return make(crypto.getRandomValues(new Uint8Array(16)));
}
