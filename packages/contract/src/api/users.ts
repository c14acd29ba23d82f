import { z } from 'zod';
import { idParams, nonEmpty, timestamp, uuidParam } from './fields';
import { defineOperation } from './operation';
import { businessRoles, roleClasses } from './permissions';

export const createUserBody = z.strictObject({
  login: z.string().trim().min(2, '登录名至少 2 个字符').max(64).regex(/^[A-Za-z0-9._@-]+$/, '登录名只能包含字母、数字和 ._@-'),
  displayName: nonEmpty(100),
  initialPassword: z.string().min(1, '请输入初始密码').max(256),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '手机号格式不正确').nullable().optional(),
  idNumber: z.string().trim().regex(/^[0-9]{17}[0-9Xx]$/, '身份证号须为 18 位').nullable().optional(),
  email: z.string().trim().email('电子邮箱格式不正确').max(200).nullable().optional(),
});
export const updateUserBody = z.strictObject({
  displayName: nonEmpty(100).optional(),
  isDisabled: z.boolean().optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '手机号格式不正确').nullable().optional(),
  idNumber: z.string().trim().regex(/^[0-9]{17}[0-9Xx]$/, '身份证号须为 18 位').nullable().optional(),
  email: z.string().trim().email('电子邮箱格式不正确').max(200).nullable().optional(),
});
export const grantRoleBody = z.strictObject({
  role: z.enum(businessRoles),
  assessmentId: uuidParam('assessmentId').nullable().optional(),
  unitId: uuidParam('unitId').nullable().optional(),
  divisionId: uuidParam('divisionId').nullable().optional(),
  leaderId: uuidParam('leaderId').nullable().optional(),
});
export const roleParams = z.strictObject({ id: uuidParam('id'), roleId: uuidParam('roleId') });
export const clearLockoutBody = z.strictObject({ login: z.string().trim().min(1, '请输入登录名').max(100) });

export const userView = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  roleClass: z.enum(roleClasses),
  isDisabled: z.boolean(),
  hasTotp: z.boolean(),
  /** masked (138****0000) unless the viewer holds pii:view */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  email: z.string().nullable(),
  passwordChangedAt: timestamp,
  createdAt: timestamp,
});
export type UserView = z.infer<typeof userView>;

export const roleGrantView = z.object({
  id: z.string(),
  userId: z.string(),
  roleClass: z.string(),
  role: z.string(),
  assessmentId: z.string().nullable(),
  unitId: z.string().nullable(),
  divisionId: z.string().nullable(),
  leaderId: z.string().nullable(),
  createdAt: timestamp,
});
export type RoleGrantView = z.infer<typeof roleGrantView>;

export const lockoutView = z.object({
  login: z.string(),
  failures: z.number().int(),
  windowStartedAt: timestamp,
  lockedUntil: timestamp.nullable(),
});

const tag = 'users';

export const usersApi = {
  list: defineOperation({
    method: 'GET',
    path: '/api/users',
    tag,
    summary: '账户列表',
    description: '全部账户（按登录名排序），含是否停用、是否已绑定动态口令和密码修改时间；不含任何密码或密钥。',
    permission: 'user:read',
    response: z.array(userView),
    errors: [],
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/users',
    tag,
    summary: '新增业务账户',
    description: '系统管理员新增业务账户（管理员账户只能用 `kaohe admin create` 创建）。初始密码须符合密码策略，首次登录时必须修改。',
    permission: 'user:write',
    body: createUserBody,
    response: userView,
    errors: ['conflict', 'password-policy'],
  }),
  update: defineOperation({
    method: 'PATCH',
    path: '/api/users/:id',
    tag,
    summary: '修改账户',
    description: '修改显示名或停用/启用账户；停用时立即注销该账户的所有会话。',
    permission: 'user:write',
    params: idParams,
    body: updateUserBody,
    response: userView,
    errors: ['not-found', 'forbidden'],
  }),
  roles: defineOperation({
    method: 'GET',
    path: '/api/users/:id/roles',
    tag,
    summary: '账户的角色',
    description: '账户持有的角色及其数据范围（考核、单位、处室、领导）。',
    permission: 'user:read',
    params: idParams,
    response: z.array(roleGrantView),
    errors: ['not-found'],
  }),
  grantRole: defineOperation({
    method: 'POST',
    path: '/api/users/:id/roles',
    tag,
    summary: '授予业务角色',
    description: '安全管理员为业务账户授予角色及数据范围。三权分立：管理员账户不能持有业务角色；处室须属于所选单位。',
    permission: 'role:assign',
    params: idParams,
    body: grantRoleBody,
    response: roleGrantView,
    errors: ['not-found', 'role-conflict'],
  }),
  revokeRole: defineOperation({
    method: 'DELETE',
    path: '/api/users/:id/roles/:roleId',
    tag,
    summary: '撤销业务角色',
    description: '撤销账户的一个业务角色；管理员角色只能随账户停用。',
    permission: 'role:assign',
    params: roleParams,
    response: z.object({ revoked: z.string() }),
    errors: ['not-found'],
  }),
  lockouts: defineOperation({
    method: 'GET',
    path: '/api/security/lockouts',
    tag: 'security',
    summary: '被锁定的登录名',
    description: '因连续登录失败而处于锁定期的登录名，含失败次数和解锁时间。',
    permission: 'lockout:manage',
    response: z.array(lockoutView),
    errors: [],
  }),
  clearLockout: defineOperation({
    method: 'POST',
    path: '/api/security/lockouts/clear',
    tag: 'security',
    summary: '解除锁定',
    description: '安全管理员解除一个登录名的锁定，操作记入审计日志。',
    permission: 'lockout:manage',
    body: clearLockoutBody,
    response: z.object({ cleared: z.number().int() }),
    errors: [],
  }),
  resetTotp: defineOperation({
    method: 'POST',
    path: '/api/users/:id/totp-reset',
    tag: 'security',
    summary: '重置动态口令',
    description: '清除账户的动态口令绑定并注销其会话；账户下次登录后须重新绑定。',
    permission: 'lockout:manage',
    params: idParams,
    response: z.object({ reset: z.literal(true) }),
    errors: ['not-found', 'forbidden'],
  }),
} as const;
