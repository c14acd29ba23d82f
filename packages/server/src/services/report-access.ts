import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Db } from '../db/database';
import { schemeClauseLeads, schemes, units } from '../db/schema';
import { AppError } from '../lib/app-error';

/**
 * The 403 for a report outside the actor's scope, in Chinese, naming the report's clause and unit
 * and — for a lead assessor — the unit(s) that do lead the clause and the actor's own. The HTTP
 * layer audits every 403 (`access.denied`) with these details.
 */
export async function reportRefusal(db: Db, actor: Actor, report: { id: string; assessmentId: string; unitId: string; clauseKey: string }, doing: string): Promise<AppError> {
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, report.unitId));
  const where = `条款“${report.clauseKey}”（${unit?.name ?? '未知单位'}）`;
  const leadRows = await db
    .selectDistinct({ name: units.name })
    .from(schemeClauseLeads)
    .innerJoin(schemes, eq(schemes.id, schemeClauseLeads.schemeId))
    .innerJoin(units, eq(units.id, schemeClauseLeads.leadUnitId))
    .where(and(eq(schemes.assessmentId, report.assessmentId), eq(schemeClauseLeads.clauseKey, report.clauseKey)));
  const leads = leadRows.map((r) => r.name).sort();
  const ownLeadIds = actor.kind === 'user' ? actor.grants.filter((g) => g.role === 'lead-assessor' && (g.assessmentId === null || g.assessmentId === report.assessmentId) && g.unitId).map((g) => g.unitId!) : [];
  const details = { reportId: report.id, clauseKey: report.clauseKey, unitId: report.unitId, leads };
  if (ownLeadIds.length === 0) return new AppError('forbidden', `无权${doing}该报送：${where}不在你的职责范围内`, details);
  const own = (await db.select({ name: units.name }).from(units).where(inArray(units.id, ownLeadIds))).map((u) => u.name).sort();
  const ledBy = leads.length > 0 ? `由${leads.map((n) => `“${n}”`).join('、')}牵头核定` : '未指定牵头单位';
  return new AppError('forbidden', `无权${doing}该报送：${where}${ledBy}，${own.map((n) => `“${n}”`).join('、')}不是其牵头单位`, details);
}
