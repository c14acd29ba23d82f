import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp';
import { loadConfig } from '../src/config/env';
import { createContext } from '../src/context';
import type { Database } from '../src/db/database';
import { auditLog, users } from '../src/db/schema';
import { buildApp } from '../src/http/app';
import { systemClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { type CliProcess, startCliProcess } from './cli-process';

/**
 * 三权分立 end to end: the API refuses an administrator changing another administrator role's
 * account, and `kaohe admin disable|enable|rename|reset-totp` on the host does it, each a real CLI
 * process on the same database, each audited as the host user, the audit chain intact afterwards.
 */
const adminPassword = 'Str0ng#Passw0rd';
let cli: CliProcess;
beforeAll(async () => {
  cli = await startCliProcess('kaohe-admin-host-', { USER: 'ops-zhang' });
}, 120_000);
afterAll(async () => cli?.close());

const kaohe = (args: string[], input?: string) => cli.kaohe(args, input);
/** The database in this process, between CLI runs (a PGlite folder has one owner at a time). */
const withDb = <T>(run: (db: Database['db'], kind: Database['kind']) => Promise<T>) => cli.withDb(run);

/** The HTTP API on that database, for one block of requests. */
async function withApi<T>(run: (login: (name: string, secret: string) => Promise<{ status: number; request: (method: 'PATCH' | 'POST', url: string, payload?: object) => Promise<{ statusCode: number; json: () => { error: { message: string } } }> }>) => Promise<T>) {
  return withDb(async (db, kind) => {
    const config = loadConfig({ ...cli.env, DATABASE_URL: '', DEMO_ON_EMPTY: 'false', RECOMPUTE_DELAY_MS: '0', JOB_POLL_MS: '0' });
    const app = await buildApp(createContext({ config, db, dbKind: kind, clock: systemClock, crypto: intlCryptoProvider }));
    try {
      return await run(async (name, secret) => {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password: adminPassword, totp: totpCode(secret, new Date()) } });
        const cookie = res.cookies.find((c) => c.name === 'kaohe_session');
        const csrf = res.statusCode === 200 ? (res.json() as { csrfToken: string }).csrfToken : '';
        return {
          status: res.statusCode,
          request: (method, url, payload) => app.inject({ method, url, headers: { cookie: `kaohe_session=${cookie?.value ?? ''}`, 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) }) as never,
        };
      });
    } finally {
      await app.close();
    }
  });
}

const secretOf = (out: string) => /TOTP 密钥：([A-Z2-7]+)/.exec(out)![1]!;
const userRow = (login: string) => withDb(async (db) => (await db.select().from(users).where(eq(users.login, login)))[0]);
const auditOf = (objectId: string) => withDb((db) => db.select().from(auditLog).where(eq(auditLog.objectId, objectId)).orderBy(asc(auditLog.seq)));

describe('kaohe admin on the host changes an administrator account the API refuses to touch', () => {
  let sysSecret = '';
  let secSecret = '';
  let secId = '';

  it('creates a system and a security administrator', async () => {
    const sys = kaohe(['admin', 'create', '--login', 'sys', '--role', 'system-admin', '--password-stdin'], `${adminPassword}\n`);
    expect(sys.status, sys.out).toBe(0);
    const sec = kaohe(['admin', 'create', '--login', 'sec', '--role', 'security-admin', '--password-stdin'], `${adminPassword}\n`);
    expect(sec.status, sec.out).toBe(0);
    sysSecret = secretOf(sys.out);
    secSecret = secretOf(sec.out);
    secId = (await userRow('sec'))!.id;
  }, 240_000);

  it('over HTTP the system administrator may not disable the security administrator (403, audited as refused)', async () => {
    await withApi(async (login) => {
      const sys = await login('sys', sysSecret);
      expect(sys.status).toBe(200);
      const res = await sys.request('PATCH', `/api/users/${secId}`, { isDisabled: true });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/三权分立.*kaohe admin/);
    });
    expect((await userRow('sec'))!.isDisabled).toBe(false);
    expect((await auditOf(secId)).filter((r) => r.action === 'user.admin-change-refused').map((r) => r.outcome)).toEqual(['denied']);
  }, 120_000);

  it('disables, renames, resets the TOTP and enables it from the host, each audited as the host user', async () => {
    const disabled = kaohe(['admin', 'disable', '--login', 'sec']);
    expect(disabled.status, disabled.out).toBe(0);
    expect(disabled.out).toContain('已停用账户 sec');
    expect((await userRow('sec'))!.isDisabled).toBe(true);
    await withApi(async (login) => {
      expect((await login('sec', secSecret)).status).toBe(401);
    });

    // a name already taken (case-insensitively) is refused in Chinese and nothing changes
    const clash = kaohe(['admin', 'rename', '--login', 'sec', '--to', 'SYS']);
    expect(clash.status).not.toBe(0);
    expect(clash.out).toContain('登录名“SYS”已存在');
    const renamed = kaohe(['admin', 'rename', '--login', 'sec', '--to', 'security1']);
    expect(renamed.status, renamed.out).toBe(0);
    expect(await userRow('sec')).toBeUndefined();
    expect((await userRow('security1'))!.id).toBe(secId);

    const reset = kaohe(['admin', 'reset-totp', '--login', 'security1']);
    expect(reset.status, reset.out).toBe(0);
    const newSecret = secretOf(reset.out);
    expect(newSecret).not.toBe(secSecret);
    const enabled = kaohe(['admin', 'enable', '--login', 'security1']);
    expect(enabled.status, enabled.out).toBe(0);

    // the renamed account logs in with the new factor only
    await withApi(async (login) => {
      expect((await login('security1', secSecret)).status).toBe(401);
      expect((await login('security1', newSecret)).status).toBe(200);
    });

    const host = (await auditOf(secId)).filter((r) => ['user.disable', 'user.rename', 'user.totp-reset', 'user.enable'].includes(r.action));
    expect(host.map((r) => [r.action, r.outcome])).toEqual([
      ['user.disable', 'success'],
      ['user.rename', 'success'],
      ['user.totp-reset', 'success'],
      ['user.enable', 'success'],
    ]);
    expect(host.map((r) => JSON.stringify(r).includes('ops-zhang'))).toEqual([true, true, true, true]);
    const rename = host.find((r) => r.action === 'user.rename')!;
    expect(JSON.stringify(rename)).toContain('"login":"sec"');
    expect(JSON.stringify(rename)).toContain('"login":"security1"');
  }, 600_000);

  it('names an unknown account in Chinese and exits non-zero; the audit chain verifies', async () => {
    const unknown = kaohe(['admin', 'disable', '--login', 'nobody']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.out).toContain('账户“nobody”不存在');
    const verify = kaohe(['audit', 'verify']);
    expect(verify.status, verify.out).toBe(0);
    expect(verify.out).toMatch(/审计链完整/);
    // the refused HTTP attempt is in the chain as well
    expect(await withDb(async (db) => (await db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.admin-change-refused'`)) as unknown as { rows: { n: number }[] }).then((r) => r.rows[0]!.n)).toBe(1);
  }, 240_000);
});
