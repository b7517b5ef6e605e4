import { compareNames, pageOf, textMatcher, type Page, type SortDirection } from '../common/paging.js';

export const ROLLUP_SORTS = ['percent', 'name', 'planned'] as const;
export type RollupSort = (typeof ROLLUP_SORTS)[number];

/** One unit's completion, as the aggregate query gives it. */
export interface UnitCompletion {
  unitId: number;
  name: string;
  planId: number | null;
  planned: number;
  completed: number;
}

/** The share completed; a unit with no task counts as 0. */
export const completionShare = (r: { planned: number; completed: number }): number => (r.planned ? r.completed / r.planned : 0);

const COMPARE: Record<RollupSort, (a: UnitCompletion, b: UnitCompletion) => number> = {
  percent: (a, b) => completionShare(a) - completionShare(b),
  name: (a, b) => compareNames(a.name, b.name),
  planned: (a, b) => a.planned - b.planned,
};

/** Percent and planned run highest first unless told; names from A. */
export function defaultDirection(sort: RollupSort): SortDirection {
  return sort === 'name' ? 'asc' : 'desc';
}

/**
 * The units matching the search, in the order asked (ties by name, then id,
 * always A to Z), and the page of them: all of them when neither offset nor
 * limit is given.
 */
export function rollupPage(
  rows: UnitCompletion[],
  q: { sort?: RollupSort; dir?: SortDirection; q?: string; offset?: number; limit?: number },
): Page<UnitCompletion> {
  const sort = q.sort ?? 'percent';
  const matched = rows.filter(textMatcher(q.q, (r: UnitCompletion) => [r.name]));
  const whole = q.offset === undefined && q.limit === undefined;
  return pageOf(matched, { offset: q.offset, limit: whole ? Math.max(matched.length, 1) : q.limit }, {
    compare: COMPARE[sort],
    dir: q.dir ?? defaultDirection(sort),
    tieBreak: (a, b) => compareNames(a.name, b.name) || a.unitId - b.unitId,
  });
}
