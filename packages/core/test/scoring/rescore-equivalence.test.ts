/**
 * The fast re-score path against the straightforward one: after any sequence of changes to
 * different units' facts, `rescore` (incremental ranks and grades, positions and grading flags
 * cached per evaluation, clause plans reused) must give byte for byte what a fresh `evaluate` of
 * all facts gives — totals, every ledger line, node and clause results, ranks and grades. Random
 * schemes and facts from fast-check: several ranking groups, a unit in two groups, a clause that
 * compares units (its changes take the full path), group or overall quotas, rank-percentile grading.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Grading, Indicator, Scheme } from '../../src/scheme/scheme.types';
import type { Fact } from '../../src/scheme/fact.types';
import { evaluate, evaluateWithState, rescore } from '../../src/scoring/evaluate';

const d = P.dec;
const UNITS = 12;
const cats = ['town', 'street'];

const grades = [
  { code: 'A', name: '优秀' },
  { code: 'B', name: '良好' },
  { code: 'C', name: '一般' },
];
const gradings: Grading[] = [
  { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(30) }, { grade: 'B', min: d(20) }], quotas: [{ grade: 'A', maxPercent: d(40), scope: 'group' }] },
  { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(30) }, { grade: 'B', min: d(20) }], quotas: [{ grade: 'A', max: 3, scope: 'all' }] },
  { grades, method: 'rank-percentile', percentiles: [{ grade: 'A', upToPercent: d(30) }, { grade: 'B', upToPercent: d(70) }] },
];

function schemeWith(grading: Grading, withPeers: boolean): Scheme {
  const indicators: Indicator[] = [
    { code: 'I1', title: '信访', points: d(10), clauses: [{ code: 'C1', text: '每起扣0.5分，最多扣3分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d(3) } }] },
    {
      code: 'I2',
      title: '办结率',
      points: d(10),
      clauses: [{ code: 'C2', text: '低于95%扣0.5分，每低5个百分点再扣0.5分', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d(95), direction: 'below', initial: d('0.5'), step: d(5), perStep: d('0.5'), cap: d(4) } }],
    },
    { code: 'I3', title: '重点任务', points: d(5), clauses: [{ code: 'C3', text: '完成得满分，部分完成酌情', rule: { kind: 'completion', allowPartial: true } }] },
    {
      code: 'I4',
      title: '群众满意度',
      points: d(8),
      clauses: [{ code: 'C4', text: '低于50扣2分，50至80扣1分', rule: { kind: 'bands', effect: 'deduction', metric: { of: 'value' }, bands: [{ max: d(50), amount: d(2) }, { min: d(50), max: d(80), amount: d(1) }, { min: d(80), amount: d(0) }] } }],
    },
  ];
  if (withPeers) {
    indicators.push({ code: 'I5', title: '排名', points: d(4), clauses: [{ code: 'C5', text: '同类后2名扣1分', rule: { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 2, amount: d(1) } }] });
  }
  return {
    formatVersion: 1,
    code: 's',
    year: 2020,
    title: '重算等价',
    settings: {},
    unitCategories: cats.map((c) => ({ code: c, name: c })),
    units: Array.from({ length: UNITS }, (_, i) => ({ code: `u${i}`, name: `单位${i}`, category: cats[i % 2]!, ...(i % 5 === 0 ? { groups: ['key'] } : {}) })),
    rankingGroups: [...cats.map((c) => ({ code: c, name: c, categories: [c] })), { code: 'key', name: '重点', units: [] }],
    divisions: [],
    leaders: [],
    assessors: [],
    indicators,
    negativeList: [],
    vetoes: [],
    subAssessments: [],
    grading,
  } as Scheme;
}

type UnitData = { occurrences: number; rate: number; done: 'yes' | 'no' | 'partial' | 'none'; value: number | null; peer: number | null };

const unitData: fc.Arbitrary<UnitData> = fc.record({
  occurrences: fc.integer({ min: 0, max: 8 }),
  rate: fc.integer({ min: 60, max: 100 }),
  done: fc.constantFrom('yes' as const, 'no' as const, 'partial' as const, 'none' as const),
  value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  peer: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
});

/** A unit's facts from its data; `tag` keeps fact ids unique across changes. */
function factsOf(unit: string, x: UnitData, tag: string): Fact[] {
  const id = (k: string): string => `${unit}-${k}-${tag}`;
  const out: Fact[] = [];
  for (let i = 0; i < x.occurrences; i++) out.push({ id: id(`o${i}`), unit, ref: 'C1', type: 'occurrence' } as Fact);
  out.push({ id: id('r'), unit, ref: 'C2', type: 'rate', numerator: d(x.rate), denominator: d(100) } as Fact);
  if (x.done === 'yes' || x.done === 'no') out.push({ id: id('f'), unit, ref: 'C3', type: 'flag', value: x.done === 'yes' } as Fact);
  else if (x.done === 'partial') out.push({ id: id('j'), unit, ref: 'C3', type: 'judgement', amount: d('2.5'), reason: '部分完成' } as Fact);
  if (x.value !== null) out.push({ id: id('v'), unit, ref: 'C4', type: 'value', value: d(x.value) } as Fact);
  if (x.peer !== null) out.push({ id: id('p'), unit, ref: 'C5', type: 'value', value: d(x.peer) } as Fact);
  return out;
}

describe('rescore equals a fresh evaluate (fast-check)', () => {
  it('after every change of a random sequence: totals, ledgers, nodes, ranks and grades byte for byte', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: gradings.length - 1 }),
        fc.boolean(),
        fc.array(unitData, { minLength: UNITS, maxLength: UNITS }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: UNITS - 1 }), unitData), { minLength: 1, maxLength: 8 }),
        (g, withPeers, initial, changes) => {
          const scheme = schemeWith(gradings[g]!, withPeers);
          const byUnit = new Map(initial.map((x, i) => [`u${i}`, factsOf(`u${i}`, x, '0')]));
          let state = evaluateWithState(scheme, [...byUnit.values()].flat());
          changes.forEach(([i, x], step) => {
            const unit = `u${i}`;
            const next = factsOf(unit, x, String(step + 1));
            byUnit.set(unit, next);
            state = rescore(state, unit, next);
            const all = scheme.units.flatMap((u) => byUnit.get(u.code) ?? []);
            expect(JSON.stringify(state.result), `step ${step}, ${unit}`).toBe(JSON.stringify(evaluate(scheme, all)));
          });
        },
      ),
      { numRuns: 60, seed: 20261202 },
    );
  });
});
