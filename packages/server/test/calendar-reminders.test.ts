import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { auditLog, notificationChannels } from '../src/db/schema';
import { buildApp, type App } from '../src/http/app';
import { createFakeClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { updateCalendarSettings } from '../src/services/calendar/settings';
import { cliActor } from '../src/services/account.service';
import { createRecordingPushAdapter, setPushAdapter } from '../src/services/notify/push-adapter';
import { outOfQuietHours } from '../src/services/notify/quiet-hours';
import { smtpNotConfigured } from '../src/services/notify/smtp';
import { installCalendarScheme, ok } from './calendar-world';
import { createHarness, type Harness } from './harness';

type Mail = { from: string; to: string[]; user: string | undefined; raw: string };
let h: Harness;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: Mail[] = [];
const push = createRecordingPushAdapter();
let app2: App | null = null;

beforeAll(async () => {
  // a real SMTP server on a free port (plain, AUTH allowed on loopback for the test)
  smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, cb) => (auth.username === 'kaohe' && auth.password === 'Smtp#Pass2026' ? cb(null, { user: auth.username }) : cb(new Error('535 认证失败'))),
    onData: (stream, session, cb) => {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  h = await createHarness({ JOB_POLL_MS: '0' });
  await installCalendarScheme(h);
  setPushAdapter(h.ctx, push);
}, 120_000);
afterAll(async () => {
  await app2?.close();
  await h?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const drain = () => h.app.jobRunner.drain();

describe('outOfQuietHours', () => {
  it.each([
    ['2026-03-02T14:30:00Z', '22:00', '08:00', '2026-03-03T00:00:00.000Z'], // 22:30 local → 08:00 next morning
    ['2026-03-02T17:00:00Z', '22:00', '08:00', '2026-03-03T00:00:00.000Z'], // 01:00 local → 08:00 the same morning
    ['2026-03-02T01:00:00Z', '22:00', '08:00', '2026-03-02T01:00:00.000Z'], // 09:00 local: not quiet
    ['2026-03-02T04:30:00Z', '12:00', '14:00', '2026-03-02T06:00:00.000Z'], // 12:30 local → 14:00
    ['2026-03-02T06:00:00Z', '12:00', '14:00', '2026-03-02T06:00:00.000Z'], // 14:00 local: quiet has ended
  ])('%s with quiet %s–%s (UTC+8) → %s', (at, from, to, expected) => {
    expect(outOfQuietHours(new Date(at), from, to, 480).toISOString()).toBe(expected);
  });
});

describe('reminders', () => {
  it('schedules a job per reminder date, sends in-app and push reminders, and says e-mail is off while SMTP is not configured', async () => {
    const kpb = await h.login('kpb');
    const a = h.ids.assessmentId;
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', window: { cadence: 'monthly', dueDay: 5 } }));
    const gen = await ok<{ total: number; reminderJobs: number }>(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {}));
    // 12 monthly due dates; January's (02-05) reminders are all in the past on 03-01: 11 × (3 and 1 days before, 1 and 3 after)
    expect(gen).toMatchObject({ total: 24, reminderJobs: 44 });
    const secadmin = await h.login('secadmin');
    const channels = await ok<{ smtp: { configured: boolean; message: string }; push: { adapter: string } }>(secadmin.request('GET', '/api/notification-channels'));
    expect(channels.smtp).toMatchObject({ configured: false, message: smtpNotConfigured });
    expect(channels.push.adapter).toBe('测试推送通道');

    h.clock.set(new Date('2026-03-02T01:00:00Z')); // 09:00 local, 3 days before 03-05
    await drain();
    const rep1 = await h.login('rep1');
    const mine = await ok<{ id: string; title: string; body: string; readAt: string | null }[]>(rep1.request('GET', '/api/notifications'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '报送提醒：C3 2月', readAt: null });
    expect(mine[0]!.body).toBe('甲镇：“C3”2月的报送应于 2026-03-05 前完成（还有 3 天）。');
    expect(push.sent.map((m) => m.login).sort()).toEqual(['rep1', 'rep2']);
    expect(mails).toHaveLength(0);
    const queued = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'reminder.queue'));
    expect(queued.map((r) => (r.after as { email: string }).email)).toEqual([smtpNotConfigured]);

    // marking read: only the recipient; another user's notification is not disclosed
    const rep2 = await h.login('rep2');
    expect((await rep2.request('POST', `/api/notifications/${mine[0]!.id}/read`)).statusCode).toBe(404);
    expect((await ok<{ readAt: string | null }>(rep1.request('POST', `/api/notifications/${mine[0]!.id}/read`))).readAt).not.toBeNull();
    expect(await ok<unknown[]>(rep1.request('GET', '/api/notifications?unread=true'))).toHaveLength(0);
  });

  it('stores the SMTP password field-encrypted, never returns it, and e-mails through the real SMTP server', async () => {
    const secadmin = await h.login('secadmin');
    const view = await ok<{ smtp: Record<string, unknown> }>(secadmin.request('PUT', '/api/notification-channels/smtp', { host: '127.0.0.1', port: smtpPort, secure: false, user: 'kaohe', password: 'Smtp#Pass2026', from: 'kaohe@kaoping.example.cn', enabled: true }));
    expect(view.smtp).toMatchObject({ configured: true, enabled: true, hasPassword: true, host: '127.0.0.1' });
    expect(JSON.stringify(view)).not.toContain('Smtp#Pass2026');
    const [row] = await h.ctx.db.select().from(notificationChannels).where(eq(notificationChannels.id, 'smtp'));
    expect(row!.secretEnc).toMatch(/^enc1:/);
    expect(row!.secretEnc).not.toContain('Smtp#Pass2026');
    const audits = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'notify.smtp.set'));
    expect(JSON.stringify(audits)).not.toContain('Smtp#Pass2026');
    const sysadmin = await h.login('sysadmin');
    await ok(sysadmin.request('PATCH', `/api/users/${h.ids.users.rep1}`, { email: 'rep1@jiazhen.example.cn' }));

    h.clock.set(new Date('2026-03-04T01:00:00Z')); // 1 day before
    await drain();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'kaohe@kaoping.example.cn', to: ['rep1@jiazhen.example.cn'], user: 'kaohe' });
    expect(mails[0]!.raw).toContain('Subject: =?UTF-8?');
    const sent = await h.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'notify.send'), eq(auditLog.outcome, 'success')));
    // 2 pushes on 03-02; on 03-04 2 pushes + 1 e-mail
    expect(sent).toHaveLength(5);
    expect(sent.filter((r) => (r.after as { channel: string }).channel === 'smtp')).toHaveLength(1);
  });

  it('runs a scheduled reminder after a restart on the same database, sending overdue notices only to units that did not report, deferred out of quiet hours', async () => {
    // 甲镇 reports February on time; 乙镇 does not
    h.clock.set(new Date('2026-03-05T02:00:00Z'));
    const rep1 = await h.login('rep1');
    await ok(rep1.request('POST', `/api/assessments/${h.ids.assessmentId}/reports`, { clientKey: 'cal-rem-feb-u1', unitId: h.ids.units.U1, clauseKey: 'C3', facts: [{ id: 'items-2026-02', type: 'value', value: '2', period: '2026-02' }] }));
    await h.app.close(); // the server stops; the reminder jobs for 03-06 and 03-08 stay queued in the table

    const clock = createFakeClock(new Date('2026-03-06T01:00:00Z'));
    const ctx = createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock, crypto: intlCryptoProvider });
    const after = createRecordingPushAdapter('重启后的推送通道');
    setPushAdapter(ctx, after);
    app2 = await buildApp(ctx);
    await app2.jobRunner.drain();
    expect(after.sent).toHaveLength(1);
    expect(after.sent[0]).toMatchObject({ login: 'rep2', title: '催报：C3 2月', body: '乙镇：“C3”2月的报送已于 2026-03-05 截止，已逾期 1 天仍未提交，请尽快报送。' });

    // quiet hours now cover 09:00: the 03-08 reminder is written at 09:00 but delivered at 12:00
    await updateCalendarSettings(ctx, cliActor('test'), h.ids.users.kpb!, h.ids.assessmentId, { reminders: { beforeDays: [3, 1], afterDays: [1, 3], sendAt: '09:00', quietFrom: '08:30', quietTo: '12:00' } });
    clock.set(new Date('2026-03-08T01:00:00Z'));
    await app2.jobRunner.drain();
    expect(after.sent).toHaveLength(1);
    clock.set(new Date('2026-03-08T04:00:00Z'));
    await app2.jobRunner.drain();
    expect(after.sent.map((m) => m.body)).toEqual([after.sent[0]!.body, '乙镇：“C3”2月的报送已于 2026-03-05 截止，已逾期 3 天仍未提交，请尽快报送。']);
  });
});
