import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadConfig } from '../src/config/env';
import { type Database, migrationsFolder, openDatabase } from '../src/db/database';

/**
 * A real, migrated database per test file. PGlite: one migrated template per set of migrations,
 * dumped once to a tarball in the temp folder and loaded by each test file (≈1 s instead of
 * initdb + migrate, and no template instance kept in memory). PostgreSQL (DATABASE_URL set):
 * a fresh schema per test file, dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database & { url: string | null; schemaName: string | null }> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  if (config.database.kind === 'postgres') {
    const url = config.database.url;
    const schemaName = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schemaName}`);
    await admin.end();
    const database = await openDatabase({
      kind: 'postgres',
      url,
      poolSize: 10,
      searchPath: schemaName,
    });
    return {
      ...database,
      url,
      schemaName,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schemaName} CASCADE`);
        await cleanup.end();
      },
    };
  }
  const template = await templateDump();
  const client = new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
  await client.waitReady;
  const database = await openDatabase({ kind: 'pglite-instance', client });
  return { ...database, url: null, schemaName: null };
}

export async function templateDump(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).sort()) {
    if (file.endsWith('.sql')) hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  const path = join(tmpdir(), `kaohe-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(path)) return path;
  const client = new PGlite();
  await client.waitReady;
  const database = await openDatabase({ kind: 'pglite-instance', client });
  const dump = await client.dumpDataDir('none');
  await database.close();
  // write then rename, so a parallel test process never reads half a template
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  return path;
}
