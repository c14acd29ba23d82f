/**
 * Mutation tests of rules/measure.rules.ts (issue 14 item 6; docs/testing.md): the ledger lines
 * each measured rule writes — kind, amount, message key, the figures its Chinese explanation
 * shows, the facts it cites — and the needs-judgement and needs-review lines, at the boundaries
 * the code decides on. Through the engine (test/test-scheme.ts); each expectation states its
 * arithmetic.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from './rule.types';
import { buildScheme, clauseStatus, d, f, run, str, unitOf, type Build } from '../../test/test-scheme';

type Shown = { kind: string; amount: string; facts: readonly string[]; msg: string; params: Record<string, string | number> };
/** Every ledger line of clause C1 of unit U1, in order, and the clause status and unit total. */
const eval1 = (b: Build, facts: readonly Fact[]): { lines: Shown[]; status: string | undefined; total: string } => {
  const u = unitOf(run(buildScheme(b), facts));
  const lines = u.ledger.filter((l) => l.ref === 'C1').map(({ kind, amount, facts: cited, msg, params }) => ({ kind, amount: str(amount), facts: cited, msg, params }));
  return { lines, status: clauseStatus(u), total: str(u.total) };
};
const linesOf = (b: Build, facts: readonly Fact[]): Shown[] => eval1(b, facts).lines;

describe('shortfall (P09, P43)', () => {
  const each: Rule = { kind: 'shortfall', effect: 'deduction', required: 4, amount: d('0.1') };
  it('without a count: needs-judgement naming the required count or the elements', () => {
    expect(eval1({ rule: each, points: '1' }, [])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'shortfall.no-count', params: { required: '4' } }], status: 'needs-judgement', total: '1' });
    const el: Rule = { kind: 'shortfall', effect: 'deduction', required: 0, amount: d(1), elements: ['铁门', '铁窗'] };
    expect(linesOf({ rule: el, points: '2' }, [])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'shortfall.no-count', params: { required: '铁门、铁窗' } }]);
  });

  it('1 short of 4 × 0.1: one line with required, done, short, amount, total', () => {
    expect(linesOf({ rule: each, points: '1' }, [f.count(3, { id: 'c' })])).toEqual([
      { kind: 'deduction', amount: '-0.1', facts: ['c'], msg: 'shortfall.each', params: { required: 4, done: 3, short: 1, amount: d('0.1'), total: d('0.1'), missing: '', subject: '' } },
    ]);
  });

  it('more done than required and exactly required: no line, nothing deducted', () => {
    expect(eval1({ rule: each, points: '1' }, [f.count(5)])).toEqual({ lines: [], status: 'scored', total: '1' });
    expect(eval1({ rule: each, points: '1' }, [f.count(4)])).toEqual({ lines: [], status: 'scored', total: '1' });
  });

  it('none done with a special amount: that amount once; without one, 4 × 0.1', () => {
    const none: Rule = { ...each, noneAmount: d('0.5') } as Rule;
    expect(linesOf({ rule: none, points: '1' }, [f.count(0, { id: 'c', subject: '甲' })])).toEqual([
      { kind: 'deduction', amount: '-0.5', facts: ['c'], msg: 'shortfall.none', params: { required: 4, amount: d('0.5'), subject: '甲' } },
    ]);
    expect(linesOf({ rule: none, points: '1' }, [f.count(1, { id: 'c' })])[0]!.amount).toBe('-0.3');
    expect(linesOf({ rule: each, points: '1' }, [f.count(0, { id: 'c' })])[0]!).toMatchObject({ amount: '-0.4', msg: 'shortfall.each' });
    expect(linesOf({ rule: none, points: '1' }, [f.count(0, { id: 'c' })])[0]!.params).toEqual({ required: 4, amount: d('0.5'), subject: '' });
    // nothing required: nothing is short, so none done loses nothing either
    expect(eval1({ rule: { kind: 'shortfall', effect: 'deduction', required: 0, amount: d('0.1'), noneAmount: d('0.5') }, points: '1' }, [f.count(0)])).toEqual({ lines: [], status: 'scored', total: '1' });
  });

  it('named elements: the missing ones are listed in the order of the rule', () => {
    const el: Rule = { kind: 'shortfall', effect: 'deduction', required: 0, amount: d('0.5'), elements: ['铁门', '铁窗', '铁柜', '报警器'] };
    expect(linesOf({ rule: el, points: '2' }, [f.count(0, { id: 'c', present: ['报警器', '铁门'] })])).toEqual([
      { kind: 'deduction', amount: '-1', facts: ['c'], msg: 'shortfall.elements', params: { required: 4, done: 2, short: 2, amount: d('0.5'), total: d(1), missing: '铁窗、铁柜', subject: '' } },
    ]);
    expect(linesOf({ rule: el, points: '2' }, [f.count(0, { present: ['铁门', '铁窗', '铁柜', '报警器'] })])).toEqual([]);
    // no `present` list: every element is missing (4 × 0.5 = 2)
    expect(linesOf({ rule: el, points: '2' }, [f.count(0, { id: 'c' })])[0]).toMatchObject({ amount: '-2', params: { done: 0, short: 4, missing: '铁门、铁窗、铁柜、报警器' } });
  });

  it("required 'target': the fact's own required count first, else the target cut to a whole number, else needs-judgement", () => {
    const r: Rule = { kind: 'shortfall', effect: 'deduction', required: 'target', amount: d(1) };
    expect(linesOf({ rule: r, points: '10', indicator: { target: { value: d(2) } } }, [f.count(1, { id: 'c', required: 3 })])[0]!.params).toMatchObject({ required: 3, short: 2 });
    expect(linesOf({ rule: r, points: '10', indicator: { target: { value: d('2.9') } } }, [f.count(1, { id: 'c' })])[0]!.params).toMatchObject({ required: 2, short: 1 });
    expect(eval1({ rule: r, points: '10', indicator: { target: { text: '按要求' } } }, [f.count(1, { id: 'c' })])).toEqual({
      lines: [{ kind: 'pending', amount: '0', facts: ['c'], msg: 'shortfall.no-required', params: {} }],
      status: 'needs-judgement',
      total: '10',
    });
    expect(linesOf({ rule: r, points: '10' }, [f.count(1, { id: 'c' })])[0]!.msg).toBe('shortfall.no-required');
  });

  it('per subject: every subject counts, a complete one does not stop the others; otherwise only the first count', () => {
    const r: Rule = { kind: 'shortfall', effect: 'deduction', required: 2, amount: d(1), perSubject: true };
    const facts = [f.count(2, { id: 'a', subject: '甲' }), f.count(1, { id: 'b', subject: '乙' }), f.count(0, { id: 'c', subject: '丙' })];
    expect(linesOf({ rule: r, points: '10' }, facts).map((l) => [l.facts[0], l.amount, l.params['subject']])).toEqual([['b', '-1', '乙'], ['c', '-2', '丙']]);
    const first: Rule = { kind: 'shortfall', effect: 'deduction', required: 2, amount: d(1) };
    expect(linesOf({ rule: first, points: '10' }, [f.count(1, { id: 'a' }), f.count(0, { id: 'b' })]).map((l) => l.facts)).toEqual([['a']]);
  });

  it('cap and minimum of the total', () => {
    const capped: Rule = { kind: 'shortfall', effect: 'deduction', required: 4, amount: d(1), cap: d('2.5') };
    const c = eval1({ rule: capped, points: '10' }, [f.count(0, { id: 'c' })]);
    expect([c.total, c.status, c.lines.map((l) => [l.kind, l.amount, l.msg])]).toEqual(['7.5', 'clamped', [['deduction', '-4', 'shortfall.each'], ['cap', '1.5', 'rule.cap']]]);
    const min: Rule = { kind: 'shortfall', effect: 'deduction', required: 4, amount: d('0.1'), minimum: d(1) };
    expect(eval1({ rule: min, points: '10' }, [f.count(3, { id: 'c' })]).total).toBe('9');
  });
});

describe('threshold steps (P10, P12, P47)', () => {
  const below: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(95), direction: 'below', initial: d('0.1'), step: d(5), perStep: d('0.2') };
  it('no metric: needs-judgement naming the metric', () => {
    expect(eval1({ rule: below, points: '1' }, [])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'value' } }], status: 'needs-judgement', total: '1' });
  });

  it('missed by 12: 0.1 + 2 whole steps × 0.2 = 0.5, with gap, initial, step, perStep, steps, total', () => {
    expect(linesOf({ rule: below, points: '1' }, [f.value('83', { id: 'v' })])).toEqual([
      { kind: 'deduction', amount: '-0.5', facts: ['v'], msg: 'threshold.missed', params: { value: d(83), threshold: d(95), gap: d(12), initial: d('0.1'), step: d(5), perStep: d('0.2'), steps: d(2), total: d('0.5') } },
    ]);
  });

  it('at the threshold it is met (a note) unless the rule misses at the threshold', () => {
    expect(eval1({ rule: below, points: '1' }, [f.value('95', { id: 'v' })])).toEqual({ lines: [{ kind: 'note', amount: '0', facts: ['v'], msg: 'threshold.met-note', params: { value: d(95), threshold: d(95) } }], status: 'scored', total: '1' });
    const atMiss = { ...below, missAtThreshold: true } as Rule;
    expect(linesOf({ rule: atMiss, points: '1' }, [f.value('95', { id: 'v' })])[0]).toMatchObject({ amount: '-0.1', msg: 'threshold.missed', params: { gap: 0, steps: 0 } });
    expect(linesOf({ rule: { ...below, missAtThreshold: false } as Rule, points: '1' }, [f.value('95')])[0]!.msg).toBe('threshold.met-note');
    expect(linesOf({ rule: below, points: '1' }, [f.value('95.000001')])[0]!.msg).toBe('threshold.met-note');
    // missing at the threshold does not make a value beyond it a miss
    expect(linesOf({ rule: atMiss, points: '1' }, [f.value('96', { id: 'v' })])).toEqual([{ kind: 'note', amount: '0', facts: ['v'], msg: 'threshold.met-note', params: { value: d(96), threshold: d(95) } }]);
  });

  it('above: the gap is value − threshold', () => {
    const above: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(10), direction: 'above', step: d(1), perStep: d(1) };
    expect(linesOf({ rule: above, points: '5' }, [f.value('12.5', { id: 'v' })])[0]).toMatchObject({ amount: '-2', params: { gap: d('2.5'), steps: d(2), initial: 0, total: d(2) } });
    expect(linesOf({ rule: above, points: '5' }, [f.value('9', { id: 'v' })])[0]!.msg).toBe('threshold.met-note');
  });

  it('only an initial amount: step and perStep are shown empty, no steps', () => {
    const once: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(95), direction: 'below', initial: d('0.3') };
    expect(linesOf({ rule: once, points: '1' }, [f.value('50', { id: 'v' })])).toEqual([
      { kind: 'deduction', amount: '-0.3', facts: ['v'], msg: 'threshold.missed', params: { value: d(50), threshold: d(95), gap: d(45), initial: d('0.3'), step: '', perStep: '', steps: 0, total: d('0.3') } },
    ]);
    // a step without an amount per step counts no steps either
    expect(linesOf({ rule: { ...once, step: d(5) } as Rule, points: '1' }, [f.value('50')])[0]!.params).toMatchObject({ steps: 0, total: d('0.3') });
    expect(linesOf({ rule: { ...once, perStep: d(5) } as Rule, points: '1' }, [f.value('50')])[0]!.params).toMatchObject({ steps: 0, total: d('0.3') });
  });

  it('partial steps: the rule, else the scheme setting, else floor', () => {
    const r = { ...below, initial: undefined } as Rule;
    expect(linesOf({ rule: r, points: '1' }, [f.value('88')])[0]!.params['steps']).toBe(d(1));
    expect(linesOf({ rule: r, points: '1', settings: { stepRounding: 'ceil' } }, [f.value('88')])[0]!.params['steps']).toBe(d(2));
    expect(linesOf({ rule: { ...r, stepRounding: 'exact' } as Rule, points: '1', settings: { stepRounding: 'ceil' } }, [f.value('88')])[0]!.params['steps']).toBe(d('1.4'));
  });

  it("threshold 'target': the unit's target, a higher published target (cited), or needs-judgement naming the figure", () => {
    const r = { ...below, threshold: 'target' } as Rule;
    expect(linesOf({ rule: r, points: '1', indicator: { target: { value: d(90) } } }, [f.value('80', { id: 'v' })])[0]).toMatchObject({ facts: ['v'], params: { threshold: d(90), gap: d(10) } });
    expect(linesOf({ rule: r, points: '1', indicator: { target: { value: d(90) } } }, [f.value('80', { id: 'v' }), f.target('100', { id: 't' })])[0]).toMatchObject({ facts: ['v', 't'], params: { threshold: d(100) } });
    expect(eval1({ rule: r, points: '1' }, [f.value('80', { id: 'v' })])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'target.missing', params: { figure: '' } }], status: 'needs-judgement', total: '1' });
    const fig = { ...r, figure: '面积' } as Rule;
    expect(linesOf({ rule: fig, points: '1', indicator: { target: { values: { 面积: d(90) } } } }, [f.value('80')])[0]!.params['threshold']).toBe(d(90));
    expect(linesOf({ rule: fig, points: '1', indicator: { target: { value: d(90) } } }, [f.value('80')])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'target.missing', params: { figure: '面积' } }]);
  });

  it('a scored clause: met keeps its points; missed shows the full points, then the capped deduction; never below zero', () => {
    const s: Rule = { kind: 'threshold-steps', effect: 'score', metric: { of: 'value' }, threshold: d(100), direction: 'below', step: d(1), perStep: d(2), cap: d(3) };
    expect(eval1({ rule: s, points: '10' }, [f.value('100', { id: 'v' })])).toEqual({ lines: [{ kind: 'score', amount: '10', facts: ['v'], msg: 'threshold.met', params: { value: d(100), threshold: d(100), points: d(10) } }], status: 'scored', total: '10' });
    expect(linesOf({ rule: s, points: '10' }, [f.value('97', { id: 'v' })])).toEqual([
      { kind: 'score', amount: '10', facts: ['v'], msg: 'threshold.full', params: { points: d(10) } },
      { kind: 'deduction', amount: '-3', facts: ['v'], msg: 'threshold.missed', params: { value: d(97), threshold: d(100), gap: d(3), initial: 0, step: d(1), perStep: d(2), steps: d(3), total: d(6) } },
    ]);
    const noCap = { ...s, cap: undefined } as Rule;
    const r = eval1({ rule: noCap, points: '2' }, [f.value('97', { id: 'v' })]);
    expect([r.total, r.lines.map((l) => [l.kind, l.amount, l.msg])]).toEqual(['0', [['score', '2', 'threshold.full'], ['deduction', '-6', 'threshold.missed'], ['floor', '4', 'rule.floor']]]);
  });

  it('beyond the judgement limit a judgement decides; at the limit the steps still count', () => {
    const j: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(95), direction: 'below', step: d(5), perStep: d('0.2'), judgementBeyond: d(80) };
    expect(eval1({ rule: j, points: '1' }, [f.value('70', { id: 'v' })])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: ['v'], msg: 'threshold.judgement', params: { value: d(70), threshold: d(95), limit: d(80) } }], status: 'needs-judgement', total: '1' });
    expect(linesOf({ rule: j, points: '1' }, [f.value('70', { id: 'v' }), f.judge('2', { id: 'j', reason: '严重', by: '考核组' })])).toEqual([
      { kind: 'deduction', amount: '-1', facts: ['v', 'j'], msg: 'discretionary.judged', params: { amount: d(1), min: '0', max: d(1), reason: '严重', by: '考核组' } },
    ]);
    expect(linesOf({ rule: j, points: '1' }, [f.value('70'), f.judge('0.4', { reason: '一般' })])[0]).toMatchObject({ amount: '-0.4', params: { amount: d('0.4'), by: '' } });
    expect(linesOf({ rule: j, points: '1' }, [f.value('80', { id: 'v' })])[0]).toMatchObject({ msg: 'threshold.missed', params: { steps: d(3) } });
    const up: Rule = { ...j, direction: 'above', threshold: d(10), judgementBeyond: d(20) } as Rule;
    expect(linesOf({ rule: up, points: '1' }, [f.value('21')])[0]!.msg).toBe('threshold.judgement');
    expect(linesOf({ rule: up, points: '1' }, [f.value('20')])[0]!.msg).toBe('threshold.missed');
    // a deduction-only list (no points): the judged amount is not clamped above, and no maximum is shown
    expect(linesOf({ rule: j }, [f.value('70'), f.judge('3', { id: 'j' })])[0]).toMatchObject({ amount: '-3', params: { max: '' } });
  });

  it('cap and minimum of a deduction', () => {
    const r = { ...below, cap: d('0.3') } as Rule;
    const c = eval1({ rule: r, points: '1' }, [f.value('83', { id: 'v' })]);
    expect([c.total, c.status, c.lines.map((l) => [l.kind, l.amount])]).toEqual(['0.7', 'clamped', [['deduction', '-0.5'], ['cap', '0.2']]]);
    const m = { ...below, minimum: d('0.3') } as Rule;
    expect(eval1({ rule: m, points: '1' }, [f.value('94')]).total).toBe('0.7');
  });
});

describe('bands (P11)', () => {
  const bands: Rule = {
    kind: 'bands',
    effect: 'score',
    metric: { of: 'value' },
    bands: [
      { min: d(90), amount: d(3) },
      { min: d(80), max: d(90), amount: d(2) },
      { min: d(60), minInclusive: false, max: d(70), maxInclusive: true, amount: d(1) },
    ],
    otherwise: d('0.5'),
  };
  it('the band hit, in words, with the value and the amount; bounds at each edge', () => {
    expect(linesOf({ rule: bands, points: '3' }, [f.value('85', { id: 'v' })])).toEqual([{ kind: 'score', amount: '2', facts: ['v'], msg: 'bands.hit', params: { value: d(85), x: d(85), band: '≥80 且 <90', amount: d(2) } }]);
    expect(linesOf({ rule: bands, points: '3' }, [f.value('90')])[0]!.params).toMatchObject({ band: '≥90', amount: d(3) });
    expect(linesOf({ rule: bands, points: '3' }, [f.value('80')])[0]!.params['band']).toBe('≥80 且 <90');
    expect(linesOf({ rule: bands, points: '3' }, [f.value('70')])[0]!.params).toMatchObject({ band: '>60 且 ≤70', amount: d(1) });
    expect(linesOf({ rule: bands, points: '3' }, [f.value('60.000001')])[0]!.params['band']).toBe('>60 且 ≤70');
  });

  it('no band: the otherwise amount (default 0) and an empty band', () => {
    expect(linesOf({ rule: bands, points: '3' }, [f.value('60', { id: 'v' })])).toEqual([{ kind: 'score', amount: '0.5', facts: ['v'], msg: 'bands.none', params: { value: d(60), x: d(60), band: '', amount: d('0.5') } }]);
    expect(linesOf({ rule: bands, points: '3' }, [f.value('75')])[0]!.msg).toBe('bands.none');
    const noOtherwise = { ...bands, otherwise: undefined } as Rule;
    expect(linesOf({ rule: noOtherwise, points: '3' }, [f.value('10')])[0]).toMatchObject({ amount: '0', params: { amount: 0 } });
  });

  it('a label replaces the words; a band without bounds reads 任意; the first band matching wins', () => {
    const r: Rule = { kind: 'bands', effect: 'deduction', metric: { of: 'value' }, bands: [{ max: d(50), maxInclusive: true, amount: d(2), label: '差' }, { amount: d(1) }] };
    expect(linesOf({ rule: r, points: '5' }, [f.value('50')])[0]).toMatchObject({ kind: 'deduction', amount: '-2', params: { band: '差' } });
    expect(linesOf({ rule: r, points: '5' }, [f.value('51')])[0]).toMatchObject({ amount: '-1', params: { band: '任意' } });
  });

  it('a scored band stays within the points', () => {
    const r: Rule = { kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ min: d(0), amount: d(5) }] };
    expect(eval1({ rule: r, points: '3' }, [f.value('1')]).lines.map((l) => [l.kind, l.amount])).toEqual([['score', '5'], ['ceiling', '-2']]);
  });

  it('a judgement band: needs-judgement naming the band, then the judged amount within the points', () => {
    const r: Rule = { kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ min: d(90), amount: d(3) }, { max: d(90), amount: d(0), judgement: true }] };
    expect(eval1({ rule: r, points: '3' }, [f.value('70', { id: 'v' })])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: ['v'], msg: 'bands.judgement', params: { value: d(70), band: '<90' } }], status: 'needs-judgement', total: '0' });
    expect(linesOf({ rule: r, points: '3' }, [f.value('70', { id: 'v' }), f.judge('4', { id: 'j', reason: '较好', by: '组' })])).toEqual([
      { kind: 'score', amount: '4', facts: ['v', 'j'], msg: 'discretionary.judged', params: { amount: d(4), min: '0', max: d(3), reason: '较好', by: '组' } },
      { kind: 'ceiling', amount: '-1', facts: [], msg: 'rule.ceiling', params: { score: d(4), points: d(3) } },
    ]);
    const ded: Rule = { kind: 'bands', effect: 'deduction', metric: { of: 'value' }, bands: [{ amount: d(0), judgement: true }] };
    expect(linesOf({ rule: ded }, [f.value('1'), f.judge('2', { id: 'j' })])[0]).toMatchObject({ kind: 'deduction', amount: '-2', params: { max: '', by: '' } });
  });

  it('no metric: needs-judgement naming it', () => {
    expect(linesOf({ rule: { ...bands, metric: { of: 'rate' } } as Rule, points: '3' }, [f.value('1')])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'rate' } }]);
  });
});

describe('lateness (P14)', () => {
  const days: Rule = { kind: 'lateness', effect: 'deduction', amountPerPeriod: d('0.1'), period: 'day' };
  it('reported periods: one line per fact with periods, period, amount, total and the dates', () => {
    expect(linesOf({ rule: days, points: '1' }, [f.late({ id: 'l', periods: 3 })])).toEqual([
      { kind: 'deduction', amount: '-0.3', facts: ['l'], msg: 'lateness.each', params: { periods: 3, period: 'day', amount: d('0.1'), total: d('0.3'), due: '', done: '' } },
    ]);
    expect(linesOf({ rule: days, points: '1' }, [f.late({ periods: 0 }), f.late({ id: 'b', periods: 1 })]).map((l) => l.facts)).toEqual([['b']]);
    // reported periods win over the dates; a negative report counts nothing (never a deduction turned bonus)
    expect(linesOf({ rule: days, points: '1' }, [f.late({ periods: 2, due: '2024-03-01', done: '2024-03-04' })])[0]!.params).toMatchObject({ periods: 2, total: d('0.2') });
    expect(eval1({ rule: days, points: '1' }, [f.late({ periods: -2 })])).toEqual({ lines: [], status: 'scored', total: '1' });
  });

  it('from due and done dates: days; none when done on or before the due date', () => {
    expect(linesOf({ rule: days, points: '1' }, [f.late({ id: 'l', due: '2024-03-01', done: '2024-03-04' })])[0]!.params).toEqual({ periods: 3, period: 'day', amount: d('0.1'), total: d('0.3'), due: '2024-03-01', done: '2024-03-04' });
    expect(eval1({ rule: days, points: '1' }, [f.late({ due: '2024-03-04', done: '2024-03-04' }), f.late({ due: '2024-03-04', done: '2024-03-01' })])).toEqual({ lines: [], status: 'scored', total: '1' });
  });

  it('workdays: Monday to Friday after the due date up to the done date', () => {
    const wd = { ...days, period: 'workday' } as Rule;
    // 2024-03-01 is a Friday: Sat 2, Sun 3, Mon 4 … Mon 11 → Mon–Fri 4,5,6,7,8,11 = 6
    expect(linesOf({ rule: wd, points: '1' }, [f.late({ due: '2024-03-01', done: '2024-03-11' })])[0]!.params).toMatchObject({ periods: 6, period: 'workday' });
    // due Friday, done Sunday: no workday late
    expect(linesOf({ rule: wd, points: '1' }, [f.late({ due: '2024-03-01', done: '2024-03-03' })])).toEqual([]);
    // due Friday, done Monday: one
    expect(linesOf({ rule: wd, points: '1' }, [f.late({ due: '2024-03-01', done: '2024-03-04' })])[0]!.params['periods']).toBe(1);
  });

  it('months: a started month counts, an earlier date counts none', () => {
    const mo = { ...days, period: 'month', amountPerPeriod: d(1) } as Rule;
    const p = (due: string, done: string) => linesOf({ rule: mo, points: '10' }, [f.late({ due, done })])[0]?.params['periods'];
    expect(p('2024-01-31', '2024-03-15')).toBe(2);
    expect(p('2024-01-15', '2024-03-15')).toBe(2);
    expect(p('2024-01-15', '2024-03-16')).toBe(3);
    expect(p('2023-11-15', '2024-01-15')).toBe(2);
    expect(p('2024-03-15', '2024-01-20')).toBeUndefined();
  });

  it('neither periods nor both dates: needs-review for that fact, the others still count', () => {
    expect(eval1({ rule: days, points: '1' }, [f.late({ id: 'a', due: '2024-03-01' }), f.late({ id: 'b', periods: 2 })])).toEqual({
      lines: [
        { kind: 'review', amount: '0', facts: ['a'], msg: 'lateness.unknown', params: {} },
        { kind: 'deduction', amount: '-0.2', facts: ['b'], msg: 'lateness.each', params: { periods: 2, period: 'day', amount: d('0.1'), total: d('0.2'), due: '', done: '' } },
      ],
      status: 'needs-review',
      total: '0.8',
    });
    expect(linesOf({ rule: days, points: '1' }, [f.late({ id: 'a', done: '2024-03-01' })])[0]!.msg).toBe('lateness.unknown');
  });

  it('no lateness fact: nothing, scored; a cap and a minimum on the total', () => {
    expect(eval1({ rule: days, points: '1' }, [])).toEqual({ lines: [], status: 'scored', total: '1' });
    expect(eval1({ rule: { ...days, cap: d('0.5') } as Rule, points: '1' }, [f.late({ periods: 9 })]).total).toBe('0.5');
    expect(eval1({ rule: { ...days, minimum: d('0.5') } as Rule, points: '1' }, [f.late({ periods: 1 })]).total).toBe('0.5');
  });
});

describe('deadline (P45)', () => {
  const r: Rule = { kind: 'deadline', effect: 'deduction', deadline: '2024-01-31', amount: d('0.5') };
  it('no flag: needs-judgement naming the deadline; done without a date: needs-judgement citing the fact', () => {
    expect(eval1({ rule: r, points: '1' }, [])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'deadline.no-fact', params: { deadline: '2024-01-31' } }], status: 'needs-judgement', total: '1' });
    expect(eval1({ rule: r, points: '1' }, [f.flag(true, { id: 'g' })])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: ['g'], msg: 'deadline.no-date', params: { deadline: '2024-01-31' } }], status: 'needs-judgement', total: '1' });
  });
  it('done on the deadline is met (a note); a day later or not done loses the amount', () => {
    expect(eval1({ rule: r, points: '1' }, [f.flag(true, { id: 'g', date: '2024-01-31' })])).toEqual({ lines: [{ kind: 'note', amount: '0', facts: ['g'], msg: 'deadline.met', params: { deadline: '2024-01-31', date: '2024-01-31' } }], status: 'scored', total: '1' });
    expect(eval1({ rule: r, points: '1' }, [f.flag(true, { id: 'g', date: '2024-02-01' })])).toEqual({ lines: [{ kind: 'deduction', amount: '-0.5', facts: ['g'], msg: 'deadline.missed', params: { deadline: '2024-01-31', date: '2024-02-01', amount: d('0.5') } }], status: 'scored', total: '0.5' });
    expect(linesOf({ rule: r, points: '1' }, [f.flag(false, { id: 'g', date: '2024-01-01' })])).toEqual([{ kind: 'deduction', amount: '-0.5', facts: ['g'], msg: 'deadline.missed', params: { deadline: '2024-01-31', date: '', amount: d('0.5') } }]);
  });
});

describe('proportional (P16)', () => {
  const s: Rule = { kind: 'proportional', effect: 'score', target: d(200) };
  it('points × actual / target with every figure; over-completion capped at the target', () => {
    expect(eval1({ rule: s, points: '10' }, [f.value('150', { id: 'v' })])).toEqual({ lines: [{ kind: 'score', amount: '7.5', facts: ['v'], msg: 'proportional.score', params: { actual: d(150), target: d(200), points: d(10), earned: d('7.5'), capped: 0, exact: 1 } }], status: 'scored', total: '7.5' });
    expect(linesOf({ rule: s, points: '10' }, [f.value('300', { id: 'v' })])).toEqual([{ kind: 'score', amount: '10', facts: ['v'], msg: 'proportional.score', params: { actual: d(300), target: d(200), points: d(10), earned: d(10), capped: 1, exact: 1 } }]);
    expect(linesOf({ rule: s, points: '10' }, [f.value('200')])[0]!.params['capped']).toBe(0);
    expect(linesOf({ rule: s, points: '1' }, [f.value('1')])[0]!.params).toMatchObject({ earned: d('0.005'), exact: 1 });
    expect(linesOf({ rule: { ...s, target: d(3) } as Rule, points: '1' }, [f.value('1')])[0]!.params).toMatchObject({ earned: d('0.333333'), exact: 0 });
  });

  it('allowed over-completion is kept here; the indicator ceiling decides', () => {
    const over = { ...s, allowOver: true } as Rule;
    const r = eval1({ rule: over, points: '10', indicator: { ceiling: null } as never }, [f.value('300', { id: 'v' })]);
    expect(r.lines[0]).toEqual({ kind: 'score', amount: '15', facts: ['v'], msg: 'proportional.score', params: { actual: d(300), target: d(200), points: d(10), earned: d(15), capped: 0, exact: 1 } });
    expect(r.lines.filter((l) => l.msg === 'rule.ceiling')).toEqual([]);
  });

  it("the rule's own points before the clause's; no points at all: needs-judgement", () => {
    expect(linesOf({ rule: { ...s, points: d(4) } as Rule, points: '10' }, [f.value('100')])[0]!.params).toMatchObject({ points: d(4), earned: d(2) });
    expect(eval1({ rule: s }, [f.value('100')]).lines).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'proportional.no-points', params: {} }]);
  });

  it("the unit's target (with a higher published one, cited), or needs-judgement; a zero target is needs-judgement", () => {
    const t: Rule = { kind: 'proportional', effect: 'score' };
    expect(linesOf({ rule: t, points: '10', indicator: { target: { value: d(50) } } }, [f.value('25', { id: 'v' })])[0]).toMatchObject({ amount: '5', facts: ['v'] });
    expect(linesOf({ rule: t, points: '10', indicator: { target: { value: d(50) } } }, [f.value('25', { id: 'v' }), f.target('100', { id: 't' })])[0]).toMatchObject({ amount: '2.5', facts: ['v', 't'] });
    expect(linesOf({ rule: { ...t, target: 'target' } as Rule, points: '10', indicator: { target: { value: d(50) } } }, [f.value('25')])[0]!.amount).toBe('5');
    expect(linesOf({ rule: t, points: '10' }, [f.value('25')])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'target.missing', params: { figure: '' } }]);
    expect(linesOf({ rule: { ...t, figure: '面积' } as Rule, points: '10', indicator: { target: { value: d(50) } } }, [f.value('25')])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'target.missing', params: { figure: '面积' } }]);
    expect(eval1({ rule: t, points: '10', indicator: { target: { value: d(0) } } }, [f.value('25', { id: 'v' })])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: ['v'], msg: 'proportional.zero-target', params: {} }], status: 'needs-judgement', total: '0' });
    expect(linesOf({ rule: s, points: '10' }, [])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'value' } }]);
    expect(linesOf({ rule: { ...s, metric: { of: 'sub-score' } } as Rule, points: '10' }, [f.value('1')])).toEqual([{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'sub-score' } }]);
  });

  it('as a deduction: points − earned, never negative, with its cap', () => {
    const dd: Rule = { kind: 'proportional', effect: 'deduction', target: d(200) };
    expect(linesOf({ rule: dd, points: '10' }, [f.value('150', { id: 'v' })])).toEqual([{ kind: 'deduction', amount: '-2.5', facts: ['v'], msg: 'proportional.deduction', params: { actual: d(150), target: d(200), points: d(10), earned: d('7.5'), capped: 0, exact: 1, deduction: d('2.5') } }]);
    const over = { ...dd, allowOver: true } as Rule;
    expect(eval1({ rule: over, points: '10' }, [f.value('300')])).toEqual({ lines: [], status: 'scored', total: '10' });
    expect(eval1({ rule: { ...dd, cap: d(1) } as Rule, points: '10' }, [f.value('100')]).total).toBe('9');
  });
});

describe('rate formula (P20)', () => {
  const s: Rule = { kind: 'rate-formula', effect: 'score', weight: d(10) };
  it('rate × weight with every figure', () => {
    expect(eval1({ rule: s, points: '10' }, [f.rate('8', '10', { id: 'r' })])).toEqual({ lines: [{ kind: 'score', amount: '8', facts: ['r'], msg: 'rate.score', params: { numerator: d(8), denominator: d(10), weight: d(10), invert: 0, offset: '', raw: d(8), result: d(8), decimals: '' } }], status: 'scored', total: '8' });
  });
  it('inverted with an offset and a part subtracted from the numerator: (1 − (9−1)/10 + 5%) × 10 = 2.5', () => {
    const r: Rule = { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true, offset: d('0.05'), subtractFromNumerator: 'rework' };
    expect(linesOf({ rule: r, points: '10' }, [f.rate('9', '10', { id: 'r', parts: { rework: d(1) } })])).toEqual([{ kind: 'score', amount: '2.5', facts: ['r'], msg: 'rate.score', params: { numerator: d(8), denominator: d(10), weight: d(10), invert: 1, offset: d('0.05'), raw: d('2.5'), result: d('2.5'), decimals: '' } }]);
    // the part missing from the fact subtracts nothing
    expect(linesOf({ rule: r, points: '10' }, [f.rate('9', '10')])[0]!.params['numerator']).toBe(d(9));
  });
  it('no rate: needs-judgement; a zero denominator: a note and 0 points (a deduction rule: nothing)', () => {
    expect(eval1({ rule: s, points: '10' }, [])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'metric.missing', params: { metric: 'rate' } }], status: 'needs-judgement', total: '0' });
    expect(eval1({ rule: s, points: '10' }, [f.rate('3', '0', { id: 'r' })])).toEqual({ lines: [{ kind: 'note', amount: '0', facts: ['r'], msg: 'rate.zero-denominator', params: {} }], status: 'scored', total: '0' });
    expect(eval1({ rule: { ...s, effect: 'deduction' } as Rule, points: '10' }, [f.rate('3', '0', { id: 'r' })])).toEqual({ lines: [{ kind: 'note', amount: '0', facts: ['r'], msg: 'rate.zero-denominator', params: {} }], status: 'scored', total: '10' });
  });
  it('clamped to [floor, ceiling] (default [0, weight]): status clamped, raw and result both shown', () => {
    const r: Rule = { kind: 'rate-formula', effect: 'score', weight: d(10), offset: d('0.5') };
    expect(eval1({ rule: r, points: '20', indicator: { ceiling: null } as never }, [f.rate('8', '10', { id: 'r' })])).toMatchObject({ lines: [{ amount: '10', params: { raw: d(13), result: d(10) } }], status: 'clamped', total: '10' });
    expect(eval1({ rule: { ...r, ceiling: d(12) } as Rule, points: '20', indicator: { ceiling: null } as never }, [f.rate('8', '10')])).toMatchObject({ lines: [{ amount: '12' }], status: 'clamped' });
    expect(eval1({ rule: { ...r, ceiling: d(13) } as Rule, points: '20', indicator: { ceiling: null } as never }, [f.rate('8', '10')])).toMatchObject({ lines: [{ amount: '13' }], status: 'scored' });
  });
  it('decimals with the stated rounding (default half-up); a rounded result is not "clamped"', () => {
    const r: Rule = { kind: 'rate-formula', effect: 'score', weight: d(10), decimals: 1 };
    expect(eval1({ rule: r, points: '10' }, [f.rate('1', '8', { id: 'r' })])).toMatchObject({ lines: [{ amount: '1.3', params: { raw: d('1.25'), result: d('1.3'), decimals: 1 } }], status: 'scored' });
    expect(linesOf({ rule: { ...r, rounding: 'floor' } as Rule, points: '10' }, [f.rate('1', '8')])[0]!.amount).toBe('1.2');
  });
  it('as a deduction: the value is deducted', () => {
    expect(linesOf({ rule: { kind: 'rate-formula', effect: 'deduction', weight: d(2) }, points: '10' }, [f.rate('1', '4', { id: 'r' })])).toEqual([{ kind: 'deduction', amount: '-0.5', facts: ['r'], msg: 'rate.deduction', params: { numerator: d(1), denominator: d(4), weight: d(2), invert: 0, offset: '', raw: d('0.5'), result: d('0.5'), decimals: '' } }]);
  });
});

describe('survey (P47)', () => {
  const r: Rule = { kind: 'survey', groups: { 群众: d(6), 干部: d(4) } };
  it('Σ weight × satisfaction%, one line per group in the order of the rule', () => {
    expect(eval1({ rule: r, points: '10' }, [f.survey('干部', '50', { id: 'b' }), f.survey('群众', '90', { id: 'a' })])).toEqual({
      lines: [
        { kind: 'score', amount: '5.4', facts: ['a'], msg: 'survey.group', params: { group: '群众', weight: d(6), value: d(90), part: d('5.4') } },
        { kind: 'score', amount: '2', facts: ['b'], msg: 'survey.group', params: { group: '干部', weight: d(4), value: d(50), part: d(2) } },
      ],
      status: 'scored',
      total: '7.4',
    });
  });
  it('missing groups: needs-judgement naming them', () => {
    expect(eval1({ rule: { kind: 'survey', groups: { 群众: d(6), 干部: d(3), 企业: d(1) } }, points: '10' }, [f.survey('干部', '50')])).toEqual({ lines: [{ kind: 'pending', amount: '0', facts: [], msg: 'survey.missing', params: { groups: '群众、企业' } }], status: 'needs-judgement', total: '0' });
  });
  it('decimals: a rounding line only when the sum changes; the points bound the score', () => {
    const rd: Rule = { kind: 'survey', groups: { 群众: d(3) }, decimals: 1 };
    expect(linesOf({ rule: rd, points: '10' }, [f.survey('群众', '88.5', { id: 'a' })])).toEqual([
      { kind: 'score', amount: '2.655', facts: ['a'], msg: 'survey.group', params: { group: '群众', weight: d(3), value: d('88.5'), part: d('2.655') } },
      { kind: 'round', amount: '0.045', facts: [], msg: 'rule.round', params: { decimals: 1 } },
    ]);
    expect(linesOf({ rule: rd, points: '10' }, [f.survey('群众', '90')]).map((l) => l.msg)).toEqual(['survey.group']);
    expect(eval1({ rule: { kind: 'survey', groups: { 群众: d(12) } }, points: '10' }, [f.survey('群众', '100')]).lines.map((l) => [l.kind, l.amount])).toEqual([['score', '12'], ['ceiling', '-2']]);
  });
});
