import type { Code, Indicator } from '../scheme/scheme.types';
import type { SchemeIndex } from '../scheme/scheme-index';

/**
 * The indicator tree of a scheme numbered once, for re-scoring only what a fact change reaches.
 * Nodes are numbered in post-order (children before their parent, as `evalNode` finishes them), so
 * the subtree of node `o` is the numbers `o − size[o] + 1 … o`, in the order a fresh evaluation
 * visits them. `byCode` is the fact → node index: for every code a node's subtree reads (the node's
 * own code, its clauses' codes and shared data items), the numbers of the nodes whose score can move
 * when facts at that code change — the node reading it and all its ancestors.
 */
export type TreeIndex = {
  count: number;
  /** Node by number. */
  nodes: Indicator[];
  /** Subtree size by number (the node itself included). */
  size: Int32Array;
  /** Children's numbers of each node, in the scheme's order. */
  kids: number[][];
  /** Numbers of `scheme.indicators`, in order. */
  tops: number[];
  byCode: Map<Code, number[]>;
  /** Numbers of the nodes whose subtree holds a clause of a dedupe group (P27 reads them together). */
  dedupe: number[];
  /** Codes the vetoes read: a change there can zero any indicator, so nothing is reused. */
  vetoCodes: Set<Code>;
};

const trees = new WeakMap<SchemeIndex, TreeIndex>();

export function treeOf(index: SchemeIndex): TreeIndex {
  let t = trees.get(index);
  if (t) return t;
  const nodes: Indicator[] = [];
  const sizes: number[] = [];
  const kids: number[][] = [];
  const byCode = new Map<Code, number[]>();
  const dedupe: number[] = [];
  /** Codes read by each node's own facts and clauses, by number. */
  const reads: Code[][] = [];
  const hasDedupe: boolean[] = [];
  const walk = (node: Indicator): number => {
    const mine: number[] = [];
    let size = 1;
    let dd = false;
    for (const child of node.children ?? []) {
      const o = walk(child);
      mine.push(o);
      size += sizes[o]!;
      dd ||= hasDedupe[o]!;
    }
    const codes: Code[] = [node.code];
    for (const c of node.clauses ?? []) {
      codes.push(c.code);
      if (c.dataItem !== undefined) codes.push(c.dataItem);
      if (c.dedupeGroup !== undefined) dd = true;
    }
    const o = nodes.length;
    nodes.push(node);
    sizes.push(size);
    kids.push(mine);
    reads.push(codes);
    hasDedupe.push(dd);
    return o;
  };
  const tops = index.scheme.indicators.map(walk);
  const count = nodes.length;
  // A node's ancestors are the nodes after it whose subtree contains it.
  const parent = new Int32Array(count).fill(-1);
  kids.forEach((list, p) => list.forEach((k) => (parent[k] = p)));
  for (let o = 0; o < count; o++) {
    if (hasDedupe[o]) dedupe.push(o);
    for (const code of reads[o]!) {
      let list = byCode.get(code);
      if (!list) byCode.set(code, (list = []));
      for (let a = o; a >= 0; a = parent[a]!) if (!list.includes(a)) list.push(a);
    }
  }
  const vetoCodes = new Set(index.scheme.vetoes.map((v) => v.code));
  t = { count, nodes, size: Int32Array.from(sizes), kids, tops, byCode, dedupe, vetoCodes };
  trees.set(index, t);
  return t;
}

/**
 * What scoring one node of one unit did, kept per unit in one `Float64Array` (`TRACE_WIDTH` numbers
 * per node, by node number), so a re-score can take a clean subtree as it was — its lines copied
 * from the previous store, its counts and sums added — without evaluating it:
 * flags, the subtree's lines [line0, line1) in the unit's store, the pending and needs-review counts
 * it added, how often it zeroed the unit, the deductions and excluded points it added, its effective
 * bonus and its score. Exact: every amount is an integer of micro-units (points.ts), far below 2^53.
 */
export const TRACE_WIDTH = 10;
export const T_FLAGS = 0;
export const T_LINE0 = 1;
export const T_LINE1 = 2;
export const T_PENDING = 3;
export const T_REVIEW = 4;
export const T_ZERO_UNIT = 5;
export const T_DEDUCTIONS = 6;
export const T_EXCLUDED = 7;
export const T_EFFECTIVE_BONUS = 8;
export const T_SCORE = 9;

/** The node was scored for the unit (in scope, not under a not-applicable ancestor). */
export const F_VISITED = 1;
/** One of its clauses zeroes its parent. */
export const F_ZERO_PARENT = 2;
/** The node itself is not applicable to the unit. */
export const F_NA = 4;
/** Its clauses were evaluated (their results are in the store from its slot's start). */
export const F_CLAUSES = 8;
/** Something in the subtree waits for a group average (only a full pass computes it). */
export const F_IMPUTE = 16;
