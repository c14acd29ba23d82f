/**
 * Mutation tests of scoring/unit-score.ts, lines 1–437 (docs/testing.md, eighth session): the
 * lines a unit's vetoes and total adjustments write (message and parameters, which `explain` and
 * the 通报 print), the statuses a node takes from its clauses, and the total adjustments' bounds.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Grading, Indicator, SchemeSettings, VetoEffect } from '../scheme/scheme.types';
import type { LedgerLine, UnitResult } from './result.types';
import { buildScheme, clause, d, f, nodeOf, run, unitOf } from '../../test/test-scheme';

const judged = (code: string, points: string, extra: Partial<Indicator> = {}): Indicator => ({ code, title: code, points: d(points), ...extra });
const grading: Grading = {
  grades: [
    { code: 'A', name: '优秀' },
    { code: 'B', name: '良好' },
    { code: 'C', name: '合格' },
    { code: 'D', name: '不合格' },
  ],
  method: 'score-bands',
  bands: [
    { grade: 'A', min: d(90) },
    { grade: 'B', min: d(75) },
    { grade: 'C', min: d(60) },
  ],
};
/** kind, amount, message and parameters (amounts as decimal strings) of each line. */
const view = (lines: readonly LedgerLine[]): [string, string, string, Record<string, string | number>][] =>
  lines.map((l) => [l.kind, P.toStr(l.amount), l.msg, Object.fromEntries(Object.entries(l.params).map(([k, v]) => [k, typeof v === 'number' ? P.toStr(v as P.Dec) : v]))]);
const unitLines = (u: UnitResult): LedgerLine[] => u.ledger.filter((l) => l.path.length === 0 && l.ref === u.unit);

describe('veto lines: each effect says what it did', () => {
  const vetoed = (effects: VetoEffect[], withGrading = true) =>
    unitOf(
      run(buildScheme({ indicators: [judged('I1', '60'), judged('I2', '40')], ...(withGrading ? { grading } : {}), vetoes: [{ code: 'V1', text: '发生较大以上生产安全事故', effects }] }), [
        f.judge('55', { ref: 'I1' }),
        f.judge('40', { ref: 'I2' }),
        f.flag(true, { id: 'v1', ref: 'V1' }),
      ]),
    );
  it('deduct, zero-indicator, max-grade, force-grade, force-last, bar-award and bar-grade, in the order written', () => {
    const u = vetoed([
      { type: 'deduct', amount: d(2) },
      { type: 'zero-indicator', indicator: 'I2' },
      { type: 'max-grade', grade: 'B' },
      { type: 'force-grade', grade: 'C' },
      { type: 'force-last' },
      { type: 'bar-award', award: '文明单位' },
      { type: 'bar-grade', grade: '优秀' },
    ]);
    expect(view(u.ledger.filter((l) => l.kind === 'veto'))).toEqual([
      ['veto', '-2', 'veto.deduct', { amount: '2' }],
      ['veto', '0', 'veto.zero-indicator', { indicator: 'I2' }],
      ['veto', '0', 'veto.max-grade', { grade: 'B' }],
      ['veto', '0', 'veto.force-grade', { grade: 'C' }],
      ['veto', '0', 'veto.force-last', {}],
      ['veto', '0', 'veto.bar-award', { award: '文明单位' }],
      // 一票否优 caps the grade at the one after 优秀, named as the grading names it
      ['veto', '0', 'veto.bar-grade-cap', { grade: '优秀', cap: '良好' }],
    ]);
    expect(u.ledger.filter((l) => l.kind === 'veto').every((l) => l.ref === 'V1' && l.facts.join() === 'v1')).toBe(true);
    // 55 + (40 zeroed) − 2
    expect(P.toStr(u.total)).toBe('53');
    expect([u.maxGrade, u.forcedGrade, u.isForcedLast, u.barredAwards]).toEqual(['B', 'C', true, ['文明单位']]);
  });
  it('bar-grade without a grading records the barred grade only', () => {
    const u = vetoed([{ type: 'bar-grade', grade: '优秀' }], false);
    expect(view(u.ledger.filter((l) => l.kind === 'veto'))).toEqual([['veto', '0', 'veto.bar-grade', { grade: '优秀' }]]);
    expect(u.maxGrade).toBeUndefined();
  });
  it('zero-total zeroes the total with its own line; a total already zero gets no zeroing line', () => {
    const u = vetoed([{ type: 'zero-total' }]);
    expect(view(u.ledger.filter((l) => l.kind === 'veto' || l.kind === 'zero'))).toEqual([
      ['veto', '0', 'veto.zero-total', {}],
      ['zero', '-95', 'unit.zero', { total: '95' }],
    ]);
    const nil = unitOf(run(buildScheme({ indicators: [judged('I1', '60')], vetoes: [{ code: 'V1', text: '否决', effects: [{ type: 'zero-total' }] }] }), [f.judge('0', { ref: 'I1' }), f.flag(true, { ref: 'V1' })]));
    expect(P.toStr(nil.total)).toBe('0');
    expect(nil.ledger.filter((l) => l.kind === 'zero')).toEqual([]);
  });
  it('a unit without a forced grade has no forcedGrade field at all', () => {
    const u = vetoed([{ type: 'force-last' }]);
    expect(Object.keys(u)).not.toContain('forcedGrade');
    expect(Object.keys(u)).not.toContain('maxGrade');
  });
});

describe('lines on the unit total', () => {
  const one = (settings: SchemeSettings, facts: Fact[], indicators: Indicator[] = [judged('I1', '100')]) => unitOf(run(buildScheme({ indicators, settings }), facts));
  it('the bonus cap over bonus items', () => {
    const u = one({ unitBonusCap: d(1) }, [f.judge('60', { ref: 'I1' }), f.judge('3', { ref: 'B' })], [judged('I1', '100'), judged('B', '5', { role: 'bonus' })]);
    expect(view(unitLines(u))).toEqual([['cap', '-2', 'unit.bonus-cap', { bonus: '3', cap: '1' }]]);
    expect(P.toStr(u.total)).toBe('61');
  });
  it('the ceiling and the floor of the total; a total at or inside them gets no line', () => {
    expect(view(unitLines(one({ totalMax: d(50) }, [f.judge('60', { ref: 'I1' })])))).toEqual([['clamp', '-10', 'unit.clamp-max', { total: '60', max: '50' }]]);
    const low = one({ totalMin: d(70) }, [f.judge('60', { ref: 'I1' })]);
    expect(view(unitLines(low))).toEqual([['clamp', '10', 'unit.clamp-min', { total: '60', min: '70' }]]);
    expect(P.toStr(low.total)).toBe('70');
    for (const at of ['70', '80']) {
      const u = one({ totalMin: d(70) }, [f.judge(at, { ref: 'I1' })]);
      expect(unitLines(u)).toEqual([]);
      expect(P.toStr(u.total)).toBe(at);
    }
  });
  it('rounding of the total says from what, to how many decimals, how, and to what', () => {
    const u = one({ rounding: { decimals: 0 } }, [f.judge('60.5', { ref: 'I1' })]);
    expect(view(unitLines(u))).toEqual([['round', '0.5', 'unit.round', { total: '60.5', decimals: '0', mode: 'half-up', result: '61' }]]);
  });
  it('折算为百分制: a unit whose items can reach 135 is put on 100; one whose items reach 100 already is left alone', () => {
    const wide = [judged('I1', '100'), judged('I2', '35')];
    const u = one({ normaliseTo: d(100) }, [f.judge('80', { ref: 'I1' }), f.judge('28', { ref: 'I2' })], wide);
    expect(view(unitLines(u))).toEqual([['rescale', '-28', 'unit.normalise', { items: '108', max: '135', to: '100', result: '80' }]]);
    expect(P.toStr(u.total)).toBe('80');
    const even = one({ normaliseTo: d(100) }, [f.judge('80', { ref: 'I1' })]);
    expect(unitLines(even)).toEqual([]);
    // items with no points (a deduction list only): nothing to scale against, nothing scaled
    const list = one({ normaliseTo: d(100) }, [f.occ({ ref: 'C1' })], [{ code: 'I1', title: '扣分项', clauses: [clause('C1', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) })] }]);
    expect(unitLines(list).filter((l) => l.kind === 'rescale')).toEqual([]);
    expect(P.toStr(list.total)).toBe('-1');
  });
  it('a unit line carries no citation field (it cites no clause)', () => {
    const u = one({ totalMax: d(50) }, [f.judge('60', { ref: 'I1' })]);
    expect(unitLines(u)).toHaveLength(1);
    expect(Object.keys(unitLines(u)[0]!)).not.toContain('cite');
  });
});

describe('rescale-total: the N/A indicators leave the scheme', () => {
  const tree = [judged('I1', '60', { notApplicable: 'rescale-total' }), judged('I2', '40', { notApplicable: 'rescale-total' })];
  it('the rest is scaled to the full points; nothing excluded, nothing scaled', () => {
    const u = unitOf(run(buildScheme({ indicators: tree }), [f.na({ ref: 'I1' }), f.judge('30', { ref: 'I2' })]));
    expect(view(unitLines(u))).toEqual([['rescale', '45', 'unit.rescale', { items: '30', full: '100', excluded: '60', result: '75' }]]);
    const all = unitOf(run(buildScheme({ indicators: tree }), [f.judge('50', { ref: 'I1' }), f.judge('30', { ref: 'I2' })]));
    expect(unitLines(all)).toEqual([]);
    expect(P.toStr(all.total)).toBe('80');
  });
  it('every indicator N/A: nothing to scale to, the total is 0', () => {
    const u = unitOf(run(buildScheme({ indicators: tree }), [f.na({ ref: 'I1' }), f.na({ ref: 'I2' })]));
    expect(unitLines(u)).toEqual([]);
    expect(P.toStr(u.total)).toBe('0');
  });
});

describe('a node takes the worst status of its clauses', () => {
  const node = (facts: Fact[]) =>
    nodeOf(
      unitOf(
        run(
          buildScheme({
            points: '10',
            indicators: [
              {
                code: 'I1',
                title: '两款',
                points: d(10),
                clauses: [
                  clause('C1', { kind: 'per-occurrence', effect: 'deduction', amount: d(1), cap: d(1), tiers: { by: 'level', amounts: { 省: d(1) } } }),
                  clause('C2', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }),
                ],
              },
            ],
          }),
          facts,
        ),
      ),
      'I1',
    );
  it('clamped, then not applicable (equal weight): it stays clamped', () => {
    const n = node([f.occ({ ref: 'C1', level: '省' }), f.occ({ ref: 'C1', level: '省' }), f.na({ ref: 'C2' })]);
    expect(n.clauses.map((c) => c.status)).toEqual(['clamped', 'not-applicable']);
    expect(n.status).toBe('clamped');
  });
  it('needs review, then scored: it stays needs-review', () => {
    const n = node([f.occ({ ref: 'C1', level: '乡' }), f.occ({ ref: 'C2' })]);
    expect(n.clauses.map((c) => c.status)).toEqual(['needs-review', 'scored']);
    expect(n.status).toBe('needs-review');
  });
});

describe('negative-list items', () => {
  it('an item with no facts for the unit is not evaluated: a rule that would wait for a value does not make the unit pending', () => {
    const scheme = buildScheme({
      indicators: [judged('I1', '100')],
      negativeList: [{ code: 'N1', text: '环境质量低于80分的扣分', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(80), direction: 'below', initial: d(1) } }],
    });
    const u = unitOf(run(scheme, [f.judge('90', { ref: 'I1' })]));
    expect(u.pendingJudgements).toBe(0);
    expect(u.ledger.filter((l) => l.ref === 'N1')).toEqual([]);
    const hit = unitOf(run(scheme, [f.judge('90', { ref: 'I1' }), f.value('70', { ref: 'N1' })]));
    expect(view(hit.ledger.filter((l) => l.ref === 'N1')).map((l) => [l[0], l[1]])).toEqual([['negative', '-1']]);
  });
});
