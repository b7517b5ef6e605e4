import { compareNames, pageOf, textMatcher, type Page, type SortDirection } from '../common/paging.js';

export const UNIT_SORTS = ['name', 'parent'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

interface UnitLike { id: number; name: string; parentId: number | null }

/** A unit with what a list shows beside it: its superior's name (when in the list), how many units it has beneath. */
export type UnitRow<U extends UnitLike> = U & { parentName: string | null; childCount: number };

/**
 * The units one account may see, searched (name or superior's name, whatever
 * the accents), kept to superiors when asked, sorted by name or by superior
 * (then name, then id), and the page of them.
 */
export function unitPage<U extends UnitLike>(
  units: U[],
  q: { q?: string; sort?: UnitSort; dir?: SortDirection; superiors?: boolean; offset?: number; limit?: number },
): Page<UnitRow<U>> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number, number>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, (children.get(u.parentId) ?? 0) + 1);
  const rows = units
    .map((u) => Object.assign(u, { parentName: u.parentId === null ? null : byId.get(u.parentId)?.name ?? null, childCount: children.get(u.id) ?? 0 }))
    .filter((u) => !q.superiors || u.childCount > 0)
    .filter(textMatcher(q.q, (u: UnitRow<U>) => [u.name, u.parentName]));
  const byName = (a: UnitRow<U>, b: UnitRow<U>) => compareNames(a.name, b.name);
  return pageOf(rows, q, {
    // a unit with no superior shown comes first from A
    compare: q.sort === 'parent' ? (a, b) => compareNames(a.parentName ?? '', b.parentName ?? '') : byName,
    dir: q.dir ?? 'asc',
    tieBreak: (a, b) => byName(a, b) || a.id - b.id,
  });
}
