import { dec, fromInt, type Clause, type Fact, type Indicator, type Rule, type Scheme } from '@kaohe/core';

/**
 * A province-scale synthetic scheme: `units` units in `groups` ranking groups, 36 indicators ×
 * 10 clauses mixing the rule families the floor loop re-implements, and about `factsPerUnit`
 * facts per unit. Deterministic (seeded) so runs compare.
 */
export type Size = { units: number; groups: number; indicators: number; clausesPerIndicator: number; factsPerUnit: number };

export const PROVINCE: Size = { units: 2000, groups: 10, indicators: 36, clausesPerIndicator: 10, factsPerUnit: 1000 };

export const FAMILIES = ['per-occurrence', 'tiered', 'condition', 'shortfall', 'threshold', 'bands', 'proportional', 'rate', 'completion', 'discretionary'] as const;
export type Family = (typeof FAMILIES)[number];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function familyOf(clauseIndex: number): Family {
  return FAMILIES[clauseIndex % FAMILIES.length]!;
}

function ruleFor(f: Family): Rule {
  switch (f) {
    case 'per-occurrence':
      return { kind: 'per-occurrence', effect: 'deduction', amount: dec('0.05'), cap: dec('0.3') };
    case 'tiered':
      return { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 省: dec('0.3'), 市: dec('0.2'), 县: dec('0.1') } }, cap: dec('0.5') };
    case 'condition':
      return { kind: 'condition', effect: 'deduction', amount: dec('0.1') };
    case 'shortfall':
      return { kind: 'shortfall', effect: 'deduction', required: 4, amount: dec('0.05'), noneAmount: dec('0.25') };
    case 'threshold':
      return { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: fromInt(95), direction: 'below', initial: dec('0.05'), step: fromInt(5), perStep: dec('0.05'), cap: dec('0.25') };
    case 'bands':
      return { kind: 'bands', effect: 'deduction', metric: { of: 'value' }, bands: [{ max: fromInt(50), amount: dec('0.2') }, { min: fromInt(50), max: fromInt(80), amount: dec('0.1') }, { min: fromInt(80), amount: dec('0') }] };
    case 'proportional':
      return { kind: 'proportional', effect: 'score', target: fromInt(200) };
    case 'rate':
      return { kind: 'rate-formula', effect: 'score', weight: dec('0.3'), decimals: 3 };
    case 'completion':
      return { kind: 'completion', allowPartial: true };
    case 'discretionary':
      return { kind: 'discretionary', effect: 'deduction', min: dec('0.05'), max: dec('0.2') };
  }
}

/** Points of a clause for positive families (their indicator is scored as the sum of clause scores). */
export const CLAUSE_POINTS = dec('0.9');

export function makeScheme(size: Size): Scheme {
  const units = Array.from({ length: size.units }, (_, i) => ({ code: `u${i}`, name: `单位${i}`, category: `c${i % size.groups}` }));
  const indicators: Indicator[] = [];
  let k = 0;
  for (let i = 0; i < size.indicators; i++) {
    const clauses: Clause[] = [];
    for (let j = 0; j < size.clausesPerIndicator; j++) {
      const f = familyOf(k);
      const positive = f === 'proportional' || f === 'rate' || f === 'completion';
      clauses.push({ code: `k${k}`, text: `第${k}条（${f}）`, rule: ruleFor(f), ...(positive ? { points: CLAUSE_POINTS } : {}) });
      k++;
    }
    indicators.push({ code: `i${i}`, title: `指标${i}`, points: dec('2.7'), clauses });
  }
  return {
    formatVersion: 1,
    code: 'province',
    year: 2026,
    title: '省级基准方案',
    settings: { rounding: { decimals: 2, mode: 'half-up' } },
    unitCategories: Array.from({ length: size.groups }, (_, g) => ({ code: `c${g}`, name: `类别${g}` })),
    units,
    rankingGroups: Array.from({ length: size.groups }, (_, g) => ({ code: `g${g}`, name: `分组${g}`, categories: [`c${g}`] })),
    divisions: [],
    leaders: [],
    assessors: [],
    indicators,
    negativeList: [{ code: 'n1', text: '负面清单事项', amount: dec('0.5') }],
    vetoes: [],
    subAssessments: [],
    grading: {
      grades: [
        { code: 'A', name: '优秀' },
        { code: 'B', name: '良好' },
        { code: 'C', name: '合格' },
        { code: 'D', name: '不合格' },
      ],
      method: 'score-bands',
      bands: [
        { grade: 'A', min: fromInt(90) },
        { grade: 'B', min: fromInt(80) },
        { grade: 'C', min: fromInt(60) },
      ],
      quotas: [{ grade: 'A', maxPercent: fromInt(30), scope: 'group' }],
    },
  };
}

const LEVELS = ['省', '市', '县'];

export function makeFacts(size: Size, seed = 42): Fact[] {
  const r = rng(seed);
  const facts: Fact[] = [];
  const clauses = size.indicators * size.clausesPerIndicator;
  let id = 0;
  for (let u = 0; u < size.units; u++) {
    const unit = `u${u}`;
    let budget = size.factsPerUnit;
    // One fact for every clause that needs a measurement, occurrences for the rest.
    for (let c = 0; c < clauses; c++) {
      const ref = `k${c}`;
      const f = familyOf(c);
      const fid = () => `f${id++}`;
      switch (f) {
        case 'shortfall':
          facts.push({ id: fid(), unit, ref, type: 'count', done: Math.floor(r() * 6) });
          budget--;
          break;
        case 'threshold':
          facts.push({ id: fid(), unit, ref, type: 'rate', numerator: fromInt(70 + Math.floor(r() * 31)), denominator: fromInt(100) });
          budget--;
          break;
        case 'bands':
          facts.push({ id: fid(), unit, ref, type: 'value', value: fromInt(Math.floor(r() * 100)) });
          budget--;
          break;
        case 'proportional':
          facts.push({ id: fid(), unit, ref, type: 'value', value: fromInt(100 + Math.floor(r() * 150)) });
          budget--;
          break;
        case 'rate':
          facts.push({ id: fid(), unit, ref, type: 'rate', numerator: fromInt(Math.floor(r() * 301)), denominator: fromInt(300) });
          budget--;
          break;
        case 'completion':
          if (r() < 0.8) facts.push({ id: fid(), unit, ref, type: 'flag', value: true });
          else facts.push({ id: fid(), unit, ref, type: 'judgement', amount: dec('0.15'), reason: '部分完成' });
          budget--;
          break;
        case 'discretionary':
          if (r() < 0.3) {
            facts.push({ id: fid(), unit, ref, type: 'judgement', amount: dec('0.1'), reason: '酌情' });
            budget--;
          }
          break;
        default:
          break;
      }
    }
    // The rest of the budget: occurrences spread over the occurrence/condition clauses.
    const occClauses = Array.from({ length: clauses }, (_, c) => c).filter((c) => ['per-occurrence', 'tiered', 'condition'].includes(familyOf(c)));
    for (let n = 0; n < budget - 1; n++) {
      const c = occClauses[Math.floor(r() * occClauses.length)]!;
      const f = familyOf(c);
      if (f === 'tiered') facts.push({ id: `f${id++}`, unit, ref: `k${c}`, type: 'occurrence', level: LEVELS[Math.floor(r() * 3)]! });
      else if (f === 'condition') facts.push({ id: `f${id++}`, unit, ref: `k${c}`, type: 'flag', value: r() < 0.5 });
      else facts.push({ id: `f${id++}`, unit, ref: `k${c}`, type: 'occurrence' });
    }
    if (r() < 0.1) facts.push({ id: `f${id++}`, unit, ref: 'n1', type: 'flag', value: true });
  }
  return facts;
}
