import { ContractError, parseFacts, parseScheme } from '@kaohe/contract';
import { describeLine, evaluate, type Scheme, toStr, type UnitResult } from '@kaohe/core';
import { AppError } from '../lib/app-error';

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

export type UnitSnapshot = { unitCode: string; total: string; grade: string | null; rank: number | null; ledger: unknown };

export function evaluateDocuments(scheme: Scheme, factsInFileFormat: unknown[]): UnitSnapshot[] {
  let parsedFacts;
  try {
    parsedFacts = parseFacts(JSON.stringify({ facts: factsInFileFormat }), 'facts.json', scheme);
  } catch (error) {
    throw contractToAppError(error, 'facts', 'facts');
  }
  const result = evaluate(scheme, parsedFacts);
  return result.units.map((u) => ({
    unitCode: u.unit,
    total: toStr(u.total),
    grade: u.grade ?? null,
    rank: u.ranks[0]?.rank ?? null,
    ledger: snapshotOf(u),
  }));
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
