import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/env.js';
import type { UserActor } from '../access/actor.js';
import { Authenticator } from '../access/authenticator.js';
import { SessionsService } from './sessions.service.js';
import { CSRF_HEADER, setTokenCookies, TOKEN_COOKIE } from './cookies.js';
import { sameToken } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const NOT_SIGNED_IN = 'Chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.';
export const SESSION_EXPIRED = 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
export const BAD_TOKEN = 'Mã đăng nhập không hợp lệ. Vui lòng đăng nhập lại.';
export const BAD_CSRF = 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Hãy tải lại trang.';

/**
 * Who is calling: from "Authorization: Bearer" (clients) or the httpOnly
 * cookie (the web page). A cookie-borne request that changes something must
 * also carry the anti-forgery token, and a cookie past half its life is renewed.
 */
@Injectable()
export class RequestAuth implements Authenticator {
  constructor(private readonly auth: SessionsService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** csrf 'same-origin': for pages of a tool (the queue board) that cannot send our header, an Origin check instead. */
  async identify(req: Request, res: Response, opts: { csrf?: 'token' | 'same-origin' } = {}): Promise<{ actor: UserActor; mustChangePassword: boolean }> {
    const header = req.headers.authorization;
    let token: string | undefined;
    let viaCookie = false;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new UnauthorizedException(BAD_TOKEN);
      token = match[1];
    } else {
      token = (req.cookies as Record<string, string> | undefined)?.[TOKEN_COOKIE];
      viaCookie = !!token;
    }
    if (!token) throw new UnauthorizedException(NOT_SIGNED_IN);
    const result = await this.auth.authenticate(token);
    if (result === 'expired') throw new UnauthorizedException(SESSION_EXPIRED);
    if (result === 'invalid') throw new UnauthorizedException(BAD_TOKEN);
    if (viaCookie) {
      if (!SAFE_METHODS.has(req.method)) {
        if (opts.csrf === 'same-origin') {
          const origin = req.headers.origin ?? req.headers.referer;
          if (!origin || hostOf(origin) !== req.headers.host) throw new ForbiddenException(BAD_CSRF);
        } else {
          const sent = req.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !sameToken(sent, this.auth.csrfToken(result.actor.sessionId))) {
            throw new ForbiddenException(BAD_CSRF);
          }
        }
      }
      const now = Date.now() / 1000;
      if (now - result.claims.issuedAt > (result.claims.expiresAt - result.claims.issuedAt) / 2) {
        setTokenCookies(req, res, await this.auth.issue(result.actor.userId, result.actor.sessionId));
      }
    }
    return { actor: result.actor, mustChangePassword: result.mustChangePassword };
  }
}

/** The host of an Origin or Referer header; null when it is no absolute URL ("null", garbage): never ours. */
function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host : null;
}
