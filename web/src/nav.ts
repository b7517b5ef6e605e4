import { mayTake, VIEW_PATHS, type ViewName } from './server.js';
import type { Me } from './types.js';

export interface NavItem {
  view: ViewName;
  label: string;
}

const LABELS: Partial<Record<ViewName, string>> = {
  overview: 'Tổng quan',
  plans: 'Kế hoạch',
  myTasks: 'Việc của tôi',
  notifications: 'Thông báo',
  reports: 'Báo cáo',
  rollup: 'Cấp trên',
  unit: 'Đơn vị',
  audit: 'Nhật ký',
  admin: 'Quản trị',
};

/** The views a role may open, in the order of the menu; the first is where it lands after signing in. */
export function navFor(me: Me): NavItem[] {
  const r = me.role;
  const official = me.officialId !== null;
  const shown: [ViewName, boolean][] = [
    // an official's day starts with their own tasks; a leader's with the whole plan
    ['myTasks', official && mayTake(r, 'tasks.complete') && !mayTake(r, 'tasks.write')],
    ['overview', mayTake(r, 'plans.read')],
    ['plans', mayTake(r, 'plans.read')],
    ['myTasks', official && mayTake(r, 'tasks.complete') && mayTake(r, 'tasks.write')],
    ['notifications', official && mayTake(r, 'notifications.read')],
    ['reports', mayTake(r, 'reports.read')],
    // the superior level's account is tied to no official: it follows the communes beneath
    ['rollup', mayTake(r, 'rollup.read') && !official],
    ['unit', mayTake(r, 'officials.write') && me.unitId !== null],
    ['audit', mayTake(r, 'audit.read') && me.unitId !== null],
    ['admin', mayTake(r, 'units.write')],
  ];
  return shown.filter(([, ok]) => ok).map(([view]) => ({ view, label: LABELS[view]! }));
}

export function homeOf(me: Me): string {
  const first = navFor(me)[0];
  return first ? VIEW_PATHS[first.view] : VIEW_PATHS.password;
}

/** The view an address belongs to. */
export function viewOf(path: string): { view: ViewName | null; id: number | null } {
  for (const [view, p] of Object.entries(VIEW_PATHS) as [ViewName, string][]) {
    if (path === p) return { view, id: null };
    if (path.startsWith(`${p}/`)) {
      const id = Number(path.slice(p.length + 1));
      return Number.isInteger(id) && id > 0 ? { view, id } : { view: null, id: null };
    }
  }
  return { view: null, id: null };
}
