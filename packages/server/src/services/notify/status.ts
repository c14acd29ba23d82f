import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ServerContext } from '../../context';
import { jobs, notificationOutbox } from '../../db/schema';
import { channelsView } from './smtp';

/**
 * What reminders will do, in Chinese, for the web (calendar settings' `delivery`) and `kaohe notify status`:
 * in-app always; e-mail only through a configured, enabled SMTP server (else the line says none is sent);
 * push through the adapter in use, if any.
 */
export async function deliveryState(ctx: ServerContext) {
  const v = await channelsView(ctx);
  return {
    inApp: '站内通知：始终发送',
    email: { configured: v.smtp.configured, enabled: v.smtp.enabled, sends: v.smtp.configured && v.smtp.enabled, message: v.smtp.message },
    push: { adapter: v.push.adapter, sends: v.push.adapter !== null, message: v.push.message },
  };
}

export async function notifyStatusLines(ctx: ServerContext): Promise<string[]> {
  const d = await deliveryState(ctx);
  const [queued] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(inArray(jobs.kind, ['calendar-reminders', 'notify-deliver']), inArray(jobs.status, ['queued', 'running'])));
  const [unsent] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(notificationOutbox).where(and(isNull(notificationOutbox.sentAt), isNull(notificationOutbox.error), inArray(notificationOutbox.channelId, ['smtp', 'push'])));
  const [failed] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(notificationOutbox).where(and(isNull(notificationOutbox.sentAt), isNotNull(notificationOutbox.error)));
  return [
    d.inApp,
    `邮件：${d.email.message}`,
    `消息推送：${d.push.message}`,
    `待执行的提醒任务 ${queued?.n ?? 0} 个；待发送 ${unsent?.n ?? 0} 条，发送失败 ${failed?.n ?? 0} 条`,
  ];
}
