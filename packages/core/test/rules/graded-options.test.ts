/** Graded options (any-of with optionPoints): "…的，得3分；…的，得2分；否则不得分" — the highest situation met counts. */
import { describe, expect, it } from 'vitest';
import { describeRule } from '../../src/explain/describe-rule';
import type { Rule } from '../../src/rules/rule.types';
import { d, expectExplains, f, linesOf, score, total } from '../test-scheme';

describe('any-of with graded option points', () => {
  // After corpus 06 (2): 耕地面积大于等于保护指标 3 分；加上可调整地类大于等于指标 2 分；否则不得分 (item 3 分).
  const rule: Rule = { kind: 'any-of', options: ['耕地面积达标', '加上可调整地类达标'], points: d(3), optionPoints: [d(3), d(2)] };
  it.each([
    { name: 'the first option', facts: [f.flag(true, { option: '耕地面积达标' })], want: '3', pending: 0 },
    { name: 'only the lower option', facts: [f.flag(false, { option: '耕地面积达标' }), f.flag(true, { option: '加上可调整地类达标' })], want: '2', pending: 0 },
    { name: 'both met: the highest, never the sum', facts: [f.flag(true, { option: '加上可调整地类达标' }), f.flag(true, { option: '耕地面积达标' })], want: '3', pending: 0 },
    { name: 'none met', facts: [f.flag(false, { option: '耕地面积达标' }), f.flag(false, { option: '加上可调整地类达标' })], want: '0', pending: 0 },
    { name: 'a flag naming no option cannot say which grade', facts: [f.flag(true)], want: '0', pending: 1 },
    { name: 'the option named as the 情形 (variant) of the facts template', facts: [f.flag(true, { variant: '加上可调整地类达标' })], want: '2', pending: 0 },
    { name: 'a 情形 that is not one of the options', facts: [f.flag(true, { variant: '其他' })], want: '0', pending: 1 },
    { name: 'no facts', facts: [], want: '0', pending: 1 },
  ])('$name → $want', ({ facts, want, pending }) => {
    const u = score({ rule, points: '3' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });

  it('explains the option that scored and that only one counts', () => {
    const u = score({ rule, points: '3' }, [f.flag(true, { option: '加上可调整地类达标' })]);
    expectExplains(linesOf(u, 'score')[0]!, '符合“加上可调整地类达标”，得 2 分（按情形择一，取最高一档；满分 3 分）');
  });

  it('is described as one situation counting, with the points of each option', () => {
    expect(describeRule(rule)).toBe('按情形择一计分：取符合的最高一档，不相加：耕地面积达标得 3 分；加上可调整地类达标得 2 分');
  });

  it('an option worth more than the clause is held to the clause points', () => {
    const over: Rule = { kind: 'any-of', options: ['甲', '乙'], optionPoints: [d(5), d(1)] };
    expect(total(score({ rule: over, points: '3' }, [f.flag(true, { option: '甲' })]))).toBe('3');
  });
});
