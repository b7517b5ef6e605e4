import { addCount, topUnits } from './zalo-counts.js';

const line = (unitId: number, unitName: string, sent: number, fellBack = 0) => ({ unitId, unitName, sent, fellBack });

describe('the month\'s Zalo counts per unit', () => {
  it('adds a unit\'s counts from several accounts into one line', () => {
    const list = new Map();
    addCount(list, line(1, 'Xã A', 3, 1));
    addCount(list, line(1, 'Xã A', 2, 0));
    addCount(list, line(2, 'Xã B', 1));
    expect([...list.values()]).toEqual([line(1, 'Xã A', 5, 1), line(2, 'Xã B', 1)]);
  });

  it('shows the units that sent most first, by name among equals, and totals every unit', () => {
    const r = topUnits([line(1, 'Xã Ân Thi', 2), line(2, 'Xã An Bình', 2), line(3, 'Xã Cẩm Châu', 9), line(4, 'Xã Bắc Lý', 2, 3)], 3);
    expect(r.units.map((u) => u.unitId)).toEqual([3, 4, 2]);
    expect(r).toMatchObject({ unitCount: 4, sentTotal: 15, fellBackTotal: 3 });
  });

  it('cuts a long list to the limit and keeps the totals of the whole', () => {
    const many = Array.from({ length: 3300 }, (_, i) => line(i + 1, `Xã ${i + 1}`, i % 7, i % 2));
    const r = topUnits(many);
    expect(r.units).toHaveLength(100);
    expect(r.units.every((u) => u.sent === 6)).toBe(true);
    expect(r.unitCount).toBe(3300);
    expect(r.sentTotal).toBe(many.reduce((n, c) => n + c.sent, 0));
    expect(r.fellBackTotal).toBe(1650);
  });
});
