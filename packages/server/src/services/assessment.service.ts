import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { assessmentScope } from '../access/scope';
import type { Actor } from '../access/roles';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { assessments, schemeClauseLeads, schemeClauses, schemes, units } from '../db/schema';
import { AppError } from '../lib/app-error';
import { clausesOf, indicatorsOf, type SchemeDocument } from './scheme-document';

/** 404 (not 403) for an assessment outside the actor's grants: its existence is not disclosed. */
export async function getVisibleAssessment(ctx: ServerContext, actor: Actor, id: string) {
  const scope = assessmentScope(actor);
  if (scope !== null && !scope.includes(id)) throw new AppError('not-found', '考核不存在');
  const [row] = await ctx.db.select().from(assessments).where(eq(assessments.id, id));
  if (!row) throw new AppError('not-found', '考核不存在');
  return row;
}

export async function latestScheme(db: Db, assessmentId: string, status?: 'published') {
  const [row] = await db
    .select()
    .from(schemes)
    .where(status ? and(eq(schemes.assessmentId, assessmentId), eq(schemes.status, status)) : eq(schemes.assessmentId, assessmentId))
    .orderBy(desc(schemes.version))
    .limit(1);
  return row ?? null;
}

/** Writes the clause index of a scheme version: clause keys and their lead departments (units by code). */
export async function indexSchemeClauses(tx: Db, organisationId: string, schemeId: string, document: SchemeDocument) {
  // clauses and indicators share one code space: a fact's ref names either
  const clauses = [...clausesOf(document), ...indicatorsOf(document)];
  if (clauses.length === 0) return;
  const seen = new Set<string>();
  for (const c of clauses) {
    if (seen.has(c.key)) throw new AppError('bad-request', `方案中编码“${c.key}”重复（条款与指标的编码须互不相同）`);
    seen.add(c.key);
  }
  for (let i = 0; i < clauses.length; i += 500) {
    await tx.insert(schemeClauses).values(
      clauses.slice(i, i + 500).map((c) => ({ schemeId, clauseKey: c.key, title: c.title, maxPoints: c.points, refKind: c.refKind })),
    );
  }
  const leadCodes = [...new Set(clauses.flatMap((c) => c.leadAssessors))];
  if (leadCodes.length === 0) return;
  const leadUnits = await tx
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), inArray(units.code, leadCodes)));
  const byCode = new Map(leadUnits.map((u) => [u.code, u.id]));
  const rows = clauses.flatMap((c) =>
    c.leadAssessors.flatMap((code) => {
      const unitId = byCode.get(code);
      return unitId ? [{ schemeId, clauseKey: c.key, leadUnitId: unitId }] : [];
    }),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(schemeClauseLeads).values(rows.slice(i, i + 500)).onConflictDoNothing();
  }
}

/** A clause key must exist in the assessment's latest scheme version (one round trip). */
export async function assertClauseExists(db: Db, assessmentId: string, clauseKey: string) {
  const result = (await db.execute(sql`
    SELECT s.id AS scheme_id,
      EXISTS (SELECT 1 FROM scheme_clauses sc WHERE sc.scheme_id = s.id AND sc.clause_key = ${clauseKey}) AS has_clause
    FROM schemes s WHERE s.assessment_id = ${assessmentId} ORDER BY s.version DESC LIMIT 1`)) as unknown as { rows: { scheme_id: string; has_clause: boolean }[] };
  const row = result.rows[0];
  if (!row) throw new AppError('bad-request', '该考核尚无考核方案');
  if (!row.has_clause) throw new AppError('not-found', `方案中没有条款或指标“${clauseKey}”`);
}

export async function assertUnitInOrganisation(db: Db, organisationId: string, unitId: string) {
  const [row] = await db.select().from(units).where(and(eq(units.id, unitId), eq(units.organisationId, organisationId)));
  if (!row) throw new AppError('not-found', '单位不存在');
  return row;
}
