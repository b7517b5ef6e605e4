import { PAGE_MAX } from './page-query.js';
import { foldVietnamese } from './vietnamese-text.js';

/** One page of a list: how many rows match, where the page starts, its size, its rows. */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The search words as typed, folded ("Hoằng Tiến" → ["hoang", "tien"]); none for blank text. */
export function searchWords(q: string | undefined): string[] {
  return foldVietnamese(q ?? '').split(' ').filter(Boolean);
}

/** A predicate: every word typed is in one of the row's texts, whatever the accents and case. */
export function textMatcher<T>(q: string | undefined, texts: (row: T) => (string | null | undefined)[]): (row: T) => boolean {
  const words = searchWords(q);
  if (!words.length) return () => true;
  return (row) => {
    const hay = foldVietnamese(texts(row).filter(Boolean).join(' '));
    return words.every((w) => hay.includes(w));
  };
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Names in Vietnamese dictionary order ("Đ" after "D", accents after the bare letter). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * Rows already filtered, sorted by `compare` in the direction asked (ties keep
 * the order `tieBreak` gives, ascending whatever the direction, so pages do not
 * overlap), then the page from offset.
 */
export function pageOf<T>(
  rows: T[],
  q: { offset?: number; limit?: number },
  order?: { compare: (a: T, b: T) => number; dir: SortDirection; tieBreak: (a: T, b: T) => number },
): Page<T> {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? PAGE_MAX;
  const sorted = order ? [...rows].sort((a, b) => (order.dir === 'desc' ? -1 : 1) * order.compare(a, b) || order.tieBreak(a, b)) : rows;
  return { total: rows.length, offset, limit, items: sorted.slice(offset, offset + limit) };
}
