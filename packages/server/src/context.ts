import type { AuditDeps } from './audit/audit';
import type { Config } from './config/env';
import type { Db } from './db/database';
import type { Clock } from './lib/clock';
import type { CryptoProvider } from './lib/crypto-provider';

/** What services need, passed explicitly (no globals): config, database, clock and crypto. */
export type ServerContext = {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  crypto: CryptoProvider;
  audit: AuditDeps;
  /** Called after facts, reports or judgements of an assessment changed (set by buildApp). */
  factsChanged?: (assessmentId: string) => void;
  /** Background job runner (set by buildApp): `wake` after an enqueue, `drain` waits until idle. */
  jobs?: { wake: () => void; drain: () => Promise<void> };
};

export function createContext(input: {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  crypto: CryptoProvider;
}): ServerContext {
  return { ...input, audit: { crypto: input.crypto, auditKey: input.config.auditKey, clock: input.clock } };
}
