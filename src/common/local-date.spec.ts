import { formatVnDate, isLocalDate, localDateOf } from './local-date.js';

describe('local dates in Asia/Ho_Chi_Minh', () => {
  it('takes the Vietnamese calendar day of an instant, not the UTC one', () => {
    // 17:30 UTC on 31/12 is already 00:30 on 1/1 in Hanoi.
    expect(localDateOf(new Date('2023-12-31T17:30:00Z'))).toBe('2024-01-01');
    expect(localDateOf(new Date('2023-12-31T16:59:59Z'))).toBe('2023-12-31');
  });

  it('accepts only real calendar days', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-04-31')).toBe(false);
    expect(isLocalDate('2023-13-01')).toBe(false);
    expect(isLocalDate('2023-1-01')).toBe(false);
    expect(isLocalDate('15/11/2023')).toBe(false);
    expect(isLocalDate(20231115)).toBe(false);
  });

  it('writes dd/mm/yyyy', () => {
    expect(formatVnDate('2023-11-05')).toBe('05/11/2023');
  });
});
