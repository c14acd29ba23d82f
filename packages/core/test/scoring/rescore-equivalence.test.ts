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
import { cats, grades } from './rescore-fixtures';

const d = P.dec;
const UNITS = 12;
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
      clauses: [{ code: 'C2', text: '低于95%扣0.5分，每低5个百分点再扣0.5分', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d(95), direction: 'below', initial: d('0.5'), step: d(5), perStep: d('0.5'), cap: d(4) },
          // Rules by unit category: towns are scored by their own steps, streets by the clause's rule.
          ruleByCategory: { town: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d(90), direction: 'below', step: d(1), perStep: d('0.3'), cap: d(5) } } }],
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

const unitFields = {
  occurrences: fc.integer({ min: 0, max: 8 }),
  rate: fc.integer({ min: 60, max: 100 }),
  done: fc.constantFrom('yes' as const, 'no' as const, 'partial' as const, 'none' as const),
  value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  peer: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
};
const unitData: fc.Arbitrary<UnitData> = fc.record(unitFields);

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

/**
 * The same, with fact ids that stay the same across changes: a change then moves only the codes
 * whose data moved, and `rescore` reuses the outcome and lines of every other clause (copied from
 * the previous store). The scheme adds what a reused outcome carries besides its amounts: a clause
 * needing review, two clauses of a dedupe group (P27 reads both), a zeroing clause (P29), a
 * not-applicable clause, and an indicator in deduction mode with a cap.
 */
function reuseScheme(grading: Grading, withPeers: boolean): Scheme {
  const base = schemeWith(grading, withPeers);
  const extra: Indicator[] = [
    {
      code: 'I6',
      title: '安全事故',
      points: d(6),
      caps: { deduction: d(4) },
      clauses: [
        { code: 'C6', text: '一般事故每起扣1分', dedupeGroup: 'acc', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } },
        { code: 'C7', text: '较大事故每起扣3分', dedupeGroup: 'acc', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(3) } },
        { code: 'C8', text: '发生重大事故本项不得分', rule: { kind: 'zero', scope: 'indicator' } },
      ],
    },
    { code: 'I7', title: '待核', points: d(3), clauses: [{ code: 'C9', text: '完成得满分', status: 'needs-review', reviewReason: '条文待核', rule: { kind: 'completion', allowPartial: false } }] },
  ];
  return { ...base, indicators: [...base.indicators, ...extra] } as Scheme;
}

type MoreData = UnitData & { accidents: [number, number]; major: boolean; naC4: boolean; reviewDone: boolean };
const moreData: fc.Arbitrary<MoreData> = fc.record({
  ...unitFields,
  accidents: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })),
  major: fc.boolean(),
  naC4: fc.boolean(),
  reviewDone: fc.boolean(),
});

/** Ids depend only on the unit and the fact's place, so an unchanged fact is equal to its old self. */
function stableFactsOf(unit: string, x: MoreData): Fact[] {
  const out = factsOf(unit, x, 's').filter((f) => !(x.naC4 && f.ref === 'C4'));
  if (x.naC4) out.push({ id: `${unit}-na4`, unit, ref: 'C4', type: 'not-applicable', reason: '不涉及' } as Fact);
  // the same event reported under both clauses of the dedupe group counts once, where it costs most
  for (let i = 0; i < x.accidents[0]; i++) out.push({ id: `${unit}-a${i}`, unit, ref: 'C6', type: 'occurrence', eventKey: `e${i}` } as Fact);
  for (let i = 0; i < x.accidents[1]; i++) out.push({ id: `${unit}-b${i}`, unit, ref: 'C7', type: 'occurrence', eventKey: `e${i}` } as Fact);
  if (x.major) out.push({ id: `${unit}-z`, unit, ref: 'C8', type: 'flag', value: true } as Fact);
  out.push({ id: `${unit}-c9`, unit, ref: 'C9', type: 'flag', value: x.reviewDone } as Fact);
  return out;
}

describe('rescore reusing unchanged clauses equals a fresh evaluate (fast-check)', () => {
  it('changes of one field at a time and of whole units, facts rebuilt as new objects with the same ids', () => {
    const fields = ['occurrences', 'rate', 'done', 'value', 'peer', 'accidents', 'major', 'naC4', 'reviewDone'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: gradings.length - 1 }),
        fc.boolean(),
        fc.array(moreData, { minLength: UNITS, maxLength: UNITS }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: UNITS - 1 }), moreData, fc.integer({ min: -1, max: fields.length - 1 })), { minLength: 1, maxLength: 8 }),
        (g, withPeers, initial, changes) => {
          const scheme = reuseScheme(gradings[g]!, withPeers);
          const data = new Map(initial.map((x, i) => [`u${i}`, x]));
          const byUnit = new Map(initial.map((x, i) => [`u${i}`, stableFactsOf(`u${i}`, x)]));
          let state = evaluateWithState(scheme, [...byUnit.values()].flat());
          changes.forEach(([i, x, field], step) => {
            const unit = `u${i}`;
            // one field of the unit's data (the others as they were), or the whole unit (-1)
            const nextData: MoreData = field < 0 ? x : { ...data.get(unit)!, [fields[field]!]: x[fields[field]!] };
            data.set(unit, nextData);
            const next = stableFactsOf(unit, nextData);
            byUnit.set(unit, next);
            state = rescore(state, unit, next);
            const all = scheme.units.flatMap((u) => byUnit.get(u.code) ?? []);
            expect(JSON.stringify(state.result), `step ${step}, ${unit}`).toBe(JSON.stringify(evaluate(scheme, all)));
          });
        },
      ),
      { numRuns: 80, seed: 20261203 },
    );
  });

  it('a re-score that changes nothing gives the same result, and one that changes one value equals a fresh evaluation', () => {
    const scheme = reuseScheme(gradings[0]!, false);
    const data = Array.from({ length: UNITS }, (_, i): MoreData => ({ occurrences: i % 4, rate: 80 + i, done: 'yes', value: 40 + 3 * i, peer: null, accidents: [i % 3, i % 2], major: i === 3, naC4: false, reviewDone: i % 2 === 0 }));
    const facts = data.flatMap((x, i) => stableFactsOf(`u${i}`, x));
    const state = evaluateWithState(scheme, facts);
    const before = JSON.stringify(state.result);
    rescore(state, 'u5', stableFactsOf('u5', data[5]!));
    expect(JSON.stringify(state.result)).toBe(before);
    const changed = { ...data[5]!, value: 90 };
    rescore(state, 'u5', stableFactsOf('u5', changed));
    const u5 = state.result.units.find((u) => u.unit === 'u5')!;
    const fresh = evaluate(scheme, data.flatMap((x, i) => stableFactsOf(`u${i}`, i === 5 ? changed : x)));
    expect(JSON.stringify(state.result)).toBe(JSON.stringify(fresh));
    // 50 → 90 crosses the 50–80 band: the C4 deduction of 1 is gone
    expect(u5.total).toBe(fresh.units[5]!.total);
    expect(u5.ledger.filter((l) => l.ref === 'C4').map((l) => l.amount)).toEqual(fresh.units[5]!.ledger.filter((l) => l.ref === 'C4').map((l) => l.amount));
  });
});
