import { add, dec, type Dec, sub, toStr, ZERO } from '@kaohe/core';
import { and, asc, eq } from 'drizzle-orm';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { assessments, indicatorMappings, results, units } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { pgErrorOf } from '../../db/pg-error';
import { audited } from '../audited';
import { latestScheme } from '../assessment.service';
import { createSchemeVersion, parseSchemeDocument } from '../scheme-version.service';
import { applyYearMapping, type MappingKind, type MappingRow } from './year-mapping';

type Assessment = typeof assessments.$inferSelect;

/**
 * Copies this year's latest published scheme into a new assessment for the next year as a draft,
 * applying the indicator mapping (changed, split, merged, removed) and storing the mapping, so the
 * years can be compared on mapped indicators. One transaction: the new assessment, its draft and
 * the mapping are written together or not at all.
 */
export async function copyToNextYear(ctx: ServerContext, actor: AuditActor, userId: string, from: Assessment, body: { name: string; year?: number | undefined; mapping: MappingRow[] }) {
  const source = await latestScheme(ctx.db, from.id, 'published');
  if (!source) throw new AppError('bad-request', '该考核尚无已发布的考核方案，无法复制到下一年度');
  const year = body.year ?? from.year + 1;
  if (year <= from.year) throw new AppError('bad-request', `新年度 ${year} 应晚于 ${from.year}`);
  const { document, todo } = applyYearMapping(source.document, body.mapping, year);
  const parsed = parseSchemeDocument(document);
  try {
    return await audited(ctx, actor, { action: 'scheme.copy-year', objectType: 'assessment', objectIdOf: (r) => r.assessment.id, after: (r) => ({ from: from.id, year, mapping: body.mapping.length, todo: r.todo.length }) }, async (tx: Db) => {
      const [created] = await tx.insert(assessments).values({ organisationId: from.organisationId, year, name: body.name, createdAt: ctx.clock.now() }).returning();
      const scheme = await createSchemeVersion(ctx, tx, created!, parsed, userId);
      const rows = mappingRows(source.document, body.mapping);
      for (let i = 0; i < rows.length; i += 500) await tx.insert(indicatorMappings).values(rows.slice(i, i + 500).map((r) => ({ fromAssessmentId: from.id, toAssessmentId: created!.id, ...r })));
      return { assessment: { id: created!.id, year, name: created!.name }, scheme: { id: scheme.id, version: scheme.version, status: scheme.status }, mapped: rows.length, todo };
    });
  } catch (error) {
    if (pgErrorOf(error)?.code === '23505') throw new AppError('conflict', `${year} 年度已有名为“${body.name}”的考核`);
    throw error;
  }
}

/** The stored mapping: the rows given, plus a 'kept' row for every other indicator of this year's scheme. */
function mappingRows(source: unknown, mapping: readonly MappingRow[]): { fromCode: string; toCode: string | null; kind: string; note: string | null }[] {
  const named = new Set(mapping.map((m) => m.from));
  const removed = new Set(mapping.filter((m) => m.kind === 'removed').map((m) => m.from));
  const out = mapping.map((m) => ({ fromCode: m.from, toCode: m.to ?? null, kind: m.kind as string, note: m.note ?? null }));
  const walk = (list: { code: string; children?: unknown[] }[]): void => {
    for (const n of list) {
      if (!named.has(n.code)) out.push({ fromCode: n.code, toCode: n.code, kind: 'kept', note: null });
      // children of a removed indicator leave with it; those of a renamed, split or merged one stay
      if (!removed.has(n.code)) walk((n.children ?? []) as { code: string; children?: unknown[] }[]);
    }
  };
  walk((source as { indicators: { code: string; children?: unknown[] }[] }).indicators);
  return out;
}

type NodeScore = { code: string; title: string; score: string; children?: NodeScore[] };

function nodeScores(ledger: unknown): Map<string, NodeScore> {
  const out = new Map<string, NodeScore>();
  const walk = (list: NodeScore[] | undefined): void => {
    for (const n of list ?? []) {
      out.set(n.code, n);
      walk(n.children);
    }
  };
  walk((ledger as { nodes?: NodeScore[] }).nodes);
  return out;
}

const sumText = (values: readonly string[]): string => toStr(values.reduce<Dec>((acc, v) => add(acc, dec(v)), ZERO));

/**
 * A unit's results in two years side by side on the mapped indicators (current computed results of
 * each assessment): kept and changed items one to one, a split item against the sum of its parts,
 * merged items' sum against the merged one, a removed item alone.
 */
export async function compareYears(db: Db, a: Assessment, b: Assessment, unitId: string) {
  const [earlier, later] = a.year <= b.year ? [a, b] : [b, a];
  const rows = await db.select().from(indicatorMappings).where(and(eq(indicatorMappings.fromAssessmentId, earlier.id), eq(indicatorMappings.toAssessmentId, later.id))).orderBy(asc(indicatorMappings.fromCode));
  if (rows.length === 0) throw new AppError('not-found', `两个考核之间没有指标对应关系（${later.year} 年度的方案须由 ${earlier.year} 年度复制而来）`);
  const [unit] = await db.select({ code: units.code, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!unit) throw new AppError('not-found', '单位不存在');
  const resultOf = async (x: Assessment) => (await db.select().from(results).where(and(eq(results.assessmentId, x.id), eq(results.unitId, unitId))))[0];
  const [r1, r2] = [await resultOf(earlier), await resultOf(later)];
  const s1 = r1 ? nodeScores(r1.ledger) : new Map<string, NodeScore>();
  const s2 = r2 ? nodeScores(r2.ledger) : new Map<string, NodeScore>();
  const groups = new Map<string, { kind: MappingKind | 'kept'; from: Set<string>; to: Set<string> }>();
  for (const r of rows) {
    // one comparison row per split source and per merge target
    const key = r.kind === 'merged' ? `to:${r.toCode}` : `from:${r.fromCode}`;
    const g = groups.get(key) ?? { kind: r.kind as MappingKind | 'kept', from: new Set<string>(), to: new Set<string>() };
    g.from.add(r.fromCode);
    if (r.toCode) g.to.add(r.toCode);
    groups.set(key, g);
  }
  const score = (m: Map<string, NodeScore>, codes: Set<string>): string | null => {
    const found = [...codes].map((c) => m.get(c)).filter((n): n is NodeScore => n !== undefined);
    return found.length === 0 ? null : sumText(found.map((n) => n.score));
  };
  const indicators = [...groups.values()].map((g) => {
    const before = score(s1, g.from);
    const after = score(s2, g.to);
    return { kind: g.kind, from: [...g.from].sort(), to: [...g.to].sort(), titleBefore: [...g.from].map((c) => s1.get(c)?.title).filter(Boolean).join('、') || null, titleAfter: [...g.to].map((c) => s2.get(c)?.title).filter(Boolean).join('、') || null, before, after, delta: before !== null && after !== null ? toStr(sub(dec(after), dec(before))) : null };
  });
  return {
    unitCode: unit.code,
    unitName: unit.name,
    years: [earlier.year, later.year],
    totals: [r1 ? { total: r1.total, grade: r1.grade, rank: r1.rank } : null, r2 ? { total: r2.total, grade: r2.grade, rank: r2.rank } : null],
    indicators,
  };
}
