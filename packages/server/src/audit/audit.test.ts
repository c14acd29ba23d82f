import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database';
import { organisations } from '../db/schema';
import { createFakeClock } from '../lib/clock';
import { type CryptoProvider, createGmCryptoProvider, intlCryptoProvider } from '../lib/crypto-provider';
import { appendAudit, countAudit, recordAudit, verifyAuditChain } from './audit';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const clock = createFakeClock();
const key = 'k'.repeat(40);
const deps = { crypto: intlCryptoProvider, auditKey: key, clock };
const actor = { id: null, login: 'alice', role: 'audit-admin', sourceIp: '10.0.0.1' };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Simulates someone with database superuser rights bypassing the append-only trigger. */
async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  });
}

describe('verifyAuditChain', () => {
  it('accepts an intact chain written by both providers', async () => {
    for (let i = 0; i < 6; i++) {
      await recordAudit(database.db, i === 3 ? { ...deps, crypto: createGmCryptoProvider() } : deps, actor, {
        action: `test.${i}`,
        objectType: 'thing',
        objectId: String(i),
        before: { n: i, zh: '扣0.5分' },
        after: { n: i + 1, nested: { b: 1, a: [1, '2'] } },
        outcome: 'success',
      });
      clock.advance(1000);
    }
    expect(await verifyAuditChain(database.db, key)).toEqual({ ok: true, records: 6, lastSeq: 6 });
  });

  it('detects an edited record and names it', async () => {
    await tamper(sql`UPDATE audit_log SET outcome = 'failure' WHERE seq = 3`);
    const result = await verifyAuditChain(database.db, key);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 3 });
    await tamper(sql`UPDATE audit_log SET outcome = 'success' WHERE seq = 3`);
    expect((await verifyAuditChain(database.db, key)).ok).toBe(true);
  });

  it('detects a wrong key', async () => {
    expect(await verifyAuditChain(database.db, 'x'.repeat(40))).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('detects reordered records', async () => {
    await tamper(sql`UPDATE audit_log SET seq = -seq WHERE seq IN (4, 5)`);
    await tamper(sql`UPDATE audit_log SET seq = CASE seq WHEN -4 THEN 5 ELSE 4 END WHERE seq IN (-4, -5)`);
    expect(await verifyAuditChain(database.db, key)).toMatchObject({ ok: false, firstBadSeq: 4 });
    await tamper(sql`UPDATE audit_log SET seq = -seq WHERE seq IN (4, 5)`);
    await tamper(sql`UPDATE audit_log SET seq = CASE seq WHEN -4 THEN 5 ELSE 4 END WHERE seq IN (-4, -5)`);
    expect((await verifyAuditChain(database.db, key)).ok).toBe(true);
  });

  it('detects a deleted record in the middle and at the end', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE seq = 6`);
    expect(await verifyAuditChain(database.db, key)).toMatchObject({ ok: false, firstBadSeq: 6 });
    await tamper(sql`DELETE FROM audit_log WHERE seq = 2`);
    const result = await verifyAuditChain(database.db, key);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(result.ok === false && result.reason).toMatch(/record 2 is missing/);
  });
});

describe('appendAudit', () => {
  it('rolls the change back when the audit record cannot be written (fail-closed)', async () => {
    const failing: CryptoProvider = {
      ...intlCryptoProvider,
      mac: () => {
        throw new Error('HSM unavailable');
      },
    };
    const before = await countAudit(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(organisations).values({ code: 'fail-closed', name: '回滚', createdAt: clock.now() });
        await appendAudit(tx, { ...deps, crypto: failing }, actor, { action: 'org.create', outcome: 'success' });
      }),
    ).rejects.toThrow('HSM unavailable');
    const rows = await database.db.select().from(organisations);
    expect(rows.filter((r) => r.code === 'fail-closed')).toEqual([]);
    expect(await countAudit(database.db)).toBe(before);
  });
});
