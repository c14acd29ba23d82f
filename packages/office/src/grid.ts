import type { ImportIssue, RawCell, RawTable, SourceRef } from './document';

/** A master cell placed on the table grid (0-based position). */
export type PlacedCell = {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  source: SourceRef;
};

export type TableLayout = {
  index: number;
  sheet?: string;
  source: SourceRef;
  height: number;
  width: number;
  cells: PlacedCell[];
  /** Where a position not owned by a master (placeholder or padding) comes from. */
  positionSource: (row: number, col: number) => SourceRef;
};

/**
 * Turns placed master cells into the positional model: `rows[i][j]` and
 * `grid[i][j]` describe the same spot. Every reader goes through here so the
 * merge-filling rule is written once.
 *
 * Overlapping merges (possible in hand-edited spreadsheets) are clipped rather
 * than trusted, because a non-rectangular merge cannot be represented; the
 * clipping is reported so the user can check the file.
 */
export function buildTable(layout: TableLayout, issues: ImportIssue[]): RawTable {
  const { height, width } = layout;
  const owner: (PlacedCell | null)[][] = Array.from({ length: height }, () => Array<PlacedCell | null>(width).fill(null));

  for (const cell of layout.cells) {
    if (cell.row >= height || cell.col >= width || owner[cell.row]?.[cell.col]) {
      issues.push(overlapIssue(layout, cell));
      continue;
    }
    const placed = clip(cell, owner, height, width);
    if (placed.rowSpan !== cell.rowSpan || placed.colSpan !== cell.colSpan) issues.push(overlapIssue(layout, cell));
    for (let r = placed.row; r < placed.row + placed.rowSpan; r++) {
      for (let c = placed.col; c < placed.col + placed.colSpan; c++) setOwner(owner, r, c, placed);
    }
  }

  const rows: RawCell[][] = [];
  const grid: string[][] = [];
  for (let r = 0; r < height; r++) {
    const rawRow: RawCell[] = [];
    const textRow: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = owner[r]?.[c] ?? null;
      if (cell && cell.row === r && cell.col === c) {
        rawRow.push({ text: cell.text, rowSpan: cell.rowSpan, colSpan: cell.colSpan, isMergedContinuation: false, source: cell.source });
      } else {
        rawRow.push({ text: '', rowSpan: 1, colSpan: 1, isMergedContinuation: cell !== null, source: layout.positionSource(r, c) });
      }
      textRow.push(cell?.text ?? '');
    }
    rows.push(rawRow);
    grid.push(textRow);
  }

  return { index: layout.index, ...(layout.sheet === undefined ? {} : { sheet: layout.sheet }), rows, grid, source: layout.source };
}

function clip(cell: PlacedCell, owner: (PlacedCell | null)[][], height: number, width: number): PlacedCell {
  let colSpan = 0;
  while (colSpan < Math.max(1, cell.colSpan) && cell.col + colSpan < width && !owner[cell.row]?.[cell.col + colSpan]) colSpan++;
  let rowSpan = 1;
  while (rowSpan < cell.rowSpan && cell.row + rowSpan < height && rowIsFree(owner[cell.row + rowSpan], cell.col, colSpan)) rowSpan++;
  return { ...cell, rowSpan, colSpan };
}

function rowIsFree(row: (PlacedCell | null)[] | undefined, col: number, span: number): boolean {
  for (let c = col; c < col + span; c++) if (row?.[c]) return false;
  return true;
}

function setOwner(owner: (PlacedCell | null)[][], r: number, c: number, cell: PlacedCell): void {
  const row = owner[r];
  if (row) row[c] = cell;
}

function overlapIssue(layout: TableLayout, cell: PlacedCell): ImportIssue {
  const where = layout.sheet ? `工作表 ${layout.sheet} ` : '';
  return {
    severity: 'warning',
    code: 'merge-overlap',
    message: `文件 ${layout.source.file} ${where}第 ${layout.index} 个表格第 ${cell.row + 1} 行第 ${cell.col + 1} 列的合并单元格与其他合并区域重叠，已按不重叠的部分读取，请核对`,
    source: cell.source,
  };
}
