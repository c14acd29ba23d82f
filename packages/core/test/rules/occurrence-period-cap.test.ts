/** A cap per period on a per-occurrence rule (PerOccurrenceRule.periodCap), read from corpus 10 (加1分，每月最多2分). */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import { clauseStatus, d, expectExplains, f, score, total } from '../test-scheme';

describe('per-occurrence periodCap: each month capped on its own', () => {
  // 加1分，每月最多2分 on a bonus item (0 分 base, bonuses only)
  const rule: Rule = { kind: 'per-occurrence', effect: 'bonus', amount: d(1), periodCap: { period: 'month', amount: d(2) } };
  const build = { rule, points: '0', indicator: { ceiling: null } };

  it('3 in March, 1 in April: min(3, 2) + 1 = 3', () => {
    const u = score(build, [...f.occs(3, { date: '2020-03-02' }), f.occ({ date: '2020-04-20' })]);
    expect(total(u)).toBe('3');
    expectExplains(u.ledger.find((l) => l.msg === 'occurrence.period-cap'), '2020-03 的合计超过每期上限 2 分');
  });

  it('a count on one record is in its month: 5 in May → 2', () => {
    expect(total(score(build, [f.occ({ date: '2020-05-09', count: 5 })]))).toBe('2');
  });

  it('the overall cap bounds the sum of the months', () => {
    const capped: Rule = { ...rule, cap: d(3) } as Rule;
    expect(total(score({ ...build, rule: capped }, [...f.occs(2, { date: '2020-01-05' }), ...f.occs(2, { date: '2020-02-05' })]))).toBe('3');
  });

  it('by quarter: January and March are one quarter', () => {
    const q: Rule = { ...rule, periodCap: { period: 'quarter', amount: d(2) } } as Rule;
    expect(total(score({ ...build, rule: q }, [...f.occs(2, { date: '2020-01-05' }), f.occ({ date: '2020-03-05' }), f.occ({ date: '2020-04-01' })]))).toBe('3');
  });

  it('an occurrence without a date goes to review: its month is unknown', () => {
    expect(clauseStatus(score(build, [f.occ({ date: '2020-03-02' }), f.occ()]))).toBe('needs-review');
  });
});
