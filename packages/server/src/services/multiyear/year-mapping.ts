import { add, dec, type Dec, toStr, ZERO } from '@kaohe/core';
import { AppError } from '../../lib/app-error';

/**
 * Next year's scheme from this year's (docs/whatif.md), on the stored document (file format:
 * decimals as text). Codes the mapping does not name are kept. The mapping says, per indicator:
 * - changed: `from` → `to` (renamed), optionally with a new title and points;
 * - split: one `from` in several rows, each with its `to`, title and points; the clauses and
 *   children go to the first part, the other parts start as leaf items scored by the assessor;
 * - merged: several `from` rows with one `to`: the first gets the code, the title and points given
 *   (default: the sum of the merged items' points) and the clauses and children of all;
 * - removed: the indicator leaves the scheme.
 * Whatever the copy cannot decide alone is listed in `todo` for the 考评办.
 */
export type MappingKind = 'changed' | 'split' | 'merged' | 'removed';
export type MappingRow = { from: string; to?: string | undefined; kind: MappingKind; title?: string | undefined; points?: string | undefined; note?: string | undefined };

type Node = { code: string; title: string; points?: string; children?: Node[]; clauses?: { code: string }[]; [k: string]: unknown };
type Doc = { year: number; code: string; indicators: Node[]; [k: string]: unknown };

const pts = (s: string | undefined): Dec => dec(s ?? '0');
const total = (list: readonly (string | undefined)[]): Dec => list.reduce<Dec>((acc, v) => add(acc, pts(v)), ZERO);

export function applyYearMapping(source: unknown, mapping: readonly MappingRow[], year: number): { document: Doc; todo: string[] } {
  const doc = structuredClone(source) as Doc;
  doc.year = year;
  doc.code = `${String(doc.code).replace(/-?\d{4}$/, '')}-${year}`;
  const todo: string[] = [];
  const index = new Map<string, { node: Node; siblings: Node[] }>();
  const walk = (list: Node[]): void => {
    for (const n of list) {
      index.set(n.code, { node: n, siblings: list });
      walk(n.children ?? []);
    }
  };
  walk(doc.indicators);
  const bad = (i: number, message: string): never => {
    throw new AppError('bad-request', `对应关系第 ${i + 1} 行：${message}`, { issues: [{ path: `mapping.${i}`, message }] });
  };
  const at = (i: number, code: string) => index.get(code) ?? bad(i, `本年方案中没有指标“${code}”`);
  const byFrom = new Map<string, number[]>();
  const byTo = new Map<string, number[]>();
  mapping.forEach((m, i) => {
    if (m.kind !== 'removed' && !m.to) bad(i, `${m.kind} 须写明新指标编码（to）`);
    if (m.kind === 'removed' && m.to) bad(i, 'removed 不应有新指标编码（to）');
    at(i, m.from);
    byFrom.set(m.from, [...(byFrom.get(m.from) ?? []), i]);
    if (m.to) byTo.set(m.to, [...(byTo.get(m.to) ?? []), i]);
  });
  for (const [from, rows] of byFrom) if (rows.length > 1 && rows.some((i) => mapping[i]!.kind !== 'split')) bad(rows[1]!, `指标“${from}”出现在多行，只有拆分（split）可以这样写`);
  for (const [to, rows] of byTo) {
    if (rows.length > 1 && rows.some((i) => mapping[i]!.kind !== 'merged')) bad(rows[1]!, `新指标“${to}”出现在多行，只有合并（merged）可以这样写`);
    if (index.has(to) && !rows.some((i) => mapping[i]!.from === to)) bad(rows[0]!, `新指标编码“${to}”已被本年方案中的另一个指标使用`);
  }
  const remove = (code: string): void => {
    const { node, siblings } = index.get(code)!;
    siblings.splice(siblings.indexOf(node), 1);
  };
  for (const [from, rows] of byFrom) {
    const m = mapping[rows[0]!]!;
    const { node, siblings } = index.get(from)!;
    if (m.kind === 'removed') {
      remove(from);
      todo.push(`指标 ${from}（${node.title}）已删除：请核对其上级指标的分值`);
    } else if (m.kind === 'changed') {
      node.code = m.to!;
      if (m.title) node.title = m.title;
      if (m.points) node.points = m.points;
    } else if (m.kind === 'split') {
      const parts = rows.map((i) => mapping[i]!);
      parts.forEach((p, j) => {
        if (!p.points) bad(rows[j]!, `拆分出的指标“${p.to}”须写明分值（points）`);
      });
      const { children, clauses, ...rest } = node;
      const first: Node = { ...rest, code: parts[0]!.to!, title: parts[0]!.title ?? node.title, points: parts[0]!.points!, ...(children ? { children } : {}), ...(clauses ? { clauses } : {}) };
      const others: Node[] = parts.slice(1).map((p) => ({ code: p.to!, title: p.title ?? `${node.title}（拆分）`, points: p.points! }));
      siblings.splice(siblings.indexOf(node), 1, first, ...others);
      if (pts(node.points) !== total(parts.map((p) => p.points))) todo.push(`指标 ${from} 拆分后的分值合计与原分值 ${node.points ?? '无'} 不同：请核对上级指标的分值`);
      for (const o of others) todo.push(`拆分出的指标 ${o.code}（${o.title}）暂无评分细则，按考核部门评分计：请补充细则`);
    }
  }
  for (const [to, rows] of byTo) {
    const m = mapping[rows[0]!]!;
    if (m.kind !== 'merged') continue;
    const merged = rows.map((i) => index.get(mapping[i]!.from)!.node);
    const head = merged[0]!;
    const points = m.points ?? mapping.find((r) => r.to === to && r.points)?.points ?? toStr(total(merged.map((n) => n.points)));
    head.children = merged.flatMap((n) => n.children ?? []);
    head.clauses = merged.flatMap((n) => n.clauses ?? []);
    if (head.children.length === 0) delete head.children;
    if (head.clauses.length === 0) delete head.clauses;
    head.code = to;
    head.title = m.title ?? merged.map((n) => n.title).join('、');
    head.points = points;
    for (const n of merged.slice(1)) {
      const s = index.get(n.code)!;
      s.siblings.splice(s.siblings.indexOf(n), 1);
    }
  }
  remapReferences(doc, mapping, todo);
  return { document: doc, todo };
}

/** Other places that name an indicator (target cascades, veto effects) follow its new code; a removed one's go, with a note. */
function remapReferences(doc: Doc, mapping: readonly MappingRow[], todo: string[]): void {
  const next = new Map<string, string | null>();
  for (const m of mapping) if (!next.has(m.from)) next.set(m.from, m.kind === 'removed' ? null : m.to!);
  const cascades = doc['cascades'] as { code: string; indicator: string }[] | undefined;
  if (cascades) {
    doc['cascades'] = cascades.filter((c) => {
      if (!next.has(c.indicator)) return true;
      const to = next.get(c.indicator)!;
      if (to === null) todo.push(`目标分解 ${c.code} 所属指标 ${c.indicator} 已删除，该目标分解一并删除`);
      else c.indicator = to;
      return to !== null;
    });
  }
  for (const v of (doc['vetoes'] as { code: string; effects: { type: string; indicator?: string }[] }[] | undefined) ?? []) {
    v.effects = v.effects.filter((e) => {
      if (e.type !== 'zero-indicator' || !e.indicator || !next.has(e.indicator)) return true;
      const to = next.get(e.indicator)!;
      if (to === null) todo.push(`一票否决 ${v.code} 的“该项不得分”所指指标 ${e.indicator} 已删除，该效果一并删除`);
      else e.indicator = to;
      return to !== null;
    });
  }
}
