import * as P from '../points';
import type { Dec } from '../points';
import type { Rule } from '../rules/rule.types';
import type { Built } from './build-rules';
import type { CompileIssue, CompileResult, CompiledRule } from './compile.types';
import { trimPunctuation, withoutParentheticals } from './normalize-text';
import { findStep, findStepAgainst, findThresholds } from './phrases';
import type { Tok } from './rule-tokens';
import { readCategoryAlternatives, samePointsByCategory } from './families/category-alternatives';
import { earns, readComplementarySituations } from './families/complementary-situations';
import { readStackedOptions } from './families/stacked-options';
import { readLevelLadder } from './families/tier-ladder.family';
import { APPLICABILITY_HEADS, OTHERWISE_ZERO_FORMS, STACKING_WORDS, containsAny } from './vocabulary';

/**
 * Checks over the rules one item (1. / （2） / ①) compiled to: an otherwise that belongs to the
 * allocation before it, several positive allocations whose relation is not written, an item
 * policy found twice. They turn readings that would be wrong if left alone into review.
 */
type Range = { start: number; end: number };

/**
 * "；否则不得分" as a sentence of its own after a 得N分 (corpus 06: "…在此基础上…得N分；否则不得分"): the
 * otherwise of the positive allocation before it, which scores 0 when not complete anyway — not a
 * rule that zeroes the whole item.
 */
export function absorbOtherwise(original: string, itemRules: CompiledRule[]): void {
  for (let k = itemRules.length - 1; k > 0; k--) {
    const rule = itemRules[k]!;
    // "得N分，否则酌情扣分" (corpus 06): the points are judged partially when not complete.
    if (rule.rule.kind === 'discretionary' && rule.rule.effect === 'deduction' && rule.rule.max === undefined && trimPunctuation(rule.text).startsWith('否则')) {
      const before = itemRules[k - 1]!;
      // Also a completion whose points are the item's points by category ("产区得a分，非产区得b分；否则…酌情减分",
      // corpus 06 2019 (9)): left beside it, the judged deduction would come off a completion already at 0.
      const byCategory = before.params.some((param) => param.name.startsWith('pointsByCategory.'));
      if (before.rule.kind === 'completion' && (before.rule.points !== undefined || byCategory)) {
        before.rule = { ...before.rule, allowPartial: true };
        before.params.push({ name: 'allowPartial', value: 'true', phrase: original.slice(rule.span[0], rule.span[1]) });
        widen(original, before, rule);
        itemRules.splice(k, 1);
      }
      continue;
    }
    if (rule.rule.kind !== 'zero' || trimPunctuation(rule.text.replace('不得分', '')) !== '否则') continue;
    const before = itemRules[k - 1]!;
    if (before.rule.kind !== 'completion') continue;
    before.params.push({ name: 'otherwise', value: '0', phrase: original.slice(rule.span[0], rule.span[1]) });
    widen(original, before, rule);
    itemRules.splice(k, 1);
  }
}

/** The rule now reads its own sentence and the absorbed one: its span and its text cover both. */
function widen(original: string, into: CompiledRule, absorbed: CompiledRule): void {
  into.span = [into.span[0], absorbed.span[1]];
  into.text = original.slice(into.span[0], into.span[1]);
}

const DEDUCTING = new Set(['per-occurrence', 'condition', 'threshold-steps', 'shortfall', 'lateness']);

/**
 * "全年无<事件>的，得满分；发生一起的，扣a分": a completion worth the item's points, then deductions of the
 * item. Read as written, the completion scores 0 once its condition fails and the deductions come off that 0
 * (one occurrence: 0, where the text means points − a); read as a deduction list, the item starts from its
 * points. Unless a family read the pair (the all-met words, full-then-each; a figure and steps from it,
 * full-then-steps), a person says which: review, with the deduction-list reading suggested.
 */
export function checkFullThenDeductions(itemRules: CompiledRule[], itemPoints: Dec | undefined, issue: (entry: Range, reason: string, extra?: Partial<CompileIssue>) => void): void {
  const first = itemRules[0];
  if (!first || first.rule.kind !== 'completion' || first.rule.allowPartial) return;
  const full = first.rule.points;
  if (full !== undefined && itemPoints !== undefined && P.cmp(full, itemPoints) !== 0) return;
  // "…的，得1分，否则不得分。未按期…扣0.2分" (corpus 06): the text says the item is 0 when not done, so the
  // deductions are for other failings of a done item — completion and deductions as written.
  const second = itemRules[1];
  if (first.params.some((param) => param.name === 'otherwise') || containsAny(first.text, OTHERWISE_ZERO_FORMS)) return;
  if (second && second.rule.kind === 'zero' && trimPunctuation(second.text).startsWith('否则')) return;
  const deductions = itemRules.slice(1).filter((entry) => DEDUCTING.has(entry.rule.kind) && (entry.rule as { effect?: string }).effect === 'deduction' && entry.afterZero !== true);
  if (deductions.length === 0) return;
  // 实行…的，得1分；未实行的，扣1分: one-off deductions each of at least the completion's points leave 0 either
  // way (from the points, or from a 0 floored at 0), so the two readings score alike.
  if (full !== undefined && deductions.every((entry) => entry.rule.kind === 'condition' && entry.rule.amount !== undefined && P.cmp(entry.rule.amount, full) >= 0)) return;
  const last = deductions[deductions.length - 1]!;
  const points = full ?? itemPoints;
  const from = points === undefined ? '满分' : `${P.toStr(points)}分`;
  issue(
    { start: first.span[0], end: last.span[1] },
    `“${first.text}”之后又有扣分：扣分是从${from}中扣（按扣分制），还是未达到得分条件时在0分上另扣，未写明，需人工确认`,
    { suggestion: `按扣分制：本项从${from}起扣，删去“${first.text}”的得分规则` },
  );
}

/** A sentence that opens with 每低/每减少 s and states no threshold of its own. */
export function stepWithoutThreshold(norm: string, toks: readonly Tok[]): boolean {
  const step = findStep(toks, 0, toks.length) ?? findStepAgainst(toks, 0, toks.length);
  return step !== null && step.at <= 1 && findThresholds(norm, toks, 0, toks.length).length === 0;
}

const isScoreRule = (rule: Rule): boolean =>
  rule.kind === 'completion' || rule.kind === 'any-of' || rule.kind === 'partial-credit' || ('effect' in rule && rule.effect === 'score');

/**
 * Several positive allocations in one item ("…的，得a分；…的，得b分；否则不得分", corpus 06): whether they add
 * up or only one applies is not written, unless a later one says 在此基础上 (stacked increments).
 */
export function checkScoreAlternatives(
  norm: string,
  itemRules: CompiledRule[],
  issue: (entry: Range, reason: string, extra?: Partial<CompileIssue>) => void,
  indicator: NonNullable<CompileResult['indicator']>,
  itemPoints?: Dec,
  original: string = norm,
): void {
  const judged = itemRules.find((entry) => entry.rule.kind === 'discretionary' && entry.rule.effect === 'score');
  if (judged && itemRules.length > 1) {
    issue({ start: judged.span[0], end: judged.span[1] }, '“酌情给分”与本项其他计分规则如何结合未写明，需人工确认');
    return;
  }
  const scoring = itemRules.filter((entry) => isScoreRule(entry.rule));
  // "未完成的，得0分" alone: a completion worth 0 scores 0 whether its condition holds or not. Beside other
  // situations (完成的得1分，未完成的得0分) the 0 is one of them and read with them below.
  const only = scoring.length === 1 ? scoring[0]! : undefined;
  if (only && only.rule.kind === 'completion' && only.rule.points === P.ZERO) {
    issue({ start: only.span[0], end: only.span[1] }, `“${trimPunctuation(only.text)}”：只写了得0分的情形，未写明其他情形的得分（是本项不得分，还是条件不成立时得满分），需人工确认`, {
      suggestion: '本项不得分（条件成立时本项计0分）',
    });
    return;
  }
  if (scoring.length < 2) return;
  // Two situations on the two sides of one figure, each earning the same (corpus 06 (10)): one completion.
  if (replaceBy(itemRules, scoring, readComplementarySituations(norm, original, scoring))) return;
  // Corpus 06 (15): situations that each earn the same points by category are alternatives.
  // Not with "否则按完成情况酌情减分" after them (06 (10)): an any-of has no judged partial score.
  const judgedOtherwise = itemRules.some((entry) => entry.rule.kind === 'discretionary' && trimPunctuation(entry.text).startsWith('否则'));
  const alternatives = judgedOtherwise ? null : readCategoryAlternatives(norm, scoring, itemPoints, indicator.pointsByCategory);
  if (alternatives) {
    const at = itemRules.indexOf(scoring[0]!);
    for (const entry of scoring) itemRules.splice(itemRules.indexOf(entry), 1);
    itemRules.splice(at, 0, { ...alternatives, text: original.slice(alternatives.span[0], alternatives.span[1]) });
    return;
  }
  // One situation 在此基础上 the one before it, beside another worth the item's points alone (corpus 06 (4)).
  if (!indicator.pointsByCategory && replaceBy(itemRules, scoring, readStackedOptions(norm, original, scoring, itemPoints))) return;
  const stacked = scoring.slice(1).every((entry, k) => containsAny(norm.slice(scoring[k]!.span[1], entry.span[1]), STACKING_WORDS));
  // Stacked increments on top of points by category would need per-category clause points.
  if (stacked && !indicator.pointsByCategory) return;
  if (stacked && indicator.pointsByCategory) {
    // Corpus 06 (3) (5): "…产区得a分，非产区得b分；在此基础上，…得c分" — the increments add to each
    // category's points, which a completion rule cannot take by category (its points are one figure).
    const extra = scoring.slice(1).map((entry) => (entry.rule as { points?: Dec }).points);
    if (extra.every((value) => value !== undefined)) {
      const added = extra.reduce<Dec>((a, b) => P.add(a, b!), P.ZERO);
      const totals = Object.entries(indicator.pointsByCategory).map(([category, value]) => `${category} ${P.toStr(value)}+${P.toStr(added)}=${P.toStr(P.add(value, added))} 分`);
      const span = { start: scoring[0]!.span[0], end: scoring[scoring.length - 1]!.span[1] };
      issue(span, `“在此基础上”的得分叠加在按单位类别的分值之上（${totals.join('、')}），规则格式暂不能按单位类别给出条款分值，需人工确认`, {
        suggestion: `分别计分（累加）：基础分按单位类别，另加 ${P.toStr(added)} 分；本项分值 ${totals.join('、')}`,
      });
      return;
    }
  }
  // 省级…得a分；市级…得b分；县级…得c分 (corpus 01 (1.4.2)): a tier ladder by level, or review naming a stated count.
  const ladder = indicator.pointsByCategory ? null : readLevelLadder(original, scoring, itemPoints, indicator.dedupe === 'highest-only');
  if (ladder && 'merged' in ladder) {
    replaceBy(itemRules, scoring, ladder.merged);
    return;
  }
  if (ladder) {
    issue({ start: ladder.span[0], end: ladder.span[1] }, ladder.reason, { suggestion: ladder.suggestion });
    return;
  }
  const amounts = scoring.map((entry) => entry.params.find((param) => param.name === 'points')?.value).filter((value) => value !== undefined);
  const relation = relationByPoints(norm.slice(scoring[0]!.span[0], scoring[scoring.length - 1]!.span[1]), scoring, itemPoints, indicator);
  if (relation === 'additive') {
    // "…得0.6分；…得0.4分；否则不得分" on an item of 1 分 (corpus 06 (99)): the situations add up to the
    // item's points, and no single one reaches them, so they are parts scored each on its own.
    return;
  }
  if (relation === 'one-of') {
    // "…的，得3分；…的，得2分；否则不得分" on an item of 3 分 (corpus 06 (2)): the highest situation is
    // the item's points and together they would exceed them, so one situation counts: the highest met.
    const span: [number, number] = [scoring[0]!.span[0], scoring[scoring.length - 1]!.span[1]];
    const options = scoring.map((entry) => optionText(entry));
    const optionPoints = scoring.map((entry) => (entry.rule as Extract<Rule, { kind: 'completion' }>).points!);
    const merged: CompiledRule = {
      rule: { kind: 'any-of', options, points: itemPoints!, optionPoints },
      text: original.slice(span[0], span[1]),
      span,
      params: [...scoring.flatMap((entry) => entry.params), { name: 'optionPoints', value: optionPoints.map(P.toStr).join('、'), phrase: original.slice(span[0], span[1]) }],
      family: 'graded-options',
    };
    const at = itemRules.indexOf(scoring[0]!);
    for (const entry of scoring) itemRules.splice(itemRules.indexOf(entry), 1);
    itemRules.splice(at, 0, merged);
    return;
  }
  const someStacked = scoring.slice(1).some((entry, k) => containsAny(norm.slice(scoring[k]!.span[1], entry.span[1]), STACKING_WORDS));
  const span = { start: scoring[0]!.span[0], end: scoring[scoring.length - 1]!.span[1] };
  issue(span, `本项有${scoring.length}个得分情形${amounts.length ? `（${amounts.join('分、')}分）` : ''}，是分别计分还是按情形择一计分未写明，需人工确认`, {
    readings: [
      { family: 'additive', rules: scoring.map((entry) => entry.rule) },
      { family: 'one-of', rules: scoring.map((entry) => entry.rule) },
    ],
    suggestion:
      relation === 'one-of'
        ? `按情形择一计分（取符合的最高一档）：最高一档 ${P.toStr(itemPoints!)} 分即本项分值，各情形相加会超过本项分值`
        : someStacked
          // Corpus 06 (4): "…得a分。未实现…的，得b分；在此基础上，…得c分" — the stacked one adds to the one before it.
          ? '按情形择一计分（取符合的最高一档），“在此基础上”的情形与其前一情形相加后作为一档'
          : '按情形择一计分（取符合的最高一档）',
  });
}

/** Puts `merged` where the first of `parts` was and drops the parts; false when there is nothing to merge. */
function replaceBy(rules: CompiledRule[], parts: CompiledRule[], merged: CompiledRule | null): boolean {
  if (!merged) return false;
  const at = rules.indexOf(parts[0]!);
  for (const entry of parts) rules.splice(rules.indexOf(entry), 1);
  rules.splice(at, 0, merged);
  return true;
}

/**
 * Situations in different items (① … ② …) that each earn the item's full points by category: read as the two sides
 * of one figure when they are (corpus 06 2019 (9), readComplementarySituations), else review — left alone, each would
 * earn the item's points and the item would score twice its points.
 */
export function checkSituationsAcrossItems(norm: string, original: string, rules: CompiledRule[], issue: (entry: Range, reason: string) => void): void {
  const scoring = rules.filter((entry) => isScoreRule(entry.rule));
  if (replaceBy(rules, scoring, readComplementarySituations(norm, original, scoring))) return;
  const full = scoring.filter((entry) => entry.rule.kind === 'completion' && entry.rule.points === undefined && earns(entry) !== undefined);
  if (full.length < 2) return;
  issue({ start: full[0]!.span[0], end: full[full.length - 1]!.span[1] }, `本项有${full.length}个小项各得本项按单位类别的全部分值，是择一还是累加未写明，需人工确认`);
}

/** Whether two or more of the amounts (not all of them) sum exactly to the points. */
function someGroupSums(each: readonly Dec[], points: Dec): boolean {
  if (each.length > 12) return true;
  for (let mask = 1; mask < (1 << each.length) - 1; mask++) {
    const picked = each.filter((_, k) => (mask >> k) & 1);
    if (picked.length >= 2 && P.cmp(picked.reduce((a, b) => P.add(a, b), P.ZERO), points) === 0) return true;
  }
  return false;
}

/** A situation's words without its amount: "…考核指标的，得3分" → "…考核指标的". */
function optionText(entry: CompiledRule): string {
  const phrase = entry.params.find((param) => param.name === 'points')?.phrase;
  const cut = phrase ? entry.text.lastIndexOf(phrase) : -1;
  return trimPunctuation(cut > 0 ? entry.text.slice(0, cut) : entry.text);
}

/**
 * What the item's own points say about several 得分 situations (each with its points, no points by
 * category): 'additive' when they sum exactly to the item's points and none reaches them alone;
 * 'one-of' when the highest equals the item's points and the sum exceeds them (still a review: the
 * format has no rule that picks one situation); undefined when the points say nothing.
 */
function relationByPoints(norm: string, scoring: CompiledRule[], itemPoints: Dec | undefined, indicator: NonNullable<CompileResult['indicator']>): 'additive' | 'one-of' | undefined {
  if (itemPoints === undefined || indicator.pointsByCategory) return undefined;
  const each: Dec[] = [];
  for (const entry of scoring) {
    if (entry.rule.kind !== 'completion' || entry.rule.points === undefined || entry.rule.allowPartial) return undefined;
    each.push(entry.rule.points);
  }
  // Situations under "…省份：" headings are alternatives by kind of unit: one-of only when every
  // situation has its own heading (one each), never parts.
  // A head may name its members in parentheses (corpus 06 (80) "重点省份（河北、辽宁…）：").
  const headed = scoring.filter((entry) => containsAny(entry.text, APPLICABILITY_HEADS) || containsAny(withoutParentheticals(entry.text), APPLICABILITY_HEADS)).length;
  const sum = each.reduce((a, b) => P.add(a, b), P.ZERO);
  const max = each.reduce((a, b) => (P.cmp(a, b) >= 0 ? a : b));
  if (headed === 0 && P.cmp(sum, itemPoints) === 0 && P.cmp(max, itemPoints) < 0) return 'additive';
  if (headed !== 0 && headed !== scoring.length) return undefined;
  // "A得1.5分；B得0.5分。（另一类）C得2分" on 2 分 (corpus 06 (18)): some situations add up to the points
  // while another reaches them alone — groups of parts, not one-of.
  if (containsAny(norm, STACKING_WORDS) || someGroupSums(each, itemPoints)) return undefined;
  if (P.cmp(max, itemPoints) === 0 && P.cmp(sum, itemPoints) > 0) return 'one-of';
  return undefined;
}

/** Indicators whose points a family set (a second one means the clause holds two scored items). */
const policyPoints = new WeakSet<object>();

/** Merges an item policy a family found; two different values for the same field go to review. */
export function mergePolicy(indicator: NonNullable<CompileResult['indicator']>, policy: NonNullable<Built['policy']>, range: Range, issue: (entry: Range, reason: string) => void): void {
  if (policy.pointsByCategory) {
    if (indicator.pointsByCategory && !samePointsByCategory(indicator.pointsByCategory, policy.pointsByCategory)) {
      issue(range, '同一条款中按单位类别的分值出现多组（是择一还是累加未写明），需人工确认');
    } else indicator.pointsByCategory = policy.pointsByCategory;
  }
  if (policy.points !== undefined) {
    // Two readings that each carry their own points (①…得1分 ②…得1分) are two clauses, not one.
    if (indicator.points !== undefined && (indicator.points !== policy.points || policyPoints.has(indicator))) issue(range, '同一条款中有多个分项各带分值，需拆分为多个条款');
    else indicator.points = policy.points;
    policyPoints.add(indicator);
  }
}
