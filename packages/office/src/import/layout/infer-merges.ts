import type { RawCell, RawTable } from '../../document';
import type { ColumnRole } from '../header-roles';

/** Columns whose empty cells continue the cell above in a pasted table (names, not values). */
const CARRIED: ReadonlySet<ColumnRole> = new Set(['seq', 'category', 'item', 'unit', 'indicator', 'lead', 'assessor', 'responsible', 'owner']);
const LEVELS: ReadonlySet<ColumnRole> = new Set(['category', 'item', 'unit', 'indicator']);

/**
 * A pasted table (TSV/CSV) cannot tell a merged cell from an empty one. In the columns that name
 * things (序号, 类别, 项目, 单位, 部门) an empty cell continues the cell above, the way a merged task
 * name covers the rows under it, unless a level column to its left starts something new in that row
 * (a new 一、 part does not inherit the last department of the part above). Values (分值, 评分标准)
 * are never carried. Returns a new table; the header row and the rows above it are left alone.
 */
export function inferMerges(table: RawTable, roles: readonly (ColumnRole | undefined)[], headerRow: number): RawTable {
  const rows: RawCell[][] = table.rows.map((r) => r.map((c) => ({ ...c })));
  const grid = table.grid.map((g) => [...g]);
  for (let c = 0; c < roles.length; c++) {
    const role = roles[c];
    if (!role || !CARRIED.has(role)) continue;
    let master: RawCell | undefined;
    for (let r = headerRow + 1; r < rows.length; r++) {
      const cell = rows[r]![c]!;
      const rowEmpty = grid[r]!.every((t) => t.trim() === '');
      if (cell.text.trim() !== '' || rowEmpty) {
        master = cell.text.trim() !== '' ? cell : undefined;
        continue;
      }
      const newLevelLeft = roles.some((x, k) => k < c && x !== undefined && LEVELS.has(x) && rows[r]![k]!.text.trim() !== '' && !rows[r]![k]!.isMergedContinuation);
      if (!master || newLevelLeft || (role !== 'seq' && !LEVELS.has(role) && roles.some((x, k) => k < c && x !== undefined && LEVELS.has(x) && rows[r]![k]!.text.trim() !== ''))) {
        master = undefined;
        continue;
      }
      master.rowSpan++;
      rows[r]![c] = { ...cell, text: '', isMergedContinuation: true };
      grid[r]![c] = master.text;
    }
  }
  return { ...table, rows, grid };
}
