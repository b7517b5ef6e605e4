import { Official } from '../organization/entities/official.entity.js';
import { Unit } from '../organization/entities/unit.entity.js';
import { PhuLuc } from '../plans/entities/phu-luc.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { TaskDueDate } from '../tasks/entities/task-due-date.entity.js';
import { TaskNote } from '../tasks/entities/task-note.entity.js';
import { User } from '../auth/entities/user.entity.js';
import { Session } from '../auth/entities/session.entity.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { Task } from '../tasks/entities/task.entity.js';
import { Notification } from '../reminders/entities/notification.entity.js';
import { ReminderDelivery } from '../reminders/entities/reminder-delivery.entity.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { Reminders1763990000000 } from './migrations/1763990000000-reminders.js';
import { Reports1764000000000 } from './migrations/1764000000000-reports.js';
import { AccountsAudit1764100000000 } from './migrations/1764100000000-accounts-audit.js';
import { AuditAppendOnly1764200000000 } from './migrations/1764200000000-audit-append-only.js';
import { Report } from '../reports/entities/report.entity.js';

/** Every entity and migration, listed by class so the build needs no globs. */
export const ENTITIES = [Unit, Official, Plan, PhuLuc, Task, TaskDueDate, TaskNote, Notification, ReminderDelivery, Report, User, Session, AuditEntry];
export const MIGRATIONS = [InitialSchema1763900000000, Reminders1763990000000, Reports1764000000000, AccountsAudit1764100000000, AuditAppendOnly1764200000000];
