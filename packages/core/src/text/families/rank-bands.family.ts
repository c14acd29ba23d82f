import * as P from '../../points';
import { LEADER_RATIO_WORDS, RANKING_WORDS, REST_WORDS, REVERSE_RANK_WORDS, containsAny } from '../vocabulary';
import type { Dec } from '../../points';
import type { RuleParam } from '../compile.types';
import { phraseOf, condText, amountPhrase, tokPhrase, scoreEffectOf, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { lit, findFirst, num, seq } from '../grammar';
import { type Verb } from '../phrases';
import type { NumTok } from '../rule-tokens';

/** 1-5名得30分，6-10名得20分，其余得10分 (P21); 排名后N名/后20%扣X (P23). */
export function buildRanking(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const rankTok = (seg: Segment): NumTok | undefined => {
    const last = ctx.toks.slice(seg.condFrom, seg.condTo).filter((token): token is NumTok => token.kind === 'num').pop();
    return last && (last.q.unit === '名' || last.q.unit === '位') ? last : undefined;
  };
  const first = segs[i]!;
  const sentenceText = phraseOf(ctx, 0, ctx.toks.length);
  const isRanking = containsAny(sentenceText, RANKING_WORDS);
  // 第1名得6分，其余按第1名的比例得分: one rule over all ranks (ratio-to-leader.family.ts), not a band.
  if (!isRanking || containsAny(sentenceText, LEADER_RATIO_WORDS)) return null;
  // 倒数第N名: places counted from the bottom are reverse-rank.family.ts's, never a band from the top.
  if (containsAny(sentenceText, REVERSE_RANK_WORDS)) return null;
  // Bottom k / bottom p%.
  const back = findFirst(seq(lit('后'), num((token) => token.q.unit === '名' || token.q.unit === '位' || token.q.percent === 'percent')), ctx.toks.slice(0, first.condTo), first.condFrom);
  if (back && first.amount.type === 'fixed') {
    const tokenHere = back.value[1];
    const params: RuleParam[] = [{ name: 'amount', value: P.toStr(first.amount.value), phrase: amountPhrase(ctx, first) }];
    const phrase = phraseOf(ctx, back.at, back.next);
    if (tokenHere.q.percent) {
      params.push({ name: 'percent', value: P.toStr(tokenHere.q.value), phrase });
      return {
        rule: { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', percent: tokenHere.q.value, amount: first.amount.value },
        segs: [first],
        params,
        review: `“${phrase}”的单位数不是整数时如何取整未写明，需确认`,
      };
    }
    params.push({ name: 'k', value: P.toStr(tokenHere.q.value), phrase });
    return { rule: { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: Number(tokenHere.q.value) / P.SCALE, amount: first.amount.value }, segs: [first], params };
  }
  const bands: { from: number; to?: number; amount: Dec }[] = [];
  const params: RuleParam[] = [];
  let otherwise: Dec | undefined;
  let j = i;
  let verb: Verb = 'get';
  for (; j < segs.length; j++) {
    const seg = segs[j]!;
    if (seg.amount.type !== 'fixed') break;
    const cond = condText(ctx, seg);
    const currentToken = rankTok(seg);
    if (currentToken) {
      const from = Number(currentToken.q.range ? currentToken.q.range.min : currentToken.q.value) / P.SCALE;
      const to = Number(currentToken.q.range ? currentToken.q.range.max : currentToken.q.value) / P.SCALE;
      bands.push({ from, to, amount: seg.amount.value });
      verb = seg.amount.verb;
      params.push({ name: `rank[${from}-${to}]`, value: P.toStr(seg.amount.value), phrase: `${tokPhrase(ctx, currentToken)}${amountPhrase(ctx, seg)}` });
    } else if (containsAny(cond, REST_WORDS) && bands.length > 0) {
      otherwise = seg.amount.value;
      params.push({ name: 'otherwise', value: P.toStr(otherwise), phrase: `${cond}${amountPhrase(ctx, seg)}` });
      j++;
      break;
    } else break;
  }
  if (bands.length === 0) return null;
  return {
    rule: { kind: 'rank-bands', effect: scoreEffectOf(verb), metric: { of: 'value' }, order: 'desc', bands, ...(otherwise !== undefined ? { otherwise } : {}) },
    segs: segs.slice(i, j),
    params,
  };
}
