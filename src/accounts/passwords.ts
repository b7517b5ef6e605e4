import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { passwordFromBytes } from './password-rules.js';

/**
 * argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane):
 * about 30 ms on one core, so an old office PC signs in without a wait and
 * a server is not starved by a burst of sign-ins.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time a real check would, so an unknown username cannot be told from a wrong password by timing. */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}

export { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './password-rules.js';

/** A password to hand over once (first administrator, reset): 16 characters from an alphabet with no look-alikes. */
export function generatePassword(length = 16): string {
  return passwordFromBytes(randomBytes(length));
}
