import * as P from '../../points';
import { LEVEL_LADDER_WORDS, containsAny } from '../vocabulary';
import type { Dec } from '../../points';
import type { PerOccurrenceRule } from '../../rules/rule.types';
import type { RuleParam } from '../compile.types';
import { phraseOf, condText, amountPhrase, suspiciousAmount, withReview, effectOf, type Built, type Segment, type SentenceCtx } from '../build-rules';
import { findCount, findLateness, findShortfall, findStep, hasSeverityWord, levelsIn, tierLabel, type AmountFrame, type Verb } from '../phrases';

/** 被诫勉谈话的扣0.1分，被党纪政务轻处分的扣0.2分… / 受到省上通报批评的扣1.5分，被市上通报的扣1分… */
export function buildTierRun(ctx: SentenceCtx, segs: Segment[], i: number, sentenceHasQizhong: boolean): Built | null {
  const run: Segment[] = [];
  for (let j = i; j < segs.length; j++) {
    const seg = segs[j]!;
    if (seg.amount.type !== 'fixed' || seg.mods.some((found) => found.type === 'cap')) break;
    if (findShortfall(ctx.toks, seg.condFrom, seg.condTo) || findStep(ctx.toks, seg.condFrom, seg.condTo) || findLateness(ctx.toks, seg.condFrom, seg.condTo)) break;
    if (run.length > 0 && seg.amount.verb !== (run[0]!.amount as { verb: Verb }).verb) break;
    run.push(seg);
  }
  if (run.length < 2) return null;
  const conds = run.map((seg) => condText(ctx, seg));
  const params: RuleParam[] = [];
  const amounts: Record<string, Dec> = {};
  const roles = run.map((seg) => (seg.amount as Extract<AmountFrame, { type: 'fixed' }>).role);
  if (roles.every((entry) => entry !== undefined) && new Set(roles).size === run.length) {
    // P36: 发现1处扣牵头单位1分，扣相关配合单位0.5分.
    run.forEach((seg, k) => {
      const amount = (seg.amount as Extract<AmountFrame, { type: 'fixed' }>).value;
      amounts[roles[k]!] = amount;
      params.push({ name: `tiers.${roles[k]!}`, value: P.toStr(amount), phrase: amountPhrase(ctx, seg) });
    });
    const verb = (run[0]!.amount as Extract<AmountFrame, { type: 'fixed' }>).verb;
    const count = findCount(ctx.toks, run[0]!.condFrom, run[0]!.condTo);
    if (count) params.push({ name: 'counter', value: count.counter, phrase: phraseOf(ctx, count.at, count.next) });
    return { rule: { kind: 'per-occurrence', effect: effectOf(verb), tiers: { by: 'role', amounts } }, segs: run, params };
  }
  // Levels: each condition names exactly one authority level, all different.
  const levelSets = conds.map((condition) => [...new Set(levelsIn(condition).map((level) => level.key))]);
  const byLevel = levelSets.every((level) => level.length === 1) && new Set(levelSets.map((level) => level[0])).size === run.length && conds.every((condition) => containsAny(condition, LEVEL_LADDER_WORDS));
  const bySeverity =
    !byLevel && conds.every((condition) => /^[，,\s]*(其中[，,]?)?(被|受到)/.test(condition) || hasSeverityWord(condition)) && (sentenceHasQizhong || conds.every((condition) => hasSeverityWord(condition)));
  if (!byLevel && !bySeverity) return null;
  run.forEach((seg, k) => {
    const key = byLevel ? levelSets[k]![0]! : tierLabel(conds[k]!);
    const amount = (seg.amount as Extract<AmountFrame, { type: 'fixed' }>).value;
    amounts[key] = amount;
    params.push({ name: `tiers.${key}`, value: P.toStr(amount), phrase: `${conds[k]!.trim()}${amountPhrase(ctx, seg)}` });
  });
  if (Object.keys(amounts).length !== run.length) return null;
  const verb = (run[0]!.amount as Extract<AmountFrame, { type: 'fixed' }>).verb;
  const rule: PerOccurrenceRule = { kind: 'per-occurrence', effect: effectOf(verb), tiers: { by: byLevel ? 'level' : 'severity', amounts } };
  const suspicious = run.map((seg) => suspiciousAmount((seg.amount as Extract<AmountFrame, { type: 'fixed' }>).tok, ctx.points)).find(Boolean);
  return withReview({ rule, segs: run, params }, suspicious);
}
