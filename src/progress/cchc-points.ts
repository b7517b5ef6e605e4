import { formatPercent } from '../common/vietnamese-format.js';
import { DEFAULT_CCHC_THRESHOLDS, type CchcThresholds } from '../organization/cchc-thresholds.js';

export { DEFAULT_CCHC_THRESHOLDS, type CchcThresholds };

/**
 * The plan criterion of the CCHC index ("mức độ thực hiện kế hoạch CCHC"):
 * points self-assessed from the plan's completion rate. Each province issues
 * its own scoring rules, so the thresholds are a setting of the superior unit;
 * by default above 90 % gives 2 points, 70 % to 90 % gives 1, below 70 % none.
 */
export interface CchcPoints {
  /** The points earned. */
  points: number;
  /** The most the criterion gives. */
  maxPoints: number;
  /** The completion rate as printed ("93,75%"). */
  percent: string;
  /** The thresholds used, and whose they are (the superior unit's, or the default). */
  thresholds: CchcThresholds;
  thresholdsFrom: string | null;
  /** "Mức độ thực hiện kế hoạch CCHC: đạt 93,75% (trên 90%), tự đánh giá 2/2 điểm" */
  text: string;
  /** How the thresholds read: "trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm" */
  rule: string;
}

const num = (n: number) => String(n).replace('.', ',');
const pct = (n: number) => `${num(n)}%`;

export function cchcRule(t: CchcThresholds): string {
  return `trên ${pct(t.fullAbove)}: ${num(t.fullPoints)} điểm; từ ${pct(t.partialFrom)} đến ${pct(t.fullAbove)}: ${num(t.partialPoints)} điểm; dưới ${pct(t.partialFrom)}: 0 điểm`;
}

/** The points for `completed` of `planned` tasks; the rate is compared exactly (30/32 is 93.75 %, not a rounded figure). */
export function cchcPoints(completed: number, planned: number, thresholds: CchcThresholds = DEFAULT_CCHC_THRESHOLDS, from: string | null = null): CchcPoints {
  // compare completed/planned with threshold/100 without dividing: completed * 100 > threshold * planned
  const above = (threshold: number) => completed * 100 > threshold * planned;
  const atLeast = (threshold: number) => completed * 100 >= threshold * planned;
  let points = 0;
  let band = `dưới ${pct(thresholds.partialFrom)}`;
  if (planned > 0 && above(thresholds.fullAbove)) {
    points = thresholds.fullPoints;
    band = `trên ${pct(thresholds.fullAbove)}`;
  } else if (planned > 0 && atLeast(thresholds.partialFrom)) {
    points = thresholds.partialPoints;
    band = `từ ${pct(thresholds.partialFrom)} đến ${pct(thresholds.fullAbove)}`;
  }
  const percent = formatPercent(completed, planned);
  return {
    points,
    maxPoints: thresholds.fullPoints,
    percent,
    thresholds,
    thresholdsFrom: from,
    text: planned > 0
      ? `Mức độ thực hiện kế hoạch CCHC: đạt ${percent} (${band}), tự đánh giá ${num(points)}/${num(thresholds.fullPoints)} điểm`
      : `Mức độ thực hiện kế hoạch CCHC: kế hoạch chưa có nhiệm vụ, tự đánh giá 0/${num(thresholds.fullPoints)} điểm`,
    rule: cchcRule(thresholds),
  };
}
