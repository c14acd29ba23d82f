import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database';
import { auditLog, userRoles } from '../src/db/schema';
import { totpCode } from '../src/auth/totp';
import { pgErrorOf } from '../src/db/pg-error';
import { createHarness, type Harness, password } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const loginRaw = (login: string, pw: string, totp?: string) =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: pw, ...(totp ? { totp } : {}) } });

describe('login', () => {
  it('sets a signed HttpOnly SameSite=Strict cookie and no-store', async () => {
    const res = await loginRaw('rep1', password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kaohe_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.value).toContain('.'); // signature appended
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain(password);
  });

  it('gives the same response for a wrong password and an unknown login', async () => {
    const a = await loginRaw('rep2', 'Wrong#password1');
    const b = await loginRaw('nobody-here', 'Wrong#password1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
    expect(a.json().error.code).toBe(b.json().error.code);
  });

  it('requires the TOTP code for administrators', async () => {
    const withoutCode = await loginRaw('auditor', password);
    expect(withoutCode.statusCode).toBe(401);
    h.clock.advance(31_000);
    const ok = await loginRaw('auditor', password, totpCode(h.totpSecrets.get('auditor')!, h.clock.now()));
    expect(ok.statusCode).toBe(200);
  });
});

describe('lockout', () => {
  it('locks after 5 failures in 15 minutes, for existing and unknown logins alike, and unlocks after 15 minutes', async () => {
    for (const name of ['div1', 'ghost-user']) {
      const messages: string[] = [];
      for (let i = 0; i < 5; i++) {
        h.clock.advance(60_000);
        messages.push((await loginRaw(name, 'Wrong#password1')).json().error.message);
      }
      expect(messages[4]).toMatch(/次数过多/);
      // the right password is refused while locked, with the same answer as for an unknown login
      const locked = await loginRaw(name, name === 'div1' ? password : 'Whatever#123');
      expect(locked.statusCode).toBe(401);
      expect(locked.json().error.message).toMatch(/次数过多/);
    }
    h.clock.advance(15 * 60_000 + 1000);
    expect((await loginRaw('div1', password)).statusCode).toBe(200);
  });

  it('does not lock when failures are spread beyond the 15-minute window', async () => {
    for (let i = 0; i < 8; i++) {
      h.clock.advance(4 * 60_000);
      await loginRaw('leader1', 'Wrong#password1');
    }
    expect((await loginRaw('leader1', password)).statusCode).toBe(200);
  });

  it('records failures and the lockout in the audit trail', async () => {
    const rows = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.lockout'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes', async () => {
    const s = await h.login('rep1');
    h.clock.advance(29 * 60_000);
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(200);
    h.clock.advance(31 * 60_000);
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('ends after 8 hours however active', async () => {
    const s = await h.login('rep1');
    for (let i = 0; i < 19; i++) {
      h.clock.advance(25 * 60_000);
      expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(200);
    }
    h.clock.advance(10 * 60_000); // 7 h 55 min of activity, then 8 h 05 min after login
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('logout invalidates the session on the server', async () => {
    const s = await h.login('rep1');
    expect((await s.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const s = await h.login('rep1');
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    expect((await s.request('GET', '/api/auth/session')).statusCode).toBe(200);
  });

  it('refuses a cookie whose signature was tampered with', async () => {
    const s = await h.login('rep1');
    const forged = s.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const res = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: forged } });
    expect(res.statusCode).toBe(401);
  });
});

describe('三权分立 in the database', () => {
  it('refuses a business role on an administrator account even bypassing the API', async () => {
    const error = await h.ctx.db
      .insert(userRoles)
      .values({ userId: h.ids.users.sysadmin!, roleClass: 'business', role: 'leader', leaderId: h.ids.leaderId, createdAt: h.clock.now() })
      .then(() => null, (e: unknown) => e);
    expect(pgErrorOf(error)?.code).toBe('23503');
  });

  it('refuses a second administrator role on an administrator account', async () => {
    const error = await h.ctx.db
      .insert(userRoles)
      .values({ userId: h.ids.users.sysadmin!, roleClass: 'system-admin', role: 'system-admin', createdAt: h.clock.now() })
      .then(() => null, (e: unknown) => e);
    expect(pgErrorOf(error)?.code).toBe('23505');
    const mixed = await h.ctx.db
      .insert(userRoles)
      .values({ userId: h.ids.users.sysadmin!, roleClass: 'system-admin', role: 'audit-admin', createdAt: h.clock.now() })
      .then(() => null, (e: unknown) => e);
    expect(pgErrorOf(mixed)?.code).toBe('23514');
  });

  it('refuses an administrator role on a business account', async () => {
    const error = await h.ctx.db
      .insert(userRoles)
      .values({ userId: h.ids.users.rep1!, roleClass: 'audit-admin', role: 'audit-admin', createdAt: h.clock.now() })
      .then(() => null, (e: unknown) => e);
    expect(pgErrorOf(error)?.code).toBe('23503');
    const rows = await queryRows<{ n: number }>(h.ctx.db, sql`SELECT count(*)::int AS n FROM user_roles WHERE user_id = ${h.ids.users.rep1!}`);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses granting a business role to an administrator over the API', async () => {
    const sec = await h.login('secadmin');
    const res = await sec.request('POST', `/api/users/${h.ids.users.auditor}/roles`, { role: 'leader', leaderId: h.ids.leaderId });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/三权分立/);
  });
});

describe('trusted proxies', () => {
  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'spoof-test', password: 'x' }, headers: { 'x-forwarded-for': '203.0.113.9' }, remoteAddress: '198.51.100.7' });
    const [row] = await h.ctx.db.select().from(auditLog).where(eq(auditLog.actorLogin, 'spoof-test'));
    expect(row!.sourceIp).toBe('198.51.100.7');
  });

  it('honours X-Forwarded-For from a configured proxy', async () => {
    const other = await createHarness({ TRUST_PROXIES: '10.0.0.1' });
    try {
      await other.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'proxied', password: 'x' }, headers: { 'x-forwarded-for': '203.0.113.9' }, remoteAddress: '10.0.0.1' });
      const [row] = await other.ctx.db.select().from(auditLog).where(eq(auditLog.actorLogin, 'proxied'));
      expect(row!.sourceIp).toBe('203.0.113.9');
    } finally {
      await other.close();
    }
  });
});

describe('passwords', () => {
  it('forces a change after 90 days and applies the policy and history', async () => {
    h.clock.advance(91 * 86_400_000);
    const s = await h.login('rep2');
    expect((await s.request('GET', '/api/auth/session')).json().stage).toBe('password-change');
    expect((await s.request('GET', `/api/assessments`)).json().error.code).toBe('password-change-required');
    const weak = await s.request('POST', '/api/auth/password', { currentPassword: password, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/至少 3 类/);
    const withLogin = await s.request('POST', '/api/auth/password', { currentPassword: password, newPassword: 'Xrep2#2026' });
    expect(withLogin.json().error.message).toMatch(/登录名/);
    const reused = await s.request('POST', '/api/auth/password', { currentPassword: password, newPassword: password });
    expect(reused.json().error.message).toMatch(/最近 5 次/);
    const ok = await s.request('POST', '/api/auth/password', { currentPassword: password, newPassword: 'New#Passw0rd-2026' });
    expect(ok.json()).toEqual({ stage: 'full' });
    expect((await s.request('GET', '/api/assessments')).statusCode).toBe(200);
  });
});
