import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { NotFound } from '../common/errors.js';
import { ACCESS, AccessMeta, AuthedRequest } from './access.decorators.js';
import { decide } from './permissions.js';
import { AccessRepository, RESOURCE_LABELS } from './access.repository.js';
import { Authenticator } from './authenticator.js';

export const FORBIDDEN = 'Bạn không có quyền thực hiện thao tác này';
export const MUST_CHANGE_PASSWORD = 'Mật khẩu đã được đặt lại: hãy đổi mật khẩu trước khi tiếp tục';

/**
 * The one gate of every route: who is calling (401), may their role take the
 * action (403), is the resource theirs to see (404), and its conditions (the
 * lead official) met (403). A route that declares nothing is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly resources: AccessRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.getAllAndOverride<AccessMeta | undefined>(ACCESS, [ctx.getHandler(), ctx.getClass()]);
    if (!meta) throw new ForbiddenException(FORBIDDEN); // fail closed; start-up refuses such routes anyway
    if (meta.public) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const { actor, mustChangePassword } = await this.authenticator.identify(req, ctx.switchToHttp().getResponse<Response>());
    req.actor = actor;
    if (mustChangePassword && meta.action !== 'self') throw new ForbiddenException(MUST_CHANGE_PASSWORD);
    let decision = decide(actor, meta.action);
    if (decision === 'allow' && meta.resource) {
      const raw = req.params[meta.resource.param];
      // a malformed id is the validation pipe's to refuse (400); it names no resource
      if (typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647) {
        decision = decide(actor, meta.action, await this.resources.facts(meta.resource.kind, Number(raw)));
        if (decision === 'not_found') throw new NotFound(RESOURCE_LABELS[meta.resource.kind], raw);
      }
    }
    if (decision !== 'allow') throw new ForbiddenException(FORBIDDEN);
    return true;
  }
}
