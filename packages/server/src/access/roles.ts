/**
 * 三权分立: three administrator roles, each held alone, and business roles that never mix with
 * them (enforced by user_roles' checks and foreign key too). Permissions are declared per route.
 */
import { adminRoles, adminRoles as adminRolesList, businessRoles, permissions, rolePermissions, type AdminRole, type RoleClass, type RoutePermission, type SessionStage, type Role } from '@kaohe/contract/api';

// The names and the role → permission table are the contract's, so the web shows exactly the menus a role may use.
export { adminRoles, businessRoles, permissions, roleClasses, rolePermissions } from '@kaohe/contract/api';
export type { AdminRole, BusinessRole, Permission, Role, RoleClass, RoutePermission, SessionStage } from '@kaohe/contract/api';

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

/** Permissions only administrator roles hold: their routes are the 管理接口 of the admin-network allowlist. */
export const adminOnlyPermissions: ReadonlySet<string> = new Set(
  permissions.filter(
    (p) => adminRoles.some((r) => rolePermissions[r].includes(p)) && !businessRoles.some((r) => rolePermissions[r].includes(p)),
  ),
);
