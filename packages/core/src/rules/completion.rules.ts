import * as P from '../points';
import type { Dec } from '../points';
import type { Fact } from '../scheme/fact.types';
import type { AnyOfRule, AverageRule, CompletionRule, ManualRule, PartialCreditRule, ZeroRule } from './rule.types';
import type { RuleContext, RuleOutcome } from './rule-context';
import { applyEffect, empty, none, factsOf, firstOf, judgementOf, line, pending, scoreWithin } from './rule-helpers';

/** P17: full points when complete; 0 when not; a judged partial score when allowed. */
export function evalCompletion(rule: CompletionRule, ctx: RuleContext): RuleOutcome {
  const pts = rule.points ?? ctx.points;
  if (pts === undefined) return pending('completion.no-points');
  const j = judgementOf(ctx.facts);
  const f = firstOf(ctx.facts, 'flag');
  const out = empty();
  if (f?.value) {
    applyEffect(out, 'score', pts, [f.id], 'completion.done', { points: (pts) });
    return out;
  }
  if (j && (rule.allowPartial || !f)) {
    const v = P.clamp(j.amount, P.ZERO, pts);
    applyEffect(out, 'score', v, [j.id], 'completion.judged', { amount: (v), points: (pts), reason: j.reason, by: j.by ?? '' });
    return out;
  }
  if (f && !f.value) {
    // The points are shown as earned and then lost, so the ledger still adds up to the score.
    applyEffect(out, 'score', pts, [f.id], 'threshold.full', { points: (pts) });
    out.score = P.ZERO;
    out.lines.push(line('deduction', P.neg(pts), [f.id], 'completion.not-done', { points: (pts), note: f.note ?? '' }));
    return out;
  }
  return pending('completion.pending', { points: (pts) });
}

/** P18: complete → M; incomplete → min(C, M·progress) or C·progress. */
export function evalPartialCredit(rule: PartialCreditRule, ctx: RuleContext): RuleOutcome {
  const pts = rule.points ?? ctx.points;
  if (pts === undefined) return pending('completion.no-points');
  const f = firstOf(ctx.facts, 'flag');
  if (!f) return pending('completion.pending', { points: (pts) });
  const out = empty();
  if (f.value) {
    applyEffect(out, 'score', pts, [f.id], 'completion.done', { points: (pts) });
    return out;
  }
  if (f.progress === undefined) return pending('partial.no-progress', { ceiling: (rule.incompleteCeiling) }, [f.id]);
  const progress = P.clamp(f.progress, P.ZERO, P.ONE);
  const scaled = rule.mode === 'capped' ? P.min(rule.incompleteCeiling, P.mul(pts, progress)) : P.mul(rule.incompleteCeiling, progress);
  applyEffect(out, 'score', scaled, [f.id], rule.mode === 'capped' ? 'partial.capped' : 'partial.scaled', {
    points: (pts),
    progress: (P.mul(progress, P.HUNDRED)),
    ceiling: (rule.incompleteCeiling),
    score: (scaled),
  });
  return out;
}

/** P19: any one achieved option gives full marks. */
export function evalAnyOf(rule: AnyOfRule, ctx: RuleContext): RuleOutcome {
  const pts = rule.points ?? ctx.points;
  if (pts === undefined) return pending('completion.no-points');
  const flags = factsOf(ctx.facts, 'flag');
  if (rule.optionPoints) return evalGradedOptions(rule, rule.optionPoints, pts, flags);
  // A completed flag naming an option that is not listed (a typo, another wording) says neither hit nor miss.
  if (flags.some((f) => f.value && f.option !== undefined && !rule.options.includes(f.option))) return pending('anyof.pending', { options: rule.options.join('；') });
  const hit = flags.find((f) => f.value);
  const out = empty();
  if (hit) {
    applyEffect(out, 'score', pts, [hit.id], 'anyof.hit', { option: hit.option ?? '', points: (pts) });
    return out;
  }
  if (flags.length > 0) {
    applyEffect(out, 'score', pts, [], 'threshold.full', { points: (pts) });
    out.score = P.ZERO;
    out.lines.push(line('deduction', P.neg(pts), flags.map((f) => f.id), 'anyof.none', { options: rule.options.join('；'), points: (pts) }));
    return out;
  }
  return pending('anyof.pending', { options: rule.options.join('；') });
}

/**
 * Graded options: the highest option achieved scores its own points (never above the clause's).
 * The option is named by the flag's `option`, or its `variant` (the facts template's 情形 column). A flag
 * that does not name one of the options cannot say which grade it is: pending.
 */
function evalGradedOptions(rule: AnyOfRule, optionPoints: Dec[], pts: Dec, flags: Extract<Fact, { type: 'flag' }>[]): RuleOutcome {
  const nameOf = (f: Extract<Fact, { type: 'flag' }>): string | undefined => f.option ?? f.variant;
  const named = (f: Extract<Fact, { type: 'flag' }>): boolean => nameOf(f) !== undefined && rule.options.includes(nameOf(f)!);
  if (flags.some((f) => f.value && !named(f))) return pending('anyof.pending', { options: rule.options.join('；') });
  const out = empty();
  let best: { id: string; option: string; amount: Dec } | undefined;
  for (const f of flags) {
    if (!f.value) continue;
    const option = nameOf(f)!;
    const amount = P.min(optionPoints[rule.options.indexOf(option)] ?? P.ZERO, pts);
    if (!best || P.cmp(amount, best.amount) > 0) best = { id: f.id, option, amount };
  }
  if (best) {
    applyEffect(out, 'score', best.amount, [best.id], 'anyof.graded-hit', { option: best.option, amount: best.amount, points: pts });
    return out;
  }
  if (flags.length > 0) {
    applyEffect(out, 'score', pts, [], 'threshold.full', { points: pts });
    out.score = P.ZERO;
    out.lines.push(line('deduction', P.neg(pts), flags.map((f) => f.id), 'anyof.none', { options: rule.options.join('；'), points: pts }));
    return out;
  }
  return pending('anyof.pending', { options: rule.options.join('；') });
}

/** Manual/judgement clause: the assessor enters the score or amount. */
export function evalManual(rule: ManualRule, ctx: RuleContext): RuleOutcome {
  const j = judgementOf(ctx.facts);
  const hi = rule.max ?? ctx.points;
  if (!j) {
    if (rule.effect === 'score') return pending('manual.pending', { max: hi === undefined ? '' : (hi), reason: rule.reason ?? '' });
    return none();
  }
  const v = P.clamp(j.amount, P.ZERO, hi);
  const out = empty();
  if (v !== j.amount) out.lines.push(line('note', P.ZERO, [j.id], 'discretionary.out-of-range', { amount: (j.amount), min: '0', max: hi === undefined ? '' : (hi) }));
  applyEffect(out, rule.effect, v, [j.id], 'manual.judged', { amount: (v), reason: j.reason, by: j.by ?? '' });
  return rule.effect === 'score' ? scoreWithin(out, ctx.points) : out;
}

/** P29: a true flag or an occurrence zeroes the indicator, its parent or the unit. */
export function evalZero(rule: ZeroRule, ctx: RuleContext): RuleOutcome {
  const hit = factsOf(ctx.facts, 'flag').find((f) => f.value) ?? firstOf(ctx.facts, 'occurrence');
  if (!hit) return none();
  return { ...empty(), zero: rule.scope, lines: [line('zero', P.ZERO, [hit.id], 'zero.hit', { scope: rule.scope, note: hit.note ?? '' })] };
}

/** P38: average of several sub-indicator scores (sub-score facts, one per channel). */
export function evalAverage(rule: AverageRule, ctx: RuleContext): RuleOutcome {
  const subs = factsOf(ctx.facts, 'sub-score');
  if (subs.length === 0) return pending('metric.missing', { metric: 'sub-score' });
  let total = P.ZERO;
  for (const f of subs) total = P.add(total, f.score);
  const avg = P.div(total, P.fromInt(subs.length));
  const out = empty();
  applyEffect(out, 'score', avg, subs.map((f) => f.id), 'average.score', { n: subs.length, sum: (total), average: (avg), parts: subs.map((f) => `${f.channel ?? f.id}:${P.toStr(f.score)}`).join('，') });
  return scoreWithin(out, rule.points ?? ctx.points);
}
