import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notificationChannels, ssoLinks, ssoProviders } from '../src/db/schema';
import { smtpNotConfigured } from '../src/services/notify/smtp';
import { notifyStatusLines } from '../src/services/notify/status';
import { installCalendarScheme, ok } from './calendar-world';
import { createHarness, type Harness } from './harness';

/**
 * Reminder channels as the 考评办 and the security administrator see them (issue #10, reminders):
 * without SMTP nothing is e-mailed and the calendar settings (web) and `kaohe notify status` say so;
 * the 浙政钉 工作通知 adapter, configured by settings only, sends each reminder to a real HTTP server
 * on loopback that checks the X-Hmac-Auth signature the way the 浙政钉 open platform does.
 */
type Call = { uri: string; headers: IncomingMessage['headers']; params: Record<string, string>; signatureOk: boolean };
const calls: Call[] = [];
const APP_SECRET = 'Zzd#AppSecret-2026';
let platform: Server;
let apiUrl = '';
let h: Harness;

beforeAll(async () => {
  platform = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    req.on('end', () => {
      const uri = (req.url ?? '').replace(/^\/ebus/, '');
      const params = Object.fromEntries(new URLSearchParams(raw));
      // the platform's check: HMAC-SHA256 over METHOD\ntimestamp\nnonce\nuri\nsorted params, base64
      const sorted = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
      const text = `${req.method}\n${String(req.headers['x-hmac-auth-timestamp'])}\n${String(req.headers['x-hmac-auth-nonce'])}\n${uri}\n${sorted}`;
      const signatureOk = createHmac('sha256', APP_SECRET).update(text).digest('base64') === req.headers['x-hmac-auth-signature'] && req.headers.apikey === 'kaohe-app';
      calls.push({ uri, headers: req.headers, params, signatureOk });
      res.setHeader('content-type', 'application/json');
      if (!signatureOk) return res.end(JSON.stringify({ success: false, content: { success: false, responseMessage: '签名错误' } }));
      if (uri === '/gettoken.json') return res.end(JSON.stringify({ success: true, content: { success: true, data: { accessToken: 'tok-1', expiresIn: 7200 } } }));
      if (uri === '/message/workNotification' && params.access_token === 'tok-1') return res.end(JSON.stringify({ success: true, content: { success: true, data: { msgId: `msg-${calls.length}` } } }));
      res.end(JSON.stringify({ success: false, content: { success: false, responseMessage: '未知接口' } }));
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/ebus/`;
  h = await createHarness({ JOB_POLL_MS: '0' });
  await installCalendarScheme(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => platform.close(() => resolve()));
});

describe('reminder channels', () => {
  it('says in the calendar settings and the CLI status that no e-mail is sent while SMTP is not configured', async () => {
    const kpb = await h.login('kpb');
    const s = await ok<{ delivery: { inApp: string; email: { configured: boolean; sends: boolean; message: string }; push: { sends: boolean; message: string } } }>(kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/calendar/settings`));
    expect(s.delivery.email).toEqual({ configured: false, enabled: false, sends: false, message: smtpNotConfigured });
    expect(s.delivery.push).toEqual({ adapter: null, sends: false, message: '未接入政务消息推送平台' });
    expect(await notifyStatusLines(h.ctx)).toEqual(['站内通知：始终发送', `邮件：${smtpNotConfigured}`, '消息推送：未接入政务消息推送平台', '待执行的提醒任务 0 个；待发送 0 条，发送失败 0 条']);
    // disabled SMTP: still nothing sent, and said so
    await h.ctx.db.insert(notificationChannels).values({ id: 'smtp', kind: 'smtp', config: { host: 'mail.example.cn', port: 25, secure: false, from: 'kaohe@example.cn' }, secretEnc: null, enabled: false, createdAt: h.clock.now() });
    const off = await ok<{ delivery: { email: { sends: boolean; message: string } } }>(kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/calendar/settings`));
    expect(off.delivery.email).toMatchObject({ sends: false, message: 'SMTP 已配置但已停用：不发送电子邮件' });
    await h.ctx.db.delete(notificationChannels).where(eq(notificationChannels.id, 'smtp'));
  });

  it('sends the reminders as 浙政钉 工作通知, signed, to the linked account; a user without one fails audited with the reason', async () => {
    const secadmin = await h.login('secadmin');
    const view = await ok<{ push: { adapter: string | null; zzd: Record<string, unknown> } }>(secadmin.request('PUT', '/api/notification-channels/zzd', { apiUrl, appKey: 'kaohe-app', appSecret: APP_SECRET, tenantId: '196729', enabled: true }));
    expect(view.push).toMatchObject({ adapter: '浙政钉工作通知', zzd: { configured: true, enabled: true, appKey: 'kaohe-app', tenantId: '196729', hasSecret: true } });
    expect(JSON.stringify(view)).not.toContain(APP_SECRET);
    const [row] = await h.ctx.db.select().from(notificationChannels).where(eq(notificationChannels.id, 'zzd'));
    expect(row!.secretEnc).toMatch(/^enc1:/);
    expect(JSON.stringify(await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'notify.zzd.set')))).not.toContain(APP_SECRET);
    // rep1 signed in once through 浙政钉 SSO and was linked to accountId 10086; rep2 never was
    await h.ctx.db.insert(ssoProviders).values({ id: 'zzd-sso', kind: 'zzd', displayName: '浙政钉', config: {}, secretEnc: null, enabled: true, createdAt: h.clock.now() });
    await h.ctx.db.insert(ssoLinks).values({ providerId: 'zzd-sso', externalId: '10086', userId: h.ids.users.rep1!, status: 'linked', createdAt: h.clock.now() });

    const kpb = await h.login('kpb');
    const a = h.ids.assessmentId;
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', window: { dueDay: 5 } }));
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {}));
    h.clock.set(new Date('2026-03-02T01:00:00Z')); // 09:00 local, 3 days before 03-05
    await h.app.jobRunner.drain();
    const notices = calls.filter((c) => c.uri === '/message/workNotification');
    expect(notices).toHaveLength(1);
    expect(calls.every((c) => c.signatureOk)).toBe(true);
    expect(notices[0]!.params).toMatchObject({ tenantId: '196729', receiverIds: '10086', access_token: 'tok-1' });
    expect(JSON.parse(notices[0]!.params.msg!)).toEqual({ msgtype: 'text', text: { content: '报送提醒：C3 2月\n甲镇：“C3”2月的报送应于 2026-03-05 前完成（还有 3 天）。' } });
    expect(notices[0]!.headers['x-hmac-auth-timestamp']).toBe('2026-03-02T09:00:00.000+08:00');
    const sends = (await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'notify.send'))).map((r) => ({ outcome: r.outcome, after: r.after as { channel: string; recipient: string; messageId?: string; error?: string } }));
    expect(sends.map((s) => [s.after.recipient === h.ids.users.rep1 ? 'rep1' : 'rep2', s.outcome, s.after.channel]).sort()).toEqual([
      ['rep1', 'success', 'push:浙政钉工作通知'],
      ['rep2', 'failure', 'push'],
    ]);
    expect(sends.find((s) => s.outcome === 'failure')!.after.error).toBe('用户“rep2”未绑定浙政钉账号（统一身份认证中尚未关联），无法推送工作通知');
    expect(await notifyStatusLines(h.ctx)).toContain('消息推送：提醒同时推送到“浙政钉工作通知”');
  });

  it('names the platform’s refusal in the audit when the signature is wrong', async () => {
    await h.ctx.db.update(notificationChannels).set({ secretEnc: h.ctx.fields.encryptOptional('notification_channels.secret', 'wrong-secret') }).where(eq(notificationChannels.id, 'zzd'));
    const before = calls.length;
    h.clock.set(new Date('2026-03-04T01:00:00Z')); // 1 day before 03-05
    await h.app.jobRunner.drain();
    expect(calls.length).toBe(before + 1); // the token call is refused; no notice goes out
    const failures = (await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'notify.send'))).filter((r) => r.outcome === 'failure').map((r) => (r.after as { error: string }).error);
    expect(failures).toContain('浙政钉接口 /gettoken.json 失败：签名错误');
  });
});
