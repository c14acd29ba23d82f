import * as P from '../../points';
import type { Dec } from '../../points';
import type { RuleParam } from '../compile.types';
import { amountPhrase, condText, tokPhrase, type Built, type Failed, type Segment, type SentenceCtx } from '../build-rules';
import type { NumTok } from '../rule-tokens';
import { RANK_COUNTERS, RANK_UP_WORDS, REVERSE_RANK_WORDS, firstOf } from '../vocabulary';

const rankToks = (ctx: SentenceCtx, seg: Segment): NumTok[] =>
  ctx.toks.slice(seg.condFrom, seg.condTo).filter((token): token is NumTok => token.kind === 'num' && token.q.unit !== undefined && RANK_COUNTERS.includes(token.q.unit) && token.q.range === undefined);
const spanText = (ctx: SentenceCtx, from: NumTok, to: NumTok): string => ctx.original.slice(from.start, to.end);
const whole = (value: Dec): number => Number(value) / P.SCALE;

/**
 * "倒数第1名…第n名的分别计a分、b分、c分，倒数第n+1名及以上的，每进1名扣s分" (corpus 08 (3.1)):
 * places counted from the bottom of an external ranking, each listed place its score, every place
 * above them one step less: external-rank `fromBottom`. Read only when the listed places are 1…n in
 * order with n amounts and the next amount starts at the (n+1)-th place from the bottom with a step
 * of one place; anything else goes to review with the reason.
 */
export function readReverseRank(ctx: SentenceCtx, segs: Segment[], i: number): Built | Failed | null {
  const seg = segs[i]!;
  const cond = condText(ctx, seg);
  const reverse = firstOf(cond, REVERSE_RANK_WORDS);
  if (!reverse) return null;
  if (seg.amount.type !== 'tiers' || seg.amount.verb === 'deduct') {
    return { segs: [seg], reason: `按“${reverse}”名次计分（名次从末位数起），但不是“倒数第1名、第2名…分别计a、b…分”的写法，需人工确认` };
  }
  const values = seg.amount.values.map((token) => token.q.value);
  const places = rankToks(ctx, seg);
  if (places.length !== values.length || places.some((token, k) => whole(token.q.value) !== k + 1)) {
    return { segs: [seg], reason: `“${reverse}”所列名次（${places.map((token) => tokPhrase(ctx, token)).join('、') || '无'}）与分值个数（${values.length}）不对应，需人工确认` };
  }
  const next = segs[i + 1];
  const listed = `${spanText(ctx, places[0]!, places[places.length - 1]!)}…${amountPhrase(ctx, seg)}`;
  if (!next) return { segs: [seg], reason: `按“${reverse}”名次计分：只写了倒数第1至${values.length}名的分值，其余名次如何计分未写明，需人工确认` };
  const nextCond = condText(ctx, next);
  const nextRanks = rankToks(ctx, next);
  const up = firstOf(nextCond, RANK_UP_WORDS);
  const start = nextRanks[0];
  const step = nextRanks[1];
  if (next.amount.type !== 'fixed' || next.amount.verb !== 'deduct' || !firstOf(nextCond, REVERSE_RANK_WORDS) || !up || !start || !step || nextRanks.length !== 2) {
    return { segs: [seg, next], reason: `倒数第${values.length}名以上的名次如何计分未读出（应为“倒数第${values.length + 1}名及以上的，每进1名扣X分”），需人工确认` };
  }
  if (whole(start.q.value) !== values.length + 1 || whole(step.q.value) !== 1) {
    return { segs: [seg, next], reason: `“${tokPhrase(ctx, start)}”“${up}${tokPhrase(ctx, step)}”与所列倒数第1至${values.length}名不衔接，需人工确认` };
  }
  const params: RuleParam[] = [
    { name: 'fromBottom.scores', value: values.map(P.toStr).join('、'), phrase: listed },
    { name: 'fromBottom.perPlaceUp', value: P.toStr(next.amount.value), phrase: `${spanText(ctx, start, step)}${amountPhrase(ctx, next)}` },
  ];
  return { rule: { kind: 'external-rank', fromBottom: { scores: values, perPlaceUp: next.amount.value } }, segs: [seg, next], params };
}
