import * as P from '../points';
import type { Dec } from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Code, Scheme } from '../scheme/scheme.types';
import { ALL_UNITS, indexScheme, inScope, peerGroupOf, type SchemeIndex } from '../scheme/scheme-index';
import { peerMetric } from '../rules/evaluate-rule';
import { readMetric } from '../rules/rule-helpers';
import type { PeerData } from '../rules/rule-context';
import { rankUnits } from '../ranking/rank-units';
import { gradeUnits, gradingFlags, type Gradable } from '../grading/grade-units';
import { FactIndex, factsFor, indexFacts, type UnitFacts } from './fact-index';
import type { EvaluationResult, GroupRank, GroupResult, UnitResult } from './result.types';
import { clauseFacts, scoreUnit, type ScoringEnv, type UnitScore } from './unit-score';
import { LedgerStore } from './ledger-store';

/** The state `evaluate` keeps so one unit can be re-scored after a fact changes (see `rescore`). */
export type Evaluation = {
  env: ScoringEnv;
  scores: Map<Code, UnitScore>;
  result: EvaluationResult;
  /** Clause codes whose outcome depends on other units. */
  crossUnitClauses: Set<Code>;
  /** Indicator codes some unit imputes from the group average. */
  averagedIndicators: Set<Code>;
};

/** Scores every unit of the scheme from the facts: ledgers, totals, ranks per group, grades. */
export function evaluate(scheme: Scheme, facts: readonly Fact[]): EvaluationResult {
  return evaluateWithState(scheme, facts).result;
}

export function evaluateWithState(scheme: Scheme, facts: readonly Fact[]): Evaluation {
  const index = indexScheme(scheme);
  const env: ScoringEnv = { index, facts: indexFacts(facts), peers: new Map(), imputed: new Map() };
  // Room for about every unit's lines from the start (a province writes 1.2 lines per clause and
  // unit): growing by doubling copied the store's arrays nine times. At most 4 M lines (250 MB) up
  // front, since clauses scoped to some units leave room unused; a larger ledger grows as before.
  env.ledger = new LedgerStore(Math.min(1 << 22, 512 + Math.ceil(1.25 * scheme.units.length * index.clauses.size)));
  const crossUnitClauses = computePeers(env);
  const scores = new Map<Code, UnitScore>();
  for (const u of scheme.units) scores.set(u.code, scoreUnit(env, u));
  const averagedIndicators = imputeAverages(env, scores);
  const result = assemble(index, env.facts, scores);
  return { env, scores, result, crossUnitClauses, averagedIndicators };
}

/**
 * Re-scores one unit after its facts changed (facts replace the unit's previous facts).
 * When a changed code feeds a rule that compares units or an imputed group average, or the unit
 * now waits for a group average itself, the whole evaluation is redone; otherwise only this unit
 * is re-scored. Ranks and grades are always recomputed (cheap).
 */
export function rescore(state: Evaluation, unitCode: Code, unitFacts: readonly Fact[]): Evaluation {
  const { env } = state;
  const unit = env.index.units.get(unitCode);
  if (!unit) return state;
  const before = env.facts.get(unitCode);
  // One unit's facts by code in the caller's order (what the index gives; a map needs no sorting).
  const fresh = new Map<Code, Fact[]>();
  // Facts usually come a code at a time: the last code's list is reused without a map lookup.
  let lastRef: Code | undefined;
  let lastList: Fact[] | undefined;
  for (let i = 0; i < unitFacts.length; i++) {
    const f = unitFacts[i]!;
    if (f.unit !== unitCode) continue;
    if (f.ref === lastRef) {
      lastList!.push(f);
      continue;
    }
    let list = fresh.get(f.ref);
    if (list) list.push(f);
    else fresh.set(f.ref, (list = [f]));
    lastRef = f.ref;
    lastList = list;
  }
  env.facts.set(unitCode, fresh);
  const full = (): Evaluation => evaluateWithState(env.index.scheme, [...allFacts(env.facts)]);
  // Only the codes whose facts differ (by value, in order) count as changed: the others' clauses
  // keep their outcomes and lines (see `Reuse`), and they cannot move other units' peer values.
  const touched = changedCodes(before, fresh);
  // a shared data item (最多报一次) may feed several clauses, some comparing units: redo the whole pass
  if (touched.some((c) => state.crossUnitClauses.has(c) || env.index.dataItems.has(c))) return full();
  if (state.averagedIndicators.size > 0 && touched.some((c) => isUnder(env.index, c, state.averagedIndicators))) return full();
  // The re-scored unit's lines go to a store of their own: the evaluation's store is not grown by
  // every re-score of a long-lived state (the server keeps one per assessment).
  // It shares the evaluation's sites: the clauses' site numbers stay valid (see `SiteTable`).
  env.ledger = new LedgerStore(1 << 9, env.ledger?.siteTable);
  const previous = state.scores.get(unitCode);
  const score = scoreUnit(env, unit, previous ? { previous, changed: new Set(touched) } : undefined);
  // A unit that has just become N/A under 'average-of-others' needs the group average, which only
  // the full pass computes (imputeAverages): re-scoring it alone would leave the item at 0.
  if (score.needsImputation.length > 0) return full();
  state.scores.set(unitCode, score);
  reassemble(state, unitCode);
  return state;
}

type GroupDef = { code: Code; name: string; members: readonly Code[] };

function groupDefsOf(index: SchemeIndex): GroupDef[] {
  const scheme = index.scheme;
  return scheme.rankingGroups.length > 0 ? scheme.rankingGroups.map((g) => ({ code: g.code, name: g.name, members: index.unitsOfGroup.get(g.code) ?? [] })) : [{ code: ALL_UNITS, name: '全部单位', members: scheme.units.map((u) => u.code) }];
}

/**
 * What `reassemble` looks up for every re-score, built once per evaluation: a unit's position, the
 * ranking groups that contain it (as positions), the positions of each peer group's units, and the
 * units' grading flags (a unit's flags are dropped when its facts change). Without it a re-score at
 * province scale spent more time finding units among 2,000 than scoring the changed one.
 */
type Layout = {
  defs: GroupDef[];
  /** Unit code → position in `scheme.units` (and `result.units`). */
  pos: Map<Code, number>;
  /** Positions of each group's members, parallel to `defs`. */
  members: number[][];
  /** Unit code → indexes into `defs` of the groups that contain it, ascending. */
  groupsOf: Map<Code, number[]>;
  /** Peer group → positions of its units, ascending. */
  peers: Map<Code, number[]>;
  flags: Map<Code, string[]>;
};
const layouts = new WeakMap<Evaluation, Layout>();

function layoutOf(state: Evaluation): Layout {
  let l = layouts.get(state);
  if (l) return l;
  const index = state.env.index;
  const units = index.scheme.units;
  const pos = new Map<Code, number>();
  units.forEach((u, i) => pos.set(u.code, i));
  const defs = groupDefsOf(index);
  const groupsOf = new Map<Code, number[]>();
  const members = defs.map((g, gi) =>
    g.members.map((m) => {
      let list = groupsOf.get(m);
      if (!list) groupsOf.set(m, (list = []));
      if (list[list.length - 1] !== gi) list.push(gi);
      return pos.get(m)!;
    }),
  );
  const peers = new Map<Code, number[]>();
  units.forEach((u, i) => {
    const g = peerGroupOf(index, u.code);
    let list = peers.get(g);
    if (!list) peers.set(g, (list = []));
    list.push(i);
  });
  l = { defs, pos, members, groupsOf, peers, flags: new Map() };
  layouts.set(state, l);
  return l;
}

/**
 * After one unit was re-scored: ranks only in the ranking groups that contain it, grades only for
 * the units whose grade can change. A grade reads the unit's own figures, its rank in its first
 * group and, through quotas, the other units of its peer group; so the units re-graded are every
 * unit whose peer group is the peer group of a unit whose rank moved. With a quota over all units
 * (scope not 'group') every unit is re-graded. Gives the same result as `assemble` (tested).
 */
function reassemble(state: Evaluation, unitCode: Code): void {
  const { index, facts } = state.env;
  const scheme = index.scheme;
  const result = state.result;
  const layout = layoutOf(state);
  const fresh = state.scores.get(unitCode)!.result;
  const pos = layout.pos.get(unitCode)!;
  result.units[pos] = fresh;
  fresh.ranks = [];
  fresh.gradeNotes = [];
  fresh.grade = undefined;
  layout.flags.delete(unitCode);
  const all = result.units;
  /** Positions of the units whose rank was recomputed (every member of the changed unit's groups). */
  const affected = new Set<number>([pos]);
  for (const gi of layout.groupsOf.get(unitCode) ?? []) {
    const g = layout.defs[gi]!;
    const memberPos = layout.members[gi]!;
    const ranked = rankUnits(memberPos.map((i) => all[i]!));
    const of = ranked.length;
    for (const r of ranked) {
      const i = layout.pos.get(r.unit)!;
      affected.add(i);
      const u = all[i]!;
      const entry: GroupRank = { group: g.code, rank: r.rank, of, isTied: r.isTied };
      // A unit's ranks are its groups in the scheme's order; the changed unit's were reset above
      // and are rebuilt here in that order (its groups are visited ascending).
      if (u === fresh) u.ranks.push(entry);
      else u.ranks = u.ranks.map((old) => (old.group === g.code ? entry : old));
    }
    result.groups[gi] = { code: g.code, name: g.name, units: ranked.map((r) => ({ unit: r.unit, total: r.total, rank: r.rank, isTied: r.isTied })) };
  }
  if (!scheme.grading) return;
  const allGroupScoped = (scheme.grading.quotas ?? []).every((q) => q.scope === 'group');
  let regrade: UnitResult[];
  if (allGroupScoped) {
    const peerGroups = new Set<Code>();
    for (const i of affected) peerGroups.add(peerGroupOf(index, all[i]!.unit));
    const at: number[] = [];
    for (const g of peerGroups) for (const i of layout.peers.get(g) ?? []) at.push(i);
    // in the scheme's order, as `assemble` grades them
    if (peerGroups.size > 1) at.sort((a, b) => a - b);
    regrade = at.map((i) => all[i]!);
  } else regrade = all;
  applyGrades(index, facts, regrade, layout.flags);
}

/** The codes whose fact lists differ between two versions of a unit's facts (by value and order). */
function changedCodes(before: UnitFacts | undefined, after: UnitFacts): Code[] {
  const out: Code[] = [];
  // The codes the unit has facts at now (changed unless the same facts were there before), then
  // those it had facts at before and has none at now; no set of every code is built per re-score.
  for (const c of after.keys()) if (!sameFacts(before?.get(c), after.get(c))) out.push(c);
  if (before) for (const c of before.keys()) if (after.get(c) === undefined) out.push(c);
  return out;
}

function sameFacts(x: readonly Fact[] | undefined, y: readonly Fact[] | undefined): boolean {
  if (x === y) return true;
  if (x === undefined || y === undefined || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !sameValue(x[i], y[i])) return false;
  return true;
}

/** Deep equality of plain data (facts: strings, numbers, booleans, arrays, plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function* allFacts(index: FactIndex): Generator<Fact> {
  for (const unit of index.units()) for (const list of index.get(unit)!.values()) yield* list;
}

function isUnder(index: SchemeIndex, code: Code, indicators: Set<Code>): boolean {
  const site = index.clauses.get(code);
  const path = site ? site.path : index.indicators.get(code)?.path;
  return (path ?? []).some((p) => indicators.has(p));
}

/** Pass 1: metric values of every unit for clauses whose outcome depends on the peer group. */
function computePeers(env: ScoringEnv): Set<Code> {
  const cross = new Set<Code>();
  for (const [code, site] of env.index.clauses) {
    const metric = peerMetric(site.clause.rule);
    if (!metric) continue;
    cross.add(code);
    const rule = site.clause.rule;
    const byNumerator = rule.kind === 'relative-to-best' && rule.denominatorOfBest === true;
    const denominators = new Map<Code, Map<Code, Dec>>();
    const byGroup = new Map<Code, Map<Code, Dec>>();
    for (const u of env.index.scheme.units) {
      if (!appliesAlongPath(env.index, site.path, u.code)) continue;
      const group = peerGroupOf(env.index, u.code);
      let values = byGroup.get(group);
      if (!values) byGroup.set(group, (values = new Map()));
      const facts = clauseFacts(env.facts.get(u.code), site.clause);
      if (byNumerator) {
        const r = facts.find((f) => f.type === 'rate');
        if (r && r.type === 'rate') {
          values.set(u.code, r.numerator);
          let d = denominators.get(group);
          if (!d) denominators.set(group, (d = new Map()));
          d.set(u.code, r.denominator);
        }
        continue;
      }
      const m = readMetric(metric, facts);
      if (m) values.set(u.code, m.value);
    }
    const peers = new Map<Code, PeerData>();
    for (const [g, values] of byGroup) {
      const d = denominators.get(g);
      peers.set(g, d ? { values, size: values.size, denominators: d } : { values, size: values.size });
    }
    env.peers.set(code, peers);
  }
  return cross;
}

function appliesAlongPath(index: SchemeIndex, path: readonly Code[], unitCode: Code): boolean {
  const unit = index.units.get(unitCode)!;
  for (const code of path) {
    const ind = index.indicators.get(code)?.indicator;
    if (ind && !inScope(ind.appliesTo, unit, index.groupsOfUnit)) return false;
  }
  return true;
}

/** Pass 3: N/A indicators under 'average-of-others' take the mean of the other units of the peer group. */
function imputeAverages(env: ScoringEnv, scores: Map<Code, UnitScore>): Set<Code> {
  const waiting = [...scores.values()].filter((s) => s.needsImputation.length > 0);
  const averaged = new Set<Code>();
  if (waiting.length === 0) return averaged;
  for (const s of waiting) {
    const group = peerGroupOf(env.index, s.result.unit);
    const members = group === ALL_UNITS ? [...scores.keys()] : (env.index.unitsOfGroup.get(group) ?? []);
    const imputed = new Map<Code, Dec>();
    for (const ind of s.needsImputation) {
      averaged.add(ind);
      let total = P.ZERO;
      let n = 0;
      for (const m of members) {
        const other = scores.get(m);
        if (!other || other.naIndicators.has(ind)) continue;
        const v = other.nodeScores.get(ind);
        if (v === undefined) continue;
        total = P.add(total, v);
        n++;
      }
      if (n > 0) imputed.set(ind, P.div(total, P.fromInt(n)));
    }
    env.imputed.set(s.result.unit, imputed);
    scores.set(s.result.unit, scoreUnit(env, env.index.units.get(s.result.unit)!));
  }
  return averaged;
}

/** Grades of the given units (complete peer groups, or all units), from their totals and first-group ranks. */
function applyGrades(index: SchemeIndex, facts: FactIndex, units: readonly UnitResult[], flagCache?: Map<Code, string[]>): void {
  const flagsOf = (unit: Code): string[] => {
    let f = flagCache?.get(unit);
    if (f === undefined) {
      f = gradingFlags(factsFor(facts, unit, 'grading'));
      flagCache?.set(unit, f);
    }
    return f;
  };
  const grading = index.scheme.grading!;
  const inputs: Gradable[] = new Array(units.length);
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const r = u.ranks[0];
    // Optional keys only when set (as the grader's tests give them); no spreads on this path.
    const g: Gradable = { unit: u.unit, total: u.total, vetoed: u.vetoes.length > 0, deductionTotal: u.deductionTotal, negativeTotal: u.negativeTotal, flags: flagsOf(u.unit) };
    if (r) g.groupRank = { group: r.group, rank: r.rank, of: r.of };
    if (u.maxGrade !== undefined) g.maxGrade = u.maxGrade;
    if (u.forcedGrade !== undefined) g.forcedGrade = u.forcedGrade;
    inputs[i] = g;
  }
  const graded = gradeUnits(grading, inputs, (unit) => peerGroupOf(index, unit));
  // gradeUnits answers in the order it was given
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const o = graded[i]!;
    if (o.grade !== undefined) u.grade = o.grade;
    else delete u.grade;
    u.gradeNotes = o.notes;
  }
}

/** Pass 4: ranks per ranking group (and overall when the scheme has none) and grades. */
function assemble(index: SchemeIndex, facts: FactIndex, scores: Map<Code, UnitScore>): EvaluationResult {
  const scheme = index.scheme;
  // Unit results are reused as they are (a re-score replaces only the changed unit's); ranks and
  // grades are recomputed for all.
  const units: UnitResult[] = scheme.units.map((u) => {
    const r = scores.get(u.code)!.result;
    r.ranks = [];
    r.gradeNotes = [];
    r.grade = undefined;
    return r;
  });
  const byCode = new Map(units.map((u) => [u.unit, u]));
  const groups: GroupResult[] = [];
  for (const g of groupDefsOf(index)) {
    const ranked = rankUnits(g.members.map((m) => byCode.get(m)!).map((u) => ({ unit: u.unit, total: u.total, isForcedLast: u.isForcedLast })));
    for (const r of ranked) byCode.get(r.unit)!.ranks.push({ group: g.code, rank: r.rank, of: ranked.length, isTied: r.isTied });
    groups.push({ code: g.code, name: g.name, units: ranked.map((r) => ({ unit: r.unit, total: r.total, rank: r.rank, isTied: r.isTied })) });
  }
  if (scheme.grading) applyGrades(index, facts, units);
  return { scheme: scheme.code, units, groups };
}
