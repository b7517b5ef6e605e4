import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { TaskRemindersController } from './task-reminders.controller.js';

/** The reminders' endpoints: in-app notifications and a task's scheduled reminders. */
@Module({
  controllers: [NotificationsController, TaskRemindersController],
  providers: [NotificationsService],
})
export class RemindersModule {}
