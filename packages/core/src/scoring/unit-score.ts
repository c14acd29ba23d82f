import * as P from '../points';
import type { Dec } from '../points';
import type { Fact, OccurrenceFact } from '../scheme/fact.types';
import type { Clause, Code, Indicator, NegativeItem, Unit, VetoEffect } from '../scheme/scheme.types';
import type { Rule } from '../rules/rule.types';
import type { PeerData, RuleContext, RuleLine, RuleOutcome } from '../rules/rule-context';
import { evaluateRule, ruleEffect } from '../rules/evaluate-rule';
import { line, tierAmount } from '../rules/rule-helpers';
import { inScope, peerGroupOf, pointsFor, ruleFor, type SchemeIndex } from '../scheme/scheme-index';
import { factsFor, UnitCells, type FactIndex, type UnitFacts } from './fact-index';
import type { ClauseResult, LedgerLine, NodeResult, OutcomeStatus, UnitResult } from './result.types';
import { CLAUSE_HAS_SCORE, CLAUSE_REVIEWED, CLAUSE_ZERO_SHIFT, LedgerStore, lazyAccessor, type Params, type SiteTable } from './ledger-store';
import { barredGradeCap } from '../grading/grade-units';
import { F_CLAUSES, F_IMPUTE, F_NA, F_VISITED, F_ZERO_PARENT, T_DEDUCTIONS, T_EFFECTIVE_BONUS, T_EXCLUDED, T_FLAGS, T_LINE0, T_LINE1, T_PENDING, T_REVIEW, T_SCORE, T_ZERO_UNIT, TRACE_WIDTH, treeOf, type TreeIndex } from './node-trace';

/** Everything a unit's evaluation reads besides its own facts. */
export type ScoringEnv = {
  index: SchemeIndex;
  facts: FactIndex;
  /** Peer metrics for cross-unit clauses: clause code → peer group → values. */
  peers: Map<Code, Map<Code, PeerData>>;
  /** Averages imputed for N/A indicators with the 'average-of-others' policy: unit → indicator → score. */
  imputed: Map<Code, Map<Code, Dec>>;
  /** Where units' ledger lines are written (compact; materialised on read). Made on first use. */
  ledger?: LedgerStore;
  /** What scoring reads of each node that is the same for every unit (see `planOf`). Made on first use. */
  plans?: Map<Indicator, NodePlan>;
  /** Clause plans made so far (a plan's `id` is its number: the store keeps it per clause result). */
  planCount?: number;
};

/**
 * What a re-score may reuse of the unit's previous scoring. A node none of whose subtree's codes
 * changed (see `TreeIndex.byCode`) is taken as it was: its result object, its lines copied from the
 * previous store, its counts and sums from the previous trace, without visiting it. In a node that
 * is scored again, a clause whose facts did not change (its own code, its shared data item, and for
 * a dedupe group every code of the group) gives the outcome and lines it gave before, copied from
 * the previous store instead of evaluating the rule. Rules read only the clause's facts and what
 * does not depend on the unit's facts (points, target, settings, peer values: when a change moves
 * peer values, the caller names the cross-unit clause in `changed` for every unit of the group), so
 * the copy is what the rule would give again.
 */
export type Reuse = {
  previous: UnitScore;
  /** Codes whose facts differ from the previous scoring's (by value, in order). */
  changed: ReadonlySet<Code>;
};

/** What evaluating one clause reads that does not depend on the unit. */
type ClausePlan = {
  cite: NonNullable<LedgerLine['cite']>;
  isScore: boolean;
  /** The peer metrics of a cross-unit clause, by peer group. */
  peers: Map<Code, PeerData> | undefined;
  /** The clause's site in `siteTable` (a re-score's store shares its evaluation's table). */
  site: number;
  siteTable: SiteTable | undefined;
  /** The plan's number in its evaluation. */
  id: number;
  /** The clause code's number in the evaluation's fact index (`FactIndex.refOf`). */
  ref: number;
};
type NodePlan = { clauses: ClausePlan[]; anyScore: boolean };

/**
 * A node's clause plans, built once per evaluation (peer metrics are the evaluation's): the rule's
 * effect, the citation, the peer values and the ledger site are looked up once per clause instead of
 * once per clause and unit.
 */
function planOf(env: ScoringEnv, node: Indicator, clauses: readonly Clause[]): NodePlan {
  const plans = (env.plans ??= new Map());
  let plan = plans.get(node);
  if (plan) return plan;
  // Stryker disable next-line ArrayDeclaration: equivalent — the array is filled by index either way
  const list: ClausePlan[] = new Array(clauses.length);
  let anyScore = false;
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i]!;
    const isScore = ruleEffect(c.rule) === 'score';
    if (isScore) anyScore = true;
    // Stryker disable next-line UnaryOperator, ArithmeticOperator: equivalent — the site is looked up on first use either way (no site table yet); plan ids stay distinct and no result reads them
    list[i] = { cite: citeOf(c), isScore, peers: env.peers.size === 0 ? undefined : env.peers.get(c.code), site: -1, siteTable: undefined, id: (env.planCount = (env.planCount ?? 0) + 1) - 1, ref: env.facts.refOf(c.code) };
  }
  plan = { clauses: list, anyScore };
  plans.set(node, plan);
  return plan;
}

/** A unit's result plus what the engine needs across units (group averages for N/A items). */
export type UnitScore = {
  result: UnitResult;
  /** Indicators N/A under 'average-of-others' that still wait for the group average. */
  needsImputation: Code[];
  /** Indicator scores by code (for group averages). */
  nodeScores: Map<Code, Dec>;
  naIndicators: Set<Code>;
  /** What scoring each node did (see `node-trace.ts`), read by the next re-score of the unit. */
  trace?: Float64Array;
};

type State = {
  unit: Unit;
  ledger: LedgerStore;
  pending: number;
  review: number;
  vetoZero: Set<Code>;
  zeroUnit: boolean;
  deductions: Dec;
  excluded: Dec;
  needsImputation: Code[];
  nodeScores: Map<Code, Dec>;
  naIndicators: Set<Code>;
  /** P27: event key → clause that counts it, per dedupe group. */
  dedupeOwner: Map<string, Code>;
  ctx: RuleContext | undefined;
  /** This unit's facts by code (looked up once per unit, not once per clause). */
  unitFacts: UnitFacts | undefined;
  /** The same when they are cells of the evaluation's index (read by code number, see `ClausePlan.ref`). */
  cells: UnitCells | undefined;
  /** The clause's facts when read from `cells`: one array refilled per clause (see `evalClause`). */
  scratch: Fact[];
  /** The unit's peer group (for cross-unit clauses' peer values). */
  peerGroup: Code;
  changed: ReadonlySet<Code> | undefined;
  /** A code of a dedupe clause changed: every dedupe clause is evaluated again (P27 reads them all). */
  dedupeDirty: boolean;
  tree: TreeIndex;
  /** This scoring's trace (see `node-trace.ts`). */
  trace: Float64Array;
  /** A re-score's previous trace and the store its line numbers point into (undefined: nothing is reused). */
  prevTrace: Float64Array | undefined;
  prevStore: LedgerStore | undefined;
  /** By node number: 1 when a code its subtree reads changed (the node is scored again). */
  dirty: Uint8Array | undefined;
  /** How often a clause zeroed the unit so far (a reused subtree adds its count). */
  zeroUnitHits: number;
};

const NO_FACTS: readonly Fact[] = Object.freeze([]);
const NO_NODES: readonly Indicator[] = Object.freeze([]);
const ROOT_PATH: readonly Code[] = Object.freeze([]);

const STATUS_RANK: Record<OutcomeStatus, number> = { scored: 0, clamped: 1, 'not-applicable': 1, 'needs-judgement': 3, 'needs-review': 4, vetoed: 5 };
// Mostly called with two equal statuses ('scored'): that case skips the two lookups.
const worse = (a: OutcomeStatus, b: OutcomeStatus): OutcomeStatus => (a === b ? a : STATUS_RANK[b] > STATUS_RANK[a] ? b : a);

const NO_IDS: readonly string[] = Object.freeze([]);

/** Appends a rule's line to the unit's ledger at `site` (the store copies what it keeps). */
function push(st: State, site: number, l: RuleLine, kind: LedgerLine['kind'] = l.kind): void {
  st.ledger.add(site, kind, l.amount, l.msg, l.params, l.facts);
}

function nodeLine(st: State, path: readonly Code[], node: Indicator, kind: LedgerLine['kind'], amount: Dec, msg: string, params: Params, facts: readonly string[] = NO_IDS): void {
  st.ledger.add(st.ledger.siteOf(node, path, node.code, { text: node.title, source: node.source }), kind, amount, msg, params, facts);
}

/** A line on the unit itself (path [], no citation). */
function unitLine(st: State, kind: LedgerLine['kind'], amount: Dec, msg: string, params: Params): void {
  st.ledger.add(st.ledger.siteOf(st.unit, ROOT_PATH, st.unit.code, undefined, false), kind, amount, msg, params, NO_IDS);
}

export function scoreUnit(env: ScoringEnv, unit: Unit, reuse?: Reuse): UnitScore {
  const { index } = env;
  const scheme = index.scheme;
  const store = (env.ledger ??= new LedgerStore());
  const start = store.size;
  const cStart = store.clauseCount;
  const tree = treeOf(index);
  // Stryker disable next-line BooleanLiteral: equivalent — the dedupe nodes are scored again, to the same result
  let dedupeDirty = false;
  let prevTrace: Float64Array | undefined;
  let prevStore: LedgerStore | undefined;
  let dirty: Uint8Array | undefined;
  // Stryker disable next-line BlockStatement: equivalent — nothing is reused: every node is scored again, to the same result
  if (reuse) {
    const slot = (reuse.previous.result as UnitResult & { [LEDGER]?: LedgerSlot })[LEDGER];
    // Stryker disable next-line BlockStatement: equivalent — nothing is reused: every node is scored again, to the same result
    if (slot && reuse.previous.trace) {
      prevTrace = reuse.previous.trace;
      prevStore = slot.store;
      dirty = new Uint8Array(tree.count);
      // Stryker disable next-line BooleanLiteral: equivalent — every node is scored again, to the same result
      let all = false;
      for (const c of reuse.changed) {
        if (tree.vetoCodes.has(c)) all = true;
        const at = tree.byCode.get(c);
        if (at) for (let i = 0; i < at.length; i++) dirty[at[i]!] = 1;
      }
      for (const c of dedupeClausesOf(index)) if (readsChanged(c, reuse.changed)) dedupeDirty = true;
      // Stryker disable next-line ConditionalExpression: equivalent — the dedupe nodes are scored again, to the same result
      if (dedupeDirty) for (const o of tree.dedupe) dirty[o] = 1;
      // a veto's zero-indicator effect may have moved: every node is scored again (its clauses still reused)
      // Stryker disable next-line ConditionalExpression: equivalent — every node is scored again, to the same result
      if (all) dirty.fill(1);
    }
  }
  const unitFacts = env.facts.get(unit.code);
  const st: State = {
    unit,
    ledger: store,
    pending: 0,
    review: 0,
    vetoZero: new Set(),
    zeroUnit: false,
    deductions: P.ZERO,
    excluded: P.ZERO,
    needsImputation: [],
    nodeScores: new Map(),
    naIndicators: new Set(),
    dedupeOwner: new Map(),
    ctx: undefined,
    unitFacts,
    cells: unitFacts instanceof UnitCells ? unitFacts : undefined,
    scratch: [],
    peerGroup: peerGroupOf(index, unit.code),
    changed: reuse?.changed,
    dedupeDirty,
    tree,
    // A re-score writes its trace over the previous one (the previous scoring is replaced): a clean
    // subtree's entries stay where they are, moved with its lines.
    trace: prevTrace ?? new Float64Array(tree.count * TRACE_WIDTH),
    prevTrace,
    prevStore,
    dirty,
    zeroUnitHits: 0,
  };

  // Vetoes first: their zero-indicator effects apply while the tree is scored.
  const vetoes: { code: Code; effects: VetoEffect[]; facts: string[]; text: string }[] = [];
  for (const v of scheme.vetoes) {
    if (!inScope(v.appliesTo, unit, index.groupsOfUnit)) continue;
    const hits = factsFor(env.facts, unit.code, v.code).filter((f) => (f.type === 'flag' && f.value) || f.type === 'occurrence');
    if (hits.length === 0) continue;
    vetoes.push({ code: v.code, effects: v.effects, facts: hits.map((f) => f.id), text: v.text });
    for (const e of v.effects) if (e.type === 'zero-indicator') st.vetoZero.add(e.indicator);
  }

  planDedupe(env, unit, st);

  const nodes: NodeResult[] = [];
  let items = P.ZERO;
  let bonusNodes = P.ZERO;
  let itemBonus = P.ZERO;
  let fullPoints = P.ZERO;
  let maxPoints = P.ZERO;
  const prevNodes = prevTrace === undefined ? undefined : reuse!.previous.result.nodes;
  for (let i = 0; i < scheme.indicators.length; i++) {
    const top = scheme.indicators[i]!;
    const r = evalNode(env, st, top, ROOT_PATH, tree.tops[i]!, prevNodes?.[nodes.length]);
    if (!r) continue;
    nodes.push(r.result);
    if (r.result.isBonus) bonusNodes = P.add(bonusNodes, r.result.score);
    else {
      items = P.add(items, r.result.score);
      itemBonus = P.add(itemBonus, r.effectiveBonus);
      const pts = pointsFor(top, unit) ?? P.ZERO;
      fullPoints = P.add(fullPoints, pts);
      maxPoints = P.add(maxPoints, top.ceiling === undefined || top.ceiling === null ? pts : top.ceiling);
    }
  }
  // P32 'rescale-total': N/A indicators leave the scheme and the rest is scaled to the full points.
  if (st.excluded > 0 && fullPoints > st.excluded) {
    const scaled = P.mulDiv(items, fullPoints, P.sub(fullPoints, st.excluded));
    unitLine(st, 'rescale', P.sub(scaled, items), 'unit.rescale', { items: items, full: fullPoints, excluded: st.excluded, result: scaled });
    items = scaled;
  }

  // 折算为百分制: a unit whose indicators can reach another maximum (店镇's 135) is put on the common scale.
  const normaliseTo = scheme.settings.normaliseTo;
  if (normaliseTo !== undefined && maxPoints > 0 && maxPoints !== normaliseTo) {
    const scaled = P.mulDiv(items, normaliseTo, maxPoints);
    unitLine(st, 'rescale', P.sub(scaled, items), 'unit.normalise', { items, max: maxPoints, to: normaliseTo, result: scaled });
    items = scaled;
  }

  // P26: cap on all bonuses of the unit.
  let bonusTotal = P.add(bonusNodes, itemBonus);
  const cap = scheme.settings.unitBonusCap;
  let total = P.add(items, bonusNodes);
  if (cap !== undefined && bonusTotal > cap) {
    const cut = P.sub(bonusTotal, cap);
    unitLine(st, 'cap', P.neg(cut), 'unit.bonus-cap', { bonus: bonusTotal, cap: cap });
    total = P.sub(total, cut);
    bonusTotal = cap;
  }

  // P31: negative list, from the unit total.
  let negativeTotal = P.ZERO;
  for (const item of scheme.negativeList) {
    if (!inScope(item.appliesTo, unit, index.groupsOfUnit)) continue;
    const facts = factsFor(env.facts, unit.code, item.code);
    if (facts.length === 0) continue;
    const out = evaluateRule(negativeRule(item), ctxFor(env, unit, negativeClause(item), undefined, facts));
    tally(st, out.status);
    const site = st.ledger.siteOf(item, ROOT_PATH, item.code, { text: item.text, source: item.source });
    for (const l of out.lines) push(st, site, l, l.kind === 'deduction' ? 'negative' : l.kind);
    negativeTotal = P.add(negativeTotal, out.deduction);
  }
  total = P.sub(total, negativeTotal);

  const barredAwards: string[] = [];
  let isForcedLast = false;
  let maxGrade: Code | undefined;
  let forcedGrade: Code | undefined;
  let vetoDeduction = P.ZERO;
  for (const v of vetoes) {
    for (const e of v.effects) {
      const site = st.ledger.siteOf(v, ROOT_PATH, v.code, { text: v.text });
      const vetoLine = (amount: Dec, msg: string, params: Params): void => st.ledger.add(site, 'veto', amount, msg, params, v.facts);
      switch (e.type) {
        case 'deduct':
          vetoDeduction = P.add(vetoDeduction, e.amount);
          vetoLine(P.neg(e.amount), 'veto.deduct', { amount: e.amount });
          break;
        case 'zero-total':
          st.zeroUnit = true;
          vetoLine(P.ZERO, 'veto.zero-total', {});
          break;
        case 'zero-indicator':
          // Applied in the tree (node.veto-zero); this line names the veto that did it.
          vetoLine(P.ZERO, 'veto.zero-indicator', { indicator: e.indicator });
          break;
        case 'max-grade':
          maxGrade = e.grade;
          vetoLine(P.ZERO, 'veto.max-grade', { grade: e.grade });
          break;
        case 'force-grade':
          forcedGrade = e.grade;
          vetoLine(P.ZERO, 'veto.force-grade', { grade: e.grade });
          break;
        case 'force-last':
          isForcedLast = true;
          vetoLine(P.ZERO, 'veto.force-last', {});
          break;
        case 'bar-award':
          barredAwards.push(e.award);
          vetoLine(P.ZERO, 'veto.bar-award', { award: e.award });
          break;
        case 'bar-grade': {
          // 一票否优: at most the grade after the barred one (no grading yet: the line records it, no grade changes).
          const cap = barredGradeCap(scheme.grading, e.grade);
          // Stryker disable next-line ConditionalExpression: equivalent — when cap is undefined barredGradeCap returns maxGrade unchanged
          if (cap !== undefined) maxGrade = barredGradeCap(scheme.grading, e.grade, maxGrade);
          const capName = scheme.grading?.grades.find((g) => g.code === cap)?.name ?? cap;
          vetoLine(P.ZERO, cap === undefined ? 'veto.bar-grade' : 'veto.bar-grade-cap', capName === undefined ? { grade: e.grade } : { grade: e.grade, cap: capName });
          break;
        }
      }
    }
  }
  total = P.sub(total, vetoDeduction);
  total = finishTotal(st, scheme.settings, total);

  const head = {
    unit: unit.code,
    name: unit.name,
    category: unit.category,
    total,
    itemsTotal: items,
    bonusTotal,
    negativeTotal,
    deductionTotal: P.add(P.add(st.deductions, negativeTotal), vetoDeduction),
    vetoes: vetoes.map((v) => v.code),
    barredAwards,
    isForcedLast,
    ...(maxGrade !== undefined ? { maxGrade } : {}),
    ...(forcedGrade !== undefined ? { forcedGrade } : {}),
    pendingJudgements: st.pending,
    needsReview: st.review,
    nodes,
  };
  // `ledger` is read from the store on first use; one shared accessor keeps every unit result in one
  // hidden class (a property redefined per object made them dictionaries, slow to rank and grade).
  Object.defineProperty(head, 'ledger', ledgerAccessor);
  Object.defineProperty(head, LEDGER, { value: { store, start, end: store.size, cStart, cEnd: store.clauseCount } satisfies LedgerSlot });
  const result = head as Omit<UnitResult, 'ranks' | 'gradeNotes'> as UnitResult;
  result.ranks = [];
  // Stryker disable next-line ArrayDeclaration: equivalent — assemble and reassemble set gradeNotes again before it is read
  result.gradeNotes = [];
  return { result, needsImputation: st.needsImputation, nodeScores: st.nodeScores, naIndicators: st.naIndicators, trace: st.trace };
}

/** Clamps, cut-offs, zeroing and rounding of the unit total (P34, P29, P33), each with its line. */
function finishTotal(st: State, settings: UnitScoreSettings, total: Dec): Dec {
  const note = (kind: LedgerLine['kind'], amount: Dec, msg: string, params: Params): void => unitLine(st, kind, amount, msg, params);
  if (settings.totalMax !== undefined && total > settings.totalMax) {
    note('clamp', P.sub(settings.totalMax, total), 'unit.clamp-max', { total: total, max: settings.totalMax });
    total = settings.totalMax;
  }
  for (const c of settings.cutoffs ?? []) {
    if (total < c.below && total !== c.to) {
      note('cutoff', P.sub(c.to, total), 'unit.cutoff', { total: total, below: c.below, to: c.to });
      total = c.to;
    }
  }
  if (settings.totalMin !== undefined && total < settings.totalMin) {
    note('clamp', P.sub(settings.totalMin, total), 'unit.clamp-min', { total: total, min: settings.totalMin });
    total = settings.totalMin;
  }
  if (st.zeroUnit && total !== 0) {
    note('zero', P.neg(total), 'unit.zero', { total: total });
    total = P.ZERO;
  }
  const r = settings.rounding ?? { decimals: 2, mode: 'half-up' as const };
  const rounded = P.round(total, r.decimals, r.mode ?? 'half-up');
  if (rounded !== total) {
    note('round', P.sub(rounded, total), 'unit.round', { total: total, decimals: r.decimals, mode: r.mode ?? 'half-up', result: rounded });
  }
  return rounded;
}

type UnitScoreSettings = SchemeIndex['scheme']['settings'];

function tally(st: State, status: OutcomeStatus): void {
  if (status === 'needs-judgement') st.pending++;
  else if (status === 'needs-review') st.review++;
}

function negativeRule(item: NegativeItem): Rule {
  return item.rule ?? { kind: 'condition', effect: 'deduction', ...(item.amount !== undefined ? { amount: item.amount } : {}) };
}

function negativeClause(item: NegativeItem): Clause {
  return { code: item.code, text: item.text, rule: negativeRule(item) };
}

function ctxFor(env: ScoringEnv, unit: Unit, clause: Clause, points: Dec | undefined, facts: readonly Fact[], indicator?: Indicator, reuse?: RuleContext): RuleContext {
  // Stryker disable next-line LogicalOperator: equivalent — ctxFor serves only the negative list, without an indicator: both sides are undefined
  const target = indicator?.targets?.[unit.code] ?? indicator?.target;
  // Stryker disable next-line ConditionalExpression, EqualityOperator: equivalent — a negative item never has peers (no clause has its code)
  const peers = env.peers.size === 0 ? undefined : env.peers.get(clause.code)?.get(peerGroupOf(env.index, unit.code));
  // One context object per unit, refilled for each clause: rules read it and never keep it.
  const ctx = reuse ?? ({ unit, clause, points, facts, target, settings: env.index.scheme.settings, subAssessments: env.index.subAssessments, peers } as RuleContext);
  ctx.unit = unit;
  ctx.clause = clause;
  ctx.points = points;
  ctx.facts = facts;
  ctx.target = target;
  ctx.peers = peers;
  return ctx;
}

type NodeEval = { result: NodeResult; zeroParent: boolean; effectiveBonus: Dec };

/**
 * Scores node number `o` for the unit; `prev` is the node's result in the unit's previous scoring
 * (a re-score), taken as it was when no code its subtree reads changed (`reuseNode`).
 */
function evalNode(env: ScoringEnv, st: State, node: Indicator, parentPath: readonly Code[], o: number, prev: NodeResult | undefined): NodeEval | null {
  const unit = st.unit;
  if (!inScope(node.appliesTo, unit, env.index.groupsOfUnit)) return null;
  const pt = st.prevTrace;
  let prevFlags = 0;
  // Stryker disable next-line ConditionalExpression, EqualityOperator, BlockStatement: equivalent — prev is the same node of the same scheme, and without its flags the node is only scored again
  if (pt !== undefined && prev !== undefined && prev.code === node.code) {
    // Stryker disable next-line ArithmeticOperator: equivalent — T_FLAGS is 0, and a wrong flag word only decides whether a clean node is reused or scored again
    prevFlags = pt[o * TRACE_WIDTH + T_FLAGS]!;
    if (st.dirty![o] === 0 && (prevFlags & (F_VISITED | F_IMPUTE)) === F_VISITED) return reuseNode(st, o, prev);
  }
  const lineStart = st.ledger.size;
  const pending0 = st.pending;
  const review0 = st.review;
  const deductions0 = st.deductions;
  const excluded0 = st.excluded;
  const zeroUnit0 = st.zeroUnitHits;
  const impute0 = st.needsImputation.length;
  const path = pathOf(node, parentPath);
  const weight = pointsFor(node, unit);
  // 按百分制计分，按权重N分折算: everything inside the node is on the `rescale.from` scale.
  const rescale = node.rescale && weight !== undefined ? node.rescale : undefined;
  const M = rescale ? rescale.from : weight;
  const isBonus = node.role === 'bonus';
  const clauses = node.clauses ?? [];
  // Same keys in the same order as a literal with `clauses: []` followed by `points`.
  const result = { code: node.code, title: node.title, score: P.ZERO, deduction: P.ZERO, bonus: P.ZERO, status: 'scored', isBonus, children: [] } as Omit<NodeResult, 'clauses'> as NodeResult;
  if (clauses.length > 0) {
    Object.defineProperty(result, 'clauses', clausesAccessor);
    Object.defineProperty(result, CLAUSES, { value: { store: st.ledger, start: st.ledger.clauseCount, clauses } satisfies ClauseSlot });
  } else result.clauses = [];
  if (weight !== undefined) result.points = weight;

  const own = st.unitFacts?.get(node.code) ?? NO_FACTS;
  let na: Fact | undefined;
  // the first, like every one-fact reader: the caller's order decides (the server's is the fact lifecycle's)
  for (let i = 0; i < own.length; i++) if (own[i]!.type === 'not-applicable') {
    na = own[i];
    break;
  }
  if (na && na.type === 'not-applicable') {
    // Its clauses are not evaluated: no clause results (the slot's start would read the store's next
    // results, another node's or another unit's).
    if (clauses.length > 0) result.clauses = [];
    // its subtree is not visited: entries a previous scoring left there (the trace is written over) go
    for (let k = o - st.tree.size[o]! + 1; k < o; k++) st.trace[k * TRACE_WIDTH + T_FLAGS] = 0;
    st.naIndicators.add(node.code);
    result.status = 'not-applicable';
    const policy = node.notApplicable ?? 'full-points';
    const params = { reason: na.reason, policy };
    if (policy === 'full-points') {
      result.score = weight ?? P.ZERO;
      nodeLine(st, path, node, 'not-applicable', result.score, 'node.na-full', { ...params, points: result.score }, [na.id]);
    } else if (policy === 'average-of-others') {
      const avg = env.imputed.get(unit.code)?.get(node.code);
      if (avg === undefined) {
        st.needsImputation.push(node.code);
        st.pending++;
        result.status = 'needs-judgement';
        nodeLine(st, path, node, 'pending', P.ZERO, 'node.na-average-pending', params, [na.id]);
      } else {
        result.score = avg;
        nodeLine(st, path, node, 'impute', avg, 'node.na-average', { ...params, average: avg }, [na.id]);
      }
    } else {
      st.excluded = P.add(st.excluded, weight ?? P.ZERO);
      nodeLine(st, path, node, 'not-applicable', P.ZERO, 'node.na-excluded', { ...params, points: weight ?? P.ZERO }, [na.id]);
    }
    st.nodeScores.set(node.code, result.score);
    // Stryker disable next-line ConditionalExpression, EqualityOperator: equivalent — F_IMPUTE only decides reuse: a waiting subtree scored again finds the same (no) average
    record(st, o, F_VISITED | F_NA | (st.needsImputation.length > impute0 ? F_IMPUTE : 0), lineStart, pending0, review0, zeroUnit0, deductions0, excluded0, P.ZERO, result.score);
    return { result, zeroParent: false, effectiveBonus: P.ZERO };
  }

  let base = P.ZERO;
  let zeroSelf = st.vetoZero.has(node.code);
  let zeroParent = false;
  let childSum = P.ZERO;
  let childBonus = P.ZERO;
  let childCount = 0;
  /** Scores of bonus items nested below this node (a 加分项 inside a topic): a bonus of this node. */
  let nestedBonus = P.ZERO;
  const children = node.children ?? NO_NODES;
  const kids = st.tree.kids[o]!;
  // the previous children, when this node was scored (not N/A) before: in-scope children, in order
  const prevKids = (prevFlags & (F_VISITED | F_NA)) === F_VISITED ? prev!.children : undefined;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const r = evalNode(env, st, child, path, kids[i]!, prevKids?.[result.children.length]);
    if (!r) continue;
    result.children.push(r.result);
    result.status = worse(result.status, r.result.status);
    if (r.zeroParent) zeroSelf = true;
    if (r.result.isBonus) {
      nestedBonus = P.add(nestedBonus, r.result.score);
      continue;
    }
    childSum = P.add(childSum, r.result.score);
    childBonus = P.add(childBonus, r.effectiveBonus);
    childCount++;
  }
  if (childCount > 0) {
    base = childSum;
    if (node.aggregation === 'average') {
      const avg = P.div(childSum, P.fromInt(childCount));
      nodeLine(st, path, node, 'note', P.sub(avg, childSum), 'node.average', { n: childCount, sum: childSum, average: avg });
      base = avg;
    }
  }

  // Mode D (deduction list with points): the item starts from its points and loses deductions.
  // Decided from the rules' effects so the base line comes first in the ledger.
  const plan = clauses.length > 0 ? planOf(env, node, clauses) : undefined;
  const isModeD = childCount === 0 && (node.children?.length ?? 0) === 0 && M !== undefined && plan !== undefined && !plan.anyScore;
  if (isModeD) {
    base = M;
    nodeLine(st, path, node, 'score', M, 'node.base', { points: M });
  }
  let D = P.ZERO;
  /** 倒扣 after 此项不得分 (`clause.afterZero`): taken after the floor, ceiling and zeroing. */
  let R = P.ZERO;
  // A nested bonus item counts here, under this node's bonus cap and ceiling (its own lines say what
  // it scored); left out, its points would be in the ledger and not in the total.
  let B = nestedBonus;
  const byDimension = node.dimensions ? new Map<Code, Dec>() : undefined;
  // Clause results are kept in the store (status, score, deduction, bonus per clause) and become
  // objects only when read: a province has 720,000 of them and most are never looked at.
  // A re-score reuses unchanged clauses from this node's previous clause results (in the store they
  // were written to, from the previous node's slot on: one result per clause, in order).
  const prevClauses = (prevFlags & F_CLAUSES) !== 0 && clauses.length > 0 ? (prev as WithSlot)[CLAUSES] : undefined;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    const cp = plan!.clauses[i]!;
    // Stryker disable next-line UnaryOperator: equivalent — with no previous store the slot number is never read
    const out = evalClause(env, st, node, clause, cp, path, M, prevClauses === undefined ? undefined : prevClauses.store, prevClauses === undefined ? -1 : prevClauses.start + i);
    result.status = worse(result.status, out.status);
    // Stryker disable next-line LogicalOperator, EqualityOperator: equivalent — only score clauses have a score and a deduction list has none: each adds the same, or 0
    if (!isModeD && (cp.isScore || out.score !== undefined)) {
      base = P.add(base, out.score ?? P.ZERO);
    }
    if (byDimension && clause.dimension !== undefined) byDimension.set(clause.dimension, P.add(byDimension.get(clause.dimension) ?? P.ZERO, out.deduction));
    if (clause.afterZero === true && out.deduction !== 0) {
      R = P.add(R, out.deduction);
      zeroSelf = true;
    } else D = P.add(D, out.deduction);
    B = P.add(B, out.bonus);
    if (out.zero === 'indicator') zeroSelf = true;
    else if (out.zero === 'parent') zeroParent = true;
    else if (out.zero === 'unit') {
      st.zeroUnit = true;
      st.zeroUnitHits++;
    }
  }

  const isLeaf = childCount === 0 && (node.children?.length ?? 0) === 0;
  if (isLeaf && (node.clauses?.length ?? 0) === 0 && M !== undefined) {
    // No scoring rule in the source (001's "target + points"): the assessor scores it in [0, M].
    const j = own.find((f) => f.type === 'judgement');
    // Stryker disable next-line ConditionalExpression: equivalent — j was found by that same type test
    if (j && j.type === 'judgement') {
      const v = P.clamp(j.amount, P.ZERO, M);
      nodeLine(st, path, node, 'score', v, 'node.judged', { amount: v, points: M, reason: j.reason, by: j.by ?? '' }, [j.id]);
      base = v;
    } else {
      st.pending++;
      result.status = worse(result.status, 'needs-judgement');
      nodeLine(st, path, node, 'pending', P.ZERO, 'node.pending', { points: M });
    }
  }

  // P41: deductions of each dimension capped at its share of the points.
  if (node.dimensions && M !== undefined) {
    for (const dim of node.dimensions) {
      const got = byDimension?.get(dim.code);
      if (got === undefined) continue;
      const share = P.mulDiv(M, dim.percent, P.HUNDRED);
      if (got > share) {
        const cut = P.sub(got, share);
        D = P.sub(D, cut);
        nodeLine(st, path, node, 'dimension-cap', cut, 'node.dimension-cap', { dimension: dim.name, percent: dim.percent, share: share, total: got });
      }
    }
  }
  if (node.caps?.deduction !== undefined && D > node.caps.deduction) {
    const cut = P.sub(D, node.caps.deduction);
    nodeLine(st, path, node, 'cap', cut, 'node.deduction-cap', { cap: node.caps.deduction, total: D });
    D = node.caps.deduction;
  }
  if (node.caps?.bonus !== undefined && B > node.caps.bonus) {
    const cut = P.sub(B, node.caps.bonus);
    nodeLine(st, path, node, 'cap', P.neg(cut), 'node.bonus-cap', { cap: node.caps.bonus, total: B });
    B = node.caps.bonus;
  }
  if (node.caps?.net !== undefined) {
    // 累计加减分不超过N分: the net adjustment B − D stays within ±N.
    const cap = node.caps.net;
    const net = P.sub(B, D);
    if (net > cap) {
      nodeLine(st, path, node, 'cap', P.sub(cap, net), 'node.net-cap', { net, cap, bounded: cap });
      B = P.sub(B, P.sub(net, cap));
    } else if (net < P.neg(cap)) {
      nodeLine(st, path, node, 'cap', P.sub(P.neg(cap), net), 'node.net-cap', { net, cap, bounded: P.neg(cap) });
      D = P.sub(D, P.sub(P.neg(cap), net));
    }
  }

  let score = P.add(P.sub(base, D), B);
  const floor = node.floor === undefined ? (M !== undefined ? P.ZERO : null) : node.floor;
  const ceiling = node.ceiling === undefined ? (M ?? null) : node.ceiling;
  if (floor !== null && score < floor) {
    nodeLine(st, path, node, 'floor', P.sub(floor, score), 'node.floor', { score: score, floor: floor, points: M === undefined ? '' : M });
    score = floor;
    result.status = worse(result.status, 'clamped');
  }
  if (ceiling !== null && score > ceiling) {
    nodeLine(st, path, node, 'ceiling', P.sub(ceiling, score), 'node.ceiling', { score: score, ceiling: ceiling });
    score = ceiling;
    result.status = worse(result.status, 'clamped');
  }
  if (zeroSelf && score !== 0) {
    nodeLine(st, path, node, 'zero', P.neg(score), st.vetoZero.has(node.code) ? 'node.veto-zero' : 'node.zero', { score: score });
    score = P.ZERO;
    if (st.vetoZero.has(node.code)) result.status = 'vetoed';
  }
  // The 倒扣's own clause lines carry its amount (−R); the score takes it only now, below zero.
  if (R !== 0) score = P.sub(score, R);
  let effectiveBonus = P.ZERO;
  const inBase = node.aggregation === 'average' && childCount > 0 ? P.div(childBonus, P.fromInt(childCount)) : childBonus;
  const bonusIn = P.add(inBase, B);
  // Stryker disable next-line ConditionalExpression: equivalent — with no bonus the effective bonus is clamped to [0, 0] either way
  if (bonusIn > 0) {
    // What the node would score without any bonus, under the same floor and ceiling.
    let without = P.sub(P.sub(base, inBase), D);
    if (floor !== null && without < floor) without = floor;
    if (ceiling !== null && without > ceiling) without = ceiling;
    if (zeroSelf) without = P.ZERO;
    effectiveBonus = P.clamp(P.sub(score, without), P.ZERO, bonusIn);
  }
  if (rescale && weight !== undefined) {
    const converted = P.mulDiv(score, weight, rescale.from);
    nodeLine(st, path, node, 'rescale', P.sub(converted, score), 'node.rescale', { from: rescale.from, score, weight, result: converted });
    score = converted;
    D = P.mulDiv(D, weight, rescale.from);
    B = P.mulDiv(B, weight, rescale.from);
    effectiveBonus = P.mulDiv(effectiveBonus, weight, rescale.from);
  }
  if (node.rounding) {
    const r = P.round(score, node.rounding.decimals, node.rounding.mode ?? 'half-up');
    if (r !== score) nodeLine(st, path, node, 'round', P.sub(r, score), 'node.round', { score: score, decimals: node.rounding.decimals, result: r });
    score = r;
  }
  result.score = score;
  // Stryker disable next-line ConditionalExpression: equivalent — adding an R of 0 changes nothing
  if (R !== 0) D = P.add(D, rescale && weight !== undefined ? P.mulDiv(R, weight, rescale.from) : R);
  result.deduction = D;
  result.bonus = B;
  st.deductions = P.add(st.deductions, D);
  st.nodeScores.set(node.code, score);
  // Stryker disable next-line ConditionalExpression, EqualityOperator: equivalent — F_CLAUSES (read with clauses.length again) and F_IMPUTE only decide reuse: the same result
  const flags = F_VISITED | (zeroParent ? F_ZERO_PARENT : 0) | (clauses.length > 0 ? F_CLAUSES : 0) | (st.needsImputation.length > impute0 ? F_IMPUTE : 0);
  record(st, o, flags, lineStart, pending0, review0, zeroUnit0, deductions0, excluded0, effectiveBonus, score);
  return { result, zeroParent, effectiveBonus };
}

/** Writes node `o`'s trace: what its subtree added since the values given (taken at its start). */
// Stryker disable next-line BlockStatement: equivalent — no trace is written, so no node is ever reused: each is scored again, to the same result
function record(st: State, o: number, flags: number, line0: number, pending0: number, review0: number, zeroUnit0: number, deductions0: Dec, excluded0: Dec, effectiveBonus: Dec, score: Dec): void {
  const t = st.trace;
  const b = o * TRACE_WIDTH;
  // Stryker disable next-line ArithmeticOperator: equivalent — T_FLAGS is 0
  t[b + T_FLAGS] = flags;
  t[b + T_LINE0] = line0;
  t[b + T_LINE1] = st.ledger.size;
  t[b + T_PENDING] = st.pending - pending0;
  t[b + T_REVIEW] = st.review - review0;
  t[b + T_ZERO_UNIT] = st.zeroUnitHits - zeroUnit0;
  t[b + T_DEDUCTIONS] = P.sub(st.deductions, deductions0);
  t[b + T_EXCLUDED] = P.sub(st.excluded, excluded0);
  t[b + T_EFFECTIVE_BONUS] = effectiveBonus;
  t[b + T_SCORE] = score;
}

/**
 * Node `o` as the previous scoring left it (no code its subtree reads changed): the same result
 * object, its subtree's lines copied from the previous store, its trace entries moved with them, its
 * counts and sums added to the unit's, and its nodes' scores entered in post-order as a fresh
 * evaluation enters them.
 */
function reuseNode(st: State, o: number, prev: NodeResult): NodeEval {
  const pt = st.prevTrace!;
  const t = st.trace;
  const b = o * TRACE_WIDTH;
  const from = pt[b + T_LINE0]!;
  const shift = st.ledger.size - from;
  st.ledger.copyLines(st.prevStore!, from, pt[b + T_LINE1]!);
  const nodes = st.tree.nodes;
  for (let k = o - st.tree.size[o]! + 1; k <= o; k++) {
    const kb = k * TRACE_WIDTH;
    // Stryker disable next-line ArithmeticOperator: equivalent — T_FLAGS is 0
    const flags = pt[kb + T_FLAGS]!;
    if ((flags & F_VISITED) === 0) continue;
    // Stryker disable next-line ConditionalExpression, EqualityOperator, UpdateOperator, ArithmeticOperator: equivalent — a re-score writes its trace over the previous one, so t === pt and the copy never runs
    if (t !== pt) for (let f = 0; f < TRACE_WIDTH; f++) t[kb + f] = pt[kb + f]!;
    t[kb + T_LINE0] = pt[kb + T_LINE0]! + shift;
    t[kb + T_LINE1] = pt[kb + T_LINE1]! + shift;
    const code = nodes[k]!.code;
    if ((flags & F_NA) !== 0) st.naIndicators.add(code);
    st.nodeScores.set(code, pt[kb + T_SCORE]! as Dec);
  }
  st.pending += pt[b + T_PENDING]!;
  st.review += pt[b + T_REVIEW]!;
  const zeroHits = pt[b + T_ZERO_UNIT]!;
  if (zeroHits > 0) {
    st.zeroUnit = true;
    st.zeroUnitHits += zeroHits;
  }
  st.deductions = P.add(st.deductions, pt[b + T_DEDUCTIONS]! as Dec);
  st.excluded = P.add(st.excluded, pt[b + T_EXCLUDED]! as Dec);
  // Stryker disable next-line ArithmeticOperator: equivalent — T_FLAGS is 0
  return { result: prev, zeroParent: (pt[b + T_FLAGS]! & F_ZERO_PARENT) !== 0, effectiveBonus: pt[b + T_EFFECTIVE_BONUS]! as Dec };
}

/** How many ledger lines the unit's scoring wrote (a re-score's store is sized from it). */
export function ledgerLinesOf(score: UnitScore): number {
  const slot = (score.result as UnitResult & { [LEDGER]?: LedgerSlot })[LEDGER];
  // Stryker disable next-line ArithmeticOperator: equivalent — a re-score's store is sized larger: only memory
  return slot ? slot.end - slot.start : 0;
}

/** A unit's ledger lines, kept in the store (see `ledgerAccessor`). */
const LEDGER = Symbol('ledger');
type LedgerSlot = { store: LedgerStore; start: number; end: number; cStart: number; cEnd: number };

/** `UnitResult.ledger` materialised on first read, then an ordinary array (one descriptor for all units). */
const ledgerAccessor = lazyAccessor<UnitResult & { [LEDGER]: LedgerSlot }, LedgerLine[]>('ledger', (u) => u[LEDGER].store.lines(u[LEDGER].start, u[LEDGER].end));

/** The clause results of a node, kept in the store (see `clausesAccessor`). */
const CLAUSES = Symbol('clauses');
type ClauseSlot = { store: LedgerStore; start: number; clauses: readonly Clause[] };
type WithSlot = NodeResult & { [CLAUSES]: ClauseSlot };

/**
 * `NodeResult.clauses` materialised on first read from the store, then an ordinary (enumerable,
 * writable) array. One descriptor shared by every node, so nodes keep one hidden class (a
 * property redefined per object turned each of the 72,000 nodes of a province into a dictionary).
 */
const clausesAccessor = lazyAccessor<WithSlot, ClauseResult[]>('clauses', (n) => n[CLAUSES].store.clauseResults(n[CLAUSES].clauses, n[CLAUSES].start));

/** A node's path from the top, built once per scheme (the ledger lines of every unit share it). */
const paths = new WeakMap<Indicator, { parent: readonly Code[]; path: readonly Code[] }>();
function pathOf(node: Indicator, parentPath: readonly Code[]): readonly Code[] {
  const hit = paths.get(node);
  if (hit && hit.parent === parentPath) return hit.path;
  const path = [...parentPath, node.code];
  paths.set(node, { parent: parentPath, path });
  return path;
}

/** Citations are shared by every unit's ledger lines of a clause (one object per clause, not per line). */
/** A clause's facts: those at its own code, then those at its shared data item (最多报一次). */
export function clauseFacts(unitFacts: UnitFacts | undefined, clause: Clause): readonly Fact[] {
  const own = unitFacts?.get(clause.code) ?? NO_FACTS;
  if (clause.dataItem === undefined) return own;
  const shared = unitFacts?.get(clause.dataItem);
  return shared === undefined ? own : own.length === 0 ? shared : [...own, ...shared];
}

const citations = new WeakMap<Clause, NonNullable<LedgerLine['cite']>>();
function citeOf(clause: Clause): NonNullable<LedgerLine['cite']> {
  let c = citations.get(clause);
  // Stryker disable next-line ConditionalExpression: equivalent — a new citation with the same text and source
  if (!c) citations.set(clause, (c = { text: clause.text, source: clause.source }));
  return c;
}

function evalClause(env: ScoringEnv, st: State, node: Indicator, clause: Clause, plan: ClausePlan, path: readonly Code[], M: Dec | undefined, prevStore: LedgerStore | undefined, prevAt: number): RuleOutcome {
  const unit = st.unit;
  let site = plan.site;
  if (plan.siteTable !== st.ledger.siteTable) {
    site = plan.site = st.ledger.siteOf(clause, path, clause.code, plan.cite);
    plan.siteTable = st.ledger.siteTable;
  }
  if (prevStore !== undefined && canReuse(st, clause)) return reuseClause(st, prevStore, prevAt, site);
  // The rule gets one array per unit refilled for each clause, like the context it comes in: rules
  // read their facts and keep none of the arrays they are given (they keep ids and values).
  let facts = clause.dataItem === undefined && st.cells !== undefined ? st.cells.fill(plan.ref, st.scratch) : clauseFacts(st.unitFacts, clause);
  const lineStart = st.ledger.size;
  let na: Fact | undefined;
  for (let i = 0; i < facts.length; i++) if (facts[i]!.type === 'not-applicable') {
    na = facts[i];
    break;
  }
  if (na && na.type === 'not-applicable') {
    // 不涉及此项工作的不扣分: a positive clause keeps its points, a deduction clause deducts nothing.
    const positive = plan.isScore;
    const pts = positive ? (clause.points ?? M ?? P.ZERO) : P.ZERO;
    const out: RuleOutcome = { status: 'not-applicable', deduction: P.ZERO, bonus: P.ZERO, lines: [line('not-applicable', pts, [na.id], 'clause.na', { reason: na.reason })] };
    if (positive) out.score = pts;
    push(st, site, out.lines[0]!);
    st.ledger.addClause(out.status, out.score ?? P.ZERO, out.deduction, out.bonus, lineStart, plan.id, flagsOf(out, false));
    return out;
  }
  if (clause.dedupeGroup !== undefined) facts = dropDuplicates(st, clause, facts);
  // Rules by unit category: the unit's category picks the rule; its ledger says which one applied.
  const picked = clause.ruleByCategory === undefined ? undefined : ruleFor(clause, unit);
  let reviewed = clause.status === 'needs-review';
  if (reviewed) {
    st.review++;
    push(st, site, line('review', P.ZERO, facts.map((f) => f.id), 'clause.needs-review', { reason: clause.reviewReason ?? '' }));
  }
  if (picked?.category !== undefined) push(st, site, line('note', P.ZERO, NO_IDS, 'clause.category-rule', { category: picked.category }));
  else if (picked?.missing && !reviewed) {
    reviewed = true;
    st.review++;
    push(st, site, line('review', P.ZERO, facts.map((f) => f.id), 'clause.category-missing', { category: unit.category, categories: Object.keys(clause.ruleByCategory!).join('、') }));
  }
  const points = clause.points ?? M;
  const target = node.targets?.[unit.code] ?? node.target;
  const peers = plan.peers === undefined ? undefined : plan.peers.get(st.peerGroup);
  // One context object per unit, refilled for each clause: rules read it and never keep it.
  let ctx = st.ctx;
  if (ctx === undefined) st.ctx = ctx = { unit, clause, points, facts, target, settings: env.index.scheme.settings, subAssessments: env.index.subAssessments, peers } as RuleContext;
  else {
    ctx.unit = unit;
    ctx.clause = clause;
    ctx.points = points;
    ctx.facts = facts;
    ctx.target = target;
    ctx.peers = peers;
  }
  const out = evaluateRule(picked === undefined ? clause.rule : picked.rule, ctx);
  tally(st, out.status);
  const lines = out.lines;
  for (let i = 0; i < lines.length; i++) push(st, site, lines[i]!);
  // 此项不得分，同时倒扣: the clause's own line says its deduction is taken after the item is zeroed.
  if (clause.afterZero === true && out.deduction !== 0) push(st, site, line('note', P.ZERO, NO_IDS, 'clause.after-zero', { deduction: out.deduction }));
  st.ledger.addClause(out.status, out.score ?? P.ZERO, out.deduction, out.bonus, lineStart, plan.id, flagsOf(out, reviewed));
  return out;
}

const ZERO_CODE = { indicator: 1, parent: 2, unit: 3 } as const;
const ZERO_OF = [undefined, 'indicator', 'parent', 'unit'] as const;
const NO_LINES: RuleOutcome['lines'] = Object.freeze([]) as unknown as RuleOutcome['lines'];

function flagsOf(out: RuleOutcome, reviewed: boolean): number {
  return (out.score !== undefined ? CLAUSE_HAS_SCORE : 0) | (reviewed ? CLAUSE_REVIEWED : 0) | (out.zero === undefined ? 0 : ZERO_CODE[out.zero] << CLAUSE_ZERO_SHIFT);
}

/** A code the clause reads (its own, or its shared data item) is among the changed codes. */
function readsChanged(clause: Clause, changed: ReadonlySet<Code>): boolean {
  return changed.has(clause.code) || (clause.dataItem !== undefined && changed.has(clause.dataItem));
}

/** The clause's facts are those of the previous scoring (see `Reuse`). */
function canReuse(st: State, clause: Clause): boolean {
  if (readsChanged(clause, st.changed!)) return false;
  // Stryker disable next-line LogicalOperator: equivalent — a clause evaluated again instead of reused: the same outcome
  return clause.dedupeGroup === undefined || !st.dedupeDirty;
}

/** The previous outcome of a clause whose facts did not change: its lines copied, its counts tallied. */
function reuseClause(st: State, from: LedgerStore, i: number, site: number): RuleOutcome {
  const flags = from.clauseFlags(i);
  const status = from.clauseStatus(i) as RuleOutcome['status'];
  if ((flags & CLAUSE_REVIEWED) !== 0) st.review++;
  tally(st, status);
  st.ledger.copyClause(from, i, site);
  const out: RuleOutcome = { status, deduction: from.clauseValue(i, 1), bonus: from.clauseValue(i, 2), lines: NO_LINES };
  if ((flags & CLAUSE_HAS_SCORE) !== 0) out.score = from.clauseValue(i, 0);
  const zero = ZERO_OF[(flags >> CLAUSE_ZERO_SHIFT) & 3];
  if (zero !== undefined) out.zero = zero;
  return out;
}

/** The clauses of the scheme in a dedupe group, in scheme order (found once per scheme). */
const dedupeClauses = new WeakMap<SchemeIndex, Clause[]>();
function dedupeClausesOf(index: SchemeIndex): Clause[] {
  let list = dedupeClauses.get(index);
  // Stryker disable next-line ConditionalExpression: equivalent — the list is built again: the same clauses
  if (!list) {
    list = [];
    // Stryker disable next-line ConditionalExpression: equivalent — clauses of no group only add owners under a key no clause looks up, and re-score more
    for (const site of index.clauses.values()) if (site.clause.dedupeGroup !== undefined) list.push(site.clause);
    dedupeClauses.set(index, list);
  }
  return list;
}

/** P27: across clauses of one dedupe group, an event key counts only in the clause where it costs most. */
function planDedupe(env: ScoringEnv, unit: Unit, st: State): void {
  const deduped = dedupeClausesOf(env.index);
  // Stryker disable next-line ConditionalExpression: equivalent — with no dedupe clause the loop below does nothing
  if (deduped.length === 0) return;
  const best = new Map<string, { clause: Code; amount: Dec }>();
  for (const clause of deduped) {
    const code = clause.code;
    const group = clause.dedupeGroup!;
    // the facts the clause reads, a shared data item's included (an occurrence reported once there
    // and read by two clauses of the group counts once, like one reported at each clause)
    for (const f of clauseFacts(st.unitFacts, clause)) {
      // Stryker disable next-line ConditionalExpression: equivalent — an owner for an occurrence without event key is never looked up (dropDuplicates keeps it)
      if (f.type !== 'occurrence' || f.eventKey === undefined) continue;
      const amount = priceOccurrence(ruleFor(clause, unit).rule, f);
      const key = `${group}\u0000${f.eventKey}`;
      const prev = best.get(key);
      if (!prev || amount > prev.amount) best.set(key, { clause: code, amount });
    }
  }
  for (const [key, v] of best) st.dedupeOwner.set(key, v.clause);
}

function priceOccurrence(rule: Rule, f: OccurrenceFact): Dec {
  if (rule.kind !== 'per-occurrence' && rule.kind !== 'condition') return P.ZERO;
  if (rule.tiers) return tierAmount(rule.tiers, f[rule.tiers.by === 'type' ? 'kind' : rule.tiers.by]) ?? P.ZERO;
  return rule.amount ?? P.ZERO;
}

function dropDuplicates(st: State, clause: Clause, facts: readonly Fact[]): readonly Fact[] {
  return facts.filter((f) => {
    // Stryker disable next-line ConditionalExpression: equivalent — no owner is set for an occurrence without event key: the lookup finds none and keeps it
    if (f.type !== 'occurrence' || f.eventKey === undefined) return true;
    const owner = st.dedupeOwner.get(`${clause.dedupeGroup}\u0000${f.eventKey}`);
    return owner === undefined || owner === clause.code;
  });
}
