import type { Built, SentenceCtx } from '../build-rules';
import { phraseOf } from '../build-rules';

/**
 * "…的，责任双方分别扣分，扣20分" / "站长、副站长分别扣分，扣3分" (made up; corpus 10): every responsible party is
 * deducted the amount in its own score. A scheme scores each unit (each person, in a person scheme) on its own, so the
 * rule is the plain deduction and 分别 says it falls on each of them — nothing to split or add up. Read only when
 * 分别扣分 (no figure) comes right before the one fixed deduction of the rule, separated by a comma; the words are
 * the rule's `parties` parameter (read, for the coverage check).
 */
export function eachPartyParam(ctx: SentenceCtx, built: Built): void {
  if (built.segs.length !== 1) return;
  const seg = built.segs[0]!;
  if (seg.amount.type !== 'fixed' || seg.amount.verb !== 'deduct') return;
  if (built.rule.kind !== 'condition' && built.rule.kind !== 'per-occurrence') return;
  const toks = ctx.toks;
  // … 分别 扣 分 ， [扣 N分]: the three tokens and the comma end where the amount frame starts.
  const at = seg.amount.at;
  const [respectively, deduct, unit, comma] = [toks[at - 4], toks[at - 3], toks[at - 2], toks[at - 1]];
  const isTag = (token: typeof respectively, tag: string): boolean => token?.kind === 'word' && token.tag === tag;
  if (!isTag(respectively, 'respectively') || !isTag(deduct, 'deduct') || unit?.kind !== 'char' || unit.raw !== '分' || comma?.kind !== 'punct' || comma.tag !== 'comma') return;
  if (at - 4 < seg.condFrom) return;
  built.params.push({ name: 'parties', value: 'each', phrase: phraseOf(ctx, at - 4, at - 1) });
}
