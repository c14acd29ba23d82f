import * as P from '../points';
import type { Dec } from '../points';
import type { PerOccurrenceRule, Rule } from '../rules/rule.types';
import { FAMILIES, FAMILY_NAMES_ZH, distinctReadings, type SentenceInfo } from './families/index';
import {
  applyModifiers,
  buildSingle,
  compiled,
  type Built,
  type Failed,
  type Segment,
  type SentenceCtx,
} from './build-rules';
import type { Allocation, CompileIssue, CompileOptions, CompileResult, CompiledRule, RuleParam } from './compile.types';
import { Consumed, SIGNIFICANT_NAMES, unreadPhrases } from './coverage';
import { findLeadingParenPoints, findParenPoints, findThresholds, scanFrames, type Modifier } from './phrases';
import { normalizeRuleText } from './normalize-text';
import { tokenize, type Tok } from './rule-tokens';
import { absorbBelowOptions } from './families/below-options';
import { categoryDeductionIssue } from './families/category-deductions';
import { ruleEffect } from '../rules/evaluate-rule';
import { compileByCategory, ZERO_CANCELS_REVERSE } from './families/category-rules.family';
import { exemptionIssue, occurrenceExemption } from './families/occurrence-exemption';
import { readPointsParts, type PointsPart } from './families/part-points';
import { eachPartyParam } from './families/each-party';
import { readAverageForIndicators, readPeerAverage } from './families/peer-average';
import { readDelegatedCeilings } from './families/delegated-ceilings';
import { absorbFullThenEach } from './families/full-then-each';
import { ratioBonusIssue } from './families/ratio-bonus';
import { moneyBracketIssue } from './families/money-brackets';
import { absorbOtherwise, checkFullThenDeductions, checkScoreAlternatives, checkSituationsAcrossItems, mergePolicy, stepWithoutThreshold } from './item-checks';
import { CATEGORY_AMOUNT_VERBS, COMPLETION_JUDGED_PHRASES, OTHERWISE_ZERO, PROPORTION_DEDUCT_WORDS, PROPORTION_VERBS, SENTENCE_ANY_OF_WORDS, SUB_SCORE_WORDS, COUNTERS, PERIOD_CAP_WORDS, NET_CAP_WORDS, TIMES_SIGNS, UNIT_CATEGORY_WORDS, SAME_CONDITION_WORDS, DELEGATE_VERBS, EXEMPTION_WORDS, EXEMPT_FLAG, PEER_AVERAGE_WORDS, containsAny, delegatedTo, firstOf } from './vocabulary';

export type { Allocation, CompileResult, CompiledRule, CompileIssue, CompileOptions, Reading, RuleParam } from './compile.types';

type Range = { start: number; end: number; heading?: boolean };

/** Numbered sub-items: "1." "2、" "（3）" "①" at the start of the text or after a break. */
const ITEM_MARKER = /(^|[\n。；;：:]|\s)\s*((?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])/g;

export function splitItems(text: string): Range[] {
  const starts: number[] = [0];
  for (const found of text.matchAll(ITEM_MARKER)) {
    const at = found.index + found[1]!.length;
    const markerAt = text.indexOf(found[2]!, at);
    if (markerAt > 0) starts.push(markerAt);
  }
  // Each marker is found after the one before it (matchAll goes left to right), so the starts are in order already.
  return starts.map((start, k) => ({ start, end: starts[k + 1] ?? text.length })).filter((entry) => text.slice(entry.start, entry.end).trim() !== '');
}

/** Sentences of an item: split after 。；; ！？ (line breaks inside a sentence are kept). */
export function splitSentences(text: string, item: Range): Range[] {
  const out: Range[] = [];
  let start = item.start;
  // Skip the item marker itself.
  const marker = /^\s*((?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])/.exec(text.slice(item.start, item.end));
  if (marker) start += marker[0].length;
  // "二、深化作风建设⏎市管干部…": a heading line with no punctuation before the body is a sentence of its own.
  const firstLine = /^[^\n]*\n/.exec(text.slice(start, item.end));
  if (firstLine && !/[，,。；;：:]/.test(firstLine[0]) && text.slice(start + firstLine[0].length, item.end).trim() !== '' && firstLine[0].trim().length <= 30) {
    out.push({ start, end: start + firstLine[0].length, heading: true });
    start += firstLine[0].length;
  }
  let depth = 0;
  for (let i = start; i < item.end; i++) {
    const character = text[i]!;
    if (character === '（' || character === '(') depth++;
    else if (character === '）' || character === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && '。；;！？'.includes(character)) {
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (text.slice(start, item.end).trim() !== '') out.push({ start, end: item.end });
  return out.filter((entry) => /[^\s。；;]/.test(text.slice(entry.start, entry.end)));
}

const has = (toks: readonly Tok[], tag: string): boolean => toks.some((token) => token.kind === 'word' && token.tag === tag);
const SCORING_VOCAB = /扣|加分|得分|计分|分值|不得分|满分|折算|否决|[\d.]+\s*分/;

/**
 * Compiles the scoring text of one clause into typed rules, one per independent sub-sentence.
 * Anything it cannot fully compile is reported with a Chinese reason; nothing is guessed or dropped:
 * a clause is `ok` only when every amount, threshold, step, cap and rate phrase of it is accounted
 * for (coverage.ts), and two families that read the same words differently send it to review with
 * both readings.
 */
export function compileRuleText(text: string, opts: CompileOptions = {}): CompileResult {
  const { text: norm, repairs } = normalizeRuleText(text);
  const rules: CompiledRule[] = [];
  const issues: CompileIssue[] = [];
  const warnings: string[] = repairs.map((entry) => entry.message);
  const ignored: { text: string; span: [number, number] }[] = [];
  const allocations: (Allocation & { parenSpan: [number, number] })[] = [];
  const indicator: NonNullable<CompileResult['indicator']> = {};
  const consumed = new Consumed();
  let points = opts.points;
  const allTokens = tokenize(norm);
  const parenPoints = findParenPoints(allTokens, 0, allTokens.length, norm);
  // The same figure as the points column passed in is that column's points written again, read alike.
  const samePoints = (value: Dec): boolean => points === undefined || P.cmp(points, value) === 0;
  const items = splitItems(norm);
  const subItem = subItemPoints(norm, items, parenPoints, allTokens, opts.points);
  if (parenPoints.length === 1 && samePoints(parenPoints[0]!.value) && !subItem) {
    // "（1 分）" / "(0.2)" written once in the clause: its points.
    points = parenPoints[0]!.value;
    indicator.points = points;
  }
  // Items made of parts with their own points (得5分…，…（2分，少一次…）): those "（N分，" are a part's, not the clause's.
  const partsOf = new Map<Range, PointsPart[]>();
  for (const item of items) {
    const parts = readPointsParts(text, tokenize(norm, item.start, item.end));
    if (parts) partsOf.set(item, parts);
  }
  const partParens = new Set([...partsOf.values()].flat().flatMap((part) => (part.parenPoints ? [part.parenPoints.start] : [])));
  const leadingPoints = parenPoints.length === 0 ? findLeadingParenPoints(allTokens, 0, allTokens.length).filter((found) => !partParens.has(found.tok.start)) : [];
  if (leadingPoints.length === 1 && samePoints(leadingPoints[0]!.value)) {
    points = leadingPoints[0]!.value;
    indicator.points = points;
    consumed.add(leadingPoints[0]!.tok.start, leadingPoints[0]!.tok.end);
  }
  const issue = (entry: Range, reason: string, extra: Partial<CompileIssue> = {}): void => {
    issues.push({ text: text.slice(entry.start, entry.end).trim(), span: [entry.start, entry.end], reason, ...extra });
  };

  let itemsWithContent = 0;
  for (const item of items) {
    const parts = partsOf.get(item);
    if (parts) {
      // Every token of the item is read by its parts (readPointsParts accepts nothing else).
      rules.push(...parts.flatMap((part) => part.rules));
      consumed.add(item.start, item.end);
      itemsWithContent++;
      const sum = P.sum(parts.map((part) => part.points));
      if (items.length === 1 && opts.points === undefined) indicator.points = sum;
      else if (items.length === 1 && P.cmp(opts.points!, sum) !== 0) {
        issue(item, `各分项分值（${parts.map((part) => P.toStr(part.points)).join('分、')}分）合计${P.toStr(sum)}分，与本项分值${P.toStr(opts.points!)}分不一致，需人工确认`);
      }
      continue;
    }
    const itemRules: CompiledRule[] = [];
    const itemIssueCount = issues.length;
    let contextStart: number | undefined;
    const sentences = splitSentences(norm, item);
    for (let k = 0; k < sentences.length; k++) {
      const sentence = sentences[k]!;
      if (sentence.heading && !SCORING_VOCAB.test(norm.slice(sentence.start, sentence.end))) {
        ignored.push({ text: text.slice(sentence.start, sentence.end).trim(), span: [sentence.start, sentence.end] });
        continue;
      }
      const sentenceTokens = tokenize(norm, sentence.start, sentence.end);
      const frames = scanFrames(sentenceTokens);
      const sentenceLevel = detectSentenceLevel(sentenceTokens, norm);
      if (frames.length === 0 && !sentenceLevel) {
        // No amount: context for the next sentence (理论学习…全年未达到 4 次。少一次扣 0.1 分。).
        contextStart ??= sentence.start;
        continue;
      }
      const range = { start: contextStart ?? sentence.start, end: sentence.end };
      contextStart = undefined;
      // "…不低于X的，得N分。每低s，扣b。": a step whose threshold is in the sentence before.
      const following = sentences[k + 1];
      if (following && !following.heading && stepWithoutThreshold(norm, tokenize(norm, following.start, following.end))) {
        range.end = following.end;
        k++;
      }
      const toks = tokenize(norm, range.start, range.end);
      const ctx: SentenceCtx = { original: text, toks, warnings, consumed, ...(points !== undefined ? { points } : {}) };
      compileSentence(ctx, range, itemRules, issue, ignored, indicator, norm);
    }
    if (contextStart !== undefined) {
      const record = { start: contextStart, end: item.end };
      const pending = text.slice(record.start, record.end);
      const formula = rateFormulaOf(norm, record, text);
      const allocation = formula ? undefined : allocationOf(norm, record, text);
      if (formula) itemRules.push(formula);
      else if (allocation) {
        allocations.push(allocation);
        consumed.add(allocation.parenSpan[0], allocation.parenSpan[1]);
      } else if (SCORING_VOCAB.test(pending) || containsAny(pending, DELEGATE_VERBS)) {
        const other = delegatedTo(pending);
        // 其余站所得分为一线站所得分的平均分 after the item's rule: the indicator's N/A policy, read.
        const peer = itemRules.length > 0 ? readPeerAverage(pending) : null;
        // 未新设窗口，涉及新设窗口指标按县直部门平均分得分 as a row of its own: the N/A policy of the indicators it names.
        const forIndicators = itemRules.length === 0 && items.length === 1 ? readAverageForIndicators(pending) : null;
        const exemption = peer ? undefined : itemRules.length > 0 || firstOf(pending, PEER_AVERAGE_WORDS) ? exemptionIssue(pending) : undefined;
        const byCategory = other ? undefined : categoryDeductionIssue(pending);
        // 依据《…》相应给予减分（扣分上限：A N分，B M分）: a deduction the other document sets, under its stated ceilings.
        const ceilings = other && itemRules.length === 0 ? readDelegatedCeilings(text, norm, record.start, record.end) : null;
        if (ceilings) {
          itemRules.push(...ceilings.rules);
          warnings.push(ceilings.warning);
          consumed.add(record.start, record.end);
        } else if (peer) {
          indicator.notApplicable = { policy: 'average-of-others', ...peer };
          consumed.add(record.start, record.end);
        } else if (forIndicators) {
          indicator.averageForIndicators = forIndicators;
          consumed.add(record.start, record.end);
        } else if (!other && exemption) issue(record, exemption.reason, exemption.extra);
        else if (byCategory) issue(record, byCategory.reason, { suggestion: byCategory.suggestion });
        else issue(record, other ? `计分依据另一份文件${other}，本方案未写明扣分或得分数值，需按该文件人工评分` : /扣|分/.test(pending) ? '未识别扣分数值' : '未识别计分方法');
      }
      else ignored.push({ text: pending.trim(), span: [record.start, record.end] });
    }
    if (subItem && subItem.item === item) capBySubItemPoints(text, subItem, itemRules, consumed, issue);
    absorbOtherwise(text, itemRules);
    const itemText = norm.slice(item.start, item.end);
    const byCategory = UNIT_CATEGORY_WORDS.filter((word) => CATEGORY_AMOUNT_VERBS.some((verb) => itemText.includes(`${word}${verb}`)));
    if (byCategory.length > 0) {
      issue(item, `按单位类别（${byCategory.join('、')}）分别扣分或加分，一条规则无法按类别取值，需人工确认`);
    }
    checkScoreAlternatives(norm, itemRules, issue, indicator, points, text);
    absorbBelowOptions(norm, text, itemRules);
    if (items.length === 1) absorbFullThenEach(itemRules, indicator, points, consumed);
    checkFullThenDeductions(itemRules, points, issue);
    if (itemRules.length > 0 || allocations.some((allocation) => allocation.span[0] >= item.start && allocation.span[1] <= item.end)) itemsWithContent++;
    // 捐款<下限>—<上限>元的，每m元加a分 (corpus 10): a money step inside a bracket, its base not written.
    const bracket = moneyBracketIssue(text, tokenize(norm, item.start, item.end), itemRules);
    if (bracket) issue({ start: bracket.span[0], end: bracket.span[1] }, bracket.reason, bracket.suggestion ? { suggestion: bracket.suggestion } : {});
    // Coverage: every significant phrase of the item is read by a rule, a policy or an issue.
    for (const rule of itemRules) consumed.addRule(text, rule, item.start, item.end);
    for (const reported of issues.slice(itemIssueCount)) consumed.add(reported.span[0], reported.span[1]);
    for (const paren of parenPoints) if (indicator.points !== undefined && paren.value === indicator.points) consumed.add(allTokens[paren.at]!.start, allTokens[paren.next - 1]!.end);
    for (const phrase of unreadPhrases(tokenize(norm, item.start, item.end), consumed)) {
      const words = text.slice(phrase.start, phrase.end);
      issue({ start: phrase.start, end: phrase.end }, `未读取的${SIGNIFICANT_NAMES[phrase.what]}“${words}”：已编译的规则未用到它，需人工确认`, { unread: words });
    }
    rules.push(...itemRules);
  }

  if (itemsWithContent > 1) checkSituationsAcrossItems(norm, text, rules, issue);
  if (itemsWithContent > 1) {
    // "2.…（情形）不得分，得N分" (corpus 02): a bare 不得分 among sub-items with their own points.
    for (const compiledRule of rules) {
      if (compiledRule.rule.kind === 'zero' && compiledRule.params.some((param) => param.name === 'scope' && param.phrase === '不得分')) {
        issue({ start: compiledRule.span[0], end: compiledRule.span[1] }, '“不得分”是只指本小项还是整个指标未写明（本条有多个小项），需人工确认', { suggestion: '只指本小项：该小项计0分' });
      }
    }
  }
  if (norm.includes('倒扣') && rules.some((entry) => entry.rule.kind === 'condition' || entry.rule.kind === 'per-occurrence')) indicator.allowNegative = true;
  // "此项不得分，同时倒扣N分" (corpus 06 (26) (35) (55)): the 倒扣 is taken after the item's zeroing (clause afterZero).
  const zeroesItem = rules.find((entry) => entry.rule.kind === 'zero' && entry.rule.scope === 'indicator');
  if (indicator.allowNegative) markAfterZero(norm, text, rules);
  // Any other deduction beside the zeroing (a 倒扣 before it, a 扣 beside it): zeroing the item would cancel it, where
  // the 倒扣 makes the item go below zero — how the two combine is not written.
  if (zeroesItem && indicator.allowNegative && rules.some((entry) => ruleEffect(entry.rule) === 'deduction' && entry.afterZero !== true)) issue({ start: zeroesItem.span[0], end: zeroesItem.span[1] }, ZERO_CANCELS_REVERSE);
  // An item of 0 分 whose every rule deducts (corpus 06 (83) "…的，粮食流出地扣1分"): the deductions go below zero.
  if (opts.points !== undefined && P.isZero(opts.points) && rules.length > 0 && rules.every((entry) => (entry.rule.kind === 'condition' || entry.rule.kind === 'per-occurrence') && entry.rule.effect === 'deduction')) indicator.allowNegative = true;
  for (const compiledRule of rules) if (compiledRule.review) issues.push({ text: compiledRule.text, span: compiledRule.span, reason: compiledRule.review });
  const hasPolicy = Object.keys(indicator).filter((k) => k !== 'points').length > 0;
  if (rules.length === 0 && issues.length === 0 && allocations.length === 0 && !hasPolicy) {
    const other = delegatedTo(norm);
    issues.push({ text: text.trim(), span: [0, text.length], reason: other && containsAny(norm, DELEGATE_VERBS) ? `计分依据另一份文件${other}（未随本方案提供），需按该文件人工评分` : '未找到计分规则' });
  }
  const status = issues.length > 0 ? 'needs-review' : 'ok';
  const result: CompileResult = { status, rules, issues, warnings, ignored };
  if (allocations.length > 0) result.allocations = allocations.map(({ parenSpan: _unused, ...frame }) => frame);
  if (issues.length > 0) result.reason = [...new Set(issues.map((entry) => entry.reason))].join('；');
  if (Object.keys(indicator).length > 0) result.indicator = indicator;
  if (opts.source) result.source = opts.source;
  // Amounts by unit category (产区扣a分，非产区扣b分): read once per category (families/category-rules).
  return status === 'needs-review' ? compileByCategory(text, opts, compileRuleText, result) : result;
}

/**
 * A 倒扣 deduction after a 此项不得分 of the item in the same sentence is taken after the zeroing (`afterZero`):
 * "出现…的，此项不得分；情节严重的，倒扣1.5分" keeps both rules (a severe case zeroes the item too, and then
 * deducts); "出现…的，此项不得分，同时倒扣4分" — a 倒扣 with no condition of its own, only 同时 before it — shares
 * the zero's condition, so the two become one rule over both spans (one fact, zeroed and then −4).
 */
function markAfterZero(norm: string, text: string, rules: CompiledRule[]): void {
  for (let i = 1; i < rules.length; i++) {
    const entry = rules[i]!;
    if (entry.rule.kind !== 'condition' && entry.rule.kind !== 'per-occurrence') continue;
    if (ruleEffect(entry.rule) !== 'deduction') continue;
    const toks = tokenize(norm, entry.span[0], entry.span[1]);
    const reverseAt = toks.findIndex((tok) => tok.kind === 'word' && tok.tag === 'reverse');
    if (reverseAt < 0) continue;
    let zeroAt = i - 1;
    while (zeroAt >= 0 && !zeroesTheItem(rules[zeroAt]!.rule)) zeroAt--;
    // Only in the zero's own sentence ("…此项不得分；情节严重的，倒扣N分"): a 倒扣 sentences later is a rule of its own.
    if (zeroAt < 0 || tokenize(norm, rules[zeroAt]!.span[1], entry.span[0]).some((tok) => tok.kind === 'punct' && tok.tag === 'stop')) continue;
    entry.afterZero = true;
    const before = toks.slice(0, reverseAt).filter((tok) => tok.kind !== 'punct').map((tok) => tok.raw).join('');
    if (zeroAt !== i - 1 || (before !== '' && !SAME_CONDITION_WORDS.includes(before))) continue;
    const zero = rules[zeroAt]!;
    const span: [number, number] = [zero.span[0], entry.span[1]];
    rules.splice(zeroAt, 2, { ...entry, text: text.slice(span[0], span[1]), span, params: [...zero.params, ...entry.params] });
    i--;
  }
}

const zeroesTheItem = (rule: Rule): boolean => rule.kind === 'zero' && rule.scope === 'indicator';

type SubItemPoints = { item: Range; value: Dec; span: [number, number]; phrase: string };

/**
 * "1.…每例扣a分,共N分。2.…情况（M分）。…未完成的每项扣b分。" (corpus 07 (5.3)): one "（N分）" inside
 * one of several numbered items that each score is that item's points, not the clause's. Null otherwise, or when it
 * equals the points the caller passed (then it is the clause's points written again).
 */
function subItemPoints(norm: string, items: Range[], parens: ReturnType<typeof findParenPoints>, allTokens: readonly Tok[], points: Dec | undefined): SubItemPoints | null {
  if (items.length < 2 || parens.length !== 1) return null;
  const paren = parens[0]!;
  const span: [number, number] = [allTokens[paren.at]!.start, allTokens[paren.next - 1]!.end];
  if (points !== undefined && P.cmp(points, paren.value) === 0) return null;
  const item = items.find((entry) => entry.start <= span[0] && span[1] <= entry.end);
  if (!item) return null;
  const scores = (entry: Range): boolean => scanFrames(tokenize(norm, entry.start, entry.end)).some((frame) => frame.kind === 'amount');
  if (!items.some((entry) => entry !== item && scores(entry))) return null;
  return { item, value: paren.value, span, phrase: norm.slice(span[0], span[1]) };
}

/**
 * The sub-item's points bound what its deductions can take (a cap on each, the points' phrase read). A sub-item
 * whose rules are not all deductions that take a cap goes to review: how its points combine is not written.
 */
function capBySubItemPoints(text: string, sub: SubItemPoints, itemRules: CompiledRule[], consumed: Consumed, issue: (entry: Range, reason: string, extra?: Partial<CompileIssue>) => void): void {
  const capable = (rule: Rule): boolean => ['per-occurrence', 'condition', 'shortfall', 'threshold-steps', 'lateness'].includes(rule.kind) && 'effect' in rule && rule.effect === 'deduction';
  const phrase = text.slice(sub.span[0], sub.span[1]);
  if (itemRules.length === 0 || !itemRules.every((entry) => capable(entry.rule))) {
    issue(sub.item, `“${phrase}”是本小项的分值（本条有多个小项），本小项的规则如何在该分值内计分未写明，需人工确认`, { unread: phrase });
    return;
  }
  for (const entry of itemRules) {
    const rule = entry.rule as Rule & { cap?: Dec };
    if (rule.cap === undefined || P.cmp(rule.cap, sub.value) > 0) rule.cap = sub.value;
    entry.params.push({ name: 'cap', value: P.toStr(sub.value), phrase });
  }
  consumed.add(sub.span[0], sub.span[1]);
}

/** Rate × points (03 "事件处理率*15分", "得分＝完成率×10分"): a rate formula with the points as weight. */
function rateFormulaOf(norm: string, entry: Range, text: string): CompiledRule | undefined {
  const toks = tokenize(norm, entry.start, entry.end);
  for (let k = 1; k + 1 < toks.length; k++) {
    const times = toks[k]!;
    const weight = toks[k + 1]!;
    if (!TIMES_SIGNS.includes(times.raw) || toks[k - 1]!.raw !== '率' || weight.kind !== 'num' || weight.q.unit !== '分' || weight.q.range) continue;
    const others = toks.filter((token, at) => at !== k + 1 && token.kind === 'num');
    if (others.length > 0) return undefined;
    let from = k - 1;
    while (from > 0 && toks[from - 1]!.kind !== 'punct' && toks[from - 1]!.kind !== 'num') from--;
    const span: [number, number] = [toks[from]!.start, weight.end];
    const phrase = text.slice(span[0], span[1]);
    return {
      rule: { kind: 'rate-formula', effect: 'score', weight: weight.q.value },
      text: phrase,
      span,
      params: [{ name: 'weight', value: P.toStr(weight.q.value), phrase }],
      family: 'rate-formula',
    };
  }
  return undefined;
}

/** A sub-item that is only a task with "（N分）": its points, no rule (corpus 01: "建立某某台账（N分）"). */
function allocationOf(norm: string, entry: Range, text: string): (Allocation & { parenSpan: [number, number] }) | undefined {
  const toks = tokenize(norm, entry.start, entry.end);
  const parens = findParenPoints(toks, 0, toks.length, norm);
  if (parens.length !== 1) return undefined;
  const paren = parens[0]!;
  const parenSpan: [number, number] = [toks[paren.at]!.start, toks[paren.next - 1]!.end];
  // Nothing else that scores: no verb, no other amount.
  const rest = [...toks.slice(0, paren.at), ...toks.slice(paren.next)];
  if (rest.some((token) => token.kind === 'num' && token.q.unit === '分')) return undefined;
  if (scanFrames(rest).length > 0 || detectSentenceLevel(rest, norm) !== undefined) return undefined;
  return { text: text.slice(entry.start, entry.end).trim(), span: [entry.start, entry.end], points: paren.value, parenSpan };
}


type SentenceLevel = 'proportional' | 'completion' | 'any-of' | 'convert' | 'veto' | 'per-rule';

/** True when a 按 opens the phrase that ends at token k (按未完成项目的占比), no punctuation between. */
function openedByAn(toks: readonly Tok[], k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    if (toks[j]!.kind === 'punct') return false;
    if (toks[j]!.raw === '按') return true;
  }
  return false;
}

function detectSentenceLevel(toks: readonly Tok[], norm: string): SentenceLevel | undefined {
  if (toks.length === 0) return undefined;
  const token = norm.slice(toks[0]!.start, toks[toks.length - 1]!.end);
  // 占比 names a measured share, not 按比例 (corpus 07 (4.1) "…占比高于…的，可不扣分" is no proportional deduction).
  // 按未完成项目的占比扣分 (06) is one: a 占比 that 按 opens, with no comma between.
  const proportion = toks.some((t, k) => t.kind === 'word' && t.tag === 'proportion' && (t.raw !== '占比' || openedByAn(toks, k)));
  if (proportion && containsAny(token, PROPORTION_VERBS) && !containsAny(token, EXEMPTION_WORDS)) return 'proportional';
  if (containsAny(token, SENTENCE_ANY_OF_WORDS) && has(toks, 'full')) return 'any-of';
  if (containsAny(token, COMPLETION_JUDGED_PHRASES)) return 'completion';
  if (has(toks, 'convert')) return 'convert';
  if (has(toks, 'veto')) return 'veto';
  if (has(toks, 'per-rule')) return 'per-rule';
  return undefined;
}

function compileSentence(
  ctx: SentenceCtx,
  range: Range,
  itemRules: CompiledRule[],
  issue: (entry: Range, reason: string, extra?: Partial<CompileIssue>) => void,
  ignored: { text: string; span: [number, number] }[],
  indicator: NonNullable<CompileResult['indicator']>,
  norm: string,
): void {
  const toks = ctx.toks;
  const rulesBefore = itemRules.length;
  const frames = scanFrames(toks);
  const segs: Segment[] = [];
  const leading: (Modifier & { regionFrom: number })[] = [];
  let condStart = 0;
  for (const feature of frames) {
    if (feature.kind === 'amount') {
      segs.push({ condFrom: condStart, condTo: feature.f.at, amount: feature.f, mods: [] });
      condStart = feature.f.next;
    } else {
      const last = segs[segs.length - 1];
      // A modifier after an amount belongs to it, with the words between (加倍扣分's condition).
      if (last) last.mods.push({ ...feature.f, regionFrom: condStart });
      else leading.push({ ...feature.f, regionFrom: condStart });
      condStart = feature.f.next;
    }
  }
  const tailFrom = condStart;
  const level = segs.length === 0 ? detectSentenceLevel(toks, norm) : detectSentenceLevel(toks.slice(tailFrom), norm);

  // Sentence-level constructs that have no amount frame of their own.
  const whole = detectSentenceLevel(toks, norm);
  const onlyFull = segs.length > 0 && segs.every((segment) => segment.amount.type === 'full');
  if (segs.length === 0 || (onlyFull && (whole === 'proportional' || whole === 'any-of'))) {
    const built = buildSentenceLevel(ctx, segs.length === 0 ? level : whole, range);
    if (built && 'rule' in built) {
      const reading: Built = { rule: built.rule, segs: [], params: built.params, ...(built.review ? { review: built.review } : {}) };
      const { unapplied, floor, net } = applyModifiers(ctx, reading, leading);
      if (floor) indicator.floorAtZero = true;
      if (net !== undefined) indicator.netCap = net;
      for (const phrase of unapplied) issue(range, `修饰语“${phrase}”无法应用于该规则`, { unread: phrase });
      const span: [number, number] = [toks[0]!.start, toks[toks.length - 1]!.end];
      itemRules.push({ rule: reading.rule, text: ctx.original.slice(span[0], span[1]), span, params: reading.params, ...(reading.review ? { review: reading.review } : {}) });
      return;
    }
    if (built && 'reason' in built) {
      issue(range, built.reason);
      return;
    }
    // Only modifiers: 最高扣 1 分 / 扣完为止 / 同一事项不重复扣分 — they apply to the item's rules.
    if (leading.length > 0) {
      applyClauseModifiers(ctx, leading, itemRules, indicator, range, issue);
      return;
    }
    const byCategory = categoryDeductionIssue(ctx.original.slice(range.start, range.end));
    issue(range, byCategory?.reason ?? '未识别扣分数值', byCategory ? { suggestion: byCategory.suggestion } : {});
    return;
  }

  const sentence: SentenceInfo = { hasQizhong: ctx.original.slice(range.start, range.end).includes('其中') };
  let tailClaimed = false;
  let i = 0;
  while (i < segs.length) {
    // Every family tries the segments at i; two different readings go to review with both.
    const readings: { family: string; built: Built | Failed }[] = [];
    for (const family of FAMILIES) {
      const read = family.read(ctx, segs, i, sentence);
      if (read) readings.push({ family: family.name, built: read });
    }
    const distinct = distinctReadings(readings);
    if (distinct.length > 1) {
      const covered = distinct.flatMap((entry) => entry.built.segs);
      const first = covered.reduce((frame, built) => (frame.condFrom <= built.condFrom ? frame : built));
      const lastNext = Math.max(...covered.map((segment) => segment.amount.next));
      const span = { start: toks[first.condFrom]?.start ?? range.start, end: toks[lastNext - 1]!.end };
      issue(span, `两种读法不一致（${distinct.map((entry) => FAMILY_NAMES_ZH[entry.family] ?? entry.family).join('、')}），需人工选择`, {
        readings: distinct.map((entry) => ({ family: entry.family, rules: 'rule' in entry.built ? [entry.built.rule] : [] })),
      });
      i += Math.max(1, ...distinct.map((entry) => entry.built.segs.length));
      continue;
    }
    let family = distinct[0]?.family;
    let result: Built | Failed | undefined = distinct[0]?.built;
    let used = result?.segs.length ?? 0;
    if (!result) {
      const single = buildSingle(ctx, segs, i);
      result = single.built;
      used = single.used;
      family = 'rule' in result ? `single:${result.rule.kind}` : 'single';
    }
    if ('rule' in result) {
      const builtRule = result;
      eachPartyParam(ctx, builtRule);
      const { unapplied, floor, net } = applyModifiers(ctx, builtRule, i === 0 ? leading : []);
      if (floor) indicator.floorAtZero = true;
      if (net !== undefined) indicator.netCap = net;
      for (const phrase of unapplied) issue(range, `修饰语“${phrase}”无法应用于该规则`, { unread: phrase });
      if (builtRule.policy) mergePolicy(indicator, builtRule.policy, range, issue);
      if (builtRule.claimsTail) tailClaimed = true;
      if (builtRule.siblings) for (const sib of builtRule.siblings) itemRules.push({ ...compiled(ctx, { ...sib, review: builtRule.review }), family: family! });
      else itemRules.push({ ...compiled(ctx, builtRule), family: family! });
    } else {
      const first = result.segs[0]!;
      const last = result.segs[result.segs.length - 1]!;
      issue({ start: toks[first.condFrom]?.start ?? range.start, end: toks[last.amount.next - 1]!.end }, result.reason, result.suggestion ? { suggestion: result.suggestion } : {});
    }
    i += Math.max(1, used);
  }

  // Words after the last amount: a veto or 按规定执行 there is a consequence nobody has quantified.
  if (tailFrom < toks.length && !tailClaimed) {
    const tail = toks.slice(tailFrom);
    const record = { start: tail[0]!.start, end: tail[tail.length - 1]!.end };
    const token = ctx.original.slice(record.start, record.end);
    const paren = findParenPoints(tail, 0, tail.length);
    // "…出现1例<未办>扣a分（N分）；" (corpus 01): the item's own points closing the sentence, not an amount.
    if (paren.length === 1 && ctx.points !== undefined && paren[0]!.value === ctx.points && paren[0]!.at === 0 && tail.slice(paren[0]!.next).every((t) => t.kind === 'punct')) return;
    if (level === 'per-rule') issue(record, '“按规定执行”未说明后果');
    else if (level === 'convert') issue(record, '折算方法见另一细则，未给出公式');
    else if (level === 'proportional') issue(record, '按比例计分与前文分值如何结合未写明');
    else if (segs.length > 0 && exemptionIssue(token)) {
      // 每起…扣2分，如果…，此事件可以不扣分: the occurrences of that case are the rule's exempt ones.
      const exempt = occurrenceExemption(token, itemRules.slice(rulesBefore));
      if (exempt) {
        (exempt.rule.rule as PerOccurrenceRule).exempt = { flag: EXEMPT_FLAG, when: exempt.when };
        exempt.rule.params.push({ name: 'exempt', value: exempt.when, phrase: token.trim() });
        ctx.consumed?.add(record.start, record.end);
      } else issue(record, exemptionIssue(token)!.reason, exemptionIssue(token)!.extra);
    }
    else if (/[\p{Script=Han}]/u.test(token) && !/^[）)]+$/.test(token.trim())) {
      const byCategory = SCORING_VOCAB.test(token) ? categoryDeductionIssue(token) : undefined;
      // 多<一件>按x：y：z比例加分 (corpus 02 (5.1)): the ratio is read, what one part is worth is not written.
      const ratio = byCategory ? null : ratioBonusIssue(tail, token, ctx.original.slice(range.start, range.end));
      if (byCategory) issue(record, byCategory.reason, { suggestion: byCategory.suggestion });
      else if (ratio) issue(record, ratio.reason, ratio.suggestion ? { suggestion: ratio.suggestion } : {});
      else if (SCORING_VOCAB.test(token)) issue(record, '未识别扣分数值');
      else if (/[\p{Script=Han}].*[\p{Script=Han}]/u.test(token)) ignored.push({ text: token.trim(), span: [record.start, record.end] });
    }
  }
}

function applyClauseModifiers(
  ctx: SentenceCtx,
  mods: (Modifier & { regionFrom: number })[],
  itemRules: CompiledRule[],
  indicator: NonNullable<CompileResult['indicator']>,
  range: Range,
  issue: (entry: Range, reason: string) => void,
): void {
  for (const found of mods) {
    const phrase = ctx.original.slice(ctx.toks[found.at]!.start, ctx.toks[found.next - 1]!.end);
    const consume = (): void => ctx.consumed?.add(ctx.toks[found.at]!.start, ctx.toks[found.next - 1]!.end);
    if (found.type === 'floor') {
      indicator.floorAtZero = true;
      itemRules[itemRules.length - 1]?.params.push({ name: 'floor', value: '0', phrase });
      consume();
      continue;
    }
    if (found.type === 'points') {
      // 该项满分0.5分: the item's points, checked against the points column when there is one.
      const stated = ctx.points ?? indicator.points;
      if (stated !== undefined && P.cmp(stated, found.value) !== 0) issue(range, `“${phrase}”与本项分值${P.toStr(stated)}分不一致，需人工确认`);
      else {
        indicator.points = found.value;
        consume();
      }
      continue;
    }
    const target = itemRules[itemRules.length - 1];
    if (found.type === 'cap' && containsAny(ctx.original.slice(ctx.toks[found.regionFrom]?.start ?? 0, ctx.toks[found.next - 1]!.end), NET_CAP_WORDS)) {
      // 累计加减分不超过N分: the net ± adjustment of the item (scheme caps.net), never one rule's cap.
      indicator.netCap = found.value;
      consume();
      continue;
    }
    if (found.type === 'cap' && (itemRules.length !== 1 || !target)) {
      // A cap over several rules (or the whole clause) is an indicator policy.
      const region = ctx.original.slice(ctx.toks[found.regionFrom]?.start ?? 0, ctx.toks[found.next - 1]!.end);
      const period = PERIOD_CAP_WORDS.find((word) => region.includes(word));
      if (period) {
        issue(range, `“${phrase}”是按期（${period}）的上限，规则只能表达整个考核期的上限，需人工确认`);
        continue;
      }
      if (found.verb === undefined && itemRules.length === 0 && !region.includes('扣') && !region.includes('加')) {
        issue(range, `“${phrase}”未写明是扣分上限还是加分上限，需人工确认`);
        continue;
      }
      if (found.verb === 'add' || found.verb === 'get' || /加分/.test(region)) indicator.bonusCap = found.value;
      else indicator.deductionCap = found.value;
      consume();
      continue;
    }
    if (found.type === 'dedupe' && !itemRules.some((entry) => entry.rule.kind === 'per-occurrence')) {
      // 同一事项不重复扣分 over the clause's rules: the clauses share one dedupe group (P27).
      indicator.dedupe = found.highestOnly ? 'highest-only' : 'event-key';
      consume();
      continue;
    }
    if (!target) {
      issue(range, `“${phrase}”没有可修饰的扣分规则`);
      continue;
    }
    const built: Built = { rule: target.rule, segs: [], params: target.params };
    const { unapplied } = applyModifiers(ctx, built, [found]);
    if (unapplied.length) issue(range, `“${phrase}”不适用于“${target.text}”`);
  }
}

type SentenceBuilt = { rule: Rule; params: RuleParam[]; review?: string } | { reason: string } | null;

function buildSentenceLevel(ctx: SentenceCtx, level: SentenceLevel | undefined, range: Range): SentenceBuilt {
  const token = ctx.original.slice(range.start, range.end);
  const toks = ctx.toks;
  const decimalText = P.toStr;
  switch (level) {
    case 'proportional': {
      const deduct = containsAny(token, PROPORTION_DEDUCT_WORDS);
      const params: RuleParam[] = [{ name: 'effect', value: deduct ? 'deduction' : 'score', phrase: (/按[^，,。；]*比例[^，,。；]*/.exec(token) ?? [token])[0] }];
      // "新建智慧书房 20 家（1 分）": target and points of the item.
      const paren = findParenPoints(toks, 0, toks.length);
      if (paren.length > 1) return { reason: `一句中有${paren.length}个分项（各带分值），需拆分后分别按比例计分` };
      const rule: Rule = { kind: 'proportional', effect: deduct ? 'deduction' : 'score' };
      if (paren.length === 1) {
        const before = toks[paren[0]!.at - 1];
        if (before && before.kind === 'num' && !before.q.percent) {
          rule.target = before.q.value;
          params.push({ name: 'target', value: decimalText(before.q.value), phrase: before.raw });
        }
        rule.points = paren[0]!.value;
        params.push({ name: 'points', value: decimalText(paren[0]!.value), phrase: paren[0]!.tok.raw });
      } else {
        // The cap is the most the proportion can deduct: 未完成指标的按比例折算扣分，最高扣 0.5 分 → D = 0.5·(1 − 完成率).
        const capTok = scanFrames(toks).find((frame) => frame.kind === 'modifier' && frame.f.type === 'cap');
        if (capTok && capTok.kind === 'modifier' && capTok.f.type === 'cap') {
          rule.points = capTok.f.value;
          params.push({ name: 'points', value: decimalText(capTok.f.value), phrase: capTok.f.tok.raw });
        }
      }
      if (rule.target === undefined) {
        // "<做到>N例以上；否则按完成比例得分（M分）" (corpus 01): the count to reach is the target.
        const counts = findThresholds(ctx.original, toks, 0, toks.length);
        const only = counts.length === 1 ? counts[0]! : undefined;
        if (only && only.direction === 'above' && !only.tok.q.percent && only.tok.q.unit !== undefined && COUNTERS.includes(only.tok.q.unit)) {
          rule.target = only.value;
          params.push({ name: 'target', value: decimalText(only.value), phrase: only.phrase });
        }
      }
      if (containsAny(token, SUB_SCORE_WORDS)) rule.metric = { of: 'sub-score' };
      return { rule, params };
    }
    case 'completion': {
      const allowPartial = !containsAny(token, OTHERWISE_ZERO);
      const params: RuleParam[] = [{ name: 'allowPartial', value: String(allowPartial), phrase: (/按[^，,。；]*情况[^，,。；]*/.exec(token) ?? [token])[0] }];
      const rule: Rule = { kind: 'completion', ...(allowPartial ? { allowPartial } : {}) };
      const paren = findParenPoints(toks, 0, toks.length);
      if (paren.length === 1) {
        rule.points = paren[0]!.value;
        params.push({ name: 'points', value: decimalText(paren[0]!.value), phrase: paren[0]!.tok.raw });
      }
      return { rule, params };
    }
    case 'any-of': {
      const head = token.split(/以上|上述/)[0] ?? '';
      const options = head
        .split(/[；;。]|或者/)
        .map((option) => option.replace(/[（(]\s*[\d.]+\s*分?\s*[）)]/g, '').replace(/^\s*[\d一二三四五六七八九十]+[.、．]\s*/, '').trim())
        .filter((option) => option.length > 1);
      if (options.length < 2) return { reason: '“以上完成一项可得满分”未能识别所列选项' };
      const paren = findParenPoints(toks, 0, toks.length);
      const rule: Rule = { kind: 'any-of', options, ...(paren.length === 1 ? { points: paren[0]!.value } : {}) };
      const params: RuleParam[] = options.map((option, k) => ({ name: `options[${k}]`, value: option, phrase: option }));
      return { rule, params };
    }
    case 'convert': {
      const doc = /《[^》]+》/.exec(token);
      return { reason: doc ? `折算方法见另一细则${doc[0]}，未给出公式` : '“折算扣分”未给出折算公式' };
    }
    case 'veto':
      return { reason: '一票否决：否决效果未在本条写明（见考核办法），需配置否决效果' };
    case 'per-rule':
      return { reason: '“按规定执行”未说明后果' };
    default:
      return null;
  }
}

/** Convenience for callers that want one rule per clause: the single rule, or a manual rule with the reason. */
export function singleRuleOf(result: CompileResult, points?: Dec): Rule {
  if (result.rules.length === 1 && result.status === 'ok') return result.rules[0]!.rule;
  return { kind: 'manual', effect: 'deduction', ...(points !== undefined ? { max: points } : {}), reason: result.reason ?? '一条文本含多条规则，需拆分' };
}
