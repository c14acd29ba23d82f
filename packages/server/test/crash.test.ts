import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit';
import { loadConfig } from '../src/config/env';
import { createContext } from '../src/context';
import { type Database, openDatabase } from '../src/db/database';
import { auditLog, facts, imports, publications, publishedResults } from '../src/db/schema';
import { createFakeClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { cliActor } from '../src/services/account.service';
import { recomputeResults } from '../src/services/results.service';
import { openPublicity } from '../src/services/publication.service';
import { assessments } from '../src/db/schema';
import { password, seedWorld } from './harness';
import { openTestDatabase, templateDump } from './test-database';

const config = loadConfig({ NODE_ENV: 'test', DEMO_ON_EMPTY: 'false' });
let dataDir = '';
let pgDatabase: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
let assessmentId = '';
let target = '';

/** Seeds a database the child process can open on its own (a PGlite folder, or a PostgreSQL schema). */
beforeAll(async () => {
  let database: Database;
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).database.kind === 'postgres') {
    pgDatabase = await openTestDatabase();
    database = pgDatabase;
    target = JSON.stringify({ url: pgDatabase.url, searchPath: pgDatabase.schemaName });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'kaohe-crash-'));
    const client = new PGlite({ dataDir: join(dataDir, 'pglite'), loadDataDir: new Blob([readFileSync(await templateDump())]) });
    await client.waitReady;
    database = await openDatabase({ kind: 'pglite-instance', client });
    target = JSON.stringify({ dataDir: join(dataDir, 'pglite') });
  }
  const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock: createFakeClock(new Date()), crypto: intlCryptoProvider });
  const world = await seedWorld(ctx, new Map());
  assessmentId = world.assessmentId;
  const [assessment] = await ctx.db.select().from(assessments).where(eq(assessments.id, assessmentId));
  await recomputeResults(ctx, cliActor('test'), assessment!);
  // a 公示 opened two days ago and ended yesterday: what a publication needs
  const past = createContext({ config, db: database.db, dbKind: database.kind, clock: createFakeClock(new Date(Date.now() - 2 * 24 * 60 * 60 * 1000)), crypto: intlCryptoProvider });
  await openPublicity(past, cliActor('test'), world.users.kpb!, assessment!, { days: 1 });
  if (!pgDatabase) await database.close();
});
afterAll(async () => {
  await pgDatabase?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function runAndKill(op: 'import' | 'publish'): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'crash-child.ts'), target, op, assessmentId, password], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('IN-TX') && !killed) {
        killed = child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

async function withDatabase<T>(run: (db: Database['db']) => Promise<T>): Promise<T> {
  if (pgDatabase) return run(pgDatabase.db);
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

const counts = (db: Database['db']) =>
  Promise.all([
    db.select({ n: count() }).from(facts),
    db.select({ n: count() }).from(imports),
    db.select({ n: count() }).from(publications),
    db.select({ n: count() }).from(publishedResults),
    // the child's login is committed before the change starts; the change's own record must not be
    db.select({ n: count() }).from(auditLog).where(inArray(auditLog.action, ['fact.import', 'result.publish'])),
  ]).then((rows) => rows.map((r) => Number(r[0]!.n)));

describe('SIGKILL inside a transaction', () => {
  it('leaves no partial rows from an import', async () => {
    const before = await withDatabase(counts);
    const { killed, output } = await runAndKill('import');
    expect(killed, output).toBe(true);
    const after = await withDatabase(counts);
    expect(after).toEqual(before);
    expect(await withDatabase((db) => verifyAuditChain(db, config.auditKey))).toMatchObject({ ok: true });
  });

  it('leaves no partial rows from a publication', async () => {
    const before = await withDatabase(counts);
    const { killed, output } = await runAndKill('publish');
    expect(killed, output).toBe(true);
    const after = await withDatabase(counts);
    expect(after).toEqual(before);
    expect(after[2]).toBe(0);
  });
});
