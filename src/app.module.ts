import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from './access/access.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/env.js';
import { DatabaseModule } from './database/database.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrganizationModule } from './organization/organization.module.js';
import { PlansModule } from './plans/plans.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { QueueModule } from './queue/queue.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { ENTITIES } from './schema.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { WebModule } from './web/web.module.js';

/**
 * The composition root: the one place that knows every feature. Features are
 * listed from the lowest (access) to the highest (web); each imports only the
 * modules below it (docs/architecture.md, and .dependency-cruiser.cjs checks it).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(ENTITIES),
        QueueModule,
        DeadlinesModule,
        AccessModule,
        AuditModule,
        OrganizationModule,
        AccountsModule,
        SessionsModule,
        PlansModule,
        TasksModule,
        ProgressModule,
        EvidenceModule,
        NotificationsModule,
        RemindersModule,
        ReportsModule,
        DemoModule,
        HealthModule,
        WebModule,
      ],
    };
  }
}
