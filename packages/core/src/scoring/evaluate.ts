import * as P from '../points';
import type { Dec } from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Code, Grading, Quota, Scheme } from '../scheme/scheme.types';
import { ALL_UNITS, indexScheme, inScope, peerGroupOf, type SchemeIndex } from '../scheme/scheme-index';
import { peerMetric } from '../rules/evaluate-rule';
import { readMetric } from '../rules/rule-helpers';
import type { PeerData } from '../rules/rule-context';
import { rankUnits } from '../ranking/rank-units';
import { gradeUnits, gradingFlags, type Gradable, type GradeOutcome } from '../grading/grade-units';
import { FactIndex, factsFor, indexFacts, type UnitFacts } from './fact-index';
import type { EvaluationResult, GroupRank, GroupResult, UnitResult } from './result.types';
import { clauseFacts, ledgerLinesOf, scoreUnit, type ScoringEnv, type UnitScore } from './unit-score';
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
 * Re-scores one unit after its facts changed (facts replace the unit's previous facts): only the
 * codes whose facts differ count as changed (by value, in order), and `rescoreCodes` does the rest.
 */
export function rescore(state: Evaluation, unitCode: Code, unitFacts: readonly Fact[]): Evaluation {
  const { env } = state;
  if (!env.index.units.has(unitCode)) return state;
  const before = env.facts.get(unitCode);
  // One unit's facts by code in the caller's order (what the index gives; a map needs no sorting).
  const fresh = new Map<Code, Fact[]>();
  // Facts usually come a code at a time: the last code's list is reused without a map lookup.
  let lastRef: Code | undefined;
  let lastList: Fact[] | undefined;
  for (let i = 0; i < unitFacts.length; i++) {
    const f = unitFacts[i]!;
    if (f.unit !== unitCode) continue;
    // Stryker disable next-line BlockStatement, ConditionalExpression: equivalent — the map lookup below finds the same list
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
  return rescoreTouched(state, unitCode, changedCodes(before, fresh));
}

/**
 * Re-scores one unit after the facts at some of its codes changed: `changes` gives, per code, the
 * unit's facts there now (an empty list: none any more); the unit's facts at other codes stay. What
 * a server's or a clerk's single edit is: one cell, not the unit's thousand facts.
 * Only the clauses that read a changed code are evaluated again, and only the indicators above them
 * are summed again (`Reuse`); the unit's total, its place in its ranking groups and the grades that
 * can move follow. A changed code read by a rule that compares units (rank bands, best-of-group,
 * conversions against the best) re-scores that clause for every unit of the peer group; one that
 * feeds an imputed group average, or a unit that now waits for one, redoes the whole evaluation.
 */
export function rescoreCodes(state: Evaluation, unitCode: Code, changes: ReadonlyMap<Code, readonly Fact[]>): Evaluation {
  const { env } = state;
  if (!env.index.units.has(unitCode)) return state;
  const before = env.facts.get(unitCode);
  const touched: Code[] = [];
  for (const [code, list] of changes) {
    // Stryker disable next-line MethodExpression: equivalent — other units' facts only make the code count as changed: it is scored again, to the same result
    const now = list.filter((f) => f.unit === unitCode);
    if (!sameFacts(before?.get(code), now.length === 0 ? undefined : now)) touched.push(code);
  }
  if (touched.length === 0) return state;
  const over = new Map<Code, readonly Fact[]>();
  for (const code of touched) over.set(code, changes.get(code)!.filter((f) => f.unit === unitCode));
  env.facts.set(unitCode, OverlayFacts.of(before, over));
  return rescoreTouched(state, unitCode, touched);
}

function rescoreTouched(state: Evaluation, unitCode: Code, touched: readonly Code[]): Evaluation {
  const { env } = state;
  // Stryker disable next-line ConditionalExpression: equivalent — with no code changed the re-score reuses every clause: the same state
  if (touched.length === 0) return state;
  const full = (): Evaluation => evaluateWithState(env.index.scheme, [...allFacts(env.facts)]);
  // Stryker disable next-line LogicalOperator: equivalent — the full evaluation, taken more often, gives the same result as the re-score
  if (state.averagedIndicators.size > 0 && touched.some((c) => isUnder(env.index, c, state.averagedIndicators))) return full();
  const layout = layoutOf(state);
  // Rules comparing units that read a changed code: their peer values move for the unit's peer
  // group, and every unit of that group is scored again at those clauses (the rest reused).
  const cross: Code[] = [];
  for (const c of touched) for (const k of crossReadersOf(state).get(c) ?? []) if (!cross.includes(k)) cross.push(k);
  const units: Code[] = [unitCode];
  const group = peerGroupOf(env.index, unitCode);
  if (cross.length > 0) {
    for (const k of cross) refreshPeers(env, k, group, layout.peers.get(group) ?? []);
    for (const i of layout.peers.get(group) ?? []) {
      const code = env.index.scheme.units[i]!.code;
      if (code !== unitCode) units.push(code);
    }
  }
  // The re-scored units' lines go to a store of their own: the evaluation's store is not grown by
  // every re-score of a long-lived state (the server keeps one per assessment).
  // It shares the evaluation's sites: the clauses' site numbers stay valid (see `SiteTable`).
  // Sized to the lines the units had (a re-score copies the unchanged ones), with room for the
  // results of the clauses scored again.
  let lines = 64;
  for (const code of units) lines += ledgerLinesOf(state.scores.get(code)!) + 16;
  env.ledger = new LedgerStore(lines, env.ledger?.siteTable, 64 * units.length);
  const own = new Set<Code>(touched);
  for (const k of cross) own.add(k);
  const others = new Set<Code>(cross);
  const scores: UnitScore[] = [];
  for (const code of units) {
    const previous = state.scores.get(code);
    const score = scoreUnit(env, env.index.units.get(code)!, previous ? { previous, changed: code === unitCode ? own : others } : undefined);
    // A unit that has just become N/A under 'average-of-others' needs the group average, which only
    // the full pass computes (imputeAverages): re-scoring it alone would leave the item at 0.
    if (score.needsImputation.length > 0) return full();
    scores.push(score);
  }
  for (let i = 0; i < units.length; i++) state.scores.set(units[i]!, scores[i]!);
  reassemble(state, units);
  return state;
}

/** One unit's facts: those of `base` except at the codes of `over` (an empty list: no facts there). */
class OverlayFacts implements UnitFacts {
  private constructor(
    private readonly base: UnitFacts | undefined,
    private readonly over: ReadonlyMap<Code, readonly Fact[]>,
  ) {}
  /** Overlays of overlays are merged, so a long run of changes reads through one map. */
  static of(base: UnitFacts | undefined, over: ReadonlyMap<Code, readonly Fact[]>): OverlayFacts {
    if (base instanceof OverlayFacts) return new OverlayFacts(base.base, new Map([...base.over, ...over]));
    return new OverlayFacts(base, over);
  }
  get(ref: Code): readonly Fact[] | undefined {
    const o = this.over.get(ref);
    if (o === undefined) return this.base?.get(ref);
    return o.length === 0 ? undefined : o;
  }
  keys(): Code[] {
    const out: Code[] = [];
    if (this.base) for (const k of this.base.keys()) if (this.get(k) !== undefined) out.push(k);
    for (const [k, o] of this.over) if (o.length > 0 && this.base?.get(k) === undefined) out.push(k);
    return out;
  }
  values(): (readonly Fact[])[] {
    return this.keys().map((k) => this.get(k)!);
  }
}

/** Code → the cross-unit clauses that read it (as their own code or their shared data item), once per evaluation. */
const crossReaders = new WeakMap<Evaluation, Map<Code, Code[]>>();
function crossReadersOf(state: Evaluation): Map<Code, Code[]> {
  let m = crossReaders.get(state);
  if (m) return m;
  m = new Map();
  for (const code of state.crossUnitClauses) {
    const clause = state.env.index.clauses.get(code)!.clause;
    for (const c of clause.dataItem === undefined ? [code] : [code, clause.dataItem]) {
      const list = m.get(c);
      if (list) list.push(code);
      else m.set(c, [code]);
    }
  }
  crossReaders.set(state, m);
  return m;
}

type GroupDef = { code: Code; name: string; members: readonly Code[] };

function groupDefsOf(index: SchemeIndex): GroupDef[] {
  const scheme = index.scheme;
  return scheme.rankingGroups.length > 0 ? scheme.rankingGroups.map((g) => ({ code: g.code, name: g.name, members: index.unitsOfGroup.get(g.code) ?? [] })) : [{ code: ALL_UNITS, name: '全部单位', members: scheme.units.map((u) => u.code) }];
}

/**
 * What `reassemble` looks up for every re-score, built once per evaluation: a unit's position, the
 * ranking groups that contain it (as positions), the positions of each peer group's units, the
 * units' grading flags (a unit's flags are dropped when its facts change), each group's members in
 * ranked order, and each unit's grade before quotas. Without it a re-score at province scale spent
 * more time finding units among 2,000 than scoring the changed one.
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
  /** Per group: indexes into its `members` in ranked order (what `rankUnits` gives). */
  sorted: number[][];
  /** Per group: member position → index into its `members`. */
  memberAt: Map<number, number>[];
  /** By unit position: its grade before quotas (null: not graded), filled on first use. */
  preQuota: (Code | null)[] | undefined;
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
      // Stryker disable next-line ConditionalExpression, ArithmeticOperator: equivalent — a group's members are distinct, so the group is never already last in the unit's list
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
  const memberAt = members.map((list) => new Map(list.map((p, k) => [p, k])));
  // the ranked order the evaluation gave (result.groups[gi] lists the members ranked)
  const sorted = defs.map((_, gi) => state.result.groups[gi]!.units.map((r) => memberAt[gi]!.get(pos.get(r.unit)!)!));
  l = { defs, pos, members, groupsOf, peers, flags: new Map(), sorted, memberAt, preQuota: undefined };
  layouts.set(state, l);
  return l;
}

/**
 * After some units were re-scored: each group that contains one moves it in its ranked order (the
 * others keep theirs), ranks are counted again in one pass and only the entries that changed are
 * replaced; then grades only of the units whose grade can change (`regrade`). Gives the same result
 * as `assemble` (tested).
 */
function reassemble(state: Evaluation, changed: readonly Code[]): void {
  const result = state.result;
  const layout = layoutOf(state);
  const all = result.units;
  const freshPos: number[] = [];
  for (const code of changed) {
    const p = layout.pos.get(code)!;
    const fresh = state.scores.get(code)!.result;
    all[p] = fresh;
    fresh.ranks = [];
    fresh.gradeNotes = [];
    fresh.grade = undefined;
    layout.flags.delete(code);
    freshPos.push(p);
  }
  /** Positions whose rank in a group changed (and every re-scored unit). */
  const moved = new Set<number>(freshPos);
  const groupSet = new Set<number>();
  for (const code of changed) for (const gi of layout.groupsOf.get(code) ?? []) groupSet.add(gi);
  // ascending: a unit's ranks are its groups in the scheme's order
  for (const gi of [...groupSet].sort((a, b) => a - b)) rerank(state, layout, gi, freshPos, moved);
  if (state.env.index.scheme.grading) regrade(state, layout, freshPos, moved);
}

/** Moves the re-scored members of group `gi` to their places and updates the ranks that changed. */
function rerank(state: Evaluation, layout: Layout, gi: number, freshPos: readonly number[], moved: Set<number>): void {
  const all = state.result.units;
  const g = layout.defs[gi]!;
  const members = layout.members[gi]!;
  const sorted = layout.sorted[gi]!;
  const at = layout.memberAt[gi]!;
  // rankUnits' order: units not forced last first, by total descending, ties in member order
  const before = (a: number, b: number): boolean => {
    const ua = all[members[a]!]!;
    const ub = all[members[b]!]!;
    if (ua.isForcedLast !== ub.isForcedLast) return !ua.isForcedLast;
    if (ua.total !== ub.total) return ua.total > ub.total;
    return a < b;
  };
  for (const p of freshPos) {
    const k = at.get(p);
    if (k === undefined) continue;
    sorted.splice(sorted.indexOf(k), 1);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(sorted[mid]!, k)) lo = mid + 1;
      else hi = mid;
    }
    sorted.splice(lo, 0, k);
  }
  const of = sorted.length;
  let normal = 0;
  while (normal < of && !all[members[sorted[normal]!]!]!.isForcedLast) normal++;
  const old = state.result.groups[gi]!;
  // Stryker disable next-line MethodExpression: equivalent — the group's old row array is replaced in the same state either way
  const rows = old.units.slice();
  // competition ranking within each part (1, 2, 2, 4), the forced-last part after the others: one
  // pass, a run of equal totals sharing the rank of its first unit
  let first = 0;
  for (let i = 0; i < of; i++) {
    const p = members[sorted[i]!]!;
    const u = all[p]!;
    const partStart = i < normal ? 0 : normal;
    const partEnd = i < normal ? normal : of;
    const sameAsPrev = i > partStart && all[members[sorted[i - 1]!]!]!.total === u.total;
    if (!sameAsPrev) first = i;
    const isTied = sameAsPrev || (i + 1 < partEnd && all[members[sorted[i + 1]!]!]!.total === u.total);
    const rank = first + 1;
    const row = rows[i]!;
    const isFresh = freshPos.includes(p);
    // the row and the unit's rank entry for this group were written together: an unchanged row
    // means an unchanged entry
    if (!isFresh && row.unit === u.unit && row.total === u.total && row.rank === rank && row.isTied === isTied) continue;
    if (row.unit !== u.unit || row.total !== u.total || row.rank !== rank || row.isTied !== isTied) rows[i] = { unit: u.unit, total: u.total, rank, isTied };
    if (isFresh) {
      u.ranks.push({ group: g.code, rank, of, isTied });
      continue;
    }
    // Stryker disable next-line ArrowFunction: equivalent — no entry found: the unchanged entry is written again
    const mine = u.ranks.find((r) => r.group === g.code);
    if (mine && mine.rank === rank && mine.of === of && mine.isTied === isTied) continue;
    const entry: GroupRank = { group: g.code, rank, of, isTied };
    u.ranks = u.ranks.map((r) => (r.group === g.code ? entry : r));
    moved.add(p);
  }
  state.result.groups[gi] = { code: g.code, name: g.name, units: rows };
}

/**
 * Grades after a re-score. A grade before quotas reads only the unit's own figures and (for
 * rank-percentile grading) its rank in its first group, so it is computed again only for the
 * re-scored units and the units whose rank moved. Quotas read the other units of their scope (the
 * peer group, or all units): the scope is graded again, as `assemble` does, only when a unit whose
 * grade was computed again holds or held a grade some quota limits (or could be moved into one by
 * an earlier quota), or it became graded or ungraded; otherwise the others' grades cannot move and
 * the unit's grade is its grade before quotas.
 */
function regrade(state: Evaluation, layout: Layout, freshPos: readonly number[], moved: ReadonlySet<number>): void {
  const { index, facts } = state.env;
  const grading = index.scheme.grading!;
  const all = state.result.units;
  const quotas = grading.quotas ?? [];
  const noQuotas: Grading = { ...grading, quotas: [] };
  const groupOf = (unit: Code): Code => peerGroupOf(index, unit);
  const order = grading.grades.map((g) => g.code);
  // Stryker disable next-line UnaryOperator: equivalent — only more units are graded again, which gives the same grades
  const worstQuota = quotas.reduce((m, q) => Math.max(m, order.indexOf(q.grade)), -1);
  const holds = (g: Code | null): boolean => g !== null && order.indexOf(g) <= worstQuota;
  const again = grading.method === 'rank-percentile' ? [...moved] : freshPos;
  // Stryker disable next-line ConditionalExpression: equivalent — the grades before quotas computed again for every unit: the same grades
  if (layout.preQuota === undefined) {
    const first = gradeUnits(noQuotas, all.map((u) => gradableOf(u, flagsOf(facts, u.unit, layout.flags))), groupOf);
    layout.preQuota = first.map((o) => o.grade ?? null);
    // the re-scored units' grades before quotas were just computed from their new figures (what they
    // were is not known): with quotas their scope is graded again
    if (quotas.length > 0) return applyGrades(index, facts, scopeOf(state, layout, again, quotas), layout.flags);
  }
  const pre = layout.preQuota;
  const outcomes = gradeUnits(noQuotas, again.map((p) => gradableOf(all[p]!, flagsOf(facts, all[p]!.unit, layout.flags))), groupOf);
  // Stryker disable next-line BooleanLiteral: equivalent — the quota scope graded again when no grade can move: the same grades
  let scope = false;
  for (let i = 0; i < again.length; i++) {
    const was = pre[again[i]!]!;
    const now = outcomes[i]!.grade ?? null;
    if (quotas.length > 0 && (holds(was) || holds(now) || (was === null) !== (now === null))) scope = true;
    pre[again[i]!] = now;
  }
  if (scope) return applyGrades(index, facts, scopeOf(state, layout, again, quotas), layout.flags);
  for (let i = 0; i < again.length; i++) setGrade(all[again[i]!]!, outcomes[i]!);
}

/** The units a quota over the given units' grades may move: their peer groups (all quotas by group) or all units, in the scheme's order. */
function scopeOf(state: Evaluation, layout: Layout, positions: Iterable<number>, quotas: readonly Quota[]): UnitResult[] {
  const all = state.result.units;
  // Stryker disable next-line ArrowFunction: equivalent — every unit graded again instead of the peer groups: the same grades
  if (!quotas.every((q) => q.scope === 'group')) return all;
  const groups = new Set<Code>();
  for (const p of positions) groups.add(peerGroupOf(state.env.index, all[p]!.unit));
  const at: number[] = [];
  for (const g of groups) for (const i of layout.peers.get(g) ?? []) at.push(i);
  // Stryker disable next-line ConditionalExpression, EqualityOperator, MethodExpression, ArithmeticOperator: equivalent — no grade depends on the order the units reach the grader in
  if (groups.size > 1) at.sort((a, b) => a - b);
  return at.map((i) => all[i]!);
}

/** The codes whose fact lists differ between two versions of a unit's facts (by value and order). */
function changedCodes(before: UnitFacts | undefined, after: UnitFacts): Code[] {
  // Stryker disable next-line ArrayDeclaration: equivalent — an extra changed code that no clause, indicator or veto has: nothing more is scored
  const out: Code[] = [];
  // The codes the unit has facts at now (changed unless the same facts were there before), then
  // those it had facts at before and has none at now; no set of every code is built per re-score.
  for (const c of after.keys()) if (!sameFacts(before?.get(c), after.get(c))) out.push(c);
  if (before) for (const c of before.keys()) if (after.get(c) === undefined) out.push(c);
  return out;
}

function sameFacts(x: readonly Fact[] | undefined, y: readonly Fact[] | undefined): boolean {
  // Stryker disable next-line BooleanLiteral, ConditionalExpression: equivalent — the same list compared element by element, or taken as changed and scored again to the same result
  if (x === y) return true;
  if (x === undefined || y === undefined || x.length !== y.length) return false;
  // Stryker disable next-line LogicalOperator: equivalent — a new fact object with the same values counts as changed and is scored again to the same result
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !sameValue(x[i], y[i])) return false;
  // Stryker disable next-line BooleanLiteral: equivalent — every code counts as changed and is scored again to the same result
  return true;
}

/** Deep equality of plain data (facts: strings, numbers, booleans, arrays, plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  // Stryker disable next-line ConditionalExpression, BooleanLiteral: equivalent — equal values compared further or taken as different: at most a code scored again to the same result
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // Stryker disable next-line BooleanLiteral, ConditionalExpression, EqualityOperator: equivalent — no fact field is an array in one fact and an object in another; else a code is scored again
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  // Stryker disable next-line BooleanLiteral: equivalent — objects taken as different: the code is scored again to the same result
  return true;
}

function* allFacts(index: FactIndex): Generator<Fact> {
  for (const unit of index.units()) for (const list of index.get(unit)!.values()) yield* list;
}

function isUnder(index: SchemeIndex, code: Code, indicators: Set<Code>): boolean {
  const site = index.clauses.get(code);
  const path = site ? site.path : index.indicators.get(code)?.path;
  // Stryker disable next-line ArrayDeclaration: equivalent — the made-up code is no averaged indicator: some() is false either way
  return (path ?? []).some((p) => indicators.has(p));
}

/** Pass 1: metric values of every unit for clauses whose outcome depends on the peer group. */
function computePeers(env: ScoringEnv): Set<Code> {
  const cross = new Set<Code>();
  for (const [code, site] of env.index.clauses) {
    if (!peerMetric(site.clause.rule)) continue;
    cross.add(code);
    env.peers.set(code, peerValues(env, code, env.index.scheme.units));
  }
  return cross;
}

/**
 * The peer values of cross-unit clause `code` for the given units (in the scheme's order), by peer
 * group: each unit's metric (for relative-to-best against the best's denominator, its numerator and
 * denominator), units the clause does not apply to and units without the metric left out.
 */
function peerValues(env: ScoringEnv, code: Code, units: readonly { code: Code }[]): Map<Code, PeerData> {
  const site = env.index.clauses.get(code)!;
  const rule = site.clause.rule;
  const metric = peerMetric(rule)!;
  const byNumerator = rule.kind === 'relative-to-best' && rule.denominatorOfBest === true;
  const denominators = new Map<Code, Map<Code, Dec>>();
  const byGroup = new Map<Code, Map<Code, Dec>>();
  for (const u of units) {
    if (!appliesAlongPath(env.index, site.path, u.code)) continue;
    const group = peerGroupOf(env.index, u.code);
    let values = byGroup.get(group);
    if (!values) byGroup.set(group, (values = new Map()));
    const facts = clauseFacts(env.facts.get(u.code), site.clause);
    if (byNumerator) {
      const r = facts.find((f) => f.type === 'rate');
      // Stryker disable next-line ConditionalExpression: equivalent — r was found by that same type test
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
  return peers;
}

/**
 * After a unit's facts at a cross-unit clause changed: that clause's peer values of the unit's peer
 * group computed again (a new object, in the scheme's order as `computePeers` gives them), the
 * other groups' as they were.
 */
function refreshPeers(env: ScoringEnv, code: Code, group: Code, positions: readonly number[]): void {
  const units = env.index.scheme.units;
  const fresh = peerValues(env, code, positions.map((i) => units[i]!)).get(group);
  const byGroup = env.peers.get(code)!;
  if (fresh) byGroup.set(group, fresh);
  else byGroup.delete(group);
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
  // Stryker disable next-line MethodExpression: equivalent — a unit not waiting is scored again with nothing to impute: the same score
  const waiting = [...scores.values()].filter((s) => s.needsImputation.length > 0);
  const averaged = new Set<Code>();
  // Stryker disable next-line ConditionalExpression: equivalent — with no unit waiting the loop below does nothing
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

/** A unit's grading flags (存在突出问题…, entered at the 'grading' ref), cached per evaluation. */
function flagsOf(facts: FactIndex, unit: Code, cache?: Map<Code, string[]>): string[] {
  let f = cache?.get(unit);
  // Stryker disable next-line ConditionalExpression: equivalent — the grading flags read again instead of from the cache: the same flags
  if (f === undefined) {
    f = gradingFlags(factsFor(facts, unit, 'grading'));
    cache?.set(unit, f);
  }
  return f;
}

/** What grading reads of a unit: its figures and its rank in its first group. */
function gradableOf(u: UnitResult, flags: string[]): Gradable {
  const r = u.ranks[0];
  // Optional keys only when set (as the grader's tests give them); no spreads on this path.
  const g: Gradable = { unit: u.unit, total: u.total, vetoed: u.vetoes.length > 0, deductionTotal: u.deductionTotal, negativeTotal: u.negativeTotal, flags };
  if (r) g.groupRank = { group: r.group, rank: r.rank, of: r.of };
  if (u.maxGrade !== undefined) g.maxGrade = u.maxGrade;
  if (u.forcedGrade !== undefined) g.forcedGrade = u.forcedGrade;
  return g;
}

function setGrade(u: UnitResult, o: GradeOutcome): void {
  if (o.grade !== undefined) u.grade = o.grade;
  else delete u.grade;
  u.gradeNotes = o.notes;
}

/** Grades of the given units (complete peer groups, or all units), from their totals and first-group ranks. */
function applyGrades(index: SchemeIndex, facts: FactIndex, units: readonly UnitResult[], flagCache?: Map<Code, string[]>): void {
  const grading = index.scheme.grading!;
  // Stryker disable next-line ArrayDeclaration: equivalent — the array is filled by index either way
  const inputs: Gradable[] = new Array(units.length);
  for (let i = 0; i < units.length; i++) inputs[i] = gradableOf(units[i]!, flagsOf(facts, units[i]!.unit, flagCache));
  const graded = gradeUnits(grading, inputs, (unit) => peerGroupOf(index, unit));
  // gradeUnits answers in the order it was given
  for (let i = 0; i < units.length; i++) setGrade(units[i]!, graded[i]!);
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
