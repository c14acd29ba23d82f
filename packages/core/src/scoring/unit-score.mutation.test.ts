/**
 * Mutation tests of scoring/unit-score.ts, lines 1–437 (docs/testing.md, eighth session): the
 * lines a unit's vetoes and total adjustments write (message and parameters, which `explain` and
 * the 通报 print), the statuses a node takes from its clauses, and the total adjustments' bounds.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Indicator, SchemeSettings, VetoEffect } from '../scheme/scheme.types';
import type { LedgerLine, UnitResult } from './result.types';
import { buildScheme, clause, d, f, fourGrades, nodeOf, run, unitOf } from '../../test/test-scheme';
import { evaluate, evaluateWithState, rescoreCodes } from './evaluate';

const judged = (code: string, points: string, extra: Partial<Indicator> = {}): Indicator => ({ code, title: code, points: d(points), ...extra });
const grading = fourGrades;
/** kind, amount, message and parameters (amounts as decimal strings) of each line. */
const view = (lines: readonly LedgerLine[]): [string, string, string, Record<string, string | number>][] =>
  lines.map((l) => [l.kind, P.toStr(l.amount), l.msg, Object.fromEntries(Object.entries(l.params).map(([k, v]) => [k, typeof v === 'number' ? P.toStr(v as P.Dec) : v]))]);
const unitLines = (u: UnitResult): LedgerLine[] => u.ledger.filter((l) => l.path.length === 0 && l.ref === u.unit);
/** A node's own lines (those at its path, under its code), as `view` gives them, and their facts. */
const nodeLines = (u: UnitResult, code: string): LedgerLine[] => u.ledger.filter((l) => l.path[l.path.length - 1] === code && l.ref === code);
const at = (u: UnitResult, code: string) => view(nodeLines(u, code));
const factsAt = (u: UnitResult, code: string) => nodeLines(u, code).map((l) => l.facts.join(','));
/** 每起扣/加 amount分 on clause `code`. */
const ded = (code: string, amount: number, extra = {}) => clause(code, { kind: 'per-occurrence', effect: 'deduction', amount: d(amount) }, extra);
const bon = (code: string, amount: number) => clause(code, { kind: 'per-occurrence', effect: 'bonus', amount: d(amount) });

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

// ---- lines 691–931: the trace, clause facts, clause N/A and review, dedupe ----------------------

const ledgerView = (r: ReturnType<typeof run>) => r.units.map((u) => [u.unit, P.toStr(u.total), u.needsReview, u.pendingJudgements, view(u.ledger), u.ledger.map((l) => `${l.path.join('/')}|${l.ref}|${l.facts.join(',')}`)]);
const occ1 = (code: string) => ded(code, 1);

describe('a re-score of a tree with more nodes than a trace entry is wide', () => {
  it('every node’s trace entry is its own: twelve indicators, one changed, the rest reused line for line', () => {
    const tree: Indicator[] = Array.from({ length: 12 }, (_, i) => ({ code: `I${i}`, title: `指标${i}`, points: d(5), clauses: [occ1(`C${i}`)] }));
    const scheme = buildScheme({ indicators: tree, units: 2 });
    const facts = tree.flatMap((_, i) => [f.occ({ id: `a${i}`, ref: `C${i}` }), ...(i % 3 === 0 ? [f.occ({ id: `b${i}`, ref: `C${i}`, unit: 'U2' })] : [])]);
    const state = evaluateWithState(scheme, facts);
    const change = [f.occ({ id: 'z1', ref: 'C11' }), f.occ({ id: 'z2', ref: 'C11' })];
    const next = rescoreCodes(state, 'U1', new Map([['C11', change]]));
    const fresh = evaluate(scheme, [...facts.filter((x) => !(x.unit === 'U1' && x.ref === 'C11')), ...change]);
    expect(ledgerView(next.result)).toEqual(ledgerView(fresh));
    // and once more, after which the trace written by the first re-score is read
    const again = rescoreCodes(next, 'U1', new Map([['C10', []]]));
    expect(ledgerView(again.result)).toEqual(ledgerView(evaluate(scheme, [...facts.filter((x) => !(x.unit === 'U1' && (x.ref === 'C11' || x.ref === 'C10'))), ...change])));
  });
});

describe('ledger paths', () => {
  it('the same indicator object placed under another topic in a later scheme gets its new path', () => {
    const shared: Indicator = { code: 'X', title: '共用', points: d(10), clauses: [occ1('CX')] };
    const flat = buildScheme({ indicators: [shared] });
    expect(run(flat, [f.occ({ ref: 'CX' })]).units[0]!.ledger.find((l) => l.ref === 'CX')!.path).toEqual(['X']);
    const nested = buildScheme({ indicators: [{ code: 'T', title: '专题', children: [shared] }] });
    expect(run(nested, [f.occ({ ref: 'CX' })]).units[0]!.ledger.find((l) => l.ref === 'CX')!.path).toEqual(['T', 'X']);
  });
});

describe('a clause’s facts', () => {
  it('a clause with a shared data item reads its own facts and the data item’s', () => {
    const scheme = buildScheme({ points: '10', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, clause: { dataItem: 'D1' } });
    const u = unitOf(run(scheme, [f.occ({ id: 'own', ref: 'C1' }), f.occ({ id: 'shared', ref: 'D1' })]));
    expect(P.toStr(u.total)).toBe('8');
    expect(u.ledger.find((l) => l.kind === 'deduction')!.facts).toEqual(['own', 'shared']);
  });
  it('a not-applicable fact after another fact still makes the clause N/A, with its reason', () => {
    const scheme = buildScheme({ points: '10', indicator: { clauses: [occ1('C1'), occ1('C2')] } });
    const u = unitOf(run(scheme, [f.occ({ ref: 'C1' }), f.na({ id: 'na', ref: 'C1', reason: '本年度无此项工作' })]));
    expect(nodeOf(u, 'I1').clauses.map((c) => c.status)).toEqual(['not-applicable', 'scored']);
    expect(view(u.ledger.filter((l) => l.kind === 'not-applicable'))).toEqual([['not-applicable', '0', 'clause.na', { reason: '本年度无此项工作' }]]);
    expect(u.ledger.find((l) => l.kind === 'not-applicable')!.facts).toEqual(['na']);
    expect(P.toStr(u.total)).toBe('10');
  });
});

describe('clauses to review', () => {
  it('a clause marked needs-review counts once, with its reason and the facts it read', () => {
    const scheme = buildScheme({ points: '10', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, clause: { status: 'needs-review', reviewReason: '上限未写明' } });
    const u = unitOf(run(scheme, [f.occ({ id: 'o1' })]));
    expect(u.needsReview).toBe(1);
    expect(view(u.ledger.filter((l) => l.kind === 'review'))).toEqual([['review', '0', 'clause.needs-review', { reason: '上限未写明' }]]);
    expect(u.ledger.find((l) => l.kind === 'review')!.facts).toEqual(['o1']);
  });
  it('an N/A clause and a clause whose unit category has no rule keep their review counts when reused by a re-score', () => {
    const byCategory = clause('C2', { kind: 'manual', effect: 'score' } as never, { ruleByCategory: { other: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } } });
    const scheme = buildScheme({ points: '10', units: 2, indicator: { clauses: [occ1('C1'), byCategory, occ1('C3')] } });
    const facts = [f.na({ ref: 'C1' }), f.occ({ ref: 'C3' }), f.occ({ ref: 'C3', unit: 'U2' })];
    const state = evaluateWithState(scheme, facts);
    const before = unitOf(state.result).needsReview;
    expect(before).toBe(1);
    // C3 changes: the node is scored again, C1 (N/A) and C2 (category missing) are reused
    const next = rescoreCodes(state, 'U1', new Map([['C3', [f.occ({ id: 'c3b', ref: 'C3' }), f.occ({ id: 'c3c', ref: 'C3' })]]]));
    const fresh = evaluate(scheme, [f.na({ ref: 'C1' }), f.occ({ id: 'c3b', ref: 'C3' }), f.occ({ id: 'c3c', ref: 'C3' }), f.occ({ ref: 'C3', unit: 'U2' })]);
    expect(unitOf(next.result).needsReview).toBe(unitOf(fresh).needsReview);
    expect(unitOf(next.result).needsReview).toBe(1);
    expect(P.toStr(unitOf(next.result).total)).toBe(P.toStr(unitOf(fresh).total));
  });
});

describe('同一事项不重复扣分 across clauses (dedupe groups): where the matter counts', () => {
  const deduped = (rules: Record<string, Parameters<typeof clause>[1]>, extra: Record<string, Partial<Parameters<typeof clause>[2]>> = {}) =>
    buildScheme({ points: '10', indicator: { clauses: Object.entries(rules).map(([code, rule]) => clause(code, rule, { dedupeGroup: 'G', ...extra[code] })) } });
  const refsOf = (u: UnitResult) => u.ledger.filter((l) => l.kind === 'deduction').map((l) => `${l.ref}${P.toStr(l.amount)}`);
  it('in the dearer clause when it comes first, and in the first of two equal ones', () => {
    const first = unitOf(run(deduped({ A: { kind: 'per-occurrence', effect: 'deduction', amount: d(2) }, B: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } }), [f.occ({ ref: 'A', eventKey: 'E' }), f.occ({ ref: 'B', eventKey: 'E' })]));
    expect(refsOf(first)).toEqual(['A-2']);
    const equal = unitOf(run(deduped({ A: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, B: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } }), [f.occ({ ref: 'A', eventKey: 'E' }), f.occ({ ref: 'B', eventKey: 'E' })]));
    expect(refsOf(equal)).toEqual(['A-1']);
  });
  it('tiered clauses are priced by the occurrence’s tier (by type: its kind), and a clause of another kind prices nothing', () => {
    const tiered = deduped({
      A: { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'type', amounts: { 通报: d(1), 约谈: d('0.5') } } },
      B: { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'type', amounts: { 通报: d(3), 约谈: d('0.2') } } },
    });
    const u = unitOf(run(tiered, [f.occ({ ref: 'A', eventKey: 'E', kind: '通报' }), f.occ({ ref: 'B', eventKey: 'E', kind: '通报' })]));
    expect(refsOf(u)).toEqual(['B-3']);
    const v = unitOf(run(tiered, [f.occ({ ref: 'A', eventKey: 'E', kind: '约谈' }), f.occ({ ref: 'B', eventKey: 'E', kind: '约谈' })]));
    expect(refsOf(v)).toEqual(['A-0.5']);
    // a judged clause in the group prices the matter at 0: the per-occurrence clause keeps it
    const mixed = deduped({ A: { kind: 'discretionary', effect: 'deduction', min: d(0), max: d(5) }, B: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } });
    const w = unitOf(run(mixed, [f.occ({ ref: 'A', eventKey: 'E' }), f.occ({ ref: 'B', eventKey: 'E' })]));
    expect(refsOf(w)).toEqual(['B-1']);
  });
  it('an occurrence reported once at a shared data item that two clauses of the group read counts once', () => {
    const shared = deduped({ A: { kind: 'per-occurrence', effect: 'deduction', amount: d(2) }, B: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } }, { A: { dataItem: 'D' }, B: { dataItem: 'D' } });
    const u = unitOf(run(shared, [f.occ({ id: 'e', ref: 'D', eventKey: 'E' })]));
    expect(refsOf(u)).toEqual(['A-2']);
    expect(P.toStr(u.total)).toBe('8');
    // a re-score after the data item changes re-reads the whole group
    const state = evaluateWithState(shared, [f.occ({ id: 'e', ref: 'D', eventKey: 'E' })]);
    const moved = [f.occ({ id: 'e', ref: 'D', eventKey: 'E' }), f.occ({ id: 'e2', ref: 'D', eventKey: 'E2' })];
    const next = rescoreCodes(state, 'U1', new Map([['D', moved]]));
    expect(ledgerView(next.result)).toEqual(ledgerView(evaluate(shared, moved)));
    expect(P.toStr(unitOf(next.result).total)).toBe('6');
  });
});

describe('a dedupe group over a shared data item, re-scored', () => {
  it('a matter newly reported at the data item moves out of a clause of the group that does not read it', () => {
    const rule = (amount: number) => ({ kind: 'per-occurrence', effect: 'deduction', amount: d(amount) }) as const;
    const scheme = buildScheme({
      indicators: [
        { code: 'I1', title: '通报', points: d(10), clauses: [clause('A', rule(2), { dedupeGroup: 'G', dataItem: 'D' })] },
        { code: 'I2', title: '约谈', points: d(10), clauses: [clause('C', rule(1), { dedupeGroup: 'G' })] },
      ],
    });
    const start = [f.occ({ id: 'c', ref: 'C', eventKey: 'E' })];
    const state = evaluateWithState(scheme, start);
    expect(P.toStr(unitOf(state.result).total)).toBe('19');
    const reported = [f.occ({ id: 'd', ref: 'D', eventKey: 'E' })];
    const next = rescoreCodes(state, 'U1', new Map([['D', reported]]));
    // E now counts in A (2), the dearer clause, and no longer in C
    expect(ledgerView(next.result)).toEqual(ledgerView(evaluate(scheme, [...start, ...reported])));
    expect(P.toStr(unitOf(next.result).total)).toBe('18');
  });
});

// ---- lines 438–690: the lines a node writes --------------------------------------------------

describe('node lines: what each says', () => {
  it('N/A under each policy', () => {
    const tree: Indicator[] = [
      judged('F', '10', { notApplicable: 'full-points' }),
      judged('A', '10', { notApplicable: 'average-of-others' }),
      judged('X', '10', { notApplicable: 'rescale-total' }),
      judged('K', '70'),
    ];
    const r = run(buildScheme({ indicators: tree, units: 3 }), [
      ...['F', 'A', 'X'].map((c) => f.na({ id: `na-${c}`, ref: c, reason: '不涉及' })),
      f.judge('70', { ref: 'K' }),
      f.judge('6', { ref: 'A', unit: 'U2' }),
      f.judge('8', { ref: 'A', unit: 'U3' }),
      ...['U2', 'U3'].flatMap((unit) => [f.judge('10', { ref: 'F', unit }), f.judge('10', { ref: 'X', unit }), f.judge('70', { ref: 'K', unit })]),
    ]);
    const u = unitOf(r);
    expect(at(u, 'F')).toEqual([['not-applicable', '10', 'node.na-full', { reason: '不涉及', policy: 'full-points', points: '10' }]]);
    expect(at(u, 'A')).toEqual([['impute', '7', 'node.na-average', { reason: '不涉及', policy: 'average-of-others', average: '7' }]]);
    expect(at(u, 'X')).toEqual([['not-applicable', '0', 'node.na-excluded', { reason: '不涉及', policy: 'rescale-total', points: '10' }]]);
    expect(['F', 'A', 'X'].map((c) => factsAt(u, c))).toEqual([['na-F'], ['na-A'], ['na-X']]);
  });
  it('an average that cannot be taken (no other unit has the item) waits, saying so', () => {
    const u = unitOf(run(buildScheme({ indicators: [judged('A', '10', { notApplicable: 'average-of-others' }), judged('K', '90')] }), [f.na({ id: 'na', ref: 'A', reason: '不涉及' }), f.judge('90', { ref: 'K' })]));
    expect(at(u, 'A')).toEqual([['pending', '0', 'node.na-average-pending', { reason: '不涉及', policy: 'average-of-others' }]]);
    expect(factsAt(u, 'A')).toEqual(['na']);
    expect(u.pendingJudgements).toBe(1);
  });
  it('an averaged parent, a deduction list’s base, a judged and a pending leaf', () => {
    const tree: Indicator[] = [
      { code: 'P', title: '平均', aggregation: 'average', children: [judged('P1', '10'), judged('P2', '10')] },
      { code: 'D', title: '扣分', points: d(10), clauses: [ded('DC', 1)] },
      judged('J', '10'),
      judged('W', '10'),
    ];
    const u = unitOf(run(buildScheme({ indicators: tree }), [f.judge('6', { ref: 'P1' }), f.judge('9', { ref: 'P2' }), f.occ({ ref: 'DC' }), f.judge('7.5', { id: 'j', ref: 'J', reason: '按进度', by: '考核组' })]));
    expect(at(u, 'P')).toEqual([['note', '-7.5', 'node.average', { n: '0.000002', sum: '15', average: '7.5' }]]);
    expect(at(u, 'D')).toEqual([['score', '10', 'node.base', { points: '10' }]]);
    expect(at(u, 'J')).toEqual([['score', '7.5', 'node.judged', { amount: '7.5', points: '10', reason: '按进度', by: '考核组' }]]);
    expect(factsAt(u, 'J')).toEqual(['j']);
    expect(at(u, 'W')).toEqual([['pending', '0', 'node.pending', { points: '10' }]]);
    expect(u.pendingJudgements).toBe(1);
    expect(nodeOf(u, 'W').status).toBe('needs-judgement');
    // a judgement without 'by' says so with an empty string
    const v = unitOf(run(buildScheme({ indicators: [judged('J', '10')] }), [f.judge('5', { ref: 'J' })]));
    expect(at(v, 'J')).toEqual([['score', '5', 'node.judged', { amount: '5', points: '10', reason: '考核组认定', by: '' }]]);
  });
  it('caps, floor, ceiling and rounding of a node; at the bound exactly, no line', () => {
    const node = (extra: Partial<Indicator>, clauses: ReturnType<typeof clause>[], facts: Fact[]) => unitOf(run(buildScheme({ indicators: [{ code: 'N', title: '项', points: d(10), clauses, ...extra }] }), facts));
    const occ = (ref: string, n: number) => Array.from({ length: n }, () => f.occ({ ref }));
    expect(at(node({ caps: { deduction: d(2) } }, [ded('C', 1)], occ('C', 3)), 'N').filter((l) => l[0] === 'cap')).toEqual([['cap', '1', 'node.deduction-cap', { cap: '2', total: '3' }]]);
    expect(at(node({ caps: { bonus: d(2) } }, [ded('C', 1), bon('B', 1)], occ('B', 3)), 'N').filter((l) => l[0] === 'cap')).toEqual([['cap', '-1', 'node.bonus-cap', { cap: '2', total: '3' }]]);
    expect(at(node({ caps: { bonus: d(2) } }, [ded('C', 1), bon('B', 1)], occ('B', 2)), 'N').filter((l) => l[0] === 'cap')).toEqual([]);
    expect(at(node({ caps: { bonus: d(2) } }, [ded('C', 1), bon('B', 1)], occ('B', 1)), 'N').filter((l) => l[0] === 'cap')).toEqual([]);
    expect(at(node({ caps: { net: d(1) } }, [ded('C', 1), bon('B', 1)], occ('B', 3)), 'N').filter((l) => l[0] === 'cap')).toEqual([['cap', '-2', 'node.net-cap', { net: '3', cap: '1', bounded: '1' }]]);
    expect(at(node({}, [ded('C', 4)], occ('C', 3)), 'N').filter((l) => l[0] === 'floor')).toEqual([['floor', '2', 'node.floor', { score: '-2', floor: '0', points: '10' }]]);
    expect(at(node({ ceiling: d(11) }, [ded('C', 1), bon('B', 1)], occ('B', 3)), 'N').filter((l) => l[0] === 'ceiling')).toEqual([['ceiling', '-2', 'node.ceiling', { score: '13', ceiling: '11' }]]);
    expect(at(node({ ceiling: d(11) }, [ded('C', 1), bon('B', 1)], occ('B', 1)), 'N').filter((l) => l[0] === 'ceiling')).toEqual([]);
    const rounded = node({ rounding: { decimals: 0 } }, [clause('C', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.4') })], occ('C', 1));
    expect(at(rounded, 'N').filter((l) => l[0] === 'round')).toEqual([['round', '0.4', 'node.round', { score: '9.6', decimals: '0', result: '10' }]]);
    const down = node({ rounding: { decimals: 0, mode: 'down' } }, [clause('C', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.4') })], occ('C', 1));
    expect(P.toStr(down.total)).toBe('9');
  });
  it('a node outside the unit’s scope is not scored at all', () => {
    const u = unitOf(run(buildScheme({ units: 2, indicators: [judged('I1', '60'), judged('I2', '40', { appliesTo: { exceptUnits: ['U1'] } })] }), [f.judge('60', { ref: 'I1' })]));
    expect(u.nodes.map((n) => n.code)).toEqual(['I1']);
  });
  it('a bonus item is kept out of the items and marked as bonus; an item without points has no points field', () => {
    const u = unitOf(run(buildScheme({ indicators: [judged('I1', '90'), judged('B', '5', { role: 'bonus' }), { code: 'L', title: '扣分', clauses: [ded('LC', 1)] }] }), [f.judge('80', { ref: 'I1' }), f.judge('3', { ref: 'B' }), f.occ({ ref: 'LC' })]));
    expect(u.nodes.map((n) => [n.code, n.isBonus])).toEqual([['I1', false], ['B', true], ['L', false]]);
    expect([P.toStr(u.itemsTotal), P.toStr(u.bonusTotal), P.toStr(u.total)]).toEqual(['79', '3', '82']);
    expect(Object.keys(nodeOf(u, 'L'))).not.toContain('points');
  });
});

describe('node lines: the edges', () => {
  it('the judgement is found among the node’s other facts; a floor on an item without points says so; a round score is not rounded again', () => {
    const j = unitOf(run(buildScheme({ indicators: [judged('J', '10')] }), [f.flag(true, { ref: 'J' }), f.judge('6', { id: 'j', ref: 'J' })]));
    expect(at(j, 'J')).toEqual([['score', '6', 'node.judged', { amount: '6', points: '10', reason: '考核组认定', by: '' }]]);
    expect(j.pendingJudgements).toBe(0);
    const list = unitOf(run(buildScheme({ indicators: [{ code: 'L', title: '扣分', floor: d(0), clauses: [clause('LC', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) })] }] }), [f.occ({ ref: 'LC' })]));
    expect(at(list, 'L')).toEqual([['floor', '1', 'node.floor', { score: '-1', floor: '0', points: '' }]]);
    const round = unitOf(run(buildScheme({ indicators: [{ code: 'N', title: '项', points: d(10), rounding: { decimals: 0 }, clauses: [clause('C', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) })] }] }), [f.occ({ ref: 'C' })]));
    expect(at(round, 'N').filter((l) => l[0] === 'round')).toEqual([]);
  });
});

describe('node shapes: parents, leaves and deduction lists', () => {
  it('a bonus item nested in a topic is the topic’s bonus: counted once, under the topic’s bonus cap', () => {
    // it was left out of the total while its +3 line stayed in the ledger (found by the mutation run)
    const nested = (extra: Partial<Indicator>) =>
      unitOf(run(buildScheme({ indicators: [{ code: 'P', title: '专题', children: [judged('C1', '10'), judged('B', '5', { role: 'bonus' })], ...extra }, judged('K', '90')] }), [f.judge('8', { ref: 'C1' }), f.judge('3', { ref: 'B' }), f.judge('80', { ref: 'K' })]));
    const u = nested({});
    expect([P.toStr(nodeOf(u, 'P').score), P.toStr(nodeOf(u, 'P').bonus), P.toStr(u.total)]).toEqual(['11', '3', '91']);
    const capped = nested({ caps: { bonus: d(1) } });
    expect([P.toStr(nodeOf(capped, 'P').score), P.toStr(capped.total)]).toEqual(['9', '89']);
    // the unit's bonus cap sees it as bonus too
    const unitCap = unitOf(run(buildScheme({ settings: { unitBonusCap: d(2) }, indicators: [{ code: 'P', title: '专题', points: d(20), children: [judged('C1', '10'), judged('B', '5', { role: 'bonus' })] }, judged('K', '80')] }), [f.judge('8', { ref: 'C1' }), f.judge('3', { ref: 'B' }), f.judge('80', { ref: 'K' })]));
    expect([P.toStr(unitCap.bonusTotal), P.toStr(unitCap.total)]).toEqual(['2', '90']);
  });
  it('a parent with points, children and a deduction clause starts from its children, not from its points', () => {
    const u = unitOf(run(buildScheme({ indicators: [{ code: 'P', title: '专题', points: d(20), children: [judged('C1', '10'), judged('C2', '10')], clauses: [ded('PD', 1)] }] }), [f.judge('6', { ref: 'C1' }), f.judge('7', { ref: 'C2' }), f.occ({ ref: 'PD' })]));
    expect(P.toStr(nodeOf(u, 'P').score)).toBe('12');
    expect(u.ledger.filter((l) => l.msg === 'node.base')).toEqual([]);
  });
  it('a parent with points whose children are all outside the unit’s scope is neither judged nor a deduction list', () => {
    const scope = { appliesTo: { exceptUnits: ['U1'] } };
    const u = unitOf(run(buildScheme({ units: 2, indicators: [{ code: 'P', title: '专题', points: d(20), children: [judged('C1', '10', scope)] }, judged('K', '80')] }), [f.judge('80', { ref: 'K' })]));
    expect(u.pendingJudgements).toBe(0);
    expect(u.ledger.filter((l) => l.msg === 'node.pending' || l.msg === 'node.base')).toEqual([]);
    expect(P.toStr(nodeOf(u, 'P').score)).toBe('0');
    const withList = unitOf(run(buildScheme({ units: 2, indicators: [{ code: 'P', title: '专题', points: d(20), children: [judged('C1', '10', scope)], clauses: [ded('PD', 1)] }] }), [f.occ({ ref: 'PD' })]));
    expect(withList.ledger.filter((l) => l.msg === 'node.base')).toEqual([]);
  });
  it('a dimension’s deductions exactly at its share are not cut', () => {
    const u = unitOf(run(buildScheme({ indicators: [{ code: 'N', title: '项', points: d(10), dimensions: [{ code: 'q', name: '质量', percent: d(30) }], clauses: [ded('C', 1, { dimension: 'q' })] }] }), [f.occ({ ref: 'C' }), f.occ({ ref: 'C' }), f.occ({ ref: 'C' })]));
    expect(u.ledger.filter((l) => l.kind === 'dimension-cap')).toEqual([]);
    expect(P.toStr(u.total)).toBe('7');
  });
  it('a zeroing clause on a node already at 0 writes no zeroing line, and a zeroed node is not vetoed', () => {
    const zero = clause('Z', { kind: 'zero', scope: 'indicator' });
    const at0 = unitOf(run(buildScheme({ indicators: [{ code: 'N', title: '项', points: d(2), clauses: [zero, ded('C', 1)] }] }), [f.flag(true, { ref: 'Z' }), f.occ({ ref: 'C' }), f.occ({ ref: 'C' })]));
    expect(at0.ledger.filter((l) => l.msg === 'node.zero')).toEqual([]);
    const hit = unitOf(run(buildScheme({ indicators: [{ code: 'N', title: '项', points: d(5), clauses: [zero, ded('C', 1)] }] }), [f.flag(true, { ref: 'Z' }), f.occ({ ref: 'C' })]));
    expect(view(hit.ledger.filter((l) => l.msg === 'node.zero'))).toEqual([['zero', '-4', 'node.zero', { score: '4' }]]);
    expect(nodeOf(hit, 'N').status).not.toBe('vetoed');
  });
});

describe('effective bonus: what a node’s bonus adds to the unit, under the unit’s bonus cap', () => {
  // The unit's bonus cap (P26) reads each item's effective bonus: the part of its score that only
  // its bonuses (or its children's) reached. A cap of 0.5 makes the line name the unit's total bonus.
  const capLine = (u: UnitResult) => view(u.ledger.filter((l) => l.msg === 'unit.bonus-cap'));
  const bonusOf = (u: UnitResult) => capLine(u)[0]?.[3]['bonus'];
  it('a summed topic passes its children’s effective bonus up whole, an averaged one its average; a capped child only what it kept', () => {
    // S (sum): A 10 − 4 + 2 = 8, its bonus 2 reached the score; B 10.  S 18, bonus 2.
    // V (average): A2 10 − 4 + 4 = 10 (at its points), bonus 4; B2 10.  V (10 + 10) / 2 = 10, of which the
    // average of the children's bonuses, 2, is bonus.  The unit: 2 + 2 = 4.
    const scheme = buildScheme({
      settings: { unitBonusCap: d('0.5') },
      indicators: [
        { code: 'S', title: '求和', points: d(20), children: [{ code: 'A', title: 'A', points: d(10), clauses: [ded('AD', 4), bon('AB', 2)] }, judged('B', '10')] },
        { code: 'V', title: '平均', points: d(10), aggregation: 'average', children: [{ code: 'A2', title: 'A2', points: d(10), clauses: [ded('A2D', 4), bon('A2B', 4)] }, judged('B2', '10')] },
      ],
    });
    const u = unitOf(run(scheme, [f.occ({ ref: 'AD' }), f.occ({ ref: 'AB' }), f.judge('10', { ref: 'B' }), f.occ({ ref: 'A2D' }), f.occ({ ref: 'A2B' }), f.judge('10', { ref: 'B2' })]));
    expect([P.toStr(nodeOf(u, 'S').score), P.toStr(nodeOf(u, 'V').score)]).toEqual(['18', '10']);
    expect(capLine(u)).toEqual([['cap', '-3.5', 'unit.bonus-cap', { bonus: '4', cap: '0.5' }]]);
    expect(P.toStr(u.total)).toBe('24.5');
  });
  it('a zeroed item without points keeps no bonus, though its score without the bonus was below zero', () => {
    // L: no points, so no floor: −5 + 2 = −3, then zeroed by the veto; what the bonus reached is nothing.
    const scheme = buildScheme({
      settings: { unitBonusCap: d('0.5') },
      indicators: [{ code: 'L', title: '扣分项', clauses: [ded('LD', 5), bon('LB', 2)] }, judged('K', '90'), { code: 'G', title: '加分', points: d(10), clauses: [ded('GD', 1), bon('GB', 1)] }],
      vetoes: [{ code: 'V1', text: '否决本项', effects: [{ type: 'zero-indicator', indicator: 'L' }] }],
    });
    const u = unitOf(run(scheme, [f.occ({ ref: 'LD' }), f.occ({ ref: 'LB' }), f.judge('90', { ref: 'K' }), f.occ({ ref: 'GD' }), f.occ({ ref: 'GB' }), f.flag(true, { ref: 'V1' })]));
    expect(P.toStr(nodeOf(u, 'L').score)).toBe('0');
    // G's bonus 1 alone is the unit's bonus: 10 − 1 + 1, at its points; capped at 0.5
    expect(bonusOf(u)).toBe('1');
  });
  it('an averaged topic whose children are all outside the unit’s scope scores 0 without an average', () => {
    const scope = { appliesTo: { exceptUnits: ['U1'] } };
    const scheme = buildScheme({ units: 2, indicators: [{ code: 'V', title: '平均', points: d(20), aggregation: 'average', children: [judged('C1', '10', scope), judged('C2', '10', scope)] }, judged('K', '80')] });
    const r = run(scheme, [f.judge('80', { ref: 'K' }), f.judge('6', { ref: 'C1', unit: 'U2' }), f.judge('8', { ref: 'C2', unit: 'U2' })]);
    const u = unitOf(r);
    expect(P.toStr(nodeOf(u, 'V').score)).toBe('0');
    expect(u.ledger.filter((l) => l.msg === 'node.average')).toEqual([]);
    expect(P.toStr(u.total)).toBe('80');
    expect(P.toStr(nodeOf(unitOf(r, 'U2'), 'V').score)).toBe('7');
  });
});

describe('按百分制计分，按权重N分折算 for a unit the item has no points for', () => {
  it('is scored as an item without points, not on the hundred-point scale it has no weight to convert from', () => {
    const scheme = buildScheme({ groups: { A: 1, B: 1 }, indicators: [{ code: 'R', title: '折算项', pointsByCategory: { A: d(20) }, rescale: { from: d(100) }, clauses: [ded('RC', 10)] }] });
    const r = run(scheme, [f.occ({ ref: 'RC', unit: 'A1' }), f.occ({ ref: 'RC', unit: 'B1' })]);
    // A1: 100 − 10 = 90 on the scale, × 20 / 100 = 18
    expect(P.toStr(nodeOf(unitOf(r, 'A1'), 'R').score)).toBe('18');
    // B1: no points, so no base and no conversion: the deduction alone
    const b = unitOf(r, 'B1');
    expect(P.toStr(nodeOf(b, 'R').score)).toBe('-10');
    expect(b.ledger.filter((l) => l.msg === 'node.base' || l.msg === 'node.rescale')).toEqual([]);
  });
});

describe('the rerun of lines 691–940 (ninth session): what it showed untested', () => {
  it('a condition clause of a dedupe group is priced by its amount: the dearer keeps the matter though it comes second', () => {
    const scheme = buildScheme({
      points: '10',
      indicator: {
        clauses: [
          clause('A', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, { dedupeGroup: 'G' }),
          clause('B', { kind: 'condition', effect: 'deduction', amount: d(3) }, { dedupeGroup: 'G' }),
        ],
      },
    });
    const u = unitOf(run(scheme, [f.occ({ ref: 'A', eventKey: 'E' }), f.occ({ ref: 'B', eventKey: 'E' })]));
    expect(u.ledger.filter((l) => l.kind === 'deduction').map((l) => `${l.ref}${P.toStr(l.amount)}`)).toEqual(['B-3']);
    expect(P.toStr(u.total)).toBe('7');
  });
  it('a clause marked needs-review without a reason says so with an empty reason, not another text', () => {
    const u = unitOf(run(buildScheme({ points: '10', indicator: { clauses: [ded('C', 1, { status: 'needs-review' })] } }), [f.occ({ id: 'o', ref: 'C' })]));
    expect(view(u.ledger.filter((l) => l.msg === 'clause.needs-review'))).toEqual([['review', '0', 'clause.needs-review', { reason: '' }]]);
  });
});
