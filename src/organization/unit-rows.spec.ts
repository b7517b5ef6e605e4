import { unitPage } from './unit-rows.js';

describe('the units of a list, searched, sorted and paged', () => {
  const units = () => [
    { id: 1, name: 'UBND tỉnh Thanh Hóa', parentId: null },
    { id: 2, name: 'UBND huyện Hoằng Hóa', parentId: 1 },
    { id: 3, name: 'UBND xã Hoằng Tiến', parentId: 2 },
    { id: 4, name: 'UBND xã Hoằng Đông', parentId: 2 },
    { id: 5, name: 'UBND huyện Đông Sơn', parentId: 1 },
    { id: 6, name: 'UBND xã Đông Hòa', parentId: 5 },
    { id: 7, name: 'UBND xã Ân Thi', parentId: 99 },
  ];
  const names = (q: Parameters<typeof unitPage>[1]) => unitPage(units(), q).items.map((u) => u.name);

  it('names each superior when it is in the list, and counts the units beneath', () => {
    const rows = unitPage(units(), {}).items;
    expect(rows.find((u) => u.id === 3)).toMatchObject({ parentName: 'UBND huyện Hoằng Hóa', childCount: 0 });
    expect(rows.find((u) => u.id === 2)).toMatchObject({ parentName: 'UBND tỉnh Thanh Hóa', childCount: 2 });
    // a superior outside the account's scope is not named
    expect(rows.find((u) => u.id === 7)).toMatchObject({ parentName: null });
  });

  it('sorts by name from A (Đ after D), either way, or by superior then name', () => {
    expect(names({})).toEqual(['UBND huyện Đông Sơn', 'UBND huyện Hoằng Hóa', 'UBND tỉnh Thanh Hóa', 'UBND xã Ân Thi', 'UBND xã Đông Hòa', 'UBND xã Hoằng Đông', 'UBND xã Hoằng Tiến']);
    expect(names({ dir: 'desc' })[0]).toBe('UBND xã Hoằng Tiến');
    expect(names({ sort: 'parent' })).toEqual([
      'UBND tỉnh Thanh Hóa', 'UBND xã Ân Thi', 'UBND xã Đông Hòa', 'UBND xã Hoằng Đông', 'UBND xã Hoằng Tiến', 'UBND huyện Đông Sơn', 'UBND huyện Hoằng Hóa',
    ]);
  });

  it('searches the name and the superior, keeps superiors when asked, and pages', () => {
    expect(names({ q: 'hoang hoa' })).toEqual(['UBND huyện Hoằng Hóa', 'UBND xã Hoằng Đông', 'UBND xã Hoằng Tiến']);
    expect(names({ q: 'dong' })).toEqual(['UBND huyện Đông Sơn', 'UBND xã Đông Hòa', 'UBND xã Hoằng Đông']);
    expect(names({ superiors: true })).toEqual(['UBND huyện Đông Sơn', 'UBND huyện Hoằng Hóa', 'UBND tỉnh Thanh Hóa']);
    expect(unitPage(units(), { offset: 5, limit: 5 })).toMatchObject({ total: 7, offset: 5, limit: 5 });
    expect(unitPage(units(), { offset: 5, limit: 5 }).items.map((u) => u.id)).toEqual([4, 3]);
  });
});
