/**
 * Clause.ruleByCategory: a clause whose rule depends on the assessed unit's category (corpus 06:
 * "不低于X%的，产区得a分，非产区得b分；每减少N个百分点，产区扣c分，非产区扣d分"). The engine picks the
 * rule of the unit's category, falls back to `rule`, and puts a unit whose category has no rule and
 * whose fallback is `manual` in review; the ledger names the category and still reconciles.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Rule } from '../../src/rules/rule.types';
import type { Scheme } from '../../src/scheme/scheme.types';
import { evaluate } from '../../src/scoring/evaluate';
import { lintScheme } from '../../src/scheme/lint-scheme';
import { describeLine } from '../../src/explain/explain';
import { describeClauseRule } from '../../src/explain/describe-rule';
import type { Fact } from '../../src/scheme/fact.types';
import { categoryScheme, reconciles } from './category-scheme';

const d = P.dec;
const steps = (points: string, perStep: string): Rule => ({ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: d(95), direction: 'below', step: d(1), perStep: d(perStep) });
const manual: Rule = { kind: 'manual', effect: 'score', reason: '按单位类别给出规则' };

function scheme(fallback: Rule, extraCategory = false): Scheme {
  return categoryScheme(
    '按单位类别的规则',
    [
      {
        code: 'I1',
        title: '农业主推技术到位率',
        points: d('2.5'),
        pointsByCategory: { 产区: d('2.5'), 非产区: d('1.5'), ...(extraCategory ? { 其他: d('1') } : {}) },
        clauses: [{ code: 'C1', text: '不低于95%时，产区得2.5分、非产区得1.5分；每下降1个百分点，产区扣0.5分、非产区扣0.3分', rule: fallback, ruleByCategory: { 产区: steps('2.5', '0.5'), 非产区: steps('1.5', '0.3') } }],
      },
    ],
    extraCategory ? [{ code: 'C', name: '丙省', category: '其他' }] : [],
  );
}

const rate = (unit: string, value: number): Fact => ({ id: `${unit}-r`, type: 'rate', unit, ref: 'C1', numerator: d(value), denominator: d(100) });

describe('Clause.ruleByCategory', () => {
  it("scores each unit by its category's rule and says which one in the ledger", () => {
    const r = evaluate(scheme(manual), [rate('A', 93), rate('B', 93)]);
    const total = Object.fromEntries(r.units.map((u) => [u.unit, P.toStr(u.total)]));
    // 产区: 2.5 − 2 steps × 0.5 = 1.5; 非产区: 1.5 − 2 × 0.3 = 0.9
    expect(total).toEqual({ A: '1.5', B: '0.9' });
    reconciles(r);
    const a = r.units.find((u) => u.unit === 'A')!;
    const note = a.ledger.find((l) => l.msg === 'clause.category-rule')!;
    expect(note.ref).toBe('C1');
    expect(note.cite?.text).toContain('产区扣0.5分');
    expect(describeLine(note)).toBe('按单位类别“产区”的规则计分');
    expect(a.needsReview).toBe(0);
  });

  it('falls back to the clause rule for a category without its own', () => {
    const r = evaluate(scheme(steps('1', '0.1'), true), [rate('C', 93)]);
    const c = r.units.find((u) => u.unit === 'C')!;
    // 其他 (points 1): the fallback rule, 1 − 2 × 0.1 = 0.8, no category note
    expect(P.toStr(c.total)).toBe('0.8');
    expect(c.ledger.some((l) => l.msg === 'clause.category-rule' || l.msg === 'clause.category-missing')).toBe(false);
    reconciles(r);
  });

  it('puts a unit whose category has no rule and no fallback in review, with the reason in Chinese', () => {
    const r = evaluate(scheme(manual, true), [rate('C', 93)]);
    const c = r.units.find((u) => u.unit === 'C')!;
    expect(c.needsReview).toBe(1);
    const line = c.ledger.find((l) => l.msg === 'clause.category-missing')!;
    expect(line.kind).toBe('review');
    expect(describeLine(line)).toBe('本条款按单位类别（产区、非产区）给出规则，本单位类别“其他”没有对应规则，需人工复核');
    // the others are not touched by it
    expect(r.units.find((u) => u.unit === 'A')!.needsReview).toBe(0);
    reconciles(r);
  });

  it('lint: an unknown category, another effect or a cross-unit rule is an error', () => {
    const s = scheme(manual);
    const c = s.indicators[0]!.clauses![0]!;
    c.ruleByCategory = { ...c.ruleByCategory, 主产区: steps('1', '0.1') };
    expect(lintScheme(s).filter((i) => i.severity === 'error').map((i) => [i.code, i.path, i.message])).toEqual([['unknown-reference', 'indicators[0].clauses[0].ruleByCategory', '未定义的单位类别“主产区”']]);
    c.ruleByCategory = { 产区: { kind: 'condition', effect: 'deduction', amount: d(4) }, 非产区: { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 1, amount: d(1) } };
    expect(lintScheme(s).filter((i) => i.code === 'category-rule').map((i) => i.path)).toEqual([
      'indicators[0].clauses[0].ruleByCategory.产区',
      'indicators[0].clauses[0].ruleByCategory.非产区',
      'indicators[0].clauses[0].ruleByCategory.非产区',
    ]);
  });

  it('describeClauseRule lists each category and what the others get', () => {
    const text = describeClauseRule(scheme(manual).indicators[0]!.clauses![0]!);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/^单位类别“产区”：.*0\.5 分/);
    expect(text).toMatch(/单位类别“非产区”：.*0\.3 分/);
    expect(text.endsWith('其他单位类别：没有对应规则，需人工复核')).toBe(true);
  });
});
