import { asc, eq, gte, lte, sql } from 'drizzle-orm';
import { anchorMac, appendAudit, type AuditActor, verifyAuditChain } from '../audit/audit';
import type { ServerContext } from '../context';
import { auditAnchor, auditHead, auditLog } from '../db/schema';
import { AppError } from '../lib/app-error';

/** 网络安全法 第二十一条: network logs are kept at least six months; 184 days covers any six. */
export const minimumRetentionDays = 184;
const day = 24 * 60 * 60 * 1000;

export type PurgeResult = { purged: number; throughSeq: number | null; before: Date; dryRun: boolean };

/**
 * Deletes the audit records older than the retention period, never any younger than 184 days,
 * and keeps the chain verifiable: the last purged record's seq and hash become the keyed anchor
 * the verification starts from, and the purge itself is an audit record. Refuses when the chain
 * does not verify (a purge must not destroy the evidence of tampering). Runs as the tables'
 * owner (the append-only trigger is switched off inside the transaction): `kaohe audit purge`.
 */
export async function purgeAuditRecords(ctx: ServerContext, actor: AuditActor, options: { retentionDays?: number; dryRun?: boolean } = {}): Promise<PurgeResult> {
  const days = options.retentionDays ?? ctx.config.auditRetentionDays;
  if (!Number.isInteger(days) || days < minimumRetentionDays) {
    throw new AppError('bad-request', `审计记录至少保存 ${minimumRetentionDays} 天（六个月，网络安全法第二十一条），不能按 ${days} 天清理`);
  }
  const before = new Date(ctx.clock.now().getTime() - days * day);
  return ctx.db.transaction(async (tx) => {
    // appends wait on the head row: nothing is added while the purge decides what to remove
    await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
    const chain = await verifyAuditChain(tx, ctx.config.auditKey);
    if (!chain.ok) throw new AppError('conflict', `审计链校验未通过（第 ${chain.firstBadSeq} 条：${chain.reason}），不清理：请先查明原因`);
    // the oldest record that stays; records are purged only as a prefix of the chain
    const [firstKept] = await tx.select({ seq: auditLog.seq }).from(auditLog).where(gte(auditLog.at, before)).orderBy(asc(auditLog.seq)).limit(1);
    const [last] = await tx
      .select()
      .from(auditLog)
      .where(firstKept ? lte(auditLog.seq, firstKept.seq - 1) : undefined)
      .orderBy(sql`${auditLog.seq} DESC`)
      .limit(1);
    const [anchor] = await tx.select().from(auditAnchor).where(eq(auditAnchor.id, 1));
    if (!last || last.at >= before || (anchor && last.seq <= anchor.seq)) return { purged: 0, throughSeq: null, before, dryRun: options.dryRun === true };
    const purged = last.seq - (anchor?.seq ?? 0);
    if (options.dryRun) return { purged, throughSeq: last.seq, before, dryRun: true };
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tx.delete(auditLog).where(lte(auditLog.seq, last.seq));
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    const values = {
      seq: last.seq,
      hash: last.hash,
      mac: `${ctx.crypto.macAlgorithm}:${anchorMac(ctx.crypto, ctx.config.auditKey, last.seq, last.hash)}`,
      purgedBefore: before,
      purgedAt: ctx.clock.now(),
      purgedRecords: (anchor?.purgedRecords ?? 0) + purged,
    };
    await tx.insert(auditAnchor).values({ id: 1, ...values }).onConflictDoUpdate({ target: auditAnchor.id, set: values });
    await appendAudit(tx, ctx.audit, actor, { action: 'audit.purge', objectType: 'audit_log', objectId: `1-${last.seq}`, after: { purged, throughSeq: last.seq, before: before.toISOString(), retentionDays: days }, outcome: 'success' });
    return { purged, throughSeq: last.seq, before, dryRun: false };
  });
}
