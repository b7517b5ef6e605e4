import type { UserActor } from './actor.js';
import { decide, PERMISSIONS } from './permissions.js';
import { grantsOf, ROLES, type Role } from './roles.js';

const actor = (role: Role, over: Partial<UserActor> = {}): UserActor => ({
  kind: 'user', userId: 1, username: role, name: role, role, unitId: 10, officialId: 100,
  unitIds: role === 'admin' ? 'all' : role === 'viewer' ? [9, 10, 11] : [10], sessionId: 's', ...over,
});

describe('permission matrix', () => {
  it('forbids a role the action does not list, before looking at any resource', () => {
    expect(decide(actor('official'), 'plans.write')).toBe('forbidden');
    expect(decide(actor('admin'), 'plans.read', { unitId: 10 })).toBe('forbidden');
    expect(decide(actor('viewer'), 'tasks.complete', { unitId: 99 })).toBe('forbidden');
  });

  it('hides a resource outside the caller\'s units, or missing, as not found, whatever the role', () => {
    expect(decide(actor('chairman'), 'tasks.complete', { unitId: 20, leadOfficialId: 100 })).toBe('not_found');
    expect(decide(actor('official'), 'tasks.read', null)).toBe('not_found');
    expect(decide(actor('viewer'), 'plans.read', { unitId: 11 })).toBe('allow');
    expect(decide(actor('viewer'), 'plans.read', { unitId: 12 })).toBe('not_found');
    expect(decide(actor('admin'), 'units.write', { unitId: 12345 })).toBe('allow');
  });

  it('lets an official complete only the tasks they lead, and note those they lead or coordinate', () => {
    const official = actor('official');
    expect(decide(official, 'tasks.complete', { unitId: 10, leadOfficialId: 100, coordinatorIds: [] })).toBe('allow');
    expect(decide(official, 'tasks.complete', { unitId: 10, leadOfficialId: 101, coordinatorIds: [100] })).toBe('forbidden');
    expect(decide(official, 'tasks.note', { unitId: 10, leadOfficialId: 101, coordinatorIds: [100] })).toBe('allow');
    expect(decide(official, 'tasks.note', { unitId: 10, leadOfficialId: null, coordinatorIds: [] })).toBe('forbidden');
    expect(decide(actor('official', { officialId: null }), 'tasks.complete', { unitId: 10, leadOfficialId: null })).toBe('forbidden');
    expect(decide(actor('chairman'), 'tasks.complete', { unitId: 10, leadOfficialId: 101 })).toBe('allow');
  });

  it('keeps notifications to their recipient', () => {
    expect(decide(actor('official'), 'notifications.read', { unitId: 10, recipientOfficialId: 100 })).toBe('allow');
    expect(decide(actor('chairman', { officialId: 1 }), 'notifications.read', { unitId: 10, recipientOfficialId: 100 })).toBe('not_found');
  });

  it('gives every action a decision for every role it lists, and only known roles', () => {
    for (const [action, rule] of Object.entries(PERMISSIONS)) {
      expect(Object.keys(rule).length).toBeGreaterThan(0);
      for (const role of Object.keys(rule)) expect(ROLES).toContain(role);
      expect(action).toMatch(/^[a-z]+(\.[a-zA-Z]+)?$/);
    }
  });

  it('lets only the chairman delete a report version, in their own unit', () => {
    expect(decide(actor('chairman'), 'reports.delete', { unitId: 10 })).toBe('allow');
    expect(decide(actor('chairman'), 'reports.delete', { unitId: 20 })).toBe('not_found');
    for (const role of ['admin', 'vice_chairman', 'official', 'reporter', 'viewer'] as const) {
      expect(decide(actor(role), 'reports.delete', { unitId: 10 })).toBe('forbidden');
    }
  });

  it('lets the system (the jobs) do anything', () => {
    expect(decide({ kind: 'system', name: 'Hệ thống' }, 'reports.generate', { unitId: 1 })).toBe('allow');
  });
});

describe('what a role may give to other accounts', () => {
  it('lets the chairman give the unit roles below theirs, the administrator every role but its own on the page, and nobody else any', () => {
    expect(grantsOf('chairman').map((g) => g.role)).toEqual(['vice_chairman', 'official', 'reporter']);
    expect(grantsOf('admin').map((g) => [g.role, g.needsOfficial])).toEqual([
      ['chairman', true], ['vice_chairman', true], ['official', true], ['reporter', true], ['viewer', false],
    ]);
    for (const role of ['vice_chairman', 'official', 'reporter', 'viewer'] as const) expect(grantsOf(role)).toEqual([]);
    expect(grantsOf('chairman')[2].label).toBe('Công chức Văn phòng – Thống kê (lập báo cáo)');
  });
});
