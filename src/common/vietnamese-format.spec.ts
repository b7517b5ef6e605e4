import { completionSentence, formatCount, formatPercent, formatRatio, formatFileSize } from './vietnamese-format.js';

describe('Vietnamese number format', () => {
  it.each([
    [30, 32, '93,75%'],
    [10, 28, '35,71%'],
    [32, 32, '100%'],
    [0, 32, '0%'],
    [1, 3, '33,33%'],
    [2, 3, '66,67%'],
    [1, 8, '12,5%'],
    [1, 40, '2,5%'],
    [1, 200, '0,5%'],
    [0, 0, '0%'],
  ])('%i of %i is %s', (done, planned, expected) => {
    expect(formatPercent(done, planned)).toBe(expected);
  });

  it('rounds half up on the second decimal', () => {
    // 1/16 = 6.25 exactly; 1/800 = 0.125 → 0.13
    expect(formatPercent(1, 16)).toBe('6,25%');
    expect(formatPercent(1, 800)).toBe('0,13%');
  });

  it('writes thousands with dots', () => {
    expect(formatCount(1237)).toBe('1.237');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(999)).toBe('999');
    expect(formatRatio(1500, 2000)).toBe('1.500/2.000');
  });

  it('builds the report sentence', () => {
    expect(completionSentence(30, 32)).toBe('đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch');
  });
});

describe('formatFileSize', () => {
  it('writes kilobytes whole and megabytes to one decimal with a comma', () => {
    expect(formatFileSize(0)).toBe('1 KB');
    expect(formatFileSize(870_400)).toBe('850 KB');
    expect(formatFileSize(1024 * 1024)).toBe('1 MB');
    expect(formatFileSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatFileSize(20 * 1024 * 1024 - 1)).toBe('20 MB');
    expect(formatFileSize(1234 * 1024 * 1024)).toBe('1.234 MB');
  });
});
