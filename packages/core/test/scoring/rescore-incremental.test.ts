/**
 * `rescore` re-ranks only the groups of the changed unit and re-grades only the units whose grade
 * can move: it must give exactly what a full `evaluate` gives, for schemes with several ranking
 * groups, units in two groups, group and overall quotas, rank-percentile grading and sequences of
 * changes to different units.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Grading, Scheme } from '../../src/scheme/scheme.types';
import type { Fact } from '../../src/scheme/fact.types';
import { evaluate, evaluateWithState, rescore } from '../../src/scoring/evaluate';

const d = P.dec;

function schemeWith(grading: Grading): Scheme {
  const cats = ['town', 'street', 'dept'];
  const units = Array.from({ length: 18 }, (_, i) => ({
    code: `u${i}`,
    name: `单位${i}`,
    category: cats[i % 3]!,
    // Every fourth unit is also ranked in the 'key' group (重点单位), besides its category group.
    ...(i % 4 === 0 ? { groups: ['key'] } : {}),
  }));
  return {
    formatVersion: 1,
    code: 's',
    year: 2020,
    title: '增量重算',
    settings: {},
    unitCategories: cats.map((c) => ({ code: c, name: c })),
    units,
    rankingGroups: [...cats.map((c) => ({ code: c, name: c, categories: [c] })), { code: 'key', name: '重点', units: [] }],
    divisions: [],
    leaders: [],
    assessors: [],
    indicators: [{ code: 'I1', title: '总分', points: d(100) }],
    negativeList: [],
    vetoes: [],
    subAssessments: [],
    grading,
  } as Scheme;
}

const grades = [
  { code: 'A', name: '优秀' },
  { code: 'B', name: '良好' },
  { code: 'C', name: '一般' },
];
const gradings: Record<string, Grading> = {
  'score bands, group quota': { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(80) }, { grade: 'B', min: d(60) }], quotas: [{ grade: 'A', maxPercent: d(40), scope: 'group' }] },
  'score bands, overall quota': { grades, method: 'score-bands', bands: [{ grade: 'A', min: d(80) }, { grade: 'B', min: d(60) }], quotas: [{ grade: 'A', max: 3, scope: 'all' }] },
  'rank percentile': { grades, method: 'rank-percentile', percentiles: [{ grade: 'A', upToPercent: d(30) }, { grade: 'B', upToPercent: d(70) }] },
};

/** A small deterministic generator (no Math.random: a failure must be reproducible). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const judge = (unit: string, amount: number): Fact => ({ id: `${unit}-j`, unit, ref: 'I1', type: 'judgement', amount: d(amount), reason: '测试' }) as Fact;

describe('rescore: incremental ranks and grades', () => {
  for (const [name, grading] of Object.entries(gradings)) {
    it(`${name}: 60 changes in a row equal a full evaluate after each`, () => {
      const scheme = schemeWith(grading);
      const rnd = lcg(name.length * 7919);
      let facts = scheme.units.map((u) => judge(u.code, 50 + Math.floor(rnd() * 50)));
      let state = evaluateWithState(scheme, facts);
      for (let step = 0; step < 60; step++) {
        const unit = `u${Math.floor(rnd() * 18)}`;
        // Ties are common (few distinct totals), so tie handling in ranks and quotas is exercised.
        const next = judge(unit, 55 + 5 * Math.floor(rnd() * 9));
        facts = [...facts.filter((f) => f.unit !== unit), next];
        state = rescore(state, unit, [next]);
        expect(JSON.stringify(state.result), `${name}, step ${step}, ${unit}`).toBe(JSON.stringify(evaluate(scheme, facts)));
      }
    });
  }
});
