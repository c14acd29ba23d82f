import type { Clause, Indicator, Scheme } from '@kaohe/core';
import { toStr } from '@kaohe/core';
import { ExportError } from './export-error';
import { schemeLayout, schemeMeta, separateLeadsOf } from './scheme-layout';
import { tableSchemeLayout } from './table-scheme-layout';
import { chineseNumber, type OutBlock, type OutCell, type OutTable } from './out-model';
import { responsibilityBlocks, type ResponsibilityOptions } from './responsibility-layout';
import { realOwners, schemeLabels, titleYear, type SchemeLabels } from './scheme-labels';
// The list titles the importer reads as lists of their own: one definition for both directions.
import { LIST_TITLE } from '../import/layout/layout-common';

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

export type LayoutOptions = ResponsibilityOptions;

/**
 * The blocks of a layout, or an ExportError naming what the scheme lacks for it (never an empty or
 * header-only document). `warnings` collects what the clerk should check (an owner that is a header word,
 * a year that disagrees with the title).
 */
export function layoutBlocks(scheme: Scheme, layout: Layout, options: LayoutOptions = {}, warnings: string[] = []): OutBlock[] {
  if (indicatorsOf(scheme.indicators).length === 0) throw new ExportError('layout-not-applicable', '该方案没有指标，无法导出', layout);
  yearWarning(scheme, warnings);
  // Of the scheme documents only the 评分标准 table (table-scheme-layout) writes vetoes; the others say they leave them out.
  const vetoesLeftOut = (): void => {
    if (scheme.vetoes.length > 0) warnings.push(`方案的${scheme.vetoes.length}条一票否优/一票否决情形（${scheme.vetoes.map((v) => v.code).join('、')}）未写入此版式，请另行附上`);
  };
  if (layout === 'responsibility') return responsibilityBlocks(scheme, options, warnings);
  if (layout === 'targets') return targets(scheme);
  // A scheme without units whose indicators carry 评分标准 clauses (000) is a breakdown document: that layout carries its clauses and owners.
  if (layout === 'scheme') {
    if (scheme.units.length > 0 || !indicatorsOf(scheme.indicators).some((i) => i.clauses?.length)) {
      vetoesLeftOut();
      return schemeLayout(scheme);
    }
    // 000's 清单 (lists › sections › items) read back through the breakdown; other 评分标准 tables (corpus 06, 08) as one table.
    const table = scheme.indicators.every((l) => LIST_TITLE.test(l.title)) ? undefined : tableSchemeLayout(scheme, warnings);
    if (!table) vetoesLeftOut();
    return [...schemeMeta(scheme), ...(table ?? breakdown(scheme, warnings))];
  }
  vetoesLeftOut();
  return breakdown(scheme, warnings);
}

/** The year printed is the scheme's; a title that names another year is worth a look (001: 2020年度 imported as 2026). */
function yearWarning(scheme: Scheme, warnings: string[]): void {
  const stated = titleYear(scheme.title);
  if (stated !== undefined && stated !== scheme.year) warnings.push(`方案的考核年度是${scheme.year}年，但标题“${scheme.title}”写的是${stated}年，导出按方案的${scheme.year}年；如有误请先改正方案的 year`);
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

/** 牵头领导/责任处室 in the grammar the importer reads (000:195-197), with the scheme's own label. */
function ownerCell(node: Indicator, labels: SchemeLabels, warnings: string[]): string {
  const lines: string[] = [];
  const where = `指标“${node.title}”`;
  const leaders = realOwners(node.leaders, where, warnings);
  const divisions = realOwners(node.divisions, where, warnings);
  if (leaders.length) lines.push(`${labels.leader}：${leaders.join('、')}`);
  const perClause = new Map<string, number[]>();
  for (const g of clauseGroups(node.clauses ?? [])) {
    const d = realOwners(g.clauses[0]!.divisions, where, warnings);
    if (!d.length) continue;
    const key = d.join('、');
    perClause.set(key, [...(perClause.get(key) ?? []), Number(g.n.split('.').pop())]);
  }
  if (perClause.size > 0) {
    lines.push(`${labels.division}：`);
    if (divisions.length) lines.push(divisions.join('、'));
    for (const [who, ns] of perClause) lines.push(`${ranges(ns)}：${who}`);
  } else if (divisions.length) lines.push(`${labels.division}：${divisions.join('、')}`);
  return lines.join('\n');
}

/** A sub-part's cell: "一、title（N分）" then its text and clauses; a clipped title whose text is its full form is written once. */
function partCell(part: Indicator, p: number): string {
  const points = part.points !== undefined ? `（${pts(part.points)}分）` : '';
  const clipped = part.title.endsWith('…') ? part.title.slice(0, -1) : part.title;
  if (part.text && part.text.startsWith(clipped)) {
    const rest = ruleCell({ ...part, text: undefined });
    return [`${chineseNumber(p + 1)}、${part.text}${points}`, rest].filter(Boolean).join('\n');
  }
  return `${chineseNumber(p + 1)}、${part.title}${points}\n${ruleCell(part)}`;
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

/**
 * The task breakdown (000's form): per list and section, 序号 | 项目名称 | the rule or task text |
 * the lead assessor | the owners. Columns the scheme has nothing for are left out; with leaders the
 * last column is 牵头领导/责任处室 in the grammar the importer reads back.
 */
function breakdown(scheme: Scheme, warnings: string[]): OutBlock[] {
  const labels = schemeLabels(scheme);
  const every = indicatorsOf(scheme.indicators);
  const hasLeaders = every.some((i) => i.leaders?.length);
  const hasAssessors = every.some((i) => realOwners(i.leadAssessors, '', []).length);
  const hasDivisions = every.some((i) => realOwners(i.divisions, '', []).length || i.clauses?.some((c) => c.divisions?.length));
  const ownerHeader = hasLeaders ? `${labels.leader}/${labels.division}` : labels.division;
  const blocks: OutBlock[] = [];
  for (const list of scheme.indicators) {
    blocks.push({ kind: 'heading', text: list.title });
    // A list with points is a 目标任务 list scored positively; a list without is a deduction list (具体扣分标准).
    const hasPoints = indicatorsOf([list]).some((i) => i.points !== undefined);
    const hasClauses = indicatorsOf([list]).some((i) => i.clauses?.length);
    const ruleHeader = hasClauses ? (hasPoints ? '目标任务及评价办法' : '具体扣分标准') : '目标任务';
    const sections: { title: string; rows: OutCell[][] }[] = [];
    (list.children ?? []).forEach((section, k) => {
      const rows: OutCell[][] = [];
      (section.children?.length ? section.children : [section]).forEach((item, i) => {
        const parts = item.children?.length ? item.children : [item];
        parts.forEach((part, p) => {
          const first = p === 0;
          const span = first ? parts.length : undefined;
          const master = (text: string): OutCell => (first ? { text, ...(span && span > 1 ? { rowSpan: span } : {}) } : { text: '', merged: true });
          rows.push([
            master(String(i + 1)),
            master(`${labelOf(item)}${item.points !== undefined ? `（${pts(item.points)}分）` : ''}`),
            { text: part === item ? ruleCell(item) : partCell(part, p) },
            // Owners named on the item span its parts; owners named on each part (004) stay on its row.
            item.leadAssessors?.length || parts.length === 1
              ? master(realOwners(item.leadAssessors ?? part.leadAssessors, `指标“${item.title}”`, warnings).join('\n'))
              : { text: separateLeadsOf(part) ? `${separateLeadsOf(part)!.join('、')}分别负责` : realOwners(part.leadAssessors, `指标“${part.title}”`, warnings).join('\n') },
            { text: hasLeaders ? ownerCell(part === item ? item : { ...part, leaders: part.leaders ?? item.leaders }, labels, warnings) : realOwners((part === item ? item : part).divisions ?? item.divisions, `指标“${part.title}”`, warnings).join('、') },
          ]);
        });
      });
      sections.push({ title: `${chineseNumber(k + 1)}、${section.title}`, rows });
    });
    // Keep the rule column when any row of the list has text for it; the owner columns when the scheme has owners.
    const keep = [true, true, sections.some((s) => s.rows.some((r) => r[2]!.text !== '')), hasAssessors, hasDivisions || hasLeaders];
    const header = ['序号', '项目名称', ruleHeader, labels.assessor, ownerHeader].filter((_, k) => keep[k]);
    for (const s of sections) {
      blocks.push({ kind: 'heading', text: s.title });
      blocks.push({ kind: 'table', table: { header, rows: s.rows.map((r) => r.filter((_, k) => keep[k])) } });
    }
  }
  return blocks;
}

function indicatorsOf(nodes: readonly Indicator[]): Indicator[] {
  return nodes.flatMap((n) => [n, ...indicatorsOf(n.children ?? [])]);
}

/** The per-unit target table of a template (001): one row per indicator, one column per unit. */
function targets(scheme: Scheme): OutBlock[] {
  if (scheme.units.length === 0) throw new ExportError('layout-not-applicable', '该方案没有单位，无法按单位导出目标表', 'targets');
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
  if (blocks.length === 0) throw new ExportError('layout-not-applicable', '该方案的指标没有按单位分解的目标（各单位的目标要求或目标数值），无法导出目标表', 'targets');
  return blocks;
}

/** Cells starting with = + - @ would run as formulas in a spreadsheet: a leading ' keeps them text. */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
