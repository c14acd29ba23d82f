import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit';
import { loadConfig } from '../src/config/env';
import { createContext } from '../src/context';
import { type Database, openDatabase } from '../src/db/database';
import { auditLog, jobs, schemes, schemeUploads } from '../src/db/schema';
import { buildApp } from '../src/http/app';
import { createFakeClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { password, seedWorld } from './harness';
import { openTestDatabase, templateDump } from './test-database';

const config = loadConfig({ NODE_ENV: 'test', DEMO_ON_EMPTY: 'false', JOB_POLL_MS: '0', JOB_LEASE_MS: '1000' });
let dataDir = '';
let pgDatabase: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
let assessmentId = '';
let target = '';

beforeAll(async () => {
  let database: Database;
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).database.kind === 'postgres') {
    pgDatabase = await openTestDatabase();
    database = pgDatabase;
    target = JSON.stringify({ url: pgDatabase.url, searchPath: pgDatabase.schemaName });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'kaohe-jobs-'));
    const client = new PGlite({ dataDir: join(dataDir, 'pglite'), loadDataDir: new Blob([readFileSync(await templateDump())]) });
    await client.waitReady;
    database = await openDatabase({ kind: 'pglite-instance', client });
    target = JSON.stringify({ dataDir: join(dataDir, 'pglite') });
  }
  const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock: createFakeClock(new Date()), crypto: intlCryptoProvider });
  assessmentId = (await seedWorld(ctx, new Map())).assessmentId;
  if (!pgDatabase) await database.close();
});
afterAll(async () => {
  await pgDatabase?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function runAndKill(): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'job-restart-child.ts'), target, assessmentId, password], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('IN-JOB') && !killed) killed = child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

describe('a scheme import job', () => {
  it('survives a restart: killed in its last transaction, it is claimed again and completes once', async () => {
    const { killed, output } = await runAndKill();
    expect(killed, output).toBe(true);
    const database = pgDatabase ?? (await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') }));
    try {
      const db = database.db;
      const [orphan] = await db.select().from(jobs);
      // the upload and its job were committed before the kill; the job's own work was not
      expect(orphan).toMatchObject({ status: 'running', attempts: 1, progress: 90, stage: '保存方案草稿' });
      expect(await db.select().from(schemes).where(eq(schemes.assessmentId, assessmentId))).toHaveLength(1);
      // the restarted server, after the dead worker's lease has run out
      const clock = createFakeClock(new Date(Date.now() + 5_000));
      const app = await buildApp(createContext({ config, db, dbKind: database.kind, clock, crypto: intlCryptoProvider }));
      await app.jobRunner.drain();
      await app.close();
      const [job] = await db.select().from(jobs);
      expect(job).toMatchObject({ status: 'succeeded', attempts: 2, progress: 100 });
      const versions = await db.select().from(schemes).where(eq(schemes.assessmentId, assessmentId));
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      const [upload] = await db.select().from(schemeUploads);
      expect(upload!.schemeId).toBe(versions.find((v) => v.version === 2)!.id);
      expect(await db.select().from(auditLog).where(eq(auditLog.action, 'scheme.import'))).toHaveLength(1);
      expect(await verifyAuditChain(db, config.auditKey)).toMatchObject({ ok: true });
    } finally {
      if (!pgDatabase) await database.close();
    }
  });
});
