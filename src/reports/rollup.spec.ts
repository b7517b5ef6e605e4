import { completionShare, defaultDirection, rollupPage, type UnitCompletion } from './rollup.js';

describe("the superior level's rollup, sorted and paged", () => {
  const unit = (unitId: number, name: string, planned: number, completed: number): UnitCompletion => ({ unitId, name, planId: unitId * 10, planned, completed });
  const rows = [
    unit(1, 'Xã Hoằng Tiến', 10, 5), unit(2, 'Xã Đông Sơn', 4, 4), unit(3, 'Xã An Bình', 0, 0),
    unit(4, 'Xã Bắc Lý', 20, 10), unit(5, 'Xã Hoằng Phong', 8, 1),
  ];
  const ids = (q: Parameters<typeof rollupPage>[1]) => rollupPage(rows, q).items.map((r) => r.unitId);

  it('counts a unit with no task as 0 done', () => {
    expect(completionShare({ planned: 0, completed: 0 })).toBe(0);
    expect(completionShare({ planned: 4, completed: 1 })).toBe(0.25);
  });

  it('runs the percentage highest first by default, ties by name', () => {
    expect(defaultDirection('percent')).toBe('desc');
    expect(defaultDirection('name')).toBe('asc');
    // 100 %, then 50 % (Bắc Lý before Hoằng Tiến), 12,5 %, 0 %
    expect(ids({})).toEqual([2, 4, 1, 5, 3]);
    expect(ids({ dir: 'asc' })).toEqual([3, 5, 4, 1, 2]);
    expect(ids({ sort: 'name' })).toEqual([3, 4, 2, 5, 1]);
    expect(ids({ sort: 'name', dir: 'desc' })).toEqual([1, 5, 2, 4, 3]);
    expect(ids({ sort: 'planned' })).toEqual([4, 1, 5, 2, 3]);
  });

  it('gives every row without offset and limit, a page with either', () => {
    expect(rollupPage(rows, {})).toMatchObject({ total: 5, offset: 0, limit: 5 });
    expect(rollupPage([], {})).toMatchObject({ total: 0, offset: 0, items: [] });
    expect(rollupPage(rows, { limit: 2 })).toMatchObject({ total: 5, offset: 0, limit: 2 });
    expect(ids({ offset: 2, limit: 2 })).toEqual([1, 5]);
    expect(rollupPage(rows, { offset: 5 })).toMatchObject({ total: 5, offset: 5, limit: 100, items: [] });
  });

  it('searches the names whatever the accents, and counts only the matches', () => {
    const page = rollupPage(rows, { q: 'hoang', sort: 'name' });
    expect(page.total).toBe(2);
    expect(page.items.map((r) => r.name)).toEqual(['Xã Hoằng Phong', 'Xã Hoằng Tiến']);
    expect(rollupPage(rows, { q: 'dong son' }).items.map((r) => r.unitId)).toEqual([2]);
  });
});
