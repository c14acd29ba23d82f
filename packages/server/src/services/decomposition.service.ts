import { progressStateNames, type DecompositionProgress, type DecompositionResult } from '@kaohe/contract/api/decomposition';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { assertInScope } from '../access/scope';
import type { Db } from '../db/database';
import { clauseAssignments, divisions, leaders, leaderUnits, reports } from '../db/schema';
import { AppError } from '../lib/app-error';
import { assertUnitInOrganisation, latestScheme } from './assessment.service';
import { parseSchemeCached } from './evaluator';
import { responsibilityRows } from './scheme-tree.service';

/**
 * A bureau's decomposition one level down (seed 000). The scheme names, per indicator or clause,
 * its 责任处室 and 牵头领导 (inherited downwards: scheme-tree `responsibilityRows`). From them:
 *
 * - `decomposeFromScheme` makes the bureau's divisions and the organisation's leaders (matched by
 *   name, else created), links each leader to the bureau, and assigns every clause to the first
 *   listed 责任处室 (`clause_assignments`, one answering division per clause). A clause listing
 *   several 责任处室 is reported in `shared` with the others named — never silently narrowed.
 * - the bureau's fact for a clause is its answering division's report once verified: the division
 *   reports for the bureau (its unit), the lead assessor verifies, and only verified values count
 *   (report.service). Two reports on one clause that give the same fact different values are not
 *   picked between: the engine shows the conflict as a warning in the bureau's result.
 * - `decompositionProgress` shows, per 牵头领导, the clauses they lead per division and state.
 */
export async function decomposeFromScheme(
  db: Db,
  scheme: { id: string; assessmentId: string; sha256: string; document: unknown },
  organisationId: string,
  body: { unitId: string; dryRun: boolean },
): Promise<DecompositionResult> {
  const unit = await assertUnitInOrganisation(db, organisationId, body.unitId);
  const rows = responsibilityRows(parseSchemeCached(scheme.sha256, scheme.document as never));
  const divisionNames = [...new Set(rows.flatMap((r) => r.divisions))];
  const leaderNames = [...new Set(rows.flatMap((r) => r.leaders))];
  if (divisionNames.length === 0) throw new AppError('bad-request', '该方案没有写责任处室，无法分解到处室');
  const haveDivisions = new Map((await db.select().from(divisions).where(eq(divisions.unitId, unit.id))).map((d) => [d.name, d.id]));
  const haveLeaders = new Map<string, string>();
  for (const l of await db.select().from(leaders).where(eq(leaders.organisationId, organisationId))) if (!haveLeaders.has(l.name)) haveLeaders.set(l.name, l.id);
  const result: DecompositionResult = {
    dryRun: body.dryRun,
    unitId: unit.id,
    divisions: { matched: divisionNames.filter((n) => haveDivisions.has(n)).map((name) => ({ name, id: haveDivisions.get(name)! })), created: [] },
    leaders: { matched: leaderNames.filter((n) => haveLeaders.has(n)).map((name) => ({ name, id: haveLeaders.get(name)! })), created: [] },
    assigned: rows.filter((r) => r.divisions.length > 0).length,
    shared: rows.filter((r) => r.divisions.length > 1).map((r) => ({ clauseKey: r.clauseCode, answering: r.divisions[0]!, alsoListed: r.divisions.slice(1) })),
    unassigned: rows.filter((r) => r.divisions.length === 0).map((r) => r.clauseCode),
  };
  if (body.dryRun) {
    result.divisions.created = divisionNames.filter((n) => !haveDivisions.has(n)).map((name) => ({ name, id: null }));
    result.leaders.created = leaderNames.filter((n) => !haveLeaders.has(n)).map((name) => ({ name, id: null }));
    return result;
  }
  for (const name of divisionNames.filter((n) => !haveDivisions.has(n))) {
    const [d] = await db.insert(divisions).values({ unitId: unit.id, name }).returning();
    haveDivisions.set(name, d!.id);
    result.divisions.created.push({ name, id: d!.id });
  }
  for (const name of leaderNames.filter((n) => !haveLeaders.has(n))) {
    const [l] = await db.insert(leaders).values({ organisationId, name }).returning();
    haveLeaders.set(name, l!.id);
    result.leaders.created.push({ name, id: l!.id });
  }
  for (const name of leaderNames) await db.insert(leaderUnits).values({ leaderId: haveLeaders.get(name)!, unitId: unit.id }).onConflictDoNothing();
  for (const r of rows.filter((x) => x.divisions.length > 0)) {
    const divisionId = haveDivisions.get(r.divisions[0]!)!;
    await db
      .insert(clauseAssignments)
      .values({ assessmentId: scheme.assessmentId, unitId: unit.id, clauseKey: r.clauseCode, divisionId })
      .onConflictDoUpdate({ target: [clauseAssignments.assessmentId, clauseAssignments.unitId, clauseAssignments.clauseKey], set: { divisionId } });
  }
  return result;
}

type State = keyof typeof progressStateNames;
const stateOf = (reportState: string | undefined): State =>
  reportState === 'submitted' ? 'submitted' : reportState === 'verified' || reportState === 'locked' ? 'verified' : reportState === 'returned' ? 'returned' : 'due';
const zero = () => ({ due: 0, submitted: 0, verified: 0, returned: 0 });

export async function decompositionProgress(db: Db, actor: Actor, assessment: { id: string; organisationId: string }, unitId: string): Promise<DecompositionProgress> {
  const unit = await assertUnitInOrganisation(db, assessment.organisationId, unitId);
  await assertInScope(db, actor, { assessmentId: assessment.id, unitId: unit.id, clauseKey: null }, 'read');
  const row = await latestScheme(db, assessment.id, 'published');
  if (!row) throw new AppError('bad-request', '该考核尚无已发布的考核方案');
  const rows = responsibilityRows(parseSchemeCached(row.sha256, row.document as never));
  // a leader sees the clauses they lead; the 考评办 and the unit see every leader's
  let only: Set<string> | null = null;
  if (actor.kind === 'user' && actor.grants.length > 0 && actor.grants.every((g) => g.role === 'leader')) {
    const ids = actor.grants.map((g) => g.leaderId).filter((x): x is string => x !== null);
    only = new Set((ids.length ? await db.select({ name: leaders.name }).from(leaders).where(inArray(leaders.id, ids)) : []).map((l) => l.name));
  }
  const assigned = await db
    .select({ clauseKey: clauseAssignments.clauseKey, division: divisions.name })
    .from(clauseAssignments)
    .innerJoin(divisions, eq(divisions.id, clauseAssignments.divisionId))
    .where(and(eq(clauseAssignments.assessmentId, assessment.id), eq(clauseAssignments.unitId, unit.id)));
  const divisionOf = new Map(assigned.map((a) => [a.clauseKey, a.division]));
  const reportRows = await db
    .select({ id: reports.id, clauseKey: reports.clauseKey, state: reports.state, stateReason: reports.stateReason })
    .from(reports)
    .where(and(eq(reports.assessmentId, assessment.id), eq(reports.unitId, unit.id)))
    .orderBy(desc(reports.submittedAt), desc(reports.id));
  const latest = new Map<string, (typeof reportRows)[number]>();
  for (const r of reportRows) if (!latest.has(r.clauseKey)) latest.set(r.clauseKey, r);
  const byLeader = new Map<string, Map<string | null, DecompositionProgress['leaders'][number]['divisions'][number]>>();
  for (const r of rows) {
    for (const leader of r.leaders.length ? r.leaders : ['（方案未写牵头领导）']) {
      if (only && !only.has(leader)) continue;
      const divisionsOfLeader = byLeader.get(leader) ?? new Map();
      byLeader.set(leader, divisionsOfLeader);
      const division = divisionOf.get(r.clauseCode) ?? null;
      const entry = divisionsOfLeader.get(division) ?? { division, counts: zero(), clauses: [] };
      divisionsOfLeader.set(division, entry);
      const report = latest.get(r.clauseCode);
      const state = stateOf(report?.state);
      entry.counts[state]++;
      entry.clauses.push({ clauseKey: r.clauseCode, text: r.text, indicatorPath: r.indicatorPath, state, stateName: progressStateNames[state], reportId: report?.id ?? null, stateReason: state === 'returned' ? (report?.stateReason ?? null) : null });
    }
  }
  return {
    unitId: unit.id,
    unitName: unit.name,
    schemeVersion: row.version,
    leaders: [...byLeader].map(([leader, ds]) => {
      const list = [...ds.values()];
      const counts = zero();
      for (const d of list) for (const k of Object.keys(counts) as State[]) counts[k] += d.counts[k];
      return { leader, counts, divisions: list };
    }),
  };
}
