import * as P from '../points';
import type { Dec, StepRounding } from '../points';
import type { Fact, JudgementFact } from '../scheme/fact.types';
import type { Effect, Metric, Tiers } from './rule.types';
import type { RuleContext, RuleLine, RuleOutcome } from './rule-context';


export function empty(): RuleOutcome {
  return { status: 'scored', deduction: P.ZERO, bonus: P.ZERO, lines: [] };
}

const NOTHING: RuleOutcome = Object.freeze({ status: 'scored', deduction: P.ZERO, bonus: P.ZERO, lines: Object.freeze([]) as unknown as RuleLine[] }) as RuleOutcome;

/** The shared outcome of a rule with nothing to count (no facts): never mutated. */
export function none(): RuleOutcome {
  return NOTHING;
}

const NO_PATH: readonly string[] = Object.freeze([]);

export function line(
  kind: RuleLine['kind'],
  amount: Dec,
  facts: readonly string[],
  msg: string,
  params: Record<string, string | number> = {},
): RuleLine {
  return { path: NO_PATH, ref: '', kind, amount, facts, msg, params, cite: undefined };
}

/** Outcome that adds `amount` in the direction of `effect` with one explaining line. */
export function effectOutcome(
  effect: Effect,
  amount: Dec,
  facts: readonly string[],
  msg: string,
  params: Record<string, string | number>,
): RuleOutcome {
  const out = empty();
  applyEffect(out, effect, amount, facts, msg, params);
  return out;
}

export function applyEffect(
  out: RuleOutcome,
  effect: Effect,
  amount: Dec,
  facts: readonly string[],
  msg: string,
  params: Record<string, string | number>,
): void {
  if (effect === 'score') {
    out.score = P.add(out.score ?? P.ZERO, amount);
    out.lines.push(line('score', amount, facts, msg, params));
  } else if (effect === 'deduction') {
    out.deduction = P.add(out.deduction, amount);
    if (amount !== 0) out.lines.push(line('deduction', P.neg(amount), facts, msg, params));
  } else {
    out.bonus = P.add(out.bonus, amount);
    if (amount !== 0) out.lines.push(line('bonus', amount, facts, msg, params));
  }
}

/** P07 cap and P40 minimum on a deduction or bonus total; adds the explaining line. */
/**
 * A cap or ceiling marks the outcome clamped, but never over a worse status: a clause with an
 * occurrence to review (or a judgement pending) stays so when the rest of it hits the cap.
 */
export function markClamped(out: RuleOutcome): void {
  if (out.status === 'scored') out.status = 'clamped';
}

export function applyCapAndMinimum(out: RuleOutcome, effect: 'deduction' | 'bonus', cap?: Dec, minimum?: Dec): void {
  const total = effect === 'deduction' ? out.deduction : out.bonus;
  if (minimum !== undefined && total > 0 && total < minimum) {
    const extra = P.sub(minimum, total);
    if (effect === 'deduction') out.deduction = minimum;
    else out.bonus = minimum;
    out.lines.push(line('minimum', effect === 'deduction' ? P.neg(extra) : extra, [], 'rule.minimum', { minimum: (minimum), total: (total) }));
  }
  const now = effect === 'deduction' ? out.deduction : out.bonus;
  if (cap !== undefined && now > cap) {
    const cut = P.sub(now, cap);
    if (effect === 'deduction') out.deduction = cap;
    else out.bonus = cap;
    markClamped(out);
    out.lines.push(line('cap', effect === 'deduction' ? cut : P.neg(cut), [], 'rule.cap', { cap: (cap), total: (now), effect }));
  }
}

export function tierAmount(tiers: Tiers, key: string | undefined): Dec | undefined {
  if (key !== undefined && tiers.amounts[key] !== undefined) return tiers.amounts[key];
  return tiers.otherwise;
}

export function roundSteps(gap: Dec, step: Dec, mode: StepRounding): Dec {
  if (mode === 'exact') return P.div(gap, step);
  return P.fromInt(P.steps(gap, step, mode === 'floor' ? 'floor' : 'ceil'));
}

export function factsOf<T extends Fact['type']>(facts: readonly Fact[], type: T): Extract<Fact, { type: T }>[] {
  const out: Extract<Fact, { type: T }>[] = [];
  for (let i = 0; i < facts.length; i++) if (facts[i]!.type === type) out.push(facts[i] as Extract<Fact, { type: T }>);
  return out;
}

/** The first fact of a type (what `factsOf(facts, type)[0]` gives, without building the list). */
export function firstOf<T extends Fact['type']>(facts: readonly Fact[], type: T): Extract<Fact, { type: T }> | undefined {
  for (let i = 0; i < facts.length; i++) if (facts[i]!.type === type) return facts[i] as Extract<Fact, { type: T }>;
  return undefined;
}

export function judgementOf(facts: readonly Fact[]): JudgementFact | undefined {
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    if (f.type === 'judgement') return f;
  }
  return undefined;
}

export type MetricReading = { value: Dec; facts: readonly string[]; detail: Record<string, string | number> } | undefined;

/** Reads the measured quantity a rule is defined on. Undefined when no fact supplies it. */
export function readMetric(metric: Metric, facts: readonly Fact[]): MetricReading {
  switch (metric.of) {
    case 'value': {
      const f = firstOf(facts, 'value');
      return f ? { value: f.value, facts: [f.id], detail: { value: (f.value) } } : undefined;
    }
    case 'change': {
      const f = firstOf(facts, 'value');
      if (!f || f.baseline === undefined) return undefined;
      const v = P.sub(f.value, f.baseline);
      return { value: v, facts: [f.id], detail: { value: (f.value), baseline: (f.baseline), change: (v) } };
    }
    case 'rate': {
      const f = firstOf(facts, 'rate');
      if (!f) return undefined;
      if (f.denominator === 0) return { value: P.ZERO, facts: [f.id], detail: { numerator: (f.numerator), denominator: '0' } };
      const scale = metric.percent === false ? P.ONE : P.HUNDRED;
      const v = P.mulDiv(f.numerator, scale, f.denominator);
      return { value: v, facts: [f.id], detail: { numerator: (f.numerator), denominator: (f.denominator), rate: (v) } };
    }
    case 'sub-score': {
      const f = firstOf(facts, 'sub-score');
      return f ? { value: f.score, facts: [f.id], detail: { score: (f.score) } } : undefined;
    }
    case 'count': {
      const f = firstOf(facts, 'count');
      return f ? { value: P.fromInt(f.done), facts: [f.id], detail: { count: f.done } } : undefined;
    }
    case 'rank': {
      const f = firstOf(facts, 'rank');
      return f ? { value: P.fromInt(f.rank), facts: [f.id], detail: { rank: f.rank } } : undefined;
    }
  }
}

/** The target a rule compares against: the unit's target (or its named figure, 粮食播种面积 of a
 *  multi-figure target), replaced by a higher published value (P35). */
export function targetValue(ctx: RuleContext, figure?: string): { value: Dec; facts: string[]; overridden: boolean } | undefined {
  const base = figure !== undefined ? ctx.target?.values?.[figure] : ctx.target?.value;
  const override = firstOf(ctx.facts, 'target-override');
  if (override && (base === undefined || (ctx.target?.overrideWhenHigher !== false && override.value > base))) {
    return { value: override.value, facts: [override.id], overridden: true };
  }
  return base === undefined ? undefined : { value: base, facts: [], overridden: false };
}

export function pending(msg: string, params: Record<string, string | number> = {}, facts: readonly string[] = []): RuleOutcome {
  const out = empty();
  out.status = 'needs-judgement';
  out.lines.push(line('pending', P.ZERO, facts, msg, params));
  return out;
}

export function needsReview(msg: string, params: Record<string, string | number> = {}, facts: readonly string[] = []): RuleOutcome {
  const out = empty();
  out.status = 'needs-review';
  out.lines.push(line('review', P.ZERO, facts, msg, params));
  return out;
}

/** Positive-allocation outcome bounded by [0, points]. */
export function scoreWithin(out: RuleOutcome, points: Dec | undefined): RuleOutcome {
  if (out.score === undefined) return out;
  if (out.score < 0) {
    out.lines.push(line('floor', P.neg(out.score), [], 'rule.floor', { score: (out.score) }));
    out.score = P.ZERO;
  }
  if (points !== undefined && out.score > points) {
    out.lines.push(line('ceiling', P.sub(points, out.score), [], 'rule.ceiling', { score: (out.score), points: (points) }));
    out.score = points;
    markClamped(out);
  }
  return out;
}
