import { and, eq } from 'drizzle-orm';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import { notificationChannels, ssoLinks, ssoProviders } from '../../db/schema';
import { randomUuid } from '../../lib/crypto';
import { zzdSignedHeaders, zzdTimestamp } from '../../sso/zzd';
import { audited } from '../audited';
import type { PushAdapter } from './push-adapter';

/**
 * 浙政钉 工作通知 as a push adapter. Configured by settings only (`PUT /api/notification-channels/zzd`,
 * security administrator; the appSecret field-encrypted like the SMTP password). Each message:
 * `POST /gettoken.json` (appkey, appsecret) for the app's access token, then
 * `POST /message/workNotification` (access_token, tenantId, receiverIds, bizMsgId, msg) — both signed
 * with the X-Hmac-Auth headers of the SSO 浙政钉 client (`sso/zzd.ts`, reused, not copied).
 * The recipient is the 浙政钉 accountId the user is linked to by the 浙政钉 SSO provider
 * (`sso_links`, status linked); a user without one fails with the reason, audited as every send.
 */
export type ZzdPushConfig = { apiUrl: string; appKey: string; tenantId: string };
export const zzdChannelId = 'zzd';

type ZzdBody = { success?: boolean; content?: { success?: boolean; data?: unknown; responseMessage?: string; responseCode?: string } };

export function zzdPushAdapter(config: ZzdPushConfig, appSecret: string, accountIdOf: (userId: string) => Promise<string | null>, options: { timeoutMs?: number; now?: () => Date } = {}): PushAdapter {
  const api = config.apiUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? (() => new Date());
  const call = async (uri: string, params: Record<string, string>): Promise<unknown> => {
    const headers = zzdSignedHeaders({ method: 'POST', uri, params, appKey: config.appKey, appSecret, timestamp: zzdTimestamp(now()), nonce: `${now().getTime()}${randomUuid().slice(0, 8)}` });
    let res: Response;
    try {
      res = await fetch(`${api}${uri}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString(), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Error(`浙政钉接口 ${uri} ${(error as Error).name === 'TimeoutError' ? `${timeoutMs / 1000} 秒内无响应` : '无法连接'}`);
    }
    if (!res.ok) throw new Error(`浙政钉接口 ${uri} 拒绝了请求（HTTP ${res.status}）`);
    const body = (await res.json()) as ZzdBody;
    if (!body.success || body.content?.success === false) throw new Error(`浙政钉接口 ${uri} 失败：${body.content?.responseMessage ?? body.content?.responseCode ?? '未知错误'}`);
    return body.content?.data;
  };
  return {
    name: '浙政钉工作通知',
    send: async (message) => {
      const accountId = await accountIdOf(message.userId);
      if (!accountId) throw new Error(`用户“${message.login}”未绑定浙政钉账号（统一身份认证中尚未关联），无法推送工作通知`);
      const token = (await call('/gettoken.json', { appkey: config.appKey, appsecret: appSecret })) as { accessToken?: string } | undefined;
      if (!token?.accessToken) throw new Error('浙政钉没有返回 accessToken');
      const bizMsgId = `kaohe-${randomUuid()}`;
      const msg = JSON.stringify({ msgtype: 'text', text: { content: `${message.title}\n${message.body}` } });
      const sent = (await call('/message/workNotification', { access_token: token.accessToken, tenantId: config.tenantId, receiverIds: accountId, bizMsgId, msg })) as { msgId?: string } | undefined;
      return { messageId: sent?.msgId ? String(sent.msgId) : bizMsgId };
    },
  };
}

/** The user's 浙政钉 accountId: their link at an SSO provider of kind zzd. */
export function zzdAccountIdOf(ctx: ServerContext): (userId: string) => Promise<string | null> {
  return async (userId) => {
    const [row] = await ctx.db
      .select({ externalId: ssoLinks.externalId })
      .from(ssoLinks)
      .innerJoin(ssoProviders, eq(ssoProviders.id, ssoLinks.providerId))
      .where(and(eq(ssoLinks.userId, userId), eq(ssoLinks.status, 'linked'), eq(ssoProviders.kind, 'zzd')))
      .limit(1);
    return row?.externalId ?? null;
  };
}

export type ZzdChannel = ZzdPushConfig & { appSecret: string | null; enabled: boolean };

export async function zzdChannel(ctx: ServerContext): Promise<ZzdChannel | null> {
  const [row] = await ctx.db.select().from(notificationChannels).where(eq(notificationChannels.id, zzdChannelId));
  if (!row) return null;
  return { ...(row.config as ZzdPushConfig), appSecret: ctx.fields.decryptOptional('notification_channels.secret', row.secretEnc), enabled: row.enabled };
}

/** The configured 浙政钉 adapter, or null when not configured, disabled or without its secret. */
export async function configuredZzdAdapter(ctx: ServerContext): Promise<PushAdapter | null> {
  const ch = await zzdChannel(ctx);
  if (!ch || !ch.enabled || !ch.appSecret) return null;
  return zzdPushAdapter(ch, ch.appSecret, zzdAccountIdOf(ctx), { now: () => ctx.clock.now() });
}

export async function setZzdChannel(ctx: ServerContext, actor: AuditActor, body: ZzdPushConfig & { appSecret?: string | undefined; enabled: boolean }) {
  const config: ZzdPushConfig = { apiUrl: body.apiUrl, appKey: body.appKey, tenantId: body.tenantId };
  await audited(ctx, actor, { action: 'notify.zzd.set', objectType: 'notification-channel', objectId: zzdChannelId, after: () => ({ ...config, enabled: body.enabled, secretChanged: body.appSecret !== undefined }) }, async (tx) => {
    const [row] = await tx.select().from(notificationChannels).where(eq(notificationChannels.id, zzdChannelId)).for('update');
    const secretEnc = body.appSecret !== undefined ? ctx.fields.encryptOptional('notification_channels.secret', body.appSecret) : (row?.secretEnc ?? null);
    if (row) await tx.update(notificationChannels).set({ config, secretEnc, enabled: body.enabled }).where(eq(notificationChannels.id, zzdChannelId));
    else await tx.insert(notificationChannels).values({ id: zzdChannelId, kind: 'zzd', config, secretEnc, enabled: body.enabled, createdAt: ctx.clock.now() });
  });
}
