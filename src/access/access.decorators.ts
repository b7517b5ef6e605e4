import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiErrors, type ErrorStatus } from '../common/api-errors.js';
import type { Request } from 'express';
import type { UserActor } from './actor.js';
import { PERMISSIONS, type Action, type Rule } from './permissions.js';
import { ROLES } from './roles.js';
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
  applyDecorators(
    SetMetadata(ACCESS, { action, ...(resource ? { resource: { kind: resource, param } } : {}) } satisfies AccessMeta),
    ApiErrors(...refusals(action, resource)),
  );

/**
 * What the guard can answer for this decision, for the OpenAPI document: 401
 * always; 403 when a role lacks the action or needs to lead the task, and on
 * every action but 'self' to an account that must change its password first
 * (a 'self' route that changes something declares its CSRF 403 itself); 404
 * when the route names a resource (missing, another commune's, or a
 * notification sent to someone else).
 */
export function refusals(action: Action, resource?: ResourceKind): ErrorStatus[] {
  const rule: Rule = PERMISSIONS[action];
  const forbidden = action !== 'self' || ROLES.some((r) => rule[r] === undefined);
  return [401, ...(forbidden ? [403 as const] : []), ...(resource ? [404 as const] : [])];
}

export type AuthedRequest = Request & { actor?: UserActor };

/** The signed-in person, set by the guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): UserActor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw new Error('CurrentActor on a route without a signed-in person');
  return actor;
});
