import { generationDay, periodsCutOffOn, reportingYearStart, reportPeriod } from './periods.js';

describe('report periods', () => {
  it.each([
    ['Q1', '2022-12-15', '2023-03-14'],
    ['Q2', '2023-03-15', '2023-06-14'],
    ['H1', '2022-12-15', '2023-06-14'],
    ['Q3', '2023-06-15', '2023-09-14'],
    ['M9', '2022-12-15', '2023-09-14'],
    ['Q4', '2023-09-15', '2023-12-14'],
    ['YEAR', '2022-12-15', '2023-12-14'],
  ] as const)('Ministry regime: %s 2023 is %s – %s', (code, start, end) => {
    const p = reportPeriod(code, 2023, 'ministry');
    expect([p.windowStart, p.windowEnd, p.cutoff]).toEqual([start, end, end]);
  });

  it.each([
    ['Q1', '2023-01-01', '2023-03-31'],
    ['Q2', '2023-04-01', '2023-06-30'],
    ['H1', '2023-01-01', '2023-06-30'],
    ['Q3', '2023-07-01', '2023-09-30'],
    ['M9', '2023-01-01', '2023-09-30'],
    ['Q4', '2023-10-01', '2023-12-31'],
    ['YEAR', '2023-01-01', '2023-12-31'],
  ] as const)('calendar quarters: %s 2023 is %s – %s', (code, start, end) => {
    const p = reportPeriod(code, 2023, 'calendar');
    expect([p.windowStart, p.windowEnd, p.cutoff]).toEqual([start, end, end]);
  });

  it('names the period as reports title it', () => {
    expect(reportPeriod('Q2', 2023, 'ministry')).toMatchObject({ label: 'Quý II', titleText: 'quý II năm 2023' });
    expect(reportPeriod('H1', 2023, 'ministry').titleText).toBe('6 tháng đầu năm 2023');
    expect(reportPeriod('YEAR', 2023, 'calendar').titleText).toBe('năm 2023');
  });

  it('knows the next period, across the year end', () => {
    expect(reportPeriod('Q2', 2023, 'ministry')).toMatchObject({ nextWindowStart: '2023-06-15', nextWindowEnd: '2023-09-14' });
    expect(reportPeriod('H1', 2023, 'calendar')).toMatchObject({ nextWindowStart: '2023-07-01', nextWindowEnd: '2023-09-30' });
    expect(reportPeriod('YEAR', 2023, 'ministry')).toMatchObject({ nextWindowStart: '2023-12-15', nextWindowEnd: '2024-03-14' });
    expect(reportPeriod('Q4', 2023, 'calendar')).toMatchObject({ nextWindowStart: '2024-01-01', nextWindowEnd: '2024-03-31' });
  });

  it('tells which periods are cut off on a day, and when they are generated', () => {
    expect(periodsCutOffOn('2023-06-14', 'ministry').map((p) => p.code)).toEqual(['Q2', 'H1']);
    expect(periodsCutOffOn('2023-12-14', 'ministry').map((p) => p.code)).toEqual(['Q4', 'YEAR']);
    expect(periodsCutOffOn('2023-06-30', 'ministry')).toEqual([]);
    expect(periodsCutOffOn('2023-09-30', 'calendar').map((p) => p.code)).toEqual(['Q3', 'M9']);
    expect(generationDay(reportPeriod('YEAR', 2023, 'calendar'))).toBe('2024-01-01');
    expect(reportingYearStart(2023, 'ministry')).toBe('2022-12-15');
  });

  it('handles leap years in the calendar convention', () => {
    expect(reportPeriod('Q1', 2024, 'calendar').cutoff).toBe('2024-03-31');
  });
});
