import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit';
import { createBackup, readBackup, restoreBackup } from '../../src/backup/backup';
import { loadConfig } from '../../src/config/env';
import { createContext } from '../../src/context';
import { type Db, openDatabase } from '../../src/db/database';
import { assessments, auditHead, auditLog, facts, users } from '../../src/db/schema';
import { createFakeClock } from '../../src/lib/clock';
import { intlCryptoProvider } from '../../src/lib/crypto';
import { cliActor } from '../../src/services/account.service';
import { recomputeResults } from '../../src/services/results.service';
import { seedWorld } from '../harness';
import { templateDump } from '../test-database';

// its own PGlite folders (the child must open them by path), whatever DATABASE_URL says
const config = loadConfig({ NODE_ENV: 'test', DEMO_ON_EMPTY: 'false' });
const key = config.auditKey;
let dir = '';
let archive = '';
const folder = (name: string) => join(dir, name, 'pglite');
const freshDatabase = async (name: string) => {
  mkdirSync(join(dir, name), { recursive: true });
  const client = new PGlite({ dataDir: folder(name), loadDataDir: new Blob([readFileSync(await templateDump())]) });
  await client.waitReady;
  return openDatabase({ kind: 'pglite-instance', client });
};
const withDatabase = async <T>(name: string, run: (db: Db) => Promise<T>) => {
  const database = await openDatabase({ kind: 'pglite', dataDir: folder(name) });
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
};
const counts = (db: Db) =>
  Promise.all([users, facts, auditLog, auditHead].map((t) => db.select({ n: count() }).from(t))).then((rows) => rows.map((r) => Number(r[0]!.n)));

function runAndKill(op: 'backup' | 'restore', database: string, archivePath: string): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'backup-crash-child.ts'), op, folder(database), archivePath, join(dir, `${database}-evidence`), key], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('IN-OP') && !killed) killed = child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-backup-crash-'));
  const source = await freshDatabase('source');
  const ctx = createContext({ config, db: source.db, dbKind: source.kind, clock: createFakeClock(new Date()), crypto: intlCryptoProvider });
  const world = await seedWorld(ctx, new Map());
  const [assessment] = await ctx.db.select().from(assessments).where(eq(assessments.id, world.assessmentId));
  await recomputeResults(ctx, cliActor('test'), assessment!);
  archive = join(dir, 'complete.kaohe-backup');
  await createBackup(source.db, join(dir, 'source-evidence'), intlCryptoProvider, key, archive, new Date());
  await source.close();
  (await freshDatabase('target')).close();
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL during backup and restore (等保 数据完整性)', () => {
  it('a backup killed before it is written leaves no archive, not even a partial one', async () => {
    const out = join(dir, 'killed.kaohe-backup');
    const { killed, output } = await runAndKill('backup', 'source', out);
    expect(killed, output).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('killed'))).toEqual([]);
    // and the source database is untouched and its chain verifies
    expect(await withDatabase('source', (db) => verifyAuditChain(db, key))).toMatchObject({ ok: true });
  });

  it('a restore killed inside its transaction leaves the target empty, and a second restore completes with a verified chain', async () => {
    const before = await withDatabase('target', counts);
    expect(before.slice(0, 3)).toEqual([0, 0, 0]);
    const { killed, output } = await runAndKill('restore', 'target', archive);
    expect(killed, output).toBe(true);
    // the users were inserted before the kill and rolled back with everything else; audit_head is back
    expect(await withDatabase('target', counts)).toEqual(before);

    const expected = readBackup(archive, key);
    const restored = await withDatabase('target', async (db) => {
      const tables = await restoreBackup(db, join(dir, 'target-evidence'), expected);
      return { tables, rows: await counts(db), chain: await verifyAuditChain(db, key) };
    });
    expect(restored.rows[0]).toBe(JSON.parse(expected.files.get('db/users.json')!.toString()).length);
    expect(restored.rows[0]).toBeGreaterThan(5);
    expect(restored.chain).toMatchObject({ ok: true });
  });
});
