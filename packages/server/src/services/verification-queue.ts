import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { scopePredicate } from '../access/scope';
import { constantLabelSql, readablePredicate } from '../access/labels';
import type { Actor } from '../access/roles';
import type { Db } from '../db/database';
import { evidence, judgements, reports, schemeClauses, units } from '../db/schema';
import { latestScheme } from './assessment.service';
import { judgementDtos } from './judgement.service';
import { reportDtos } from './report.service';

const col = (c: { name: string }) => sql`${c}`;

/**
 * The lead assessor's queue: submitted reports of the clauses it leads (the 考评办 sees all), oldest
 * first, each with its unit, clause title, evidence files and the judgements already entered for
 * that unit and clause, so one screen holds what a verification needs.
 */
export async function verificationQueue(db: Db, actor: Actor, assessmentId: string, q: { unitId?: string | undefined; clauseKey?: string | undefined; limit: number }) {
  const rows = await db
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.assessmentId, assessmentId),
        eq(reports.state, 'submitted'),
        q.unitId ? eq(reports.unitId, q.unitId) : undefined,
        q.clauseKey ? eq(reports.clauseKey, q.clauseKey) : undefined,
        scopePredicate(actor, { assessmentId: col(reports.assessmentId), unitId: col(reports.unitId), clauseKey: col(reports.clauseKey) }, 'read'),
      ),
    )
    .orderBy(asc(reports.updatedAt), asc(reports.submittedAt), asc(reports.id))
    .limit(q.limit);
  if (rows.length === 0) return { items: [] };
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const keys = [...new Set(rows.map((r) => r.clauseKey))];
  const scheme = await latestScheme(db, assessmentId);
  const [unitRows, titles, files, judged] = await Promise.all([
    db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, unitIds)),
    scheme ? db.select({ key: schemeClauses.clauseKey, title: schemeClauses.title }).from(schemeClauses).where(and(eq(schemeClauses.schemeId, scheme.id), inArray(schemeClauses.clauseKey, keys))) : Promise.resolve([]),
    db
      .select({ id: evidence.id, unitId: evidence.unitId, clauseKey: evidence.clauseKey, reportId: evidence.reportId, originalName: evidence.originalName, sizeBytes: evidence.sizeBytes, uploadedAt: evidence.uploadedAt })
      .from(evidence)
      .where(and(eq(evidence.assessmentId, assessmentId), inArray(evidence.unitId, unitIds), inArray(evidence.clauseKey, keys), readablePredicate(actor, 'evidence', sql`${evidence.id}`, constantLabelSql('internal'))))
      .orderBy(desc(evidence.uploadedAt), asc(evidence.id)),
    db
      .select()
      .from(judgements)
      .where(and(eq(judgements.assessmentId, assessmentId), eq(judgements.status, 'current'), inArray(judgements.unitId, unitIds), inArray(judgements.clauseKey, keys)))
      .orderBy(asc(judgements.enteredAt), asc(judgements.id)),
  ]);
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const titleOf = new Map(titles.map((t) => [t.key, t.title]));
  const dtos = await reportDtos(db, rows);
  const judgementViews = await judgementDtos(db, judged);
  return {
    items: dtos.map((report) => ({
      report,
      unitCode: unitOf.get(report.unitId)?.code ?? '',
      unitName: unitOf.get(report.unitId)?.name ?? '',
      clauseTitle: titleOf.get(report.clauseKey) ?? report.clauseKey,
      evidence: files
        .filter((f) => f.unitId === report.unitId && f.clauseKey === report.clauseKey && (f.reportId === null || f.reportId === report.id))
        .map((f) => ({ id: f.id, originalName: f.originalName, sizeBytes: f.sizeBytes, uploadedAt: f.uploadedAt.toISOString() })),
      judgements: judgementViews.filter((j) => j.unitId === report.unitId && j.clauseKey === report.clauseKey),
    })),
  };
}
