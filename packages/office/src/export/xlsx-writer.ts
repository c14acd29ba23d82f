import ExcelJS from 'exceljs';
import { escapeFormula, type OutBlock } from './layouts';

/** Writes the blocks to one worksheet: headings as merged title rows, tables with merged cells; text escaped against formulas. */
export async function blocksToXlsx(blocks: OutBlock[], title: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Sheet1');
  let r = 1;
  const width = Math.max(1, ...blocks.map((b) => (b.kind === 'table' ? b.table.header.length : 1)));
  ws.getCell(r, 1).value = escapeFormula(title);
  ws.mergeCells(r, 1, r, width);
  r += 2;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      ws.getCell(r, 1).value = escapeFormula(b.text);
      ws.getCell(r, 1).font = { bold: true };
      r += 1;
      continue;
    }
    b.table.header.forEach((h, c) => {
      ws.getCell(r, c + 1).value = escapeFormula(h);
      ws.getCell(r, c + 1).font = { bold: true };
    });
    r += 1;
    b.table.rows.forEach((row, i) => {
      row.forEach((c, k) => {
        if (c.merged || c.covered) return;
        const cell = ws.getCell(r + i, k + 1);
        cell.value = escapeFormula(c.text);
        cell.alignment = { wrapText: true, vertical: 'top' };
        if ((c.rowSpan && c.rowSpan > 1) || (c.colSpan && c.colSpan > 1)) ws.mergeCells(r + i, k + 1, r + i + (c.rowSpan ?? 1) - 1, k + (c.colSpan ?? 1));
      });
    });
    r += b.table.rows.length + 1;
  }
  ws.columns.forEach((col, i) => (col.width = i === 2 || i === 3 ? 60 : 18));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
