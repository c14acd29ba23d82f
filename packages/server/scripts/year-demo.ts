/**
 * `npm run year:demo`: a whole year of seed 001 through the HTTP API on a fresh in-memory PGlite.
 * Prints each step and the final ranking per group.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config/env';
import { createContext } from '../src/context';
import { openDatabase } from '../src/db/database';
import { runYearDemo } from '../src/demo/year-demo';
import { buildApp } from '../src/http/app';
import { createFakeClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';

const started = Date.now();
const client = new PGlite();
await client.waitReady;
const database = await openDatabase({ kind: 'pglite-instance', client });
const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', DEMO_ON_EMPTY: 'false', RECOMPUTE_DELAY_MS: '0', JOB_POLL_MS: '0' });
const clock = createFakeClock(new Date('2021-01-05T01:00:00Z'));
const ctx = createContext({ config, db: database.db, dbKind: 'pglite', clock, crypto: intlCryptoProvider });
const app = await buildApp(ctx);
const seed = join(import.meta.dirname, '..', '..', 'office', 'test', 'fixtures', 'seeds', '001_c9fa6fd301574412.txt');
console.log('考核通 Kaohe — 佳县 2020 年度目标责任考核（种子 001），全程经由 HTTP API，新建的 PGlite 数据库');
try {
  await runYearDemo(app, ctx, clock, seed, (line) => console.log(line));
  console.log(`\n完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
} finally {
  await app.close();
  await database.close();
}
