import * as P from '../../points';
import { condText, amountPhrase, type Built, type Segment, type SentenceCtx } from '../build-rules';

/** 完成…得5分，否则不得分 (P17). */
export function buildCompletionOtherwise(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const a = segs[i]!;
  const b = segs[i + 1];
  if (!b || a.amount.type !== 'fixed' || a.amount.verb !== 'get' || b.amount.type !== 'no-score' || !/否则|未完成|其余/.test(condText(ctx, b))) return null;
  return {
    rule: { kind: 'completion', points: a.amount.value },
    segs: [a, b],
    params: [
      { name: 'points', value: P.toStr(a.amount.value), phrase: amountPhrase(ctx, a) },
      { name: 'otherwise', value: '0', phrase: `${condText(ctx, b)}${amountPhrase(ctx, b)}` },
    ],
  };
}
