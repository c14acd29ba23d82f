/**
 * Role and permission names (三权分立: three administrator roles, each held alone, and business
 * roles that never mix with them). The server checks each route's permission against
 * `rolePermissions`; the web uses the same table to show each role only the menus it may use.
 */
export const adminRoles = ['system-admin', 'security-admin', 'audit-admin'] as const;
export const businessRoles = ['assessment-admin', 'lead-assessor', 'unit-reporter', 'division-user', 'leader'] as const;
export type AdminRole = (typeof adminRoles)[number];
export type BusinessRole = (typeof businessRoles)[number];
export type Role = AdminRole | BusinessRole;
export type RoleClass = AdminRole | 'business';
export const roleClasses = [...adminRoles, 'business'] as const;

export const roleLabelsZh: Record<Role, string> = {
  'system-admin': '系统管理员',
  'security-admin': '安全管理员',
  'audit-admin': '审计管理员',
  'assessment-admin': '考评办',
  'lead-assessor': '考核牵头部门',
  'unit-reporter': '被考核单位填报员',
  'division-user': '责任处室',
  leader: '分管领导',
};

export const roleClassLabelsZh: Record<RoleClass, string> = {
  'system-admin': '系统管理员',
  'security-admin': '安全管理员',
  'audit-admin': '审计管理员',
  business: '业务账户',
};

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
  /** the year's calendar: windows, due items, completion (read: scoped) and its settings (write: 考评办) */
  'calendar:read',
  'calendar:write',
  /** sensitivity labels (草稿/内部/公开) on schemes, results, publications and evidence (考评办) */
  'label:write',
] as const;
export type Permission = (typeof permissions)[number];
/** 'public' needs no account; 'authenticated' any full session; 'session' also a restricted one (password change, TOTP enrolment). */
export type RoutePermission = Permission | 'public' | 'authenticated' | 'session';

export const sessionStages = ['full', 'password-change', 'totp-enrol'] as const;
export type SessionStage = (typeof sessionStages)[number];

const businessRead: Permission[] = ['assessment:read', 'scheme:read', 'calendar:read'];

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
    'calendar:write',
    'label:write',
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

