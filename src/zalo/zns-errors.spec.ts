import { ZNS_ERRORS, znsError } from './zns-errors.js';

describe('ZNS error codes', () => {
  it('says what to do about each failure', () => {
    expect(znsError(-124).kind).toBe('token');
    for (const code of [-108, -114, -118, -119, -139]) expect(znsError(code).kind).toBe('recipient');
    for (const code of [-109, -112, -117, -131]) expect(znsError(code).kind).toBe('template');
    expect(znsError(-144).kind).toBe('quota');
    expect(znsError(-120).kind).toBe('account');
    expect(znsError(-100).kind).toBe('transient');
  });
  it('words every one in Vietnamese, an unknown code too, with no English left in', () => {
    expect(znsError(-108).message).toBe('Số điện thoại không hợp lệ');
    expect(znsError(-999)).toEqual({ kind: 'transient', message: 'Zalo từ chối gửi tin (mã lỗi -999)' });
    for (const { message } of Object.values(ZNS_ERRORS)) expect(message).not.toMatch(/\b(error|invalid|token|user)\b/i);
  });
});
