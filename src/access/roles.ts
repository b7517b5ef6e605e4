/** Access roles of an account (not the same as an official's post in the unit). */
export const ROLES = ['admin', 'chairman', 'vice_chairman', 'official', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  chairman: 'Chủ tịch UBND',
  vice_chairman: 'Phó Chủ tịch UBND',
  official: 'Công chức',
  reporter: 'Công chức Văn phòng – Thống kê (lập báo cáo)',
  viewer: 'Cấp trên theo dõi (Phòng/Sở Nội vụ)',
};

/** Roles that act on a unit's plans and tasks as a member of that unit: they need an official record. */
export const UNIT_MEMBER_ROLES: readonly Role[] = ['chairman', 'vice_chairman', 'official', 'reporter'];

/** What a chairman may hand out to the officials of their unit; the rest is the administrator's. */
export const ROLES_A_CHAIRMAN_GRANTS: readonly Role[] = ['vice_chairman', 'official', 'reporter'];

/** The roles an account of this role may give to, or change on, other accounts. */
export function rolesGrantedBy(role: Role): readonly Role[] {
  return role === 'admin' ? ROLES : role === 'chairman' ? ROLES_A_CHAIRMAN_GRANTS : [];
}

/** A role as the page offers it: its label, and whether the account must be tied to an official. */
export interface Grant {
  role: Role;
  label: string;
  needsOfficial: boolean;
}

/** What the page offers this role to give (administrator accounts are made through the API only). */
export function grantsOf(role: Role): Grant[] {
  return rolesGrantedBy(role)
    .filter((r) => r !== 'admin')
    .map((r) => ({ role: r, label: ROLE_LABELS[r], needsOfficial: UNIT_MEMBER_ROLES.includes(r) }));
}
