import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module.js';
import { RedisModule } from '../redis/redis-keys.js';
import { ZaloSettingsController } from './zalo-settings.controller.js';
import { ZaloSettingsService } from './zalo-settings.service.js';
import { ZaloRepository } from './zalo.repository.js';
import { ZaloService } from './zalo.service.js';

/**
 * Zalo (ZNS): the Official Accounts (the install's, and superior units' own),
 * their tokens and the sending of templated messages; used by notifications.
 */
@Module({
  imports: [RedisModule, OrganizationModule],
  controllers: [ZaloSettingsController],
  providers: [ZaloService, ZaloRepository, ZaloSettingsService],
  exports: [ZaloService, ZaloRepository, ZaloSettingsService],
})
export class ZaloModule {}
