import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env';
import { createContext } from '../../src/context';
import { openDatabase, queryRows } from '../../src/db/database';
import { buildApp } from '../../src/http/app';
import { createFakeClock } from '../../src/lib/clock';
import { intlCryptoProvider } from '../../src/lib/crypto';
import { sql } from 'drizzle-orm';
import { password, seedWorld } from '../harness';
import { templateDump } from '../test-database';

const serverSrc = join(import.meta.dirname, '..', '..', 'src');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });

describe('信创 databases (no version parsing, capability probes only)', () => {
  it('no server code reads server_version or version()', () => {
    const files = sourceFiles(serverSrc);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => /server_version|\bversion\s*\(\s*\)|server_version_num/i.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('works against a server whose version() reports KingbaseES V8R6', async () => {
    // PGlite in process, with version() shadowed ahead of pg_catalog the way KingbaseES answers it
    const client = new PGlite({ loadDataDir: new Blob([readFileSync(await templateDump())]) });
    await client.waitReady;
    await client.exec(`
      CREATE SCHEMA kingbase_shim;
      CREATE FUNCTION kingbase_shim.version() RETURNS text LANGUAGE sql AS $$ SELECT 'KingbaseES V008R006C008B0014 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 4.8.5 20150623, 64-bit' $$;
      SET search_path = kingbase_shim, pg_catalog, public;
    `);
    const database = await openDatabase({ kind: 'pglite-instance', client });
    const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-kingbase-'));
    try {
      const [probe] = await queryRows<{ version: string }>(database.db, sql`SELECT version() AS version`);
      expect(probe?.version).toMatch(/^KingbaseES V008R006/);
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DEMO_ON_EMPTY: 'false', RECOMPUTE_DELAY_MS: '0' });
      const clock = createFakeClock();
      const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock, crypto: intlCryptoProvider });
      const app = await buildApp(ctx);
      try {
        const secrets = new Map<string, string>();
        const world = await seedWorld(ctx, secrets);
        clock.advance(31_000);
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'kpb', password } });
        expect(login.statusCode, login.body).toBe(200);
        const cookie = login.cookies.find((c) => c.name === 'kaohe_session')!;
        const facts = await app.inject({ method: 'GET', url: `/api/assessments/${world.assessmentId}/facts`, headers: { cookie: `kaohe_session=${cookie.value}` } });
        expect(facts.statusCode, facts.body).toBe(200);
        expect(secrets.size).toBe(3);
        const health = await app.inject({ method: 'GET', url: '/api/health' });
        expect(health.statusCode).toBe(200);
        expect(health.body).not.toMatch(/Kingbase|V008R006/);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const url = process.env.DATABASE_URL;
  it.skipIf(!url)('opens PostgreSQL through the driver module named by DATABASE_DRIVER_MODULE', async () => {
    const modulePath = pathToFileURL(join(import.meta.dirname, 'fixtures', 'counting-pg-driver.mjs')).href;
    const schemaName = `t_driver_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE; CREATE SCHEMA ${schemaName}`);
    try {
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATABASE_SCHEMA: schemaName, DATABASE_DRIVER_MODULE: modulePath, DATABASE_POOL_SIZE: '2' });
      expect(config.database).toMatchObject({ kind: 'postgres', dialect: 'pg', driverModule: modulePath });
      if (config.database.kind !== 'postgres') throw new Error('expected postgres');
      const database = await openDatabase(config.database);
      const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM users`);
      expect(count?.n).toBe(0);
      await database.close();
      const driver = (await import(modulePath)) as { opened: string[] };
      expect(driver.opened).toEqual(['Pool', 'Client']);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
      await admin.end();
    }
  });
});
