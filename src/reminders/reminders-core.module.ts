import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer.service.js';
import { ReminderDeliveryService } from './reminder-delivery.service.js';
import { ReminderScheduler } from './reminder-scheduler.service.js';

/** Scheduling and delivery, used by the plan and task services after each change. */
@Global()
@Module({
  providers: [ReminderScheduler, ReminderDeliveryService, Mailer],
  exports: [ReminderScheduler, ReminderDeliveryService, Mailer],
})
export class RemindersCoreModule {}
