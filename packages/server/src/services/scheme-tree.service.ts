import { parseFacts } from '@kaohe/contract';
import { describeClauseRule, describeLine, evaluate, lintScheme, peerMetric, toStr, type Clause, type ClauseResult, type Indicator, type NodeResult, type Scheme } from '@kaohe/core';
import { AppError } from '../lib/app-error';
import { validateFacts } from './evaluator';
import type { SchemeDocument } from './scheme-document';
import { findClause } from './scheme-review.service';

type Named = { code: string; name: string };
const namesOf = (codes: readonly string[] | undefined, list: readonly Named[]): string[] => (codes ?? []).map((c) => list.find((x) => x.code === c)?.name ?? c);
const sourceOf = (c: Clause): string | null => (c.source?.file ? `${c.source.file}${c.source.line !== undefined ? `:${c.source.line}` : ''}` : null);

/** The indicator tree flattened in pre-order (parents first), each clause with its rule in Chinese. */
export function schemeTree(scheme: Scheme, document: SchemeDocument) {
  const nodes: {
    code: string;
    parent: string | null;
    depth: number;
    title: string;
    points: string | null;
    pointsVary: boolean;
    isBonus: boolean;
    rescaleFrom: string | null;
    target: { text: string | null; value: string | null; unit: string | null } | null;
    clauses: ReturnType<typeof clauseView>[];
  }[] = [];
  const clauseView = (c: Clause) => ({
    code: c.code,
    text: c.text,
    points: c.points === undefined ? null : toStr(c.points),
    ruleKind: c.rule.kind,
    ruleText: describeClauseRule(c),
    categoryRules: Object.keys(c.ruleByCategory ?? {}),
    // the file-format rule (decimals as written), which is what an edit sends back
    rule: ((findClause(document, c.code)?.rule as Record<string, unknown> | undefined) ?? { kind: c.rule.kind }),
    status: c.status ?? 'ok',
    reviewReason: c.reviewReason ?? null,
    source: sourceOf(c),
    divisions: namesOf(c.divisions, scheme.divisions),
    leaders: namesOf(c.leaders, scheme.leaders),
    isCrossUnit: peerMetric(c.rule) !== undefined,
  });
  const walk = (list: readonly Indicator[], parent: string | null, depth: number) => {
    for (const n of list) {
      nodes.push({
        code: n.code,
        parent,
        depth,
        title: n.title,
        points: n.points === undefined ? null : toStr(n.points),
        pointsVary: Object.keys(n.pointsByCategory ?? {}).length > 0 || Object.keys(n.pointsByUnit ?? {}).length > 0,
        isBonus: n.role === 'bonus',
        rescaleFrom: n.rescale ? toStr(n.rescale.from) : null,
        target: n.target ? { text: n.target.text ?? null, value: n.target.value === undefined ? null : toStr(n.target.value), unit: n.target.unit ?? null } : null,
        clauses: (n.clauses ?? []).map(clauseView),
      });
      walk(n.children ?? [], n.code, depth + 1);
    }
  };
  walk(scheme.indicators, null, 0);
  return {
    title: scheme.title,
    nodes,
    units: scheme.units.map((u) => ({ code: u.code, name: u.name, category: u.category })),
    lint: lintScheme(scheme).map((i) => ({ severity: i.severity, message: `${i.path}：${i.message}` })),
  };
}

/** Clause code → the indicator path above it (titles) and the clause, for the responsibility matrix. */
export function responsibilityRows(scheme: Scheme) {
  const rows: { clauseCode: string; indicatorPath: string; text: string; points: string | null; divisions: string[]; leaders: string[]; assessors: string[] }[] = [];
  const walk = (list: readonly Indicator[], path: string[], inherited: { divisions?: string[]; leaders?: string[]; assessors?: string[] }) => {
    for (const n of list) {
      const own = {
        divisions: n.divisions?.length ? n.divisions : inherited.divisions,
        leaders: n.leaders?.length ? n.leaders : inherited.leaders,
        assessors: n.leadAssessors?.length ? n.leadAssessors : inherited.assessors,
      };
      const here = [...path, n.title];
      for (const c of n.clauses ?? []) {
        rows.push({
          clauseCode: c.code,
          indicatorPath: here.length > 2 ? `${here[0]} › ${here[here.length - 1]}` : here.join(' › '),
          text: c.text,
          points: c.points === undefined ? null : toStr(c.points),
          divisions: namesOf(c.divisions?.length ? c.divisions : own.divisions, scheme.divisions),
          leaders: namesOf(c.leaders?.length ? c.leaders : own.leaders, scheme.leaders),
          assessors: namesOf(c.leadAssessors?.length ? c.leadAssessors : own.assessors, scheme.assessors),
        });
      }
      walk(n.children ?? [], here, own);
    }
  };
  walk(scheme.indicators, [], {});
  return rows;
}

const statusNamesZh: Record<string, string> = { scored: '已计分', clamped: '已计分（受上下限约束）', 'not-applicable': '不适用', 'needs-judgement': '待评定（缺少事实或评分）', 'needs-review': '待复核（规则未编译）', vetoed: '一票否决' };

function findClauseResult(nodes: readonly NodeResult[], code: string): { clause: ClauseResult; node: NodeResult } | null {
  for (const n of nodes) {
    const hit = n.clauses.find((c) => c.code === code);
    if (hit) return { clause: hit, node: n };
    const deeper = findClauseResult(n.children, code);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * Scores one clause on the facts a person types in, through the real engine: the whole scheme is
 * evaluated with those facts only (for the one unit), and the clause's result and ledger lines are read
 * back. A clause that compares units (rank bands, relative to the best…) cannot be tried alone: the
 * answer would rank the unit among nobody, so it is refused rather than shown.
 */
export function tryClause(scheme: Scheme, clauseCode: string, input: { unitCode?: string | undefined; facts: Record<string, unknown>[] }) {
  let clause: Clause | undefined;
  const find = (list: readonly Indicator[]): void => {
    for (const n of list) {
      clause ??= n.clauses?.find((c) => c.code === clauseCode);
      find(n.children ?? []);
    }
  };
  find(scheme.indicators);
  if (!clause) throw new AppError('not-found', `方案中没有条款“${clauseCode}”`);
  if (peerMetric(clause.rule) !== undefined) throw new AppError('bad-request', `条款“${clauseCode}”按组内各单位比较计分，不能单独试算；请在填报后重新计算并查看计分卡`);
  // a scheme imported before its units are known (a 清单 of one department) is tried on a stand-in unit
  // of its first category, to which every clause without a scope applies
  if (scheme.units.length === 0 && !input.unitCode) {
    const category = scheme.unitCategories[0]?.code ?? '试算类别';
    scheme = {
      ...scheme,
      unitCategories: scheme.unitCategories.length ? scheme.unitCategories : [{ code: category, name: '试算类别' }],
      units: [{ code: '试算单位', name: '试算单位（方案中尚无单位）', category }],
    };
  }
  const candidates = input.unitCode ? scheme.units.filter((u) => u.code === input.unitCode) : scheme.units;
  if (input.unitCode && candidates.length === 0) throw new AppError('bad-request', `方案中没有单位“${input.unitCode}”`, { issues: [{ path: 'body.unitCode', message: `方案中没有单位“${input.unitCode}”` }] });
  for (const unit of candidates) {
    const facts = input.facts.map((f, i) => ({ id: `试算${i + 1}`, ...f, unit: unit.code, ref: clauseCode }));
    validateFacts(facts, scheme, 'body.facts');
    const parsed = parseFacts(JSON.stringify({ facts }), 'facts.json', scheme);
    const result = evaluate(scheme, parsed).units.find((u) => u.unit === unit.code);
    const found = result ? findClauseResult(result.nodes, clauseCode) : null;
    if (!result || !found) continue; // the clause does not apply to this unit
    const lines = result.ledger.filter((l) => l.ref === clauseCode).map((l) => ({ amount: toStr(l.amount), text: describeLine(l) }));
    const points = clause.points ?? found.node.points;
    return {
      clauseCode,
      unitCode: unit.code,
      unitName: unit.name,
      status: found.clause.status,
      statusName: statusNamesZh[found.clause.status] ?? found.clause.status,
      points: points === undefined ? null : toStr(points),
      score: toStr(found.clause.score),
      deduction: toStr(found.clause.deduction),
      bonus: toStr(found.clause.bonus),
      lines,
    };
  }
  throw new AppError('bad-request', input.unitCode ? `条款“${clauseCode}”不适用于单位“${input.unitCode}”` : `条款“${clauseCode}”不适用于方案中的任何单位`);
}
