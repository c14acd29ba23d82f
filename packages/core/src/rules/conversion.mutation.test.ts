/**
 * Survivors of the first mutation run of rules/conversion.rules.ts (2026-12-02, docs/testing.md):
 * the ledger line each conversion method (P25a–k) writes — its message key, the figures its
 * Chinese explanation shows, the facts it cites — which sub-score it reads when there are several,
 * and the needs-judgement lines. Through the engine (test/test-scheme.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { ConversionMethod, Rule } from './rule.types';
import { buildScheme, d, f, run, score, str, unitOf, type Build } from '../../test/test-scheme';

const conv = (method: ConversionMethod, effect: 'score' | 'deduction' = 'score', from?: string): Rule => ({ kind: 'conversion', effect, method, ...(from ? { from } : {}) });
const lineOf = (b: Build, facts: readonly Fact[], unit = 'U1') => {
  const lines = unitOf(run(buildScheme(b), facts), unit).ledger.filter((l) => l.ref === 'C1');
  expect(lines).toHaveLength(1);
  const { kind, amount, facts: cited, msg, params } = lines[0]!;
  return { kind, amount: str(amount), facts: cited, msg, params };
};

describe('conversion: the ledger line of each method', () => {
  it('P25a linear: score, base, weight, result; the base of the named sub-assessment', () => {
    expect(lineOf({ rule: conv({ type: 'linear', weight: d(10) }), points: '10' }, [f.sub('85', { id: 's' })])).toEqual({ kind: 'score', amount: '8.5', facts: ['s'], msg: 'conversion.linear', params: { score: d(85), base: d(100), weight: d(10), result: d('8.5') } });
    const named: Build = { rule: conv({ type: 'linear', weight: d(10) }, 'score', 'S1'), points: '10', subAssessments: [{ code: 'S1', title: '专项', base: d(1000) }] };
    expect(lineOf(named, [f.sub('850', { id: 's' })]).params).toEqual({ score: d(850), base: d(1000), weight: d(10), result: d('8.5') });
    const unknown: Build = { rule: conv({ type: 'linear', weight: d(10) }, 'score', 'S9'), points: '10', subAssessments: [{ code: 'S1', title: '专项', base: d(1000) }] };
    expect(lineOf(unknown, [f.sub('85', { id: 's' })]).params.base).toBe(d(100));
    expect(lineOf({ rule: conv({ type: 'linear', base: d(50), weight: d(10) }), points: '10' }, [f.sub('40', { id: 's' })]).params).toEqual({ score: d(40), base: d(50), weight: d(10), result: d(8) });
  });

  it('every method without a sub-score is needs-judgement naming the sub-assessment', () => {
    const methods: ConversionMethod[] = [
      { type: 'linear', weight: d(10) },
      { type: 'bands', bands: [{ min: d(90), amount: d(1) }] },
      { type: 'grade-steps', good: d(80), width: d(5), perStep: d('0.1') },
      { type: 'best-normalised', weight: d(1) },
      { type: 'deduction-proportional', weight: d(1) },
      { type: 'rescale', rawBase: d(1000) },
    ];
    for (const m of methods) {
      expect(lineOf({ rule: conv(m, 'score', 'S1'), points: '10', subAssessments: [{ code: 'S1', title: '专项', base: d(100) }] }, []), m.type).toEqual({ kind: 'pending', amount: '0', facts: [], msg: 'conversion.no-score', params: { from: 'S1' } });
      expect(lineOf({ rule: conv(m), points: '10' }, []).params, m.type).toEqual({ from: '' });
    }
  });

  it('of several sub-scores the one without channel and period counts, else the first', () => {
    const r = conv({ type: 'linear', weight: d(10) });
    expect(lineOf({ rule: r, points: '10' }, [f.sub('60', { id: 'q', period: 'Q1' }), f.sub('70', { id: 'c', channel: '日常' }), f.sub('85', { id: 'y' })]).facts).toEqual(['y']);
    expect(lineOf({ rule: r, points: '10' }, [f.sub('60', { id: 'q', period: 'Q1' }), f.sub('70', { id: 'c', channel: '日常' })]).facts).toEqual(['q']);
    expect(lineOf({ rule: r, points: '10' }, [f.sub('70', { id: 'c', channel: '日常' }), f.sub('60', { id: 'q', period: 'Q1' })]).facts).toEqual(['c']);
  });

  it('P25c grade steps: at or above good nothing is lost (no line); below, the steps are shown', () => {
    const r = conv({ type: 'grade-steps', good: d(80), width: d(5), perStep: d('0.1') }, 'deduction');
    const ok = score({ rule: r, points: '1' }, [f.sub('80', { id: 's' })]);
    expect([str(ok.total), ok.ledger.filter((l) => l.ref === 'C1')]).toEqual(['1', []]);
    expect(lineOf({ rule: r, points: '1' }, [f.sub('74', { id: 's' })])).toEqual({ kind: 'deduction', amount: '-0.2', facts: ['s'], msg: 'conversion.grade-steps', params: { score: d(74), good: d(80), gap: d(6), width: d(5), steps: d(2), perStep: d('0.1'), total: d('0.2') } });
  });

  it('P25d best-normalised: the best of the group is shown; a group whose best is 0 is needs-judgement', () => {
    const r = conv({ type: 'best-normalised', weight: d(1) });
    expect(lineOf({ rule: r, points: '1', units: 2 }, [f.sub('45', { id: 'a', unit: 'U1' }), f.sub('90', { id: 'b', unit: 'U2' })])).toEqual({ kind: 'score', amount: '0.5', facts: ['a'], msg: 'conversion.best', params: { score: d(45), best: d(90), weight: d(1), result: d('0.5') } });
    expect(lineOf({ rule: r, points: '1', units: 2 }, [f.sub('0', { id: 'a', unit: 'U1' }), f.sub('0', { id: 'b', unit: 'U2' })])).toMatchObject({ kind: 'pending', msg: 'conversion.no-peers' });
  });

  it('P25f deduction-proportional: the base is the method base, else the sub-assessment base', () => {
    const r = conv({ type: 'deduction-proportional', weight: d(5) }, 'deduction');
    expect(lineOf({ rule: r, points: '5' }, [f.sub('92', { id: 's' })])).toEqual({ kind: 'deduction', amount: '-0.4', facts: ['s'], msg: 'conversion.deduction-proportional', params: { score: d(92), base: d(100), weight: d(5), result: d('0.4') } });
    const own = conv({ type: 'deduction-proportional', base: d(50), weight: d(5) }, 'deduction');
    expect(lineOf({ rule: own, points: '5' }, [f.sub('40', { id: 's' })]).params).toEqual({ score: d(40), base: d(50), weight: d(5), result: d(1) });
  });

  it('P25g weighted: the parts are listed in the order of the weights; every sub-score is cited', () => {
    const r = conv({ type: 'weighted', weights: { 现场核查: d('0.8'), 综合评价: d('0.2') } });
    expect(lineOf({ rule: r, points: '100' }, [f.sub('80', { id: 'b', channel: '综合评价' }), f.sub('90', { id: 'a', channel: '现场核查' })])).toEqual({ kind: 'score', amount: '88', facts: ['b', 'a'], msg: 'conversion.weighted', params: { parts: '现场核查 90×0.8=72；综合评价 80×0.2=16', result: d(88) } });
    expect(lineOf({ rule: r, points: '100' }, [f.sub('80', { id: 'b', channel: '其他' })])).toEqual({ kind: 'pending', amount: '0', facts: [], msg: 'conversion.missing-channels', params: { channels: '现场核查、综合评价' } });
  });

  it('P25h rescale: raw base, base, scaled and result', () => {
    expect(lineOf({ rule: conv({ type: 'rescale', rawBase: d(1000), weight: d(5) }), points: '5' }, [f.sub('873', { id: 's' })])).toEqual({ kind: 'score', amount: '4.365', facts: ['s'], msg: 'conversion.rescale', params: { score: d(873), rawBase: d(1000), base: d(100), scaled: d('87.3'), result: d('4.365') } });
    expect(lineOf({ rule: conv({ type: 'rescale', rawBase: d(1000), base: d(10) }), points: '10' }, [f.sub('873', { id: 's' })]).params).toEqual({ score: d(873), rawBase: d(1000), base: d(10), scaled: d('8.73'), result: d('8.73') });
  });

  it('P25i period average: count, sum, divisor, mean, factor; only period facts are cited', () => {
    const facts = [f.sub('80', { id: 'p1', period: 'Q1' }), f.sub('90', { id: 'p2', period: 'Q2' }), f.sub('99', { id: 'y' })];
    expect(lineOf({ rule: conv({ type: 'period-average', factor: d('0.9') }), points: '100' }, facts)).toEqual({ kind: 'score', amount: '76.5', facts: ['p1', 'p2'], msg: 'conversion.period-average', params: { n: 2, sum: d(170), divisor: 2, mean: d(85), factor: d('0.9'), result: d('76.5') } });
    expect(lineOf({ rule: conv({ type: 'period-average', divisor: 4 }), points: '100' }, facts).params).toEqual({ n: 2, sum: d(170), divisor: 4, mean: d('42.5'), factor: '1', result: d('42.5') });
    expect(lineOf({ rule: conv({ type: 'period-average' }), points: '100' }, [f.sub('99', { id: 'y' })])).toEqual({ kind: 'pending', amount: '0', facts: [], msg: 'conversion.no-periods', params: {} });
  });

  it('P25k deduction range: the judged amount within its bounds, the reason and who judged', () => {
    const r = conv({ type: 'deduction-range', min: d('0.1'), max: d(1) }, 'deduction');
    expect(lineOf({ rule: r, points: '10' }, [f.sub('70', { id: 's' }), f.judge('1.5', { id: 'j', reason: '问题较多', by: '考核组' })])).toEqual({ kind: 'deduction', amount: '-1', facts: ['j'], msg: 'discretionary.judged', params: { amount: d(1), min: d('0.1'), max: d(1), reason: '问题较多', by: '考核组' } });
    expect(lineOf({ rule: r, points: '10' }, [f.sub('70', { id: 's' }), f.judge('0.5', { id: 'j', reason: '问题较多' })]).params.by).toBe('');
    expect(lineOf({ rule: r, points: '10' }, [f.sub('70', { id: 's' })])).toEqual({ kind: 'pending', amount: '0', facts: ['s'], msg: 'discretionary.pending', params: { min: d('0.1'), max: d(1) } });
  });

  it('P25b bands: the line cites the sub-score and shows it', () => {
    const r = conv({ type: 'bands', bands: [{ min: d(90), amount: d(2) }, { min: d(80), max: d(90), amount: d(1) }], otherwise: d(0) });
    const l = lineOf({ rule: r, points: '2' }, [f.sub('85', { id: 's' })]);
    expect([l.kind, l.amount, l.facts, l.params.score]).toEqual(['score', '1', ['s'], d(85)]);
  });

  it('a scored conversion stays within the points of its item', () => {
    expect(str(score({ rule: conv({ type: 'linear', weight: d(10) }), points: '8' }, [f.sub('100')]).total)).toBe('8');
  });
});
