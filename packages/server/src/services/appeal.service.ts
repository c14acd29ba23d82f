import type { AppealView } from '@kaohe/contract/api/appeals';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { appeals, assessments, evidence, schemeClauseLeads, units } from '../db/schema';
import { AppError } from '../lib/app-error';
import { audited } from './audited';
import { withClientKey } from './client-key';
import { latestPublication, republishAfterAppeal, snapshotOf } from './publication.service';
import { ledgerLines } from './result-rows';
import { withRetry } from './retry';

type Assessment = typeof assessments.$inferSelect;
type Appeal = typeof appeals.$inferSelect;

const statusNames = { submitted: '待牵头部门复核', 'lead-reviewed': '待考评办决定', upheld: '申诉成立', rejected: '申诉驳回' } as const;

/** Appeals an actor may see: the 考评办 all, a lead assessor those it leads, a unit its own. */
export function appealScope(actor: Actor): SQL {
  if (actor.kind !== 'user') return sql`FALSE`;
  const parts: SQL[] = [];
  for (const g of actor.grants) {
    const inAssessment = g.assessmentId ? sql`${appeals.assessmentId} = CAST(${g.assessmentId} AS uuid)` : sql`TRUE`;
    if (g.role === 'assessment-admin') parts.push(inAssessment);
    if (g.role === 'lead-assessor' && g.unitId) parts.push(sql`(${inAssessment} AND ${appeals.leadUnitId} = CAST(${g.unitId} AS uuid))`);
    if (g.role === 'unit-reporter' && g.unitId) parts.push(sql`(${inAssessment} AND ${appeals.unitId} = CAST(${g.unitId} AS uuid))`);
  }
  return parts.length === 0 ? sql`FALSE` : sql`(${sql.join(parts, sql` OR `)})`;
}

export async function getVisibleAppeal(db: Db, actor: Actor, id: string): Promise<Appeal> {
  const [row] = await db.select().from(appeals).where(and(eq(appeals.id, id), appealScope(actor)));
  if (!row) throw new AppError('not-found', '申诉不存在');
  return row;
}

/** 申诉: within the window of the latest publication, one ledger line of the unit's own published result. */
export async function submitAppeal(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, body: { clientKey: string; unitId: string; ref: string; lineIndex: number; reason: string; evidenceIds: string[] }): Promise<AppealView> {
  const claim = { kind: 'appeal' as const, assessmentId: assessment.id, key: body.clientKey, userId, request: { unitId: body.unitId, ref: body.ref, lineIndex: body.lineIndex, reason: body.reason, evidenceIds: body.evidenceIds }, what: '另一份申诉' };
  const { response } = await withClientKey(ctx, claim, (tx, row: Appeal) => appealOut(tx, row), async (key) => {
    const publication = await latestPublication(ctx.db, assessment.id);
    if (!publication) throw new AppError('conflict', '该考核尚未发布结果，不能申诉（公示期间请提出异议）');
    const snapshot = await snapshotOf(ctx.db, publication.id);
    if (ctx.clock.now() > snapshot.appealsUntil) throw new AppError('conflict', `申诉期已于 ${snapshot.appealsUntil.toISOString()} 结束`);
    const row = snapshot.content.results.find((r) => r.unitId === body.unitId);
    if (!row) throw new AppError('not-found', '第 ' + publication.sequence + ' 版发布中没有该单位的结果');
    const line = ledgerLines(row.ledger)[body.lineIndex];
    if (!line) throw new AppError('bad-request', `lineIndex: 该单位的台账只有 ${ledgerLines(row.ledger).length} 行`);
    if (line.ref !== body.ref) throw new AppError('bad-request', `ref: 台账第 ${body.lineIndex + 1} 行属于“${line.ref}”，不是“${body.ref}”`);
    if (body.evidenceIds.length > 0) {
      const found = await ctx.db.select({ id: evidence.id }).from(evidence).where(and(inArray(evidence.id, body.evidenceIds), eq(evidence.assessmentId, assessment.id), eq(evidence.unitId, body.unitId)));
      const missing = body.evidenceIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) throw new AppError('not-found', `evidenceIds: 佐证材料 ${missing.join('、')} 不存在或不属于该单位`);
    }
    const [lead] = await ctx.db.select({ leadUnitId: schemeClauseLeads.leadUnitId }).from(schemeClauseLeads).where(and(eq(schemeClauseLeads.schemeId, snapshot.content.scheme.id), eq(schemeClauseLeads.clauseKey, body.ref))).limit(1);
    return withRetry(() =>
      audited(ctx, actor, { action: 'appeal.submit', objectType: 'appeal', objectIdOf: (r) => r.id, after: (r) => ({ unitId: r.unitId, ref: r.ref, line: r.line, reason: r.reason, publication: publication.sequence }) }, async (tx: Db) => {
        await key.claim(tx);
        const now = ctx.clock.now();
        const [inserted] = await tx
          .insert(appeals)
          .values({ assessmentId: assessment.id, publicationId: publication.id, unitId: body.unitId, ref: body.ref, lineIndex: body.lineIndex, line: { text: line.text, amount: line.amount }, reason: body.reason, evidenceIds: body.evidenceIds, status: 'submitted', leadUnitId: lead?.leadUnitId ?? null, clientKey: body.clientKey, createdBy: userId, createdAt: now, updatedAt: now })
          .returning();
        await key.respond(tx, inserted!);
        return inserted!;
      }),
    );
  });
  return response;
}

/** Optimistic update of one appeal: a stale version is refused naming who changed it and when. */
async function updateAppeal(tx: Db, appeal: Appeal, expected: number, set: Partial<typeof appeals.$inferInsert>): Promise<Appeal> {
  const [row] = await tx.update(appeals).set({ ...set, version: appeal.version + 1 }).where(and(eq(appeals.id, appeal.id), eq(appeals.version, expected))).returning();
  if (!row) {
    const [now] = await tx.select().from(appeals).where(eq(appeals.id, appeal.id));
    throw new AppError('conflict', `该申诉已被修改（当前版本 ${now?.version ?? '?'}，${now?.updatedAt.toISOString() ?? ''}），请刷新后重试`);
  }
  return row;
}

/** 复核 by the lead assessor of the appealed line: its opinion, with reasons. */
export async function leadOpinion(ctx: ServerContext, actor: AuditActor, requester: Actor, appeal: Appeal, body: { opinion: 'uphold' | 'reject'; reason: string; version: number }) {
  if (requester.kind !== 'user' || !requester.grants.some((g) => g.role === 'lead-assessor' && g.unitId === appeal.leadUnitId)) throw new AppError('forbidden', '只有该条款的考核牵头部门可以提出复核意见');
  if (appeal.status !== 'submitted') throw new AppError('conflict', `该申诉${statusNames[appeal.status as keyof typeof statusNames]}，不能再提出复核意见`);
  return audited(ctx, actor, { action: 'appeal.lead-opinion', objectType: 'appeal', objectId: appeal.id, before: { status: appeal.status }, after: (r) => ({ status: r.status, opinion: r.leadOpinion, reason: r.leadReason }) }, async (tx: Db) => {
    const now = ctx.clock.now();
    return updateAppeal(tx, appeal, body.version, { status: 'lead-reviewed', leadOpinion: body.opinion, leadReason: body.reason, leadBy: requester.userId, leadAt: now, updatedAt: now });
  });
}

/**
 * The 考评办's decision. Upheld: the correction (a fact or judgement corrected through the usual
 * routes, then a recompute) must already be made, and the decision publishes it as a new version
 * whose diff against the previous one is recorded; rejected: the publication stands.
 */
export async function decideAppeal(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, appeal: Appeal, body: { decision: 'upheld' | 'rejected'; reason: string; version: number }) {
  if (appeal.status === 'upheld' || appeal.status === 'rejected') throw new AppError('conflict', `该申诉已决定（${statusNames[appeal.status]}）`);
  if (appeal.status === 'submitted' && appeal.leadUnitId !== null) throw new AppError('conflict', '须先由考核牵头部门提出复核意见');
  return audited(ctx, actor, { action: `appeal.${body.decision}`, objectType: 'appeal', objectId: appeal.id, before: { status: appeal.status }, after: (r) => ({ status: r.appeal.status, reason: body.reason, publication: r.publication?.sequence ?? null }) }, async (tx: Db) => {
    const now = ctx.clock.now();
    let publication = null;
    if (body.decision === 'upheld') {
      const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, appeal.unitId));
      try {
        publication = await republishAfterAppeal(ctx, tx, assessment, userId, `${unit?.name ?? ''}申诉成立（${appeal.ref}）：${body.reason}`, 10);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') throw new AppError('conflict', `申诉成立须先更正事实或评判并重新计算：${error.userMessage}`);
        throw error;
      }
    }
    const updated = await updateAppeal(tx, appeal, body.version, { status: body.decision, decision: body.decision, decisionReason: body.reason, decidedBy: userId, decidedAt: now, resultPublicationId: publication?.id ?? null, updatedAt: now });
    return { appeal: updated, publication };
  });
}

export async function appealOut(db: Db, a: Appeal): Promise<AppealView> {
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, a.unitId));
  return {
    id: a.id,
    assessmentId: a.assessmentId,
    publicationId: a.publicationId,
    unitId: a.unitId,
    unitName: unit?.name ?? '',
    ref: a.ref,
    lineIndex: a.lineIndex,
    line: a.line as { text: string; amount: string },
    reason: a.reason,
    evidenceIds: a.evidenceIds as string[],
    status: a.status as AppealView['status'],
    statusName: statusNames[a.status as keyof typeof statusNames],
    leadOpinion: (a.leadOpinion ?? null) as AppealView['leadOpinion'],
    leadReason: a.leadReason ?? null,
    leadAt: a.leadAt?.toISOString() ?? null,
    decision: (a.decision ?? null) as AppealView['decision'],
    decisionReason: a.decisionReason ?? null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    resultPublicationId: a.resultPublicationId ?? null,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
  };
}

