import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { factVersions, facts, users } from '../db/schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { RetryableConflict } from './retry';

/**
 * The fact lifecycle. Each (unit, fact key, period) has one current value in `facts`; every
 * change is a new row of `fact_versions`. Who may supersede whom:
 *
 *   import (考评办 official data)  <  report (the unit)  <  verification (lead assessor)
 *
 * - a verification or correction supersedes any value;
 * - a unit's report never overwrites an official (imported) figure (403), nor a verified one (409);
 * - an import never overwrites what a unit reported or a lead assessor verified (409: the lead
 *   assessor corrects it);
 * - a fact belongs to its clause or indicator: a write through another ref is refused (403 for a
 *   report, whose scope is its ref; 409 otherwise), so no write is ever silently redirected;
 * - a withdrawn fact may be written again by anyone entitled to the ref.
 * Writes lock the rows they touch in one canonical order (unit, key, period), so two writers of
 * the same facts in different orders wait for each other instead of deadlocking.
 */
export type FactSource = 'import' | 'report' | 'verification';
export type FactState = 'official' | 'draft' | 'submitted' | 'returned' | 'verified' | 'withdrawn';
export type FactRow = typeof facts.$inferSelect;

export type FactWrite = {
  unitId: string;
  ref: string;
  factKey: string;
  period: string;
  value: Record<string, unknown>;
  source: FactSource;
  state: FactState;
  reportId: string | null;
  reason: string | null;
  /** The version the writer read (optimistic concurrency); undefined: no check. */
  expectedVersion?: number | undefined;
};

export type WriteOutcome = { created: number; superseded: number; unchanged: number; rows: FactRow[] };

export const defaultPeriod = '全年';
export const periodOf = (value: Record<string, unknown>): string => (typeof value['period'] === 'string' && value['period'].trim() ? value['period'].trim() : defaultPeriod);
const keyOf = (unitId: string, factKey: string, period: string) => `${unitId}\u0000${factKey}\u0000${period}`;
const compareKeys = (a: { unitId: string; factKey: string; period: string }, b: typeof a) =>
  a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.factKey < b.factKey ? -1 : a.factKey > b.factKey ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

const sourceText: Record<FactSource, string> = { import: '考评办导入', report: '单位报送', verification: '牵头部门核定' };

/** 409 for a write based on an old version: names who changed the row and when. */
export async function staleVersion(db: Db, what: string, row: { version: number; updatedBy: string | null; updatedAt: Date | null }, expected: number): Promise<never> {
  const [who] = row.updatedBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.updatedBy)) : [];
  const when = row.updatedAt ? row.updatedAt.toISOString() : '未知时间';
  throw new AppError('conflict', `${what}已被 ${who?.name ?? '其他用户'} 于 ${when} 修改（当前版本 ${row.version}，提交所依据的版本 ${expected}），请刷新后重试`, {
    current: { version: row.version, updatedBy: who?.name ?? null, updatedAt: when },
  });
}

function refuse(existing: FactRow, write: FactWrite): void {
  const name = `事实“${write.factKey}”${write.period === defaultPeriod ? '' : `（${write.period}）`}`;
  if (existing.state === 'withdrawn') return;
  if (existing.clauseKey !== write.ref) {
    if (write.source === 'report') {
      throw new AppError('forbidden', `${name}属于“${existing.clauseKey}”，不能经由“${write.ref}”的报送新建或修改`, {
        refused: { factKey: write.factKey, period: write.period, factRef: existing.clauseKey, requestRef: write.ref },
      });
    }
    throw new AppError('conflict', `${name}属于“${existing.clauseKey}”，不能改记到“${write.ref}”；如需改记，请先撤回原事实`);
  }
  if (write.source === 'report') {
    if (existing.source === 'import') {
      throw new AppError('forbidden', `${name}是考评办导入的官方数据，单位报送不能覆盖`, { refused: { factKey: write.factKey, period: write.period, source: 'import' } });
    }
    if (existing.source === 'verification' || existing.state === 'verified') throw new AppError('conflict', `${name}已由考核牵头部门核定，单位不能再修改`);
    if (existing.reportId !== write.reportId && existing.state === 'submitted') {
      throw new AppError('conflict', `${name}已在另一份报送中提交审核，请修改那份报送`);
    }
  }
  if (write.source === 'import' && existing.source !== 'import') {
    throw new AppError('conflict', `${name}已${sourceText[existing.source as FactSource] ?? existing.source}，导入不能覆盖；如数据有误，请由考核牵头部门更正`);
  }
}

/** Locks the current rows of these keys, in canonical order (FOR UPDATE after ORDER BY). */
async function lockExisting(tx: Db, assessmentId: string, writes: readonly FactWrite[]): Promise<Map<string, FactRow>> {
  const unitIds = [...new Set(writes.map((w) => w.unitId))].sort();
  const keys = [...new Set(writes.map((w) => w.factKey))].sort();
  const rows = await tx
    .select()
    .from(facts)
    .where(and(eq(facts.assessmentId, assessmentId), inArray(facts.unitId, unitIds), inArray(facts.factKey, keys)))
    .orderBy(asc(facts.unitId), asc(facts.factKey), asc(facts.period))
    .for('update');
  return new Map(rows.map((r) => [keyOf(r.unitId, r.factKey, r.period), r]));
}

/** Writes facts as new versions under the lifecycle rules; all or nothing (runs inside the caller's transaction). */
export async function writeFacts(tx: Db, assessmentId: string, userId: string, now: Date, input: readonly FactWrite[]): Promise<WriteOutcome> {
  const writes = [...input].sort(compareKeys);
  for (let i = 1; i < writes.length; i++) {
    if (compareKeys(writes[i - 1]!, writes[i]!) === 0) throw new AppError('bad-request', `事实“${writes[i]!.factKey}”（${writes[i]!.period}）在同一次提交中出现两次`);
  }
  if (writes.length === 0) return { created: 0, superseded: 0, unchanged: 0, rows: [] };
  const existing = await lockExisting(tx, assessmentId, writes);
  const inserts: (typeof facts.$inferInsert)[] = [];
  const updates: { row: FactRow; write: FactWrite }[] = [];
  const kept: FactRow[] = [];
  for (const w of writes) {
    const row = existing.get(keyOf(w.unitId, w.factKey, w.period));
    if (!row) {
      if (w.expectedVersion !== undefined) throw new AppError('conflict', `事实“${w.factKey}”不存在或已被删除（提交所依据的版本 ${w.expectedVersion}）`);
      inserts.push({ assessmentId, unitId: w.unitId, clauseKey: w.ref, factKey: w.factKey, period: w.period, value: w.value, source: w.source, state: w.state, version: 1, reportId: w.reportId, reason: w.reason, updatedBy: userId, updatedAt: now });
      continue;
    }
    if (w.expectedVersion !== undefined && w.expectedVersion !== row.version) await staleVersion(tx, `事实“${w.factKey}”`, row, w.expectedVersion);
    refuse(row, w);
    const same = row.clauseKey === w.ref && row.source === w.source && row.state === w.state && row.reportId === w.reportId && canonicalJson(row.value) === canonicalJson(w.value);
    if (same) kept.push(row);
    else updates.push({ row, write: w });
  }
  const written: FactRow[] = [];
  for (let i = 0; i < inserts.length; i += 500) {
    const batch = inserts.slice(i, i + 500);
    const got = await tx.insert(facts).values(batch).onConflictDoNothing().returning();
    // a concurrent writer created one of these keys after our lock: run the whole change again
    if (got.length !== batch.length) throw new RetryableConflict('facts insert');
    written.push(...got);
  }
  for (let i = 0; i < updates.length; i += 500) {
    const batch = updates.slice(i, i + 500);
    const values = sql.join(
      batch.map(({ row, write }) => sql`(CAST(${row.id} AS uuid), CAST(${write.ref} AS text), CAST(${JSON.stringify(write.value)} AS jsonb), CAST(${write.source} AS text), CAST(${write.state} AS text), CAST(${row.version + 1} AS integer), CAST(${write.reportId} AS uuid), CAST(${write.reason} AS text))`),
      sql`, `,
    );
    const got = (await tx.execute(sql`
      UPDATE facts AS f SET clause_key = v.ref, value = v.value, source = v.source, state = v.state, version = v.version,
        report_id = v.report_id, reason = v.reason, updated_by = CAST(${userId} AS uuid), updated_at = CAST(${now.toISOString()} AS timestamptz)
      FROM (VALUES ${values}) AS v(id, ref, value, source, state, version, report_id, reason)
      WHERE f.id = v.id RETURNING f.id`)) as unknown as { rows: { id: string }[] };
    if (got.rows.length !== batch.length) throw new RetryableConflict('facts update');
    for (const { row, write } of batch) {
      written.push({ ...row, clauseKey: write.ref, value: write.value, source: write.source, state: write.state, version: row.version + 1, reportId: write.reportId, reason: write.reason, updatedBy: userId, updatedAt: now });
    }
  }
  written.sort(compareKeys);
  for (let i = 0; i < written.length; i += 500) {
    await tx.insert(factVersions).values(
      written.slice(i, i + 500).map((r) => ({
        factId: r.id,
        version: r.version,
        assessmentId,
        unitId: r.unitId,
        clauseKey: r.clauseKey,
        factKey: r.factKey,
        period: r.period,
        value: r.value,
        source: r.source,
        state: r.state,
        reportId: r.reportId,
        reason: r.reason,
        changedBy: userId,
        changedAt: now,
      })),
    );
  }
  return { created: inserts.length, superseded: updates.length, unchanged: kept.length, rows: [...written, ...kept].sort(compareKeys) };
}

/** A fact as the API shows it. */
export function factDtoOf(r: FactRow, names: ReadonlyMap<string, string>) {
  const value = r.value as Record<string, unknown>;
  return {
    id: r.id,
    unitId: r.unitId,
    clauseKey: r.clauseKey,
    factKey: r.factKey,
    period: r.period,
    type: String(value['type'] ?? ''),
    value,
    source: r.source as FactSource,
    state: r.state as FactState,
    version: r.version,
    reportId: r.reportId,
    reason: r.reason,
    updatedBy: r.updatedBy ? (names.get(r.updatedBy) ?? null) : null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function userNames(db: Db, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => x !== null))];
  if (list.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}
