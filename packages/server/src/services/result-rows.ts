import type { ResultRow } from '@kaohe/contract/api/publication';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { results, schemes, units } from '../db/schema';

type Json = Record<string, unknown>;

/** Names a person reads: grades and ranking groups by their Chinese names from the scheme itself. */
export type Naming = { gradeName: (code: string | null) => string | null; groupOf: (ledger: unknown) => string | null; gradeOrder: { code: string; name: string }[]; groupOrder: { code: string; name: string }[] };

export function namingOf(document: unknown): Naming {
  const doc = document as Json;
  const grades = (((doc.grading as Json | undefined)?.grades as { code: string; name: string }[] | undefined) ?? []).map((g) => ({ code: g.code, name: g.name }));
  const gradeNames = new Map(grades.map((g) => [g.code, g.name]));
  const groupOrder = ((doc.rankingGroups as { code: string; name: string }[] | undefined) ?? []).map((g) => ({ code: g.code, name: g.name }));
  const groupNames = new Map(groupOrder.map((g) => [g.code, g.name]));
  return {
    gradeName: (code) => (code === null ? null : (gradeNames.get(code) ?? code)),
    groupOf: (ledger) => {
      const first = ((ledger as Json | null)?.ranks as { group: string }[] | undefined)?.[0];
      return first ? (groupNames.get(first.group) ?? first.group) : null;
    },
    gradeOrder: grades,
    groupOrder,
  };
}

export type FullRow = ResultRow & { ledger: unknown; groupCode: string | null };

/** The current results of an assessment with names, ordered by group, rank and unit code. */
export async function currentResultRows(db: Db, assessmentId: string): Promise<{ rows: FullRow[]; schemeId: string | null; inputSha256: string | null }> {
  const rows = await db
    .select({ unitId: results.unitId, unitCode: units.code, unitName: units.name, total: results.total, grade: results.grade, rank: results.rank, ledger: results.ledger, schemeId: results.schemeId, inputSha256: results.inputSha256 })
    .from(results)
    .innerJoin(units, eq(units.id, results.unitId))
    .where(eq(results.assessmentId, assessmentId))
    .orderBy(asc(results.rank), asc(units.code));
  if (rows.length === 0) return { rows: [], schemeId: null, inputSha256: null };
  const [scheme] = await db.select({ document: schemes.document }).from(schemes).where(eq(schemes.id, rows[0]!.schemeId));
  const naming = namingOf(scheme?.document);
  return { rows: sortRows(rows.map((r) => named(r, naming)), naming), schemeId: rows[0]!.schemeId, inputSha256: rows[0]!.inputSha256 };
}

export function named(r: { unitId: string; unitCode: string; unitName: string; total: string; grade: string | null; rank: number | null; ledger: unknown }, naming: Naming): FullRow {
  const first = ((r.ledger as Json | null)?.ranks as { group: string }[] | undefined)?.[0];
  return { unitId: r.unitId, unitCode: r.unitCode, unitName: r.unitName, group: naming.groupOf(r.ledger), groupCode: first?.group ?? null, total: r.total, rank: r.rank, grade: r.grade, gradeName: naming.gradeName(r.grade), ledger: r.ledger };
}

/** In the scheme's group order, then by rank, then by unit code. */
export function sortRows<T extends { groupCode: string | null; rank: number | null; unitCode: string }>(rows: T[], naming: Naming): T[] {
  const order = new Map(naming.groupOrder.map((g, i) => [g.code, i]));
  const at = (code: string | null) => (code === null ? 1e9 : (order.get(code) ?? 1e8));
  return [...rows].sort((a, b) => at(a.groupCode) - at(b.groupCode) || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unitCode.localeCompare(b.unitCode));
}

export function publicRow(r: FullRow): ResultRow {
  const { ledger: _l, groupCode: _g, ...rest } = r;
  return rest;
}

/** The ledger lines of a unit result as stored (Chinese text and amount). */
export function ledgerLines(ledger: unknown): { ref: string; text: string; amount: string }[] {
  const l = ledger as { ledger?: { ref: string; amount: string }[]; lines?: string[] } | null;
  return (l?.ledger ?? []).map((line, i) => ({ ref: line.ref, text: l?.lines?.[i] ?? '', amount: String(line.amount) }));
}
