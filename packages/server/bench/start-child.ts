/**
 * One server start, phase by phase, for bench/start.ts: the same steps as src/main.ts (config,
 * database open, migrations, demo load when empty, app build, listen), each timed. Prints one JSON
 * line and exits. `sinceProcessStart` of the first phase includes Node's start and tsx's loader.
 */
const mark = (): number => performance.now();
const phases: Record<string, number> = {};
let t = mark();
phases['node and loader start'] = t;
const step = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
  const a = mark();
  const v = await fn();
  phases[name] = (phases[name] ?? 0) + (mark() - a);
  return v;
};
const mods = await step('module loading', async () => ({
  env: await import('../src/config/env'),
  context: await import('../src/context'),
  pglite: await import('@electric-sql/pglite'),
  drizzle: await import('drizzle-orm/pglite'),
  migrator: await import('drizzle-orm/pglite/migrator'),
  database: await import('../src/db/database'),
  schema: await import('../src/db/schema'),
  demo: await import('../src/demo/load-demo'),
  app: await import('../src/http/app'),
  clock: await import('../src/lib/clock'),
  crypto: await import('../src/lib/crypto-provider'),
  paths: await import('../src/main-paths'),
}));
const config = mods.env.loadConfig();
if (config.database.kind !== 'pglite') throw new Error('start bench runs on PGlite (unset DATABASE_URL)');
const { mkdirSync } = await import('node:fs');
mkdirSync(config.database.dataDir, { recursive: true });
const client = await step('database open (initdb on a first start)', async () => {
  const c = new mods.pglite.PGlite(config.database.dataDir);
  await c.waitReady;
  return c;
});
const db = mods.drizzle.drizzle(client, { schema: mods.schema }) as never;
await step('migrations', () => mods.migrator.migrate(db, { migrationsFolder: mods.database.migrationsFolder }));
const ctx = mods.context.createContext({ config, db, dbKind: 'pglite', clock: mods.clock.systemClock, crypto: mods.crypto.cryptoProviderFor(config.cryptoProfile) });
const empty = await step('demo check and load', async () => {
  const isEmpty = await mods.demo.isDatabaseEmpty(db);
  if (isEmpty) {
    const paths = mods.paths.demoPaths(config.demo.schemePath);
    if (paths) await mods.demo.loadDemo(ctx, paths);
  }
  return isEmpty;
});
const app = await step('app build (routes, OpenAPI)', () => mods.app.buildApp(ctx));
await step('listen', () => app.listen({ host: '127.0.0.1', port: 0 }));
phases['total since process start'] = mark();
process.stdout.write(`${JSON.stringify({ demoLoaded: empty, phases })}\n`);
await app.close();
await client.close();
process.exit(0);
