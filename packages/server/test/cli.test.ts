import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database';
import { type CliProcess, startCliProcess } from './cli-process';

let cli: CliProcess;
let work = '';
beforeAll(async () => {
  cli = await startCliProcess('kaohe-cli-');
  work = cli.work;
});
afterAll(async () => cli?.close());

const kaohe = (args: string[], input?: string) => cli.kaohe(args, input);
const withDb = <T>(run: (db: Database['db']) => Promise<T>) => cli.withDb(run);

const tamper = (statement: ReturnType<typeof sql>) =>
  withDb((db) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await tx.execute(statement);
      await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    }),
  );

describe('kaohe CLI', () => {
  it('creates an administrator from a password on stdin, enforcing the policy', async () => {
    const weak = kaohe(['admin', 'create', '--login', 'sec', '--role', 'security-admin', '--password-stdin'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.out).toMatch(/密码至少 8 个字符/);
    const ok = kaohe(['admin', 'create', '--login', 'sec', '--role', 'security-admin', '--password-stdin'], 'Str0ng#Passw0rd\n');
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toMatch(/otpauth:\/\/totp\//);
    expect(ok.out).not.toContain('Str0ng#Passw0rd');
    const bad = kaohe(['admin', 'create', '--login', 'x', '--role', 'superuser', '--password-stdin'], 'Str0ng#Passw0rd\n');
    expect(bad.status).toBe(2);
  });

  it('refuses to read a password from a pipe without --password-stdin', () => {
    const res = kaohe(['admin', 'create', '--login', 'aud', '--role', 'audit-admin'], 'Str0ng#Passw0rd\n');
    expect(res.status).toBe(2);
    expect(res.out).toMatch(/--password-stdin/);
  });

  it('backs up, refuses an edited or truncated archive, restores, and the chain verifies', async () => {
    for (let i = 0; i < 3; i++) expect(kaohe(['admin', 'create', '--login', `aud${i}`, '--role', 'audit-admin', '--password-stdin'], 'Str0ng#Passw0rd\n').status).toBe(0);
    const archive = join(work, 'backup.kaohe');
    const backup = kaohe(['backup', '--out', archive]);
    expect(backup.status, backup.out).toBe(0);
    const bytes = readFileSync(archive);
    const edited = Buffer.from(bytes);
    edited[edited.length - 10] = edited[edited.length - 10]! ^ 1;
    writeFileSync(join(work, 'edited.kaohe'), edited);
    writeFileSync(join(work, 'truncated.kaohe'), bytes.subarray(0, bytes.length - 100));
    const e = kaohe(['restore', join(work, 'edited.kaohe'), '--yes']);
    expect(e.status).toBe(1);
    expect(e.out).toMatch(/altered/);
    const t = kaohe(['restore', join(work, 'truncated.kaohe'), '--yes']);
    expect(t.status).toBe(1);
    expect(t.out).toMatch(/truncated/);
    // nothing was touched by the refused restores
    expect(kaohe(['audit', 'verify']).status).toBe(0);
    await withDb((db) => db.execute(sql`DELETE FROM users WHERE login = 'nobody'`));
    const restored = kaohe(['restore', archive, '--yes']);
    expect(restored.status, restored.out).toBe(0);
    expect(restored.out).toMatch(/users 4/);
    expect(restored.out).toMatch(/审计链完整/);
  }, 240_000); // nine CLI processes, each starting tsx and the database: slow on a shared machine

  it('audit verify names the first edited record and exits 1', async () => {
    await tamper(sql`UPDATE audit_log SET action = 'user.delete' WHERE seq = 2`);
    const res = kaohe(['audit', 'verify']);
    expect(res.status).toBe(1);
    expect(res.out).toMatch(/#2/);
  });
});
