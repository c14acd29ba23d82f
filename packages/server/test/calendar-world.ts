import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemes } from '../src/db/schema';
import { indexSchemeClauses } from '../src/services/assessment.service';
import type { SchemeDocument } from '../src/services/scheme-document';
import type { Harness, Session } from './harness';

/**
 * The harness world with a second, published scheme version: the test scheme plus an indicator
 * 信息报送 (5 points) whose two clauses penalise late and missing reports (text written for these
 * tests): C3 monthly (迟报 0.2 / 漏报 0.5 per time, at most 3; lead LA1) and C4 quarterly
 * (0.1 per business day late, at most 1; lead LA2).
 */
export const calendarScheme = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'calendar-scheme.json'), 'utf8')) as SchemeDocument;

export async function installCalendarScheme(h: Harness): Promise<void> {
  const now = h.ctx.clock.now();
  const [row] = await h.ctx.db
    .insert(schemes)
    .values({ assessmentId: h.ids.assessmentId, version: 2, status: 'published', document: calendarScheme, sha256: h.ctx.crypto.digest(JSON.stringify(calendarScheme)), createdAt: now, publishedAt: now })
    .returning();
  await indexSchemeClauses(h.ctx.db, h.ids.organisationId, row!.id, calendarScheme);
}

export async function ok<T = unknown>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const res = await p;
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 800)}`);
  return res.json() as T;
}

let n = 0;
/** A unit's report of one period: a 报送条目数 value fact carrying the period (how a report answers a due item). */
export function periodReport(s: Session, assessmentId: string, unitId: string, ref: string, period: string, submit = true) {
  return s.request('POST', `/api/assessments/${assessmentId}/reports`, {
    clientKey: `cal-report-${process.pid}-${++n}`,
    unitId,
    clauseKey: ref,
    narrative: `${period} 报送`,
    facts: [{ id: `items-${unitId.slice(0, 8)}-${ref}-${period}`, type: 'value', value: '3', period }],
    submit,
  });
}
