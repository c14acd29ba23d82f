import { z } from 'zod';

export const loginBody = z.strictObject({
  login: z.string().trim().min(1, '请输入登录名').max(100),
  password: z.string().min(1, '请输入密码').max(256),
  totp: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字').optional(),
});

export const sessionResponse = z.object({
  userId: z.string(),
  login: z.string(),
  roleClass: z.string(),
  roles: z.array(
    z.object({
      role: z.string(),
      assessmentId: z.string().nullable(),
      unitId: z.string().nullable(),
      divisionId: z.string().nullable(),
      leaderId: z.string().nullable(),
    }),
  ),
  stage: z.enum(['full', 'password-change', 'totp-enrol']),
  csrfToken: z.string(),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const totpEnrolResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpConfirmBody = z.strictObject({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/, '无效的密钥'),
  code: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字'),
});
export const stageResponse = z.object({ stage: z.enum(['full', 'password-change', 'totp-enrol']) });
