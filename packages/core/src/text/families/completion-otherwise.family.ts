import * as P from '../../points';
import { containsAny, OTHERWISE_WORDS } from '../vocabulary';
import { condText, amountPhrase, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { requirementParams } from './stated-requirement';

/**
 * 完成…得5分，否则不得分 (P17). The figures of the condition are its requirement, as in the completion read by
 * category (category-points: corpus 06 (43) "…实际库存数量不低于…的70%，…，得a分，否则不得分", each category's copy).
 */
export function buildCompletionOtherwise(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const earn = segs[i]!;
  const otherwise = segs[i + 1];
  if (!otherwise || earn.amount.type !== 'fixed' || earn.amount.verb !== 'get' || otherwise.amount.type !== 'no-score' || !containsAny(condText(ctx, otherwise), OTHERWISE_WORDS)) return null;
  return {
    rule: { kind: 'completion', points: earn.amount.value },
    segs: [earn, otherwise],
    params: [
      { name: 'points', value: P.toStr(earn.amount.value), phrase: amountPhrase(ctx, earn) },
      { name: 'otherwise', value: '0', phrase: `${condText(ctx, otherwise)}${amountPhrase(ctx, otherwise)}` },
      ...(requirementParams(ctx, earn.condFrom, earn.condTo) ?? []),
    ],
  };
}
