import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from '../access/access.guard.js';
import { AccessModule } from '../access/access.module.js';
import { Authenticator } from '../access/authenticator.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { RateLimitsModule } from '../redis/rate-limits.js';
import { LoginLimiter } from './login-limiter.js';
import { RequestAuth } from './request-auth.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsProcessor } from './sessions.processor.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/**
 * Sign-in and sessions: tokens, cookies, the login limit, and who is calling.
 * It installs access's guard on every route, providing the Authenticator the
 * guard needs.
 */
@Module({
  imports: [AccessModule, AccountsModule, OrganizationModule, RateLimitsModule],
  controllers: [SessionsController],
  providers: [
    SessionsService, SessionsRepository, SessionsProcessor, LoginLimiter, RequestAuth,
    { provide: Authenticator, useExisting: RequestAuth },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [Authenticator],
})
export class SessionsModule {}
