import type { CompletionView, DueItemView } from '@kaohe/contract/api';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { schemeClauseLeads, units } from '../../db/schema';
import { latestScheme } from '../assessment.service';
import { listDueItems } from './due-items';
import { getCalendarSettings, localDateOf } from './settings';

type Counts = CompletionView['total'];
const zero = (): Counts => ({ due: 0, dueByNow: 0, submitted: 0, verified: 0, returned: 0, late: 0, missing: 0 });

function add(c: Counts, item: DueItemView, today: string): void {
  c.due++;
  if (item.unitDue <= today) c.dueByNow++;
  if (item.submittedAt) c.submitted++;
  if (item.state === 'verified') c.verified++;
  if (item.state === 'returned') c.returned++;
  if (item.submittedAt && item.daysLate > 0) c.late++;
  if (item.state === 'missing') c.missing++;
}

/**
 * The completion dashboard: per unit and per lead department (each item counts for every lead
 * department of its ref), how many items are due over the year, due by now, submitted (at least
 * once), verified, returned, submitted late, and past due with nothing submitted.
 */
export async function completion(db: Db, assessmentId: string, now: Date, scope?: SQL): Promise<CompletionView> {
  const items = await listDueItems(db, assessmentId, now, { scope });
  const settings = await getCalendarSettings(db, assessmentId);
  const today = localDateOf(now, settings.utcOffsetMinutes);
  const total = zero();
  const byUnit = new Map<string, { unitName: string; c: Counts }>();
  for (const it of items) {
    add(total, it, today);
    const u = byUnit.get(it.unitId) ?? { unitName: it.unitName, c: zero() };
    add(u.c, it, today);
    byUnit.set(it.unitId, u);
  }
  const scheme = await latestScheme(db, assessmentId, 'published');
  const leads = scheme ? await db.select({ ref: schemeClauseLeads.clauseKey, unitId: schemeClauseLeads.leadUnitId }).from(schemeClauseLeads).where(eq(schemeClauseLeads.schemeId, scheme.id)) : [];
  const leadsOf = new Map<string, string[]>();
  for (const l of leads) leadsOf.set(l.ref, [...(leadsOf.get(l.ref) ?? []), l.unitId]);
  const byLead = new Map<string, Counts>();
  for (const it of items) {
    for (const lead of leadsOf.get(it.ref) ?? []) {
      const c = byLead.get(lead) ?? zero();
      add(c, it, today);
      byLead.set(lead, c);
    }
  }
  const leadIds = [...byLead.keys()];
  const leadNames = leadIds.length > 0 ? new Map((await db.select({ id: units.id, name: units.name }).from(units).where(and(inArray(units.id, leadIds)))).map((u) => [u.id, u.name])) : new Map<string, string>();
  return {
    asOf: today,
    units: [...byUnit].map(([unitId, u]) => ({ unitId, unitName: u.unitName, ...u.c })).sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN')),
    leadDepartments: [...byLead].map(([unitId, c]) => ({ unitId, unitName: leadNames.get(unitId) ?? unitId, ...c })).sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN')),
    total,
  };
}
