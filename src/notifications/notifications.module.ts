import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { ZaloModule } from '../zalo/zalo.module.js';
import { Mailer } from './mailer.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { ZaloStatusController } from './zalo-status.controller.js';
import { ZaloStatusService } from './zalo-status.service.js';

/** Messages to officials (in-app and mail), once each; used by reminders and reports alike. */
@Module({
  imports: [OrganizationModule, ZaloModule],
  controllers: [NotificationsController, ZaloStatusController],
  providers: [NotificationsService, NotificationsRepository, Mailer, ZaloStatusService],
  exports: [NotificationsService, NotificationsRepository, ZaloModule],
})
export class NotificationsModule {}
