import { parseHolidays, SHIPPED_HOLIDAYS, workingCalendar, workingDayOnOrAfter, workingDayOnOrBefore } from './working-days.js';

describe('working days', () => {
  it('moves a Saturday or a Sunday to the Friday before, and keeps a weekday', () => {
    expect(workingDayOnOrBefore('2026-11-29')).toBe('2026-11-27'); // Sunday → Friday
    expect(workingDayOnOrBefore('2026-11-28')).toBe('2026-11-27'); // Saturday → Friday
    expect(workingDayOnOrBefore('2026-11-30')).toBe('2026-11-30'); // Monday
    expect(workingDayOnOrAfter('2026-11-28')).toBe('2026-11-30');
  });

  it('moves a day in Tết to the last working day before Tết (2026 and 2027)', () => {
    // Tết Bính Ngọ: off from Saturday 14/02/2026 to Sunday 22/02/2026
    expect(workingDayOnOrBefore('2026-02-17')).toBe('2026-02-13');
    expect(workingDayOnOrBefore('2026-02-22')).toBe('2026-02-13');
    expect(workingDayOnOrAfter('2026-02-17')).toBe('2026-02-23');
    // Tết Đinh Mùi: mùng 1 is Saturday 06/02/2027, off 04–10/02
    expect(workingDayOnOrBefore('2027-02-06')).toBe('2027-02-03');
    expect(workingDayOnOrBefore('2027-02-10')).toBe('2027-02-03');
    // 30/4 and 1/5 of 2026 are Thursday and Friday: a reminder on Sunday 03/05 goes on Wednesday 29/04
    expect(workingDayOnOrBefore('2026-05-03')).toBe('2026-04-29');
    // 02/09/2026 with 01/09: back to Monday 31/08
    expect(workingDayOnOrBefore('2026-09-02')).toBe('2026-08-31');
    expect(workingDayOnOrBefore('2027-01-01')).toBe('2026-12-31');
  });

  it('ships only real dates, sorted by year, of 2026 and 2027', () => {
    expect(parseHolidays(SHIPPED_HOLIDAYS.join(','))).toEqual([...SHIPPED_HOLIDAYS]);
    expect(new Set(SHIPPED_HOLIDAYS.map((d) => d.slice(0, 4)))).toEqual(new Set(['2026', '2027']));
  });

  it('adds the days of HOLIDAYS, written dd/mm/yyyy or yyyy-mm-dd, and refuses one that is not a date', () => {
    expect(parseHolidays('24/11/2026, 2027-11-24')).toEqual(['2026-11-24', '2027-11-24']);
    expect(parseHolidays('')).toEqual([]);
    expect(parseHolidays(undefined)).toEqual([]);
    expect(parseHolidays('30/02/2026')).toBeNull();
    expect(parseHolidays('mai')).toBeNull();
    const cal = workingCalendar(parseHolidays('24/11/2026')!);
    expect(workingDayOnOrBefore('2026-11-24', cal)).toBe('2026-11-23');
    expect(workingDayOnOrBefore('2026-11-24')).toBe('2026-11-24');
  });
});
