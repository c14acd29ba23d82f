import * as P from '../points';
import type { ClauseResult, LedgerLine, NodeResult, UnitResult } from '../scoring/result.types';
import { describeLine, isIntegerParam } from './explain';

/**
 * A unit's result as plain JSON for people and clients: every amount is an exact decimal string
 * ("-0.6"), never the engine's internal millionths; ledger parameters are formatted the same way
 * and each line carries its Chinese text. Documented in docs/scheme-format.md (输出).
 */
export type LedgerLineJson = Omit<LedgerLine, 'amount' | 'params' | 'path'> & { path: string[]; amount: string; params: Record<string, string | number>; text: string };
export type ClauseResultJson = Omit<ClauseResult, 'score' | 'deduction' | 'bonus'> & { score: string; deduction: string; bonus: string };
export type NodeResultJson = Omit<NodeResult, 'points' | 'score' | 'deduction' | 'bonus' | 'children' | 'clauses'> & {
  points?: string;
  score: string;
  deduction: string;
  bonus: string;
  children: NodeResultJson[];
  clauses: ClauseResultJson[];
};
export type UnitResultJson = Omit<UnitResult, 'total' | 'itemsTotal' | 'bonusTotal' | 'negativeTotal' | 'deductionTotal' | 'nodes' | 'ledger'> & {
  total: string;
  itemsTotal: string;
  bonusTotal: string;
  negativeTotal: string;
  deductionTotal: string;
  nodes: NodeResultJson[];
  ledger: LedgerLineJson[];
};

const s = P.toStr;

export function ledgerLineJson(l: LedgerLine): LedgerLineJson {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(l.params)) params[k] = typeof v === 'number' && !isIntegerParam(k) ? s(v as P.Dec) : v;
  return { ...l, path: [...l.path], amount: s(l.amount), params, text: describeLine(l) };
}

function clauseJson(c: ClauseResult): ClauseResultJson {
  return { ...c, score: s(c.score), deduction: s(c.deduction), bonus: s(c.bonus) };
}

export function nodeResultJson(n: NodeResult): NodeResultJson {
  const { points, children, clauses, ...rest } = n;
  return {
    ...rest,
    ...(points !== undefined ? { points: s(points) } : {}),
    score: s(n.score),
    deduction: s(n.deduction),
    bonus: s(n.bonus),
    children: children.map(nodeResultJson),
    clauses: clauses.map(clauseJson),
  };
}

export function unitResultJson(u: UnitResult): UnitResultJson {
  return {
    ...u,
    total: s(u.total),
    itemsTotal: s(u.itemsTotal),
    bonusTotal: s(u.bonusTotal),
    negativeTotal: s(u.negativeTotal),
    deductionTotal: s(u.deductionTotal),
    nodes: u.nodes.map(nodeResultJson),
    ledger: u.ledger.map(ledgerLineJson),
  };
}
