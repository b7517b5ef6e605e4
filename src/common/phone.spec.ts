import { formatPhone, normalizePhone } from './phone.js';

describe('phone numbers', () => {
  it('stores a Vietnamese mobile number as 84 and nine digits, however it is written', () => {
    expect(normalizePhone('0912345678')).toBe('84912345678');
    expect(normalizePhone('0912 345 678')).toBe('84912345678');
    expect(normalizePhone('+84 912.345.678')).toBe('84912345678');
    expect(normalizePhone('84387654321')).toBe('84387654321');
    expect(normalizePhone('(+84) 70-123-4567')).toBe('84701234567');
  });
  it('refuses a landline, a short or long number, letters', () => {
    expect(normalizePhone('02438123456')).toBeNull(); // Hà Nội landline
    expect(normalizePhone('091234567')).toBeNull();
    expect(normalizePhone('09123456789')).toBeNull();
    expect(normalizePhone('0912abc678')).toBeNull();
    expect(normalizePhone('0612345678')).toBeNull();
    expect(normalizePhone('')).toBeNull();
  });
  it('shows a stored number the way people write it', () => {
    expect(formatPhone('84912345678')).toBe('0912 345 678');
  });
});
