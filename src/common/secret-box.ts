import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets stored in the database (a Zalo app's secret key, an Official
 * Account's tokens), sealed with AES-256-GCM under the install's key: a copy
 * of the database alone (a dump, a backup, a stolen .sqlite file) does not
 * give them away. Sealed text: 'enc1:' and, in base64url, a 12-byte random
 * IV, the 16-byte tag, the ciphertext. The tag makes a wrong key or an
 * altered value fail to open rather than give garbage.
 */
const PREFIX = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that cannot be opened: wrong key, altered, or never sealed. */
export class SecretUnreadable extends Error {}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function open(key: Buffer, sealed: string): string {
  if (!isSealed(sealed)) throw new SecretUnreadable('not sealed');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretUnreadable('too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadable('wrong key or altered');
  }
}

/** The sealed length of a secret of `bytes` bytes (its UTF-8): for column sizes. */
export function sealedLength(bytes: number): number {
  return PREFIX.length + Math.ceil(((IV_BYTES + TAG_BYTES + bytes) * 4) / 3);
}

/** A 32-byte key written as 64 hex digits or as base64/base64url; null when it is neither. */
export function parseSecretsKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''), 'base64url');
    return b.length === 32 ? b : null;
  }
  return null;
}

/** A new key, as written in the key file (base64url). */
export function newSecretsKey(): string {
  return randomBytes(32).toString('base64url');
}
