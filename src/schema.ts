import { AuditEntry } from './audit/entities/audit-entry.entity.js';
import { User } from './accounts/entities/user.entity.js';
import { Official } from './organization/entities/official.entity.js';
import { Unit } from './organization/entities/unit.entity.js';
import { DeliveryClaim } from './notifications/entities/delivery-claim.entity.js';
import { Notification } from './notifications/entities/notification.entity.js';
import { PlanImport } from './plan-files/entities/plan-import.entity.js';
import { PhuLuc } from './plans/entities/phu-luc.entity.js';
import { Plan } from './plans/entities/plan.entity.js';
import { Report } from './reports/entities/report.entity.js';
import { Session } from './sessions/entities/session.entity.js';
import { EvidenceFile } from './evidence/entities/evidence-file.entity.js';
import { FileBlob } from './storage/entities/file-blob.entity.js';
import { TaskDueDate } from './tasks/entities/task-due-date.entity.js';
import { TaskNote } from './tasks/entities/task-note.entity.js';
import { Task } from './tasks/entities/task.entity.js';
import { ZaloAccount } from './zalo/entities/zalo-account.entity.js';
import { ZaloUnitSettings } from './zalo/entities/zalo-unit-settings.entity.js';

export { MIGRATIONS } from './database/migrations/index.js';

/**
 * Every feature's entities, listed by class so the build needs no globs. Part
 * of the composition root (with app.module.ts): the database layer is handed
 * this list and imports no feature itself.
 */
export const ENTITIES = [Unit, Official, Plan, PhuLuc, Task, TaskDueDate, TaskNote, Notification, DeliveryClaim, Report, User, Session, AuditEntry, EvidenceFile, FileBlob, ZaloAccount, PlanImport, ZaloUnitSettings];
