/**
 * Mutation tests of rules/rule-helpers.ts (issue 14 item 6; docs/testing.md), through the rules
 * that use each helper and the engine (test/test-scheme.ts): a zero deduction or bonus writes no
 * line, the cap and the minimum at their edges and for bonuses, tier amounts, needs-review lines,
 * every metric a rule reads and the figures it shows, the published target only when higher, and
 * the floor and ceiling of a scored clause at their edges.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from './rule.types';
import { buildScheme, clauseStatus, d, f, run, str, unitOf, type Build } from '../../test/test-scheme';

type Shown = { kind: string; amount: string; facts: readonly string[]; msg: string; params: Record<string, string | number> };
const eval1 = (b: Build, facts: readonly Fact[]): { lines: Shown[]; status: string | undefined; total: string } => {
  const u = unitOf(run(buildScheme(b), facts));
  const lines = u.ledger.filter((l) => l.ref === 'C1').map(({ kind, amount, facts: cited, msg, params }) => ({ kind, amount: str(amount), facts: cited, msg, params }));
  return { lines, status: clauseStatus(u), total: str(u.total) };
};
const linesOf = (b: Build, facts: readonly Fact[]): Shown[] => eval1(b, facts).lines;
const brief = (ls: Shown[]) => ls.map((l) => [l.kind, l.amount, l.msg]);

describe('applyEffect: what each effect writes', () => {
  const cond = (effect: 'deduction' | 'bonus', amount: string): Rule => ({ kind: 'condition', effect, amount: d(amount) });
  it('a deduction or bonus of 0 writes no line; a non-zero one writes its signed amount', () => {
    expect(eval1({ rule: cond('deduction', '0'), points: '5' }, [f.flag(true)])).toEqual({ lines: [], status: 'scored', total: '5' });
    expect(linesOf({ rule: cond('bonus', '0'), points: '5' }, [f.flag(true)])).toEqual([]);
    expect(linesOf({ rule: cond('deduction', '0.5'), points: '5' }, [f.flag(true, { id: 'g' })])).toEqual([{ kind: 'deduction', amount: '-0.5', facts: ['g'], msg: 'condition.hit', params: { amount: d('0.5'), variant: '', note: '' } }]);
    expect(linesOf({ rule: cond('bonus', '0.5'), points: '5' }, [f.flag(true, { id: 'g' })])).toEqual([{ kind: 'bonus', amount: '0.5', facts: ['g'], msg: 'condition.hit', params: { amount: d('0.5'), variant: '', note: '' } }]);
  });
  it('a scored 0 still writes its line', () => {
    const r: Rule = { kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ min: d(0), amount: d(0) }] };
    expect(linesOf({ rule: r, points: '5' }, [f.value('1', { id: 'v' })])).toEqual([{ kind: 'score', amount: '0', facts: ['v'], msg: 'bands.hit', params: { value: d(1), x: d(1), band: '≥0', amount: 0 } }]);
  });
});

describe('applyCapAndMinimum', () => {
  const late = (extra: Partial<Record<'cap' | 'minimum', string>>): Rule => ({ kind: 'lateness', effect: 'deduction', amountPerPeriod: d(1), period: 'day', ...(extra.cap ? { cap: d(extra.cap) } : {}), ...(extra.minimum ? { minimum: d(extra.minimum) } : {}) });
  it('a deduction over its cap: cut to the cap, clamped, with the cap and the total', () => {
    expect(eval1({ rule: late({ cap: '2' }), points: '10' }, [f.late({ id: 'l', periods: 3 })])).toEqual({
      lines: [
        { kind: 'deduction', amount: '-3', facts: ['l'], msg: 'lateness.each', params: { periods: 3, period: 'day', amount: d(1), total: d(3), due: '', done: '' } },
        { kind: 'cap', amount: '1', facts: [], msg: 'rule.cap', params: { cap: d(2), total: d(3), effect: 'deduction' } },
      ],
      status: 'clamped',
      total: '8',
    });
  });
  it('exactly at the cap: no cap line, not clamped', () => {
    expect(eval1({ rule: late({ cap: '3' }), points: '10' }, [f.late({ periods: 3 })])).toMatchObject({ status: 'scored', total: '7' });
    expect(brief(linesOf({ rule: late({ cap: '3' }), points: '10' }, [f.late({ periods: 3 })]))).toEqual([['deduction', '-3', 'lateness.each']]);
  });
  it('under the minimum: raised to it with a line showing the minimum and the total; at it or at 0: no line', () => {
    expect(linesOf({ rule: late({ minimum: '2' }), points: '10' }, [f.late({ periods: 1 })])[1]).toEqual({ kind: 'minimum', amount: '-1', facts: [], msg: 'rule.minimum', params: { minimum: d(2), total: d(1) } });
    expect(eval1({ rule: late({ minimum: '2' }), points: '10' }, [f.late({ periods: 1 })]).total).toBe('8');
    expect(brief(linesOf({ rule: late({ minimum: '2' }), points: '10' }, [f.late({ periods: 2 })]))).toEqual([['deduction', '-2', 'lateness.each']]);
    expect(eval1({ rule: late({ minimum: '2' }), points: '10' }, [f.late({ periods: 0 })])).toEqual({ lines: [], status: 'scored', total: '10' });
  });
  it('the minimum raised above the cap is cut back to the cap', () => {
    expect(brief(linesOf({ rule: late({ minimum: '3', cap: '2' }), points: '10' }, [f.late({ periods: 1 })]))).toEqual([['deduction', '-1', 'lateness.each'], ['minimum', '-2', 'rule.minimum'], ['cap', '1', 'rule.cap']]);
  });
  it('a bonus: the minimum and the cap move it the other way', () => {
    const bonus = (extra: object): Rule => ({ kind: 'condition', effect: 'bonus', amount: d(3), ...extra }) as Rule;
    expect(eval1({ rule: bonus({ cap: d(2) }), points: '10' }, [f.flag(true)])).toMatchObject({ lines: [{ kind: 'bonus', amount: '3' }, { kind: 'cap', amount: '-1', params: { cap: d(2), total: d(3), effect: 'bonus' } }], status: 'clamped' });
    expect(linesOf({ rule: bonus({ minimum: d(5) }), points: '10' }, [f.flag(true)])[1]).toEqual({ kind: 'minimum', amount: '2', facts: [], msg: 'rule.minimum', params: { minimum: d(5), total: d(3) } });
  });
});

describe('tier amounts and needs-review', () => {
  const tiered = (otherwise?: string): Rule => ({ kind: 'condition', effect: 'deduction', tiers: { by: 'variant', amounts: { 轻微: d('0.5'), 严重: d(2) }, ...(otherwise ? { otherwise: d(otherwise) } : {}) } });
  it('the listed variant gives its amount; another variant the otherwise amount; without one, needs-review naming the variant', () => {
    expect(linesOf({ rule: tiered(), points: '5' }, [f.flag(true, { id: 'g', variant: '严重' })])[0]).toMatchObject({ amount: '-2', params: { variant: '严重' } });
    expect(linesOf({ rule: tiered('1'), points: '5' }, [f.flag(true, { variant: '一般' })])[0]!.amount).toBe('-1');
    expect(linesOf({ rule: tiered('1'), points: '5' }, [f.flag(true)])[0]!.amount).toBe('-1');
    expect(eval1({ rule: tiered(), points: '5' }, [f.flag(true, { id: 'g', variant: '一般' })])).toEqual({ lines: [{ kind: 'review', amount: '0', facts: ['g'], msg: 'condition.unknown-variant', params: { key: '一般' } }], status: 'needs-review', total: '5' });
    expect(linesOf({ rule: tiered(), points: '5' }, [f.flag(true, { id: 'g' })])).toEqual([{ kind: 'review', amount: '0', facts: ['g'], msg: 'condition.unknown-variant', params: { key: '（未填）' } }]);
  });
  it('no amount at all: needs-review citing the fact', () => {
    expect(eval1({ rule: { kind: 'condition', effect: 'deduction' }, points: '5' }, [f.flag(true, { id: 'g' })])).toEqual({ lines: [{ kind: 'review', amount: '0', facts: ['g'], msg: 'condition.no-amount', params: {} }], status: 'needs-review', total: '5' });
  });
});

describe('readMetric: every metric, the fact it cites and the figures it shows', () => {
  const band = (metric: object): Rule => ({ kind: 'bands', effect: 'score', metric, bands: [{ amount: d(1) }] }) as Rule;
  const params = (metric: object, facts: Fact[]) => linesOf({ rule: band(metric), points: '5' }, facts)[0]!;
  it('value, change, rate (percent or not, zero denominator), sub-score, count, rank', () => {
    expect(params({ of: 'value' }, [f.rate('1', '2'), f.value('7', { id: 'a' }), f.value('9', { id: 'b' })])).toMatchObject({ facts: ['a'], params: { value: d(7), x: d(7) } });
    expect(params({ of: 'change' }, [f.value('7', { id: 'a', baseline: d('4.5') })])).toMatchObject({ facts: ['a'], params: { value: d(7), baseline: d('4.5'), change: d('2.5'), x: d('2.5') } });
    expect(params({ of: 'rate' }, [f.rate('1', '8', { id: 'r' })])).toMatchObject({ facts: ['r'], params: { numerator: d(1), denominator: d(8), rate: d('12.5'), x: d('12.5') } });
    expect(params({ of: 'rate', percent: true }, [f.rate('1', '8')]).params['x']).toBe(d('12.5'));
    expect(params({ of: 'rate', percent: false }, [f.rate('1', '8')]).params).toMatchObject({ rate: d('0.125'), x: d('0.125') });
    expect(params({ of: 'rate' }, [f.rate('3', '0', { id: 'r' })])).toEqual({ kind: 'score', amount: '1', facts: ['r'], msg: 'bands.hit', params: { numerator: d(3), denominator: '0', x: 0, band: '任意', amount: d(1) } });
    expect(params({ of: 'sub-score' }, [f.sub('88', { id: 's' })])).toMatchObject({ facts: ['s'], params: { score: d(88), x: d(88) } });
    expect(params({ of: 'count' }, [f.count(4, { id: 'c' })])).toMatchObject({ facts: ['c'], params: { count: 4, x: d(4) } });
    expect(params({ of: 'rank' }, [f.rank(3, { id: 'k' })])).toMatchObject({ facts: ['k'], params: { rank: 3, x: d(3) } });
  });
  it('each metric without its fact (a change without a baseline) is needs-judgement naming it', () => {
    for (const [metric, facts] of [
      [{ of: 'value' }, [f.rate('1', '2')]],
      [{ of: 'change' }, [f.value('7')]],
      [{ of: 'change' }, []],
      [{ of: 'rate' }, [f.value('7')]],
      [{ of: 'sub-score' }, [f.value('7')]],
      [{ of: 'count' }, [f.value('7')]],
      [{ of: 'rank' }, [f.value('7')]],
    ] as [{ of: string }, Fact[]][]) {
      expect(linesOf({ rule: band(metric), points: '5' }, facts), metric.of).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: metric.of } }]);
    }
  });
});

describe('targetValue: a published target replaces the scheme target only when higher', () => {
  const r: Rule = { kind: 'proportional', effect: 'score' };
  it('higher: replaces and is cited; equal or lower: the scheme target, nothing cited', () => {
    const b = (target: object): Build => ({ rule: r, points: '10', indicator: { target } });
    expect(linesOf(b({ value: d(50) }), [f.value('25', { id: 'v' }), f.target('100', { id: 't' })])[0]).toMatchObject({ facts: ['v', 't'], params: { target: d(100) } });
    expect(linesOf(b({ value: d(50) }), [f.value('25', { id: 'v' }), f.target('50', { id: 't' })])[0]).toMatchObject({ facts: ['v'], params: { target: d(50) } });
    expect(linesOf(b({ value: d(50) }), [f.value('25', { id: 'v' }), f.target('40', { id: 't' })])[0]).toMatchObject({ facts: ['v'], params: { target: d(50) } });
    expect(linesOf(b({ value: d(50), overrideWhenHigher: false }), [f.value('25', { id: 'v' }), f.target('100', { id: 't' })])[0]).toMatchObject({ facts: ['v'], params: { target: d(50) } });
    expect(linesOf(b({ value: d(50), overrideWhenHigher: true }), [f.value('25', { id: 'v' }), f.target('100', { id: 't' })])[0]!.params['target']).toBe(d(100));
  });
  it('no scheme target: the published one is used, whatever overrideWhenHigher says', () => {
    expect(linesOf({ rule: r, points: '10' }, [f.value('25', { id: 'v' }), f.target('100', { id: 't' })])[0]).toMatchObject({ facts: ['v', 't'], params: { target: d(100) } });
    expect(linesOf({ rule: r, points: '10', indicator: { target: { text: '见文件', overrideWhenHigher: false } } }, [f.value('25'), f.target('100', { id: 't' })])[0]!.params['target']).toBe(d(100));
  });
  it('a named figure: its value; the figure missing is needs-judgement even with the main value', () => {
    const fig: Rule = { kind: 'proportional', effect: 'score', figure: '面积' };
    expect(linesOf({ rule: fig, points: '10', indicator: { target: { value: d(1), values: { 面积: d(40) } } } }, [f.value('20')])[0]!.params['target']).toBe(d(40));
    expect(linesOf({ rule: fig, points: '10', indicator: { target: { value: d(1), values: { 存栏: d(40) } } } }, [f.value('20')])[0]!.msg).toBe('target.missing');
  });
});

describe('scoreWithin: floor and ceiling of a scored clause at their edges', () => {
  const band = (amount: string): Rule => ({ kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ amount: d(amount) }] });
  it('above the points: a ceiling line with the score and the points, clamped', () => {
    expect(eval1({ rule: band('7'), points: '5' }, [f.value('1')])).toMatchObject({ lines: [{ kind: 'score', amount: '7' }, { kind: 'ceiling', amount: '-2', facts: [], msg: 'rule.ceiling', params: { score: d(7), points: d(5) } }], status: 'clamped', total: '5' });
  });
  it('exactly the points, or 0: no line, scored', () => {
    expect(eval1({ rule: band('5'), points: '5' }, [f.value('1')])).toMatchObject({ lines: [{ kind: 'score', amount: '5' }], status: 'scored', total: '5' });
    expect(eval1({ rule: band('0'), points: '5' }, [f.value('1')])).toMatchObject({ lines: [{ kind: 'score', amount: '0' }], status: 'scored', total: '0' });
  });
  it('below 0: a floor line with the score', () => {
    expect(eval1({ rule: band('-2'), points: '5' }, [f.value('1')])).toMatchObject({ lines: [{ kind: 'score', amount: '-2' }, { kind: 'floor', amount: '2', facts: [], msg: 'rule.floor', params: { score: d(-2) } }], total: '0' });
  });
});
