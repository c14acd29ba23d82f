import { z } from 'zod';
import { okResponse } from './fields';
import { defineOperation } from './operation';
import { roleClasses, sessionStages } from './permissions';

export const loginBody = z.strictObject({
  login: z.string().trim().min(1, '请输入登录名').max(100),
  password: z.string().min(1, '请输入密码').max(256),
  totp: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字').optional(),
});

export const stageSchema = z.enum(sessionStages).describe('full 完整会话；password-change 须先改密码；totp-enrol 须先绑定动态口令');

export const sessionGrantSchema = z.object({
  role: z.string(),
  assessmentId: z.string().nullable(),
  unitId: z.string().nullable(),
  divisionId: z.string().nullable(),
  leaderId: z.string().nullable(),
});

export const sessionResponse = z.object({
  userId: z.string(),
  login: z.string(),
  roleClass: z.enum(roleClasses),
  roles: z.array(sessionGrantSchema),
  stage: stageSchema,
  csrfToken: z.string().describe('状态变更请求须在 x-csrf-token 头中回传'),
});
export type SessionView = z.infer<typeof sessionResponse>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

export const totpEnrolResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpConfirmBody = z.strictObject({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/, '无效的密钥'),
  code: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字'),
});
export const stageResponse = z.object({ stage: stageSchema });

const tag = 'auth';

export const authApi = {
  login: defineOperation({
    method: 'POST',
    path: '/api/auth/login',
    tag,
    summary: '登录',
    description: '以登录名和密码登录（管理员及已绑定动态口令的账户还须 6 位动态口令）。成功后设置会话 Cookie，返回会话信息；连续失败达到阈值会锁定账户。',
    permission: 'public',
    body: loginBody,
    response: sessionResponse,
    errors: ['login-failed', 'rate-limited'],
  }),
  session: defineOperation({
    method: 'GET',
    path: '/api/auth/session',
    tag,
    summary: '当前会话',
    description: '返回当前登录账户、角色、会话阶段和 CSRF 令牌；页面刷新后用它恢复登录状态。',
    permission: 'session',
    response: sessionResponse,
    errors: [],
  }),
  logout: defineOperation({
    method: 'POST',
    path: '/api/auth/logout',
    tag,
    summary: '退出登录',
    description: '注销当前会话并清除会话 Cookie。',
    permission: 'session',
    response: okResponse,
    errors: [],
  }),
  changePassword: defineOperation({
    method: 'POST',
    path: '/api/auth/password',
    tag,
    summary: '修改密码',
    description: '校验当前密码后设置新密码（长度、字符类别、不得与最近几次相同）。密码过期或初始密码的会话只能调用本接口。返回修改后的会话阶段。',
    permission: 'session',
    body: changePasswordBody,
    response: stageResponse,
    errors: ['login-failed', 'password-policy'],
  }),
  totpEnrol: defineOperation({
    method: 'POST',
    path: '/api/auth/totp/enrol',
    tag,
    summary: '生成动态口令密钥',
    description: '生成一个新的 TOTP 密钥及 otpauth 地址，供身份验证器应用扫码；须再调用“确认绑定”才生效。',
    permission: 'session',
    response: totpEnrolResponse,
    errors: [],
  }),
  totpConfirm: defineOperation({
    method: 'POST',
    path: '/api/auth/totp/confirm',
    tag,
    summary: '确认绑定动态口令',
    description: '以密钥和当前 6 位动态口令确认绑定；已绑定的账户须由安全管理员重置后才能重新绑定。',
    permission: 'session',
    body: totpConfirmBody,
    response: stageResponse,
    errors: ['conflict', 'not-found'],
  }),
} as const;
