import { and, desc, eq } from 'drizzle-orm';
import type { AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { assessments, publications, publishedResults, results, units } from '../db/schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { audited } from './audited';
import { latestScheme } from './assessment.service';
import { evaluateDocuments, parseSchemeCached, selfAssessedTotals } from './evaluator';
import { gatherScoringInput } from './scoring-input';

type Assessment = typeof assessments.$inferSelect;

/**
 * Recomputes every unit's ledger through the core engine and replaces the snapshot in one
 * transaction: readers see the old results or the new ones, never a mix.
 */
export async function recomputeResults(ctx: ServerContext, actor: AuditActor, assessment: Assessment) {
  return audited(ctx, actor, { action: 'result.recompute', objectType: 'assessment', objectId: assessment.id, after: (r) => ({ units: r.units, inputSha256: r.inputSha256 }) }, async (tx: Db) => {
    // serialise recomputes and publications of one assessment
    await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, assessment.id)).for('update');
    const schemeRow = await latestScheme(tx, assessment.id, 'published');
    if (!schemeRow) throw new AppError('bad-request', '该考核尚无已发布的考核方案，无法计算');
    const scheme = parseSchemeCached(schemeRow.sha256, schemeRow.document);
    const { input, orphans } = await gatherScoringInput(tx, scheme, assessment.id, assessment.organisationId, 'published');
    const inputSha256 = ctx.crypto.digest(canonicalJson({ scheme: schemeRow.sha256, facts: input }));
    const snapshots = evaluateDocuments(scheme, input, { key: assessment.id, schemeSha256: schemeRow.sha256 }, orphans);
    // 自评: the same scheme with the units' submitted, unverified values; shown beside, never published
    const self = await gatherScoringInput(tx, scheme, assessment.id, assessment.organisationId, 'self-assessed');
    const selfTotals = self.input.length === input.length ? null : selfAssessedTotals(scheme, self.input);
    const unitRows = await tx.select({ id: units.id, code: units.code }).from(units).where(eq(units.organisationId, assessment.organisationId));
    const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
    const now = ctx.clock.now();
    await tx.delete(results).where(eq(results.assessmentId, assessment.id));
    const rows = snapshots.map((s) => {
      const unitId = idOf.get(s.unitCode);
      if (!unitId) throw new AppError('bad-request', `方案中的单位“${s.unitCode}”在系统中不存在`);
      const selfAssessedTotal = selfTotals?.get(s.unitCode) ?? s.total;
      return { assessmentId: assessment.id, unitId, schemeId: schemeRow.id, total: s.total, grade: s.grade, rank: s.rank, ledger: { ...(s.ledger as object), selfAssessedTotal }, inputSha256, computedAt: now };
    });
    for (let i = 0; i < rows.length; i += 200) await tx.insert(results).values(rows.slice(i, i + 200));
    return { units: rows.length, inputSha256, schemeVersion: schemeRow.version, computedAt: now, warnings: snapshots.reduce((n, x) => n + x.warnings.length, 0) };
  });
}

