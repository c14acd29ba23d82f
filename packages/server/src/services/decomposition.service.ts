import { progressStateNames, type DecompositionProgress, type DecompositionResult } from '@kaohe/contract/api/decomposition';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { assertInScope } from '../access/scope';
import type { Db } from '../db/database';
import { canonicalJson } from '../lib/canonical-json';
import { clauseAssignments, clauseParticipants, divisions, leaders, leaderUnits, reports } from '../db/schema';
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
 *   listed division, its 责任处室 (`clause_assignments`, one answering division per clause); the
 *   others listed are its 参与处室 (`clause_participants`), reported in `shared`.
 * - the bureau's fact for a clause is its 责任处室's report once verified: the division reports for
 *   the bureau (its unit), the lead assessor verifies, and only verified values count
 *   (report.service). A 参与处室 reports its own part as a contribution (services/participants.ts):
 *   shown beside the 责任处室's report, flagged when a value disagrees, never summed or dropped.
 *   Two of the clause's own reports that give the same fact different values are not picked
 *   between: the engine shows the conflict as a warning in the bureau's result.
 * - `decompositionProgress` shows, per 牵头领导, the clauses they lead per 责任处室 and state, each
 *   with its 参与处室 and their contributions.
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
    // the scheme's participants of the clause, exactly: a division no longer listed stops taking part
    await db.delete(clauseParticipants).where(and(eq(clauseParticipants.assessmentId, scheme.assessmentId), eq(clauseParticipants.unitId, unit.id), eq(clauseParticipants.clauseKey, r.clauseCode)));
    const others = [...new Set(r.divisions.slice(1))].filter((n) => n !== r.divisions[0]);
    if (others.length > 0) await db.insert(clauseParticipants).values(others.map((n) => ({ assessmentId: scheme.assessmentId, unitId: unit.id, clauseKey: r.clauseCode, divisionId: haveDivisions.get(n)! })));
  }
  return result;
}

type State = keyof typeof progressStateNames;
type ReportedFact = { id: string } & Record<string, unknown>;
const factsOf = (r: { facts: unknown } | undefined): ReportedFact[] => (Array.isArray(r?.facts) ? (r.facts as ReportedFact[]) : []);
const valueOf = ({ unit: _u, ref: _r, ...rest }: ReportedFact) => canonicalJson(rest);
/** The facts a 参与处室 reported with a value other than the clause's own report gives the same fact. */
function disagreements(own: ReportedFact[], part: ReportedFact[]): { fact: string; reported: Record<string, unknown>; clauseValue: Record<string, unknown> }[] {
  const byId = new Map(own.map((f) => [f.id, f]));
  return part.flatMap((f) => {
    const mine = byId.get(f.id);
    if (!mine || valueOf(mine) === valueOf(f)) return [];
    const strip = ({ unit: _u, ref: _r, ...rest }: ReportedFact) => rest;
    return [{ fact: f.id, reported: strip(f), clauseValue: strip(mine) }];
  });
}
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
  const participantRows = await db
    .select({ clauseKey: clauseParticipants.clauseKey, divisionId: clauseParticipants.divisionId, division: divisions.name })
    .from(clauseParticipants)
    .innerJoin(divisions, eq(divisions.id, clauseParticipants.divisionId))
    .where(and(eq(clauseParticipants.assessmentId, assessment.id), eq(clauseParticipants.unitId, unit.id)));
  const reportRows = await db
    .select({ id: reports.id, clauseKey: reports.clauseKey, state: reports.state, stateReason: reports.stateReason, facts: reports.facts, participantDivisionId: reports.participantDivisionId })
    .from(reports)
    .where(and(eq(reports.assessmentId, assessment.id), eq(reports.unitId, unit.id)))
    .orderBy(desc(reports.submittedAt), desc(reports.id));
  // the clause's own latest report (责任处室 or unit), and each 参与处室's latest contribution
  const latest = new Map<string, (typeof reportRows)[number]>();
  const contribution = new Map<string, (typeof reportRows)[number]>();
  for (const r of reportRows) {
    if (r.participantDivisionId) {
      const key = `${r.clauseKey}\u0000${r.participantDivisionId}`;
      if (!contribution.has(key)) contribution.set(key, r);
    } else if (!latest.has(r.clauseKey)) latest.set(r.clauseKey, r);
  }
  const participantsOf = (clauseKey: string, own: (typeof reportRows)[number] | undefined) =>
    participantRows
      .filter((p) => p.clauseKey === clauseKey)
      .map((p) => {
        const r = contribution.get(`${clauseKey}\u0000${p.divisionId}`);
        const state = stateOf(r?.state);
        return { division: p.division, state, stateName: progressStateNames[state], reportId: r?.id ?? null, facts: factsOf(r), disagreements: r && own ? disagreements(factsOf(own), factsOf(r)) : [] };
      });
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
      entry.clauses.push({ clauseKey: r.clauseCode, text: r.text, indicatorPath: r.indicatorPath, state, stateName: progressStateNames[state], reportId: report?.id ?? null, stateReason: state === 'returned' ? (report?.stateReason ?? null) : null, participants: participantsOf(r.clauseCode, report) });
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
