import { Actor, inScope } from './actor.js';
import { Role, ROLES } from './roles.js';

/**
 * When a role may take an action on a resource it can see:
 * - unit: the resource belongs to a unit in the caller's scope;
 * - lead: and the caller is the task's lead official (người chủ trì);
 * - leadOrCoordinator: or one of its coordinating officials (phối hợp);
 * - recipient: the notification was sent to the caller.
 * Actions without a resource only check the role.
 */
export type Condition = 'unit' | 'lead' | 'leadOrCoordinator' | 'recipient';
export type Rule = Partial<Record<Role, Condition>>;

const every = (c: Condition): Rule => Object.fromEntries(ROLES.map((r) => [r, c]));
const only = (roles: Role[], c: Condition = 'unit'): Rule => Object.fromEntries(roles.map((r) => [r, c]));

const LEADERS: Role[] = ['chairman', 'vice_chairman'];
const READERS: Role[] = ['chairman', 'vice_chairman', 'official', 'reporter', 'viewer'];
const REPORTERS: Role[] = ['chairman', 'vice_chairman', 'reporter', 'viewer'];

/**
 * The permission matrix: every action a route can declare, and who may take it.
 * This table is the one place access is decided; guards read it, tests walk it.
 */
export const PERMISSIONS = {
  /** signing out, one's own account and password, notifications addressed to oneself */
  'self': every('unit'),
  'deadlines.parse': every('unit'),
  'units.read': every('unit'),
  'units.write': only(['admin']),
  /** a unit's reminder settings and report cut-off convention: its chairman sets them too */
  'units.settings': only(['admin', 'chairman']),
  'officials.read': every('unit'),
  'officials.write': only(['admin', 'chairman']),
  'users.read': only(['admin', 'chairman']),
  'users.write': only(['admin', 'chairman']),
  'users.resetPassword': only(['admin']),
  'plans.read': only(READERS),
  'plans.write': only(LEADERS),
  /** reopening a closed plan: the chairman's alone */
  'plans.reopen': only(['chairman']),
  'tasks.read': only(READERS),
  'tasks.write': only(LEADERS),
  'tasks.complete': { chairman: 'unit', vice_chairman: 'unit', official: 'lead', reporter: 'lead' },
  'tasks.note': { chairman: 'unit', vice_chairman: 'unit', official: 'leadOrCoordinator', reporter: 'leadOrCoordinator' },
  'reports.read': only(REPORTERS),
  'reports.generate': only(['chairman', 'vice_chairman', 'reporter']),
  /** writing a draft's narrative and entered rows, or starting a new draft from a version */
  'reports.edit': only(['chairman', 'vice_chairman', 'reporter']),
  /** marking a draft final: the leaders, who sign the reports */
  'reports.finalize': only(LEADERS),
  /** deleting a draft version of a report: the chairman, who signs the reports */
  'reports.delete': only(['chairman']),
  'rollup.read': only(REPORTERS),
  'audit.read': only(['admin', 'chairman']),
  'notifications.read': every('recipient'),
  'queues.admin': only(['admin']),
} satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

/** What the guard knows of the resource a route names. */
export interface ResourceFacts {
  unitId: number | null;
  leadOfficialId?: number | null;
  coordinatorIds?: number[];
  recipientOfficialId?: number | null;
}

/** allow, or the status to answer: 403 when the role may not, 404 when the resource is not the caller's to see. */
export type Decision = 'allow' | 'forbidden' | 'not_found';

export function mayTake(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as Rule)[role] !== undefined;
}

/**
 * The decision for a signed-in person. A resource outside the caller's units
 * (or one that does not exist) is not_found whatever the role: nobody learns
 * that another commune's task exists.
 */
export function decide(actor: Actor, action: Action, resource?: ResourceFacts | null): Decision {
  if (actor.kind === 'system') return 'allow';
  const condition = (PERMISSIONS[action] as Rule)[actor.role];
  if (condition === undefined) return 'forbidden';
  if (resource === undefined) return 'allow';
  if (resource === null || !inScope(actor, resource.unitId)) return 'not_found';
  switch (condition) {
    case 'unit':
      return 'allow';
    case 'lead':
      return actor.officialId !== null && resource.leadOfficialId === actor.officialId ? 'allow' : 'forbidden';
    case 'leadOrCoordinator':
      if (actor.officialId === null) return 'forbidden';
      return resource.leadOfficialId === actor.officialId || (resource.coordinatorIds ?? []).includes(actor.officialId) ? 'allow' : 'forbidden';
    case 'recipient':
      // someone else's notification is as invisible as another commune's task
      return actor.officialId !== null && resource.recipientOfficialId === actor.officialId ? 'allow' : 'not_found';
  }
}
