import type { Fact, FactType } from '../scheme/fact.types';
import { inScope, pointsFor, ruleFor, type SchemeIndex } from '../scheme/scheme-index';
import type { Code, Unit } from '../scheme/scheme.types';
import type { Metric, Rule } from '../rules/rule.types';
import type { LedgerLine } from './result.types';

/**
 * The engine never drops a fact silently. After a unit is scored, every fact it was given is
 * either read (cited by a ledger line, or of a type the rule at its ref reads) or reported here:
 * - `unread`: no rule reads a fact of this type at this ref (unknown ref, out of the unit's scope,
 *   a judgement on an indicator that has clauses, a value on an occurrence clause…);
 * - `conflict`: the rule reads one fact of this type and another one was read instead;
 * - `unread` / `not-used`: an assessor's judgement the rule could read but did not use for this unit
 *   (a completion clause already decided by its 是否完成 flag, a threshold's judgement beyond the
 *   top step that was not reached): the assessor must see that the judgement changed nothing.
 * Pure and separate from the scoring pass, so the hot path is unchanged.
 */
export type FactWarning = {
  unit: Code;
  fact: string;
  ref: Code;
  type: FactType;
  kind: 'unread' | 'conflict';
  reason: 'unknown-ref' | 'out-of-scope' | 'type-not-read' | 'one-read' | 'not-used';
  /** For a conflict: the fact the rule read instead. */
  readInstead?: string;
};

type Reads = ReadonlyMap<FactType, 'one' | 'many'>;

const metricType = (m: Metric): FactType => (m.of === 'change' ? 'value' : m.of);

/** Which fact types a rule reads, and whether it reads one of them or all (mirrors rules/*.rules.ts). */
export function readsOf(rule: Rule): Reads {
  const r = new Map<FactType, 'one' | 'many'>([['not-applicable', 'one']]);
  const one = (t: FactType) => r.get(t) !== 'many' && r.set(t, 'one');
  const many = (t: FactType) => r.set(t, 'many');
  switch (rule.kind) {
    case 'per-occurrence':
    case 'accumulate':
      many('occurrence');
      break;
    case 'condition':
    case 'zero':
      many('flag');
      many('occurrence');
      break;
    case 'discretionary':
      many('judgement');
      many('occurrence');
      many('flag');
      break;
    case 'shortfall':
      many('count');
      break;
    case 'threshold-steps':
      one(metricType(rule.metric));
      one('target-override');
      if (rule.judgementBeyond !== undefined) one('judgement');
      break;
    case 'proportional':
      one(metricType(rule.metric ?? { of: 'value' }));
      one('target-override');
      break;
    case 'bands':
      one(metricType(rule.metric));
      if (rule.bands.some((b) => b.judgement)) one('judgement');
      break;
    case 'relative-to-best':
      one(rule.denominatorOfBest ? 'rate' : metricType(rule.metric));
      break;
    case 'rank-bands':
    case 'bottom-k':
    case 'top-k':
      one(metricType(rule.metric));
      break;
    case 'lateness':
      many('lateness');
      break;
    case 'deadline':
    case 'partial-credit':
      one('flag');
      break;
    case 'completion':
      one('flag');
      one('judgement');
      break;
    case 'any-of':
      many('flag');
      break;
    case 'rate-formula':
      one('rate');
      break;
    case 'external-rank':
      one('rank');
      break;
    case 'conversion':
      many('sub-score');
      if (rule.method.type === 'deduction-range' || (rule.method.type === 'bands' && rule.method.bands.some((b) => b.judgement))) one('judgement');
      break;
    case 'survey':
      many('survey');
      break;
    case 'average':
      many('sub-score');
      break;
    case 'manual':
      one('judgement');
      break;
  }
  return r;
}

const NA_ONLY: Reads = new Map([['not-applicable', 'one']]);
const LEAF: Reads = new Map([
  ['not-applicable', 'one'],
  ['judgement', 'one'],
]);
const TRIGGERS: Reads = new Map([
  ['flag', 'many'],
  ['occurrence', 'many'],
]);

type Site = { reads: Reads } | { unread: 'unknown-ref' | 'out-of-scope' };

function siteOf(index: SchemeIndex, unit: Unit, ref: Code): Site {
  const inPath = (path: readonly Code[]) => path.every((code) => inScope(index.indicators.get(code)?.indicator.appliesTo, unit, index.groupsOfUnit));
  const clause = index.clauses.get(ref);
  if (clause) return inPath(clause.path) ? { reads: readsOf(ruleFor(clause.clause, unit).rule) } : { unread: 'out-of-scope' };
  const ind = index.indicators.get(ref);
  if (ind) {
    if (!inPath(ind.path)) return { unread: 'out-of-scope' };
    const node = ind.indicator;
    const isLeaf = (node.children?.length ?? 0) === 0 && (node.clauses?.length ?? 0) === 0;
    return { reads: isLeaf && pointsFor(node, unit) !== undefined ? LEAF : NA_ONLY };
  }
  const negative = index.scheme.negativeList.find((n) => n.code === ref);
  if (negative) {
    if (!inScope(negative.appliesTo, unit, index.groupsOfUnit)) return { unread: 'out-of-scope' };
    return { reads: negative.rule ? readsOf(negative.rule) : TRIGGERS };
  }
  const veto = index.scheme.vetoes.find((v) => v.code === ref);
  if (veto) return inScope(veto.appliesTo, unit, index.groupsOfUnit) ? { reads: TRIGGERS } : { unread: 'out-of-scope' };
  if (ref === 'grading') return { reads: new Map([['flag', 'many']]) };
  const shared = index.dataItems.get(ref);
  if (shared) {
    // 最多报一次: a shared data item reads what any clause naming it reads, where that clause applies
    const inScopeSites = shared.filter((s) => inPath(s.path));
    if (inScopeSites.length === 0) return { unread: 'out-of-scope' };
    const reads = new Map<FactType, 'one' | 'many'>();
    for (const s of inScopeSites) for (const [t, m] of readsOf(ruleFor(s.clause, unit).rule)) if (reads.get(t) !== 'many') reads.set(t, m);
    return { reads };
  }
  return { unread: 'unknown-ref' };
}

/**
 * Warnings for one unit's facts, given the ledger its scoring produced. Facts are taken in the
 * order given (the server passes them in the fact lifecycle's total order), which is also the
 * order a one-fact reader picks from: the first.
 */
export function factWarnings(index: SchemeIndex, unit: Unit, facts: readonly Fact[], ledger: readonly LedgerLine[]): FactWarning[] {
  const cited = new Set<string>();
  for (const l of ledger) for (const id of l.facts) cited.add(id);
  const byRef = new Map<Code, Fact[]>();
  for (const f of facts) {
    if (f.unit !== unit.code) continue;
    const list = byRef.get(f.ref);
    if (list) list.push(f);
    else byRef.set(f.ref, [f]);
  }
  const out: FactWarning[] = [];
  for (const [ref, list] of byRef) {
    const site = siteOf(index, unit, ref);
    for (const f of list) {
      const base = { unit: unit.code, fact: f.id, ref, type: f.type };
      if ('unread' in site) {
        out.push({ ...base, kind: 'unread', reason: site.unread });
        continue;
      }
      const mode = site.reads.get(f.type);
      if (mode === undefined) {
        if (!cited.has(f.id)) out.push({ ...base, kind: 'unread', reason: 'type-not-read' });
        continue;
      }
      const same = list.filter((g) => g.type === f.type);
      // a judgement is a person's decision: when no ledger line cites it, say so (never a silent no-op)
      if (f.type === 'judgement' && !cited.has(f.id) && (mode === 'many' || same.length === 1)) {
        out.push({ ...base, kind: 'unread', reason: 'not-used' });
        continue;
      }
      if (mode === 'many') continue;
      if (same.length === 1) continue;
      // Stryker disable next-line ArrowFunction: equivalent — every one-fact reader reads the first fact of its type, so the cited one is same[0] anyway
      const read = same.find((g) => cited.has(g.id)) ?? same[0]!;
      if (read.id !== f.id && !cited.has(f.id)) out.push({ ...base, kind: 'conflict', reason: 'one-read', readInstead: read.id });
    }
  }
  return out;
}

const reasonText: Record<FactWarning['reason'], string> = {
  'unknown-ref': '方案中没有该编码',
  'out-of-scope': '该项不适用于本单位',
  'type-not-read': '该条款（指标）的评分规则不读取此类事实',
  'one-read': '评分规则只读取一条此类事实',
  'not-used': '评分规则在本单位的情形下没有采用这项判定（得分已由其他事实决定，例如已报“完成”）',
};

/** The warning in Chinese, for the unit's result. */
export function describeFactWarning(w: FactWarning): string {
  if (w.reason === 'not-used') return `判定“${w.fact}”（${w.ref}）未计入得分：${reasonText[w.reason]}，请核对后撤回，或更正所依据的事实`;
  if (w.kind === 'conflict') return `事实“${w.fact}”（${w.ref}）未计入：${reasonText[w.reason]}，已采用“${w.readInstead}”，请核对后撤回或更正其中一条`;
  return `事实“${w.fact}”（${w.ref}）未被任何评分规则读取：${reasonText[w.reason]}，请核对`;
}
