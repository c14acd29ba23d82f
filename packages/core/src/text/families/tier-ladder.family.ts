import * as P from '../../points';
import { COUNTERS, LEVEL_LADDER_WORDS, containsAny } from '../vocabulary';
import { tokenize, type NumTok } from '../rule-tokens';
import type { CompiledRule } from '../compile.types';
import type { Dec } from '../../points';
import type { AccumulateRule, PerOccurrenceRule, Rule } from '../../rules/rule.types';
import { trimPunctuation } from '../normalize-text';
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
  // 得a分 / 得b分 are scores, not bonuses on top of the item's points (an item with bonus rules only starts from its
  // points, so every unit would have them all): left to the situations and readLevelLadder below.
  if ((run[0]!.amount as { verb: Verb }).verb === 'get') return null;
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

/**
 * Situations of one item, each in its own sentence and each earning points (…省级…的，得a分；…市级…的，得b分；…县级…的，
 * 得c分), whose conditions each name one authority level, all different, with a ladder word (推广, 表彰, 通报…): a tier ladder
 * by level (issue 15: "分别 lists by level; highest only where said"). Each occurrence counts at its level's amount, the
 * sum from 0 bounded by the item's points (an accumulate score with that cap); only the highest level reached when the
 * item says so (以获最高一项, indicator dedupe highest-only: a graded any-of).
 * A condition that states a count other than one (市级…推广N篇，得b分) does not fit a per-occurrence amount: N
 * occurrences would earn N × b where the text grants b, so that item goes to review with the count named.
 * Null when the situations are not such a ladder, or (for the per-occurrence reading) the item's points are not known.
 */
export function readLevelLadder(
  original: string,
  scoring: readonly CompiledRule[],
  itemPoints: Dec | undefined,
  highestOnly: boolean,
): { merged: CompiledRule } | { reason: string; suggestion: string; span: [number, number] } | null {
  if (scoring.length < 2) return null;
  const amounts: Dec[] = [];
  for (const entry of scoring) {
    if (entry.rule.kind !== 'completion' || entry.rule.points === undefined) return null;
    amounts.push(entry.rule.points);
  }
  const options = scoring.map((entry) => optionOf(entry));
  const levelSets = options.map((option) => [...new Set(levelsIn(option).map((level) => level.key))]);
  if (!levelSets.every((keys) => keys.length === 1)) return null;
  const keys = levelSets.map((keys) => keys[0]!);
  if (new Set(keys).size !== keys.length || !options.every((option) => containsAny(option, LEVEL_LADDER_WORDS))) return null;
  const span: [number, number] = [scoring[0]!.span[0], scoring[scoring.length - 1]!.span[1]];
  const ladder = keys.map((key, k) => `${key}级 ${P.toStr(amounts[k]!)} 分`).join('、');
  // A count other than one in a condition: the amount is for that many occurrences, not for each.
  const counted = options
    .map((option, k) => ({ k, count: tokenize(option).find((token): token is NumTok => token.kind === 'num' && token.q.unit !== undefined && COUNTERS.includes(token.q.unit) && token.q.value !== 1_000_000) }))
    .filter((entry) => entry.count !== undefined);
  if (counted.length > 0) {
    const counts = keys.map((_, k) => {
      const count = counted.find((entry) => entry.k === k)?.count;
      return count ? `${P.toStr(count.q.value)}${count.q.unit}` : undefined;
    });
    const named = counted.map(({ k, count }) => `${keys[k]}级${P.toStr(count!.q.value)}${count!.q.unit}得${P.toStr(amounts[k]!)}分`).join('、');
    return {
      span,
      reason: `本项得分按层级列出（${ladder}），但写明了数量（${named}）：按次数每次按层级计分与所写数量不符，按层级取最高一档还是累加也未写明，需人工确认`,
      suggestion: `按层级取达到的最高一档（${keys.map((key, k) => `${key}级${counts[k] ?? ''}${P.toStr(amounts[k]!)}分`).join('、')}）${itemPoints !== undefined ? `，不超过本项 ${P.toStr(itemPoints)} 分` : ''}`,
    };
  }
  // The sum is bounded by the item's points; without them the ladder has no stated bound.
  if (itemPoints === undefined) return null;
  const span0 = scoring[0]!.span[0];
  if (highestOnly) {
    // Only the highest occurrence counts: the highest level reached, one option of a graded any-of.
    const rule: Rule = { kind: 'any-of', options: options.map((option) => trimPunctuation(option)), points: itemPoints, optionPoints: amounts };
    const params: RuleParam[] = [...scoring.flatMap((entry) => entry.params), { name: 'optionPoints', value: amounts.map(P.toStr).join('、'), phrase: original.slice(span0, span[1]) }];
    return { merged: { rule, text: original.slice(span[0], span[1]), span, params, family: 'tier-ladder' } };
  }
  // Each occurrence at its level's amount, summed from 0 and bounded by the item (积分 by level): a score, never a
  // bonus on top of the item's points (an item with bonus rules only starts from its points).
  const items: Record<string, Dec> = {};
  keys.forEach((key, k) => (items[key] = amounts[k]!));
  const rule: AccumulateRule = { kind: 'accumulate', effect: 'score', items, cap: itemPoints };
  const params: RuleParam[] = [
    ...scoring.flatMap((entry, k) => entry.params.map((param) => (param.name === 'points' ? { ...param, name: `items.${keys[k]!}`, phrase: `${options[k]!}${param.phrase}` } : param))),
    { name: 'cap', value: P.toStr(itemPoints), phrase: '本项分值' },
  ];
  return { merged: { rule, text: original.slice(span[0], span[1]), span, params, family: 'tier-ladder' } };
}

/** A situation's words without its amount ("…县级媒体推广的，得1分" → "…县级媒体推广的"). */
function optionOf(entry: CompiledRule): string {
  const phrase = entry.params.find((param) => param.name === 'points')?.phrase;
  const cut = phrase ? entry.text.lastIndexOf(phrase) : -1;
  return cut > 0 ? entry.text.slice(0, cut) : entry.text;
}
