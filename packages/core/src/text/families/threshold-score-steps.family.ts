import * as P from '../../points';
import { alt, findFirst, gap, lit, num, opt, seq, word } from '../grammar';
import { amountPhrase, metricFor, phraseOf, type Built, type Segment, type SentenceCtx } from '../build-rules';
import type { RuleParam } from '../compile.types';
import { findStep, findStepAgainst } from '../phrases';
import type { NumTok } from '../rule-tokens';
import { isFigure } from './named-threshold.family';
import { BASELINE_AVERAGE, firstOf } from '../vocabulary';

/**
 * A threshold on a measured value that earns the points, then a deduction per step below it
 * (corpus 07: "占比不低于X的，得N分；每低s，扣b"): threshold-steps with effect score, the item's
 * points being the N of 得N分.
 */
export function readThresholdScoreSteps(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const earn = segs[i]!;
  const steps = segs[i + 1];
  if (earn.amount.type !== 'fixed' || earn.amount.verb !== 'get' || !steps || steps.amount.type !== 'fixed' || steps.amount.verb !== 'deduct') return null;
  // A figure is written in digits, as a percentage or with its unit: the 一 of 一线 / 一类 is a word, never a threshold.
  const figure = (token: NumTok): boolean => token.q.range === undefined && token.q.unit !== '分' && isFigure(token);
  // 不低于[总数的]X / 达到X以上: the figure that earns the points (a few words may sit between).
  const meets = alt(
    seq(lit('不'), word('below'), opt(lit('于')), gap(6), num(figure)),
    seq(opt(lit('达到', '达')), num(figure), alt(word('above'), lit('及以上'))),
  );
  const found = findFirst(meets, ctx.toks.slice(0, earn.condTo), earn.condFrom);
  const step = findStep(ctx.toks, steps.condFrom, steps.condTo) ?? stepAgainst(ctx, steps);
  if (!step) return null;
  const cond = phraseOf(ctx, earn.condFrom, earn.condTo);
  const average = firstOf(cond, BASELINE_AVERAGE);
  const bound = step.direction === 'below' ? ['不低于', '高于'] : ['不大于', '不高于', '不超过', '低于'];
  if (!found && average && bound.some((word) => cond.includes(`${word}${average}`) || cond.includes(word))) {
    // "不低于平均的，得N分；每低s扣b" (corpus 07), "某值不大于平均值的，得N分；每超平均值s，扣b" (corpus 08):
    // the gap is measured against the average.
    return {
      rule: { kind: 'threshold-steps', effect: 'score', metric: { of: 'change', baseline: 'average' }, threshold: P.ZERO, direction: step.direction, step: step.step.q.value, perStep: steps.amount.value },
      segs: [earn, steps],
      params: [
        { name: 'baseline', value: 'average', phrase: average },
        { name: 'points', value: P.toStr(earn.amount.value), phrase: amountPhrase(ctx, earn) },
        { name: 'step', value: P.toStr(step.step.q.value), phrase: phraseOf(ctx, step.at, step.next) },
        { name: 'perStep', value: P.toStr(steps.amount.value), phrase: amountPhrase(ctx, steps) },
      ],
      policy: { points: earn.amount.value },
    };
  }
  if (!found || step.direction !== 'below') return null;
  const value = found.value as unknown as (NumTok | unknown)[];
  const threshold = value.find((verb): verb is NumTok => typeof verb === 'object' && verb !== null && (verb as NumTok).kind === 'num')!;
  const params: RuleParam[] = [
    { name: 'threshold', value: P.toStr(threshold.q.value), phrase: phraseOf(ctx, found.at, found.next) },
    { name: 'points', value: P.toStr(earn.amount.value), phrase: amountPhrase(ctx, earn) },
    { name: 'step', value: P.toStr(step.step.q.value), phrase: phraseOf(ctx, step.at, step.next) },
    { name: 'perStep', value: P.toStr(steps.amount.value), phrase: amountPhrase(ctx, steps) },
  ];
  return {
    rule: { kind: 'threshold-steps', effect: 'score', metric: metricFor(cond, threshold), threshold: threshold.q.value, direction: 'below', step: step.step.q.value, perStep: steps.amount.value },
    segs: [earn, steps],
    params,
    policy: { points: earn.amount.value },
  };
}

/** 每超平均某值s: a step above a named quantity (phrases.ts findStepAgainst). */
function stepAgainst(ctx: SentenceCtx, seg: Segment): { step: NumTok; direction: 'above' | 'below'; at: number; next: number } | null {
  return findStepAgainst(ctx.toks, seg.condFrom, seg.condTo);
}
