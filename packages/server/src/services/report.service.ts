import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { divisions, facts, reports } from '../db/schema';
import { AppError } from '../lib/app-error';
import { audited } from './audited';
import type { ClientKeyGuard } from './client-key';
import { type FactState, type FactWrite, periodOf, staleVersion, userNames, writeFacts } from './fact-lifecycle';
import { withRetry } from './retry';

/**
 * Reports and their verification:
 *
 *   draft ──submit──▶ submitted ──verify──▶ verified ──lock──▶ locked
 *     ▲                   │
 *     └──── edit ◀── returned (with a reason)
 *
 * A report's facts carry its state. Only verified values (and the 考评办's official data) feed the
 * published score; submitted ones feed the self-assessed score shown beside it. Verifying writes
 * each fact again as source `verification` (with the lead assessor's correction where given), so
 * the verified value supersedes the reported one in the fact's history.
 */
export type ReportRow = typeof reports.$inferSelect;
export type ReportState = 'draft' | 'submitted' | 'returned' | 'verified' | 'locked';
type Who = { userId: string; audit: AuditActor };
export type FactInput = { id: string; type: string } & Record<string, unknown>;

const stateText: Record<ReportState, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', verified: '已核定', locked: '已锁定' };

export function factWrites(report: { unitId: string; clauseKey: string; id: string }, list: readonly FactInput[], state: FactState, source: 'report' | 'verification', reason: string | null): FactWrite[] {
  return list.map((f) => {
    const { unit: _u, ref: _r, ...value } = f;
    return { unitId: report.unitId, ref: report.clauseKey, factKey: f.id, period: periodOf(value), value, source, state, reportId: report.id, reason };
  });
}

export async function createReport(
  ctx: ServerContext,
  who: Who,
  assessmentId: string,
  unit: { id: string; code: string },
  body: { clientKey: string; clauseKey: string; narrative?: string | undefined; facts: FactInput[]; submit: boolean; participantDivisionId?: string | null },
  key: ClientKeyGuard<ReportRow, unknown>,
) {
  const state: ReportState = body.submit ? 'submitted' : 'draft';
  const stored = body.facts.map((f) => ({ ...f, unit: unit.code, ref: body.clauseKey }));
  const row = await withRetry(() =>
    audited(ctx, who.audit, { action: body.submit ? 'report.submit' : 'report.draft', objectType: 'report', objectIdOf: (r) => r.id, after: (r) => ({ unitId: r.unitId, clauseKey: r.clauseKey, state: r.state, facts: r.facts }) }, async (tx: Db) => {
      await key.claim(tx);
      const now = ctx.clock.now();
      const [report] = await tx
        .insert(reports)
        .values({ assessmentId, unitId: unit.id, clauseKey: body.clauseKey, narrative: body.narrative ?? null, facts: stored, clientKey: body.clientKey, submittedBy: who.userId, submittedAt: now, state, version: 1, updatedBy: who.userId, updatedAt: now, participantDivisionId: body.participantDivisionId ?? null })
        .returning();
      // a 参与处室's contribution stays on the report (services/participants.ts): not a fact of the unit
      if (!report!.participantDivisionId) await writeFacts(tx, assessmentId, who.userId, now, factWrites(report!, body.facts, state, 'report', null));
      await key.respond(tx, report!);
      return report!;
    }),
  );
  if (body.facts.length > 0 && !row.participantDivisionId) ctx.factsChanged?.(assessmentId);
  return row;
}

async function lockReport(tx: Db, id: string, expected: number | undefined): Promise<ReportRow> {
  const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
  if (!row) throw new AppError('not-found', '报送不存在');
  if (expected !== undefined && expected !== row.version) await staleVersion(tx, '该报送', { version: row.version, updatedBy: row.updatedBy ?? row.submittedBy, updatedAt: row.updatedAt ?? row.submittedAt }, expected);
  return row;
}

function requireState(row: ReportRow, allowed: ReportState[], doing: string) {
  if (!allowed.includes(row.state as ReportState)) {
    throw new AppError('conflict', `报送当前为“${stateText[row.state as ReportState] ?? row.state}”，不能${doing}（须为${allowed.map((s) => `“${stateText[s]}”`).join('或')}）`);
  }
}

/** The report's own current facts (those a later report did not take over), locked in key order. */
async function ownFacts(tx: Db, report: ReportRow) {
  return tx
    .select()
    .from(facts)
    .where(and(eq(facts.assessmentId, report.assessmentId), eq(facts.reportId, report.id)))
    .orderBy(asc(facts.unitId), asc(facts.factKey), asc(facts.period))
    .for('update');
}

/** Re-states the report's facts (same values unless corrected) as the next version of each. */
async function restate(tx: Db, report: ReportRow, who: Who, now: Date, state: FactState, source: 'report' | 'verification', corrections: readonly FactInput[], reason: string | null) {
  const own = await ownFacts(tx, report);
  const byKey = new Map(corrections.map((c) => [c.id, c]));
  for (const c of corrections) {
    if (!own.some((f) => f.factKey === c.id)) throw new AppError('bad-request', `corrections: 报送中没有事实“${c.id}”，不能更正`);
  }
  const writes: FactWrite[] = own.map((f) => {
    const corrected = byKey.get(f.factKey);
    const value = corrected ? (({ unit: _u, ref: _r, ...rest }) => rest)(corrected) : (f.value as Record<string, unknown>);
    if (corrected && corrected.type !== (f.value as { type?: string }).type) throw new AppError('bad-request', `corrections: 事实“${f.factKey}”的类型不能由更正改变`);
    return { unitId: f.unitId, ref: f.clauseKey, factKey: f.factKey, period: f.period, value, source, state, reportId: report.id, reason: corrected ? reason : (reason ?? null) };
  });
  return writeFacts(tx, report.assessmentId, who.userId, now, writes);
}

export type Transition =
  | { to: 'submitted'; expectedVersion?: number | undefined }
  | { to: 'verified'; expectedVersion?: number | undefined; corrections: FactInput[]; reason?: string | undefined }
  | { to: 'returned'; expectedVersion?: number | undefined; reason: string }
  | { to: 'locked'; expectedVersion?: number | undefined };

export async function transitionReport(ctx: ServerContext, who: Who, reportId: string, t: Transition) {
  if (t.to === 'verified' && t.corrections.length > 0 && !t.reason) throw new AppError('bad-request', 'reason: 更正报送值时须说明核定意见');
  const row = await withRetry(() =>
    audited(ctx, who.audit, { action: `report.${t.to === 'submitted' ? 'submit' : t.to === 'verified' ? 'verify' : t.to === 'returned' ? 'return' : 'lock'}`, objectType: 'report', objectId: reportId, after: (r) => ({ state: r.state, version: r.version, stateReason: r.stateReason, ...(t.to === 'verified' ? { corrections: t.corrections } : {}) }) }, async (tx: Db) => {
      const report = await lockReport(tx, reportId, t.expectedVersion);
      const now = ctx.clock.now();
      let reason: string | null = null;
      if (t.to === 'submitted') {
        requireState(report, ['draft', 'returned'], '提交');
        await restate(tx, report, who, now, 'submitted', 'report', [], null);
      } else if (t.to === 'verified') {
        requireState(report, ['submitted'], '核定');
        reason = t.reason ?? null;
        await restate(tx, report, who, now, 'verified', 'verification', t.corrections, reason);
      } else if (t.to === 'returned') {
        requireState(report, ['submitted', 'verified'], '退回');
        reason = t.reason;
        await restate(tx, report, who, now, 'returned', 'report', [], reason);
      } else {
        requireState(report, ['verified'], '锁定');
      }
      const [updated] = await tx
        .update(reports)
        .set({ state: t.to, version: report.version + 1, stateReason: reason ?? report.stateReason, updatedBy: who.userId, updatedAt: now })
        .where(eq(reports.id, report.id))
        .returning();
      return updated!;
    }),
  );
  ctx.factsChanged?.(row.assessmentId);
  return row;
}

/** Editing a draft or returned report: new facts or new values of its own facts; it becomes a draft again. */
export async function updateReport(ctx: ServerContext, who: Who, reportId: string, body: { expectedVersion?: number | undefined; narrative?: string | undefined; facts?: FactInput[] | undefined }) {
  const row = await withRetry(() =>
    audited(ctx, who.audit, { action: 'report.update', objectType: 'report', objectId: reportId, after: (r) => ({ state: r.state, version: r.version, facts: r.facts }) }, async (tx: Db) => {
      const report = await lockReport(tx, reportId, body.expectedVersion);
      requireState(report, ['draft', 'returned'], '修改');
      const now = ctx.clock.now();
      let stored = report.facts as FactInput[];
      if (body.facts) {
        const [u] = stored.length > 0 ? [stored[0]!['unit']] : [undefined];
        const merged = new Map(stored.map((f) => [f.id, f]));
        for (const f of body.facts) merged.set(f.id, { ...f, ...(u ? { unit: u } : {}), ref: report.clauseKey });
        stored = [...merged.values()];
        if (!report.participantDivisionId) await writeFacts(tx, report.assessmentId, who.userId, now, factWrites(report, body.facts, 'draft', 'report', null));
      }
      // the report's other facts become drafts too, so a returned report never half-counts
      await restate(tx, report, who, now, 'draft', 'report', [], null);
      const [updated] = await tx
        .update(reports)
        .set({ state: 'draft', version: report.version + 1, narrative: body.narrative ?? report.narrative, facts: stored, updatedBy: who.userId, updatedAt: now })
        .where(eq(reports.id, report.id))
        .returning();
      return updated!;
    }),
  );
  ctx.factsChanged?.(row.assessmentId);
  return row;
}

export async function reportDtos(db: Db, rows: readonly ReportRow[]) {
  const names = await userNames(db, rows.flatMap((r) => [r.submittedBy, r.updatedBy]));
  const divisionIds = [...new Set(rows.map((r) => r.participantDivisionId).filter((x): x is string => x !== null))];
  const divisionNames = new Map(divisionIds.length ? (await db.select({ id: divisions.id, name: divisions.name }).from(divisions).where(inArray(divisions.id, divisionIds))).map((d) => [d.id, d.name]) : []);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    clauseKey: r.clauseKey,
    state: r.state as ReportState,
    version: r.version,
    narrative: r.narrative,
    facts: r.facts as Record<string, unknown>[],
    stateReason: r.stateReason,
    submittedBy: names.get(r.submittedBy) ?? r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    updatedBy: r.updatedBy ? (names.get(r.updatedBy) ?? null) : null,
    updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
    participantDivision: r.participantDivisionId ? (divisionNames.get(r.participantDivisionId) ?? null) : null,
  }));
}
