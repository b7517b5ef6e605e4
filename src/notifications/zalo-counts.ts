import type { ZaloUnitCount } from './dto/zalo-status.dto.js';

/** How many units' lines one list of the month's Zalo counts shows. */
export const ZALO_UNITS_SHOWN = 100;

/** A list of units' counts, cut to those that sent most, with the totals of the whole list. */
export interface ZaloUnitList {
  units: ZaloUnitCount[];
  unitCount: number;
  sentTotal: number;
  fellBackTotal: number;
}

/** A unit's count added to the unit's line of a list. */
export function addCount(list: Map<number, ZaloUnitCount>, c: ZaloUnitCount): void {
  const line = list.get(c.unitId);
  if (line) {
    line.sent += c.sent;
    line.fellBack += c.fellBack;
  } else list.set(c.unitId, { ...c });
}

/**
 * The lines of a list a person reads: the units that sent most first (then
 * those with most sent by e-mail instead, then by name), at most `limit` of
 * them; the totals count every unit. A province's or the install's OA may
 * serve thousands of communes.
 */
export function topUnits(lines: Iterable<ZaloUnitCount>, limit = ZALO_UNITS_SHOWN): ZaloUnitList {
  const all = [...lines];
  const byName = new Intl.Collator('vi');
  all.sort((a, b) => b.sent - a.sent || b.fellBack - a.fellBack || byName.compare(a.unitName, b.unitName) || a.unitId - b.unitId);
  return {
    units: all.slice(0, limit),
    unitCount: all.length,
    sentTotal: all.reduce((n, c) => n + c.sent, 0),
    fellBackTotal: all.reduce((n, c) => n + c.fellBack, 0),
  };
}
