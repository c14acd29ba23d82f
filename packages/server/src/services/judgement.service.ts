import { type Dec, dec, ZERO, add } from '@kaohe/core';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { judgementVersions, judgements, units } from '../db/schema';
import { AppError } from '../lib/app-error';
import { audited } from './audited';
import type { ClientKeyGuard } from './client-key';
import { latestScheme } from './assessment.service';
import { parseSchemeCached } from './evaluator';
import { staleVersion, userNames } from './fact-lifecycle';
import { withRetry } from './retry';
import { checkJudgement, type JudgementKind } from './scheme-refs';

/**
 * Judgements (评分判定) keep their kind (score / deduction / bonus), are checked against the clause
 * or indicator and its points for the unit, and are corrected or withdrawn as new versions with a
 * reason. Where the rule reads one judgement (manual, completion, a leaf indicator) there is at most
 * one current judgement per unit and ref (a partial unique index holds it under concurrency too).
 */
export type JudgementRow = typeof judgements.$inferSelect;
type Who = { userId: string; audit: AuditActor };

async function schemeAndUnit(db: Db, assessmentId: string, unitId: string) {
  const row = await latestScheme(db, assessmentId);
  if (!row) throw new AppError('bad-request', '该考核尚无考核方案');
  const scheme = parseSchemeCached(row.sha256, row.document);
  const [u] = await db.select({ code: units.code }).from(units).where(eq(units.id, unitId));
  const unit = u ? scheme.units.find((x) => x.code === u.code) : undefined;
  if (!unit) throw new AppError('bad-request', `单位不在考核方案中，不能评分`);
  return { scheme, unit };
}

async function othersTotal(tx: Db, j: { assessmentId: string; unitId: string; clauseKey: string }, exceptId: string | null): Promise<Dec> {
  const rows = await tx
    .select({ id: judgements.id, points: judgements.points })
    .from(judgements)
    .where(and(eq(judgements.assessmentId, j.assessmentId), eq(judgements.unitId, j.unitId), eq(judgements.clauseKey, j.clauseKey), eq(judgements.status, 'current'), exceptId ? ne(judgements.id, exceptId) : undefined))
    .orderBy(asc(judgements.id))
    .for('update');
  return rows.reduce((sum, r) => add(sum, dec(r.points)), ZERO);
}

export async function createJudgement(
  ctx: ServerContext,
  who: Who,
  assessmentId: string,
  body: { unitId: string; clauseKey: string; kind: JudgementKind; points: string; reason: string; clientKey?: string | undefined },
  key: ClientKeyGuard<JudgementRow, unknown>,
) {
  const { scheme, unit } = await schemeAndUnit(ctx.db, assessmentId, body.unitId);
  const row = await withRetry(() =>
    audited(ctx, who.audit, { action: `judgement.${body.kind}`, objectType: 'judgement', objectIdOf: (r) => r.id, after: (r) => ({ unitId: r.unitId, clauseKey: r.clauseKey, kind: r.kind, points: r.points, reason: r.reason }) }, async (tx: Db) => {
        await key.claim(tx);
        const info = checkJudgement(scheme, unit, body.clauseKey, body.kind, body.points, await othersTotal(tx, { assessmentId, unitId: body.unitId, clauseKey: body.clauseKey }, null));
        const isSingle = info.judgements === 'one';
        if (isSingle) {
          const [current] = await tx
            .select()
            .from(judgements)
            .where(and(eq(judgements.assessmentId, assessmentId), eq(judgements.unitId, body.unitId), eq(judgements.clauseKey, body.clauseKey), eq(judgements.status, 'current'), eq(judgements.isSingle, true)));
          if (current) throw new AppError('conflict', `该单位的“${body.clauseKey}”已有判定（版本 ${current.version}），请更正该判定而不是再新增一条`, { judgementId: current.id });
        }
        const now = ctx.clock.now();
        const [inserted] = await tx
          .insert(judgements)
          .values({ assessmentId, unitId: body.unitId, clauseKey: body.clauseKey, kind: body.kind, points: body.points, reason: body.reason, clientKey: body.clientKey ?? null, enteredBy: who.userId, enteredAt: now, isSingle, status: 'current', version: 1 })
          .returning();
        await tx.insert(judgementVersions).values({ judgementId: inserted!.id, version: 1, kind: body.kind, points: body.points, reason: body.reason, status: 'current', changedBy: who.userId, changedAt: now });
        await key.respond(tx, inserted!);
        return inserted!;
      }),
  );
  ctx.factsChanged?.(assessmentId);
  return row;
}

/** Correction (new kind/points/reason) or withdrawal, as the next version, based on the version the user read. */
export async function changeJudgement(
  ctx: ServerContext,
  who: Who,
  current: JudgementRow,
  change: { expectedVersion: number | undefined; changeReason: string } & ({ withdraw: true } | { withdraw: false; kind: JudgementKind; points: string; reason: string }),
) {
  const { scheme, unit } = await schemeAndUnit(ctx.db, current.assessmentId, current.unitId);
  const action = change.withdraw ? 'judgement.withdraw' : 'judgement.correct';
  const row = await withRetry(() =>
    audited(ctx, who.audit, { action, objectType: 'judgement', objectId: current.id, before: { kind: current.kind, points: current.points, reason: current.reason, version: current.version }, after: (r) => ({ kind: r.kind, points: r.points, reason: r.reason, status: r.status, version: r.version, changeReason: change.changeReason }) }, async (tx: Db) => {
        const [locked] = await tx.select().from(judgements).where(eq(judgements.id, current.id)).for('update');
        if (!locked) throw new AppError('not-found', '判定不存在');
        if (change.expectedVersion !== undefined && change.expectedVersion !== locked.version) await staleVersion(tx, '该判定', { version: locked.version, updatedBy: locked.updatedBy ?? locked.enteredBy, updatedAt: locked.updatedAt ?? locked.enteredAt }, change.expectedVersion);
        if (locked.status === 'withdrawn') throw new AppError('conflict', '该判定已撤回，不能再修改；如需评分请新增判定');
        const next = change.withdraw
          ? { kind: locked.kind, points: locked.points, reason: locked.reason, status: 'withdrawn' }
          : { kind: change.kind, points: change.points, reason: change.reason, status: 'current' };
        if (!change.withdraw) checkJudgement(scheme, unit, locked.clauseKey, change.kind, change.points, await othersTotal(tx, locked, locked.id));
        const now = ctx.clock.now();
        const [updated] = await tx
          .update(judgements)
          .set({ ...next, version: locked.version + 1, updatedBy: who.userId, updatedAt: now })
          .where(eq(judgements.id, locked.id))
          .returning();
        await tx.insert(judgementVersions).values({ judgementId: locked.id, version: locked.version + 1, ...next, changeReason: change.changeReason, changedBy: who.userId, changedAt: now });
        return updated!;
      }),
  );
  ctx.factsChanged?.(current.assessmentId);
  return row;
}

export async function judgementDtos(db: Db, rows: readonly JudgementRow[]) {
  const names = await userNames(db, rows.flatMap((r) => [r.enteredBy, r.updatedBy]));
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    clauseKey: r.clauseKey,
    kind: r.kind as JudgementKind | 'judgement',
    points: r.points,
    reason: r.reason,
    status: r.status as 'current' | 'withdrawn',
    version: r.version,
    enteredBy: names.get(r.enteredBy) ?? r.enteredBy,
    enteredAt: r.enteredAt.toISOString(),
    updatedBy: r.updatedBy ? (names.get(r.updatedBy) ?? null) : null,
    updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
  }));
}
