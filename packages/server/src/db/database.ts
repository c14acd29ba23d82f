import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { acquireLock, type Lock } from './lock';

export type Schema = typeof schema;
/** Either engine's drizzle instance, or a transaction on it: repositories accept both. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
};

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-instance'; client: PGlite }
  | { kind: 'postgres'; url: string; poolSize: number; searchPath?: string; migrate?: boolean; driverModule?: string };

type PgDriver = { Pool: typeof pg.Pool; Client: typeof pg.Client };

/** `pg`, or a pg-compatible driver named by DATABASE_DRIVER_MODULE (an openGauss SHA256-auth driver). */
async function pgDriver(moduleName: string | undefined): Promise<PgDriver> {
  if (!moduleName) return pg;
  const loaded = (await import(moduleName)) as Partial<PgDriver> & { default?: Partial<PgDriver> };
  const driver = loaded.Pool ? loaded : loaded.default;
  if (!driver?.Pool || !driver.Client) throw new Error(`数据库驱动模块 ${moduleName} 没有导出 pg 兼容的 Pool 和 Client`);
  return driver as PgDriver;
}

/**
 * Runs `fn` holding this PostgreSQL database's (and schema's) start-up lock, a session advisory
 * lock on a dedicated connection: migrations and the demo load of N processes starting at once
 * take turns (each re-checks what is left to do once it holds the lock). A separate client, not
 * one from the pool: with DATABASE_POOL_SIZE=1 the work inside would wait forever.
 */
export async function withStartupLock<T>(target: { url: string; searchPath?: string | undefined; driverModule?: string | undefined }, fn: () => Promise<T>): Promise<T> {
  const driver = await pgDriver(target.driverModule);
  const lockClient = new driver.Client({ connectionString: target.url });
  await lockClient.connect();
  const lockKey = `kaohe:migrate:${target.searchPath ?? 'default'}`;
  try {
    await lockClient.query('select pg_advisory_lock(hashtext($1))', [lockKey]);
    return await fn();
  } finally {
    await lockClient.query('select pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await lockClient.end().catch(() => undefined);
  }
}

/**
 * Opens the database and brings it to the latest migration. PGlite (the default) lives in a
 * folder owned by one process at a time; a lock file there refuses a second opener.
 * Never stack drizzle's node-postgres driver on PGlite's pg adapter: it wedges (STACK.md §3).
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const driver = await pgDriver(target.driverModule);
    const pool = new driver.Pool({
      connectionString: target.url,
      max: target.poolSize,
      ...(target.searchPath ? { options: `-c search_path=${target.searchPath}` } : {}),
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // DATABASE_MIGRATE=false: the server runs as a role that does not own the tables; the owner migrates.
    // N processes may start at once: one migrates under the start-up lock, the others wait on it
    // and then find nothing left to apply.
    if (target.migrate !== false) {
      await withStartupLock(target, () =>
        migratePg(db as never, {
          migrationsFolder,
          ...(target.searchPath ? { migrationsSchema: target.searchPath } : {}),
        }),
      );
    }
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  let lock: Lock | null = null;
  let client: PGlite;
  if (target.kind === 'pglite') {
    const dir = resolve(target.dataDir);
    mkdirSync(dir, { recursive: true });
    lock = acquireLock(join(dirname(dir), 'pglite.lock'), dir);
    try {
      client = new PGlite(dir);
      await client.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    client = target.client;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

/** Rows of a raw `db.execute(sql…)`: both drivers return `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(
  db: Db,
  query: Parameters<Db['execute']>[0],
): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
