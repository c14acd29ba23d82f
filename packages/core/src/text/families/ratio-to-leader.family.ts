import * as P from '../../points';
import type { RuleParam } from '../compile.types';
import { amountPhrase, phraseOf, tokPhrase, type Built, type Failed, type Segment, type SentenceCtx } from '../build-rules';
import type { NumTok } from '../rule-tokens';
import { LEADER_RATIO_WORDS, RANK_COUNTERS, firstOf } from '../vocabulary';

/**
 * "第1名得N分，第2-k名按第1名的比例得分" (corpus 07): the leader gets the points, every other unit its
 * value's ratio to the leader's times the points — relative-to-best, x / best · N. The words after the
 * amount (the others and their ratio) are this family's: it claims the tail of the sentence.
 * Only when the others start right after the leader (第2名…); any other amount after it goes to review.
 */
export function readRatioToLeader(ctx: SentenceCtx, segs: Segment[], i: number): Built | Failed | null {
  const seg = segs[i]!;
  if (seg.amount.type !== 'fixed' || seg.amount.verb !== 'get') return null;
  const tailFrom = seg.amount.next;
  const tail = phraseOf(ctx, tailFrom, ctx.toks.length);
  const ratioWords = firstOf(tail, LEADER_RATIO_WORDS);
  if (!ratioWords) return null;
  const ranks = ctx.toks.slice(seg.condFrom, seg.condTo).filter((token): token is NumTok => token.kind === 'num' && token.q.unit !== undefined && RANK_COUNTERS.includes(token.q.unit));
  const leader = ranks[ranks.length - 1];
  if (!leader || leader.q.range || leader.q.value !== P.fromInt(1)) return null;
  if (i !== segs.length - 1) return { segs: segs.slice(i), reason: `“${ratioWords}”之后还有分值，第1名以外的单位如何计分未写明，需人工确认` };
  // The others named before the ratio words (第2-5名 / 其余), never the 第1名 inside them.
  const ratioAt = ctx.original.indexOf(ratioWords, ctx.toks[tailFrom]!.start);
  const others = ctx.toks.slice(tailFrom).filter((token) => token.end <= ratioAt).find((token): token is NumTok => token.kind === 'num' && token.q.unit !== undefined && RANK_COUNTERS.includes(token.q.unit));
  if (others && (others.q.range ? others.q.range.min : others.q.value) !== P.fromInt(2)) {
    return { segs: [seg], reason: `“${tokPhrase(ctx, others)}”与第1名之间的名次如何计分未写明，需人工确认` };
  }
  let othersFrom = tailFrom;
  while (ctx.toks[othersFrom]?.kind === 'punct') othersFrom++;
  const params: RuleParam[] = [
    { name: 'weight', value: P.toStr(seg.amount.value), phrase: `${tokPhrase(ctx, leader)}…${amountPhrase(ctx, seg)}` },
    { name: 'others', value: 'x / best', phrase: phraseOf(ctx, othersFrom, ctx.toks.length) },
  ];
  if (others?.q.range) ctx.warnings.push(`“${tokPhrase(ctx, others)}”按第1名以外的全部被考核单位理解（被考核单位多于${P.toStr(others.q.range.max)}个时请核对）`);
  return { rule: { kind: 'relative-to-best', effect: 'score', metric: { of: 'value' }, weight: seg.amount.value }, segs: [seg], params, claimsTail: true };
}
