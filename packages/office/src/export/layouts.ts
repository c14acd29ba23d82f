import type { Clause, Indicator, Scheme } from '@kaohe/core';
import { toStr } from '@kaohe/core';
import { schemeLayout, schemeMeta } from './scheme-layout';
import { chineseNumber, type OutBlock, type OutCell, type OutTable } from './out-model';

/**
 * The seeds' own layouts as neutral tables (headings + rows with vertical merges), written to Word or
 * Excel by docx-writer / xlsx-writer. The breakdown layout is the one the importer reads back:
 * list title, "一、section" heading, then 序号 | 项目名称 | 具体扣分标准 | 考核牵头部门 | 牵头领导/责任处室
 * with the item cells merged down over its sub-parts (000:24-91).
 */
export type { OutBlock, OutCell, OutTable } from './out-model';
export { chineseNumber } from './out-model';

export type Layout = 'breakdown' | 'responsibility' | 'targets' | 'scheme';
export const LAYOUTS: readonly Layout[] = ['breakdown', 'responsibility', 'targets', 'scheme'];

const pts = (d: number | undefined): string => (d === undefined ? '' : toStr(d as never));

export function layoutBlocks(scheme: Scheme, layout: Layout): OutBlock[] {
  if (layout === 'responsibility') return responsibility(scheme);
  if (layout === 'targets') return targets(scheme);
  // A scheme without units whose indicators carry 评分标准 clauses (000) is a breakdown document: that layout carries its clauses and owners.
  if (layout === 'scheme') return scheme.units.length === 0 && indicatorsOf(scheme.indicators).some((i) => i.clauses?.length) ? [...schemeMeta(scheme), ...breakdown(scheme)] : schemeLayout(scheme);
  return breakdown(scheme);
}

/** Clause groups: "4.2-a", "4.2-b" come from one printed clause 4.2 and are written once. */
function clauseGroups(clauses: readonly Clause[]): { n: string; text: string; clauses: Clause[] }[] {
  const out: { n: string; text: string; clauses: Clause[] }[] = [];
  for (const c of clauses) {
    const base = c.code.replace(/-[a-z]\d*$/, '');
    const last = out[out.length - 1];
    if (last && last.n === base) last.clauses.push(c);
    else out.push({ n: base, text: c.text, clauses: [c] });
  }
  return out;
}

/** A title the importer clipped from a long cell ("政治建设（贯彻…" ) is written back in full. */
function labelOf(node: Indicator): string {
  return node.text && node.title.endsWith('…') && node.text.startsWith(node.title.slice(0, -1)) ? node.text : node.title;
}

function ruleCell(node: Indicator): string {
  const lines: string[] = [];
  if (node.text && labelOf(node) !== node.text) lines.push(node.text);
  const groups = clauseGroups(node.clauses ?? []);
  for (const g of groups) {
    const num = g.n.split('.').pop()!;
    lines.push(groups.length === 1 && !/^\d+$/.test(num) ? g.text : `${num}. ${g.text}`);
  }
  return lines.join('\n');
}

function ownerCell(node: Indicator): string {
  const lines: string[] = [];
  if (node.leaders?.length) lines.push(`牵头领导：${node.leaders.join('、')}`);
  const perClause = new Map<string, number[]>();
  for (const g of clauseGroups(node.clauses ?? [])) {
    const d = g.clauses[0]!.divisions;
    if (!d?.length) continue;
    const key = d.join('、');
    perClause.set(key, [...(perClause.get(key) ?? []), Number(g.n.split('.').pop())]);
  }
  if (perClause.size > 0) {
    lines.push('责任处室：');
    if (node.divisions?.length) lines.push(node.divisions.join('、'));
    for (const [who, ns] of perClause) lines.push(`${ranges(ns)}：${who}`);
  } else if (node.divisions?.length) lines.push(`责任处室：${node.divisions.join('、')}`);
  return lines.join('\n');
}

/** 1,2,3,6,8,9,10 → "1-3，6，8-10" (the grammar the importer reads). */
export function ranges(ns: number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join('，'));
    i = j + 1;
  }
  return parts.join('，');
}

function breakdown(scheme: Scheme): OutBlock[] {
  const blocks: OutBlock[] = [];
  for (const list of scheme.indicators) {
    blocks.push({ kind: 'heading', text: list.title });
    // A list with points is a 目标任务 list scored positively; a list without is a deduction list (具体扣分标准).
    const hasPoints = indicatorsOf([list]).some((i) => i.points !== undefined);
    const ruleHeader = hasPoints ? '目标任务及评价办法' : '具体扣分标准';
    (list.children ?? []).forEach((section, k) => {
      blocks.push({ kind: 'heading', text: `${chineseNumber(k + 1)}、${section.title}` });
      const rows: OutCell[][] = [];
      (section.children?.length ? section.children : [section]).forEach((item, i) => {
        const parts = item.children?.length ? item.children : [item];
        parts.forEach((part, p) => {
          const first = p === 0;
          const rule = part === item ? ruleCell(item) : `${chineseNumber(p + 1)}、${part.title}${part.points !== undefined ? `（${pts(part.points)}分）` : ''}\n${ruleCell(part)}`;
          const span = first ? parts.length : undefined;
          rows.push([
            first ? { text: String(i + 1), ...(span && span > 1 ? { rowSpan: span } : {}) } : { text: '', merged: true },
            first ? { text: `${labelOf(item)}${item.points !== undefined ? `（${pts(item.points)}分）` : ''}`, ...(span && span > 1 ? { rowSpan: span } : {}) } : { text: '', merged: true },
            { text: rule },
            first ? { text: (item.leadAssessors ?? []).join('\n'), ...(span && span > 1 ? { rowSpan: span } : {}) } : { text: '', merged: true },
            { text: ownerCell(part === item ? item : { ...part, leaders: part.leaders ?? item.leaders }) },
          ]);
        });
      });
      blocks.push({ kind: 'table', table: { header: ['序号', '项目名称', ruleHeader, '考核牵头部门', '牵头领导/责任处室'], rows } });
    });
  }
  return blocks;
}

function indicatorsOf(nodes: readonly Indicator[]): Indicator[] {
  return nodes.flatMap((n) => [n, ...indicatorsOf(n.children ?? [])]);
}

type Site = { clause: Clause; path: string; divisions: string[]; leaders: string[] };

export function clauseSites(scheme: Scheme): Site[] {
  const out: Site[] = [];
  const walk = (nodes: readonly Indicator[], path: string[], divisions: string[], leaders: string[]): void => {
    for (const n of nodes) {
      const d = n.divisions?.length ? n.divisions : divisions;
      const l = n.leaders?.length ? n.leaders : leaders;
      const p = [...path, n.title];
      for (const c of n.clauses ?? []) out.push({ clause: c, path: p.join(' › '), divisions: c.divisions?.length ? c.divisions : d, leaders: c.leaders?.length ? c.leaders : l });
      walk(n.children ?? [], p, d, l);
    }
  };
  walk(scheme.indicators, [], [], []);
  return out;
}

/** The responsibility matrix (clause × division × leader), once by division and once by leader. */
function responsibility(scheme: Scheme): OutBlock[] {
  const sites = clauseSites(scheme);
  const blocks: OutBlock[] = [];
  for (const [title, key, other] of [
    ['责任分解（按责任处室）', 'divisions', 'leaders'],
    ['责任分解（按牵头领导）', 'leaders', 'divisions'],
  ] as const) {
    blocks.push({ kind: 'heading', text: title });
    const owners = [...new Set(sites.flatMap((s) => (s[key].length ? s[key] : ['（未明确）'])))];
    const rows: OutCell[][] = [];
    for (const owner of owners) {
      const mine = sites.filter((s) => (s[key].length ? s[key].includes(owner) : owner === '（未明确）'));
      mine.forEach((s, i) => rows.push([i === 0 ? { text: owner, ...(mine.length > 1 ? { rowSpan: mine.length } : {}) } : { text: '', merged: true }, { text: s.clause.code }, { text: s.path }, { text: s.clause.text }, { text: s[other].join('、') }]));
    }
    blocks.push({ kind: 'table', table: { header: [key === 'divisions' ? '责任处室' : '牵头领导', '条款编码', '指标', '条款', key === 'divisions' ? '牵头领导' : '责任处室'], rows } });
  }
  return blocks;
}

/** The per-unit target table of a template (001): one row per indicator, one column per unit. */
function targets(scheme: Scheme): OutBlock[] {
  const blocks: OutBlock[] = [];
  const walk = (nodes: readonly Indicator[], path: string[]): void => {
    for (const n of nodes) {
      if (n.targets && Object.keys(n.targets).length > 0) {
        const units = Object.keys(n.targets);
        blocks.push({ kind: 'heading', text: [...path, n.title].join(' › ') });
        const rows = units.map((u) => [{ text: scheme.units.find((x) => x.code === u)?.name ?? u }, { text: pts(n.pointsByUnit?.[u] ?? n.points) }, { text: n.targets![u]!.text ?? '' }, { text: Object.entries(n.targets![u]!.values ?? {}).map(([k, v]) => `${k} ${pts(v)}`).join('；') }]);
        blocks.push({ kind: 'table', table: { header: ['单位', '分值', '目标要求', '目标数值'], rows } });
      }
      walk(n.children ?? [], [...path, n.title]);
    }
  };
  walk(scheme.indicators, []);
  return blocks;
}

/** Cells starting with = + - @ would run as formulas in a spreadsheet: a leading ' keeps them text. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
