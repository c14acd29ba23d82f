/**
 * The incremental re-score against a fresh evaluation on a scheme with depth: a re-score takes every
 * indicator none of whose codes changed as it was (result, lines, counts and sums from the unit's
 * previous trace) and scores again only the path above a changed code. So this scheme has what a
 * reused subtree must carry upwards: nested indicators, an averaged parent, a deduction cap over
 * children, a clause that zeroes its parent and one that zeroes the unit, a clause needing review,
 * not-applicable leaves (full points, left out and rescaled, group average) and an N/A parent, a
 * leaf scored by judgement, a veto that
 * zeroes an indicator and one that puts the unit last, a negative-list item, and a rule comparing the
 * units of a peer group (a change there re-scores that clause for the whole group). After every
 * change of a random sequence — through `rescore` (the unit's facts) or `rescoreCodes` (the facts of
 * some codes) — the state must equal a fresh `evaluate` byte for byte: totals, ledgers, nodes,
 * clause results, ranks and grades.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Code, Grading, Scheme } from '../../src/scheme/scheme.types';
import type { Fact } from '../../src/scheme/fact.types';
import { evaluate, evaluateWithState, rescore, rescoreCodes } from '../../src/scoring/evaluate';
import { cats, grades } from './rescore-fixtures';

const d = P.dec;
const UNITS = 10;
const gradings: Grading[] = [
  { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(40) }, { grade: 'B', min: d(30) }], quotas: [{ grade: 'A', maxPercent: d(40), scope: 'group' }] },
  { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(40) }, { grade: 'B', min: d(30) }], quotas: [{ grade: 'A', max: 2, scope: 'all' }, { grade: 'B', max: 3, scope: 'all' }] },
  { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(40) }, { grade: 'B', min: d(30) }], exceptions: [{ when: { vetoed: true }, maxGrade: 'C' }] },
  { grades, method: 'rank-percentile', percentiles: [{ grade: 'A', upToPercent: d(30) }, { grade: 'B', upToPercent: d(70) }], quotas: [{ grade: 'A', max: 1, scope: 'group' }] },
];

function deepScheme(grading: Grading, withAverage: boolean): Scheme {
  return {
    formatVersion: 1,
    code: 'deep',
    year: 2026,
    title: '层级重算',
    settings: {},
    unitCategories: cats.map((c) => ({ code: c, name: c })),
    units: Array.from({ length: UNITS }, (_, i) => ({ code: `u${i}`, name: `单位${i}`, category: cats[i % 2]!, ...(i % 4 === 0 ? { groups: ['key'] } : {}) })),
    rankingGroups: [...cats.map((c) => ({ code: c, name: c, categories: [c] })), { code: 'key', name: '重点', units: [] }],
    divisions: [],
    leaders: [],
    assessors: [],
    indicators: [
      {
        code: 'T1',
        title: '党建',
        points: d(20),
        caps: { deduction: d(6) },
        children: [
          {
            code: 'L11',
            title: '组织',
            points: d(10),
            clauses: [
              { code: 'C11', text: '每起扣0.5分，最多扣3分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d(3) } },
              { code: 'C12', text: '低于95%扣0.5分，每低5个百分点再扣0.5分', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d(95), direction: 'below', initial: d('0.5'), step: d(5), perStep: d('0.5'), cap: d(4) } },
            ],
          },
          {
            code: 'L12',
            title: '宣传',
            points: d(10),
            notApplicable: 'rescale-total',
            clauses: [
              { code: 'C13', text: '完成得满分，部分完成酌情', points: d(10), rule: { kind: 'completion', allowPartial: true } },
              { code: 'C14', text: '出现重大问题的上级指标不得分', rule: { kind: 'zero', scope: 'parent' } },
              // needs review whatever the facts: a reused L12 must carry its needs-review count
              { code: 'C15', text: '发现问题每次扣0.2分', status: 'needs-review', reviewReason: '条文待核', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.2') } },
            ],
          },
        ],
      },
      {
        code: 'T2',
        title: '发展',
        points: d(10),
        aggregation: 'average',
        children: [
          { code: 'L21', title: '满意度', points: d(10), clauses: [{ code: 'C21', text: '低于50扣2分，50至80扣1分', rule: { kind: 'bands', effect: 'deduction', metric: { of: 'value' }, bands: [{ max: d(50), amount: d(2) }, { min: d(50), max: d(80), amount: d(1) }, { min: d(80), amount: d(0) }] } }] },
          {
            code: 'L22',
            title: '安全',
            points: d(10),
            notApplicable: 'full-points',
            clauses: [
              { code: 'C22', text: '每起扣1分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) } },
              { code: 'C23', text: '发生特大事故的总分为零', rule: { kind: 'zero', scope: 'unit' } },
            ],
          },
        ],
      },
      { code: 'T3', title: '创新', points: d(5) },
      { code: 'T4', title: '排名', points: d(6), clauses: [{ code: 'C41', text: '同类前2名不扣分，其余扣2分', rule: { kind: 'rank-bands', effect: 'deduction', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 2, amount: d(0) }, { from: 3, amount: d(2) }] } }] },
      { code: 'T5', title: '专项', points: d(4), notApplicable: withAverage ? 'average-of-others' : 'full-points', clauses: [{ code: 'C51', text: '完成得满分', points: d(4), rule: { kind: 'completion', allowPartial: false } }] },
    ],
    negativeList: [{ code: 'N1', text: '负面事项', amount: d(1) }],
    vetoes: [
      { code: 'V1', text: '否决满意度', effects: [{ type: 'zero-indicator', indicator: 'L21' }] },
      { code: 'V2', text: '列为末位', effects: [{ type: 'force-last' }] },
    ],
    subAssessments: [],
    grading,
  } as Scheme;
}

type Data = {
  occ: number;
  rate: number;
  done: 'yes' | 'no' | 'partial';
  zeroParent: boolean;
  naL12: boolean;
  value: number | null;
  occ22: number;
  zeroUnit: boolean;
  naL22: boolean;
  judged: number | null;
  peer: number | null;
  c51: boolean;
  naT5: boolean;
  v1: boolean;
  v2: boolean;
  n1: boolean;
  /** The whole first indicator (with its two children) not applicable. */
  naT1: boolean;
};
const fields = ['occ', 'rate', 'done', 'zeroParent', 'naL12', 'value', 'occ22', 'zeroUnit', 'naL22', 'judged', 'peer', 'c51', 'naT5', 'v1', 'v2', 'n1', 'naT1'] as const;
const data: fc.Arbitrary<Data> = fc.record({
  occ: fc.integer({ min: 0, max: 7 }),
  rate: fc.integer({ min: 70, max: 100 }),
  done: fc.constantFrom('yes' as const, 'no' as const, 'partial' as const),
  zeroParent: fc.boolean(),
  naL12: fc.boolean(),
  value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  occ22: fc.integer({ min: 0, max: 3 }),
  // rare, so most totals are not zero
  zeroUnit: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  naL22: fc.boolean(),
  judged: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  peer: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
  c51: fc.boolean(),
  naT5: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  v1: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  v2: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  n1: fc.boolean(),
  naT1: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

/** Ids depend only on the unit and the fact's place: an unchanged fact equals its old self. */
function factsOf(unit: string, x: Data): Fact[] {
  const f = (ref: Code, k: string, rest: object): Fact => ({ id: `${unit}-${k}`, unit, ref, ...rest }) as Fact;
  const out: Fact[] = [];
  for (let i = 0; i < x.occ; i++) out.push(f('C11', `o${i}`, { type: 'occurrence' }));
  out.push(f('C12', 'r', { type: 'rate', numerator: d(x.rate), denominator: d(100) }));
  if (x.naL12) out.push(f('L12', 'na12', { type: 'not-applicable', reason: '不涉及' }));
  if (x.done === 'partial') out.push(f('C13', 'j13', { type: 'judgement', amount: d('6.5'), reason: '部分完成' }));
  else out.push(f('C13', 'f13', { type: 'flag', value: x.done === 'yes' }));
  if (x.zeroParent) out.push(f('C14', 'z14', { type: 'flag', value: true }));
  if (x.value !== null) out.push(f('C21', 'v', { type: 'value', value: d(x.value) }));
  if (x.naL22) out.push(f('L22', 'na22', { type: 'not-applicable', reason: '不涉及' }));
  for (let i = 0; i < x.occ22; i++) out.push(f('C22', `s${i}`, { type: 'occurrence' }));
  if (x.zeroUnit) out.push(f('C23', 'z23', { type: 'flag', value: true }));
  if (x.judged !== null) out.push(f('T3', 'jt3', { type: 'judgement', amount: d(x.judged), reason: '评定' }));
  if (x.peer !== null) out.push(f('C41', 'p', { type: 'value', value: d(x.peer) }));
  if (x.naT5) out.push(f('T5', 'na5', { type: 'not-applicable', reason: '未列入' }));
  out.push(f('C51', 'c51', { type: 'flag', value: x.c51 }));
  if (x.v1) out.push(f('V1', 'v1', { type: 'flag', value: true }));
  if (x.v2) out.push(f('V2', 'v2', { type: 'flag', value: true }));
  if (x.n1) out.push(f('N1', 'n1', { type: 'flag', value: true }));
  if (x.naT1) out.push(f('T1', 'na1', { type: 'not-applicable', reason: '不涉及' }));
  return out;
}

function byRef(facts: readonly Fact[]): Map<Code, Fact[]> {
  const m = new Map<Code, Fact[]>();
  for (const f of facts) m.set(f.ref, [...(m.get(f.ref) ?? []), f]);
  return m;
}

/** Every code of the unit's old or new facts whose list differs, with its new list (empty: none now). */
function changedCodes(before: readonly Fact[], after: readonly Fact[]): Map<Code, Fact[]> {
  const b = byRef(before);
  const a = byRef(after);
  const out = new Map<Code, Fact[]>();
  for (const ref of new Set([...b.keys(), ...a.keys()])) if (JSON.stringify(b.get(ref) ?? []) !== JSON.stringify(a.get(ref) ?? [])) out.set(ref, a.get(ref) ?? []);
  return out;
}

/** Equal JSON, or a failure that shows where the two first differ (the whole result is long). */
function sameJson(got: unknown, want: unknown, what: string): void {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a === b) return;
  let i = 0;
  while (a[i] === b[i]) i++;
  expect(a.slice(Math.max(0, i - 300), i + 200), `${what}: first difference at ${i}`).toBe(b.slice(Math.max(0, i - 300), i + 200));
}

describe('rescore and rescoreCodes on a nested scheme equal a fresh evaluate (fast-check)', () => {
  it('after every change of a random sequence, one field or a whole unit at a time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: gradings.length - 1 }),
        fc.boolean(),
        fc.array(data, { minLength: UNITS, maxLength: UNITS }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: UNITS - 1 }), data, fc.integer({ min: -1, max: fields.length - 1 }), fc.constantFrom('unit' as const, 'changed' as const, 'all-codes' as const)), { minLength: 1, maxLength: 10 }),
        (g, withAverage, initial, changes) => {
          const scheme = deepScheme(gradings[g]!, withAverage);
          const current = new Map(initial.map((x, i) => [`u${i}`, x]));
          const facts = new Map(initial.map((x, i) => [`u${i}`, factsOf(`u${i}`, x)]));
          let state = evaluateWithState(scheme, [...facts.values()].flat());
          expect(JSON.stringify(state.result)).toBe(JSON.stringify(evaluate(scheme, [...facts.values()].flat())));
          changes.forEach(([i, x, field, how], step) => {
            const unit = `u${i}`;
            const next: Data = field < 0 ? x : { ...current.get(unit)!, [fields[field]!]: x[fields[field]!] };
            current.set(unit, next);
            const before = facts.get(unit)!;
            const after = factsOf(unit, next);
            facts.set(unit, after);
            if (how === 'unit') state = rescore(state, unit, after);
            else if (how === 'changed') state = rescoreCodes(state, unit, changedCodes(before, after));
            // every code the unit has or had, changed or not: the unchanged ones must change nothing
            else state = rescoreCodes(state, unit, new Map([...byRef(before).keys(), ...byRef(after).keys()].map((ref) => [ref, byRef(after).get(ref) ?? []])));
            const all = scheme.units.flatMap((u) => facts.get(u.code)!);
            const what = `step ${step}: ${unit} ${field < 0 ? 'all' : fields[field]} by ${how}`;
            const fresh = evaluateWithState(scheme, all);
            sameJson(state.result, fresh.result, what);
            // what the engine keeps per unit for group averages, as a fresh evaluation has it
            const kept = (s: typeof state) => scheme.units.map((u) => { const x = s.scores.get(u.code)!; return [[...x.nodeScores].sort(), [...x.naIndicators].sort(), x.needsImputation]; });
            sameJson(kept(state), kept(fresh), `${what} (node scores)`);
          });
        },
      ),
      { numRuns: 120, seed: 20261203 },
    );
  });

  it('an indicator not applicable to the unit has no clause results (its clauses are not evaluated)', () => {
    const scheme = deepScheme(gradings[2]!, false);
    const x: Data = { occ: 2, rate: 80, done: 'no', zeroParent: false, naL12: false, value: 10, occ22: 1, zeroUnit: false, naL22: false, judged: 1, peer: 3, c51: true, naT5: false, v1: false, v2: false, n1: true, naT1: false };
    const facts = scheme.units.flatMap((u) => factsOf(u.code, u.code === 'u0' ? { ...x, naT5: true, naL22: true } : x));
    const u0 = evaluate(scheme, facts).units[0]!;
    const node = (code: Code) => [...u0.nodes, ...u0.nodes.flatMap((n) => n.children)].find((n) => n.code === code)!;
    expect(node('T5').status).toBe('not-applicable');
    expect(node('T5').clauses).toEqual([]);
    expect(node('L22').clauses).toEqual([]);
    // the unit's applicable clauses keep their own results: 2 occurrences × 0.5; 80% is 15 points
    // under 95%: 0.5 + 3 steps of 5 × 0.5 = 2
    expect(node('L11').clauses.map((c) => P.toStr(c.deduction))).toEqual(['1', '2']);
  });

  it('a code the unit never had facts at, given no facts, changes nothing; one new fact there is scored', () => {
    const scheme = deepScheme(gradings[0]!, false);
    const x: Data = { occ: 1, rate: 90, done: 'yes', zeroParent: false, naL12: false, value: 60, occ22: 0, zeroUnit: false, naL22: false, judged: null, peer: 3, c51: true, naT5: false, v1: false, v2: false, n1: false, naT1: false };
    const facts = scheme.units.flatMap((u) => factsOf(u.code, x));
    const state = evaluateWithState(scheme, facts);
    const before = JSON.stringify(state.result);
    expect(rescoreCodes(state, 'u3', new Map([['C22', []]]))).toBe(state);
    expect(JSON.stringify(state.result)).toBe(before);
    const hit: Fact = { id: 'u3-s0', unit: 'u3', ref: 'C22', type: 'occurrence' } as Fact;
    rescoreCodes(state, 'u3', new Map([['C22', [hit]]]));
    const fresh = evaluate(scheme, [...facts, hit]);
    expect(JSON.stringify(state.result)).toBe(JSON.stringify(fresh));
    // 每起扣1分 in L22, averaged with L21 under T2: the total moves by half a point
    expect(P.toStr(P.sub(JSON.parse(before).units[3].total, state.result.units[3]!.total))).toBe('0.5');
  });
});
