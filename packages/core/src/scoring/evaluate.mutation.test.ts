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
