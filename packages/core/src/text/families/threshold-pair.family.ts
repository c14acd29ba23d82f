import * as P from '../../points';
import type { Rule } from '../../rules/rule.types';
import type { RuleParam } from '../compile.types';
import { phraseOf, condText, amountPhrase, metricFor, withReview, isTimeTok, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { findStep, findThresholds } from '../phrases';

/** 未达T扣a，每低s个百分点（再）扣b — a threshold segment followed by a step segment. */
export function buildThresholdPair(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const first = segs[i]!;
  const second = segs[i + 1];
  if (!second || first.amount.type !== 'fixed' || second.amount.type !== 'fixed' || first.amount.verb === 'get') return null;
  const all = findThresholds(ctx.original, ctx.toks, first.condFrom, first.condTo).filter((token) => !isTimeTok(token.tok));
  // "满意率达到 97%以上：满意率低于 97%扣 0.1 分" (000:552): the requirement restated as the trigger.
  const thresholds = all.length > 1 && all.every((entry) => entry.value === all[all.length - 1]!.value) ? [all[all.length - 1]!] : all;
  const step = findStep(ctx.toks, second.condFrom, second.condTo);
  if (thresholds.length !== 1 || !step || findStep(ctx.toks, first.condFrom, first.condTo)) return null;
  const tokenHere = thresholds[0]!;
  const again = second.amount.again || /再/.test(condText(ctx, second));
  const params: RuleParam[] = [
    ...all.filter((entry) => entry !== tokenHere).map((entry) => ({ name: 'requirement', value: P.toStr(entry.value), phrase: entry.phrase })),
    { name: 'threshold', value: P.toStr(tokenHere.value), phrase: tokenHere.phrase },
    { name: 'initial', value: P.toStr(first.amount.value), phrase: amountPhrase(ctx, first) },
    { name: 'step', value: P.toStr(step.step.q.value), phrase: phraseOf(ctx, step.at, step.next) },
    { name: 'perStep', value: P.toStr(second.amount.value), phrase: amountPhrase(ctx, second) },
  ];
  const rule: Rule = {
    kind: 'threshold-steps',
    effect: first.amount.verb === 'deduct' ? 'deduction' : 'bonus',
    metric: metricFor(condText(ctx, first), tokenHere.tok),
    threshold: tokenHere.value,
    direction: tokenHere.direction,
    ...(tokenHere.inclusive ? { missAtThreshold: true } : {}),
    initial: first.amount.value,
    step: step.step.q.value,
    perStep: second.amount.value,
  };
  const built: Built = { rule, segs: [first, second], params };
  return again ? built : withReview(built, '未写“再扣”：首档扣分与逐档扣分是否累加未写明（已按累加编译），需确认');
}
