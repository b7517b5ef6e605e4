import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';
import { RequestAuth } from './request-auth.service.js';
import { ResourceFactsService } from './resource-facts.service.js';
import { RouteDecisions } from './route-decisions.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts, sign-in, and the guard every route passes through. */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService, UsersService, LoginLimiter, RequestAuth, ResourceFactsService, RouteDecisions,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService, RequestAuth],
})
export class AuthModule {}
