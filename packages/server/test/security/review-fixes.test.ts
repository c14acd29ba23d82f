import { desc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit';
import { auditHead, auditLog, users } from '../../src/db/schema';
import { appRoleGrantsSql } from '../../src/security/pg-app-role';
import { createHarness, type Harness, password } from '../harness';
import { openTestDatabase } from '../test-database';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const loginRaw = (login: string, pw: string) => h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: pw } });

describe('login names are unique case-insensitively', () => {
  it('Zhang then zhang → 409, over HTTP and in the database itself', async () => {
    const sys = await h.login('sysadmin');
    const first = await sys.request('POST', '/api/users', { login: 'Zhang', displayName: '张三', initialPassword: 'Init#Passw0rd' });
    expect(first.statusCode).toBe(200);
    const second = await sys.request('POST', '/api/users', { login: 'zhang', displayName: '张三二', initialPassword: 'Init#Passw0rd' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/不区分大小写/);
    const [row] = await h.ctx.db.select().from(users).where(eq(users.login, 'Zhang'));
    await expect(
      h.ctx.db.insert(users).values({ login: 'ZHANG', displayName: 'x', roleClass: 'business', passwordHash: row!.passwordHash, passwordChangedAt: new Date(), createdAt: new Date() }),
    ).rejects.toThrow();
  });

  it('logging in as ZHANG reaches the account Zhang', async () => {
    const res = await loginRaw('ZHANG', 'Init#Passw0rd');
    expect(res.statusCode).toBe(200);
    expect(res.json().login).toBe('Zhang');
  });
});

describe('三权分立: no administrator changes another administrator account over HTTP', () => {
  it('the system administrator cannot disable or rename the security administrator; the security administrator cannot reset the system administrator\'s TOTP', async () => {
    const sys = await h.login('sysadmin');
    const sec = await h.login('secadmin');
    const secId = h.ids.users.secadmin!;
    const sysId = h.ids.users.sysadmin!;
    const disable = await sys.request('PATCH', `/api/users/${secId}`, { isDisabled: true });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.message).toMatch(/三权分立.*kaohe admin/);
    expect((await sys.request('PATCH', `/api/users/${secId}`, { displayName: '改名' })).statusCode).toBe(403);
    expect((await sys.request('PATCH', `/api/users/${h.ids.users.auditor}`, { isDisabled: true })).statusCode).toBe(403);
    const reset = await sec.request('POST', `/api/users/${sysId}/totp-reset`);
    expect(reset.statusCode).toBe(403);
    const [stillThere] = await h.ctx.db.select().from(users).where(eq(users.id, sysId));
    expect(stillThere!.totpSecret).not.toBeNull();
    const [secRow] = await h.ctx.db.select().from(users).where(eq(users.id, secId));
    expect(secRow!.isDisabled).toBe(false);
    const refused = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'user.admin-change-refused'));
    expect(refused.length).toBe(4);
    expect(refused.every((r) => r.outcome === 'denied')).toBe(true);
    // business accounts are still managed over HTTP
    expect((await sys.request('PATCH', `/api/users/${h.ids.users.rep2}`, { displayName: '乙镇填报员' })).statusCode).toBe(200);
  });
});

describe('wrong current passwords on password change count toward lockout', () => {
  it('five wrong current passwords lock the account and end its sessions', async () => {
    const session = await h.login('leader1');
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      h.clock.advance(30_000);
      const res = await session.request('POST', '/api/auth/password', { currentPassword: `Wrong#guess${i}`, newPassword: 'New#Passw0rd9' });
      answers.push(res.statusCode);
    }
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(answers[4]).toBe(401);
    expect((await session.request('GET', '/api/auth/session')).statusCode).toBe(401);
    const locked = await loginRaw('leader1', password);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.message).toMatch(/次数过多/);
  });
});

describe('audit head is keyed', () => {
  it('deleting the tail and rewriting the head to the last remaining record is detected', async () => {
    expect((await verifyAuditChain(h.ctx.db, h.config.auditKey)).ok).toBe(true);
    const [last] = await h.ctx.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(3);
    const keep = last!.seq - 2;
    const [kept] = await h.ctx.db.select().from(auditLog).where(eq(auditLog.seq, keep));
    await h.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await tx.execute(sql`DELETE FROM audit_log WHERE seq > ${keep}`);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
      await tx.update(auditHead).set({ seq: kept!.seq, hash: kept!.hash }).where(eq(auditHead.id, 1));
    });
    const result = await verifyAuditChain(h.ctx.db, h.config.auditKey);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/head.*keyed tag/);
  });
});

describe('unknown routes', () => {
  it('answer 404 in the usual error format, in Chinese', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' });
    expect(res.statusCode).toBe(404);
    const body = res.json() as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('not-found');
    expect(body.error.message).toBe('接口不存在：GET /api/no-such-thing');
    expect(body.error.requestId).toBeTruthy();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

const pgUrl = process.env.DATABASE_URL;
describe.skipIf(!pgUrl)('PostgreSQL: the app runs as a role that does not own the tables', () => {
  it('can read and write business tables, append audit rows, but neither disable the trigger nor rewrite audit or publication rows', async () => {
    const owner = await openTestDatabase(); // migrated by the owner (postgres) into its own schema
    const role = `kaohe_app_${owner.schemaName!.slice(2)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      for (const statement of appRoleGrantsSql(role, owner.schemaName!).split('\n')) await admin.query(statement);
      const app = new pg.Client({ connectionString: pgUrl });
      await app.connect();
      try {
        await app.query(`SET ROLE ${role}`);
        await app.query(`SET search_path TO ${owner.schemaName}`);
        await app.query(`INSERT INTO organisations (id, code, name, created_at) VALUES ('00000000-0000-4000-8000-000000000001', 'x', '某县', now())`);
        await app.query(`UPDATE organisations SET name = '某某县'`);
        await app.query(`INSERT INTO audit_log (seq, at, action, outcome, algorithm, prev_hash, hash) VALUES (1, now(), 't', 'success', 'HMAC-SHA256', 'genesis', 'h')`);
        await app.query(`UPDATE audit_head SET seq = 1, hash = 'h'`);
        await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
        await expect(app.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
        await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
        await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
        await expect(app.query('DELETE FROM published_results')).rejects.toThrow(/permission denied/);
        await expect(app.query('DROP TABLE users')).rejects.toThrow(/must be owner/);
      } finally {
        await app.end();
      }
    } finally {
      await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await owner.close();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});
