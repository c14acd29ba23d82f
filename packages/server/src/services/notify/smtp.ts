import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import { notificationChannels } from '../../db/schema';
import { audited } from '../audited';
import { activePushAdapter } from './active-push';
import { zzdChannel } from './zzd-push';

/**
 * E-mail through the office's SMTP server, set by the security administrator. The password is
 * field-encrypted (`notification_channels.secret`) and never returned or audited. When no SMTP
 * server is configured (or it is disabled) nothing is sent and the API says so.
 */
export type SmtpConfig = { host: string; port: number; secure: boolean; user?: string | undefined; from: string };
export type SmtpChannel = SmtpConfig & { password: string | null; enabled: boolean };

export const smtpNotConfigured = '未配置 SMTP 邮件服务器：提醒只以站内通知发送，不发送电子邮件';

export async function smtpChannel(ctx: ServerContext): Promise<SmtpChannel | null> {
  const [row] = await ctx.db.select().from(notificationChannels).where(eq(notificationChannels.id, 'smtp'));
  if (!row) return null;
  const config = row.config as SmtpConfig;
  return { ...config, password: ctx.fields.decryptOptional('notification_channels.secret', row.secretEnc), enabled: row.enabled };
}

export async function setSmtpChannel(ctx: ServerContext, actor: AuditActor, body: SmtpConfig & { password?: string | undefined; enabled: boolean }) {
  const config: SmtpConfig = { host: body.host, port: body.port, secure: body.secure, ...(body.user ? { user: body.user } : {}), from: body.from };
  await audited(ctx, actor, { action: 'notify.smtp.set', objectType: 'notification-channel', objectId: 'smtp', after: () => ({ ...config, enabled: body.enabled, passwordChanged: body.password !== undefined }) }, async (tx) => {
    const [row] = await tx.select().from(notificationChannels).where(eq(notificationChannels.id, 'smtp')).for('update');
    const secretEnc = body.password !== undefined ? ctx.fields.encryptOptional('notification_channels.secret', body.password) : (row?.secretEnc ?? null);
    if (row) await tx.update(notificationChannels).set({ config, secretEnc, enabled: body.enabled }).where(eq(notificationChannels.id, 'smtp'));
    else await tx.insert(notificationChannels).values({ id: 'smtp', kind: 'smtp', config, secretEnc, enabled: body.enabled, createdAt: ctx.clock.now() });
  });
  return channelsView(ctx);
}

export async function channelsView(ctx: ServerContext) {
  const smtp = await smtpChannel(ctx);
  const push = await activePushAdapter(ctx);
  const zzd = await zzdChannel(ctx);
  return {
    smtp: {
      configured: smtp !== null,
      enabled: smtp?.enabled ?? false,
      host: smtp?.host ?? null,
      port: smtp?.port ?? null,
      secure: smtp?.secure ?? null,
      user: smtp?.user ?? null,
      from: smtp?.from ?? null,
      hasPassword: Boolean(smtp?.password),
      message: smtp === null ? smtpNotConfigured : smtp.enabled ? `提醒邮件经 ${smtp.host}:${smtp.port} 发送` : 'SMTP 已配置但已停用：不发送电子邮件',
    },
    push: {
      adapter: push?.name ?? null,
      message: push ? `提醒同时推送到“${push.name}”` : zzd && !zzd.enabled ? '浙政钉工作通知已配置但已停用：不推送' : '未接入政务消息推送平台',
      zzd: zzd ? { configured: true, enabled: zzd.enabled, apiUrl: zzd.apiUrl, appKey: zzd.appKey, tenantId: zzd.tenantId, hasSecret: Boolean(zzd.appSecret) } : { configured: false, enabled: false, apiUrl: null, appKey: null, tenantId: null, hasSecret: false },
    },
  };
}

/** Sends one e-mail; throws with the server's answer on failure. */
export async function sendEmail(channel: SmtpChannel, to: string, subject: string, text: string): Promise<string> {
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    ...(channel.user ? { auth: { user: channel.user, pass: channel.password ?? '' } } : {}),
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10000,
  });
  try {
    const info = await transport.sendMail({ from: channel.from, to, subject, text });
    return String(info.messageId ?? '');
  } finally {
    transport.close();
  }
}
