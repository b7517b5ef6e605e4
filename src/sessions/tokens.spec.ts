import { csrfTokenFor, sameToken, signAccessToken, verifyAccessToken } from './tokens.js';

const SECRET = 'unit-test-secret-0123456789abcdef0123';

describe('access tokens', () => {
  it('round-trips the account and the session', async () => {
    const { token, expiresAt } = await signAccessToken(SECRET, 7, 'sess-1', 60);
    const claims = await verifyAccessToken(SECRET, token);
    expect(claims).toMatchObject({ userId: 7, sessionId: 'sess-1' });
    expect(typeof claims === 'object' && claims.expiresAt * 1000).toBe(expiresAt.getTime());
  });

  it('tells an expired token from a forged one', async () => {
    const { token } = await signAccessToken(SECRET, 7, 's', 60, Date.now() - 3600_000);
    expect(await verifyAccessToken(SECRET, token)).toBe('expired');
    const good = (await signAccessToken(SECRET, 7, 's', 60)).token;
    expect(await verifyAccessToken('another-secret-0123456789abcdef0123', good)).toBe('invalid');
    const [h, p, sig] = good.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = [h, Buffer.from(JSON.stringify({ ...payload, sub: '1' })).toString('base64url'), sig].join('.');
    expect(await verifyAccessToken(SECRET, tampered)).toBe('invalid');
    const none = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), p, ''].join('.');
    expect(await verifyAccessToken(SECRET, none)).toBe('invalid');
    expect(await verifyAccessToken(SECRET, 'not-a-token')).toBe('invalid');
  });

  it('derives the anti-forgery token from the session and the secret', () => {
    expect(csrfTokenFor(SECRET, 'a')).toBe(csrfTokenFor(SECRET, 'a'));
    expect(csrfTokenFor(SECRET, 'a')).not.toBe(csrfTokenFor(SECRET, 'b'));
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
  });
});
