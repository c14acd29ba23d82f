/**
 * Mutation tests of scoring/evaluate.ts (docs/testing.md, seventh session): what the re-score
 * entry points do with facts that are not the unit's — another unit's facts in the list or in a
 * change are ignored, an unknown unit changes nothing — checked against a fresh `evaluate`.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Scheme } from '../scheme/scheme.types';
import { buildScheme, f, sumOf, unitOf } from '../../test/test-scheme';
import { evaluate, evaluateWithState, rescore, rescoreCodes } from './evaluate';

const d = P.dec;
const scheme = {
  formatVersion: 1,
  code: 's',
  year: 2020,
  title: '重算入口',
  settings: {},
  unitCategories: [{ code: 'town', name: '乡镇' }],
  units: [0, 1, 2].map((i) => ({ code: `u${i}`, name: `单位${i}`, category: 'town' })),
  rankingGroups: [{ code: 'town', name: '乡镇', categories: ['town'] }],
  divisions: [],
  leaders: [],
  assessors: [],
  indicators: [
    { code: 'I1', title: '工作', points: d(60) },
    { code: 'I2', title: '任务', points: d(40) },
  ],
  negativeList: [],
  vetoes: [],
  subAssessments: [],
} as unknown as Scheme;

const judge = (unit: string, ref: string, amount: number): Fact => ({ id: `${unit}-${ref}-${amount}`, unit, ref, type: 'judgement', amount: d(amount), reason: '测试' }) as Fact;
const base: Fact[] = [judge('u0', 'I1', 50), judge('u0', 'I2', 30), judge('u1', 'I1', 40), judge('u1', 'I2', 35), judge('u2', 'I1', 55), judge('u2', 'I2', 20)];
const totals = (r: ReturnType<typeof evaluate>) => r.units.map((u) => [u.unit, P.toStr(u.total), JSON.stringify(u.ranks)]);

describe('rescore: only the unit’s own facts count', () => {
  it('another unit’s facts in the list are ignored', () => {
    const state = evaluateWithState(scheme, base);
    const mine = [judge('u0', 'I1', 45), judge('u0', 'I2', 30)];
    // the other unit's facts come first: were they taken as u0's, u0's judgements would be theirs
    const next = rescore(state, 'u0', [judge('u1', 'I1', 10), judge('u1', 'I2', 5), ...mine]);
    const fresh = evaluate(scheme, [...mine, ...base.filter((f) => f.unit !== 'u0')]);
    expect(totals(next.result)).toEqual(totals(fresh));
    expect(unitOf(next.result, 'u0').total).toBe(d(75));
  });
  it('an unknown unit changes nothing', () => {
    const state = evaluateWithState(scheme, base);
    const before = totals(state.result);
    expect(rescore(state, 'nobody', [judge('nobody', 'I1', 1)])).toBe(state);
    expect(rescoreCodes(state, 'nobody', new Map([['I1', [judge('nobody', 'I1', 1)]]]))).toBe(state);
    expect(totals(state.result)).toEqual(before);
  });
});

describe('rescoreCodes: a change is the unit’s facts at a code', () => {
  it('another unit’s facts inside a change are ignored', () => {
    const state = evaluateWithState(scheme, base);
    const next = rescoreCodes(state, 'u0', new Map([['I1', [judge('u0', 'I1', 20), judge('u2', 'I1', 1)]]]));
    const fresh = evaluate(scheme, [judge('u0', 'I1', 20), ...base.filter((f) => !(f.unit === 'u0' && f.ref === 'I1'))]);
    expect(totals(next.result)).toEqual(totals(fresh));
    expect(unitOf(next.result, 'u0').total).toBe(d(50));
    expect(unitOf(next.result, 'u2').total).toBe(d(75));
  });
  it('a change that only adds another unit’s facts to the unit’s own is no change: the same state back', () => {
    const state = evaluateWithState(scheme, base);
    expect(rescoreCodes(state, 'u0', new Map([['I1', [judge('u2', 'I1', 1), judge('u0', 'I1', 50)]]]))).toBe(state);
  });
  it('a change of only another unit’s facts leaves the unit as it was (its code now has none of its facts)', () => {
    const state = evaluateWithState(scheme, base);
    const next = rescoreCodes(state, 'u1', new Map([['I2', [judge('u2', 'I2', 1)]]]));
    const fresh = evaluate(scheme, base.filter((f) => !(f.unit === 'u1' && f.ref === 'I2')));
    expect(totals(next.result)).toEqual(totals(fresh));
  });
});

describe('rescore: a fact that gained a field is a changed fact', () => {
  it('an occurrence that now says count 3 is re-scored (same id, the other fields equal)', () => {
    const occ = buildScheme({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, points: '10' });
    const one = f.occ({ id: 'o1' });
    const state = evaluateWithState(occ, [one]);
    expect(unitOf(state.result).total).toBe(d(9));
    const three = { ...one, count: 3 };
    const next = rescore(state, 'U1', [three]);
    expect(unitOf(next.result).total).toBe(unitOf(evaluate(occ, [three])).total);
    expect(unitOf(next.result).total).toBe(d(7));
    // and back: the field dropped again is a change too
    expect(unitOf(rescore(next, 'U1', [one]).result).total).toBe(d(9));
  });
});

describe('ranking groups after a re-score', () => {
  it('without ranking groups every unit is ranked in one group named 全部单位, after a re-score too', () => {
    const plain = { ...scheme, rankingGroups: [] } as unknown as Scheme;
    const state = evaluateWithState(plain, base);
    expect(state.result.groups.map((g) => g.name)).toEqual(['全部单位']);
    const next = rescoreCodes(state, 'u1', new Map([['I1', [judge('u1', 'I1', 60)]]]));
    expect(next.result.groups.map((g) => [g.name, g.units.map((r) => [r.unit, r.rank])])).toEqual([['全部单位', [['u1', 1], ['u0', 2], ['u2', 3]]]]);
  });
  it('a unit in no ranking group is re-scored without a rank, as a fresh evaluation gives', () => {
    const loose = { ...scheme, unitCategories: [{ code: 'town', name: '乡镇' }, { code: 'park', name: '园区' }], units: [...scheme.units, { code: 'p0', name: '园区0', category: 'park' }] } as unknown as Scheme;
    const facts = [...base, judge('p0', 'I1', 10)];
    const state = evaluateWithState(loose, facts);
    const next = rescoreCodes(state, 'p0', new Map([['I1', [judge('p0', 'I1', 30)]]]));
    const fresh = evaluate(loose, [...base, judge('p0', 'I1', 30)]);
    expect(totals(next.result)).toEqual(totals(fresh));
    expect(unitOf(next.result, 'p0').ranks).toEqual([]);
    expect(unitOf(next.result, 'p0').total).toBe(d(30));
  });
});

describe('peer values leave out the units an indicator does not apply to', () => {
  it('rank 1 of a rank-bands clause goes to the best unit the indicator applies to', () => {
    const ranked = buildScheme({
      rule: { kind: 'rank-bands', effect: 'bonus', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 1, amount: d(2) }] },
      points: '10',
      units: 4,
      indicator: { appliesTo: { exceptUnits: ['U4'] } },
    });
    const values = [['U1', '50'], ['U2', '40'], ['U3', '30'], ['U4', '90']].map(([unit, v]) => f.value(v!, { unit: unit!, id: `v-${unit}` }));
    const state = evaluateWithState(ranked, values);
    expect(sumOf(unitOf(state.result, 'U1'), 'bonus')).toBe('2');
    expect(sumOf(unitOf(state.result, 'U2'), 'bonus')).toBe('0');
    // after a re-score that makes U2 the best of the three, the bonus moves to it; U4 still does not count
    const next = rescoreCodes(state, 'U2', new Map([['C1', [f.value('60', { unit: 'U2', id: 'v-U2b' })]]]));
    expect([sumOf(unitOf(next.result, 'U1'), 'bonus'), sumOf(unitOf(next.result, 'U2'), 'bonus')]).toEqual(['0', '2']);
  });
});

describe('a scheme without grading', () => {
  it('gives every unit no grade and no grade notes, fresh and after a re-score', () => {
    const state = evaluateWithState(scheme, base);
    expect(state.result.units.map((u) => [u.grade, u.gradeNotes])).toEqual([[undefined, []], [undefined, []], [undefined, []]]);
    const next = rescoreCodes(state, 'u2', new Map([['I2', [judge('u2', 'I2', 39)]]]));
    expect(next.result.units.map((u) => [u.grade, u.gradeNotes])).toEqual([[undefined, []], [undefined, []], [undefined, []]]);
  });
});

// ---- the rest of the first run's survivors (docs/testing.md, eighth session) --------------------

const judged = (units: string[], groups: { code: string; units: string[] }[]): Scheme =>
  ({
    ...scheme,
    units: units.map((code) => ({ code, name: code, category: 'town' })),
    rankingGroups: groups.map((g) => ({ code: g.code, name: g.code, units: g.units })),
  }) as unknown as Scheme;
const ranksOf = (r: ReturnType<typeof evaluate>) => r.units.map((u) => [u.unit, u.ranks.map((k) => `${k.group}:${k.rank}/${k.of}${k.isTied ? '=' : ''}`)]);
const rowsOf = (r: ReturnType<typeof evaluate>) => r.groups.map((g) => [g.code, g.units.map((u) => `${u.unit}:${u.rank}${u.isTied ? '=' : ''}`)]);

describe('a re-score after an emptied code, on the full path', () => {
  // I1's clause A1 feeds a group average (U3 is N/A there under average-of-others); B1 does not.
  const averaged = buildScheme({
    units: 3,
    indicators: [
      { code: 'A', title: '均分项', points: d(10), notApplicable: 'average-of-others', clauses: [{ code: 'A1', text: '每起扣1分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } }] },
      { code: 'B', title: '扣分项', points: d(10), clauses: [{ code: 'B1', text: '每起扣1分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } }] },
    ],
  });
  const start = [f.occ({ id: 'a0', unit: 'U1', ref: 'A1' }), f.na({ id: 'na3', unit: 'U3', ref: 'A' })];
  it('a code first given facts and then emptied reads as no facts when the whole evaluation is redone', () => {
    const s0 = evaluateWithState(averaged, start);
    // B1 is not under the averaged indicator: re-scored on its own, the unit's facts now an overlay
    const s1 = rescoreCodes(s0, 'U1', new Map([['B1', [f.occ({ id: 'b1', unit: 'U1', ref: 'B1' })]]]));
    expect(unitOf(s1.result, 'U1').total).toBe(d(18));
    // B1 emptied, A1 changed: A1 feeds U3's average, so every fact is read again, B1's none among them
    const later = [f.occ({ id: 'a1', unit: 'U1', ref: 'A1' }), f.occ({ id: 'a2', unit: 'U1', ref: 'A1' })];
    const s2 = rescoreCodes(s1, 'U1', new Map([['B1', []], ['A1', later]]));
    const fresh = evaluate(averaged, [...later, start[1]!]);
    expect(totals(s2.result)).toEqual(totals(fresh));
    expect(unitOf(s2.result, 'U1').total).toBe(d(18));
  });
  it('a clause under an averaged indicator nested below its topic takes the full path too', () => {
    const nested = buildScheme({
      units: 3,
      indicators: [{ code: 'T', title: '专题', children: [{ code: 'A', title: '均分项', points: d(10), notApplicable: 'average-of-others', clauses: [{ code: 'A1', text: '每起扣1分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } }] }] }],
    });
    const s0 = evaluateWithState(nested, start);
    // U1 9, U2 10: U3 takes 9.5; after U1 loses 3 more, U3 takes (6 + 10) / 2 = 8
    expect(unitOf(s0.result, 'U3').total).toBe(d('9.5'));
    const more = [0, 1, 2, 3].map((i) => f.occ({ id: `m${i}`, unit: 'U1', ref: 'A1' }));
    const s1 = rescoreCodes(s0, 'U1', new Map([['A1', more]]));
    expect(unitOf(s1.result, 'U3').total).toBe(d(8));
    expect(totals(s1.result)).toEqual(totals(evaluate(nested, [...more, start[1]!])));
  });
});

describe('ranks of re-scored units in several ranking groups', () => {
  it('a re-scored unit’s ranks are its groups in the scheme’s order, whatever order the re-scored units bring them in', () => {
    // U1 is in g0 and g2, U2 in g0, g1 and g2: a rank-bands clause re-scores both, U1 first
    const ranked = buildScheme({ rule: { kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 1, amount: d(10) }], otherwise: d(5) }, points: '10', units: 3 });
    ranked.rankingGroups = [
      { code: 'g0', name: 'g0', units: ['U1', 'U2', 'U3'] },
      { code: 'g1', name: 'g1', units: ['U2'] },
      { code: 'g2', name: 'g2', units: ['U1', 'U2'] },
    ];
    const values = ['50', '40', '30'].map((v, i) => f.value(v, { id: `v${i}`, unit: `U${i + 1}` }));
    const state = evaluateWithState(ranked, values);
    const change = f.value('10', { id: 'v0b', unit: 'U1' });
    const next = rescoreCodes(state, 'U1', new Map([['C1', [change]]]));
    const fresh = evaluate(ranked, [change, ...values.slice(1)]);
    expect(ranksOf(next.result)).toEqual(ranksOf(fresh));
    expect(ranksOf(next.result)[1]).toEqual(['U2', ['g0:1/3', 'g1:1/1', 'g2:1/2']]);
  });
  it('a unit not re-scored gets its new rank in a group where it holds, in another group, the same rank', () => {
    // u0 is 2nd of 2 in g0 and 1st of 2 in g1; u2 overtakes it in g1: now 2nd of 2 there too
    const two = judged(['u0', 'u1', 'u2'], [{ code: 'g0', units: ['u0', 'u1'] }, { code: 'g1', units: ['u0', 'u2'] }]);
    const facts = [judge('u0', 'I1', 50), judge('u0', 'I2', 30), judge('u1', 'I1', 55), judge('u1', 'I2', 35), judge('u2', 'I1', 40), judge('u2', 'I2', 30)];
    const state = evaluateWithState(two, facts);
    expect(ranksOf(state.result)[0]).toEqual(['u0', ['g0:2/2', 'g1:1/2']]);
    const next = rescoreCodes(state, 'u2', new Map([['I1', [judge('u2', 'I1', 60)]]]));
    expect(ranksOf(next.result)[0]).toEqual(['u0', ['g0:2/2', 'g1:2/2']]);
    expect(ranksOf(next.result)).toEqual(ranksOf(evaluate(two, [...facts.filter((x) => !(x.unit === 'u2' && x.ref === 'I1')), judge('u2', 'I1', 60)])));
  });
});

describe('forced-last units tied with each other after a re-score', () => {
  it('two forced-last units with equal totals stay tied at the rank after the others', () => {
    const vetoed = { ...judged(['u0', 'u1', 'u2', 'u3'], [{ code: 'g', units: ['u0', 'u1', 'u2', 'u3'] }]), vetoes: [{ code: 'V', text: '列为末位', effects: [{ type: 'force-last' }] }] } as unknown as Scheme;
    const facts = [
      ...[['u0', 50], ['u1', 45], ['u2', 40], ['u3', 40]].map(([u, v]) => judge(u as string, 'I1', v as number)),
      ...['u0', 'u1', 'u2', 'u3'].map((u) => judge(u, 'I2', 30)),
      { id: 'v2', unit: 'u2', ref: 'V', type: 'flag', value: true } as Fact,
      { id: 'v3', unit: 'u3', ref: 'V', type: 'flag', value: true } as Fact,
    ];
    const state = evaluateWithState(vetoed, facts);
    expect(rowsOf(state.result)).toEqual([['g', ['u0:1', 'u1:2', 'u2:3=', 'u3:3=']]]);
    const next = rescoreCodes(state, 'u1', new Map([['I1', [judge('u1', 'I1', 55)]]]));
    expect(rowsOf(next.result)).toEqual([['g', ['u1:1', 'u0:2', 'u2:3=', 'u3:3=']]]);
    expect(ranksOf(next.result)).toEqual(ranksOf(evaluate(vetoed, [...facts.filter((x) => !(x.unit === 'u1' && x.ref === 'I1')), judge('u1', 'I1', 55)])));
  });
});

describe('relative-to-best by the best unit’s denominator: the peer values', () => {
  const rule = { kind: 'relative-to-best', effect: 'score', metric: { of: 'rate' }, weight: d('10'), denominatorOfBest: true } as const;
  it('the rate is found among the unit’s other facts at the clause, and a unit without one is left out', () => {
    const scheme4 = buildScheme({ points: '10', rule, groups: { g: 4 } });
    const facts = [
      f.rate('90', '100', { unit: 'g1' }),
      // the most 办结数, its rate after another fact at the same clause
      f.occ({ unit: 'g2' }),
      f.rate('120', '150', { unit: 'g2' }),
      f.rate('60', '80', { unit: 'g3' }),
      // g4 has nothing at the clause
    ];
    const r = evaluate(scheme4, facts);
    expect(['g1', 'g2', 'g3'].map((u) => P.toStr(unitOf(r, u).total))).toEqual(['6', '8', '4']);
    expect(unitOf(r, 'g4').total).toBe(P.ZERO);
  });
});

describe('a cross-unit clause reading a shared data item', () => {
  it('a change at the data item re-ranks the group', () => {
    const ranked = buildScheme({ rule: { kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 1, amount: d(10) }], otherwise: d(5) }, points: '10', units: 3, clause: { dataItem: 'D1' } });
    const values = ['50', '40', '30'].map((v, i) => f.value(v, { id: `d${i}`, unit: `U${i + 1}`, ref: 'D1' }));
    const state = evaluateWithState(ranked, values);
    expect(['U1', 'U2', 'U3'].map((u) => P.toStr(unitOf(state.result, u).total))).toEqual(['10', '5', '5']);
    const change = f.value('60', { id: 'd2b', unit: 'U3', ref: 'D1' });
    const next = rescoreCodes(state, 'U3', new Map([['D1', [change]]]));
    expect(['U1', 'U2', 'U3'].map((u) => P.toStr(unitOf(next.result, u).total))).toEqual(['5', '5', '10']);
    expect(totals(next.result)).toEqual(totals(evaluate(ranked, [...values.slice(0, 2), change])));
  });
});
