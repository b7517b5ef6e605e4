/**
 * Which Zalo Official Account a unit's reminders go through: the unit's own
 * settings, else those of its nearest superior unit that has some, else the
 * install's (null). Pure, so the walk up the tree is tested on its own.
 */
export function settingsUnitFor(unitId: number, parentOf: ReadonlyMap<number, number | null>, withSettings: ReadonlySet<number>): number | null {
  const seen = new Set<number>();
  let at: number | null | undefined = unitId;
  while (at !== null && at !== undefined && !seen.has(at)) {
    if (withSettings.has(at)) return at;
    seen.add(at);
    at = parentOf.get(at);
  }
  return null;
}

/** The account scope of a unit's settings ('install' is the install's own). */
export function unitScope(unitId: number): string {
  return `unit:${unitId}`;
}
