import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { auditAnchor, auditHead, auditLog } from '../db/schema';
import { canonicalJson } from '../lib/canonical-json';
import type { Clock } from '../lib/clock';
import { type CryptoProvider, cryptoProviderByMac } from '../lib/crypto-provider';

export type AuditActor = {
  id: string | null;
  login: string | null;
  role: string | null;
  sourceIp: string | null;
};

export type AuditOutcome = 'success' | 'failure' | 'denied';

export type AuditEvent = {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
};

export type AuditDeps = { crypto: CryptoProvider; auditKey: string; clock: Clock };

export const anonymousActor = (sourceIp: string | null): AuditActor => ({
  id: null,
  login: null,
  role: null,
  sourceIp,
});

type ChainedFields = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLogin: string | null;
  actorRole: string | null;
  sourceIp: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  algorithm: string;
  prevHash: string;
};

/** '' is stored as NULL, so it is hashed as NULL too. */
const nn = (value: string | null | undefined) => (value === undefined || value === '' ? null : value);

/** JSON round trip: what jsonb gives back is what gets hashed (no undefined, Dates as strings). */
const asStored = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));

function chainInput(f: ChainedFields): string {
  return canonicalJson({ ...f, at: f.at.toISOString() });
}

/**
 * The head is keyed too: without AUDIT_KEY nobody can delete the tail of the log and set the head
 * to the last remaining record (its (seq, hash) pair would need a tag only the key can make).
 */
export function headMac(crypto: CryptoProvider, auditKey: string, seq: number, hash: string): string {
  return crypto.mac(auditKey, canonicalJson({ purpose: 'kaohe:audit-head', seq, hash }));
}

/** Whether a stored "algorithm:tag" keyed tag is what `expected` computes with that algorithm's provider. */
function keyedTagHolds(stored: string | null, expected: (provider: CryptoProvider) => string): boolean {
  const [algorithm, tag] = (stored ?? '').split(':', 2);
  let provider: CryptoProvider | null = null;
  try {
    provider = algorithm ? cryptoProviderByMac(algorithm) : null;
  } catch {
    provider = null;
  }
  return provider !== null && !!tag && provider.equal(expected(provider), tag);
}

/** Keyed tag of the retention anchor (the last purged record): a forged anchor does not verify. */
export function anchorMac(crypto: CryptoProvider, auditKey: string, seq: number, hash: string): string {
  return crypto.mac(auditKey, canonicalJson({ purpose: 'kaohe:audit-anchor', seq, hash }));
}

/**
 * Appends one record to the chain inside the caller's transaction. Locking the head row
 * serialises writers across processes; if anything here fails the caller's change rolls back
 * with it (fail-closed, 等保 安全审计 d).
 */
export async function appendAudit(tx: Db, deps: AuditDeps, actor: AuditActor, event: AuditEvent): Promise<number> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: the database was not migrated');
  const fields: ChainedFields = {
    seq: head.seq + 1,
    at: deps.clock.now(),
    actorId: nn(actor.id),
    actorLogin: nn(actor.login),
    actorRole: nn(actor.role),
    sourceIp: nn(actor.sourceIp),
    action: event.action,
    objectType: nn(event.objectType),
    objectId: nn(event.objectId),
    before: asStored(event.before),
    after: asStored(event.after),
    outcome: event.outcome,
    algorithm: deps.crypto.macAlgorithm,
    prevHash: head.hash,
  };
  const hash = deps.crypto.mac(deps.auditKey, chainInput(fields));
  await tx.insert(auditLog).values({ ...fields, hash });
  await tx
    .update(auditHead)
    .set({ seq: fields.seq, hash, mac: `${deps.crypto.macAlgorithm}:${headMac(deps.crypto, deps.auditKey, fields.seq, hash)}` })
    .where(eq(auditHead.id, 1));
  return fields.seq;
}

/** An event that is not part of a business change (login, logout, export) gets its own transaction. */
export function recordAudit(db: Db, deps: AuditDeps, actor: AuditActor, event: AuditEvent): Promise<number> {
  return db.transaction((tx) => appendAudit(tx, deps, actor, event));
}

export type AuditVerification =
  | { ok: true; records: number; lastSeq: number }
  | { ok: false; records: number; firstBadSeq: number; reason: string };

/**
 * Walks the chain in seq order and names the first record that is edited, missing, out of order
 * or not where the head says the chain ends.
 */
export async function verifyAuditChain(db: Db, auditKey: string, batchSize = 2000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let records = 0;
  // after a retention purge the chain starts at the keyed anchor (security/audit-retention.ts)
  const [anchor] = await db.select().from(auditAnchor).where(eq(auditAnchor.id, 1));
  if (anchor) {
    if (!keyedTagHolds(anchor.mac, (provider) => anchorMac(provider, auditKey, anchor.seq, anchor.hash))) {
      return { ok: false, records, firstBadSeq: anchor.seq + 1, reason: `the retention anchor (records up to ${anchor.seq} purged) was altered: its keyed hash does not match` };
    }
    expectedSeq = anchor.seq + 1;
    prevHash = anchor.hash;
  }
  const providers = new Map<string, CryptoProvider>();
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, records, firstBadSeq: expectedSeq, reason: `record ${expectedSeq} is missing (next present is ${row.seq})` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, records, firstBadSeq: row.seq, reason: `record ${row.seq} does not follow record ${row.seq - 1} (chain link broken or rows reordered)` };
      }
      let provider = providers.get(row.algorithm);
      if (!provider) {
        try {
          provider = cryptoProviderByMac(row.algorithm);
        } catch {
          return { ok: false, records, firstBadSeq: row.seq, reason: `record ${row.seq} names an unknown algorithm ${row.algorithm}` };
        }
        providers.set(row.algorithm, provider);
      }
      const { hash, ...fields } = row;
      const expected = provider.mac(auditKey, chainInput(fields as ChainedFields));
      if (!provider.equal(expected, hash)) {
        return { ok: false, records, firstBadSeq: row.seq, reason: `record ${row.seq} was altered (its keyed hash does not match its content)` };
      }
      prevHash = hash;
      expectedSeq++;
      records++;
    }
    if (rows.length < batchSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head || head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    return {
      ok: false,
      records,
      firstBadSeq: expectedSeq,
      reason: `the chain ends at record ${expectedSeq - 1} but its head says ${head?.seq ?? 'nothing'}: records after ${expectedSeq - 1} were deleted`,
    };
  }
  if (head.seq > 0) {
    if (!keyedTagHolds(head.mac, (provider) => headMac(provider, auditKey, head.seq, head.hash))) {
      return {
        ok: false,
        records,
        firstBadSeq: head.seq,
        reason: `the head (record ${head.seq}) carries no valid keyed tag: it was rewritten, so records after ${head.seq} may have been deleted`,
      };
    }
  }
  return { ok: true, records, lastSeq: expectedSeq - 1 };
}

export async function countAudit(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return Number(row?.n ?? 0);
}
