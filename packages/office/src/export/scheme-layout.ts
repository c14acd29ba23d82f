import type { Indicator, Scheme } from '@kaohe/core';
import { toStr } from '@kaohe/core';
import { titleOf } from '../import/cell-text';
import { chineseNumber, type OutBlock, type OutCell } from './out-model';

/**
 * The `scheme` layout: the scheme written back in the shape of its own document, so that importing the
 * result gives the same scheme (001, 004). Headings and tables come in the order the importer reads them:
 * a list heading per top-level list; the 本级 table (001's 市考核县指标); the 负面清单 table; each list's
 * common block (共性考核指标) right under its heading; per-unit blocks "N．单位名" with that unit's own
 * points (pointsByUnit) and target texts; group headings "（一）党委工作部门" with their units' blocks;
 * units without a table of their own as a list of names under "类别考核指标"; and for a list deeper than
 * two levels (004) one table whose upper levels are full-width rows "一、" / "（一）".
 */
export function schemeLayout(scheme: Scheme): OutBlock[] {
  const blocks: OutBlock[] = [];
  const heading = (text: string): void => void blocks.push({ kind: 'heading', text });
  const unitName = (code: string): string => scheme.units.find((u) => u.code === code)?.name ?? code;
  const isUnitNode = (n: Indicator): boolean => n.appliesTo?.units?.length === 1 && !n.appliesTo.categories && unitName(n.appliesTo.units[0]!) === n.title && n.appliesTo.units[0] !== SELF;
  const isCommon = (n: Indicator): boolean => n.title === '共性考核指标' && n.appliesTo?.categories?.length === 1 && !n.appliesTo.units;
  const isGroup = (n: Indicator): boolean => !n.appliesTo && (n.children?.length ?? 0) > 0 && n.children!.every(isUnitNode);
  const isSelf = (n: Indicator): boolean => n.appliesTo?.units?.length === 1 && n.appliesTo.units[0] === SELF && !scheme.units.some((u) => u.code === SELF && u.category !== SELF);
  const isTemplate = (n: Indicator): boolean => !!n.appliesTo && !isUnitNode(n) && !isCommon(n) && !isSelf(n);
  const scopeUnits = (n: Indicator): string[] => {
    const s = n.appliesTo!;
    return scheme.units.filter((u) => u.code !== SELF && (s.units?.includes(u.code) || s.categories?.includes(u.category))).map((u) => u.code);
  };

  // Units that have a table of their own (a unit block or a template's expansion).
  const covered = new Set<string>();
  const visit = (nodes: readonly Indicator[]): void => {
    for (const n of nodes) {
      if (isUnitNode(n)) covered.add(n.appliesTo!.units![0]!);
      else if (isTemplate(n)) scopeUnits(n).forEach((u) => covered.add(u));
      visit(n.children ?? []);
    }
  };
  visit(scheme.indicators);
  const listed = new Set<string>();
  const listUnits = (category: string): void => {
    const bare = scheme.units.filter((u) => u.category === category && u.code !== SELF && !covered.has(u.code) && !listed.has(u.code));
    if (bare.length === 0) return;
    heading(`${category}考核指标`);
    bare.forEach((u, k) => {
      heading(`${k + 1}.${u.name}`);
      listed.add(u.code);
    });
  };
  const unitBlock = (n: number, code: string, nodes: readonly Indicator[], mark: string): void => {
    heading(`${n}${mark}${unitName(code)}`);
    blocks.push({ kind: 'table', table: treeTable(nodes, code) });
  };

  blocks.push(...schemeMeta(scheme));
  let negativeDone = false;
  scheme.indicators.forEach((root, i) => {
    for (const c of root.children ?? []) if (isCommon(c)) listUnits(c.appliesTo!.categories![0]!);
    heading(root.title);
    const kids = root.children ?? [];
    if (isSelf(root) || kids.length === 0) {
      if (kids.length > 0) blocks.push({ kind: 'table', table: treeTable(kids, undefined) });
    } else {
      let unitNo = 0;
      let groupNo = 0;
      for (let k = 0; k < kids.length; ) {
        const c = kids[k]!;
        if (isCommon(c)) {
          blocks.push({ kind: 'table', table: treeTable(c.children ?? [], undefined) });
          k++;
        } else if (isUnitNode(c)) {
          unitBlock(++unitNo, c.appliesTo!.units![0]!, c.children ?? [], '.');
          k++;
        } else if (isGroup(c)) {
          heading(`（${chineseNumber(++groupNo)}）${c.title}`);
          c.children!.forEach((u, j) => unitBlock(j + 1, u.appliesTo!.units![0]!, u.children ?? [], '.'));
          k++;
        } else if (isTemplate(c)) {
          const scope = JSON.stringify(c.appliesTo);
          let end = k;
          while (end < kids.length && isTemplate(kids[end]!) && JSON.stringify(kids[end]!.appliesTo) === scope) end++;
          const run = kids.slice(k, end);
          for (const u of scopeUnits(c)) unitBlock(++unitNo, u, run, '．');
          k = end;
        } else {
          let end = k;
          while (end < kids.length && !isCommon(kids[end]!) && !isUnitNode(kids[end]!) && !isGroup(kids[end]!) && !isTemplate(kids[end]!)) end++;
          blocks.push({ kind: 'table', table: treeTable(kids.slice(k, end), undefined) });
          k = end;
        }
      }
    }
    if (i === 0 && isSelf(root)) {
      negativeBlocks(scheme, blocks);
      negativeDone = true;
    }
  });
  if (!negativeDone) negativeBlocks(scheme, blocks);
  for (const cat of scheme.unitCategories) if (cat.code !== SELF) listUnits(cat.code);
  return blocks;
}

/** The year and 文号 as paragraphs the importer reads them from. */
export function schemeMeta(scheme: Scheme): OutBlock[] {
  return [{ kind: 'heading', text: `考核年度：${scheme.year}年` }, ...(scheme.docNo ? [{ kind: 'heading' as const, text: scheme.docNo }] : [])];
}

/** The unit finalize adds for tables outside every unit block (001's 市考核县 table). */
const SELF = '本级';

const pts = (d: number | undefined): string => (d === undefined ? '' : toStr(d as never));

function negativeBlocks(scheme: Scheme, blocks: OutBlock[]): void {
  if (scheme.negativeList.length === 0) return;
  blocks.push({ kind: 'heading', text: '负面清单考核指标' });
  const items = scheme.negativeList;
  const rows: OutCell[][] = items.map((n, i) => {
    const title = n.title ?? '';
    let span = 1;
    while (title !== '' && i + span < items.length && items[i + span]!.title === title) span++;
    const continues = title !== '' && i > 0 && items[i - 1]!.title === title;
    const names = (n.responsibleUnits ?? []).map((u) => scheme.units.find((x) => x.code === u)?.name ?? u);
    return [continues ? { text: '', merged: true } : { text: title, ...(span > 1 ? { rowSpan: span } : {}) }, { text: n.text }, { text: names.join('、') }, { text: n.amount !== undefined ? pts(n.amount) : '' }];
  });
  blocks.push({ kind: 'table', table: { header: ['考核内容', '考核指标', '责任单位', '扣分分值'], rows } });
}

/**
 * The lead units of a task the importer split because its 牵头单位 cell said "A、B分别负责" (004:72): one
 * child line "task（A负责）" per unit, that unit alone as its lead. Written back as the one row it came from.
 */
export function separateLeadsOf(n: Indicator): string[] | undefined {
  const kids = n.children ?? [];
  if (kids.length < 2 || n.leadAssessors?.length || n.clauses?.length) return undefined;
  const leads = kids.map((k) => (k.leadAssessors?.length === 1 && !k.children?.length && !k.clauses?.length && k.text === undefined && k.points === undefined && k.title === `${n.title}（${k.leadAssessors[0]}负责）` ? k.leadAssessors[0]! : undefined));
  return leads.every((l) => l !== undefined) ? (leads as string[]) : undefined;
}

/** Children as rows of the document: a split task's lines are not rows of their own. */
const rowKids = (n: Indicator): readonly Indicator[] => (separateLeadsOf(n) ? [] : (n.children ?? []));

/** Depth of a forest (a leaf is 1). */
function depth(nodes: readonly Indicator[]): number {
  return nodes.reduce((d, n) => Math.max(d, 1 + depth(rowKids(n))), 0);
}

function all(nodes: readonly Indicator[]): Indicator[] {
  return nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
}

/** The unit's own points and target text (a template keeps them per unit). */
function pointsFor(n: Indicator, unit: string | undefined): number | undefined {
  return unit !== undefined && n.pointsByUnit?.[unit] !== undefined ? n.pointsByUnit[unit] : n.points;
}

/** A long title was clipped on import and its cell kept as text ("认真做好…"): the cell is written in full. */
function cells(n: Indicator, unit: string | undefined): { label: string; rest: string } {
  const text = n.targets ? (unit !== undefined ? (n.targets[unit]?.text ?? '') : '') : (n.text ?? '');
  if (text.length > 30 && titleOf(text) === n.title) return { label: text, rest: '' };
  return { label: n.title, rest: text };
}

const withPoints = (label: string, p: number | undefined): string => (p === undefined ? label : `${label}\n（${pts(p)}分）`);

/**
 * One table of indicators as the seeds lay them out: two level columns 类别 | 指标 (category cells merged
 * down over their indicators), or one level column with upper levels as full-width rows "一、" / "（一）"
 * (004); then 目标要求 when the indicators carry target texts, else 分值; 牵头单位 / 责任单位 when named.
 */
function treeTable(nodes: readonly Indicator[], unit: string | undefined): { header: string[]; rows: OutCell[][] } {
  const every = all(nodes);
  const hasRest = every.some((n) => n.targets || (n.text !== undefined && cells(n, undefined).rest !== ''));
  const hasLead = every.some((n) => n.leadAssessors?.length);
  const hasDiv = every.some((n) => n.divisions?.length);
  const d = depth(nodes);
  const fullWidth = d >= 3 ? Math.min(2, d - 1) : 0;
  const levels = Math.max(1, Math.min(2, d - fullWidth));
  const pointsCol = !hasRest && !hasLead && !hasDiv;
  const header: string[] = [];
  if (fullWidth > 0) header.push('序号');
  if (levels === 2) header.push(...(pointsCol ? ['类别', '考核内容'] : hasRest ? ['类别', '指标及分值'] : ['考核内容', '考核指标']));
  else header.push(hasLead || hasDiv ? '重点工作' : '考核项目');
  if (hasRest) header.push(levels === 2 ? '目标要求' : '目标任务');
  if (pointsCol) header.push('分值');
  if (hasLead) header.push('牵头单位');
  if (hasDiv) header.push('责任单位');
  const width = header.length;
  const rows: OutCell[][] = [];
  let seq = 0;
  const values = (n: Indicator): OutCell[] => {
    const { rest } = cells(n, unit);
    const out: OutCell[] = [];
    if (hasRest) out.push({ text: rest });
    if (pointsCol) out.push({ text: pts(pointsFor(n, unit)) });
    const separate = separateLeadsOf(n);
    if (hasLead) out.push({ text: separate ? `${separate.join('、')}分别负责` : (n.leadAssessors ?? []).join('、') });
    if (hasDiv) out.push({ text: (n.divisions ?? []).join('、') });
    return out;
  };
  const label = (n: Indicator, withPts: boolean): string => {
    const { label: l } = cells(n, unit);
    return withPts ? withPoints(l, pointsFor(n, unit)) : l;
  };
  const seqCell = (): OutCell[] => (fullWidth > 0 ? [{ text: String(++seq) }] : []);
  const dataRows = (list: readonly Indicator[]): void => {
    for (const n of list) {
      if (levels === 1) {
        rows.push([...seqCell(), { text: label(n, !pointsCol) }, ...values(n)]);
        continue;
      }
      const kids = rowKids(n);
      const cat = withPoints(cells(n, unit).label, pointsFor(n, unit));
      if (kids.length === 0) {
        rows.push([...seqCell(), { text: cat }, { text: '' }, ...values(n)]);
        continue;
      }
      // A category with its own target text and indicators (001:5440 党风廉政建设 › 意识形态工作): its own row first.
      const own = cells(n, unit).rest !== '';
      const span = kids.length + (own ? 1 : 0);
      const first: OutCell = { text: cat, ...(span > 1 ? { rowSpan: span } : {}) };
      if (own) rows.push([...seqCell(), first, { text: '' }, ...values(n)]);
      kids.forEach((k, i) => rows.push([...seqCell(), i === 0 && !own ? first : { text: '', merged: true }, { text: label(k, !pointsCol) }, ...values(k)]));
    }
  };
  const sections = (list: readonly Indicator[], level: number): void => {
    if (level > fullWidth) return dataRows(list);
    list.forEach((n, i) => {
      if (!rowKids(n).length) return dataRows([n]);
      const marker = level === 1 ? `${chineseNumber(i + 1)}、` : `（${chineseNumber(i + 1)}）`;
      rows.push([{ text: `${marker}${n.title}`, colSpan: width }, ...Array.from({ length: width - 1 }, () => ({ text: '', covered: true }))]);
      sections(rowKids(n), level + 1);
    });
  };
  sections(nodes, 1);
  return { header, rows };
}
