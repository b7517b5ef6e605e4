import { get } from './api.js';
import { formatVnDate } from './server.js';
import type { Official, PlanSummary } from './types.js';

/** Officials of a unit, loaded once per page load (names beside assignees). */
const officialsCache = new Map<number, Promise<Official[]>>();
export function officialsOf(unitId: number): Promise<Official[]> {
  let p = officialsCache.get(unitId);
  if (!p) {
    p = get<Official[]>(`/officials?unitId=${unitId}`);
    p.catch(() => officialsCache.delete(unitId));
    officialsCache.set(unitId, p);
  }
  return p;
}
export function forgetOfficials(): void {
  officialsCache.clear();
}

export function nameOf(officials: Official[], id: number | null): string {
  if (id === null) return 'Chưa giao';
  return officials.find((o) => o.id === id)?.fullName ?? 'Cán bộ đã nghỉ';
}

export const plansList = () => get<PlanSummary[]>('/plans');

export const vnDate = (iso: string | null | undefined) => (iso ? formatVnDate(iso) : '');

/** "Phụ lục 01" */
export const phuLucName = (n: number) => `Phụ lục ${String(n).padStart(2, '0')}`;

export { shorten } from './server.js';
