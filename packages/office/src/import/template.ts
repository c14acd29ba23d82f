import { dec, type Dec, type Target } from '@kaohe/core';
import type { BuildState, DraftNode } from './draft.types';

/**
 * Per-unit template blocks (001: twenty towns, each block "N．镇名" + the same 21-row table): unit
 * subtrees with the same shape are merged into one template applying to all of them. Where the blocks
 * differ the template keeps each unit's own figures: points in `pointsByUnit` (店镇 乡村振兴 50),
 * target texts in `targets` with the named numbers found by diffing the blocks.
 */
export function mergeTemplates(state: BuildState): void {
  const visit = (nodes: DraftNode[]): void => {
    // Only unit blocks made of indicators are templates; a unit row with its own clauses (01) is its own indicator.
    const units = nodes.filter((n) => n.kind === 'unit' && n.unit !== undefined && n.children.length > 0 && n.clauses.length === 0);
    if (units.length >= 2) {
      const bySig = new Map<string, DraftNode[]>();
      for (const u of units) {
        const sig = signature(u.children);
        bySig.set(sig, [...(bySig.get(sig) ?? []), u]);
      }
      for (const members of bySig.values()) {
        if (members.length < 2) continue;
        const merged = merge(members, state);
        const at = nodes.indexOf(members[0]!);
        nodes.splice(at, 1, ...merged);
        for (const m of members.slice(1)) nodes.splice(nodes.indexOf(m), 1);
        state.rows.push({ source: members[0]!.source, kind: 'merged', summary: `${members.length} 个单位（${members.map((m) => m.unit).join('、')}）的指标表结构相同，合并为一个模板，各单位的分值差异与目标数字分别记录` });
      }
    }
    for (const n of nodes) visit(n.children);
  };
  visit(state.roots);
}

function signature(nodes: readonly DraftNode[]): string {
  return JSON.stringify(nodes.map((n) => [n.kind, n.title, n.clauses.map((c) => c.text), signature(n.children)]));
}

function merge(members: DraftNode[], state: BuildState): DraftNode[] {
  const unitNames = members.map((m) => m.unit!);
  const base = members[0]!.children.map((c) => clone(c));
  const walk = (nodes: DraftNode[], path: number[]): void => {
    nodes.forEach((node, i) => {
      const at = [...path, i];
      const versions = members.map((m) => nodeAt(m.children, at));
      mergePoints(node, versions, unitNames, state);
      mergeText(node, versions, unitNames);
      walk(node.children, at);
    });
  };
  walk(base, []);
  for (const node of base) node.appliesTo = { units: unitNames };
  return base;
}

function nodeAt(nodes: DraftNode[], path: number[]): DraftNode {
  let n = nodes[path[0]!]!;
  for (const k of path.slice(1)) n = n.children[k]!;
  return n;
}

function clone(n: DraftNode): DraftNode {
  return { ...n, children: n.children.map(clone), clauses: [...n.clauses] };
}

function mergePoints(node: DraftNode, versions: DraftNode[], units: string[], state: BuildState): void {
  const counts = new Map<Dec, number>();
  for (const v of versions) if (v.points !== undefined) counts.set(v.points, (counts.get(v.points) ?? 0) + 1);
  if (counts.size === 0) return;
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  node.points = common;
  versions.forEach((v, k) => {
    if (v.points === undefined) {
      state.issues.push({ severity: 'warning', code: 'template-points-missing', message: `文件 ${state.file}：${units[k]}的“${node.title}”未写分值，按其他单位的 ${common / 1e6} 分导入，请核对`, source: v.source });
    } else if (v.points !== common) {
      node.pointsByUnit = { ...node.pointsByUnit, [units[k]!]: v.points };
    }
  });
}

function mergeText(node: DraftNode, versions: DraftNode[], units: string[]): void {
  const texts = versions.map((v) => v.text ?? '');
  if (texts.every((t) => t === texts[0])) return;
  delete node.text;
  node.targets = {};
  texts.forEach((t, k) => {
    if (t === '') return;
    const values = namedFigures(t);
    const target: Target = { text: t };
    if (Object.keys(values).length > 0) target.values = values;
    node.targets![units[k]!] = target;
  });
}

const VERB = /^(完成|实现|达到|新建|建成|开展|确保|力争|全年|年内|年底|新增|争取|做好|其中|以及|和|及|、|，|。|；)+/;

/**
 * The named figures of a target text: "粮食播种面积24000亩，完成粮食总产量54168吨，羊子饲养量1.6万只"
 * → 粮食播种面积 24000, 粮食总产量 54168, 羊子饲养量 16000. 万 multiplies except before 元 (万元 is the unit).
 */
export function namedFigures(text: string): Record<string, Dec> {
  const out: Record<string, Dec> = {};
  const re = /([\p{Script=Han}“”A-Za-z]{2,24}?)(\d+(?:\.\d+)?)\s*(万)?(?!年|月|日|\d)/gu;
  for (const m of text.matchAll(re)) {
    const label = m[1]!.replace(VERB, '').replace(/(控制在|达|为|到|至|分别完成|分别)$/, '');
    if (label.length < 2 || /年度?$|第$/.test(label)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 1);
    let value = dec(m[2]!);
    if (m[3] && after !== '元') value = dec((Number(m[2]) * 10000).toFixed(6).replace(/\.?0+$/, ''));
    if (!(label in out)) out[label] = value;
  }
  return out;
}
