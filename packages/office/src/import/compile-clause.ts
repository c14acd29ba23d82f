import { toStr, type Dec } from '@kaohe/core';
import type { SourceRef } from '../document';
import { compileRuleText, type CompiledRule } from './rule-text';

export type ClauseCompile = {
  status: 'ok' | 'needs-review';
  rules: CompiledRule[];
  reason?: string;
  warnings: string[];
  manualEffect: 'score' | 'deduction';
  /** "（1 分）" written once in the clause. */
  points?: Dec;
  deductionCap?: Dec;
  bonusCap?: Dec;
  /** 累计加减分不超过N分: the item's net ± cap. */
  netCap?: Dec;
  /** The phrases the compiler could not read, each with its reason and its suggested reading (the report's work list). */
  unread: { text: string; reason: string; suggestion?: string }[];
  /** "产区得4分，非产区得3分": the item's points by unit category, in the document's words. */
  pointsByCategory?: Record<string, Dec>;
  /** 倒扣: the item may score below zero (its `floor: null`). */
  allowNegative?: true;
  /** "其余站所得分为一线站所得分的平均分": the item's N/A policy; `who` (marked not applicable) take the average of `of`. */
  notApplicable?: { policy: 'average-of-others'; who: string; of: string };
};

/** Item policies a newer compiler may return beside the ones this importer always applied. */
type ItemPolicies = { pointsByCategory?: Record<string, Dec> };

/**
 * Compiles one clause text with the core's rule-text compiler. A rule the compiler built but wants a
 * person to confirm (its `review`) makes the clause needs-review too, with that reason.
 */
export function compileClause(text: string, opts: { source?: SourceRef; deduction?: boolean; points?: Dec } = {}): ClauseCompile {
  const result = compileRuleText(text, { ...(opts.source ? { source: toCoreSource(opts.source) } : {}), ...(opts.points !== undefined ? { points: opts.points } : {}) });
  const points = result.indicator?.points;
  const manualEffect: 'score' | 'deduction' = opts.deduction || (points === undefined && /扣/.test(text)) ? 'deduction' : 'score';
  const unread = result.issues.map((i) => {
    const suggestion = (i as { suggestion?: unknown }).suggestion;
    return { text: i.text, reason: i.reason, ...(typeof suggestion === 'string' && suggestion !== '' ? { suggestion } : {}) };
  });
  const policies = (result.indicator ?? {}) as ItemPolicies;
  const out: ClauseCompile = { status: result.status, rules: result.rules, warnings: result.warnings, manualEffect, unread };
  if (result.status === 'needs-review') out.reason = result.reason ?? '未能完整识别计分规则';
  const forIndicators = result.indicator?.averageForIndicators;
  if (forIndicators) {
    // Read, but not applied (2026-12-03): the policy would live only on the other indicators, and an exported
    // sheet has no row to carry it, so export → import would lose it. A person sets it on those indicators.
    const { subject, of } = forIndicators;
    out.status = 'needs-review';
    out.reason = `本行规定写有“${subject}”的指标在不涉及时按${of}平均分计分，不是本行的计分规则`;
    out.unread = [...unread, { text, reason: out.reason, suggestion: `在写有“${subject}”的指标上设置“不适用时取其他单位平均分”（average-of-others），并删去本行` }];
  } else if (result.status === 'ok' && result.rules.length === 0) {
    out.status = 'needs-review';
    out.reason = '未找到计分规则';
  }
  const split = categoryPoints(text);
  const byCategory = policies.pointsByCategory;
  if (split && byCategory && split.every((w) => w in byCategory)) out.pointsByCategory = byCategory;
  else if (out.status === 'ok' && byCategory) {
    // The compiler read points by category the importer could not match to the words it found: the
    // clause must not be ok (its rule alone would score wrong).
    out.status = 'needs-review';
    out.reason = `分值按单位类别不同（${Object.entries(byCategory).map(([k, v]) => `${k}${toStr(v)}分`).join('，')}），需在指标上按类别设置分值`;
  } else if (split && !rulesKeyBy(result.rules, split)) {
    // "产区得4分，非产区得3分" read as two rules would add the two amounts up: a wrong score marked ok.
    out.status = 'needs-review';
    const why = `分值按单位类别不同（${split.join('、')}），同一条款只取本单位类别的分值，不能按两条规则相加；请按单位类别设置分值`;
    out.reason = out.reason ? `${out.reason}；${why}` : why;
    out.unread = [...unread, { text: split.join('…'), reason: why }];
  }
  // 倒扣 below zero: the item that holds the clause gets no floor (layout-common applyClausePolicies).
  if (result.indicator?.allowNegative) out.allowNegative = true;
  if (points !== undefined) out.points = points;
  if (result.indicator?.deductionCap !== undefined) out.deductionCap = result.indicator.deductionCap;
  if (result.indicator?.bonusCap !== undefined) out.bonusCap = result.indicator.bonusCap;
  if (result.indicator?.netCap !== undefined) out.netCap = result.indicator.netCap;
  if (result.indicator?.notApplicable) out.notApplicable = result.indicator.notApplicable;
  return out;
}

function toCoreSource(s: SourceRef): { file: string; table?: number; row?: number; line?: number } {
  return { file: s.file, ...(s.table !== undefined ? { table: s.table } : {}), ...(s.row !== undefined ? { row: s.row } : {}), ...(s.line !== undefined ? { line: s.line } : {}) };
}

/** "产区得4分，非产区得3分" / "城区得2分，其他地区得1分": the category words when a sentence gives points per unit category. */
export function categoryPoints(text: string): string[] | undefined {
  const m = /([\p{Script=Han}]{1,6}?)(?:的)?得\s*[\d.]+\s*分\s*[，,、；;]\s*(非\1|其[他余][\p{Script=Han}]{0,4}?)(?:的)?得\s*[\d.]+\s*分/u.exec(text.replace(/\s+/g, ''));
  return m ? [m[1]!, m[2]!] : undefined;
}

/** True when a compiled rule already keys its amounts by those category words (the compiler read the split). */
function rulesKeyBy(rules: readonly CompiledRule[], words: readonly string[]): boolean {
  return rules.some((r) => {
    const json = JSON.stringify([r.rule, r.ruleByCategory ?? {}]);
    return words.every((w) => json.includes(`"${w}"`));
  });
}

