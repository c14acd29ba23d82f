import { count, eq, gte, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/audit';
import { auditAnchor, auditLog } from '../../src/db/schema';
import { cliActor } from '../../src/services/account.service';
import { purgeAuditRecords } from '../../src/security/audit-retention';
import { createHarness, type Harness } from '../harness';

const day = 24 * 60 * 60 * 1000;
let h: Harness;
let seededBefore = new Date();
beforeAll(async () => {
  h = await createHarness();
  // the world's accounts and their audit records are written now; 200 days later come new ones
  seededBefore = new Date(h.clock.now().getTime() + 1);
  h.clock.advance(200 * day);
  await h.login('kpb');
  await h.login('rep1');
});
afterAll(async () => {
  await h?.close();
});

const rowsSince = async (at: Date) => Number((await h.ctx.db.select({ n: count() }).from(auditLog).where(gte(auditLog.at, at)))[0]!.n);
const total = async () => Number((await h.ctx.db.select({ n: count() }).from(auditLog))[0]!.n);

describe('audit retention purge (网络安全法 第二十一条: at least six months)', () => {
  it('refuses to purge anything younger than 184 days, whatever it is asked', async () => {
    for (const days of [0, 30, 183]) {
      await expect(purgeAuditRecords(h.ctx, cliActor('ops'), { retentionDays: days })).rejects.toThrow(/至少保存 184 天/);
    }
  });

  it('a dry run counts and changes nothing', async () => {
    const before = await total();
    const dry = await purgeAuditRecords(h.ctx, cliActor('ops'), { dryRun: true });
    expect(dry.purged).toBeGreaterThan(5);
    expect(await total()).toBe(before);
  });

  it('purges only records older than the retention, keeps every younger one, and the chain still verifies', async () => {
    const young = await rowsSince(new Date(h.clock.now().getTime() - 184 * day));
    expect(young).toBeGreaterThan(0);
    const before = await total();
    const result = await purgeAuditRecords(h.ctx, cliActor('ops'));
    expect(result.purged).toBe(before - young);
    expect(result.before.getTime()).toBe(h.clock.now().getTime() - 184 * day);
    // every record of the last 184 days is still there, plus the purge's own record
    expect(await rowsSince(new Date(h.clock.now().getTime() - 184 * day))).toBe(young + 1);
    expect(await rowsSince(new Date(0))).toBe(young + 1);
    const [oldest] = await h.ctx.db.select({ at: auditLog.at }).from(auditLog).orderBy(auditLog.seq).limit(1);
    expect(oldest!.at.getTime()).toBeGreaterThan(seededBefore.getTime());
    const [purge] = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'audit.purge'));
    expect(purge).toMatchObject({ actorLogin: 'ops', outcome: 'success' });
    expect(await verifyAuditChain(h.ctx.db, h.config.auditKey)).toMatchObject({ ok: true, records: young + 1 });
    // nothing more to purge right away
    expect((await purgeAuditRecords(h.ctx, cliActor('ops'))).purged).toBe(0);
    await h.login('kpb');
    expect((await verifyAuditChain(h.ctx.db, h.config.auditKey)).ok).toBe(true);
  });

  it('a forged or deleted anchor is detected, so the purge cannot hide a deletion', async () => {
    const [anchor] = await h.ctx.db.select().from(auditAnchor);
    await h.ctx.db.update(auditAnchor).set({ seq: anchor!.seq + 1 }).where(eq(auditAnchor.id, 1));
    expect(await verifyAuditChain(h.ctx.db, h.config.auditKey)).toMatchObject({ ok: false, reason: expect.stringMatching(/retention anchor/) });
    await h.ctx.db.execute(sql`DELETE FROM audit_anchor`);
    expect(await verifyAuditChain(h.ctx.db, h.config.auditKey)).toMatchObject({ ok: false, firstBadSeq: 1, reason: expect.stringMatching(/record 1 is missing/) });
    await h.ctx.db.insert(auditAnchor).values(anchor!);
    expect((await verifyAuditChain(h.ctx.db, h.config.auditKey)).ok).toBe(true);
  });
});
