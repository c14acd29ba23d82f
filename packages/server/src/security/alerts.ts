import { and, eq, gt } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import { alertEvents, notificationOutbox } from '../db/schema-security';
import { minutes } from '../lib/clock';

export type AlertKind = 'failed-logins' | 'forbidden-admin';

const describe: Record<AlertKind, (ip: string, n: number, windowMinutes: number) => string> = {
  'failed-logins': (ip, n, w) => `来自 ${ip} 的登录在 ${w} 分钟内失败 ${n} 次（疑似暴力破解）`,
  'forbidden-admin': (ip, n, w) => `来自 ${ip} 的请求在 ${w} 分钟内 ${n} 次被管理接口拒绝（疑似越权探测）`,
};

/**
 * 入侵防范 (三级): counts failed logins and refused administrator requests per source address in a
 * sliding window; at the threshold an alert row is written (once per address and window), a
 * notification is queued for the security administrator and the alert is audited. Counters are
 * per process; the alert rows are shared.
 */
export function createAlertMonitor(ctx: ServerContext) {
  const hits = new Map<string, number[]>();
  const thresholds: Record<AlertKind, number> = {
    'failed-logins': ctx.config.alerts.failedLoginsPerIp,
    'forbidden-admin': ctx.config.alerts.forbiddenAdminBurst,
  };
  const windowMs = minutes(ctx.config.alerts.windowMinutes);

  const note = async (kind: AlertKind, ip: string): Promise<boolean> => {
    const now = ctx.clock.now().getTime();
    const key = `${kind} ${ip}`;
    const recent = (hits.get(key) ?? []).filter((t) => now - t <= windowMs);
    recent.push(now);
    hits.set(key, recent);
    if (recent.length < thresholds[kind]) return false;
    const since = new Date(now - windowMs);
    const [open] = await ctx.db
      .select({ id: alertEvents.id })
      .from(alertEvents)
      .where(and(eq(alertEvents.kind, kind), eq(alertEvents.sourceIp, ip), gt(alertEvents.at, since)));
    if (open) return false;
    const message = describe[kind](ip, recent.length, ctx.config.alerts.windowMinutes);
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(alertEvents)
        .values({ at: new Date(now), kind, sourceIp: ip, count: recent.length, details: { message }, notifiedAt: new Date(now) })
        .returning();
      await tx.insert(notificationOutbox).values({ createdAt: new Date(now), recipientRole: 'security-admin', subject: `安全告警：${kind}`, body: message });
      return row;
    });
    await recordAudit(ctx.db, ctx.audit, { id: null, login: null, role: 'system', sourceIp: ip }, { action: 'security.alert', objectType: 'alert', objectId: kind, outcome: 'success', after: { message } });
    return true;
  };
  return { note };
}

export type AlertMonitor = ReturnType<typeof createAlertMonitor>;
