/**
 * A tier ladder by level read across sentences (families/tier-ladder readLevelLadder) scored end to end, so that "ok"
 * means the points a clerk expects: each occurrence at its level's amount, the sum bounded by the item's points, and only
 * the highest level reached where the text says so. Sentences made up after corpus 01 (1.4.2); own words and amounts.
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
  return { code: 'I1', title: '经验推广', points: d(points), clauses: [{ code: 'C1', text, rule: result.rules[0]!.rule }] };
}

const totals = (indicator: Indicator, facts: Fact[]): Record<string, string> => {
  const r = evaluate(categoryScheme('测试', [indicator]), facts);
  reconciles(r);
  return Object.fromEntries(r.units.map((u) => [u.unit, P.toStr(u.total)]));
};

const occurrence = (id: string, unit: string, level: string): Fact => ({ id, type: 'occurrence', unit, ref: 'C1', level });

describe('tier ladder by level on an item of 4', () => {
  const ladder = '工作经验被省级媒体报道的，得4分；被市级媒体报道的，得2分；被县级媒体报道的，得1分。';

  it('adds each report at its level, never above the item, and 0 without any', () => {
    const facts: Fact[] = [
      occurrence('A1', 'A', '市'),
      occurrence('A2', 'A', '县'),
      occurrence('B1', 'B', '省'),
      occurrence('B2', 'B', '市'),
    ];
    // 甲: 2 + 1 = 3; 乙: 4 + 2 = 6, bounded by the item's 4
    expect(totals(indicatorOf(ladder, '4'), facts)).toEqual({ A: '3', B: '4' });
    expect(totals(indicatorOf(ladder, '4'), [])).toEqual({ A: '0', B: '0' });
  });

  it('counts only the highest level reached when the item says 以获最高一项计分', () => {
    const indicator = indicatorOf(`${ladder}以获最高一项计分。`, '4');
    const rule = indicator.clauses![0]!.rule;
    const options = rule.kind === 'any-of' ? rule.options : [];
    expect(options).toHaveLength(3);
    // 甲: reported by the city and the county (2, not 3); 乙: by the county only (1)
    const facts: Fact[] = [
      { id: 'A1', type: 'flag', unit: 'A', ref: 'C1', value: true, option: options[1]! },
      { id: 'A2', type: 'flag', unit: 'A', ref: 'C1', value: true, option: options[2]! },
      { id: 'B1', type: 'flag', unit: 'B', ref: 'C1', value: true, option: options[2]! },
    ];
    expect(totals(indicator, facts)).toEqual({ A: '2', B: '1' });
  });
});
