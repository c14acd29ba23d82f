import type { Dec } from '../../points';
import * as P from '../../points';
import { amountPhrase, condText, type Built, type Segment, type SentenceCtx } from '../build-rules';
import type { RuleParam } from '../compile.types';
import { trimPunctuation } from '../normalize-text';
import { UNIT_CATEGORY_WORDS } from '../vocabulary';
import { requirementParams } from './stated-requirement';

/**
 * Points that depend on the unit's category, written in one sentence (corpus 06 "…的，产区得a分，非产区得b分，
 * 否则不得分"): one completion rule whose points are the item's points by category — never two
 * clauses that add up. The keys are the document's words (产区 / 非产区).
 */
export function readCategoryPoints(ctx: SentenceCtx, segs: Segment[], i: number): Built | null {
  const run: { seg: Segment; category: string; value: Dec }[] = [];
  for (let j = i; j < segs.length; j++) {
    const seg = segs[j]!;
    if (seg.amount.type !== 'fixed' || seg.amount.verb !== 'get') break;
    const cond = trimPunctuation(condText(ctx, seg));
    const category = UNIT_CATEGORY_WORDS.find((word) => cond.endsWith(word) && !(word === '产区' && cond.endsWith('非产区')));
    if (!category) break;
    // After the first, the condition is the category word alone ("，非产区得b分").
    if (j > i && cond !== category) break;
    run.push({ seg, category, value: seg.amount.value });
  }
  if (run.length < 2 || new Set(run.map((entry) => entry.category)).size !== run.length) return null;
  const pointsByCategory: Record<string, Dec> = {};
  const params: RuleParam[] = [];
  for (const record of run) {
    pointsByCategory[record.category] = record.value;
    params.push({ name: `pointsByCategory.${record.category}`, value: P.toStr(record.value), phrase: `${record.category}…${amountPhrase(ctx, record.seg)}` });
  }
  // Corpus 06 (57): "…达到60%及以上的，产区得a分…" — the figures of the condition are its requirement.
  const first = run[0]!.seg;
  params.push(...(requirementParams(ctx, first.condFrom, first.condTo) ?? []));
  const used = run.map((entry) => entry.seg);
  const otherwise = segs[i + run.length];
  if (otherwise && otherwise.amount.type === 'no-score' && condText(ctx, otherwise).includes('否则')) {
    used.push(otherwise);
    params.push({ name: 'otherwise', value: '0', phrase: `否则…${amountPhrase(ctx, otherwise)}` });
  }
  return { rule: { kind: 'completion' }, segs: used, params, policy: { pointsByCategory } };
}
