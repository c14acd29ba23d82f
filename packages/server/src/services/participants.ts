import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Db } from '../db/database';
import { clauseAssignments, clauseParticipants, divisions } from '../db/schema';
import { AppError } from '../lib/app-error';

/**
 * 责任处室 and 参与处室 on one clause of a unit (seed 000:10: the 责任处室 coordinates, each 参与处室
 * "主动配合责任处室"). The combining rule: the clause's value for the unit is its 责任处室's report once
 * verified (or the unit's own); a 参与处室's report is a contribution kept on the report, shown beside
 * the 责任处室's in the 牵头领导's progress and flagged when it disagrees, never written as a fact of
 * the unit, so it is neither summed with nor silently dropped for the 责任处室's value.
 */

/** The divisions of the actor's division-user grants on the unit; null when another grant reaches it too. */
function divisionsOnly(actor: Actor, unitId: string): string[] | null {
  if (actor.kind !== 'user') return null;
  const own = actor.grants.filter((g) => g.role === 'division-user' && g.unitId === unitId && g.divisionId);
  if (own.length === 0 || own.length !== actor.grants.filter((g) => g.role !== 'division-user' || g.unitId === unitId).length) return null;
  return own.map((g) => g.divisionId!);
}

async function assignedDivision(db: Db, assessmentId: string, unitId: string, clauseKey: string) {
  const [row] = await db
    .select({ id: clauseAssignments.divisionId, name: divisions.name })
    .from(clauseAssignments)
    .innerJoin(divisions, eq(divisions.id, clauseAssignments.divisionId))
    .where(and(eq(clauseAssignments.assessmentId, assessmentId), eq(clauseAssignments.unitId, unitId), eq(clauseAssignments.clauseKey, clauseKey)));
  return row ?? null;
}

/** For a new report: the 参与处室 it comes from (a contribution), or null when it is the clause's own report. */
export async function participantDivisionOf(db: Db, actor: Actor, target: { assessmentId: string; unitId: string; clauseKey: string }): Promise<string | null> {
  const mine = divisionsOnly(actor, target.unitId);
  if (!mine) return null;
  const assigned = await assignedDivision(db, target.assessmentId, target.unitId, target.clauseKey);
  if (assigned && mine.includes(assigned.id)) return null;
  const [p] = await db
    .select({ id: clauseParticipants.divisionId })
    .from(clauseParticipants)
    .where(and(eq(clauseParticipants.assessmentId, target.assessmentId), eq(clauseParticipants.unitId, target.unitId), eq(clauseParticipants.clauseKey, target.clauseKey), inArray(clauseParticipants.divisionId, mine)));
  return p?.id ?? null;
}

/** A division user changes only its own division's report: a 参与处室 its contribution, the 责任处室 the clause's report. */
export async function assertOwnDivisionReport(db: Db, actor: Actor, report: { assessmentId: string; unitId: string; clauseKey: string; participantDivisionId: string | null }, doing: string): Promise<void> {
  const mine = divisionsOnly(actor, report.unitId);
  if (!mine) return;
  if (report.participantDivisionId) {
    if (mine.includes(report.participantDivisionId)) return;
    const [d] = await db.select({ name: divisions.name }).from(divisions).where(eq(divisions.id, report.participantDivisionId));
    throw new AppError('forbidden', `无权${doing}该报送：这是参与处室“${d?.name ?? ''}”就条款“${report.clauseKey}”报送的本处室部分`);
  }
  const assigned = await assignedDivision(db, report.assessmentId, report.unitId, report.clauseKey);
  if (assigned && mine.includes(assigned.id)) return;
  throw new AppError('forbidden', `无权${doing}该报送：条款“${report.clauseKey}”由责任处室“${assigned?.name ?? '（未分配）'}”报送，参与处室只能报送本处室的部分`);
}
