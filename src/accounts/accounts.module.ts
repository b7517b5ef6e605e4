import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { RateLimitsModule } from '../redis/rate-limits.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';

/** Accounts: who may sign in, with which role, tied to which unit and official; the first administrator. */
@Module({
  imports: [EventsModule, OrganizationModule, RateLimitsModule],
  controllers: [AccountsController],
  providers: [AccountsService, AccountsRepository],
  exports: [AccountsService, AccountsRepository],
})
export class AccountsModule {}
