/** The server under load, in its own process so its memory and CPU are measured alone. */
import { loadConfig } from '../src/config/env';
import { createContext } from '../src/context';
import { openDatabase } from '../src/db/database';
import { buildApp } from '../src/http/app';
import { systemClock } from '../src/lib/clock';
import { cryptoProviderFor } from '../src/lib/crypto-provider';
import { seedBenchWorld } from './bench-world';

const config = loadConfig();
const database = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir });
const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock: systemClock, crypto: cryptoProviderFor(config.cryptoProfile) });
const world = await seedBenchWorld(ctx, Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 2));
const app = await buildApp(ctx);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, ...world })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
