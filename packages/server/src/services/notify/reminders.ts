import { addDays, dayNumber } from '@kaohe/core';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { notificationOutbox, notifications, userRoles, users } from '../../db/schema';
import type { JobHandler } from '../../jobs/job-runner';
import { enqueueJob } from '../../jobs/job-queue';
import { listDueItems } from '../calendar/due-items';
import { type CalendarSettings, getCalendarSettings, instantOf, localDateOf } from '../calendar/settings';
import { activePushAdapter } from './active-push';
import { outOfQuietHours } from './quiet-hours';
import { sendEmail, smtpChannel, smtpNotConfigured } from './smtp';

/**
 * Reminders (报送提醒 / 催报) run as jobs in the job table, so a scheduled reminder survives a
 * restart: one `calendar-reminders` job per assessment and reminder date, due at the settings'
 * send time moved out of quiet hours. It writes the in-app notifications and the outbox rows (one
 * per e-mail or push copy) in one transaction with its audit record and queues a
 * `notify-deliver` job, which sends the outbox and records each send (audited, success or failure).
 * A deliver run inside quiet hours sends nothing and queues itself for their end.
 */
const systemActor: AuditActor = { id: null, login: null, role: 'system', sourceIp: null };

export function reminderDates(settings: CalendarSettings, dueDate: string): string[] {
  return [...settings.reminders.beforeDays.map((d) => addDays(dueDate, -d)), ...settings.reminders.afterDays.map((d) => addDays(dueDate, d))];
}

/** Queues one reminder job per future reminder date not queued yet (regenerating the calendar adds none twice). */
export async function scheduleReminders(tx: Db, ctx: ServerContext, assessmentId: string, settings: CalendarSettings, dueDates: readonly string[], userId: string | null): Promise<number> {
  const now = ctx.clock.now();
  const dates = [...new Set(dueDates.flatMap((d) => reminderDates(settings, d)))].sort();
  const queued = await queryRows<{ date: string }>(tx, sql`SELECT payload->>'date' AS date FROM jobs WHERE kind = 'calendar-reminders' AND status = 'queued' AND payload->>'assessmentId' = ${assessmentId}`);
  const have = new Set(queued.map((q) => q.date));
  let n = 0;
  for (const date of dates) {
    if (have.has(date)) continue;
    const at = outOfQuietHours(instantOf(date, settings.reminders.sendAt, settings.utcOffsetMinutes), settings.reminders.quietFrom, settings.reminders.quietTo, settings.utcOffsetMinutes);
    if (at.getTime() < now.getTime() - 86_400_000) continue; // a reminder for a day already gone
    await enqueueJob(tx, ctx.clock, { kind: 'calendar-reminders', payload: { assessmentId, date }, createdBy: userId, runAfter: at });
    n++;
  }
  return n;
}

type Recipient = { userId: string; login: string; unitId: string; emailEnc: string | null };

async function unitReporters(db: Db, assessmentId: string, unitIds: string[]): Promise<Recipient[]> {
  if (unitIds.length === 0) return [];
  return db
    .select({ userId: users.id, login: users.login, unitId: userRoles.unitId, emailEnc: users.emailEnc })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'unit-reporter'), inArray(userRoles.unitId, unitIds), eq(users.isDisabled, false), or(isNull(userRoles.assessmentId), eq(userRoles.assessmentId, assessmentId))))
    .then((rows) => rows.map((r) => ({ ...r, unitId: r.unitId! })));
}

export function reminderHandler(ctx: ServerContext): JobHandler {
  return async (job) => {
    const { assessmentId, date } = job.payload as { assessmentId: string; date: string };
    const settings = await getCalendarSettings(ctx.db, assessmentId);
    const items = await listDueItems(ctx.db, assessmentId, ctx.clock.now());
    const day = dayNumber(date);
    const before = new Set(settings.reminders.beforeDays);
    const after = new Set(settings.reminders.afterDays);
    const targets = items.flatMap((it) => {
      const left = dayNumber(it.unitDue) - day;
      if (left >= 0 && before.has(left) && (it.state === 'due' || it.state === 'returned')) {
        return [{ it, kind: 'reminder.before', title: `报送提醒：${it.ref} ${it.label}`, body: `${it.unitName}：“${it.ref}”${it.label}的报送应于 ${it.unitDue} 前完成${left === 0 ? '（今天截止）' : `（还有 ${left} 天）`}。${it.state === 'returned' ? '该报送已被退回，请修改后重新提交。' : ''}` }];
      }
      if (left < 0 && after.has(-left) && it.state === 'missing') {
        return [{ it, kind: 'reminder.overdue', title: `催报：${it.ref} ${it.label}`, body: `${it.unitName}：“${it.ref}”${it.label}的报送已于 ${it.unitDue} 截止，已逾期 ${-left} 天仍未提交，请尽快报送。` }];
      }
      return [];
    });
    const recipients = await unitReporters(ctx.db, assessmentId, [...new Set(targets.map((t) => t.it.unitId))]);
    const smtp = await smtpChannel(ctx);
    const emailOn = smtp !== null && smtp.enabled;
    const push = await activePushAdapter(ctx);
    return async (tx) => {
      const now = ctx.clock.now();
      let inApp = 0;
      let emails = 0;
      let pushes = 0;
      for (const t of targets) {
        for (const r of recipients.filter((x) => x.unitId === t.it.unitId)) {
          const [row] = await tx
            .insert(notifications)
            .values({ userId: r.userId, assessmentId, kind: t.kind, title: t.title, body: t.body, dueItemId: t.it.id, dedupeKey: `${t.kind}:${t.it.id}:${date}`, createdAt: now })
            .onConflictDoNothing()
            .returning({ id: notifications.id });
          if (!row) continue; // already sent by an earlier run of this reminder
          inApp++;
          if (emailOn && r.emailEnc) {
            await tx.insert(notificationOutbox).values({ createdAt: now, recipientUserId: r.userId, subject: t.title, body: t.body, channelId: 'smtp' });
            emails++;
          }
          if (push) {
            await tx.insert(notificationOutbox).values({ createdAt: now, recipientUserId: r.userId, subject: t.title, body: t.body, channelId: 'push' });
            pushes++;
          }
        }
      }
      const result = { date, items: targets.length, inApp, emails, pushes, email: emailOn ? 'queued' : smtp === null ? smtpNotConfigured : 'SMTP 已停用：不发送电子邮件' };
      await appendAudit(tx, ctx.audit, systemActor, { action: 'reminder.queue', objectType: 'assessment', objectId: assessmentId, after: result, outcome: 'success' });
      if (emails + pushes > 0) await enqueueJob(tx, ctx.clock, { kind: 'notify-deliver', payload: { assessmentId }, createdBy: null });
      return result;
    };
  };
}

export function deliverHandler(ctx: ServerContext): JobHandler {
  return async (job) => {
    const { assessmentId } = job.payload as { assessmentId: string };
    const settings = await getCalendarSettings(ctx.db, assessmentId);
    const now = ctx.clock.now();
    const quietEnd = outOfQuietHours(now, settings.reminders.quietFrom, settings.reminders.quietTo, settings.utcOffsetMinutes);
    if (quietEnd.getTime() !== now.getTime()) {
      return async (tx) => {
        await enqueueJob(tx, ctx.clock, { kind: 'notify-deliver', payload: { assessmentId }, createdBy: null, runAfter: quietEnd });
        return { deferredTo: quietEnd.toISOString(), reason: `免打扰时段（${settings.reminders.quietFrom}–${settings.reminders.quietTo}，当地 ${localDateOf(now, settings.utcOffsetMinutes)}）` };
      };
    }
    const rows = await ctx.db
      .select({ o: notificationOutbox, login: users.login, emailEnc: users.emailEnc })
      .from(notificationOutbox)
      .innerJoin(users, eq(users.id, notificationOutbox.recipientUserId))
      .where(and(isNull(notificationOutbox.sentAt), isNull(notificationOutbox.error), inArray(notificationOutbox.channelId, ['smtp', 'push'])))
      .orderBy(notificationOutbox.createdAt, notificationOutbox.id)
      .limit(500);
    const smtp = await smtpChannel(ctx);
    const push = await activePushAdapter(ctx);
    const outcomes: { id: string; userId: string; channel: string; ok: boolean; detail: string }[] = [];
    for (const { o, login, emailEnc } of rows) {
      try {
        if (o.channelId === 'smtp') {
          if (!smtp || !smtp.enabled) throw new Error(smtpNotConfigured);
          const to = ctx.fields.decryptOptional('users.email', emailEnc);
          if (!to) throw new Error('收件人没有电子邮件地址');
          outcomes.push({ id: o.id, userId: o.recipientUserId!, channel: 'smtp', ok: true, detail: await sendEmail(smtp, to, o.subject, o.body) });
        } else {
          if (!push) throw new Error('未接入政务消息推送平台');
          const sent = await push.send({ userId: o.recipientUserId!, login, title: o.subject, body: o.body });
          outcomes.push({ id: o.id, userId: o.recipientUserId!, channel: `push:${push.name}`, ok: true, detail: sent.messageId });
        }
      } catch (error) {
        outcomes.push({ id: o.id, userId: o.recipientUserId!, channel: o.channelId ?? '', ok: false, detail: (error as Error).message.slice(0, 500) });
      }
    }
    return async (tx) => {
      const at = ctx.clock.now();
      for (const r of outcomes) {
        await tx.update(notificationOutbox).set(r.ok ? { sentAt: at } : { error: r.detail }).where(eq(notificationOutbox.id, r.id));
        await appendAudit(tx, ctx.audit, systemActor, { action: 'notify.send', objectType: 'notification', objectId: r.id, after: { channel: r.channel, recipient: r.userId, ...(r.ok ? { messageId: r.detail } : { error: r.detail }) }, outcome: r.ok ? 'success' : 'failure' });
      }
      return { sent: outcomes.filter((r) => r.ok).length, failed: outcomes.filter((r) => !r.ok).length };
    };
  };
}
