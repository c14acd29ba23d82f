import type { SchemeTreeNode } from '@kaohe/contract/api/scheme-editor';
import { decimalsEqual, sumDecimals } from '../../lib/decimal';

export type TreeRow = SchemeTreeNode & { key: string; children?: TreeRow[] };
export type SumCheck = { state: 'ok' | 'mismatch' | 'none' | 'invalid'; childrenSum: string | null; expected: string | null };

/** The flat pre-order list from the server as nested rows, with the points being edited applied. */
export function treeRows(nodes: readonly SchemeTreeNode[], edits: Readonly<Record<string, string>> = {}): TreeRow[] {
  const byCode = new Map<string, TreeRow>();
  const roots: TreeRow[] = [];
  for (const node of nodes) {
    const row: TreeRow = { ...node, key: node.code, points: edits[node.code] ?? node.points };
    byCode.set(node.code, row);
    const parent = node.parent ? byCode.get(node.parent) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

/**
 * Whether a node's children add up to it, as the core's lint checks it (lint-scheme.ts points-sum):
 * bonus children are outside the sum, a rescaled item's children add up to its scale, and a node
 * with a child without points (a deduction list) is not checked.
 */
export function sumCheck(row: TreeRow): SumCheck {
  const kids = (row.children ?? []).filter((c) => !c.isBonus);
  if (row.points === null || row.points === '' || kids.length === 0 || kids.some((c) => c.points === null || c.points === '')) return { state: 'none', childrenSum: null, expected: null };
  const childrenSum = sumDecimals(kids.map((c) => c.points));
  const expected = row.rescaleFrom ?? row.points;
  if (childrenSum === null || sumDecimals([expected]) === null) return { state: 'invalid', childrenSum, expected };
  return { state: decimalsEqual(childrenSum, expected) ? 'ok' : 'mismatch', childrenSum, expected };
}

/** Every node whose children do not add up, for the summary above the tree. */
export function mismatches(rows: readonly TreeRow[]): { row: TreeRow; check: SumCheck }[] {
  const out: { row: TreeRow; check: SumCheck }[] = [];
  const walk = (list: readonly TreeRow[]) => {
    for (const row of list) {
      const check = sumCheck(row);
      if (check.state === 'mismatch' || check.state === 'invalid') out.push({ row, check });
      walk(row.children ?? []);
    }
  };
  walk(rows);
  return out;
}

/** How many nodes have children whose points can be added up against them. */
export function checkedCount(rows: readonly TreeRow[]): number {
  return rows.reduce((n, row) => n + (sumCheck(row).state === 'none' ? 0 : 1) + checkedCount(row.children ?? []), 0);
}
