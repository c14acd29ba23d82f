import { z } from 'zod';
import { uuidParam } from './fields';
import { defineOperation } from './operation';

/** In-app notifications (reminders) and the delivery channels: SMTP e-mail and a government message-push platform. */
const tag = 'notifications';
export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  assessmentId: z.string().nullable(),
  dueItemId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const smtpChannelBody = z.strictObject({
  host: z.string().trim().min(1).max(200),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().describe('直接以 TLS 连接（465 端口）'),
  user: z.string().max(200).optional(),
  password: z.string().max(500).optional().describe('SMTP 密码，加密保存，不再返回；不填则保留原密码'),
  from: z.string().trim().min(3).max(200).describe('发件人地址'),
  enabled: z.boolean(),
});
export const channelsView = z.object({
  smtp: z.object({
    configured: z.boolean(),
    enabled: z.boolean(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    secure: z.boolean().nullable(),
    user: z.string().nullable(),
    from: z.string().nullable(),
    hasPassword: z.boolean(),
    message: z.string().describe('中文说明：未配置时提醒邮件不会发送'),
  }),
  push: z.object({
    adapter: z.string().nullable(),
    message: z.string(),
    zzd: z
      .object({ configured: z.boolean(), enabled: z.boolean(), apiUrl: z.string().nullable(), appKey: z.string().nullable(), tenantId: z.string().nullable(), hasSecret: z.boolean() })
      .describe('浙政钉工作通知的配置（不返回 appSecret）'),
  }),
});
export const zzdChannelBody = z.strictObject({
  apiUrl: z.string().trim().url('须为网址').max(300).describe('浙政钉开放平台接口地址'),
  appKey: z.string().trim().min(1).max(200),
  appSecret: z.string().min(1).max(500).optional().describe('应用密钥，加密保存，不再返回；不填则保留原密钥'),
  tenantId: z.string().trim().min(1).max(100).describe('租户编号'),
  enabled: z.boolean(),
});
export const notificationParams = z.strictObject({ id: uuidParam('id') });

export const notificationsApi = {
  mine: defineOperation({ method: 'GET', path: '/api/notifications', tag, summary: '我的通知', description: '本人收到的站内通知（报送提醒、催报），最新在前。', permission: 'authenticated', querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional() }), response: z.array(notificationView), errors: [] }),
  markRead: defineOperation({ method: 'POST', path: '/api/notifications/:id/read', tag, summary: '标为已读', description: '把本人的一条通知标为已读。', permission: 'authenticated', params: notificationParams, response: notificationView, errors: ['not-found'] }),
  channels: defineOperation({ method: 'GET', path: '/api/notification-channels', tag, summary: '通知渠道', description: 'SMTP 邮件与政务消息推送渠道的配置情况（不返回密码）；未配置 SMTP 时不发送邮件并在此说明。', permission: 'security:manage', response: channelsView, errors: [] }),
  setZzd: defineOperation({ method: 'PUT', path: '/api/notification-channels/zzd', tag, summary: '设置浙政钉工作通知', description: '安全管理员设置浙政钉工作通知（接口地址、appKey、租户）；appSecret 以字段加密保存，记入审计（不记录密钥）。收件人为已通过浙政钉统一身份认证绑定的用户。', permission: 'security:manage', body: zzdChannelBody, response: channelsView, errors: [] }),
  setSmtp: defineOperation({ method: 'PUT', path: '/api/notification-channels/smtp', tag, summary: '设置 SMTP 邮件', description: '安全管理员设置 SMTP 服务器；密码以字段加密保存，记入审计（不记录密码）。', permission: 'security:manage', body: smtpChannelBody, response: channelsView, errors: [] }),
} as const;
