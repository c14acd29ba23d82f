import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { alertEvents, auditLog, notificationOutbox, users } from '../../src/db/schema';
import { listInactiveAccounts, runInactiveAccountJob } from '../../src/security/inactive-accounts';
import { createHarness, type Harness } from '../harness';

const harnesses: Harness[] = [];
const make = async (env: Record<string, string>) => {
  const h = await createHarness(env);
  harnesses.push(h);
  return h;
};
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

describe('level-3 transport', () => {
  it('refuses plain HTTP, accepts HTTPS only from a listed TLS proxy, and sets HSTS', async () => {
    const h = await make({ SECURITY_PROFILE: 'level3', BEHIND_TLS_PROXY: 'true', TRUST_PROXIES: '10.9.0.1' });
    const plain = await h.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: '10.9.0.7' });
    expect(plain.statusCode).toBe(403);
    expect(plain.json().error.code).toBe('https-required');
    expect(plain.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    // X-Forwarded-Proto from an address that is not a trusted proxy is ignored
    const spoofed = await h.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: '10.9.0.7', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.statusCode).toBe(403);
    const proxied = await h.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: '10.9.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.168.1.5' } });
    expect(proxied.statusCode).toBe(401); // reached the route: no session
    expect(proxied.headers['strict-transport-security']).toMatch(/includeSubDomains/);
  });

  it('the standard profile serves plain HTTP without HSTS', async () => {
    const std = await make({});
    const res = await std.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('admin-network allowlist', () => {
  it('administrator routes answer only from the allowed networks, with trusted proxies honoured', async () => {
    const h = await make({ ADMIN_ALLOWED_CIDRS: '10.1.0.0/16,127.0.0.1', TRUST_PROXIES: '10.9.0.1' });
    const sys = await h.login('sysadmin'); // inject comes from 127.0.0.1: allowed
    expect((await sys.request('GET', '/api/users')).statusCode).toBe(200);
    const outside = await h.app.inject({ method: 'GET', url: '/api/users', remoteAddress: '10.9.0.1', headers: { cookie: sys.cookie, 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toMatch(/管理网段.*203\.0\.113\.9/);
    const inside = await h.app.inject({ method: 'GET', url: '/api/users', remoteAddress: '10.9.0.1', headers: { cookie: sys.cookie, 'x-forwarded-for': '10.1.2.3' } });
    expect(inside.statusCode).toBe(200);
    // an untrusted peer cannot claim an inside address
    const forged = await h.app.inject({ method: 'GET', url: '/api/users', remoteAddress: '198.51.100.1', headers: { cookie: sys.cookie, 'x-forwarded-for': '10.1.2.3' } });
    expect(forged.statusCode).toBe(403);
    // business routes are not administrator routes
    const kpb = await h.login('kpb');
    const business = await h.app.inject({ method: 'GET', url: `/api/assessments/${h.ids.assessmentId}/results`, remoteAddress: '198.51.100.1', headers: { cookie: kpb.cookie } });
    expect(business.statusCode).not.toBe(403);
    const refused = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'security.admin-network-refused'));
    expect(refused.map((r) => r.sourceIp)).toEqual(['203.0.113.9', '198.51.100.1']);
  });
});

describe('alerts', () => {
  it('K failed logins from one address raise one alert and a notification to the security administrator', async () => {
    const h = await make({ ALERT_FAILED_LOGINS_PER_IP: '4' });
    for (let i = 0; i < 6; i++) {
      await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.16.0.9', payload: { login: `guess${i}`, password: 'Wrong#pass1' } });
    }
    await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '172.16.0.10', payload: { login: 'x', password: 'Wrong#pass1' } });
    const alerts = await h.ctx.db.select().from(alertEvents);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'failed-logins', sourceIp: '172.16.0.9', count: 4 });
    const outbox = await h.ctx.db.select().from(notificationOutbox);
    expect(outbox).toEqual([expect.objectContaining({ recipientRole: 'security-admin' })]);
    expect(outbox[0]!.body).toMatch(/172\.16\.0\.9.*失败 4 次/);
    expect((await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'security.alert'))).length).toBe(1);
  });

  it('a burst of 403 on administrator routes raises a probing alert', async () => {
    const h = await make({ ALERT_FORBIDDEN_ADMIN_BURST: '3' });
    const rep = await h.login('rep1');
    for (let i = 0; i < 3; i++) expect((await rep.request('GET', '/api/users')).statusCode).toBe(403);
    const alerts = await h.ctx.db.select().from(alertEvents).where(eq(alertEvents.kind, 'forbidden-admin'));
    expect(alerts).toHaveLength(1);
  });
});

describe('inactive accounts and audit search by outcome', () => {
  it('lists accounts idle for more than D days to the job, which can disable them (audited)', async () => {
    const h = await make({ INACTIVE_ACCOUNT_DAYS: '30' });
    await h.login('kpb');
    h.clock.advance(31 * 86_400_000);
    await h.login('rep1');
    const idle = (await listInactiveAccounts(h.ctx)).map((a) => a.login);
    expect(idle).toContain('kpb');
    expect(idle).toContain('leader1'); // never logged in: counts from creation
    expect(idle).not.toContain('rep1');
    const dry = await runInactiveAccountJob(h.ctx);
    expect(dry.disabled).toBe(0);
    const run = await runInactiveAccountJob(h.ctx, { disable: true });
    expect(run.disabled).toBe(idle.length);
    const [kpb] = await h.ctx.db.select().from(users).where(eq(users.login, 'kpb'));
    expect(kpb!.isDisabled).toBe(true);
    expect((await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'user.disable-inactive'))).length).toBe(idle.length);
  });

  it('the audit administrator searches by outcome', async () => {
    const h = await make({});
    await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'rep1', password: 'Wrong#pass1' } });
    const auditor = await h.login('auditor');
    const failures = await auditor.request('GET', '/api/audit?outcome=failure');
    expect(failures.statusCode).toBe(200);
    const rows = failures.json() as { outcome: string; action: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.outcome === 'failure')).toBe(true);
    expect((await auditor.request('GET', '/api/audit?outcome=maybe')).statusCode).toBe(400);
  });
});
