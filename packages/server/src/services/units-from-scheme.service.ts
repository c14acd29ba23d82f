import type { UnitsFromSchemeResult } from '@kaohe/contract/api/units-from-scheme';
import { and, eq } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { schemes, unitAliases, unitCategories, unitGroups, units } from '../db/schema';
import { AppError } from '../lib/app-error';
import { replaceDraftDocument } from './scheme-version.service';
import type { SchemeDocument } from './scheme-document';

type Json = Record<string, unknown>;
type SchemeUnit = { code: string; name: string; category: string; aliases?: string[] };
type DbUnit = typeof units.$inferSelect;
type By = 'code' | 'name' | 'alias' | 'resolution';
type Candidate = { unit: DbUnit; by: By };

/** Names a unit is known by, normalised the way a clerk would compare them (spaces and full-width brackets ignored). */
function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').trim();
}

/**
 * Matches the scheme's units against the organisation's: a unit matches by code, by name or by
 * an alias (either side's), never by a guess. One candidate = matched; none = created; several, or
 * one whose code is the same but whose name differs, = ambiguous and left for a person (nothing
 * is written while any is unresolved). Matched units whose code differs from the scheme's are
 * recoded in the draft (the scheme's code and name stay as aliases of the system unit).
 */
export function matchUnits(schemeUnits: SchemeUnit[], existing: DbUnit[], aliases: { alias: string; unitId: string }[], resolutions: Record<string, string>) {
  const byKey = new Map<string, Candidate[]>();
  const add = (key: string, unit: DbUnit, by: By) => {
    const k = norm(key);
    const list = byKey.get(k) ?? [];
    if (!list.some((c) => c.unit.id === unit.id)) list.push({ unit, by });
    byKey.set(k, list);
  };
  const unitById = new Map(existing.map((u) => [u.id, u]));
  for (const u of existing) {
    add(u.code, u, 'code');
    add(u.name, u, 'name');
  }
  for (const a of aliases) {
    const u = unitById.get(a.unitId);
    if (u) add(a.alias, u, 'alias');
  }
  const matched: { scheme: SchemeUnit; unit: DbUnit; by: By }[] = [];
  const created: SchemeUnit[] = [];
  const ambiguous: { scheme: SchemeUnit; reason: string; candidates: Candidate[] }[] = [];
  const taken = new Map<string, string>();
  for (const su of schemeUnits) {
    const resolution = resolutions[su.code];
    if (resolution === 'create') {
      created.push(su);
      continue;
    }
    if (resolution) {
      const unit = unitById.get(resolution);
      if (!unit) throw new AppError('not-found', `resolutions.${su.code}: 单位编号 ${resolution} 不存在`);
      matched.push({ scheme: su, unit, by: 'resolution' });
      continue;
    }
    const candidates = new Map<string, Candidate>();
    for (const key of [su.code, su.name, ...(su.aliases ?? [])]) {
      for (const c of byKey.get(norm(key)) ?? []) if (!candidates.has(c.unit.id)) candidates.set(c.unit.id, c);
    }
    const list = [...candidates.values()];
    if (list.length === 0) created.push(su);
    else if (list.length > 1) ambiguous.push({ scheme: su, reason: `“${su.name}”与 ${list.length} 个已有单位相符`, candidates: list });
    else {
      const only = list[0]!;
      if (norm(only.unit.code) === norm(su.code) && norm(only.unit.name) !== norm(su.name) && !(su.aliases ?? []).some((a) => norm(a) === norm(only.unit.name))) {
        ambiguous.push({ scheme: su, reason: `编码“${su.code}”相同但名称不同（系统中为“${only.unit.name}”）`, candidates: list });
      } else matched.push({ scheme: su, unit: only.unit, by: only.by });
    }
  }
  // two scheme units on one system unit would merge two units silently
  for (const m of matched) {
    const other = taken.get(m.unit.id);
    if (other) throw new AppError('conflict', `方案中的“${other}”和“${m.scheme.name}”都对应系统中的“${m.unit.name}”，请在 resolutions 中指定`);
    taken.set(m.unit.id, m.scheme.name);
  }
  const existingCodes = new Set(existing.map((u) => norm(u.code)));
  for (const c of created) {
    if (existingCodes.has(norm(c.code))) throw new AppError('conflict', `要新建的单位“${c.name}”的编码“${c.code}”已被系统中的其他单位使用`);
  }
  return { matched, created, ambiguous };
}

/** Replaces unit codes where the scheme format references units: lists, per-unit records, owners. */
export function recodeUnits(document: SchemeDocument, map: Map<string, string>): SchemeDocument {
  if (map.size === 0) return document;
  const to = (c: unknown) => (typeof c === 'string' ? (map.get(c) ?? c) : c);
  const walk = (value: unknown, key: string | null): unknown => {
    if (Array.isArray(value)) {
      if (key === 'units' || key === 'exceptUnits' || key === 'responsibleUnits') return value.map((v) => (typeof v === 'string' ? to(v) : walk(v, null)));
      return value.map((v) => walk(v, null));
    }
    if (value && typeof value === 'object') {
      const obj = value as Json;
      const recordOfUnits = key === 'pointsByUnit' || key === 'targets';
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [recordOfUnits ? (to(k) as string) : k, k === 'owner' ? to(v) : walk(v, recordOfUnits ? null : k)]));
    }
    return value;
  };
  const next = walk(document, null) as SchemeDocument & { units: (SchemeUnit & Json)[] };
  next.units = next.units.map((u) => {
    const code = map.get(u.code);
    if (!code) return u;
    const aliases = [...new Set([...((u.aliases as string[] | undefined) ?? []), u.code, u.name].filter((a) => a !== code))];
    return { ...u, code, aliases };
  });
  return next;
}

export async function unitsFromScheme(ctx: ServerContext, tx: Db, scheme: typeof schemes.$inferSelect, organisationId: string, input: { dryRun: boolean; resolutions: Record<string, string> }): Promise<UnitsFromSchemeResult> {
  const document = scheme.document as SchemeDocument;
  const schemeUnits = document.units as SchemeUnit[];
  const existing = await tx.select().from(units).where(eq(units.organisationId, organisationId));
  const aliasRows = await tx.select({ alias: unitAliases.alias, unitId: unitAliases.unitId }).from(unitAliases).where(eq(unitAliases.organisationId, organisationId));
  const { matched, created, ambiguous } = matchUnits(schemeUnits, existing, aliasRows, input.resolutions);
  const recode = new Map(matched.filter((m) => m.unit.code !== m.scheme.code).map((m) => [m.scheme.code, m.unit.code]));
  const apply = !input.dryRun && ambiguous.length === 0;
  if (apply && recode.size > 0 && scheme.status === 'published') throw new AppError('scheme-published', '已发布的方案不可改用系统单位编码，请在新版本中匹配单位');
  const createdIds = new Map<string, string>();
  const groupOf = new Map<string, string>();
  for (const g of ((document as { rankingGroups?: { name: string; units?: string[] }[] }).rankingGroups ?? [])) for (const u of g.units ?? []) if (!groupOf.has(u)) groupOf.set(u, g.name);
  const categoryName = new Map(((document as { unitCategories?: { code: string; name: string }[] }).unitCategories ?? []).map((c) => [c.code, c.name]));
  if (apply) {
    const now = ctx.clock.now();
    for (const c of created) {
      const categoryId = await ensureCategory(tx, organisationId, categoryName.get(c.category) ?? c.category);
      const group = groupOf.get(c.code);
      const groupId = group ? await ensureGroup(tx, categoryId, group) : null;
      const [row] = await tx.insert(units).values({ organisationId, code: c.code, name: c.name, categoryId, groupId, createdAt: now }).returning({ id: units.id });
      createdIds.set(c.code, row!.id);
      await addAliases(tx, organisationId, row!.id, [c.name, ...(c.aliases ?? [])].filter((a) => a !== c.code), now);
    }
    for (const m of matched) await addAliases(tx, organisationId, m.unit.id, [m.scheme.code, m.scheme.name, ...(m.scheme.aliases ?? [])].filter((a) => a !== m.unit.code && a !== m.unit.name), now);
    if (recode.size > 0) await replaceDraftDocument(ctx, tx, scheme, organisationId, recodeUnits(document, recode));
  }
  return {
    dryRun: input.dryRun,
    applied: apply,
    schemeId: scheme.id,
    matched: matched.map((m) => ({ schemeCode: m.scheme.code, schemeName: m.scheme.name, unitId: m.unit.id, unitCode: m.unit.code, unitName: m.unit.name, by: m.by })),
    created: created.map((c) => ({ schemeCode: c.code, schemeName: c.name, unitId: createdIds.get(c.code) ?? null, category: categoryName.get(c.category) ?? c.category, group: groupOf.get(c.code) ?? null })),
    ambiguous: ambiguous.map((a) => ({ schemeCode: a.scheme.code, schemeName: a.scheme.name, reason: a.reason, candidates: a.candidates.map((c) => ({ unitId: c.unit.id, unitCode: c.unit.code, unitName: c.unit.name, by: c.by })) })),
    recoded: apply ? recode.size : 0,
  };
}

async function addAliases(tx: Db, organisationId: string, unitId: string, names: string[], now: Date) {
  for (const alias of new Set(names.map((n) => n.trim()).filter((n) => n !== ''))) {
    const [other] = await tx.select().from(unitAliases).where(and(eq(unitAliases.organisationId, organisationId), eq(unitAliases.alias, alias)));
    if (other && other.unitId !== unitId) throw new AppError('conflict', `别名“${alias}”已属于另一个单位`);
    if (!other) await tx.insert(unitAliases).values({ organisationId, alias, unitId, createdAt: now });
  }
}

async function ensureCategory(tx: Db, organisationId: string, name: string): Promise<string> {
  const [row] = await tx.select().from(unitCategories).where(and(eq(unitCategories.organisationId, organisationId), eq(unitCategories.name, name)));
  if (row) return row.id;
  const [created] = await tx.insert(unitCategories).values({ organisationId, name }).returning();
  return created!.id;
}

async function ensureGroup(tx: Db, categoryId: string, name: string): Promise<string> {
  const [row] = await tx.select().from(unitGroups).where(and(eq(unitGroups.categoryId, categoryId), eq(unitGroups.name, name)));
  if (row) return row.id;
  const [created] = await tx.insert(unitGroups).values({ categoryId, name }).returning();
  return created!.id;
}

/** Scheme units with no system unit of the same code (what publishing a version refuses). */
export async function missingUnits(db: Db, organisationId: string, document: SchemeDocument): Promise<{ code: string; name: string }[]> {
  const codes = new Set((await db.select({ code: units.code }).from(units).where(eq(units.organisationId, organisationId))).map((u) => u.code));
  return (document.units as SchemeUnit[]).filter((u) => !codes.has(u.code)).map((u) => ({ code: u.code, name: u.name }));
}
