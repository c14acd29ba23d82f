import { cjkWidth, longestLine, longestWord } from './measure';

/** What a layout says about a column: its header and what kind of content it holds. */
export type ColumnKind = 'seq' | 'number' | 'name' | 'text';

export type WidthColumn = {
  header: string;
  kind: ColumnKind;
  /** Cell texts of this column (a merged cell once, as its master), with how many rows it spans. */
  cells: { text: string; span: number }[];
};

/** A name column (单位, 处室) keeps names up to this long on one line (市政府办公室). */
const NAME = 6;
/** Minimum widths by kind: 序号 holds "99", 分值 "-0.05", a name column four characters, text four. */
const MIN_BY_KIND: Record<ColumnKind, number> = { seq: 2, number: 2, name: 4, text: 4 };

/** The narrowest a column can be (padding included) without breaking a number, a word, a short name or its header mid-way. */
function minimumOf(col: WidthColumn): number {
  const natural = contentWidth(col);
  const words = col.cells.reduce((m, c) => Math.max(m, longestWord(c.text)), 0);
  const header = cjkWidth(col.header);
  const wanted = col.kind === 'text' ? 0 : col.kind === 'name' ? Math.min(natural, NAME) : natural;
  return Math.max(MIN_BY_KIND[col.kind], words, Math.min(header, 4), col.kind === 'seq' || col.kind === 'number' ? Math.min(header, 4) : 0, wanted) + 1;
}

const contentWidth = (col: WidthColumn): number => Math.max(cjkWidth(col.header), ...col.cells.map((c) => longestLine(c.text)), 1);
const naturalOf = (col: WidthColumn): number => contentWidth(col) + 1;

/**
 * Column widths in characters (the +1 of each column is its cell padding) for a table `total`
 * characters wide. Every column first gets its minimum (序号/分值 never wrap, no number is broken);
 * if the natural widths fit they are used, stretched to the full width; otherwise the remaining
 * width goes, one character at a time, to the column whose extra character saves the most printed
 * lines (the sum over rows of the row's tallest cell), which is what a person does by hand.
 */
export function columnWidths(columns: WidthColumn[], total: number, rows: number): number[] {
  const mins = columns.map(minimumOf);
  const naturals = columns.map((c, i) => Math.max(naturalOf(c), mins[i]!));
  const sumNatural = naturals.reduce((a, b) => a + b, 0);
  const sumMin = mins.reduce((a, b) => a + b, 0);
  if (sumNatural <= total) {
    // Stretch the text columns (or all, if none) to fill the width.
    const text = columns.map((c) => c.kind === 'text' || c.kind === 'name');
    const weights = naturals.map((n, i) => (text.some(Boolean) ? (text[i] ? n : 0) : n));
    const sumW = weights.reduce((a, b) => a + b, 0);
    return naturals.map((n, i) => n + ((total - sumNatural) * weights[i]!) / sumW);
  }
  if (sumMin >= total) return mins.map((m) => (m * total) / sumMin);
  const widths = [...mins];
  // Each cell's line widths, with the row it starts on: a merged cell's lines are shared by the rows it spans.
  const cellLines = columns.map((c) => {
    let row = 0;
    return c.cells.map((cell) => {
      const out = { row, span: cell.span, lines: cell.text.split('\n').map(cjkWidth) };
      row += cell.span;
      return out;
    });
  });
  const heights = (ws: number[]): number => {
    const perRow = new Array<number>(rows).fill(1);
    cellLines.forEach((cells, k) => {
      const inner = Math.max(0.5, ws[k]! - 1);
      for (const c of cells) {
        const n = c.lines.reduce((s, w) => s + Math.max(1, Math.ceil(w / inner - 1e-9)), 0) / c.span;
        for (let r = c.row; r < c.row + c.span && r < rows; r++) if (perRow[r]! < n) perRow[r] = n;
      }
    });
    return perRow.reduce((a, b) => a + b, 0);
  };
  let left = total - sumMin;
  const step = 1;
  while (left >= step) {
    let best = -1;
    let bestSaving = 0;
    const now = heights(widths);
    for (let k = 0; k < widths.length; k++) {
      if (widths[k]! + step > naturals[k]!) continue;
      widths[k]! += step;
      const saving = now - heights(widths);
      widths[k]! -= step;
      if (saving > bestSaving) {
        bestSaving = saving;
        best = k;
      }
    }
    if (best < 0) {
      // No single character saves a line: widen the column furthest from its natural width.
      let ratio = 1;
      widths.forEach((w, k) => {
        if (naturals[k]! / w > ratio) {
          ratio = naturals[k]! / w;
          best = k;
        }
      });
      if (best < 0) break;
    }
    widths[best]! += step;
    left -= step;
  }
  // Whatever is left (every column at its natural width) goes to the text columns.
  if (left > 0) {
    const text = columns.map((c, i) => (c.kind === 'text' ? i : -1)).filter((i) => i >= 0);
    const to = text.length ? text : widths.map((_, i) => i);
    to.forEach((i) => (widths[i]! += left / to.length));
  }
  return widths;
}
