/**
 * Parts of one item with their own points (text family part-points, corpus 01 (1.4.1)): each part is its points
 * (completion) and a per-miss deduction capped at them; beside another score clause of the same indicator the parts
 * keep their points (Mode P), alone they score the same.
 */
import { describe, expect, it } from 'vitest';
import { clause, d, f, score, sumOf, total } from '../test-scheme';

// 得5分, 0.5 off per miss down to 0 | （2分, 0.5 off per miss down to 0） | another item's 得3分 — 10 分 in all.
const parts = [
  clause('A', { kind: 'completion', points: d(5) }),
  clause('A-miss', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d(5) }),
  clause('B', { kind: 'completion', points: d(2) }),
  clause('B-miss', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d(2) }),
];

describe('parts with their own points and per-miss deductions', () => {
  it('3 missed reports, 6 missed meetings, the other item done: 5 − 1.5 + 2 − 2 (capped at the part’s 2) + 3 = 6.5', () => {
    const u = score({ indicators: [{ code: 'I1', title: '新经验', points: d(10), clauses: [...parts, clause('C', { kind: 'completion', points: d(3) })] }] }, [
      f.flag(true, { ref: 'A' }),
      f.flag(true, { ref: 'B' }),
      f.flag(true, { ref: 'C' }),
      f.occ({ ref: 'A-miss', count: 3 }),
      f.occ({ ref: 'B-miss', count: 6 }),
    ]);
    expect(total(u)).toBe('6.5');
    // 6 × 0.5 = 3 deducted, given back down to the part's 2 by its cap line.
    expect(sumOf(u, 'deduction')).toBe('-4.5');
  });

  it('the parts alone (7 分): nothing missed → 7; 20 missed reports → 7 − 5 (the part’s 5 at most) = 2', () => {
    const build = { indicators: [{ code: 'I1', title: '日常报送', points: d(7), clauses: parts }] };
    const done = [f.flag(true, { ref: 'A' }), f.flag(true, { ref: 'B' })];
    expect(total(score(build, done))).toBe('7');
    expect(total(score(build, [...done, f.occ({ ref: 'A-miss', count: 20 })]))).toBe('2');
  });
});
