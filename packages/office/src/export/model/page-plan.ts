import type { OutBlock, OutCell, OutTable } from '../out-model';
import { columnWidths, type ColumnKind } from './column-widths';
import { CN_SIZE } from './fonts';
import { cjkWidth, linesNeeded } from './measure';
import type { Sensitivity } from './sensitivity';

/**
 * The one place that decides how exported tables are printed (paper, orientation, margins, sizes,
 * column widths, which cells are numbers, how tall each row is). Layouts say only what goes where
 * (OutBlock); the .docx and .xlsx writers follow the plan.
 */
export type Orientation = 'portrait' | 'landscape';

export type PlannedColumn = { header: string; kind: ColumnKind; /** Characters of TABLE_PT text, padding included. */ width: number; /** For number columns: decimals shown. */ decimals?: number };
export type PlannedTable = { columns: PlannedColumn[]; rows: OutCell[][]; /** Printed lines of each row (its tallest cell). */ lines: number[]; /** See OutTable.titled. */ titled?: boolean };
export type PlannedBlock = { kind: 'heading'; text: string } | { kind: 'table'; table: PlannedTable };
export type PagePlan = {
  title: string;
  orientation: Orientation;
  /** Millimetres. */
  paper: { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Text width in characters of TABLE_PT text. */
  textChars: number;
  blocks: PlannedBlock[];
  sensitivity?: Sensitivity;
};

export type PlanOptions = {
  /** Decimals the scheme rounds totals to (settings.rounding): scores are shown with them. */ decimals?: number;
  /** The security label of what is exported, printed on it (model/sensitivity.ts). */ sensitivity?: Sensitivity;
};

/** Sizes in points: 标题 小标宋 二号, headings 黑体 四号, tables 宋体 五号 (header 黑体). */
export const TITLE_PT = CN_SIZE.二号;
export const HEADING_PT = CN_SIZE.四号;
export const TABLE_PT = CN_SIZE.五号;
/** Line height of table text (single spacing of a CJK font is about 1.3 em). */
export const TABLE_LINE_PT = TABLE_PT * 1.3;

const A4 = { width: 210, height: 297 };
const MARGINS = { top: 25, bottom: 25, left: 20, right: 20, header: 12, footer: 12 };
/** A table with more columns than this is printed landscape. */
export const PORTRAIT_MAX_COLUMNS = 5;

const MM_PER_PT = 25.4 / 72;

/** What a column holds, from its header (the scheme's own words). */
export function columnKind(header: string): ColumnKind {
  if (/^(序号|编号|名次|排名|条款编码)$/.test(header)) return 'seq';
  if (/(分值|分数|得分|总分|扣分分值|权重|目标数值)$/.test(header) && !/标准|办法|说明/.test(header)) return 'number';
  if (/(单位|处室|领导|部门|责任人|等次|类别)$/.test(header) && cjkWidth(header) <= 8) return 'name';
  return 'text';
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const decimalsOf = (text: string): number => (NUMBER.test(text) ? (text.split('.')[1]?.length ?? 0) : 0);

type ColumnPlan = { kinds: ColumnKind[]; widths: number[]; decimals: (number | undefined)[] };

const cellsOf = (rows: OutCell[][], k: number): { text: string; span: number }[] =>
  rows.flatMap((r) => {
    const c = r[k];
    if (!c || c.merged || c.covered || (c.colSpan ?? 1) > 1) return [];
    return [{ text: c.text, span: c.rowSpan ?? 1 }];
  });

/** Kinds, widths and decimals of the columns of all tables with this header, so that they line up. */
function planColumns(header: string[], rows: OutCell[][], textChars: number, options: PlanOptions): ColumnPlan {
  const kinds = header.map(columnKind);
  // A "number" column whose cells are not all numbers (a 目标数值 "粮食播种面积 36000") is text.
  kinds.forEach((k, i) => {
    if (k === 'number' && !cellsOf(rows, i).every((c) => c.text === '' || NUMBER.test(c.text))) kinds[i] = 'text';
  });
  const widths = columnWidths(
    header.map((h, k) => ({ header: h, kind: kinds[k]!, cells: cellsOf(rows, k) })),
    textChars,
    rows.length,
  );
  const decimals = header.map((h, k) => {
    if (kinds[k] !== 'number') return undefined;
    const d = Math.max(0, ...cellsOf(rows, k).map((c) => decimalsOf(c.text)));
    // Never fewer decimals than a value has; scores (得分/总分) as many as the scheme rounds to.
    return /得分|总分/.test(h) && options.decimals !== undefined ? Math.max(d, options.decimals) : d;
  });
  return { kinds, widths, decimals };
}

function planTable(t: OutTable, plan: ColumnPlan): PlannedTable {
  const { kinds, widths, decimals } = plan;
  const columns = t.header.map((header, k): PlannedColumn => ({ header, kind: kinds[k]!, width: widths[k]!, ...(decimals[k] !== undefined ? { decimals: decimals[k] } : {}) }));
  const lines = t.rows.map(() => 1);
  // Rows hold one cell per column (a colSpan master is followed by its covered cells).
  t.rows.forEach((r, i) => {
    r.forEach((c, col) => {
      if (c.covered || c.merged) return;
      const width = widths.slice(col, col + (c.colSpan ?? 1)).reduce((a, b) => a + b, 0) - 1;
      const n = Math.ceil(linesNeeded(c.text, width) / (c.rowSpan ?? 1));
      for (let k = i; k < i + (c.rowSpan ?? 1) && k < lines.length; k++) lines[k] = Math.max(lines[k]!, n);
    });
  });
  return { columns, rows: t.rows, lines, ...(t.titled ? { titled: true } : {}) };
}

/** Plans a document: landscape when any table is wider than PORTRAIT_MAX_COLUMNS columns. */
export function planPages(blocks: OutBlock[], title: string, options: PlanOptions = {}): PagePlan {
  const widest = Math.max(0, ...blocks.map((b) => (b.kind === 'table' ? b.table.header.length : 0)));
  const orientation: Orientation = widest > PORTRAIT_MAX_COLUMNS ? 'landscape' : 'portrait';
  const paper = orientation === 'portrait' ? A4 : { width: A4.height, height: A4.width };
  const textMm = paper.width - MARGINS.left - MARGINS.right;
  const textChars = Math.floor((textMm / MM_PER_PT / TABLE_PT) * 10) / 10;
  // Tables with the same header (the sections of one list) share their column widths.
  const byHeader = new Map<string, OutTable[]>();
  for (const b of blocks) if (b.kind === 'table') byHeader.set(b.table.header.join('\t'), [...(byHeader.get(b.table.header.join('\t')) ?? []), b.table]);
  const plans = new Map([...byHeader].map(([key, ts]) => [key, planColumns(ts[0]!.header, ts.flatMap((t) => t.rows), textChars, options)]));
  const columnsFor = (t: OutTable): ColumnPlan => plans.get(t.header.join('\t'))!;
  return {
    title,
    orientation,
    paper,
    margins: MARGINS,
    textChars,
    blocks: blocks.map((b) => (b.kind === 'heading' ? b : { kind: 'table', table: planTable(b.table, columnsFor(b.table)) })),
    ...(options.sensitivity ? { sensitivity: options.sensitivity } : {}),
  };
}

/** Points of a table row beyond its lines (cell padding and rules). */
const ROW_EXTRA_PT = 3;
const HEADING_LINE_PT = HEADING_PT * 1.8;

/**
 * How many pages the plan should print on, from its content alone: every row as tall as its planned
 * lines, every heading one line, the title two. Tests bound the real page count by this figure.
 */
export function estimatePages(plan: PagePlan): number {
  const printable = (plan.paper.height - plan.margins.top - plan.margins.bottom) / MM_PER_PT;
  let pt = TITLE_PT * 2.5;
  for (const b of plan.blocks) {
    if (b.kind === 'heading') pt += HEADING_LINE_PT;
    else pt += TABLE_LINE_PT + ROW_EXTRA_PT + b.table.lines.reduce((s, n) => s + n * TABLE_LINE_PT + ROW_EXTRA_PT, 0) + TABLE_LINE_PT;
  }
  return pt / printable;
}
