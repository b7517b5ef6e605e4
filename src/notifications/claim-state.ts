/** What a delivery's claim, as found, says this attempt must do. */
export type ClaimState =
  /** Nothing written yet: write the in-app notifications and send. */
  | 'new'
  /** Settled before: nothing to do. */
  | 'delivered'
  /** Begun by another attempt less than the in-flight time ago, which did not say it stopped: leave it. */
  | 'in-flight'
  /** Begun before and stopped (a failed mail, noted) or presumed dead (begun too long ago): take the send over. */
  | 'take-over';

/**
 * The claim's notifiedAt is when its send began (the in-app notifications'
 * commit, or the last take-over), mailedAt when it was settled, outcome why
 * an attempt stopped before the mail was accepted.
 */
export function claimState(c: { notifiedAt: Date | null; mailedAt: Date | null; outcome: string | null }, now: Date, inFlightMs: number): ClaimState {
  if (c.mailedAt) return 'delivered';
  if (!c.notifiedAt) return 'new';
  if (c.outcome === null && now.getTime() - c.notifiedAt.getTime() < inFlightMs) return 'in-flight';
  return 'take-over';
}
