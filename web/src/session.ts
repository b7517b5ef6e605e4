import { useEffect, useState } from 'preact/hooks';
import { get } from './api.js';
import { decide, type Action, type UserActor } from './server.js';
import type { Me, Task } from './types.js';

/**
 * Who is signed in, and how many notifications they have not read: the one
 * piece of state every view shares. Views subscribe with useSession().
 */
export interface SessionState {
  me: Me | null;
  /** true until the first answer of /auth/me */
  loading: boolean;
  unread: number;
  /** Why the last session ended (shown on the sign-in form). */
  reason: string;
}

let state: SessionState = { me: null, loading: true, unread: 0, reason: '' };
const listeners = new Set<(s: SessionState) => void>();

export function setSession(patch: Partial<SessionState>): void {
  state = { ...state, ...patch };
  listeners.forEach((f) => f(state));
}

export function session(): SessionState {
  return state;
}

export function useSession(): SessionState {
  const [s, set] = useState(state);
  useEffect(() => {
    listeners.add(set);
    set(state);
    return () => void listeners.delete(set);
  }, []);
  return s;
}

/** The signed-in person as the server's permission matrix sees them (scope is the server's to enforce). */
function actorOf(me: Me): UserActor {
  return {
    kind: 'user', userId: me.id, username: me.username, name: me.name, role: me.role,
    unitId: me.unitId, officialId: me.officialId, unitIds: 'all', sessionId: '',
  };
}

/** May the signed-in person take this action (on this task, when given)? The server's own matrix decides. */
export function may(action: Action, task?: Pick<Task, 'assigneeId' | 'coordinatorIds'>): boolean {
  const me = state.me;
  if (!me) return false;
  const resource = task ? { unitId: me.unitId, leadOfficialId: task.assigneeId, coordinatorIds: task.coordinatorIds } : undefined;
  return decide(actorOf(me), action, resource) === 'allow';
}

/** Re-counts the unread notifications shown in the header. */
export async function refreshUnread(): Promise<void> {
  const me = state.me;
  if (!me || !may('notifications.read') || me.officialId === null) return setSession({ unread: 0 });
  try {
    const { count } = await get<{ count: number }>('/notifications/unread-count');
    setSession({ unread: count });
  } catch {
    /* the header keeps its last count */
  }
}
