/**
 * What a password must be, and how a password to hand over is made from
 * random bytes. Pure: the server (passwords.ts) and the web app (which makes
 * a first password in the browser and shows it once) share it.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Why a new password is refused, in words the person reads; null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN) return `mật khẩu phải dài ít nhất ${PASSWORD_MIN} ký tự`;
  if (password.length > PASSWORD_MAX) return `mật khẩu dài quá ${PASSWORD_MAX} ký tự`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'mật khẩu không được chứa tên đăng nhập';
  if (/^(.)\1*$/.test(password)) return 'mật khẩu không được chỉ lặp lại một ký tự';
  return null;
}

/** No look-alikes (l, 1, I, o, 0, O): it is read aloud or copied from a screen. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password of one character per random byte. */
export function passwordFromBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}
