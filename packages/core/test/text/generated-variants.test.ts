import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleText } from '../../src/text/compile-rule';
import { show } from './show-rule';

/**
 * Generated variants of the commonest real patterns (000:106 每起扣X, 000:422 每项扣X，总扣分不超过Y,
 * 000:369 未达T%扣a，每低s个百分点再扣b): counter × amount × cap × word order × full/half-width
 * punctuation and digits. Each generated sentence must compile to exactly the rule it was built
 * from — or go to review; never a different rule marked ok.
 */
const COUNTERS = ['起', '件', '次', '例', '项', '条', '人', '处', '篇', '家', '人次'];
const CONDITIONS = ['被上级通报批评的', '发现违规问题的', '信息报送不及时的', '未按要求整改到位的'];

/** 0.01–9.99 with at most two decimals, as the documents write them. */
const amount = fc.integer({ min: 1, max: 999 }).map((n) => (n / 100).toString());
const cents = (decimal: string): number => Math.round(Number(decimal) * 100);
const fullWidthDigits = (s: string): string => s.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

const punctuation = fc.record({ comma: fc.constantFrom('，', ','), semi: fc.constantFrom('；', ';', '，', ','), stop: fc.constantFrom('。', '', '；') });
const digits = fc.constantFrom((s: string) => s, fullWidthDigits);
const spacing = fc.constantFrom('', ' ');

describe('generated variants (fast-check)', () => {
  it('每<counter>扣<amount>分 with an optional cap, in either order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONDITIONS),
        fc.constantFrom(...COUNTERS),
        amount,
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        fc.boolean(),
        punctuation,
        digits,
        spacing,
        (condition, counter, each, capSteps, capFirst, p, width, space) => {
          const cap = capSteps === undefined ? undefined : ((cents(each) * capSteps) / 100).toString();
          const per = `每${counter}扣${space}${width(each)}${space}分`;
          const capText = cap === undefined ? '' : `最高扣${space}${width(cap)}${space}分`;
          const text = cap === undefined ? `${condition}${p.comma}${per}${p.stop}` : capFirst ? `${condition}${p.comma}${capText}${p.comma}${per}${p.stop}` : `${condition}${p.comma}${per}${p.semi}${capText}${p.stop}`;
          const result = compileRuleText(text);
          const expected = { kind: 'per-occurrence', effect: 'deduction', amount: each, ...(cap !== undefined ? { cap } : {}) };
          if (result.status === 'ok') expect(result.rules.map((r) => show(r.rule)), text).toEqual([expected]);
          // Every one of these is fully readable: none may be left for review either.
          expect(result.status, `${text} → ${result.reason}`).toBe('ok');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('未达T%扣a分，每低s个百分点再扣b分 with full- or half-width figures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 99 }),
        amount,
        fc.integer({ min: 1, max: 10 }),
        amount,
        fc.constantFrom('未达', '低于', '未达到'),
        punctuation,
        digits,
        (threshold, initial, step, perStep, below, p, width) => {
          const text = `办结率${below}${width(String(threshold))}%的，扣${width(initial)}分${p.comma}每低${width(String(step))}个百分点再扣${width(perStep)}分${p.stop}`;
          const result = compileRuleText(text);
          expect(result.status, `${text} → ${result.reason}`).toBe('ok');
          expect(result.rules.map((r) => show(r.rule))).toEqual([
            { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate', percent: true }, threshold: String(threshold), direction: 'below', initial, step: String(step), perStep },
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a leading ordinal （n） / n. / ① is never points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom('（n）', '(n)', 'n.', 'n、'), amount, (n, form, each) => {
        const text = `${form.replace('n', String(n))}未按时报送材料的，每次扣${each}分。`;
        const result = compileRuleText(text);
        expect(result.status, `${text} → ${result.reason}`).toBe('ok');
        expect(result.indicator?.points).toBeUndefined();
        expect(result.rules.map((r) => show(r.rule))).toEqual([{ kind: 'per-occurrence', effect: 'deduction', amount: each }]);
      }),
      { numRuns: 150 },
    );
  });

  it('an amount the rule does not read is never ok: a trailing unread cap per week', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTERS), amount, fc.integer({ min: 1, max: 9 }), (counter, each, cap) => {
        const text = `发现问题的，每${counter}扣${each}分，每周最多扣${cap}分。`;
        expect(compileRuleText(text).status, text).toBe('needs-review');
      }),
      { numRuns: 100 },
    );
  });

  it('a trailing cap per month or quarter is the per-occurrence rule’s periodCap, with its figure', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTERS), amount, fc.integer({ min: 1, max: 9 }), fc.constantFrom(['每月', 'month'], ['每季度', 'quarter']), (counter, each, cap, [word, period]) => {
        const text = `发现问题的，每${counter}扣${each}分，${word}最多扣${cap}分。`;
        const result = compileRuleText(text);
        expect(result.status, text).toBe('ok');
        expect(result.rules.map((r) => show(r.rule)), text).toEqual([{ kind: 'per-occurrence', effect: 'deduction', amount: String(each), periodCap: { period, amount: String(cap) } }]);
      }),
      { numRuns: 100 },
    );
  });
});
