import type { CookieOptions, Request, Response } from 'express';
import type { IssuedToken } from './sessions.service.js';

export const TOKEN_COOKIE = 'cchc_token';
/** Readable by the page's script, which echoes it in X-CSRF-Token; a page of another site cannot read it. */
export const CSRF_COOKIE = 'cchc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function options(req: Request, httpOnly: boolean, expires?: Date): CookieOptions {
  return { httpOnly, sameSite: 'strict', secure: req.secure, path: '/', ...(expires ? { expires } : {}) };
}

export function setTokenCookies(req: Request, res: Response, issued: IssuedToken): void {
  res.cookie(TOKEN_COOKIE, issued.accessToken, options(req, true, issued.expiresAt));
  res.cookie(CSRF_COOKIE, issued.csrfToken, options(req, false, issued.expiresAt));
}

export function clearTokenCookies(req: Request, res: Response): void {
  res.clearCookie(TOKEN_COOKIE, options(req, true));
  res.clearCookie(CSRF_COOKIE, options(req, false));
}
