import * as P from '../../points';
import type { Dec } from '../../points';
import type { Rule } from '../../rules/rule.types';
import { ruleEffect } from '../../rules/evaluate-rule';
import type { CompiledRule, CompileOptions, CompileResult, RuleParam } from '../compile.types';
import { normalizeRuleText } from '../normalize-text';
import { tokenize, type Tok } from '../rule-tokens';
import { CATEGORY_AMOUNT_FILLERS, CATEGORY_PAIR_SEPARATORS, RESPECTIVELY_WORDS, UNIT_CATEGORY_WORDS } from '../vocabulary';

type Compile = (text: string, opts?: CompileOptions) => CompileResult;

/**
 * A 此项不得分 and a 倒扣 with a deduction that is not a 倒扣 after the zeroing (`afterZero`, compile-rule.ts
 * markAfterZero): the engine's zeroing cancels that deduction, while the 倒扣 lets the item go below zero; how the two
 * combine is not written (compile-rule.ts flags it).
 */
export const ZERO_CANCELS_REVERSE = '本项计零（不得分）与“倒扣”同时出现，另有扣分不在计零之后：计零会把它一并抵消（倒扣应为 0 分再扣），两者如何结合未写明，需人工确认';

/** One category's amount in a pair: "产区扣0.5分" (category, filler 扣, amount) or "产区4分" after 倒扣. */
type Entry = { category: string; start: number; end: number; keepFrom: number };
/** "分别加0.3分、0.2分" after a pair: the amounts in the pair's order. */
type Respectively = { start: number; end: number; amounts: { start: number; end: number }[] };

/**
 * Amounts by unit category inside a clause's rules (corpus 06): "每减少N个百分点，产区扣a分，非产区扣b分",
 * "同时倒扣产区c分，非产区d分", "在产区a分、非产区b分的基础上分别加x分、y分". The clause is read once per
 * category in the document's words: a copy of the text that keeps only that category's amounts (the
 * other categories' words and amounts blanked, same length, so every span is the original's) goes
 * through the whole compiler with its coverage check. Only when every copy compiles ok, to rules of
 * the same kinds and effects and the same item policies, is the clause ok: a rule equal in every
 * copy stays one rule, a rule that differs becomes one rule per category (`ruleByCategory`, with a
 * `manual` fallback: a unit of another category goes to review), and the item's points per category
 * are the copies' points. Otherwise null: the clause keeps the compiler's own review.
 */
export function compileByCategory(text: string, opts: CompileOptions, compile: Compile, plain: CompileResult): CompileResult {
  const read = readByCategory(text, opts, compile);
  if (read === null) return plain;
  if ('rules' in read) return read;
  // Read by category, but not to a rule the engine scores right: the clause stays in review, saying why.
  const issue = { text: text.trim(), span: [0, text.length] as [number, number], reason: read.reason };
  return { ...plain, issues: [...plain.issues, issue], reason: [plain.reason, read.reason].filter(Boolean).join('；') };
}

function readByCategory(text: string, opts: CompileOptions, compile: Compile): CompileResult | { reason: string } | null {
  if (!CATEGORY_WORDS_LONGEST_FIRST.some((word) => text.includes(word))) return null;
  const { text: norm } = normalizeRuleText(text);
  const toks = tokenize(norm);
  const groups = categoryGroups(norm, toks);
  if (groups.length === 0) return null;
  const categories = groups[0]!.entries.map((entry) => entry.category);
  if (groups.some((group) => group.entries.map((entry) => entry.category).join('|') !== categories.join('|'))) return null;
  // Every category word of the text must be inside a pair: a stray one ("产区的…") is not read.
  const inPairs = (at: number): boolean => groups.some((group) => at >= group.start && at < group.end);
  for (const mention of categoryMentions(norm)) if (!inPairs(mention)) return null;

  const copies = categories.map((category, index) => {
    const chars = text.split('');
    const blank = (from: number, to: number): void => {
      for (let i = from; i < to; i++) if (!/\s/.test(chars[i]!)) chars[i] = ' ';
    };
    for (const group of groups) {
      blank(group.start, group.end);
      const own = group.entries[index]!;
      // Keep the category's filler and amount ("扣0.5分"), never the category word itself.
      for (let i = own.keepFrom; i < own.end; i++) chars[i] = text[i]!;
      if (group.respectively) {
        blank(group.respectively.start, group.respectively.end);
        const list = group.respectively;
        // Keep the verb after 分别 ("加") and this category's amount.
        for (let i = list.verbFrom; i < list.amounts[0]!.start; i++) chars[i] = text[i]!;
        const amount = list.amounts[index]!;
        for (let i = amount.start; i < amount.end; i++) chars[i] = text[i]!;
      }
    }
    return { category, copy: chars.join('') };
  });
  const variants = readCopies(copies, opts.points, compile);
  if (variants === null) return null;
  // A copy that stays in review: the clause keeps its review and says what reading it by category left.
  const failed = variants.find((variant) => variant.result.status !== 'ok');
  if (failed) return { reason: `按单位类别分别读取（${failed.category}）：${failed.result.reason ?? '未能完整编译'}` };

  if (variants.some((variant) => variant.result.status !== 'ok' || (variant.result.allocations?.length ?? 0) > 0)) return null;
  const first = variants[0]!.result;
  if (variants.some((variant) => variant.result.rules.length !== first.rules.length)) return null;
  const rules: CompiledRule[] = [];
  for (let k = 0; k < first.rules.length; k++) {
    const entries = variants.map((variant) => ({ category: variant.category, compiled: variant.result.rules[k]! }));
    const effect = ruleEffect(entries[0]!.compiled.rule);
    if (entries.some((entry) => entry.compiled.rule.kind !== entries[0]!.compiled.rule.kind || ruleEffect(entry.compiled.rule) !== effect || entry.compiled.afterZero !== entries[0]!.compiled.afterZero)) return null;
    const span: [number, number] = [Math.min(...entries.map((entry) => entry.compiled.span[0])), Math.max(...entries.map((entry) => entry.compiled.span[1]))];
    const same = entries.every((entry) => JSON.stringify(entry.compiled.rule) === JSON.stringify(entries[0]!.compiled.rule));
    if (same) {
      rules.push({ ...entries[0]!.compiled, text: text.slice(span[0], span[1]), span });
      continue;
    }
    if (effect === 'zero') return null;
    const ruleByCategory: Record<string, Rule> = {};
    const params: RuleParam[] = [];
    for (const entry of entries) {
      ruleByCategory[entry.category] = entry.compiled.rule;
      for (const param of entry.compiled.params) params.push({ ...param, name: `${entry.category}.${param.name}` });
    }
    rules.push({
      rule: { kind: 'manual', effect, reason: `本条款按单位类别（${categories.join('、')}）给出规则，其他类别的单位需人工评分` },
      ruleByCategory,
      text: text.slice(span[0], span[1]),
      span,
      params,
      family: 'category-rules',
      ...(entries[0]!.compiled.afterZero ? { afterZero: true as const } : {}),
    });
  }

  const indicator = mergePolicies(variants, opts.points);
  if (indicator === null || 'reason' in indicator) return indicator;
  const result: CompileResult = { status: 'ok', rules, issues: [], warnings: [...new Set(variants.flatMap((variant) => variant.result.warnings))], ignored: first.ignored };
  if (Object.keys(indicator).length > 0) result.indicator = indicator;
  if (opts.source) result.source = opts.source;
  return result;
}

type Copy = { category: string; copy: string };
type Variant = { category: string; result: CompileResult };

/**
 * Each copy compiled on its own. A copy whose situations only the item's points decide ("…的，得2分；…的，
 * 得1分；否则不得分", corpus 06 (30)) is read with the points column, which states one category's points
 * (the assessed province's): the copies it decides are read so, and every other copy with the one of
 * its own stated amounts that gives it the same reading (the same rule kinds) — when exactly one
 * does; otherwise null (review).
 */
function readCopies(copies: Copy[], columnPoints: Dec | undefined, compile: Compile): Variant[] | null {
  const plain = copies.map(({ category, copy }) => {
    const alone = compile(copy, {});
    // A copy that only deducts states no points of its own: the item's points (the column) are its points, so
    // their checks and policies apply (a 0 分 item's deductions go below zero, corpus 06 (83); 扣 beyond the points).
    const deductsOnly = columnPoints !== undefined && !alone.rules.some((entry) => ruleEffect(entry.rule) === 'score');
    return { category, result: absorbStepCutoff(deductsOnly ? compile(copy, { points: columnPoints }) : alone, copy) };
  });
  if (plain.every((variant) => variant.result.status === 'ok') || columnPoints === undefined) return plain;
  const withColumn = copies.map(({ category, copy }) => ({ category, copy, result: absorbStepCutoff(compile(copy, { points: columnPoints }), copy) }));
  const decided = withColumn.filter((variant) => variant.result.status === 'ok');
  if (decided.length === 0) return plain;
  const shape = (result: CompileResult): string => result.rules.map((entry) => entry.rule.kind).join('|');
  const reading = shape(decided[0]!.result);
  if (decided.some((variant) => shape(variant.result) !== reading)) return null;
  // Only graded options are decided by the points (the highest is the item's points); a copy that fails for any
  // other reason (扣 beyond the points) keeps its review — its own points are not written anywhere.
  const graded = (result: CompileResult): boolean => result.rules.some((entry) => entry.rule.kind === 'any-of' && entry.rule.optionPoints !== undefined);
  if (!decided.every((variant) => graded(variant.result))) return plain;
  const out: Variant[] = [];
  for (const variant of withColumn) {
    if (variant.result.status === 'ok') {
      out.push({ category: variant.category, result: { ...variant.result, indicator: { ...variant.result.indicator, points: columnPoints } } });
      continue;
    }
    const stated = [...new Set(tokenize(normalizeRuleText(variant.copy).text).flatMap((token) => (token.kind === 'num' && token.q.unit === '分' ? [token.q.value] : [])))];
    const fits = stated.map((points) => ({ points, result: compile(variant.copy, { points }) })).filter((option) => option.result.status === 'ok' && shape(option.result) === reading);
    if (fits.length !== 1) return null;
    out.push({ category: variant.category, result: { ...fits[0]!.result, indicator: { ...fits[0]!.result.indicator, points: fits[0]!.points } } });
  }
  return out;
}

/**
 * The copies' item policies: equal in every copy, except the item's points, which become its points by
 * category when they differ. A copy without stated points has the points of its score rules when
 * each is a completion with its own points ("得4分，否则不得分"), summed. The points column, when passed,
 * must be one category's points (corpus 06 states the assessed province's), else null.
 */
function mergePolicies(variants: { category: string; result: CompileResult }[], columnPoints: Dec | undefined): NonNullable<CompileResult['indicator']> | { reason: string } | null {
  const { points: _points, ...rest } = variants[0]!.result.indicator ?? {};
  const key = JSON.stringify(rest);
  for (const variant of variants) {
    const { points: _p, ...others } = variant.result.indicator ?? {};
    if (JSON.stringify(others) !== key || others.pointsByCategory !== undefined) return null;
  }
  const byCategory: Record<string, Dec> = {};
  for (const variant of variants) {
    const points = variant.result.indicator?.points ?? scorePoints(variant.result.rules);
    if (points === null) return null;
    if (points !== undefined) byCategory[variant.category] = points;
  }
  const values = Object.values(byCategory);
  const out: NonNullable<CompileResult['indicator']> = { ...rest };
  if (values.length === 0) return out;
  if (values.length !== variants.length) return null;
  if (columnPoints !== undefined && !values.some((value) => P.cmp(value, columnPoints) === 0)) {
    const stated = Object.entries(byCategory).map(([category, value]) => `${category} ${P.toStr(value)} 分`).join('、');
    return { reason: `分值栏的 ${P.toStr(columnPoints)} 分不是条文中任一单位类别的分值（${stated}），需人工确认` };
  }
  if (values.every((value) => P.cmp(value, values[0]!) === 0)) out.points = values[0]!;
  else out.pointsByCategory = byCategory;
  return out;
}

/** The points a copy's score rules give at most: undefined without score rules, null when they do not say. */
function scorePoints(rules: readonly CompiledRule[]): Dec | undefined | null {
  const scoring = rules.filter((entry) => ruleEffect(entry.rule) === 'score');
  if (scoring.length === 0) return undefined;
  let sum = P.ZERO;
  for (const entry of scoring) {
    if (entry.rule.kind !== 'completion' || entry.rule.points === undefined) return null;
    sum = P.add(sum, entry.rule.points);
  }
  return sum;
}

type Group = { start: number; end: number; entries: Entry[]; respectively?: Respectively & { verbFrom: number } };

/** Where a category word starts (the longest word at each place: 非产区 over 产区). */
function categoryMentions(norm: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < norm.length; i++) {
    const word = categoryAt(norm, i);
    if (word) {
      out.push(i);
      i += word.length - 1;
    }
  }
  return out;
}

const CATEGORY_WORDS_LONGEST_FIRST = [...UNIT_CATEGORY_WORDS].sort((a, b) => b.length - a.length);

function categoryAt(norm: string, at: number): string | undefined {
  return CATEGORY_WORDS_LONGEST_FIRST.find((word) => norm.startsWith(word, at));
}

/**
 * Runs of "category [filler] N分" joined by ，/、 (two or more, each category once), and the 分别 list after a
 * run whose amounts follow the run's order ("在产区a分、非产区b分的基础上分别加x分、y分").
 */
function categoryGroups(norm: string, toks: readonly Tok[]): Group[] {
  const groups: Group[] = [];
  // Runs start only where a category word starts (never at the 产区 inside 非产区).
  for (const i of categoryMentions(norm)) {
    if (groups.length > 0 && i < groups[groups.length - 1]!.end) continue;
    const entries: Entry[] = [];
    let at = i;
    for (;;) {
      const entry = entryAt(norm, toks, at);
      if (!entry) break;
      entries.push(entry);
      const next = skipSeparator(norm, entry.end);
      if (next === undefined) break;
      at = next;
    }
    if (entries.length >= 2 && new Set(entries.map((entry) => entry.category)).size === entries.length) {
      const group: Group = { start: entries[0]!.start, end: entries[entries.length - 1]!.end, entries };
      const list = respectivelyAfter(norm, toks, group.end, entries.length);
      if (list) group.respectively = list;
      groups.push(group);
    }
  }
  return groups;
}

function entryAt(norm: string, toks: readonly Tok[], at: number): Entry | undefined {
  const category = categoryAt(norm, at);
  if (!category) return undefined;
  const afterWord = at + category.length;
  const amount = toks.find((token) => token.start >= afterWord && token.kind === 'num');
  if (!amount || amount.kind !== 'num' || amount.q.unit !== '分') return undefined;
  const filler = norm.slice(afterWord, amount.start).trim();
  if (!CATEGORY_AMOUNT_FILLERS.includes(filler)) return undefined;
  return { category, start: at, end: amount.end, keepFrom: afterWord };
}

function skipSeparator(norm: string, at: number): number | undefined {
  let i = at;
  while (i < norm.length && /\s/.test(norm[i]!)) i++;
  if (!CATEGORY_PAIR_SEPARATORS.includes(norm[i] ?? '')) return undefined;
  i++;
  while (i < norm.length && /\s/.test(norm[i]!)) i++;
  return i;
}

/** "…的基础上分别加x分、y分": 分别, a verb, then as many amounts as the run has categories, in the same sentence. */
function respectivelyAfter(norm: string, toks: readonly Tok[], from: number, count: number): (Respectively & { verbFrom: number }) | undefined {
  const sentenceEnd = [...'。；;'].map((mark) => norm.indexOf(mark, from)).filter((at) => at >= 0);
  const end = sentenceEnd.length > 0 ? Math.min(...sentenceEnd) : norm.length;
  const word = RESPECTIVELY_WORDS.map((w) => ({ w, at: norm.indexOf(w, from) })).filter((hit) => hit.at >= 0 && hit.at < end).sort((a, b) => a.at - b.at)[0];
  if (!word) return undefined;
  const verbFrom = word.at + word.w.length;
  const amounts: { start: number; end: number }[] = [];
  const startAt = toks.findIndex((token) => token.start >= verbFrom && token.kind === 'num');
  // The verb between 分别 and the first amount: one or two characters (加 / 扣 / 扣减).
  if (startAt < 0 || toks[startAt]!.start - verbFrom > 2 || toks[startAt]!.start >= end) return undefined;
  let at = toks[startAt]!.start;
  for (let k = startAt; k < toks.length && amounts.length < count; k++) {
    const token = toks[k]!;
    if (token.start < at) continue;
    if (token.start !== at || token.kind !== 'num' || token.q.unit !== '分') break;
    amounts.push({ start: token.start, end: token.end });
    const next = skipSeparator(norm, token.end);
    if (next === undefined) break;
    at = next;
  }
  if (amounts.length !== count) return undefined;
  return { start: word.at, end: amounts[amounts.length - 1]!.end, amounts, verbFrom };
}

/**
 * "不低于95%的，得2.5分；每减少1个百分点，扣0.5分；低于90%不得分" (corpus 06 (8), 2 (7), per category): a cut-off the
 * steps already reach — 5 steps of 0.5 from 95 to 90 take all 2.5 points, so below 90 the score is 0
 * either way and the 不得分 adds nothing to the threshold steps. Read so only when the steps reach
 * the points at the cut-off figure exactly in whole steps or earlier; otherwise the review stays.
 */
function absorbStepCutoff(result: CompileResult, text: string): CompileResult {
  if (result.status !== 'needs-review' || result.rules.length !== 2) return result;
  const [stepsEntry, zeroEntry] = result.rules;
  const steps = stepsEntry!.rule;
  const zero = zeroEntry!.rule;
  const points = result.indicator?.points;
  if (steps.kind !== 'threshold-steps' || steps.effect !== 'score' || steps.direction !== 'below' || typeof steps.threshold !== 'number') return result;
  if (steps.step === undefined || steps.perStep === undefined || steps.initial !== undefined || steps.judgementBeyond !== undefined || points === undefined) return result;
  if (zero.kind !== 'zero' || zero.scope !== 'indicator') return result;
  const [start, end] = zeroEntry!.span;
  const toks = tokenize(normalizeRuleText(text).text, start, end);
  const [below, figure, noScore, ...rest] = toks;
  if (rest.some((token) => token.kind !== 'punct') || below?.kind !== 'word' || below.tag !== 'below' || figure?.kind !== 'num' || noScore?.kind !== 'word' || noScore.tag !== 'no-score') return result;
  if ((figure.q.unit === '%') !== (steps.metric.of === 'rate' && steps.metric.percent !== false)) return result;
  if (result.issues.some((entry) => entry.unread === undefined || entry.span[0] < start || entry.span[1] > end)) return result;
  const gap = P.sub(steps.threshold, figure.q.value);
  if (gap <= 0 || gap % steps.step !== 0) return result;
  if (P.cmp(P.mulInt(steps.perStep, gap / steps.step), points) < 0) return result;
  const cutoff: RuleParam = { name: 'cutoff', value: P.toStr(figure.q.value), phrase: text.slice(below.start, noScore.end) };
  const { reason: _reason, ...rest2 } = result;
  return { ...rest2, status: 'ok', issues: [], rules: [{ ...stepsEntry!, params: [...stepsEntry!.params, cutoff] }] };
}
