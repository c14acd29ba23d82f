import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateDocuments, evaluationStats, parseSchemeDocument } from '../src/services/evaluator';

// The per-assessment evaluation cache of the server (services/evaluator.ts): no database involved.
const scheme = parseSchemeDocument(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'test-scheme.json'), 'utf8')));
const facts = [
  { id: 'f1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 1 },
  { id: 'f2', unit: 'U2', ref: 'C1', type: 'occurrence', count: 2 },
];
const totals = (key: string, list: unknown[]) => evaluateDocuments(scheme, list, { key, schemeSha256: 'sha-1' }).map((s) => `${s.unitCode}=${s.total}`);

describe('evaluation cache', () => {
  it('re-scores a changed unit from the cache', () => {
    expect(totals('cache-a', facts)).toEqual(['U1=9.5', 'U2=9']);
    const before = { ...evaluationStats };
    expect(totals('cache-a', [facts[0], { ...facts[1], count: 4 }])).toEqual(['U1=9.5', 'U2=8']);
    expect(evaluationStats.incremental).toBe(before.incremental + 1);
    expect(evaluationStats.full).toBe(before.full);
  });

  it('drops the cached state when a re-score throws part way, so the next one starts afresh', () => {
    expect(totals('cache-b', facts)).toEqual(['U1=9.5', 'U2=9']);
    // 2×10¹⁰ occurrences × 0.5 is past the exact range: the re-score throws after taking the facts in
    expect(() => totals('cache-b', [facts[0], { ...facts[1], count: 2e10 }])).toThrow(/超出可精确计算的范围/);
    const before = { ...evaluationStats };
    // U1 changes; U2 is back to its first facts: a full evaluation, not a diff against the failed state
    expect(totals('cache-b', [{ ...facts[0], count: 3 }, facts[1]])).toEqual(['U1=8.5', 'U2=9']);
    expect(evaluationStats.full).toBe(before.full + 1);
    expect(evaluationStats.incremental).toBe(before.incremental);
  });
});
