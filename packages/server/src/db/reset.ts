import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { getTableName, isTable } from 'drizzle-orm';
import pg from 'pg';
import { type Database, type DatabaseTarget, openDatabase } from './database';
import { acquireLock } from './lock';
import * as schema from './schema';

export const tableNames = Object.values(schema)
  .filter((value) => isTable(value))
  .map((table) => getTableName(table as never));

/**
 * Drops everything Kaohe created and migrates again: the PGlite folder is deleted (under its
 * lock), on PostgreSQL the tables, guard functions and migration journal are dropped.
 * Destructive by design — only `kaohe demo reset` and `kaohe restore` call it.
 */
export async function resetDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') {
    const dir = resolve(target.dataDir);
    const lock = acquireLock(join(dirname(dir), 'pglite.lock'), dir);
    rmSync(dir, { recursive: true, force: true });
    lock.release();
    return openDatabase(target);
  }
  if (target.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.url, ...(target.searchPath ? { options: `-c search_path=${target.searchPath}` } : {}) });
    await client.connect();
    try {
      await client.query('BEGIN');
      for (const name of tableNames) await client.query(`DROP TABLE IF EXISTS "${name}" CASCADE`);
      for (const fn of ['kaohe_audit_append_only', 'kaohe_scheme_immutable', 'kaohe_scheme_clause_immutable', 'kaohe_publication_append_only']) {
        await client.query(`DROP FUNCTION IF EXISTS ${fn}() CASCADE`);
      }
      await client.query(target.searchPath ? `DROP TABLE IF EXISTS "${target.searchPath}".__drizzle_migrations` : 'DROP TABLE IF EXISTS drizzle.__drizzle_migrations');
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      await client.end();
    }
    return openDatabase(target);
  }
  throw new Error('an in-memory PGlite instance cannot be reset');
}
