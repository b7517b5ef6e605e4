import { InitialSchema1763900000000 } from './1763900000000-initial-schema.js';
import { Reminders1763990000000 } from './1763990000000-reminders.js';
import { Reports1764000000000 } from './1764000000000-reports.js';
import { AccountsAudit1764100000000 } from './1764100000000-accounts-audit.js';
import { AuditAppendOnly1764200000000 } from './1764200000000-audit-append-only.js';
import { InstallInfo1764300000000 } from './1764300000000-install-info.js';
import { ReportSnapshots1764400000000 } from './1764400000000-report-snapshots.js';
import { ReportDrafts1764612000000 } from './1764612000000-report-drafts.js';
import { EvidenceFiles1764613000000 } from './1764613000000-evidence-files.js';
import { Zalo1764700000000 } from './1764700000000-zalo.js';
import { PlanImports1764800000000 } from './1764800000000-plan-imports.js';
import { ReminderWindow1764900000000 } from './1764900000000-reminder-window.js';
import { ZaloUnitSettings1764950000000 } from './1764950000000-zalo-unit-settings.js';
import { ZaloSentThrough1765000000000 } from './1765000000000-zalo-sent-through.js';
import { SealedSecrets1765100000000 } from './1765100000000-sealed-secrets.js';

/** Every migration, in order, listed by class so the build needs no globs. */
export const MIGRATIONS = [
  InitialSchema1763900000000, Reminders1763990000000, Reports1764000000000, AccountsAudit1764100000000, AuditAppendOnly1764200000000,
  InstallInfo1764300000000, ReportSnapshots1764400000000, ReportDrafts1764612000000, EvidenceFiles1764613000000, Zalo1764700000000, PlanImports1764800000000,
  ReminderWindow1764900000000,
  ZaloUnitSettings1764950000000,
  ZaloSentThrough1765000000000,
  SealedSecrets1765100000000,
];
