import * as P from '../../points';
import type { Dec } from '../../points';
import type { CompileResult, CompiledRule } from '../compile.types';
import type { Consumed } from '../coverage';
import { ALL_MET_WORDS, NOT_MET_WORDS, containsAny } from '../vocabulary';

/**
 * "<甲>、<乙>…全部达标得N分；有一个不达标扣a分；…" (corpus 03 (3.1)): the points for the state in which every one
 * meets the standard are the item's points, and each one that does not is deducted from them. Read as a
 * completion it would score 0 as soon as one fails and deduct again for that one; so the completion becomes the
 * item's points (the item starts from them, Mode D) when it is the item's only score rule, comes first, states the
 * all-met words, and a later deduction of the item is for the not-met case. Points from the points column must
 * agree; otherwise nothing changes (the completion stays, and a different figure is flagged where it always was).
 */
export function absorbFullThenEach(
  itemRules: CompiledRule[],
  indicator: NonNullable<CompileResult['indicator']>,
  points: Dec | undefined,
  consumed: Consumed,
): void {
  const first = itemRules[0];
  if (!first || first.rule.kind !== 'completion' || first.rule.points === undefined || first.rule.allowPartial) return;
  if (!containsAny(first.text, ALL_MET_WORDS)) return;
  const rest = itemRules.slice(1);
  if (rest.some((entry) => entry.rule.kind === 'completion' || entry.rule.kind === 'any-of' || entry.rule.kind === 'partial-credit' || entry.rule.kind === 'proportional')) return;
  const failing = rest.some((entry) => (entry.rule.kind === 'per-occurrence' || entry.rule.kind === 'condition') && entry.rule.effect === 'deduction' && containsAny(entry.text, NOT_MET_WORDS));
  if (!failing) return;
  const full = first.rule.points;
  if (points !== undefined && P.cmp(points, full) !== 0) return;
  if (indicator.points !== undefined && P.cmp(indicator.points, full) !== 0) return;
  indicator.points = full;
  consumed.add(first.span[0], first.span[1]);
  itemRules.splice(0, 1);
}
