import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AccessRepository } from './access.repository.js';
import { RouteDecisions } from './route-decisions.js';

/**
 * Access: the permission matrix (permissions.ts, pure), the guard every route
 * passes through (access.guard.ts), the facts it decides on (access.repository.ts)
 * and the start-up check that every route declares a decision. The guard is
 * installed by src/sessions, which provides the Authenticator it needs.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [AccessRepository, RouteDecisions],
  exports: [AccessRepository],
})
export class AccessModule {}
