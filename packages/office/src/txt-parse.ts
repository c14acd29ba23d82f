import type { ImportIssue, RawBlock, RawTable, SourceRef } from './document';
import { buildTable, type PlacedCell } from './grid';

/**
 * Reads the plain-text extraction our seed documents come in:
 * - a line starting with a TAB is a table cell (a few extractions put spaces
 *   before the TAB, e.g. 001:5340; those also start a new row, see below);
 * - lines without a TAB that follow a cell, directly or after ONE blank line,
 *   continue that cell (wrapped text, 000:31-45);
 * - a blank line followed by a TAB line ends the row;
 * - two or more blank lines are a page break or the end of the table: the table
 *   goes on only if the row is still incomplete (000:992, 001:3033) or the next
 *   cell is an empty merged cell (000:457); otherwise a new table or paragraphs start;
 * - an empty TAB line is a vertically merged cell taking the text of the cell above;
 * - every other non-blank line is a paragraph.
 * Cell text keeps the blank lines inside the cell as empty lines, so that line k
 * of `text` always comes from source line `line + k`.
 * `firstLine` numbers the lines when `lines` is an excerpt of a longer file.
 */
export function parseTextLines(lines: readonly string[], file: string, issues: ImportIssue[], at: { firstLine?: number; firstTable?: number } = {}): RawBlock[] {
  const blocks: RawBlock[] = [];
  let table: TableDraft | null = null;
  let blanks = 0;
  let tableIndex = at.firstTable ?? 1;
  const firstLine = at.firstLine ?? 1;

  const closeTable = (): void => {
    if (!table) return;
    blocks.push({ kind: 'table', table: finishTable(table, file, tableIndex++, issues) });
    table = null;
  };

  lines.forEach((raw, i) => {
    const lineNo = firstLine + i;
    const cellMatch = /^( *)\t/.exec(raw);
    if (!cellMatch && raw.trim() === '') {
      blanks++;
      return;
    }
    if (cellMatch) {
      const cell: CellDraft = { lines: [raw.slice(cellMatch[0].length)], startLine: lineNo, endLine: lineNo };
      const spaceBeforeTab = cellMatch[1] !== '';
      if (!table) {
        table = { rows: [[cell]], width: 0, startLine: lineNo, endLine: lineNo };
      } else if (blanks === 0 && !spaceBeforeTab) {
        currentRow(table).push(cell);
      } else if (blanks <= 1) {
        startRow(table, cell);
      } else if (rowIsIncomplete(table) && !spaceBeforeTab) {
        currentRow(table).push(cell);
      } else if (isEmptyCell(cell) || spaceBeforeTab) {
        startRow(table, cell);
      } else {
        closeTable();
        table = { rows: [[cell]], width: 0, startLine: lineNo, endLine: lineNo };
      }
      table.endLine = lineNo;
      blanks = 0;
      return;
    }
    if (table && blanks <= 1) {
      const last = currentRow(table).at(-1);
      if (last) {
        for (let b = 0; b < blanks; b++) last.lines.push('');
        last.lines.push(raw);
        last.endLine = lineNo;
        table.endLine = lineNo;
      }
      blanks = 0;
      return;
    }
    closeTable();
    blocks.push({ kind: 'paragraph', text: raw, source: { file, line: lineNo } });
    blanks = 0;
  });
  closeTable();
  return blocks;
}

type CellDraft = { lines: string[]; startLine: number; endLine: number };
type TableDraft = { rows: CellDraft[][]; width: number; startLine: number; endLine: number };

function currentRow(table: TableDraft): CellDraft[] {
  const row = table.rows.at(-1);
  if (row) return row;
  const fresh: CellDraft[] = [];
  table.rows.push(fresh);
  return fresh;
}

function startRow(table: TableDraft, cell: CellDraft): void {
  table.width = Math.max(table.width, currentRow(table).length);
  table.rows.push([cell]);
}

/** Incomplete = fewer cells than the widest finished row (normally the header). */
function rowIsIncomplete(table: TableDraft): boolean {
  return table.width > 0 && currentRow(table).length < table.width;
}

function isEmptyCell(cell: CellDraft): boolean {
  return cell.lines.every((l) => l.trim() === '');
}

function finishTable(draft: TableDraft, file: string, index: number, issues: ImportIssue[]): RawTable {
  const width = Math.max(...draft.rows.map((r) => r.length));
  const owner: (PlacedCell | null)[][] = [];
  const placed: PlacedCell[] = [];
  const lineAt = new Map<string, number>();
  const shortRows: number[] = [];

  draft.rows.forEach((row, r) => {
    const ownerRow: (PlacedCell | null)[] = Array<PlacedCell | null>(width).fill(null);
    owner.push(ownerRow);
    if (row.length < width) shortRows.push(row[0]?.startLine ?? draft.startLine);
    row.forEach((cell, c) => {
      lineAt.set(`${r}:${c}`, cell.startLine);
      // The text cannot say where a horizontal merge is; the last cell taking the
      // rest of the row matches the common case (004: 牵头单位+责任单位 merged).
      const colSpan = c === row.length - 1 ? width - c : 1;
      // Never continue the first row: it is the header in practice, and an empty
      // cell under it is vertically centred text further down (000:694 vs 000:724).
      const above = r > 1 ? owner[r - 1]?.[c] : null;
      if (isEmptyCell(cell) && colSpan === 1 && above && above.colSpan === 1) {
        above.rowSpan++;
        ownerRow[c] = above;
        return;
      }
      const source: SourceRef = { file, table: index, row: r + 1, col: c + 1, line: cell.startLine };
      if (cell.endLine > cell.startLine) source.endLine = cell.endLine;
      const master: PlacedCell = { row: r, col: c, rowSpan: 1, colSpan, text: cellText(cell), source };
      placed.push(master);
      for (let k = c; k < c + colSpan; k++) ownerRow[k] = master;
    });
  });

  const tableSource: SourceRef = { file, table: index, line: draft.startLine, endLine: draft.endLine };
  if (shortRows.length > 0) issues.push(shortRowIssue(file, index, width, shortRows, tableSource));
  return buildTable(
    {
      index,
      source: tableSource,
      height: draft.rows.length,
      width,
      cells: placed,
      positionSource: (r, c) => {
        const line = lineAt.get(`${r}:${c}`);
        return { file, table: index, row: r + 1, col: c + 1, ...(line === undefined ? {} : { line }) };
      },
    },
    issues,
  );
}

/** Trailing whitespace-only lines belong to the gap after the cell, not to the cell. */
function cellText(cell: CellDraft): string {
  const lines = cell.lines.map((l) => (l.trim() === '' ? '' : l));
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 1 && lines[0]?.trim() === '' ? '' : lines.join('\n');
}

function shortRowIssue(file: string, index: number, width: number, lines: number[], source: SourceRef): ImportIssue {
  const shown = lines.slice(0, 10).join('、') + (lines.length > 10 ? ' 等' : '');
  return {
    severity: 'warning',
    code: 'txt-short-row',
    message: `文件 ${file} 第 ${index} 个表格（第 ${source.line} 行起）有 ${lines.length} 行的单元格少于 ${width} 个（见第 ${shown} 行），已假定该行最后一个单元格向右合并，请核对`,
    source,
  };
}

export type ParagraphCell = { text: string; line: number; endLine: number };

/**
 * For extractions without TABs (cells as paragraphs separated by blank lines,
 * like seed 002): groups consecutive non-blank lines into one cell each. Row
 * boundaries are left to the recogniser, which knows the column order.
 * Accepts raw lines (numbered from `firstLine`) or the paragraph blocks of a
 * text document, where a gap in line numbers is a blank line.
 */
export function splitParagraphCells(input: readonly string[] | readonly RawBlock[], firstLine = 1): ParagraphCell[] {
  const numbered = input.flatMap((item, i): { text: string; line: number }[] => {
    if (typeof item === 'string') return [{ text: item, line: firstLine + i }];
    if (item.kind === 'paragraph' && item.source.line !== undefined) return [{ text: item.text, line: item.source.line }];
    return [];
  });
  const cells: ParagraphCell[] = [];
  let current: ParagraphCell | null = null;
  for (const { text, line } of numbered) {
    if (text.trim() === '') {
      current = null;
      continue;
    }
    if (current && line === current.endLine + 1) {
      current.text += `\n${text}`;
      current.endLine = line;
    } else {
      current = { text, line, endLine: line };
      cells.push(current);
    }
  }
  return cells;
}
