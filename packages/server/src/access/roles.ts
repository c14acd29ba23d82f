/**
 * 三权分立: three administrator roles, each held alone, and business roles that never mix with
 * them (enforced by user_roles' checks and foreign key too). Permissions are declared per route.
 */
export const adminRoles = ['system-admin', 'security-admin', 'audit-admin'] as const;
export const businessRoles = ['assessment-admin', 'lead-assessor', 'unit-reporter', 'division-user', 'leader'] as const;
export type AdminRole = (typeof adminRoles)[number];
export type BusinessRole = (typeof businessRoles)[number];
export type Role = AdminRole | BusinessRole;
export type RoleClass = AdminRole | 'business';
export const roleClasses = [...adminRoles, 'business'] as const;

export const permissions = [
  'org:read',
  'org:write',
  'user:read',
  'user:write',
  'role:assign',
  'lockout:manage',
  'audit:read',
  'audit:export',
  'assessment:read',
  'assessment:create',
  'scheme:read',
  'scheme:write',
  'scheme:publish',
  'assignment:write',
  'target:read',
  'target:write',
  'fact:read',
  'fact:import',
  'report:read',
  'report:submit',
  'evidence:read',
  'evidence:upload',
  'judgement:read',
  'judgement:write',
  'result:read',
  'result:recompute',
  'result:publish',
  'unit:from-scheme',
  'objection:submit',
  'appeal:read',
  'appeal:submit',
  'appeal:review',
  'appeal:decide',
  /** security policy objects: labels, SSO providers and links, approver keys, alerts, channels */
  'security:manage',
  /** personal data (phone, ID number, e-mail) unmasked */
  'pii:view',
] as const;
export type Permission = (typeof permissions)[number];
/** 'public' needs no account; 'authenticated' any full session; 'session' also a restricted one (password change, TOTP enrolment). */
export type RoutePermission = Permission | 'public' | 'authenticated' | 'session';

const businessRead: Permission[] = ['assessment:read', 'scheme:read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  'system-admin': ['org:read', 'org:write', 'user:read', 'user:write'],
  'security-admin': ['user:read', 'role:assign', 'lockout:manage', 'security:manage'],
  'audit-admin': ['audit:read', 'audit:export'],
  'assessment-admin': [
    ...businessRead,
    'org:read',
    'assessment:create',
    'scheme:write',
    'scheme:publish',
    'assignment:write',
    'target:read',
    'target:write',
    'fact:read',
    'fact:import',
    'report:read',
    'report:submit',
    'evidence:read',
    'evidence:upload',
    'judgement:read',
    'judgement:write',
    'result:read',
    'result:recompute',
    'result:publish',
    'unit:from-scheme',
    'appeal:read',
    'appeal:decide',
    'pii:view',
  ],
  'lead-assessor': [
    ...businessRead,
    'org:read',
    'target:read',
    'fact:read',
    'report:read',
    'evidence:read',
    'judgement:read',
    'judgement:write',
    'appeal:read',
    'appeal:review',
  ],
  'unit-reporter': [
    ...businessRead,
    'target:read',
    'fact:read',
    'report:read',
    'report:submit',
    'evidence:read',
    'evidence:upload',
    'judgement:read',
    'result:read',
    'objection:submit',
    'appeal:read',
    'appeal:submit',
  ],
  'division-user': [
    ...businessRead,
    'target:read',
    'fact:read',
    'report:read',
    'report:submit',
    'evidence:read',
    'evidence:upload',
    'judgement:read',
  ],
  leader: [...businessRead, 'result:read'],
};

export type RoleGrant = {
  id: string;
  role: Role;
  assessmentId: string | null;
  unitId: string | null;
  divisionId: string | null;
  leaderId: string | null;
};

export type Actor =
  | {
      kind: 'user';
      userId: string;
      login: string;
      roleClass: RoleClass;
      grants: RoleGrant[];
      sessionId: string;
      csrfToken: string;
      stage: SessionStage;
    }
  | { kind: 'anonymous' };

export type SessionStage = 'full' | 'password-change' | 'totp-enrol';

export function hasPermission(actor: Actor, permission: RoutePermission): boolean {
  if (permission === 'public') return true;
  if (actor.kind !== 'user') return false;
  if (permission === 'session') return true;
  if (actor.stage !== 'full') return false;
  if (permission === 'authenticated') return true;
  return actor.grants.some((g) => rolePermissions[g.role].includes(permission));
}

export function isAdminRoleClass(roleClass: string): roleClass is AdminRole {
  return (adminRoles as readonly string[]).includes(roleClass);
}

/** Label recorded in the audit trail: the roles held, comma-separated. */
export function roleLabel(actor: Actor): string | null {
  if (actor.kind !== 'user') return null;
  return [...new Set(actor.grants.map((g) => g.role))].join(',') || actor.roleClass;
}

/** Permissions only administrator roles hold: their routes are the 管理接口 of the admin-network allowlist. */
export const adminOnlyPermissions: ReadonlySet<string> = new Set(
  permissions.filter(
    (p) => adminRoles.some((r) => rolePermissions[r].includes(p)) && !businessRoles.some((r) => rolePermissions[r].includes(p)),
  ),
);
