/**
 * A small builder for rule tests: a minimal Scheme with one indicator `I1` holding one clause `C1`
 * and one unit `U1` (or several units, or units in ranking groups), plus fact builders whose
 * defaults point at that unit and clause. Each test then states only the rule and the facts.
 *
 * `run` evaluates and checks, for every unit, that the ledger reconciles: the signed amounts of
 * its lines add up to the unit total (every point gained or lost is a line).
 */
import { expect } from 'vitest';
import * as P from '../src/points';
import type { Dec } from '../src/points';
import type {
  Clause,
  Grading,
  Indicator,
  NegativeItem,
  RankingGroup,
  Scheme,
  SchemeSettings,
  SubAssessment,
  Unit,
  VetoItem,
} from '../src/scheme/scheme.types';
import type {
  CountFact,
  Fact,
  FlagFact,
  JudgementFact,
  LatenessFact,
  NotApplicableFact,
  OccurrenceFact,
  RankFact,
  RateFact,
  SubScoreFact,
  SurveyFact,
  TargetOverrideFact,
  ValueFact,
} from '../src/scheme/fact.types';
import type { Rule } from '../src/rules/rule.types';
import type { EvaluationResult, LedgerKind, LedgerLine, UnitResult } from '../src/scoring/result.types';
import { evaluate } from '../src/scoring/evaluate';
import { describeLine } from '../src/explain/explain';

export const d = (v: string | number): Dec => P.dec(v);
export const str = P.toStr;

export type Build = {
  /** Rule of clause C1 on indicator I1 (omit when `clauses` or `indicators` is given). */
  rule?: Rule;
  /** Points of I1 (a string like '1' or '0.5'); omit for a deduction-only list (Mode D without M). */
  points?: string;
  clause?: Partial<Clause>;
  indicator?: Partial<Indicator>;
  /** Extra clauses on I1, after C1. */
  clauses?: Clause[];
  /** Replaces the whole indicator tree. */
  indicators?: Indicator[];
  /** Number of units U1..Un (category 'dept'); default 1. */
  units?: number;
  /** Ranking groups: group code → unit count; units are `${group}${i}` in category = group. */
  groups?: Record<string, number>;
  settings?: SchemeSettings;
  grading?: Grading;
  negativeList?: NegativeItem[];
  vetoes?: VetoItem[];
  subAssessments?: SubAssessment[];
};

/** 优秀/良好/合格/不合格 (A–D) by score bands 90 / 75 / 60: the grading most tests of vetoes and grades use. */
export const fourGrades: Grading = {
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

export function clause(code: string, rule: Rule, extra: Partial<Clause> = {}): Clause {
  return { code, text: `条款 ${code}`, rule, ...extra };
}

export function buildScheme(b: Build): Scheme {
  let units: Unit[];
  let rankingGroups: RankingGroup[] = [];
  let categories: string[];
  if (b.groups) {
    units = [];
    categories = Object.keys(b.groups);
    rankingGroups = categories.map((g) => ({ code: g, name: `${g} 组`, categories: [g] }));
    for (const [g, n] of Object.entries(b.groups)) for (let i = 1; i <= n; i++) units.push({ code: `${g}${i}`, name: `单位${g}${i}`, category: g });
  } else {
    categories = ['dept'];
    units = Array.from({ length: b.units ?? 1 }, (_, i) => ({ code: `U${i + 1}`, name: `单位${i + 1}`, category: 'dept' }));
  }
  const clauses: Clause[] = [];
  if (b.rule) clauses.push(clause('C1', b.rule, b.clause));
  clauses.push(...(b.clauses ?? []));
  const indicators: Indicator[] = b.indicators ?? [
    {
      code: 'I1',
      title: '指标一',
      ...(b.points !== undefined ? { points: P.dec(b.points) } : {}),
      clauses,
      ...b.indicator,
    },
  ];
  return {
    formatVersion: 1,
    code: 'T',
    year: 2020,
    title: '测试方案',
    settings: { rounding: { decimals: 6 }, ...b.settings },
    unitCategories: categories.map((c) => ({ code: c, name: c })),
    units,
    rankingGroups,
    divisions: [],
    leaders: [],
    assessors: [],
    indicators,
    negativeList: b.negativeList ?? [],
    vetoes: b.vetoes ?? [],
    subAssessments: b.subAssessments ?? [],
    ...(b.grading ? { grading: b.grading } : {}),
  };
}

// ---- facts ---------------------------------------------------------------------------------

let seq = 0;
type Base = { id?: string; unit?: string; ref?: string };
const base = (p: Base): { id: string; unit: string; ref: string } => ({ id: p.id ?? `f${++seq}`, unit: p.unit ?? 'U1', ref: p.ref ?? 'C1' });
type Opt<T extends Fact> = Base & Partial<Omit<T, 'id' | 'unit' | 'ref' | 'type'>>;

export const f = {
  occ: (p: Opt<OccurrenceFact> = {}): OccurrenceFact => ({ ...p, ...base(p), type: 'occurrence' }),
  /** n separate occurrences. */
  occs: (n: number, p: Opt<OccurrenceFact> = {}): OccurrenceFact[] => Array.from({ length: n }, () => f.occ(p)),
  value: (value: string, p: Opt<ValueFact> = {}): ValueFact => ({ ...p, ...base(p), type: 'value', value: P.dec(value) }),
  rate: (numerator: string, denominator: string, p: Opt<RateFact> = {}): RateFact => ({ ...p, ...base(p), type: 'rate', numerator: P.dec(numerator), denominator: P.dec(denominator) }),
  count: (done: number, p: Opt<CountFact> = {}): CountFact => ({ ...p, ...base(p), type: 'count', done }),
  flag: (value: boolean, p: Opt<FlagFact> = {}): FlagFact => ({ ...p, ...base(p), type: 'flag', value }),
  rank: (rank: number, p: Opt<RankFact> = {}): RankFact => ({ ...p, ...base(p), type: 'rank', rank }),
  judge: (amount: string, p: Opt<JudgementFact> = {}): JudgementFact => ({ reason: '考核组认定', ...p, ...base(p), type: 'judgement', amount: P.dec(amount) }),
  sub: (score: string, p: Opt<SubScoreFact> = {}): SubScoreFact => ({ ...p, ...base(p), type: 'sub-score', score: P.dec(score) }),
  survey: (group: string, value: string, p: Opt<SurveyFact> = {}): SurveyFact => ({ ...p, ...base(p), type: 'survey', group, value: P.dec(value) }),
  late: (p: Opt<LatenessFact> = {}): LatenessFact => ({ ...p, ...base(p), type: 'lateness' }),
  na: (p: Opt<NotApplicableFact> = {}): NotApplicableFact => ({ reason: '不涉及此项工作', ...p, ...base(p), type: 'not-applicable' }),
  target: (value: string, p: Opt<TargetOverrideFact> = {}): TargetOverrideFact => ({ ...p, ...base(p), type: 'target-override', value: P.dec(value) }),
};

// ---- evaluation ----------------------------------------------------------------------------

/** Sum of the signed amounts of a unit's ledger lines. */
export function ledgerSum(u: UnitResult): Dec {
  return P.sum(u.ledger.map((l) => l.amount));
}

/** Evaluates and asserts that every unit's ledger reconciles with its total. */
export function run(scheme: Scheme, facts: readonly Fact[]): EvaluationResult {
  const result = evaluate(scheme, facts);
  for (const u of result.units) {
    expect(str(ledgerSum(u)), `ledger of ${u.unit} adds up to its total`).toBe(str(u.total));
  }
  return result;
}

export function unitOf(result: EvaluationResult, code = 'U1'): UnitResult {
  const u = result.units.find((x) => x.unit === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

/** Builds, runs and returns unit U1 (or `code`). */
export function score(b: Build, facts: readonly Fact[], code = 'U1'): UnitResult {
  return unitOf(run(buildScheme(b), facts), code);
}

export const total = (u: UnitResult): string => str(u.total);
export const kinds = (u: UnitResult): LedgerKind[] => u.ledger.map((l) => l.kind);
export const linesOf = (u: UnitResult, kind: LedgerKind): LedgerLine[] => u.ledger.filter((l) => l.kind === kind);
export const msgs = (u: UnitResult): string[] => u.ledger.map((l) => l.msg);
/** Status of clause `code` (default C1) anywhere in the tree. */
export function clauseStatus(u: UnitResult, code = 'C1'): string | undefined {
  const walk = (nodes: UnitResult['nodes']): string | undefined => {
    for (const n of nodes) {
      const c = n.clauses.find((x) => x.code === code);
      if (c) return c.status;
      const r = walk(n.children);
      if (r) return r;
    }
    return undefined;
  };
  return walk(u.nodes);
}
export function nodeOf(u: UnitResult, code: string): UnitResult['nodes'][number] {
  const walk = (nodes: UnitResult['nodes']): UnitResult['nodes'][number] | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const r = walk(n.children);
      if (r) return r;
    }
    return undefined;
  };
  const n = walk(u.nodes);
  if (!n) throw new Error(`no node ${code}`);
  return n;
}

/**
 * The Chinese explanation of a line carries the figures of `expected` (every number and date in it)
 * and no unformatted parameter (a placeholder, `undefined`, or a raw millionths integer). Wording may
 * change; the arithmetic it shows may not.
 */
export function expectExplains(l: LedgerLine | undefined, expected: string): void {
  expect(l, `a ledger line explained as “${expected}”`).toBeDefined();
  const text = describeLine(l!);
  expect(text).not.toMatch(/undefined|NaN|\{\w+\??/);
  const figures = expected.match(/\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?/g) ?? [];
  for (const n of figures) expect(text, `“${text}” shows ${n} (expected like “${expected}”)`).toContain(n);
  for (const big of text.match(/\d{7,}/g) ?? []) expect(figures, `“${text}” shows a raw decimal ${big}`).toContain(big);
}

/** Sum of the amounts of a unit's lines of one kind, as a string. */
export const sumOf = (u: UnitResult, kind: LedgerKind): string => str(P.sum(u.ledger.filter((l) => l.kind === kind).map((l) => l.amount)));
