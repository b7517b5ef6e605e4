import { DynamicModule, Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { RemindersBootstrap } from './reminders-bootstrap.service.js';
import { FORCE_WORKER, RemindersProcessor } from './reminders.processor.js';
import { TaskRemindersController } from './task-reminders.controller.js';

/** The reminders feature: its endpoints, the worker, and what runs at start-up. */
@Module({})
export class RemindersModule {
  static forRoot(opts: { forceWorker: boolean; http: boolean }): DynamicModule {
    return {
      module: RemindersModule,
      imports: [ReportsModule],
      controllers: opts.http ? [NotificationsController, TaskRemindersController] : [],
      providers: [RemindersProcessor, RemindersBootstrap, NotificationsService, { provide: FORCE_WORKER, useValue: opts.forceWorker }],
      exports: [RemindersProcessor],
    };
  }
}
