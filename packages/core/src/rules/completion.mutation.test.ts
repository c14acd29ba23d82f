/**
 * Mutation tests of rules/completion.rules.ts (issue 14 item 6; docs/testing.md): the ledger lines
 * of completion (P17), partial credit (P18), any-of and graded options (P19), manual, zero (P29)
 * and average (P38) clauses — kind, amount, message key, the figures shown, the facts cited — and
 * each needs-judgement line. Through the engine (test/test-scheme.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from './rule.types';
import { buildScheme, clause, clauseStatus, d, f, run, str, unitOf, type Build } from '../../test/test-scheme';

type Shown = { kind: string; amount: string; facts: readonly string[]; msg: string; params: Record<string, string | number> };
const eval1 = (b: Build, facts: readonly Fact[], ref = 'C1'): { lines: Shown[]; status: string | undefined; total: string } => {
  const u = unitOf(run(buildScheme(b), facts));
  const lines = u.ledger.filter((l) => l.ref === ref).map(({ kind, amount, facts: cited, msg, params }) => ({ kind, amount: str(amount), facts: cited, msg, params }));
  return { lines, status: clauseStatus(u, ref), total: str(u.total) };
};
const linesOf = (b: Build, facts: readonly Fact[]): Shown[] => eval1(b, facts).lines;
const pendingLine = (msg: string, params: Shown['params'], facts: string[] = []): Shown => ({ kind: 'pending', amount: '0', facts, msg, params });

describe('completion (P17)', () => {
  const r: Rule = { kind: 'completion' };
  it('done: the full points citing the flag', () => {
    expect(eval1({ rule: r, points: '2' }, [f.flag(true, { id: 'g' })])).toEqual({ lines: [{ kind: 'score', amount: '2', facts: ['g'], msg: 'completion.done', params: { points: d(2) } }], status: 'scored', total: '2' });
    expect(linesOf({ rule: { kind: 'completion', points: d(1) }, points: '2' }, [f.flag(true, { id: 'g' })])[0]).toMatchObject({ amount: '1', params: { points: d(1) } });
  });
  it('not done: shown earned, then lost, with the note', () => {
    expect(eval1({ rule: r, points: '2' }, [f.flag(false, { id: 'g', note: '未报送' })])).toEqual({
      lines: [
        { kind: 'score', amount: '2', facts: ['g'], msg: 'threshold.full', params: { points: d(2) } },
        { kind: 'deduction', amount: '-2', facts: ['g'], msg: 'completion.not-done', params: { points: d(2), note: '未报送' } },
      ],
      status: 'scored',
      total: '0',
    });
    expect(linesOf({ rule: r, points: '2' }, [f.flag(false, { id: 'g' })])[1]!.params).toEqual({ points: d(2), note: '' });
  });
  it('a judgement counts when there is no flag, or when partial completion is allowed; clamped to [0, points]', () => {
    expect(eval1({ rule: r, points: '2' }, [f.judge('1.5', { id: 'j', reason: '部分完成', by: '组' })])).toEqual({ lines: [{ kind: 'score', amount: '1.5', facts: ['j'], msg: 'completion.judged', params: { amount: d('1.5'), points: d(2), reason: '部分完成', by: '组' } }], status: 'scored', total: '1.5' });
    expect(linesOf({ rule: r, points: '2' }, [f.judge('3', { id: 'j' })])[0]).toMatchObject({ amount: '2', params: { amount: d(2), by: '' } });
    // a not-done flag wins over a judgement unless partial completion is allowed
    expect(linesOf({ rule: r, points: '2' }, [f.flag(false, { id: 'g' }), f.judge('1', { id: 'j' })]).map((l) => l.msg)).toEqual(['threshold.full', 'completion.not-done']);
    expect(linesOf({ rule: { kind: 'completion', allowPartial: true }, points: '2' }, [f.flag(false, { id: 'g' }), f.judge('1', { id: 'j' })])).toMatchObject([{ amount: '1', facts: ['j'], msg: 'completion.judged' }]);
    // done wins over a judgement
    expect(linesOf({ rule: { kind: 'completion', allowPartial: true }, points: '2' }, [f.flag(true, { id: 'g' }), f.judge('1', { id: 'j' })])).toMatchObject([{ amount: '2', msg: 'completion.done' }]);
  });
  it('no fact: needs-judgement with the points; no points: needs-judgement', () => {
    expect(eval1({ rule: r, points: '2' }, [])).toEqual({ lines: [pendingLine('completion.pending', { points: d(2) })], status: 'needs-judgement', total: '0' });
    expect(linesOf({ rule: r }, [f.flag(true)])).toEqual([pendingLine('completion.no-points', {})]);
  });
});

describe('partial credit (P18)', () => {
  const capped: Rule = { kind: 'partial-credit', incompleteCeiling: d(3), mode: 'capped' };
  const scaled: Rule = { kind: 'partial-credit', incompleteCeiling: d(3), mode: 'scaled' };
  it('done: the full points', () => {
    expect(linesOf({ rule: capped, points: '5' }, [f.flag(true, { id: 'g', progress: d('0.5') })])).toEqual([{ kind: 'score', amount: '5', facts: ['g'], msg: 'completion.done', params: { points: d(5) } }]);
  });
  it('capped: min(ceiling, points × progress); scaled: ceiling × progress; progress shown in percent', () => {
    expect(linesOf({ rule: capped, points: '5' }, [f.flag(false, { id: 'g', progress: d('0.4') })])).toEqual([{ kind: 'score', amount: '2', facts: ['g'], msg: 'partial.capped', params: { points: d(5), progress: d(40), ceiling: d(3), score: d(2) } }]);
    expect(linesOf({ rule: capped, points: '5' }, [f.flag(false, { progress: d('0.8') })])[0]!.amount).toBe('3');
    expect(linesOf({ rule: scaled, points: '5' }, [f.flag(false, { id: 'g', progress: d('0.4') })])).toEqual([{ kind: 'score', amount: '1.2', facts: ['g'], msg: 'partial.scaled', params: { points: d(5), progress: d(40), ceiling: d(3), score: d('1.2') } }]);
    // progress outside [0, 1] is clamped
    expect(linesOf({ rule: scaled, points: '5' }, [f.flag(false, { progress: d('1.5') })])[0]).toMatchObject({ amount: '3', params: { progress: d(100) } });
    expect(linesOf({ rule: scaled, points: '5' }, [f.flag(false, { progress: d('-0.5') })])[0]).toMatchObject({ amount: '0', params: { progress: 0 } });
  });
  it('no progress, no flag, no points: each its own needs-judgement', () => {
    expect(eval1({ rule: capped, points: '5' }, [f.flag(false, { id: 'g' })])).toEqual({ lines: [pendingLine('partial.no-progress', { ceiling: d(3) }, ['g'])], status: 'needs-judgement', total: '0' });
    expect(linesOf({ rule: capped, points: '5' }, [])).toEqual([pendingLine('completion.pending', { points: d(5) })]);
    expect(linesOf({ rule: capped }, [f.flag(true)])).toEqual([pendingLine('completion.no-points', {})]);
    expect(linesOf({ rule: { ...capped, points: d(4) } as Rule }, [f.flag(true)])[0]!.amount).toBe('4');
  });
});

describe('any of (P19)', () => {
  const r: Rule = { kind: 'any-of', options: ['国家级', '省级'] };
  it('an achieved option: the full points naming it', () => {
    expect(eval1({ rule: r, points: '3' }, [f.flag(false, { id: 'a', option: '国家级' }), f.flag(true, { id: 'b', option: '省级' })])).toEqual({ lines: [{ kind: 'score', amount: '3', facts: ['b'], msg: 'anyof.hit', params: { option: '省级', points: d(3) } }], status: 'scored', total: '3' });
    expect(linesOf({ rule: r, points: '3' }, [f.flag(true, { id: 'b' })])[0]!.params).toEqual({ option: '', points: d(3) });
    expect(linesOf({ rule: { ...r, points: d(2) } as Rule, points: '3' }, [f.flag(true)])[0]!.amount).toBe('2');
  });
  it('none achieved: shown earned then lost, citing every flag', () => {
    expect(linesOf({ rule: r, points: '3' }, [f.flag(false, { id: 'a' }), f.flag(false, { id: 'b' })])).toEqual([
      { kind: 'score', amount: '3', facts: [], msg: 'threshold.full', params: { points: d(3) } },
      { kind: 'deduction', amount: '-3', facts: ['a', 'b'], msg: 'anyof.none', params: { options: '国家级；省级', points: d(3) } },
    ]);
  });
  it('an achieved option not listed, or no flag: needs-judgement listing the options; no points: needs-judgement', () => {
    expect(eval1({ rule: r, points: '3' }, [f.flag(true, { id: 'a', option: '市级' }), f.flag(true, { option: '省级' })])).toEqual({ lines: [pendingLine('anyof.pending', { options: '国家级；省级' })], status: 'needs-judgement', total: '0' });
    expect(linesOf({ rule: r, points: '3' }, [f.flag(false, { option: '市级' })]).map((l) => l.msg)).toEqual(['threshold.full', 'anyof.none']);
    expect(linesOf({ rule: r, points: '3' }, [])).toEqual([pendingLine('anyof.pending', { options: '国家级；省级' })]);
    expect(linesOf({ rule: r }, [f.flag(true)])).toEqual([pendingLine('completion.no-points', {})]);
  });
});

describe('graded options', () => {
  const r: Rule = { kind: 'any-of', options: ['国家级', '省级', '市级'], optionPoints: [d(3), d(2), d(1)] };
  it('the highest option achieved counts, named by option or variant; never above the points', () => {
    const facts = [f.flag(true, { id: 'a', variant: '市级' }), f.flag(true, { id: 'b', option: '省级' }), f.flag(true, { id: 'c', option: '市级' }), f.flag(false, { id: 'd', option: '国家级' })];
    expect(eval1({ rule: r, points: '3' }, facts)).toEqual({ lines: [{ kind: 'score', amount: '2', facts: ['b'], msg: 'anyof.graded-hit', params: { option: '省级', amount: d(2), points: d(3) } }], status: 'scored', total: '2' });
    // equal amounts: the first achieved one is cited
    expect(linesOf({ rule: r, points: '3' }, [f.flag(true, { id: 'a', option: '市级' }), f.flag(true, { id: 'b', variant: '市级' })])[0]!.facts).toEqual(['a']);
    expect(linesOf({ rule: r, points: '2.5' }, [f.flag(true, { id: 'a', option: '国家级' })])[0]).toMatchObject({ amount: '2.5', params: { amount: d('2.5'), points: d('2.5') } });
    // an option beyond the list of points earns nothing
    const short: Rule = { kind: 'any-of', options: ['国家级', '省级'], optionPoints: [d(3)] };
    expect(linesOf({ rule: short, points: '3' }, [f.flag(true, { id: 'a', option: '省级' })])).toEqual([{ kind: 'score', amount: '0', facts: ['a'], msg: 'anyof.graded-hit', params: { option: '省级', amount: 0, points: d(3) } }]);
  });
  it('none achieved: earned then lost citing every flag; an unnamed achieved flag or no flag: needs-judgement', () => {
    expect(linesOf({ rule: r, points: '3' }, [f.flag(false, { id: 'a' }), f.flag(false, { id: 'b', option: '省级' })])).toEqual([
      { kind: 'score', amount: '3', facts: [], msg: 'threshold.full', params: { points: d(3) } },
      { kind: 'deduction', amount: '-3', facts: ['a', 'b'], msg: 'anyof.none', params: { options: '国家级；省级；市级', points: d(3) } },
    ]);
    expect(linesOf({ rule: r, points: '3' }, [f.flag(true, { option: '国家级' }), f.flag(true, { id: 'x' })])).toEqual([pendingLine('anyof.pending', { options: '国家级；省级；市级' })]);
    expect(linesOf({ rule: r, points: '3' }, [f.flag(true, { option: '县级' })])).toEqual([pendingLine('anyof.pending', { options: '国家级；省级；市级' })]);
    expect(linesOf({ rule: r, points: '3' }, [])).toEqual([pendingLine('anyof.pending', { options: '国家级；省级；市级' })]);
  });
});

describe('manual', () => {
  it('a scored clause: the judged amount within [0, max or points]; out of range is noted', () => {
    const r: Rule = { kind: 'manual', effect: 'score', reason: '见专项' };
    expect(eval1({ rule: r, points: '5' }, [f.judge('4', { id: 'j', reason: '较好', by: '组' })])).toEqual({ lines: [{ kind: 'score', amount: '4', facts: ['j'], msg: 'manual.judged', params: { amount: d(4), reason: '较好', by: '组' } }], status: 'scored', total: '4' });
    expect(linesOf({ rule: r, points: '5' }, [f.judge('6', { id: 'j' })])).toEqual([
      { kind: 'note', amount: '0', facts: ['j'], msg: 'discretionary.out-of-range', params: { amount: d(6), min: '0', max: d(5) } },
      { kind: 'score', amount: '5', facts: ['j'], msg: 'manual.judged', params: { amount: d(5), reason: '考核组认定', by: '' } },
    ]);
    expect(linesOf({ rule: { ...r, max: d(3) } as Rule, points: '5' }, [f.judge('4', { id: 'j' })])[0]!.params['max']).toBe(d(3));
    expect(linesOf({ rule: r, points: '5' }, [f.judge('5')]).map((l) => l.msg)).toEqual(['manual.judged']);
  });
  it('no judgement: a scored clause is needs-judgement with its maximum and reason; a deduction is nothing', () => {
    expect(eval1({ rule: { kind: 'manual', effect: 'score', reason: '见专项' }, points: '5' }, [])).toEqual({ lines: [pendingLine('manual.pending', { max: d(5), reason: '见专项' })], status: 'needs-judgement', total: '0' });
    expect(linesOf({ rule: { kind: 'manual', effect: 'score', max: d(2) }, points: '5' }, [])).toEqual([pendingLine('manual.pending', { max: d(2), reason: '' })]);
    expect(linesOf({ rule: { kind: 'manual', effect: 'score' } }, [])).toEqual([pendingLine('manual.pending', { max: '', reason: '' })]);
    expect(eval1({ rule: { kind: 'manual', effect: 'deduction' }, points: '5' }, [])).toEqual({ lines: [], status: 'scored', total: '5' });
  });
  it('a deduction: the judged amount, not above its maximum, without a ceiling line', () => {
    expect(eval1({ rule: { kind: 'manual', effect: 'deduction', max: d(2) }, points: '5' }, [f.judge('3', { id: 'j' })]).lines).toEqual([
      { kind: 'note', amount: '0', facts: ['j'], msg: 'discretionary.out-of-range', params: { amount: d(3), min: '0', max: d(2) } },
      { kind: 'deduction', amount: '-2', facts: ['j'], msg: 'manual.judged', params: { amount: d(2), reason: '考核组认定', by: '' } },
    ]);
    // a deduction-only list: no maximum at all
    expect(linesOf({ rule: { kind: 'manual', effect: 'deduction' } }, [f.judge('-1', { id: 'j' })])[0]!.params).toEqual({ amount: d(-1), min: '0', max: '' });
  });
  it('a scored clause with a higher maximum than the points is cut to the points', () => {
    expect(linesOf({ rule: { kind: 'manual', effect: 'score', max: d(8) }, points: '5' }, [f.judge('7')]).map((l) => [l.kind, l.amount])).toEqual([['score', '7'], ['ceiling', '-2']]);
  });
});

describe('zero (P29)', () => {
  const two: Build = {
    indicators: [
      { code: 'I1', title: '一', points: d(10), clauses: [clause('C1', { kind: 'zero', scope: 'indicator' }), clause('C2', { kind: 'completion' }, { points: d(10) })] },
      { code: 'I2', title: '二', points: d(5), clauses: [clause('C3', { kind: 'completion' }, { points: d(5) })] },
    ],
  };
  const done = [f.flag(true, { ref: 'C2' }), f.flag(true, { ref: 'C3' })];
  it('a true flag or an occurrence zeroes the scope, with a line naming it', () => {
    expect(eval1(two, [...done, f.flag(true, { id: 'z', note: '发生事故' })])).toEqual({ lines: [{ kind: 'zero', amount: '0', facts: ['z'], msg: 'zero.hit', params: { scope: 'indicator', note: '发生事故' } }], status: 'scored', total: '5' });
    expect(eval1(two, [...done, f.occ({ id: 'z' })]).lines).toEqual([{ kind: 'zero', amount: '0', facts: ['z'], msg: 'zero.hit', params: { scope: 'indicator', note: '' } }]);
    expect(eval1(two, [...done, f.flag(false, { id: 'n' }), f.flag(true, { id: 'z' })]).lines[0]!.facts).toEqual(['z']);
  });
  it('no hit: nothing', () => {
    expect(eval1(two, [...done, f.flag(false)])).toEqual({ lines: [], status: 'scored', total: '15' });
    expect(eval1(two, done).total).toBe('15');
  });
  it('the unit scope zeroes the unit', () => {
    const unit: Build = { ...two, indicators: [{ ...two.indicators![0]!, clauses: [clause('C1', { kind: 'zero', scope: 'unit' }), two.indicators![0]!.clauses![1]!] }, two.indicators![1]!] };
    expect(eval1(unit, [...done, f.flag(true, { id: 'z' })])).toMatchObject({ lines: [{ params: { scope: 'unit' } }], total: '0' });
  });
});

describe('average (P38)', () => {
  const r: Rule = { kind: 'average' };
  it('the mean of the sub-scores, each named by channel or id', () => {
    expect(eval1({ rule: r, points: '100' }, [f.sub('80', { id: 'a', channel: '日常' }), f.sub('91', { id: 'b' })])).toEqual({ lines: [{ kind: 'score', amount: '85.5', facts: ['a', 'b'], msg: 'average.score', params: { n: 2, sum: d(171), average: d('85.5'), parts: '日常:80，b:91' } }], status: 'scored', total: '85.5' });
  });
  it('within the rule points, else the clause points; no sub-score: needs-judgement', () => {
    expect(linesOf({ rule: { kind: 'average', points: d(50) }, points: '100' }, [f.sub('80')]).map((l) => [l.kind, l.amount])).toEqual([['score', '80'], ['ceiling', '-30']]);
    expect(linesOf({ rule: r, points: '60' }, [f.sub('80')]).map((l) => [l.kind, l.amount])).toEqual([['score', '80'], ['ceiling', '-20']]);
    expect(eval1({ rule: r, points: '100' }, [])).toEqual({ lines: [pendingLine('metric.missing', { metric: 'sub-score' })], status: 'needs-judgement', total: '0' });
  });
});
