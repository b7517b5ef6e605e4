import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ReminderDeliveryService } from './reminder-delivery.service.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';
import { RemindersListener } from './reminders.listener.js';
import { RemindersProcessor } from './reminders.processor.js';
import { TaskRemindersController } from './task-reminders.controller.js';

/**
 * Reminders: which ones a due date should have (reminder-plan.ts), the
 * schedule in BullMQ kept equal to the database (listening to tasks, plans
 * and units), their delivery through notifications, and the daily digest.
 */
@Module({
  imports: [NotificationsModule, OrganizationModule, PlansModule, QueueModule, TasksModule],
  controllers: [TaskRemindersController],
  providers: [ReminderScheduler, ReminderDeliveryService, RemindersListener, RemindersProcessor],
  exports: [ReminderScheduler],
})
export class RemindersModule {}
