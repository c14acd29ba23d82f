import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { AppError } from '../lib/app-error';
import type { Actor, RoleGrant } from './roles';

/**
 * Data scoping as SQL, so every list and every write is filtered by the database query itself,
 * not by handler code after the fact. The same predicate serves columns (lists) and literal
 * values (checks before a write).
 */
export type ScopeTarget = { assessmentId: SQL; unitId: SQL; clauseKey: SQL | null };
export type ScopeMode = 'read' | 'write';

const FALSE = sql`FALSE`;

function grantPredicate(grant: RoleGrant, t: ScopeTarget, mode: ScopeMode): SQL {
  const inAssessment = grant.assessmentId ? sql`${t.assessmentId} = CAST(${grant.assessmentId} AS uuid)` : sql`TRUE`;
  switch (grant.role) {
    case 'assessment-admin':
      return inAssessment;
    case 'lead-assessor':
      // only the clauses it leads in the assessment's current scheme; every unit's rows for them
      if (!t.clauseKey) return FALSE;
      return sql`(${inAssessment} AND ${t.clauseKey} IN (
        SELECT cl.clause_key FROM scheme_clause_leads cl JOIN schemes s ON s.id = cl.scheme_id
        WHERE s.assessment_id = ${t.assessmentId} AND cl.lead_unit_id = CAST(${grant.unitId} AS uuid)))`;
    case 'unit-reporter':
      return sql`(${inAssessment} AND ${t.unitId} = CAST(${grant.unitId} AS uuid))`;
    case 'division-user':
      // the clauses it answers for (责任处室) and those it takes part in (参与处室)
      if (!t.clauseKey) return FALSE;
      return sql`(${inAssessment} AND ${t.unitId} = CAST(${grant.unitId} AS uuid) AND ${t.clauseKey} IN (
        SELECT ca.clause_key FROM clause_assignments ca
        WHERE ca.assessment_id = ${t.assessmentId} AND ca.unit_id = CAST(${grant.unitId} AS uuid)
          AND ca.division_id = CAST(${grant.divisionId} AS uuid)
        UNION ALL
        SELECT cp.clause_key FROM clause_participants cp
        WHERE cp.assessment_id = ${t.assessmentId} AND cp.unit_id = CAST(${grant.unitId} AS uuid)
          AND cp.division_id = CAST(${grant.divisionId} AS uuid)))`;
    case 'leader':
      if (mode === 'write') return FALSE;
      return sql`(${inAssessment} AND ${t.unitId} IN (
        SELECT lu.unit_id FROM leader_units lu WHERE lu.leader_id = CAST(${grant.leaderId} AS uuid)))`;
    default:
      return FALSE; // administrators see no business rows
  }
}

export function scopePredicate(actor: Actor, target: ScopeTarget, mode: ScopeMode): SQL {
  if (actor.kind !== 'user') return FALSE;
  const parts = actor.grants.map((g) => grantPredicate(g, target, mode)).filter((p) => p !== FALSE);
  if (parts.length === 0) return FALSE;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Throws 403 unless the actor may act on this (assessment, unit, clause). */
export async function assertInScope(
  db: Db,
  actor: Actor,
  values: { assessmentId: string; unitId: string; clauseKey: string | null },
  mode: ScopeMode,
): Promise<void> {
  const predicate = scopePredicate(
    actor,
    {
      assessmentId: sql`CAST(${values.assessmentId} AS uuid)`,
      unitId: sql`CAST(${values.unitId} AS uuid)`,
      clauseKey: values.clauseKey === null ? null : sql`CAST(${values.clauseKey} AS text)`,
    },
    mode,
  );
  const result = (await db.execute(sql`SELECT (${predicate}) AS allowed`)) as unknown as { rows: { allowed: boolean }[] };
  if (result.rows[0]?.allowed !== true) {
    throw new AppError('forbidden', '无权操作该单位或条款的数据');
  }
}

/** Assessments an actor's grants reach (null: all). */
export function assessmentScope(actor: Actor): string[] | null {
  if (actor.kind !== 'user') return [];
  if (actor.grants.some((g) => g.assessmentId === null && g.role !== 'system-admin' && g.role !== 'security-admin' && g.role !== 'audit-admin')) return null;
  return [...new Set(actor.grants.map((g) => g.assessmentId).filter((x): x is string => x !== null))];
}
