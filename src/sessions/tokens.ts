import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** What an access token says: the account and the sign-in it belongs to. */
export interface TokenClaims {
  userId: number;
  sessionId: string;
  issuedAt: number;
  expiresAt: number;
}

const ISSUER = 'cchc-tracker';
const key = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(secret: string, userId: number, sessionId: string, ttlSeconds: number, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

export type TokenProblem = 'expired' | 'invalid';

/** The claims of a genuine, unexpired token; otherwise why not. Only HS256 is accepted ("alg: none" is not). */
export async function verifyAccessToken(secret: string, token: string): Promise<TokenClaims | TokenProblem> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], issuer: ISSUER });
    const userId = Number(payload.sub);
    if (!Number.isInteger(userId) || typeof payload.sid !== 'string' || !payload.exp || !payload.iat) return 'invalid';
    return { userId, sessionId: payload.sid, issuedAt: payload.iat, expiresAt: payload.exp };
  } catch (e) {
    return e instanceof errors.JWTExpired ? 'expired' : 'invalid';
  }
}

/**
 * The anti-forgery token of a sign-in: derived from the session, so the server
 * keeps nothing, and a page of another site, which cannot read our cookies,
 * cannot produce it.
 */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
