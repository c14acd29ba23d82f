/**
 * 三权分立: three administrator roles, each held alone, and business roles that never mix with
 * them (enforced by user_roles' checks and foreign key too). Permissions are declared per route.
 */
import { adminRoles as adminRolesList, type AdminRole, type Permission, type Role, type RoleClass, type RoutePermission, type SessionStage } from '@kaohe/contract/api';

// The names are the contract's (the web shows them); which role holds which permission is decided here.
export { adminRoles, businessRoles, permissions, roleClasses } from '@kaohe/contract/api';
export type { AdminRole, BusinessRole, Permission, Role, RoleClass, RoutePermission, SessionStage } from '@kaohe/contract/api';

const businessRead: Permission[] = ['assessment:read', 'scheme:read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  'system-admin': ['org:read', 'org:write', 'user:read', 'user:write'],
  'security-admin': ['user:read', 'role:assign', 'lockout:manage'],
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


export function hasPermission(actor: Actor, permission: RoutePermission): boolean {
  if (permission === 'public') return true;
  if (actor.kind !== 'user') return false;
  if (permission === 'session') return true;
  if (actor.stage !== 'full') return false;
  if (permission === 'authenticated') return true;
  return actor.grants.some((g) => rolePermissions[g.role].includes(permission));
}

export function isAdminRoleClass(roleClass: string): roleClass is AdminRole {
  return (adminRolesList as readonly string[]).includes(roleClass);
}

/** Label recorded in the audit trail: the roles held, comma-separated. */
export function roleLabel(actor: Actor): string | null {
  if (actor.kind !== 'user') return null;
  return [...new Set(actor.grants.map((g) => g.role))].join(',') || actor.roleClass;
}
