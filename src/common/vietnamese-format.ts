/**
 * Numbers the way Vietnamese reports write them: decimal comma, dot between
 * thousands ("1.237 hồ sơ"), percentages to two decimals without trailing zeros
 * ("93,75%", "35,71%", "100%").
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** completed / planned as a percentage, rounded half up to 2 decimals. */
export function formatPercent(completed: number, planned: number): string {
  if (planned <= 0) return '0%';
  // Integer arithmetic on hundredths of a percent avoids 93.74999… style drift.
  const hundredths = Math.floor((completed * 10000 * 2 + planned) / (2 * planned));
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  if (frac === 0) return `${formatCount(whole)}%`;
  const decimals = String(frac).padStart(2, '0').replace(/0+$/, '');
  return `${formatCount(whole)},${decimals}%`;
}

export function formatRatio(completed: number, planned: number): string {
  return `${formatCount(completed)}/${formatCount(planned)}`;
}

/** The sentence periodic reports use: "đã hoàn thành 30/32 nhiệm vụ, đạt 93,75% kế hoạch". */
export function completionSentence(completed: number, planned: number): string {
  return `đã hoàn thành ${formatRatio(completed, planned)} nhiệm vụ, đạt ${formatPercent(completed, planned)} kế hoạch`;
}

/** A file's size as people read it: "850 KB", "1,5 MB" (one decimal, decimal comma; at least 1 KB). */
export function formatFileSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) {
    const tenths = Math.round(mb * 10);
    return `${formatCount(Math.floor(tenths / 10))}${tenths % 10 ? `,${tenths % 10}` : ''} MB`;
  }
  return `${formatCount(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
