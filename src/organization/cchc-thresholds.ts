/**
 * The thresholds of the CCHC index's plan criterion, a setting of the superior
 * unit (each province issues its own scoring rules). The points themselves are
 * computed in progress/cchc-points.ts.
 */
export interface CchcThresholds {
  /** A rate above this (percent) earns the full points. */
  fullAbove: number;
  /** A rate from this (percent) up to fullAbove earns the partial points. */
  partialFrom: number;
  /** The full and partial points. */
  fullPoints: number;
  partialPoints: number;
}

export const DEFAULT_CCHC_THRESHOLDS: CchcThresholds = { fullAbove: 90, partialFrom: 70, fullPoints: 2, partialPoints: 1 };

/** Checks a unit's thresholds; a Vietnamese message when they do not hold together, else null. */
export function cchcThresholdsProblem(t: CchcThresholds): string | null {
  if (!(t.partialFrom >= 0 && t.fullAbove <= 100 && t.partialFrom <= t.fullAbove)) {
    return 'Ngưỡng điểm CCHC: phải có 0 ≤ ngưỡng 1 điểm ≤ ngưỡng điểm tối đa ≤ 100';
  }
  if (!(t.partialPoints >= 0 && t.fullPoints >= t.partialPoints)) {
    return 'Điểm CCHC: điểm tối đa phải lớn hơn hoặc bằng điểm mức dưới, và không âm';
  }
  return null;
}
