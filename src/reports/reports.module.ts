import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { RateLimitsModule } from '../redis/rate-limits.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { AutoReportsService } from './auto-reports.service.js';
import { ReportRenderer } from './export/report-renderer.js';
import { ReportBuilder } from './report-builder.service.js';
import { ReportExports } from './report-exports.service.js';
import { ReportLimits } from './report-limits.js';
import { ReportRemindersService } from './report-reminders.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsProcessor } from './reports.processor.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { RollupService } from './rollup.service.js';

/**
 * Periodic reports: built (report-builder), stored as versions (reports),
 * made by themselves and announced (auto-reports, the daily job), exported
 * (DOCX, XLSX, HTML, rendered in worker threads), limited per account and
 * unit (report-limits), and the superior level's rollup.
 */
@Module({
  imports: [AccountsModule, EvidenceModule, NotificationsModule, OrganizationModule, PlansModule, ProgressModule, RateLimitsModule, TasksModule],
  controllers: [ReportsController],
  providers: [
    ReportBuilder, ReportsService, AutoReportsService, ReportExports, ReportLimits, ReportRenderer, RollupService, ReportsProcessor, ReportsRepository, ReportRemindersService,
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
