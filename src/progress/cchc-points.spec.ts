import { cchcThresholdsProblem } from '../organization/cchc-thresholds.js';
import { cchcPoints, DEFAULT_CCHC_THRESHOLDS } from './cchc-points.js';

describe('the plan criterion of the CCHC index', () => {
  it('gives 30/32 (93,75%) the full 2 points under the default thresholds', () => {
    const p = cchcPoints(30, 32);
    expect(p).toMatchObject({ points: 2, maxPoints: 2, percent: '93,75%', thresholds: DEFAULT_CCHC_THRESHOLDS });
    expect(p.text).toBe('Mức độ thực hiện kế hoạch CCHC: đạt 93,75% (trên 90%), tự đánh giá 2/2 điểm');
    expect(p.rule).toBe('trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm');
  });

  it.each([
    [29, 32, 2], // 90,63% > 90
    [9, 10, 1], // exactly 90%: not above it
    [91, 100, 2],
    [7, 10, 1], // exactly 70%
    [69, 100, 0],
    [0, 0, 0],
  ])('%i/%i → band of %i points', (completed, planned, points) => {
    expect(cchcPoints(completed, planned).points).toBe(points);
  });

  it('uses the superior unit\'s own thresholds and names them', () => {
    const t = { fullAbove: 95, partialFrom: 80, fullPoints: 3, partialPoints: 1.5 };
    const p = cchcPoints(30, 32, t, 'UBND huyện Hoằng Hóa');
    expect(p).toMatchObject({ points: 1.5, maxPoints: 3, thresholdsFrom: 'UBND huyện Hoằng Hóa' });
    expect(p.rule).toBe('trên 95%: 3 điểm; từ 80% đến 95%: 1,5 điểm; dưới 80%: 0 điểm');
  });

  it('refuses thresholds that do not hold together', () => {
    expect(cchcThresholdsProblem(DEFAULT_CCHC_THRESHOLDS)).toBeNull();
    expect(cchcThresholdsProblem({ ...DEFAULT_CCHC_THRESHOLDS, partialFrom: 95 })).toMatch(/Ngưỡng/);
    expect(cchcThresholdsProblem({ ...DEFAULT_CCHC_THRESHOLDS, fullPoints: 0 })).toMatch(/Điểm/);
  });
});
