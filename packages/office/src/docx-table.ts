import type { ImportIssue, RawTable } from './document';
import type { Numbering } from './docx-numbering';
import { paragraphText } from './docx-text';
import { buildTable, type PlacedCell } from './grid';
import { attr, child, childrenNamed, intAttr, path, type XmlNode } from './xml';

export type TableContext = { file: string; numbering: Numbering | null; issues: ImportIssue[] };

type CellXml = { tc: XmlNode; col: number; span: number; vMerge: 'restart' | 'continue' | null; hMergeContinue: boolean };

/**
 * Resolves a w:tbl to the positional model. Horizontal merges come from
 * w:gridSpan (and the legacy w:hMerge); vertical merges from w:vMerge, where a
 * cell without w:val continues the cell above (ECMA-376 §17.4.85).
 */
export function readDocxTable(tbl: XmlNode, index: number, ctx: TableContext): RawTable {
  const gridCols = childrenNamed(child(tbl, 'w:tblGrid'), 'w:gridCol').length;
  const rows = unwrap(tbl, 'w:tr').map(rowCells);
  const width = Math.max(gridCols, 1, ...rows.map((r) => r.reduce((end, c) => Math.max(end, c.col + c.span), 0)));
  const placed: PlacedCell[] = [];
  let above = new Map<number, PlacedCell>();

  rows.forEach((cells, r) => {
    const here = new Map<number, PlacedCell>();
    let previous: PlacedCell | null = null;
    for (const cell of cells) {
      const master = cell.vMerge === 'continue' ? above.get(cell.col) : undefined;
      if (master && master.col === cell.col && master.colSpan === cell.span) {
        master.rowSpan++;
        for (let c = cell.col; c < cell.col + cell.span; c++) here.set(c, master);
        previous = null;
        continue;
      }
      if (cell.vMerge === 'continue') ctx.issues.push(vMergeIssue(ctx.file, index, r, cell.col));
      if (cell.hMergeContinue && previous && previous.row === r) {
        // Legacy horizontal merge: the covered cell widens the one on its left.
        previous.colSpan += cell.span;
        for (let c = cell.col; c < cell.col + cell.span; c++) here.set(c, previous);
        continue;
      }
      const text = cellText(cell.tc, ctx, index, r, cell.col);
      const placedCell: PlacedCell = {
        row: r,
        col: cell.col,
        rowSpan: 1,
        colSpan: cell.span,
        text,
        source: { file: ctx.file, table: index, row: r + 1, col: cell.col + 1 },
      };
      placed.push(placedCell);
      for (let c = cell.col; c < cell.col + cell.span; c++) here.set(c, placedCell);
      previous = placedCell;
    }
    above = here;
  });

  return buildTable(
    {
      index,
      source: { file: ctx.file, table: index },
      height: rows.length,
      width,
      cells: placed,
      positionSource: (row, col) => ({ file: ctx.file, table: index, row: row + 1, col: col + 1 }),
    },
    ctx.issues,
  );
}

function rowCells(tr: XmlNode): CellXml[] {
  let col = intAttr(path(tr, 'w:trPr', 'w:gridBefore'), 'w:val', 0);
  return unwrap(tr, 'w:tc').map((tc) => {
    const tcPr = child(tc, 'w:tcPr');
    const span = Math.max(1, Math.min(1000, intAttr(child(tcPr, 'w:gridSpan'), 'w:val', 1)));
    const vMergeNode = child(tcPr, 'w:vMerge');
    const vMerge = vMergeNode ? (attr(vMergeNode, 'w:val') === 'restart' ? 'restart' : 'continue') : null;
    const hMerge = child(tcPr, 'w:hMerge');
    const cell: CellXml = { tc, col, span, vMerge, hMergeContinue: hMerge !== undefined && attr(hMerge, 'w:val') !== 'restart' };
    col += span;
    return cell;
  });
}

/** Rows and cells may be wrapped in content controls or custom XML. */
function unwrap(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    else if (c.name === 'w:sdt') out.push(...unwrap(child(c, 'w:sdtContent') ?? c, name));
    else if (c.name === 'w:customXml') out.push(...unwrap(c, name));
  }
  return out;
}

/** Paragraphs joined with "\n"; a nested table is flattened into lines of "a | b" and reported. */
function cellText(tc: XmlNode, ctx: TableContext, index: number, r: number, c: number): string {
  const lines: string[] = [];
  const walk = (node: XmlNode): void => {
    for (const item of node.children) {
      if (item.name === 'w:p') lines.push(paragraphText(item, ctx.numbering));
      else if (item.name === 'w:tbl') {
        ctx.issues.push(nestedIssue(ctx.file, index, r, c));
        for (const tr of unwrap(item, 'w:tr')) lines.push(unwrap(tr, 'w:tc').map((inner) => cellText(inner, ctx, index, r, c)).join(' | '));
      } else if (item.name === 'w:sdt') walk(child(item, 'w:sdtContent') ?? item);
      else if (item.name === 'w:customXml') walk(item);
    }
  };
  walk(tc);
  return lines.join('\n');
}

function vMergeIssue(file: string, index: number, r: number, c: number): ImportIssue {
  return {
    severity: 'warning',
    code: 'vmerge-mismatch',
    message: `文件 ${file} 第 ${index} 个表格第 ${r + 1} 行第 ${c + 1} 列标记为“与上方合并”，但上方没有对应的单元格，已作为独立单元格读取`,
    source: { file, table: index, row: r + 1, col: c + 1 },
  };
}

function nestedIssue(file: string, index: number, r: number, c: number): ImportIssue {
  return {
    severity: 'warning',
    code: 'nested-table',
    message: `文件 ${file} 第 ${index} 个表格第 ${r + 1} 行第 ${c + 1} 列中嵌套了表格，已将其内容按行合并为文字`,
    source: { file, table: index, row: r + 1, col: c + 1 },
  };
}
