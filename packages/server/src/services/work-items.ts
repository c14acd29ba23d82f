import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { assertInScope, scopePredicate } from '../access/scope';
import type { Db } from '../db/database';
import { reports } from '../db/schema';
import { AppError } from '../lib/app-error';
import { assertUnitInOrganisation, latestScheme } from './assessment.service';
import { parseSchemeCached } from './evaluator';
import { templateRows, typeNames } from './facts-sheet.service';
import { reportDtos } from './report.service';

const col = (c: { name: string }) => sql`${c}`;

/**
 * What a unit must report: the rows of its facts sheet (each clause or leaf indicator of the
 * published scheme that applies to it and reads a fact), cut to the caller's scope (a division
 * user sees only the clauses assigned to its division), each with the unit's latest report.
 */
export async function workItems(db: Db, actor: Actor, assessment: { id: string; organisationId: string }, unitId: string) {
  const dbUnit = await assertUnitInOrganisation(db, assessment.organisationId, unitId);
  const row = await latestScheme(db, assessment.id, 'published');
  if (!row) throw new AppError('bad-request', '该考核尚无已发布的考核方案，暂无应报送事项');
  const scheme = parseSchemeCached(row.sha256, row.document);
  const unit = scheme.units.find((u) => u.code === dbUnit.code);
  if (!unit) throw new AppError('not-found', `单位“${dbUnit.name}”不在考核方案中`);
  const rows = templateRows(scheme, unit);
  const visible = rows.length === 0 ? new Set<string>() : await visibleRefs(db, actor, assessment.id, dbUnit.id, rows.map((r) => r.ref));
  // nothing visible: either the unit is outside the caller's scope (403) or it truly owes nothing
  if (visible.size === 0) await assertInScope(db, actor, { assessmentId: assessment.id, unitId: dbUnit.id, clauseKey: null }, 'read');
  const reportRows = await db
    .select()
    .from(reports)
    .where(and(eq(reports.assessmentId, assessment.id), eq(reports.unitId, dbUnit.id), scopePredicate(actor, { assessmentId: col(reports.assessmentId), unitId: col(reports.unitId), clauseKey: col(reports.clauseKey) }, 'read')))
    .orderBy(desc(reports.submittedAt), desc(reports.id));
  const latest = new Map<string, (typeof reportRows)[number]>();
  for (const r of reportRows) if (!latest.has(r.clauseKey)) latest.set(r.clauseKey, r);
  const dtos = new Map((await reportDtos(db, [...latest.values()])).map((d) => [d.clauseKey, d]));
  return {
    unitId: dbUnit.id,
    unitCode: dbUnit.code,
    unitName: dbUnit.name,
    schemeVersion: row.version,
    items: rows
      .filter((r) => visible.has(r.ref))
      .map((r) => ({ ref: r.ref, title: r.title, points: r.points, target: r.target, factType: r.type, factTypeName: typeNames[r.type], factId: `${unit.code}:${r.ref}:${r.type}`, report: dtos.get(r.ref) ?? null })),
  };
}

/** The refs among `keys` the actor may read (or write) for this unit, decided by the same SQL predicate as every list. */
export async function visibleRefs(db: Db, actor: Actor, assessmentId: string, unitId: string, keys: string[], mode: 'read' | 'write' = 'read'): Promise<Set<string>> {
  const predicate = scopePredicate(actor, { assessmentId: sql`CAST(${assessmentId} AS uuid)`, unitId: sql`CAST(${unitId} AS uuid)`, clauseKey: sql`k.key` }, mode);
  const values = sql.join(keys.map((k) => sql`(CAST(${k} AS text))`), sql`, `);
  const result = (await db.execute(sql`SELECT k.key FROM (VALUES ${values}) AS k(key) WHERE ${predicate}`)) as unknown as { rows: { key: string }[] };
  return new Set(result.rows.map((r) => r.key));
}
