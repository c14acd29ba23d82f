import { calendarFactIdPrefix, latenessOf } from '@kaohe/core';
import { dueStateNames, type DueItemView } from '@kaohe/contract/api';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { dueItems, units } from '../../db/schema';
import { calendarOf, getCalendarSettings, localDateOf } from './settings';

/** Facts Kaohe writes itself (confirmed late deductions) carry this key prefix and never count as a report. */
export const calendarFactPrefix = calendarFactIdPrefix; // one constant: what-if's waive-late knows these facts too

export type DueItemFilter = { on?: string | undefined; from?: string | undefined; to?: string | undefined; unitId?: string | undefined; state?: DueItemView['state'] | undefined; scope?: SQL | undefined };

/**
 * Every due item of an assessment with what happened to it, as of `now`:
 * - submittedAt: the first time a unit's report put a fact of that ref and period in `submitted`
 *   (from fact_versions, so a report returned and sent again keeps its first submission time);
 * - verifiedAt: the first time one was verified;
 * - state: returned (a current fact is returned or back in draft) › submitted / late (submitted
 *   and not yet verified, late when the first submission's local date is after the due date) ›
 *   verified › missing (nothing submitted and the due date passed) › due.
 * Lateness is against the unit’s own due date (the cascaded one). daysLate / businessDaysLate count from it to the first submission, or to today while
 * nothing is submitted; the office's holiday list decides business days.
 */
export async function listDueItems(db: Db, assessmentId: string, now: Date, filter: DueItemFilter = {}): Promise<DueItemView[]> {
  const settings = await getCalendarSettings(db, assessmentId);
  const cal = calendarOf(settings);
  const today = localDateOf(now, settings.utcOffsetMinutes);
  const conditions = [eq(dueItems.assessmentId, assessmentId)];
  if (filter.on) conditions.push(eq(dueItems.dueDate, filter.on));
  if (filter.from) conditions.push(sql`${dueItems.dueDate} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${dueItems.dueDate} <= ${filter.to}`);
  if (filter.unitId) conditions.push(eq(dueItems.unitId, filter.unitId));
  if (filter.scope) conditions.push(filter.scope);
  const rows = await db
    .select({ item: dueItems, unitName: units.name })
    .from(dueItems)
    .innerJoin(units, eq(units.id, dueItems.unitId))
    .where(and(...conditions))
    .orderBy(asc(dueItems.dueDate), asc(units.code), asc(dueItems.ref), asc(dueItems.period));
  if (rows.length === 0) return [];
  const history = await queryRows<{ unit_id: string; clause_key: string; period: string; submitted_at: Date | string | null; verified_at: Date | string | null }>(
    db,
    sql`SELECT unit_id, clause_key, period,
          MIN(CASE WHEN state = 'submitted' AND source = 'report' THEN changed_at END) AS submitted_at,
          MIN(CASE WHEN state = 'verified' THEN changed_at END) AS verified_at
        FROM fact_versions
        WHERE assessment_id = ${assessmentId} AND fact_key NOT LIKE ${calendarFactPrefix + '%'}
        GROUP BY unit_id, clause_key, period`,
  );
  const current = await queryRows<{ unit_id: string; clause_key: string; period: string; state: string }>(
    db,
    sql`SELECT DISTINCT unit_id, clause_key, period, state FROM facts
        WHERE assessment_id = ${assessmentId} AND source <> 'import' AND fact_key NOT LIKE ${calendarFactPrefix + '%'}`,
  );
  const key = (u: string, r: string, p: string) => `${u}\u0000${r}\u0000${p}`;
  const hist = new Map(history.map((h) => [key(h.unit_id, h.clause_key, h.period), h]));
  const states = new Map<string, Set<string>>();
  for (const c of current) {
    const k = key(c.unit_id, c.clause_key, c.period);
    const set = states.get(k) ?? new Set<string>();
    set.add(c.state);
    states.set(k, set);
  }
  const asDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  const out: DueItemView[] = [];
  for (const { item, unitName } of rows) {
    const k = key(item.unitId, item.ref, item.factPeriod);
    const h = hist.get(k);
    const submittedAt = asDate(h?.submitted_at ?? null);
    const verifiedAt = asDate(h?.verified_at ?? null);
    const now_ = states.get(k) ?? new Set<string>();
    const lat = latenessOf(cal, item.unitDue, submittedAt ? localDateOf(submittedAt, settings.utcOffsetMinutes) : null, today);
    let state: DueItemView['state'];
    if (submittedAt && (now_.has('returned') || now_.has('draft'))) state = 'returned';
    else if (now_.has('submitted')) state = lat.state === 'late' ? 'late' : 'submitted';
    else if (now_.has('verified')) state = 'verified';
    else if (submittedAt) state = lat.state === 'late' ? 'late' : 'submitted'; // submitted once, since withdrawn
    else state = lat.state === 'missing' ? 'missing' : 'due';
    if (filter.state && filter.state !== state) continue;
    out.push({
      id: item.id,
      unitId: item.unitId,
      unitName,
      ref: item.ref,
      period: item.period,
      label: item.label,
      dueDate: item.dueDate,
      unitDue: item.unitDue,
      divisionDue: item.divisionDue,
      submittedAt: submittedAt?.toISOString() ?? null,
      verifiedAt: verifiedAt?.toISOString() ?? null,
      state,
      stateName: dueStateNames[state],
      daysLate: lat.daysLate,
      businessDaysLate: lat.businessDaysLate,
    });
  }
  return out;
}
