import type { Role } from './roles.js';

/** A signed-in person, as every service sees them. */
export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  /** The official's full name, or the username for accounts with no official. */
  name: string;
  role: Role;
  unitId: number | null;
  officialId: number | null;
  /** The units whose data this person may see: 'all' for the administrator. */
  unitIds: number[] | 'all';
  sessionId: string;
}

/** The reminders' and reports' jobs. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | SystemActor;

export const SYSTEM: SystemActor = { kind: 'system', name: 'Hệ thống' };

export function inScope(actor: Actor, unitId: number | null): boolean {
  if (actor.kind === 'system' || actor.unitIds === 'all') return true;
  return unitId !== null && actor.unitIds.includes(unitId);
}

/** The unit ids a list query is limited to: undefined means no limit. */
export function scopeOf(actor: Actor): number[] | undefined {
  return actor.kind === 'system' || actor.unitIds === 'all' ? undefined : actor.unitIds;
}
