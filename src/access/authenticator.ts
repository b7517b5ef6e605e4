import type { Request, Response } from 'express';
import type { UserActor } from './actor.js';

/**
 * Who is calling, as the guard needs to know it. Access declares what it
 * needs; sign-in (src/sessions) provides it, from a token or a cookie, so that
 * the lowest feature does not depend on a higher one.
 */
export abstract class Authenticator {
  /** csrf 'same-origin': for pages of a tool (the queue board) that cannot send our header, an Origin check instead. */
  abstract identify(req: Request, res: Response, opts?: { csrf?: 'token' | 'same-origin' }): Promise<{ actor: UserActor; mustChangePassword: boolean }>;
}
