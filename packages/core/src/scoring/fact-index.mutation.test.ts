/**
 * Survivors of the first mutation run of scoring/fact-index.ts (2026-12-02, docs/testing.md): the
 * facts index switches to per-unit maps above 2^24 (unit, code) cells; no test reached that path.
 * 4097 units × 4098 codes (one clause plus one unknown code per unit, as a province's import
 * may carry) passes it with only 4097 × 3 facts. Each unit must get exactly its own facts, in the
 * caller's order, on both paths. Through the public evaluate.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from '../rules/rule.types';
import { evaluate } from './evaluate';
import { buildScheme, d, f, str } from '../../test/test-scheme';

const N = 4097; // 4097 × 4098 cells > 2^24 = 16,777,216
const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5') };
const scheme = buildScheme({ rule, points: '10', units: N });

describe('facts index beyond 2^24 cells', () => {
  it('every unit gets its own occurrences, interleaved with other units and unknown codes', () => {
    const facts: Fact[] = [];
    // unit i has i % 3 occurrences on C1; the second one comes after other units' facts
    for (let i = 1; i <= N; i++) {
      facts.push(f.occ({ unit: `U${i}`, ref: `X${i}` }));
      if (i % 3 >= 1) facts.push(f.occ({ unit: `U${i}` }));
    }
    for (let i = 1; i <= N; i++) if (i % 3 === 2) facts.push(f.occ({ unit: `U${i}` }));
    const want = (i: number): string => str(d(10 - 0.5 * (i % 3)));
    const wide = evaluate(scheme, facts).units;
    expect(wide).toHaveLength(N);
    const wrong = wide.filter((u, k) => str(u.total) !== want(k + 1)).map((u) => `${u.unit} ${str(u.total)}`);
    expect(wrong).toEqual([]);
    // the same facts without the unknown codes (the offset table path) give the same totals
    const narrow = evaluate(scheme, facts.filter((x) => x.ref === 'C1')).units;
    expect(narrow.map((u) => str(u.total))).toEqual(wide.map((u) => str(u.total)));
    // and each deduction line cites the unit's own facts, in the caller's order
    const u2 = wide.find((u) => u.unit === 'U2')!;
    const own = facts.filter((x) => x.unit === 'U2' && x.ref === 'C1').map((x) => x.id);
    expect(u2.ledger.filter((l) => l.kind === 'deduction').flatMap((l) => l.facts)).toEqual(own);
  });
});
