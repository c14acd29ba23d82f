import * as P from '../points';
import type { Dec } from '../points';
import type { OccurrenceFact } from '../scheme/fact.types';
import type { AccumulateRule, ConditionRule, DiscretionaryRule, PerOccurrenceRule } from './rule.types';
import type { RuleContext, RuleOutcome } from './rule-context';
import {
  applyCapAndMinimum,
  applyEffect,
  empty,
  none,
  factsOf,
  judgementOf,
  line,
  markClamped,
  needsReview,
  pending,
  roundSteps,
  scoreWithin,
  tierAmount,
} from './rule-helpers';

type Priced = { fact: OccurrenceFact; unitAmount: Dec; count: number; doubled: boolean };

/** P01 P03 P04 P05 P13 P15 P26 P27 P36 P44; exempt occurrences (可以不扣分) are noted and left out. */
export function evalPerOccurrence(rule: PerOccurrenceRule, ctx: RuleContext): RuleOutcome {
  if (rule.periodCap) return evalByPeriod(rule, rule.periodCap, ctx);
  return evalExempting(rule, ctx);
}

/** 每月最多N分: the occurrences of each period are counted and capped on their own, then the rule's cap bounds the sum. */
function evalByPeriod(rule: PerOccurrenceRule, spec: NonNullable<PerOccurrenceRule['periodCap']>, ctx: RuleContext): RuleOutcome {
  const occs = factsOf(ctx.facts, 'occurrence');
  const undated = occs.filter((o) => periodKey(o.date, spec.period) === undefined);
  if (undated.length > 0) return needsReview('occurrence.no-period', { count: undated.length, period: spec.period === 'month' ? '月' : '季度' }, undated.map((o) => o.id));
  const keys = [...new Set(occs.map((o) => periodKey(o.date, spec.period)!))].sort();
  const { periodCap: _own, cap, minimum, ...perPeriod } = rule;
  const out = empty();
  for (const key of keys) {
    const inPeriod = ctx.facts.filter((fact) => fact.type !== 'occurrence' || periodKey(fact.date, spec.period) === key);
    const part = evalExempting({ ...perPeriod, cap: spec.amount } as PerOccurrenceRule, { ...ctx, facts: inPeriod });
    if (part.status !== 'scored' && (out.status === 'scored' || out.status === 'clamped')) out.status = part.status;
    out.deduction = P.add(out.deduction, part.deduction);
    out.bonus = P.add(out.bonus, part.bonus);
    // The period a capped group belongs to, named before its lines (the cap line itself does not say it).
    const capped = part.lines.some((entry) => entry.kind === 'cap');
    if (capped) out.lines.push(line('note', P.ZERO, [], 'occurrence.period-cap', { period: key, cap: spec.amount }));
    out.lines.push(...part.lines);
  }
  applyCapAndMinimum(out, rule.effect, cap, minimum);
  return out;
}

/** "2020-03-14" → "2020-03" (month) or "2020-Q1" (quarter); undefined without a readable date. */
function periodKey(date: string | undefined, period: 'month' | 'quarter'): string | undefined {
  if (date === undefined || date.length < 7 || date[4] !== '-') return undefined;
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (!/^\d{4}$/.test(year) || !(month >= 1 && month <= 12)) return undefined;
  return period === 'month' ? date.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

function evalExempting(rule: PerOccurrenceRule, ctx: RuleContext): RuleOutcome {
  if (!rule.exempt) return evalCounted(rule, ctx);
  const flag = rule.exempt.flag;
  const isExempt = (fact: RuleContext['facts'][number]): boolean => fact.type === 'occurrence' && (fact.flags ?? []).includes(flag);
  const exempted = factsOf(ctx.facts, 'occurrence').filter(isExempt);
  if (exempted.length === 0) return evalCounted(rule, ctx);
  const counted = evalCounted(rule, { ...ctx, facts: ctx.facts.filter((fact) => !isExempt(fact)) });
  let count = 0;
  for (const o of exempted) count += o.count ?? 1;
  const note = line('note', P.ZERO, exempted.map((o) => o.id), 'occurrence.exempt', { count, when: rule.exempt.when });
  // none() is shared and frozen: a fresh outcome carries the note when nothing else is counted.
  return { ...counted, lines: [note, ...counted.lines] };
}

function evalCounted(rule: PerOccurrenceRule, ctx: RuleContext): RuleOutcome {
  let occs = factsOf(ctx.facts, 'occurrence');
  if (rule.overLimit !== undefined) {
    const limit = rule.overLimit;
    occs = occs.filter((o) => o.duration !== undefined && o.duration > limit);
  }
  if (occs.length === 0) return none();
  const out = empty();
  // The common case (每起扣X, optionally capped): one amount, nothing to de-duplicate or block.
  const plain = !rule.tiers && !rule.double && !rule.dedupe && !rule.minRepeat && !rule.countDistinct && !rule.highestOnly && (rule.per === undefined || rule.per <= 1);
  if (plain && rule.amount !== undefined) {
    let count = 0;
    const ids: string[] = [];
    const notes: string[] = [];
    for (let i = 0; i < occs.length; i++) {
      const o = occs[i]!;
      count += o.count ?? 1;
      ids.push(o.id);
      if (o.date || o.note) notes.push([o.date, o.note].filter(Boolean).join(occs.length === 1 ? '，' : ' '));
    }
    const total = P.mulInt(rule.amount, count);
    applyEffect(out, rule.effect, total, ids, 'occurrence.each', { count, amount: rule.amount, total, tier: '', note: notes.join('；') });
    applyCapAndMinimum(out, rule.effect, rule.cap, rule.minimum);
    return out;
  }

  // Price every occurrence: tier amount, doubling.
  const priced: Priced[] = [];
  for (let i = 0; i < occs.length; i++) {
    const o = occs[i]!;
    let amount = rule.amount;
    if (rule.tiers) {
      const key = o[rule.tiers.by === 'type' ? 'kind' : rule.tiers.by];
      amount = tierAmount(rule.tiers, key);
      if (amount === undefined) {
        out.status = 'needs-review';
        out.lines.push(line('review', P.ZERO, [o.id], 'occurrence.unknown-tier', { by: rule.tiers.by, key: key ?? '（未填）' }));
        continue;
      }
    }
    if (amount === undefined) continue;
    const doubled = rule.double !== undefined && (o.flags ?? []).includes(rule.double.flag);
    if (doubled) amount = P.mulInt(amount, rule.double?.factor ?? 2);
    priced.push({ fact: o, unitAmount: amount, count: o.count ?? 1, doubled });
  }

  let counted = priced;
  // "两次以上": an event key counts once, and only when repeated at least minRepeat times.
  if (rule.minRepeat !== undefined) {
    const byKey = groupBy(priced, (p) => p.fact.eventKey ?? p.fact.id);
    counted = [];
    for (const [key, group] of byKey) {
      const n = group.reduce((a, p) => a + p.count, 0);
      const top = highest(group);
      if (n >= rule.minRepeat) counted.push({ ...top, count: 1 });
      else out.lines.push(line('note', P.ZERO, group.map((p) => p.fact.id), 'occurrence.below-repeat', { key, n, repeat: rule.minRepeat }));
    }
  }
  // 同一事项不重复扣分/加分: keep the highest amount per event key.
  if (rule.dedupe === 'event-key') {
    const byKey = groupBy(counted, (p) => p.fact.eventKey ?? p.fact.id);
    counted = [];
    for (const [key, group] of byKey) {
      const top = highest(group);
      counted.push({ ...top, count: 1 });
      if (group.length > 1 || group[0]!.count > 1) {
        out.lines.push(line('dedupe', P.ZERO, group.map((p) => p.fact.id), 'occurrence.dedupe', { key, n: group.length, amount: (top.unitAmount) }));
      }
    }
  }
  if (rule.countDistinct === 'subject') {
    const bySubject = groupBy(counted, (p) => p.fact.subject ?? p.fact.id);
    counted = [...bySubject.values()].map((g) => ({ ...highest(g), count: 1 }));
  }
  if (rule.highestOnly && counted.length > 0) {
    const top = highest(counted);
    if (counted.length > 1) out.lines.push(line('note', P.ZERO, counted.map((p) => p.fact.id), 'occurrence.highest-only', { n: counted.length }));
    counted = [{ ...top, count: 1 }];
  }

  if (rule.per !== undefined && rule.per > 1) {
    // P13: one amount per `per` occurrences (tiers are not combined with blocks).
    const n = counted.reduce((a, p) => a + p.count, 0);
    const amount = rule.amount ?? counted[0]?.unitAmount ?? P.ZERO;
    const blocks = roundSteps(P.fromInt(n), P.fromInt(rule.per), rule.perRounding ?? ctx.settings.stepRounding ?? 'floor');
    const total = P.mul(amount, blocks);
    applyEffect(out, rule.effect, total, counted.map((p) => p.fact.id), 'occurrence.per-block', { n, perN: rule.per, blocks: (blocks), amount: (amount), total: (total) });
  } else {
    // One line per tier and amount, naming every occurrence it counts (dates and notes listed).
    // Without tiers or doubling every occurrence has the same amount: one group, no keys built.
    const groups = !rule.tiers && !rule.double ? [counted] : groupByPrice(counted, rule);
    for (const group of groups) {
      if (group.length === 0) continue;
      const first = group[0]!;
      let count = 0;
      for (let i = 0; i < group.length; i++) count += group[i]!.count;
      const total = P.mulInt(first.unitAmount, count);
      const tier = rule.tiers ? (first.fact[rule.tiers.by === 'type' ? 'kind' : rule.tiers.by] ?? '') : '';
      const details = group.length === 1 ? [first.fact.date, first.fact.note].filter(Boolean).join('，') : group.some((p) => p.fact.date || p.fact.note) ? group.map((p) => [p.fact.date, p.fact.note].filter(Boolean).join(' ')).filter(Boolean).join('；') : '';
      applyEffect(out, rule.effect, total, group.length === 1 ? [first.fact.id] : group.map((p) => p.fact.id), first.doubled ? 'occurrence.each-doubled' : 'occurrence.each', {
        count,
        amount: first.unitAmount,
        total,
        tier,
        note: details,
      });
    }
  }
  applyCapAndMinimum(out, rule.effect, rule.cap, rule.minimum);
  return out;
}

/** P02: a fixed amount when the condition holds; graded by the fact's variant when tiers are given. */
export function evalCondition(rule: ConditionRule, ctx: RuleContext): RuleOutcome {
  const flags = factsOf(ctx.facts, 'flag').filter((f) => f.value);
  const occs = factsOf(ctx.facts, 'occurrence');
  if (flags.length === 0 && occs.length === 0) return none();
  const out = empty();
  const hit = flags[0] ?? occs[0]!;
  let amount = rule.amount;
  if (rule.tiers) {
    amount = tierAmount(rule.tiers, hit.variant);
    if (amount === undefined) return needsReview('condition.unknown-variant', { key: hit.variant ?? '（未填）' }, [hit.id]);
  }
  if (amount === undefined) return needsReview('condition.no-amount', {}, [hit.id]);
  applyEffect(out, rule.effect, amount, [hit.id], 'condition.hit', { amount: (amount), variant: hit.variant ?? '', note: hit.note ?? '' });
  applyCapAndMinimum(out, rule.effect, rule.cap, rule.minimum);
  return out;
}

/** P06: an amount the assessor chooses in [min, max]; a trigger without a judgement is pending. */
export function evalDiscretionary(rule: DiscretionaryRule, ctx: RuleContext): RuleOutcome {
  const hi = rule.max ?? ctx.points;
  const judgements = factsOf(ctx.facts, 'judgement');
  const triggers = [...factsOf(ctx.facts, 'occurrence'), ...factsOf(ctx.facts, 'flag').filter((f) => f.value)];
  if (judgements.length === 0) {
    if (triggers.length === 0 || rule.perOccurrence) {
      const withAmount = factsOf(ctx.facts, 'occurrence').filter((o) => o.amount !== undefined);
      if (rule.perOccurrence && withAmount.length > 0) return perOccurrenceJudged(rule, withAmount, hi);
      if (triggers.length === 0) return rule.effect === 'score' ? pending('discretionary.pending-score', { min: (rule.min), max: hi === undefined ? '' : (hi) }) : empty();
    }
    return pending('discretionary.pending', { min: (rule.min), max: hi === undefined ? '' : (hi) }, triggers.map((t) => t.id));
  }
  const out = empty();
  for (const j of judgements) {
    const chosen = P.clamp(j.amount, rule.min, hi);
    if (chosen !== j.amount) out.lines.push(line('note', P.ZERO, [j.id], 'discretionary.out-of-range', { amount: (j.amount), min: (rule.min), max: hi === undefined ? '' : (hi) }));
    applyEffect(out, rule.effect, chosen, [j.id], 'discretionary.judged', { amount: (chosen), min: (rule.min), max: hi === undefined ? '' : (hi), reason: j.reason, by: j.by ?? '' });
  }
  if (rule.effect !== 'score') applyCapAndMinimum(out, rule.effect, rule.cap);
  return rule.effect === 'score' ? scoreWithin(out, ctx.points) : out;
}

function perOccurrenceJudged(rule: DiscretionaryRule, occs: OccurrenceFact[], hi: Dec | undefined): RuleOutcome {
  const out = empty();
  for (const o of occs) {
    const chosen = P.clamp(o.amount!, rule.min, hi);
    applyEffect(out, rule.effect, chosen, [o.id], 'discretionary.judged', { amount: (chosen), min: (rule.min), max: hi === undefined ? '' : (hi), reason: o.note ?? '', by: '' });
  }
  if (rule.effect !== 'score') applyCapAndMinimum(out, rule.effect, rule.cap);
  return out;
}

/** P37 P39: points per occurrence type, summed (积分), optionally capped. */
export function evalAccumulate(rule: AccumulateRule, ctx: RuleContext): RuleOutcome {
  const out = empty();
  if (rule.effect === 'score') out.score = P.ZERO;
  for (const o of factsOf(ctx.facts, 'occurrence')) {
    const key = o.kind ?? o.level ?? '';
    const each = rule.items[key];
    if (each === undefined) {
      out.status = 'needs-review';
      out.lines.push(line('review', P.ZERO, [o.id], 'accumulate.unknown-item', { key }));
      continue;
    }
    const count = o.count ?? 1;
    const total = P.mulInt(each, count);
    applyEffect(out, rule.effect, total, [o.id], 'accumulate.item', { key, count, amount: (each), total: (total) });
  }
  if (rule.cap !== undefined) {
    if (rule.effect === 'bonus') applyCapAndMinimum(out, 'bonus', rule.cap);
    else if (out.score !== undefined && out.score > rule.cap) {
      out.lines.push(line('cap', P.sub(rule.cap, out.score), [], 'rule.cap', { cap: (rule.cap), total: (out.score), effect: 'score' }));
      out.score = rule.cap;
      markClamped(out);
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = m.get(k);
    if (g) g.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Groups by (amount, doubled, tier), in order of first appearance; no key strings built. */
function groupByPrice(items: readonly Priced[], rule: PerOccurrenceRule): Priced[][] {
  const by = rule.tiers ? (rule.tiers.by === 'type' ? 'kind' : rule.tiers.by) : undefined;
  const groups: Priced[][] = [];
  const tiers: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!;
    const tier = by === undefined ? '' : (p.fact[by] ?? '');
    let g = 0;
    while (g < groups.length) {
      const first = groups[g]![0]!;
      if (first.unitAmount === p.unitAmount && first.doubled === p.doubled && tiers[g] === tier) break;
      g++;
    }
    if (g === groups.length) {
      groups.push([p]);
      tiers.push(tier);
    } else groups[g]!.push(p);
  }
  return groups;
}

function highest(group: readonly Priced[]): Priced {
  let top = group[0]!;
  for (let i = 1; i < group.length; i++) if (group[i]!.unitAmount > top.unitAmount) top = group[i]!;
  return top;
}
