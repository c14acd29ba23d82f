import type { AuditDeps } from './audit/audit';
import type { Config } from './config/env';
import type { Db } from './db/database';
import type { Clock } from './lib/clock';
import type { CryptoProvider, HsmAdapter } from './lib/crypto';
import { createFieldCipher, type FieldCipher } from './security/field-encryption';
import { kekFromConfig } from './security/key-encryption-key';

/** What services need, passed explicitly (no globals): config, database, clock and crypto. */
export type ServerContext = {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  crypto: CryptoProvider;
  audit: AuditDeps;
  /** Field encryption of secrets and personal data (opened by buildApp / the CLI). */
  fields: FieldCipher;
  /** The 密码机 adapter in the gm-hsm profile. */
  hsm: HsmAdapter | null;
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
  hsm?: HsmAdapter | null;
}): ServerContext {
  const hsm = input.hsm ?? null;
  const fields = createFieldCipher(input.db, input.crypto, kekFromConfig(input.config, hsm), () => input.clock.now());
  return { ...input, hsm, fields, audit: { crypto: input.crypto, auditKey: input.config.auditKey, clock: input.clock } };
}
