import { refUnits as coreRefUnits, type Scheme, type Unit } from '@kaohe/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { units } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { latestScheme } from '../assessment.service';
import { parseSchemeCached } from '../evaluator';
import { schemeIndexOf } from '../scheme-refs';

/** The assessment's published scheme (the latest draft before the first publication). */
export async function calendarScheme(db: Db, assessmentId: string): Promise<Scheme> {
  const row = (await latestScheme(db, assessmentId, 'published')) ?? (await latestScheme(db, assessmentId));
  if (!row) throw new AppError('conflict', '该考核尚无方案，不能设定报送周期');
  return parseSchemeCached(row.sha256, row.document);
}

/** A ref's title and the scheme units it applies to (core planCalendar's reading, on the cached index). */
export function refUnits(scheme: Scheme, ref: string): { title: string; units: Unit[] } | null {
  return coreRefUnits(scheme, ref, schemeIndexOf(scheme));
}

/** System unit ids of scheme unit codes (units from the scheme share their codes). */
export async function unitIdsByCode(db: Db, organisationId: string, codes: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(and(eq(units.organisationId, organisationId), inArray(units.code, [...codes])));
  return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name }]));
}
