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
  /** The phrases the compiler could not read, each with its reason (the report's work list). */
  unread: { text: string; reason: string }[];
};

/**
 * Compiles one clause text with the core's rule-text compiler. A rule the compiler built but wants a
 * person to confirm (its `review`) makes the clause needs-review too, with that reason.
 */
export function compileClause(text: string, opts: { source?: SourceRef; deduction?: boolean; points?: Dec } = {}): ClauseCompile {
  const result = compileRuleText(text, { ...(opts.source ? { source: toCoreSource(opts.source) } : {}), ...(opts.points !== undefined ? { points: opts.points } : {}) });
  const points = result.indicator?.points;
  const manualEffect: 'score' | 'deduction' = opts.deduction || (points === undefined && /扣/.test(text)) ? 'deduction' : 'score';
  const unread = result.issues.map((i) => ({ text: i.text, reason: i.reason }));
  const out: ClauseCompile = { status: result.status, rules: result.rules, warnings: result.warnings, manualEffect, unread };
  if (result.status === 'needs-review') out.reason = result.reason ?? '未能完整识别计分规则';
  if (result.status === 'ok' && result.rules.length === 0) {
    out.status = 'needs-review';
    out.reason = '未找到计分规则';
  }
  // Item policies the import does not apply yet: points by unit category, 倒扣 below zero. Until it
  // sets them on the indicator, the clause must not be ok (its rule alone would score wrong).
  const category = result.indicator?.pointsByCategory;
  if (out.status === 'ok' && category) {
    out.status = 'needs-review';
    out.reason = `分值按单位类别不同（${Object.entries(category).map(([k, v]) => `${k}${toStr(v)}分`).join('，')}），需在指标上按类别设置分值`;
  } else if (out.status === 'ok' && result.indicator?.allowNegative) {
    out.status = 'needs-review';
    out.reason = '“倒扣”可扣至负分，需将本项的最低分设为不限（floor: null）';
  }
  if (points !== undefined) out.points = points;
  if (result.indicator?.deductionCap !== undefined) out.deductionCap = result.indicator.deductionCap;
  if (result.indicator?.bonusCap !== undefined) out.bonusCap = result.indicator.bonusCap;
  return out;
}

function toCoreSource(s: SourceRef): { file: string; table?: number; row?: number; line?: number } {
  return { file: s.file, ...(s.table !== undefined ? { table: s.table } : {}), ...(s.row !== undefined ? { row: s.row } : {}), ...(s.line !== undefined ? { line: s.line } : {}) };
}
