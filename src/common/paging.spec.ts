import { compareNames, pageOf, textMatcher } from './paging.js';

describe('paged lists', () => {
  it('matches every word typed, whatever the accents and case, in any of the texts', () => {
    const m = textMatcher<{ a: string; b: string | null }>('hoang TIEN', (r) => [r.a, r.b]);
    expect(m({ a: 'UBND xã Hoằng Tiến', b: null })).toBe(true);
    expect(m({ a: 'UBND xã Hoằng', b: 'Tiến Lộc' })).toBe(true);
    expect(m({ a: 'UBND xã Hoằng Phong', b: null })).toBe(false);
    expect(textMatcher<string>('   ', (r) => [r])('anything')).toBe(true);
    expect(textMatcher<string>('đông', (r) => [r])('Xã Đông Sơn')).toBe(true);
  });

  it('orders names as a Vietnamese dictionary does, numbers by value', () => {
    const names = ['Xã Đông Sơn', 'Xã Dương Xá', 'Xã An 10', 'Xã An 9', 'xã Ân Thi', 'Xã Bắc Lý'];
    expect([...names].sort(compareNames)).toEqual(['Xã An 9', 'Xã An 10', 'xã Ân Thi', 'Xã Bắc Lý', 'Xã Dương Xá', 'Xã Đông Sơn']);
  });

  it('sorts both ways with ties always in the tie-break order, and cuts the page from the offset', () => {
    const rows = [{ id: 1, n: 2 }, { id: 2, n: 1 }, { id: 3, n: 2 }, { id: 4, n: 3 }, { id: 5, n: 1 }];
    const order = { compare: (a: { n: number }, b: { n: number }) => a.n - b.n, tieBreak: (a: { id: number }, b: { id: number }) => a.id - b.id };
    expect(pageOf(rows, {}, { ...order, dir: 'asc' }).items.map((r) => r.id)).toEqual([2, 5, 1, 3, 4]);
    expect(pageOf(rows, {}, { ...order, dir: 'desc' }).items.map((r) => r.id)).toEqual([4, 1, 3, 2, 5]);
    const page = pageOf(rows, { offset: 1, limit: 2 }, { ...order, dir: 'desc' });
    expect(page).toEqual({ total: 5, offset: 1, limit: 2, items: [{ id: 1, n: 2 }, { id: 3, n: 2 }] });
    // past the end: no rows, the total still told
    expect(pageOf(rows, { offset: 9, limit: 2 })).toEqual({ total: 5, offset: 9, limit: 2, items: [] });
    // the default page is 100 rows, in the order given
    expect(pageOf(Array.from({ length: 150 }, (_, i) => i), {}).items).toHaveLength(100);
  });
});
