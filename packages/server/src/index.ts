/** Public surface of @kaohe/server, for embedding and tests (the CLI and web never import it). */
export { buildApp, type App, type RouteInfo } from './http/app';
export { loadConfig, ConfigError, type Config } from './config/env';
export { openDatabase, type Database, type Db } from './db/database';
export { createContext, type ServerContext } from './context';
export { verifyAuditChain, type AuditVerification } from './audit/audit';
export { intlCryptoProvider, createGmCryptoProvider, cryptoProviderFor, type CryptoProvider } from './lib/crypto-provider';
export { systemClock, createFakeClock, type Clock, type FakeClock } from './lib/clock';
