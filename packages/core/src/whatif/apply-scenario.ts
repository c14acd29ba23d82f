import { CoreError } from '../errors';
import * as P from '../points';
import type { Rule } from '../rules/rule.types';
import type { Fact } from '../scheme/fact.types';
import type { Grading, Indicator, Scheme } from '../scheme/scheme.types';
import type { EvaluationResult } from '../scoring/result.types';
import type { AppliedOp, Scenario, ScenarioOp } from './scenario.types';

/**
 * Applies a scenario to copies of the scheme and facts. The inputs are never mutated: the scheme's
 * indicator tree is copied along the path of a replaced clause only, the grading is copied when a
 * quota or band changes, and the facts are a new list. `before` (the evaluation of the unchanged
 * inputs) is what an appeal reverses: the facts its ledger lines cite.
 *
 * An operation that names a unit, clause, grade or fact the inputs do not have is refused with a
 * CoreError naming the operation, rather than silently doing nothing.
 */
/**
 * A late deduction: a lateness fact, an occurrence recorded as 迟报 or 漏报, or any fact the calendar
 * wrote when a lead department confirmed its automatic late or missing proposal (id `calendar:…`,
 * docs/calendar.md), such as a missed deadline's flag.
 */
export const calendarFactIdPrefix = 'calendar:';
export function isLateDeduction(f: Fact): boolean {
  if (f.type === 'lateness' || f.id.startsWith(calendarFactIdPrefix)) return true;
  return f.type === 'occurrence' && (f.kind === '迟报' || f.kind === '漏报' || f.variant === '迟报' || f.variant === '漏报');
}

export function applyScenario(scheme: Scheme, facts: readonly Fact[], scenario: Scenario, before: EvaluationResult): { scheme: Scheme; facts: Fact[]; applied: AppliedOp[] } {
  let s = scheme;
  let list: Fact[] = [...facts];
  const applied: AppliedOp[] = [];
  // a scenario may name a unit by code, name or alias, as a facts file may
  const unitByName = new Map<string, string>();
  for (const u of scheme.units) for (const k of [u.code, u.name, ...(u.aliases ?? [])]) if (!unitByName.has(k)) unitByName.set(k, u.code);
  scenario.ops.forEach((given, index) => {
    let op = given;
    const at = `ops[${index}]`;
    const fail = (message: string): never => {
      throw new CoreError('unknown-reference', `情景“${scenario.name}”第 ${index + 1} 项（${op.op}）：${message}`, at);
    };
    const unitOf = (u: string): string => unitByName.get(u) ?? fail(`方案中没有单位“${u}”`);
    if ('unit' in op) op = { ...op, unit: unitOf(op.unit) };
    if (op.op === 'set-fact') op = { ...op, fact: { ...op.fact, unit: unitOf(op.fact.unit) } };
    const record = (summary: string, ids: string[]): void => {
      applied.push({ index, op: op.op, reason: op.reason, summary, facts: ids });
    };
    const drop = (pred: (f: Fact) => boolean): string[] => {
      const ids = list.filter(pred).map((f) => f.id);
      const gone = new Set(ids);
      list = list.filter((f) => !gone.has(f.id));
      return ids;
    };
    switch (op.op) {
      case 'uphold-judgement': {
        if (!hasRef(s, op.ref)) fail(`方案中没有条款或指标“${op.ref}”`);
        const id = `whatif:${index + 1}`;
        list.push({ id, type: 'judgement', unit: op.unit, ref: op.ref, amount: op.amount, reason: op.reason, source: { doc: `情景：${scenario.name}` } });
        record(`${op.unit} ${op.ref} 认定 ${P.toStr(op.amount)} 分`, [id]);
        return;
      }
      case 'waive-fact': {
        const ids = drop((f) => f.id === op.fact);
        if (ids.length === 0) fail(`没有编号为“${op.fact}”的事实`);
        record(`不计事实 ${op.fact}`, ids);
        return;
      }
      case 'appeal-upheld': {
        const result = before.units.find((u) => u.unit === op.unit)!;
        const lines = op.line === undefined ? result.ledger : result.ledger.slice(op.line, op.line + 1);
        if (op.line !== undefined && lines[0]?.ref !== op.ref) fail(`单位“${op.unit}”得分说明第 ${op.line} 行不属于“${op.ref}”`);
        const cited = new Set(lines.filter((l) => l.ref === op.ref && !P.isZero(l.amount)).flatMap((l) => l.facts));
        if (cited.size === 0) fail(`单位“${op.unit}”在“${op.ref}”没有引用事实的得失分行，无法按申诉撤销`);
        const ids = drop((f) => cited.has(f.id));
        record(`撤销 ${op.unit} 在 ${op.ref} 的 ${ids.length} 条事实`, ids);
        return;
      }
      case 'replace-rule': {
        const replaced = replaceClauseRule(s.indicators, op.clause, op.rule);
        if (!replaced) fail(`方案中没有条款“${op.clause}”`);
        s = { ...s, indicators: replaced! };
        record(`条款 ${op.clause} 改按 ${op.rule.kind} 规则计分`, []);
        return;
      }
      case 'set-quota': {
        const g = gradingOf(s, op.grade, fail);
        const others = (g.quotas ?? []).filter((q) => q.grade !== op.grade);
        const quota = op.max !== undefined || op.maxPercent !== undefined ? [{ grade: op.grade, scope: op.scope ?? 'group', ...(op.max !== undefined ? { max: op.max } : {}), ...(op.maxPercent !== undefined ? { maxPercent: op.maxPercent } : {}) }] : [];
        s = { ...s, grading: { ...g, quotas: [...others, ...quota] } };
        record(quota.length ? `等次 ${op.grade} 名额改为 ${op.max ?? `${P.toStr(op.maxPercent!)}%`}` : `取消等次 ${op.grade} 的名额`, []);
        return;
      }
      case 'set-band': {
        const g = gradingOf(s, op.grade, fail);
        const bands = g.bands ?? [];
        if (!bands.some((b) => b.grade === op.grade)) fail(`等次“${op.grade}”没有分数线`);
        s = { ...s, grading: { ...g, bands: bands.map((b) => (b.grade === op.grade ? { ...b, min: op.min } : b)) } };
        record(`等次 ${op.grade} 分数线改为 ${P.toStr(op.min)}`, []);
        return;
      }
      case 'waive-late': {
        const ids = drop((f) => isLateDeduction(f) && f.unit === op.unit && (op.ref === undefined || f.ref === op.ref));
        if (ids.length === 0) fail(`单位“${op.unit}”${op.ref ? `在“${op.ref}”` : ''}没有迟报记录`);
        record(`免除 ${op.unit} 的 ${ids.length} 条迟报扣分`, ids);
        return;
      }
      case 'set-fact': {
        if (!hasRef(s, op.fact.ref)) fail(`方案中没有条款或指标“${op.fact.ref}”`);
        const i = list.findIndex((f) => f.id === op.fact.id);
        if (i >= 0) list = list.map((f, j) => (j === i ? op.fact : f));
        else list.push(op.fact);
        record(`${i >= 0 ? '修改' : '增加'}事实 ${op.fact.id}`, [op.fact.id]);
        return;
      }
      default:
        assertNever(op);
    }
  });
  return { scheme: s, facts: list, applied };
}

function assertNever(op: never): never {
  throw new CoreError('scheme-invalid', `未知的情景操作：${(op as ScenarioOp).op}`);
}

function gradingOf(s: Scheme, grade: string, fail: (m: string) => never): Grading {
  if (!s.grading) fail('方案没有等次评定规则');
  if (!s.grading!.grades.some((g) => g.code === grade)) fail(`方案中没有等次“${grade}”`);
  return s.grading!;
}

/** The tree with one clause's rule replaced (copying only the path to it), or undefined when absent. */
function replaceClauseRule(list: readonly Indicator[], code: string, rule: Rule): Indicator[] | undefined {
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const ci = (n.clauses ?? []).findIndex((c) => c.code === code);
    let next: Indicator | undefined;
    if (ci >= 0) next = { ...n, clauses: n.clauses!.map((c, j) => (j === ci ? { ...c, rule, status: 'ok' as const } : c)) };
    else if (n.children) {
      const kids = replaceClauseRule(n.children, code, rule);
      if (kids) next = { ...n, children: kids };
    }
    if (next) return list.map((x, j) => (j === i ? next! : x));
  }
  return undefined;
}

function hasRef(s: Scheme, ref: string): boolean {
  if (ref === 'grading') return true;
  const walk = (list: readonly Indicator[]): boolean => list.some((n) => n.code === ref || (n.clauses ?? []).some((c) => c.code === ref) || walk(n.children ?? []));
  return walk(s.indicators) || s.negativeList.some((n) => n.code === ref) || s.vetoes.some((v) => v.code === ref) || s.subAssessments.some((x) => x.code === ref);
}
