import { randomBytes } from 'node:crypto';
import { isSealed, newSecretsKey, open, parseSecretsKey, seal, SecretUnreadable, sealedLength } from './secret-box.js';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = seal(key, 'khóa-bí-mật-của-ứng-dụng');
    const b = seal(key, 'khóa-bí-mật-của-ứng-dụng');
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('khóa');
    expect(open(key, a)).toBe('khóa-bí-mật-của-ứng-dụng');
    expect(open(key, seal(key, ''))).toBe('');
  });

  it('refuses a wrong key, an altered value and a value never sealed', () => {
    const sealed = seal(key, 'refresh-token');
    expect(() => open(randomBytes(32), sealed)).toThrow(SecretUnreadable);
    const raw = Buffer.from(sealed.slice(5), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => open(key, `enc1:${raw.toString('base64url')}`)).toThrow(SecretUnreadable);
    expect(() => open(key, 'refresh-token')).toThrow(SecretUnreadable);
    expect(() => open(key, 'enc1:abc')).toThrow(SecretUnreadable);
  });

  it('stays within the size the columns are made for', () => {
    expect(seal(key, 'x'.repeat(1000)).length).toBeLessThanOrEqual(sealedLength(1000));
    expect(seal(key, 'ạ'.repeat(200)).length).toBeLessThanOrEqual(sealedLength(600));
    expect(sealedLength(1000)).toBeLessThanOrEqual(1400);
  });

  it('reads a key as 64 hex digits or base64(url) of 32 bytes, nothing else', () => {
    const k = randomBytes(32);
    expect(parseSecretsKey(k.toString('hex'))).toEqual(k);
    expect(parseSecretsKey(k.toString('base64'))).toEqual(k);
    expect(parseSecretsKey(k.toString('base64url'))).toEqual(k);
    expect(parseSecretsKey(newSecretsKey())).toHaveLength(32);
    expect(parseSecretsKey('ngắn quá')).toBeNull();
    expect(parseSecretsKey(randomBytes(16).toString('hex'))).toBeNull();
  });
});
