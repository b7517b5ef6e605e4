import { settingsUnitFor, unitScope } from './zalo-routing.js';

describe('the Official Account a unit sends through', () => {
  // 1 province A ─ 2 district ─ 3 commune; 4 province B ─ 5 commune; 6 a commune with no superior
  const parentOf = new Map<number, number | null>([[1, null], [2, 1], [3, 2], [4, null], [5, 4], [6, null]]);

  it('is the nearest unit with settings, itself first, walking up', () => {
    expect(settingsUnitFor(3, parentOf, new Set([1, 4]))).toBe(1);
    expect(settingsUnitFor(3, parentOf, new Set([1, 2]))).toBe(2);
    expect(settingsUnitFor(3, parentOf, new Set([1, 2, 3]))).toBe(3);
    expect(settingsUnitFor(5, parentOf, new Set([1, 4]))).toBe(4);
  });

  it('is the install\'s (null) when no unit above has any, or the unit is unknown', () => {
    expect(settingsUnitFor(6, parentOf, new Set([1, 4]))).toBeNull();
    expect(settingsUnitFor(3, parentOf, new Set([4]))).toBeNull();
    expect(settingsUnitFor(99, parentOf, new Set([1]))).toBeNull();
  });

  it('stops on a loop in the tree rather than walking forever', () => {
    expect(settingsUnitFor(7, new Map([[7, 8], [8, 7]]), new Set([1]))).toBeNull();
  });

  it('names a unit\'s account scope within the column\'s 20 characters', () => {
    expect(unitScope(2_147_483_647)).toBe('unit:2147483647');
    expect(unitScope(2_147_483_647).length).toBeLessThanOrEqual(20);
  });
});
