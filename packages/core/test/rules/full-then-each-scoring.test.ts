/** The rules full-then-each compiles (corpus 03 (3.1) shape): the item starts from its points (Mode D). */
import { describe, expect, it } from 'vitest';
import { clause, d, f, score, total } from '../test-scheme';

// 全部达标得15分；有一个站点不达标扣2分；有站点指标好转上升加2分；有不达标站点又恶化整个项得0分 (15 分, made up)
const indicators = [
  {
    code: 'I1',
    title: '水质',
    points: d(15),
    clauses: [
      clause('miss', { kind: 'per-occurrence', effect: 'deduction', amount: d(2) }),
      clause('better', { kind: 'condition', effect: 'bonus', amount: d(2) }),
      clause('worse', { kind: 'zero', scope: 'indicator' }),
    ],
  },
];

describe('full-then-each: points, each not met deducted, the zeroing case', () => {
  it('all met: 15', () => expect(total(score({ indicators }, []))).toBe('15'));
  it('2 not met: 15 − 2 × 2 = 11', () => expect(total(score({ indicators }, [f.occ({ ref: 'miss', count: 2 })]))).toBe('11'));
  it('2 not met, one improved: 11 + 2 = 13', () => expect(total(score({ indicators }, [f.occ({ ref: 'miss', count: 2 }), f.flag(true, { ref: 'better' })]))).toBe('13'));
  it('one not met that also got worse: the whole item is 0', () => expect(total(score({ indicators }, [f.occ({ ref: 'miss' }), f.flag(true, { ref: 'worse' })]))).toBe('0'));
});
