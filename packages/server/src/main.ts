import { ConfigError, loadConfig } from './config/env';
import { createContext } from './context';
import { type Database, openDatabase } from './db/database';
import { DatabaseLockedError } from './db/lock';
import { formatDemoAccounts, isDatabaseEmpty, loadDemoIfEmpty } from './demo/load-demo';
import { buildApp } from './http/app';
import { repositoryWebDist } from './http/static-web';
import { systemClock } from './lib/clock';
import { CryptoSelfTestError } from './lib/crypto';
import { prepareCrypto } from './security/startup';
import { demoPaths } from './main-paths';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let prepared;
  try {
    prepared = await prepareCrypto(config);
  } catch (error) {
    if (error instanceof CryptoSelfTestError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let database: Database;
  try {
    database = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir });
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock: systemClock, ...prepared });
  await ctx.fields.open();

  if (config.demo.onEmpty && (await isDatabaseEmpty(database.db))) {
    const paths = demoPaths(config.demo.schemePath);
    if (paths) {
      // another process starting at the same time may have loaded it while this one waited
      const result = await loadDemoIfEmpty(ctx, paths);
      if (result) console.log(formatDemoAccounts(result));
    } else {
      console.log('数据库为空，且未找到演示方案（DEMO_SCHEME_PATH）。请用 `kaohe admin create` 创建第一个管理员。');
    }
  }

  const app = await buildApp(ctx, { logger: true, webDist: repositoryWebDist });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  console.log(`Kaohe 考核通 listening on http://${config.host}:${config.port} (database: ${database.kind}); open it in a browser; API docs at /api/docs`);
}

await main();
