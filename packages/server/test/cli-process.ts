import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config/env';
import { type Database, openDatabase } from '../src/db/database';
import { openTestDatabase, templateDump } from './test-database';

/**
 * The server CLI (`packages/server/src/cli.ts`) run as its own process on a database of its own:
 * on PostgreSQL (DATABASE_URL) a fresh schema, else a PGlite folder restored from the migrated
 * template (so the CLI does not pay for initdb). `withDb` opens the same database in this process
 * between CLI runs (a PGlite folder has one owner at a time). Used by every CLI test.
 */
export interface CliProcess {
  readonly work: string;
  /** the CLI's environment (the database it runs on) */
  readonly env: Record<string, string>;
  kaohe(args: string[], input?: string): { status: number | null; out: string; stdout: string; stderr: string };
  withDb<T>(run: (db: Database['db'], kind: Database['kind']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');

export async function startCliProcess(prefix: string, extraEnv: Record<string, string> = {}): Promise<CliProcess> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const base = { NODE_ENV: 'test', DATA_DIR: join(work, 'data'), AUDIT_KEY: 'a'.repeat(40), SESSION_SECRET: 's'.repeat(40), PATH: process.env.PATH ?? '', ...extraEnv };
  let env: Record<string, string> = base;
  let pgDatabase: Awaited<ReturnType<typeof openTestDatabase>> | null = null;
  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).database.kind === 'postgres') {
    pgDatabase = await openTestDatabase();
    env = { ...base, DATABASE_URL: pgDatabase.url!, DATABASE_SCHEMA: pgDatabase.schemaName! };
  } else {
    mkdirSync(join(work, 'data'), { recursive: true });
    const client = new PGlite({ dataDir: join(work, 'data', 'pglite'), loadDataDir: new Blob([readFileSync(await templateDump())]) });
    await client.waitReady;
    await client.close();
  }
  return {
    work,
    env,
    kaohe(args, input) {
      const res = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { env, input: input ?? '', encoding: 'utf8', timeout: 120_000 });
      return { status: res.status, out: `${res.stdout}${res.stderr}`, stdout: res.stdout, stderr: res.stderr };
    },
    async withDb(run) {
      const database = pgDatabase ? null : await openDatabase({ kind: 'pglite', dataDir: join(work, 'data', 'pglite') });
      try {
        return await run(pgDatabase ? pgDatabase.db : database!.db, pgDatabase ? 'postgres' : 'pglite');
      } finally {
        await database?.close();
      }
    },
    async close() {
      await pgDatabase?.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
