import type { Clause, Indicator, Scheme } from '@kaohe/core';
import { toStr } from '@kaohe/core';
import { joinCell, readMarker, titleOf } from '../import/cell-text';
import { chineseNumber, type OutBlock, type OutCell } from './out-model';
import { realOwners, schemeLabels } from './scheme-labels';

/**
 * The `scheme` layout of a scheme without units whose lists are not 000's 清单 (corpus 06 粮食安全 评分标准,
 * 08 湖州 质效评估): one table in the shape such 评分标准 come in, so that importing it gives the same scheme.
 *
 *   项目名称 | [指标] | 评分标准 | [目标要求] | [分值] | [牵头单位] | [责任单位]
 *
 * - each top-level list is a full-width row "一、title" (the importer reads it as a section of the table);
 * - each of its indicators is a 项目名称 cell, merged down over the rows of its sub-indicators;
 * - a sub-indicator is a row of its own: with its own 分值 under the merged 项目名称 (06: "（1）…得3分" and
 *   "（2）…" under 1.耕地保有量) when its name is the one its 评分标准 gives it, else named in the 指标 column;
 * - the 评分标准 cell holds the clauses: one clause as written, several numbered "1. …", "2. …";
 * - owners: 牵头单位 (lead assessors), 责任单位 (divisions), on the row of the indicator they belong to
 *   (an indicator's own owners on its first row).
 *
 * `tableSchemeLayout` returns undefined when the scheme has something this shape cannot carry (units,
 * leaders, clause-level owners, points or clauses on a list, a tree deeper than list › indicator ›
 * sub-indicator): the caller then uses another layout rather than dropping it.
 */
export function tableSchemeLayout(scheme: Scheme, warnings: string[] = []): OutBlock[] | undefined {
  if (scheme.units.length > 0 || scheme.negativeList.length > 0) return undefined;
  const vetoHeading = vetoListTitle(scheme.vetoes);
  if (scheme.vetoes.length > 0 && vetoHeading === undefined) return undefined;
  const lists = scheme.indicators;
  const every = all(lists);
  if (every.some((n) => n.leaders?.length || n.appliesTo || n.targets || n.pointsByUnit)) return undefined;
  if (every.some((n) => n.clauses?.some((c) => c.divisions?.length || c.leaders?.length || c.leadAssessors?.length || c.participatingDivisions?.length))) return undefined;
  if (lists.some((l) => l.points !== undefined || l.clauses?.length || l.text || l.leadAssessors?.length || l.divisions?.length || !(l.children?.length))) return undefined;
  if (lists.some((l) => l.children!.some((i) => (i.children ?? []).some((c) => c.children?.length)))) return undefined;

  const labels = schemeLabels(scheme);
  const items = lists.flatMap((l) => l.children!);
  const split = new Set(items.filter(isRowSplit));
  const named = items.filter((i) => i.children?.length && !split.has(i));
  // An item that keeps content of its own beside named sub-indicators gets a row of its own first.
  const rowsOf = (i: Indicator): Indicator[] => (i.children?.length ? (split.has(i) ? i.children : [...(hasOwn(i) ? [i] : []), ...i.children]) : [i]);
  const rowNodes = items.flatMap(rowsOf);
  const hasIndicatorCol = named.length > 0;
  const hasTarget = rowNodes.some((n) => targetText(n) !== undefined);
  const hasPoints = rowNodes.some((n) => n.points !== undefined);
  const hasLead = every.some((n) => n.leadAssessors?.length);
  const hasDiv = every.some((n) => n.divisions?.length);
  const header = ['项目名称', ...(hasIndicatorCol ? ['指标'] : []), '评分标准', ...(hasTarget ? ['目标要求'] : []), ...(hasPoints ? ['分值'] : []), ...(hasLead ? [labels.assessor === '考核牵头部门' ? '牵头部门' : '牵头单位'] : []), ...(hasDiv ? [labels.division === '责任处室' ? '责任部门' : '责任单位'] : [])];
  const width = header.length;
  const names = (xs: readonly string[] | undefined, where: string): string => realOwners(xs, where, warnings).join('、');
  const values = (n: Indicator, owners: Indicator): OutCell[] => [
    { text: ruleCell(n) },
    ...(hasTarget ? [{ text: targetText(n) ?? '' }] : []),
    ...(hasPoints ? [{ text: n.points !== undefined ? toStr(n.points) : '' }] : []),
    ...(hasLead ? [{ text: names(owners.leadAssessors, `指标“${owners.title}”`) }] : []),
    ...(hasDiv ? [{ text: names(owners.divisions, `指标“${owners.title}”`) }] : []),
  ];

  // "一、2018年度…" is not read as a heading (a digit right after 、 is a number such as 一、2): then every list is "（一）".
  const marker = lists.some((l) => /^\d/.test(l.title)) ? (n: number): string => `（${chineseNumber(n)}）` : (n: number): string => `${chineseNumber(n)}、`;
  const rows: OutCell[][] = [];
  lists.forEach((list, k) => {
    rows.push([{ text: `${marker(k + 1)}${list.title}`, colSpan: width }, ...Array.from({ length: width - 1 }, () => ({ text: '', covered: true }))]);
    for (const item of list.children!) {
      const own = rowsOf(item);
      const first = (r: number): OutCell => (r === 0 ? { text: labelOf(item, split.has(item)), ...(own.length > 1 ? { rowSpan: own.length } : {}) } : { text: '', merged: true });
      own.forEach((n, r) => {
        const indicatorCell: OutCell[] = hasIndicatorCol ? [{ text: n === item || split.has(item) ? '' : labelOf(n, false) }] : [];
        // A split item's first row carries the item's owners (the importer puts a merged row's first owners on the item).
        const owners = split.has(item) && r === 0 && !n.leadAssessors?.length && !n.divisions?.length ? item : n;
        rows.push([first(r), ...indicatorCell, ...values(n, owners)]);
      });
    }
  });
  // 一票否优 situations (07, 08): one row each at the end, 项目名称 "一票否优" and the situation in the 评分标准 cell
  // (not merged: rows under one merged cell without 分值 would be read as one clause). The importer reads
  // each back as the same veto, and an item of only such rows is no indicator.
  if (vetoHeading !== undefined) {
    for (const v of scheme.vetoes) rows.push([{ text: vetoHeading }, ...(hasIndicatorCol ? [{ text: '' }] : []), { text: v.text }, ...Array.from({ length: width - (hasIndicatorCol ? 3 : 2) }, () => ({ text: '' }))]);
  }
  return [{ kind: 'table', table: { header, rows, titled: true } }];
}

/** The one heading of the scheme's vetoes when they are all 一票否优 rows the importer reads back (bar-grade, all units); else undefined. */
function vetoListTitle(vetoes: Scheme['vetoes']): string | undefined {
  const titles = new Set(vetoes.map((v) => v.title ?? ''));
  if (titles.size !== 1) return undefined;
  const title = [...titles][0]!;
  if (!title.includes('一票否优')) return undefined;
  return vetoes.every((v) => !v.appliesTo && v.effects.length === 1 && v.effects[0]!.type === 'bar-grade' && v.effects[0]!.grade === '优秀') ? title : undefined;
}

function all(nodes: readonly Indicator[]): Indicator[] {
  return nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
}

const hasOwn = (n: Indicator): boolean => n.points !== undefined || !!n.clauses?.length || n.text !== undefined || !!n.leadAssessors?.length || !!n.divisions?.length;

/** "（1）2018年末…" → "2018年末…". */
function withoutMarker(text: string): string {
  const m = readMarker(joinCell(text));
  return m && m.rest.trim() !== '' ? m.rest : text;
}

/**
 * Sub-indicators that are the rows of a merged 项目名称 cell, each with its own 分值 and named after its
 * own 评分标准 (06: a sub-indicator named after the condition of its "（1）…的，…得分" line, e.g. the made-up "2020年末林地面积不少于计划林地面积的"):
 * written as rows without a name, they are read back as the same sub-indicators. The item itself holds
 * only its name and owners.
 */
function isRowSplit(item: Indicator): boolean {
  const kids = item.children ?? [];
  if (kids.length < 2 || item.points !== undefined || item.clauses?.length || item.text !== undefined) return false;
  if (kids.some((c) => c.points === undefined)) return false;
  if (kids[0]!.leadAssessors?.length || kids[0]!.divisions?.length) return false;
  return kids.every((c, i) => c.title === derivedTitle(c, i === 0 ? item : undefined));
}

/** The name the importer gives a row under a merged item: from its text, its first clause, or the item. */
function derivedTitle(c: Indicator, firstOf: Indicator | undefined): string {
  const from = firstOf ? (c.text ?? c.clauses?.[0]?.text ?? firstOf.title) : (targetText(c) ?? ruleCell(c) ?? c.title);
  return titleOf(withoutMarker(from || (firstOf ?? c).title));
}

/**
 * The item cell: its title, or the long cell text the title was clipped from (kept as the indicator's
 * text; for a split item the first row's text).
 */
function labelOf(n: Indicator, split: boolean): string {
  const text = split ? n.children![0]!.text : n.text;
  return text !== undefined && titleOf(text) === n.title ? text : n.title;
}

/** Text beside clauses is a 目标要求; without clauses (and with points) it goes in the 评分标准 cell, read back as the requirement. */
function targetText(n: Indicator): string | undefined {
  if (n.text === undefined || titleOf(n.text) === n.title) return undefined;
  return n.clauses?.length || n.points === undefined ? n.text : undefined;
}

/** Clauses "4.2-a", "4.2-b" come from one written clause 4.2. */
function clauseGroups(clauses: readonly Clause[]): { n: string; text: string }[] {
  const out: { n: string; text: string }[] = [];
  for (const c of clauses) {
    const base = c.code.replace(/-[a-z]\d*$/, '');
    if (out[out.length - 1]?.n !== base) out.push({ n: base, text: c.text });
  }
  return out;
}

/** One clause as written; several numbered with their own numbers; or the requirement text of an item without clauses. */
function ruleCell(n: Indicator): string {
  const groups = clauseGroups(n.clauses ?? []);
  if (groups.length === 0) return n.text !== undefined && titleOf(n.text) !== n.title && n.points !== undefined ? n.text : '';
  const num = (g: { n: string }): string => g.n.split('.').pop()!.replace(/'+$/, '');
  if (groups.length === 1 && num(groups[0]!) === '1') return groups[0]!.text;
  return groups.map((g) => `${num(g)}. ${g.text}`).join('\n');
}
