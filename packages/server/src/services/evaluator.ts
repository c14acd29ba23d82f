import { ContractError, parseFacts, parseScheme } from '@kaohe/contract';
import { describeFactWarning, describeLine, evaluate, evaluateWithState, factWarnings, rescore, type Evaluation, type Fact, type Scheme, toStr, type UnitResult } from '@kaohe/core';
import { canonicalJson } from '../lib/canonical-json';
import { AppError } from '../lib/app-error';
import { schemeIndexOf } from './scheme-refs';
import type { Orphan } from './scoring-input';

/**
 * The thin layer between stored JSON documents and the scoring core: the contract parses the
 * scheme and facts (file format, decimals as text), the core evaluates, and the result is turned
 * back into JSON with decimals as strings (points never travel as binary floats).
 */
export function parseSchemeDocument(document: unknown, file = 'scheme.json'): Scheme {
  try {
    return parseScheme(document, file).scheme;
  } catch (error) {
    throw contractToAppError(error, 'document');
  }
}

/** Parsed schemes by content hash: a stored version never changes once written under that hash. */
const parsedCache = new Map<string, Scheme>();
export function parseSchemeCached(sha256: string, document: unknown): Scheme {
  const hit = parsedCache.get(sha256);
  if (hit) return hit;
  const scheme = parseSchemeDocument(document);
  if (parsedCache.size >= 16) parsedCache.delete(parsedCache.keys().next().value!);
  parsedCache.set(sha256, scheme);
  return scheme;
}

export function validateFacts(factsInFileFormat: unknown[], scheme: Scheme, pathPrefix = 'facts'): void {
  try {
    parseFacts(JSON.stringify({ facts: factsInFileFormat }), 'facts.json', scheme);
  } catch (error) {
    throw contractToAppError(error, pathPrefix, 'facts');
  }
}

export type FactWarningView = { fact: string; ref: string; kind: 'unread' | 'conflict'; reason: string; readInstead?: string; message: string };
export type UnitSnapshot = { unitCode: string; total: string; grade: string | null; rank: number | null; ledger: unknown; warnings: FactWarningView[] };

/**
 * The last evaluation per cache key (one per assessment): a recompute after some units' facts
 * changed re-scores only those units through the core's `rescore` (which widens to the peer group
 * when a changed clause compares units), instead of evaluating every unit again.
 */
type Cached = { schemeKey: string; unitKeys: Map<string, string>; state: Evaluation };
const evaluations = new Map<string, Cached>();
export const evaluationStats = { full: 0, incremental: 0, unitsRescored: 0 };

function byUnit(facts: readonly Fact[]): Map<string, Fact[]> {
  const m = new Map<string, Fact[]>();
  for (const f of facts) {
    const list = m.get(f.unit);
    if (list) list.push(f);
    else m.set(f.unit, [f]);
  }
  return m;
}

export function evaluateDocuments(scheme: Scheme, factsInFileFormat: unknown[], cacheKey?: { key: string; schemeSha256: string }, orphans: readonly Orphan[] = []): UnitSnapshot[] {
  let parsedFacts;
  try {
    parsedFacts = parseFacts(JSON.stringify({ facts: factsInFileFormat }), 'facts.json', scheme);
  } catch (error) {
    throw contractToAppError(error, 'facts', 'facts');
  }
  const grouped = byUnit(parsedFacts);
  const unitKeys = new Map([...grouped].map(([u, list]) => [u, canonicalJson(list)]));
  const cached = cacheKey ? evaluations.get(cacheKey.key) : undefined;
  let state: Evaluation;
  const changed = cached && cached.schemeKey === cacheKey!.schemeSha256 ? changedUnits(cached.unitKeys, unitKeys) : undefined;
  // Re-score unit by unit while few units changed; past a quarter of the units a full pass is cheaper.
  if (cached && changed && changed.length <= Math.max(1, scheme.units.length / 4)) {
    state = cached.state;
    try {
      for (const u of changed) state = rescore(state, u, grouped.get(u) ?? []);
    } catch (error) {
      // `rescore` updates the cached state's facts before it scores: a throw part way (a figure out
      // of the exact range, say) leaves facts that no longer match its results or `unitKeys`, and
      // the next diff would skip them. Drop the entry, so the next recompute evaluates afresh.
      evaluations.delete(cacheKey!.key);
      throw error;
    }
    evaluationStats.incremental++;
    evaluationStats.unitsRescored += changed.length;
  } else {
    state = evaluateWithState(scheme, parsedFacts);
    evaluationStats.full++;
  }
  if (cacheKey) {
    if (evaluations.size >= 8 && !evaluations.has(cacheKey.key)) evaluations.delete(evaluations.keys().next().value!);
    evaluations.set(cacheKey.key, { schemeKey: cacheKey.schemeSha256, unitKeys, state });
  }
  const result = state.result;
  const index = schemeIndexOf(scheme);
  return result.units.map((u) => {
    const warnings: FactWarningView[] = factWarnings(index, index.units.get(u.unit)!, grouped.get(u.unit) ?? [], u.ledger).map((w) => ({
      fact: w.fact,
      ref: w.ref,
      kind: w.kind,
      reason: w.reason,
      ...(w.readInstead ? { readInstead: w.readInstead } : {}),
      message: describeFactWarning(w),
    }));
    warnings.push(...contradictions(grouped.get(u.unit) ?? []));
    for (const o of orphans) {
      if (o.unit !== u.unit) continue;
      warnings.push({ fact: o.id, ref: o.ref, kind: 'unread', reason: 'unknown-ref', message: `事实“${o.id}”（${o.ref}）未被任何评分规则读取：当前方案中没有该编码，请核对` });
    }
    return { unitCode: u.unit, total: toStr(u.total), grade: u.grade ?? null, rank: u.ranks[0]?.rank ?? null, ledger: { ...(snapshotOf(u) as object), warnings }, warnings };
  });
}

/**
 * A condition clause reads every flag and occurrence of its ref as "any of them happened", so two
 * reports can contradict each other without the engine noticing: one says 否 (a flag false), the
 * other 是 or counts an occurrence, for the same ref and period (two divisions of a bureau, or a
 * division and the unit's own reporter). The engine's reading stands; each fact that contradicts
 * the first one of its ref is shown as a conflict warning, never resolved silently.
 */
function contradictions(list: readonly unknown[]): FactWarningView[] {
  const first = new Map<string, { id: string; happened: boolean }>();
  const out: FactWarningView[] = [];
  const said = (happened: boolean) => (happened ? '已发生（是）' : '未发生（否）');
  for (const raw of list) {
    const f = raw as { id: string; ref: string; type: string; value?: unknown; period?: string };
    const happened = f.type === 'occurrence' ? true : f.type === 'flag' && typeof f.value === 'boolean' ? f.value : null;
    if (happened === null) continue;
    const key = `${f.ref}\u0000${f.period ?? ''}`;
    const seen = first.get(key);
    if (!seen) first.set(key, { id: f.id, happened });
    else if (seen.happened !== happened)
      out.push({ fact: f.id, ref: f.ref, kind: 'conflict', reason: 'contradicts', readInstead: seen.id, message: `事实“${f.id}”（${f.ref}）报${said(happened)}，与“${seen.id}”报${said(seen.happened)}矛盾，请核对后撤回或更正其中一条` });
  }
  return out;
}

/** Totals with the units' submitted, not yet verified values too (自评), for showing beside the verified score. */
export function selfAssessedTotals(scheme: Scheme, factsInFileFormat: unknown[]): Map<string, string> {
  let parsed;
  try {
    parsed = parseFacts(JSON.stringify({ facts: factsInFileFormat }), 'facts.json', scheme);
  } catch (error) {
    throw contractToAppError(error, 'facts', 'facts');
  }
  return new Map(evaluate(scheme, parsed).units.map((u) => [u.unit, toStr(u.total)]));
}

function changedUnits(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [u, k] of after) if (before.get(u) !== k) out.push(u);
  for (const u of before.keys()) if (!after.has(u)) out.push(u);
  return out;
}

const decimalKeys = new Set(['total', 'itemsTotal', 'bonusTotal', 'negativeTotal', 'deductionTotal', 'amount', 'score', 'deduction', 'bonus', 'points']);

/** A unit result as JSON: the point fields (scaled integers in the core) become decimal strings. */
function snapshotOf(unit: UnitResult): unknown {
  const convert = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'number' && key !== null && decimalKeys.has(key)) return toStr(value as never);
    if (Array.isArray(value)) return value.map((v) => convert(v, null));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, k)]));
    }
    return value;
  };
  return { ...(convert(unit, null) as object), lines: unit.ledger.map((line) => describeLine(line)) };
}

function contractToAppError(error: unknown, prefix: string, stripRoot?: string): unknown {
  if (!(error instanceof ContractError)) return error;
  const issues = error.issues.slice(0, 50).map((i) => {
    let path = i.path;
    if (stripRoot && path.startsWith(stripRoot)) path = path.slice(stripRoot.length);
    path = path.replace(/^\[(\d+)\]/, '.$1').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
    return { path: path ? `${prefix}.${path}` : prefix, message: i.message };
  });
  return new AppError('bad-request', `${prefix === 'document' ? '方案文件' : '事实数据'}有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues });
}
