import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import { type Database, openDatabase } from '../src/db/database';
import { openTestDatabase, templateDump } from './test-database';

const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
const work = mkdtempSync(join(tmpdir(), 'kaohe-cli-'));
let env: Record<string, string> = {};
let pgDatabase: Awaited<ReturnType<typeof openTestDatabase>> | null = null;

beforeAll(async () => {
  const base = { NODE_ENV: 'test', DATA_DIR: join(work, 'data'), AUDIT_KEY: 'a'.repeat(40), SESSION_SECRET: 's'.repeat(40), PATH: process.env.PATH ?? '' };
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).database.kind === 'postgres') {
    pgDatabase = await openTestDatabase();
    env = { ...base, DATABASE_URL: pgDatabase.url!, DATABASE_SCHEMA: pgDatabase.schemaName! };
  } else {
    // a migrated folder from the template, so the CLI does not pay for initdb
    mkdirSync(join(work, 'data'), { recursive: true });
    const client = new PGlite({ dataDir: join(work, 'data', 'pglite'), loadDataDir: new Blob([readFileSync(await templateDump())]) });
    await client.waitReady;
    await client.close();
    env = base;
  }
});
afterAll(async () => {
  await pgDatabase?.close();
  rmSync(work, { recursive: true, force: true });
});

function kaohe(args: string[], input?: string) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { env, input: input ?? '', encoding: 'utf8', timeout: 120_000 });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

async function withDb<T>(run: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = pgDatabase ? null : await openDatabase({ kind: 'pglite', dataDir: join(work, 'data', 'pglite') });
  try {
    return await run(pgDatabase ? pgDatabase.db : database!.db);
  } finally {
    await database?.close();
  }
}

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
