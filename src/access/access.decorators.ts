import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { UserActor } from './actor.js';
import type { Action } from './permissions.js';
import type { ResourceKind } from './access.repository.js';

export const ACCESS = 'cchc:access';

/** The access decision a route declares: public, or an action of the matrix on an optional resource. */
export type AccessMeta =
  | { public: true }
  | { public?: false; action: Action; resource?: { kind: ResourceKind; param: string } };

/** Open to anyone, signed in or not (signing in, the health check, the page itself). */
export const Public = () => SetMetadata(ACCESS, { public: true } satisfies AccessMeta);

/**
 * The action this route takes, from the permission matrix. With a resource,
 * the guard finds its unit from the path parameter (default :id) before deciding.
 */
export const Access = (action: Action, resource?: ResourceKind, param = 'id') =>
  SetMetadata(ACCESS, { action, ...(resource ? { resource: { kind: resource, param } } : {}) } satisfies AccessMeta);

export type AuthedRequest = Request & { actor?: UserActor };

/** The signed-in person, set by the guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): UserActor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw new Error('CurrentActor on a route without a signed-in person');
  return actor;
});
