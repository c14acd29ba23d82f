import * as P from '../points';
import type { Dec } from '../points';
import type { ConversionRule } from './rule.types';
import type { RuleContext, RuleOutcome } from './rule-context';
import { applyEffect, empty, factsOf, judgementOf, pending, roundSteps, scoreWithin } from './rule-helpers';
import { bandOutcome } from './measure.rules';

/** P25a–k: converts a sub-assessment (专项考核) score into this clause's weight. */
export function evalConversion(rule: ConversionRule, ctx: RuleContext): RuleOutcome {
  const subs = factsOf(ctx.facts, 'sub-score');
  const m = rule.method;
  const base = rule.from ? (ctx.subAssessments.get(rule.from)?.base ?? P.HUNDRED) : P.HUNDRED;
  const out = empty();
  const one = subs.find((f) => f.channel === undefined && f.period === undefined) ?? subs[0];
  const finish = (amount: Dec, facts: string[], msg: string, params: Record<string, string | number>): RuleOutcome => {
    applyEffect(out, rule.effect, amount, facts, msg, params);
    return rule.effect === 'score' ? scoreWithin(out, ctx.points) : out;
  };
  switch (m.type) {
    case 'linear': {
      if (!one) return pending('conversion.no-score', { from: rule.from ?? '' });
      const b = m.base ?? base;
      const v = P.mulDiv(one.score, m.weight, b);
      return finish(v, [one.id], 'conversion.linear', { score: (one.score), base: (b), weight: (m.weight), result: (v) });
    }
    case 'bands': {
      if (!one) return pending('conversion.no-score', { from: rule.from ?? '' });
      return bandOutcome(m.bands, m.otherwise, rule.effect, one.score, [one.id], { score: (one.score) }, ctx);
    }
    case 'grade-steps': {
      if (!one) return pending('conversion.no-score', { from: rule.from ?? '' });
      if (one.score >= m.good) return finish(P.ZERO, [one.id], 'conversion.grade-ok', { score: (one.score), good: (m.good) });
      const gap = P.sub(m.good, one.score);
      const n = roundSteps(gap, m.width, m.stepRounding ?? 'ceil');
      const d = P.mul(m.perStep, n);
      return finish(d, [one.id], 'conversion.grade-steps', { score: (one.score), good: (m.good), gap: (gap), width: (m.width), steps: (n), perStep: (m.perStep), total: (d) });
    }
    case 'best-normalised': {
      if (!one) return pending('conversion.no-score', { from: rule.from ?? '' });
      const best = bestOf(ctx);
      if (best === undefined || best === 0) return pending('conversion.no-peers');
      const v = P.mulDiv(one.score, m.weight, best);
      return finish(v, [one.id], 'conversion.best', { score: (one.score), best: (best), weight: (m.weight), result: (v) });
    }
    case 'deduction-proportional': {
      if (!one) return pending('conversion.no-score', { from: rule.from ?? '' });
      const b = m.base ?? base;
      const lost = P.max(P.ZERO, P.sub(b, one.score));
      const d = P.mulDiv(lost, m.weight, b);
      return finish(d, [one.id], 'conversion.deduction-proportional', { score: (one.score), base: (b), weight: (m.weight), result: (d) });
    }
    case 'weighted': {
      const byChannel = new Map(subs.map((f) => [f.channel ?? '', f]));
      const missing = Object.keys(m.weights).filter((c) => !byChannel.has(c));
      if (missing.length) return pending('conversion.missing-channels', { channels: missing.join('、') });
      let total = P.ZERO;
      const parts: string[] = [];
      for (const [c, w] of Object.entries(m.weights)) {
        const f = byChannel.get(c)!;
        const part = P.mul(f.score, w);
        total = P.add(total, part);
        parts.push(`${c} ${P.toStr(f.score)}×${P.toStr(w)}=${P.toStr(part)}`);
      }
      return finish(total, subs.map((f) => f.id), 'conversion.weighted', { parts: parts.join('；'), result: (total) });
    }
    case 'rescale': {
      if (!one) return pending('conversion.no-score', { from: rule.from ?? '' });
      const to = m.base ?? P.HUNDRED;
      const scaled = P.mulDiv(one.score, to, m.rawBase);
      const v = m.weight !== undefined ? P.mulDiv(scaled, m.weight, to) : scaled;
      return finish(v, [one.id], 'conversion.rescale', { score: (one.score), rawBase: (m.rawBase), base: (to), scaled: (scaled), result: (v) });
    }
    case 'period-average': {
      const periods = subs.filter((f) => f.period !== undefined);
      if (periods.length === 0) return pending('conversion.no-periods');
      let total = P.ZERO;
      for (const f of periods) total = P.add(total, f.score);
      const divisor = m.divisor ?? periods.length;
      const mean = P.div(total, P.fromInt(divisor));
      const v = m.factor !== undefined ? P.mul(mean, m.factor) : mean;
      return finish(v, periods.map((f) => f.id), 'conversion.period-average', { n: periods.length, sum: (total), divisor, mean: (mean), factor: m.factor ? (m.factor) : '1', result: (v) });
    }
    case 'deduction-range': {
      const j = judgementOf(ctx.facts);
      if (!j) return one ? pending('discretionary.pending', { min: (m.min), max: (m.max) }, [one.id]) : empty();
      const v = P.clamp(j.amount, m.min, m.max);
      return finish(v, [j.id], 'discretionary.judged', { amount: (v), min: (m.min), max: (m.max), reason: j.reason, by: j.by ?? '' });
    }
  }
}

function bestOf(ctx: RuleContext): Dec | undefined {
  if (!ctx.peers) return undefined;
  let best: Dec | undefined;
  for (const v of ctx.peers.values.values()) if (best === undefined || v > best) best = v;
  return best;
}
