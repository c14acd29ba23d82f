import * as P from '../../points';
import { amountPhrase, phraseOf, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { OTHERWISE_WORDS, PROPORTION_VERBS, containsAny, firstOf } from '../vocabulary';

/**
 * "全部渡口完成安全改造，得3分，未完成按渡口改造完成比例扣分" (made up after corpus 02 (4.10)): the points when all is done,
 * otherwise the share done of them — proportional, S = N·min(1, done/target), the target being the unit's
 * (all of its 水库). The words after the amount are this family's (it claims the tail); a figure there, a
 * modifier after the amount or another amount after it leaves the sentence to the others (and to review).
 */
export function readFullOrProportional(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const seg = segs[i]!;
  if (seg.amount.type !== 'fixed' || seg.amount.verb !== 'get' || i !== segs.length - 1 || seg.mods.length > 0) return null;
  const tailFrom = seg.amount.next;
  const tailToks = ctx.toks.slice(tailFrom);
  if (tailToks.some((token) => token.kind === 'num')) return null;
  const tail = phraseOf(ctx, tailFrom, ctx.toks.length);
  const otherwise = firstOf(tail, OTHERWISE_WORDS);
  if (!otherwise || !tailToks.some((token) => token.raw === '比例') || !containsAny(tail, PROPORTION_VERBS)) return null;
  // The otherwise opens the tail: "，未完成按…比例扣分", never words about something else before it.
  if (tail.replace(/^[，,；;\s]+/u, '').indexOf(otherwise) !== 0) return null;
  let from = tailFrom;
  while (ctx.toks[from]?.kind === 'punct') from++;
  return {
    rule: { kind: 'proportional', effect: 'score', points: seg.amount.value },
    segs: [seg],
    params: [
      { name: 'points', value: P.toStr(seg.amount.value), phrase: amountPhrase(ctx, seg) },
      { name: 'otherwise', value: 'proportional', phrase: phraseOf(ctx, from, ctx.toks.length) },
    ],
    claimsTail: true,
  };
}
