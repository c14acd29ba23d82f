/**
 * The compact ledger store past its first capacity: lines and clause results written while the
 * arrays grow read back as written, and `copyClause` moves a clause's lines, values, plan number and
 * flags into another store at the given site (what a re-score does with unchanged clauses).
 */
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import { CLAUSE_HAS_SCORE, CLAUSE_REVIEWED, LedgerStore } from '../../src/scoring/ledger-store';

const d = P.dec;

describe('LedgerStore', () => {
  it('grows lines and clause results and copies a clause to another store', () => {
    const a = new LedgerStore(2);
    const keys = Array.from({ length: 7 }, (_, k) => ({ k }));
    for (let c = 0; c < 7; c++) {
      const site = a.siteOf(keys[c]!, ['I', `C${c}`], `C${c}`, { text: `条款${c}` });
      const start = a.size;
      for (let l = 0; l <= c % 3; l++) a.add(site, 'deduction', P.neg(d(c + l)), 'clause.test', { n: c, l }, [`f${c}-${l}`]);
      a.addClause('scored', d(c), d(c + 1), d(c + 2), start, 100 + c, c % 2 === 0 ? CLAUSE_HAS_SCORE : CLAUSE_REVIEWED);
    }
    expect(a.clauseCount).toBe(7);
    expect(a.size).toBe(1 + 2 + 3 + 1 + 2 + 3 + 1);
    expect(a.clauseValue(6, 2)).toBe(d(8));
    expect(a.clausePlan(5)).toBe(105);
    expect(a.clauseFlags(5)).toBe(CLAUSE_REVIEWED);
    const lines = a.lines(0, a.size);
    expect(lines[lines.length - 1]).toEqual({ path: ['I', 'C6'], ref: 'C6', kind: 'deduction', amount: P.neg(d(6)), facts: ['f6-0'], msg: 'clause.test', params: { n: 6, l: 0 }, cite: { text: '条款6' } });

    const b = new LedgerStore(1);
    const key = { copy: true };
    const site = b.siteOf(key, ['J', 'X'], 'X', { text: '另一处' });
    b.copyClause(a, 5, site); // clause 5 has three lines
    b.copyClause(a, 2, site);
    expect(b.clauseCount).toBe(2);
    expect(b.clauseValue(0, 1)).toBe(d(6));
    expect(b.clausePlan(1)).toBe(102);
    expect(b.clauseFlags(1)).toBe(CLAUSE_HAS_SCORE);
    const copied = b.lines(0, b.size);
    expect(copied.map((l) => [l.ref, l.amount, l.facts, l.params])).toEqual([
      ['X', P.neg(d(5)), ['f5-0'], { n: 5, l: 0 }],
      ['X', P.neg(d(6)), ['f5-1'], { n: 5, l: 1 }],
      ['X', P.neg(d(7)), ['f5-2'], { n: 5, l: 2 }],
      ['X', P.neg(d(2)), ['f2-0'], { n: 2, l: 0 }],
      ['X', P.neg(d(3)), ['f2-1'], { n: 2, l: 1 }],
      ['X', P.neg(d(4)), ['f2-2'], { n: 2, l: 2 }],
    ]);
    expect(b.clauseResults([{ code: 'X', text: '', rule: { kind: 'zero', scope: 'indicator' } }], 0)).toEqual([{ code: 'X', kind: 'zero', status: 'scored', score: d(5), deduction: d(6), bonus: d(7) }]);
  });
});
