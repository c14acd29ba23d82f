/**
 * The readings of the imp round scored end to end: the compiler's rule on a two-province scheme, so that "ok" means
 * the points a clerk expects. Sentences made up after corpus 06 (10) / 2019 (9) (two sides of one figure, one
 * completion judged when not met) and 06 (4) (在此基础上 stacked on an option beside the one it negates).
 */
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Fact } from '../../src/scheme/fact.types';
import type { Indicator } from '../../src/scheme/scheme.types';
import { evaluate } from '../../src/scoring/evaluate';
import { compileRuleText } from '../../src/text/compile-rule';
import { categoryScheme, reconciles } from './category-scheme';

const d = P.dec;

function indicatorOf(text: string, points: string): Indicator {
  const result = compileRuleText(text, { points: d(points) });
  expect(result.status, result.reason).toBe('ok');
  expect(result.rules).toHaveLength(1);
  const rule = result.rules[0]!.rule;
  return {
    code: 'I1',
    title: '机械化率',
    points: d(points),
    ...(result.indicator?.pointsByCategory ? { pointsByCategory: result.indicator.pointsByCategory } : {}),
    clauses: [{ code: 'C1', text, rule }],
  };
}

const totals = (indicator: Indicator, facts: Fact[]): Record<string, string> => {
  const r = evaluate(categoryScheme('测试', [indicator]), facts);
  reconciles(r);
  return Object.fromEntries(r.units.map((u) => [u.unit, P.toStr(u.total)]));
};

describe('two sides of one figure, each worth the item by category (complementary-situations)', () => {
  const text = '①上年覆盖率达到90%以上（含）的地区：今年保持或提高的，产区得3.5分，非产区得2.5分；否则视完成情况酌情减分。②上年在90%以下的地区：今年至少提高2个百分点的，产区得3.5分，非产区得2.5分；否则视完成情况酌情减分。';

  it('gives each unit its category points once when its side is met, never twice', () => {
    const facts: Fact[] = [
      { id: 'A', type: 'flag', unit: 'A', ref: 'C1', value: true },
      { id: 'B', type: 'flag', unit: 'B', ref: 'C1', value: true },
    ];
    // 产区 3.5, 非产区 2.5: one situation applies to a unit (its side of 90%), so the points are not added up
    expect(totals(indicatorOf(text, '2.5'), facts)).toEqual({ A: '3.5', B: '2.5' });
  });

  it('takes the judged score when the side is not met (否则…酌情减分), bounded by the points', () => {
    const facts: Fact[] = [
      { id: 'A', type: 'flag', unit: 'A', ref: 'C1', value: false },
      { id: 'Aj', type: 'judgement', unit: 'A', ref: 'C1', amount: d('2.8'), reason: '提高1个百分点' },
      { id: 'Bj', type: 'judgement', unit: 'B', ref: 'C1', amount: d('9'), reason: '超出' },
    ];
    expect(totals(indicatorOf(text, '2.5'), facts)).toEqual({ A: '2.8', B: '2.5' });
  });
});

describe('a situation stacked on the one before it (stacked-options)', () => {
  const text = '辖区内全部完成改厕的乡镇，得2分。未全部完成改厕的乡镇，完成率比上年提高的，得1.5分；在此基础上，完成率提高20%以上的，再得0.5分；否则不得分。';

  it('scores the highest option met: the first alone, or the stacked pair (1.5 + 0.5), never their sum', () => {
    const options = compileRuleText(text, { points: d('2') }).rules[0]!.rule;
    expect(options.kind).toBe('any-of');
    const names = options.kind === 'any-of' ? options.options : [];
    const facts: Fact[] = [
      // 甲: only the rise (1.5); 乙: the rise and 20% (the pair, 2) — marked as both options it meets
      { id: 'A', type: 'flag', unit: 'A', ref: 'C1', value: true, option: names[1]! },
      { id: 'B1', type: 'flag', unit: 'B', ref: 'C1', value: true, option: names[1]! },
      { id: 'B2', type: 'flag', unit: 'B', ref: 'C1', value: true, option: names[2]! },
    ];
    expect(totals(indicatorOf(text, '2'), facts)).toEqual({ A: '1.5', B: '2' });
  });
});
