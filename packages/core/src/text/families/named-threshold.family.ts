import * as P from '../../points';
import { findFirst, lit, opt, seq, word } from '../grammar';
import { amountPhrase, phraseOf, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { findStep } from '../phrases';
import type { NumTok } from '../rule-tokens';
import { BASELINE_AVERAGE, RATE_WORDS, containsAny } from '../vocabulary';

/**
 * A threshold that is another quantity of the unit, named instead of given as a figure (corpus 08 (3.9) (3.10):
 * "…占比，不低于科室总数中窗口科室的占比的，得3分；每低1%，扣0.2分", made up): threshold-steps with effect score
 * whose threshold is the unit's target (`threshold: 'target'`) — the named quantity, entered per unit — and a step
 * below it in percentage points. Only for a rate measured against a rate (占比 against 占比, the step in %); a
 * figure or an average is the other families' (threshold-score-steps).
 */
export function readNamedThreshold(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const earn = segs[i]!;
  const steps = segs[i + 1];
  if (earn.amount.type !== 'fixed' || earn.amount.verb !== 'get' || !steps || steps.amount.type !== 'fixed' || steps.amount.verb !== 'deduct') return null;
  const meets = findFirst(seq(lit('不'), word('below'), opt(lit('于'))), ctx.toks.slice(0, earn.condTo), earn.condFrom);
  if (!meets) return null;
  const named = ctx.toks.slice(meets.next, earn.condTo);
  // The named quantity: words only (no figure), ending at the comma before 得N分.
  if (named.some((token) => token.kind === 'num' && isFigure(token))) return null;
  const quantity = phraseOf(ctx, meets.next, earn.condTo).replace(/[，,、；;\s]+$/u, '').replace(/的$/u, '');
  if (quantity.length < 4 || !containsAny(quantity, RATE_WORDS) || containsAny(quantity, BASELINE_AVERAGE)) return null;
  const measured = phraseOf(ctx, earn.condFrom, meets.at);
  if (!containsAny(measured, RATE_WORDS)) return null;
  const step = findStep(ctx.toks, steps.condFrom, steps.condTo);
  if (!step || step.direction !== 'below' || step.step.q.percent === undefined) return null;
  return {
    rule: { kind: 'threshold-steps', effect: 'score', metric: { of: 'rate', percent: true }, threshold: 'target', direction: 'below', step: step.step.q.value, perStep: steps.amount.value },
    segs: [earn, steps],
    params: [
      { name: 'threshold', value: 'target', phrase: phraseOf(ctx, meets.at, earn.condTo) },
      { name: 'points', value: P.toStr(earn.amount.value), phrase: amountPhrase(ctx, earn) },
      { name: 'step', value: P.toStr(step.step.q.value), phrase: phraseOf(ctx, step.at, step.next) },
      { name: 'perStep', value: P.toStr(steps.amount.value), phrase: amountPhrase(ctx, steps) },
    ],
    policy: { points: earn.amount.value },
  };
}

/** A number written as a figure — digits, a percentage or a unit — not a numeral inside a word (一线, 一类, 三服务). */
export const isFigure = (token: NumTok): boolean => token.q.percent !== undefined || token.q.unit !== undefined || /[0-9０-９]/u.test(token.raw);
