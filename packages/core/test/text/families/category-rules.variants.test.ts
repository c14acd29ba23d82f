import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleText } from '../../../src/text/compile-rule';
import { show, showCompiled } from '../show-rule';

/**
 * Generated variants of the corpus 06 category patterns (families/category-rules): amounts × category order ×
 * pair separator × full/half-width digits. Each sentence must compile to exactly the rules it was built from,
 * never to other rules marked ok.
 */
const amount = fc.integer({ min: 1, max: 99 }).map((n) => (n / 10).toString());
const fullWidthDigits = (s: string): string => s.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
const digits = fc.constantFrom((s: string) => s, fullWidthDigits);
const separator = fc.constantFrom('，', ',', '、');
const CONDITIONS = ['按规定足额发放补贴的', '未出现农民卖粮难的', '建立问题台账并整改到位的'];

/** One rule per category when they differ, else the one rule (as the family merges them). */
function byCategory(rules: Record<string, unknown>): unknown {
  const values = Object.values(rules);
  return values.every((v) => JSON.stringify(v) === JSON.stringify(values[0])) ? values[0] : { byCategory: rules };
}
function points(byCat: Record<string, string>): Record<string, unknown> {
  const values = Object.values(byCat);
  return values.every((v) => Number(v) === Number(values[0])) ? { points: values[0] } : { pointsByCategory: byCat };
}
/** "产区得a分，非产区得b分" in the order drawn. */
const pairText = (first: boolean, sep: string, verb: string, a: string, b: string): string => (first ? `产区${verb}${a}分${sep}非产区${verb}${b}分` : `非产区${verb}${b}分${sep}产区${verb}${a}分`);

describe('category-rules variants (fast-check)', () => {
  it('得 by category, 否则不得分，同时倒扣 by category (the verb before the first category)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONDITIONS), amount, amount, amount, amount, fc.boolean(), separator, digits, (condition, a, b, x, y, first, sep, width) => {
        const text = `${condition}，${width(pairText(first, sep, '得', a, b))}，否则不得分，同时倒扣${width(pairText(first, sep, '', x, y))}。`;
        const result = compileRuleText(text);
        expect(result.status, `${text} → ${result.reason}`).toBe('ok');
        expect(result.rules.map((r) => showCompiled(r)), text).toEqual([
          byCategory({ 产区: { kind: 'completion', points: a }, 非产区: { kind: 'completion', points: b } }),
          byCategory({ 产区: { kind: 'condition', effect: 'deduction', amount: x }, 非产区: { kind: 'condition', effect: 'deduction', amount: y } }),
        ]);
        expect(show(result.indicator)).toEqual({ allowNegative: true, ...points({ 产区: a, 非产区: b }) });
      }),
      { numRuns: 200 },
    );
  });

  it('a threshold with steps by category: compiled to exactly its rules or left for review', () => {
    let compiled = 0;
    fc.assert(
      fc.property(fc.integer({ min: 80, max: 99 }), amount, amount, amount, amount, fc.boolean(), separator, digits, (threshold, a, b, x, y, first, sep, width) => {
        const text = `技术到位率不低于${threshold}%的，${width(pairText(first, sep, '得', a, b))}；每减少1个百分点，${width(pairText(first, sep, '扣', x, y))}。`;
        const result = compileRuleText(text);
        if (result.status !== 'ok') return;
        compiled++;
        const steps = (perStep: string) => ({ kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: String(threshold), direction: 'below', step: '1', perStep });
        expect(result.rules.map((r) => showCompiled(r)), text).toEqual([byCategory({ 产区: steps(x), 非产区: steps(y) })]);
        expect(show(result.indicator), text).toEqual(points({ 产区: a, 非产区: b }));
      }),
      { numRuns: 200 },
    );
    // Plain sentences of this shape are readable: most must compile, or the property says nothing.
    expect(compiled).toBeGreaterThan(150);
  });
});
