import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('mat-khau-dai');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'mat-khau-dai')).toBe(true);
    expect(await verifyPassword(hash, 'mat-khau-sai')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short passwords, ones containing the username, and one repeated character, in Vietnamese', () => {
    expect(passwordProblem('ngan', 'tuphap')).toMatch(/ít nhất 8 ký tự/);
    expect(passwordProblem('TuPhap2023', 'tuphap')).toMatch(/tên đăng nhập/);
    expect(passwordProblem('aaaaaaaaaa', 'tuphap')).toMatch(/lặp lại/);
    expect(passwordProblem('x'.repeat(129), 'tuphap')).toMatch(/dài quá/);
    expect(passwordProblem('demo@2023', 'chutich')).toBeNull();
  });

  it('generates 16 characters with no look-alikes', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(generatePassword()).not.toBe(p);
  });
});
