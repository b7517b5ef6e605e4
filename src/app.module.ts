import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/env.js';
import { DatabaseModule } from './database/database.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { OrganizationModule } from './organization/organization.module.js';
import { PlansModule } from './plans/plans.module.js';
import { QueueModule } from './queue/queue.module.js';
import { JobsModule } from './queue/jobs.module.js';
import { RemindersCoreModule } from './reminders/reminders-core.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  /** worker: this process exists to run the reminder worker (src/worker.ts), with no HTTP server. */
  static forRoot(config: AppConfig, opts: { worker?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule,
        AuthModule,
        AuditModule,
        RemindersCoreModule,
        RemindersModule,
        JobsModule.forRoot({ forceWorker: !!opts.worker }),
        OrganizationModule,
        PlansModule,
        TasksModule,
        ReportsModule,
        DeadlinesModule,
        HealthModule,
        DemoModule,
        WebModule,
      ],
    };
  }
}
