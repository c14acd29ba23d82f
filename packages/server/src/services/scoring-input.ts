import type { Scheme } from '@kaohe/core';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { facts, judgements, units, users } from '../db/schema';
import { defaultPeriod } from './fact-lifecycle';
import { judgedAmount, refInfo } from './scheme-refs';

/**
 * What the core reads for a recompute, as a pure function of the data: every read has a total
 * order, so the same facts give the same input (and input hash) whatever the storage order, plan,
 * ANALYZE, VACUUM or process.
 *
 * Within a unit and ref, facts come in lifecycle order — verification before report before import,
 * then the most recently changed, then key and id — so where a rule reads one fact of a kind, it
 * reads the one the lifecycle ranks first (and fact-usage warns about the others).
 *
 * `published` reads official and verified values only; `self-assessed` adds the units' submitted,
 * not yet verified values (自评), shown beside the verified score and never published.
 */
export type ScoringBasis = 'published' | 'self-assessed';

const sourceRank = sql`CASE ${facts.source} WHEN 'verification' THEN 0 WHEN 'report' THEN 1 ELSE 2 END`;

/** A stored fact or judgement the current scheme has no place for (its unit or ref left the scheme). */
export type Orphan = { unit: string; ref: string; id: string };

export async function gatherScoringInput(db: Db, scheme: Scheme, assessmentId: string, organisationId: string, basis: ScoringBasis): Promise<{ input: unknown[]; orphans: Orphan[] }> {
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(eq(units.organisationId, organisationId));
  const codeOf = new Map(unitRows.map((u) => [u.id, u.code]));
  const states = basis === 'published' ? ['official', 'verified'] : ['official', 'verified', 'submitted'];
  const factRows = await db
    .select({ unitId: facts.unitId, ref: facts.clauseKey, factKey: facts.factKey, period: facts.period, value: facts.value })
    .from(facts)
    .where(and(eq(facts.assessmentId, assessmentId), inArray(facts.state, states)))
    .orderBy(asc(facts.unitId), asc(facts.clauseKey), asc(sourceRank), desc(facts.updatedAt), asc(facts.factKey), asc(facts.period), asc(facts.id));
  const judgementRows = await db
    .select({ id: judgements.id, unitId: judgements.unitId, ref: judgements.clauseKey, kind: judgements.kind, points: judgements.points, reason: judgements.reason, by: users.displayName })
    .from(judgements)
    .innerJoin(users, eq(users.id, judgements.enteredBy))
    .where(and(eq(judgements.assessmentId, assessmentId), eq(judgements.status, 'current')))
    .orderBy(asc(judgements.unitId), asc(judgements.clauseKey), asc(judgements.enteredAt), asc(judgements.id));
  const list: Record<string, unknown>[] = [];
  const orphans: Orphan[] = [];
  const unitByCode = new Map(scheme.units.map((u) => [u.code, u]));
  const refs = knownRefs(scheme);
  for (const f of factRows) {
    const unit = codeOf.get(f.unitId) ?? f.unitId;
    const id = f.period === defaultPeriod ? f.factKey : `${f.factKey}@${f.period}`;
    if (!unitByCode.has(unit) || !refs.has(f.ref)) orphans.push({ unit, ref: f.ref, id });
    else list.push({ ...(f.value as object), id, unit, ref: f.ref });
  }
  for (const j of judgementRows) {
    const code = codeOf.get(j.unitId);
    const unit = code === undefined ? undefined : unitByCode.get(code);
    const id = `judgement:${j.id}`;
    if (!unit || !refs.has(j.ref)) {
      orphans.push({ unit: code ?? j.unitId, ref: j.ref, id });
      continue;
    }
    const info = refInfo(scheme, j.ref);
    const converted = info ? judgedAmount(info, unit, j.kind, j.points) : { amount: j.points, reason: (t: string) => t };
    list.push({ id, type: 'judgement', unit: unit.code, ref: j.ref, amount: converted.amount, reason: converted.reason(j.reason), by: j.by });
  }
  return { input: list, orphans };
}

/** Every code a fact may inform (the contract's own list). */
function knownRefs(scheme: Scheme): Set<string> {
  const refs = new Set<string>(['grading']);
  const walk = (list: Scheme['indicators']): void => {
    for (const n of list) {
      refs.add(n.code);
      for (const c of n.clauses ?? []) {
        refs.add(c.code);
        if (c.dataItem !== undefined) refs.add(c.dataItem); // 最多报一次: a shared data item
      }
      walk(n.children ?? []);
    }
  };
  walk(scheme.indicators);
  for (const n of scheme.negativeList) refs.add(n.code);
  for (const v of scheme.vetoes) refs.add(v.code);
  for (const s of scheme.subAssessments) refs.add(s.code);
  return refs;
}
