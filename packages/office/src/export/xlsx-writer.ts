import ExcelJS from 'exceljs';
import { escapeFormula } from './layouts';
import { cjkWidth } from './model/measure';
import { fontName } from './model/fonts';
import { HEADING_PT, planPages, TABLE_LINE_PT, TABLE_PT, type PagePlan, type PlanOptions } from './model/page-plan';
import type { OutBlock } from './out-model';
import { sensitivityMark } from './model/sensitivity';

/** Excel column width units per character of TABLE_PT text: the default font's digit is 7 px, a 五号 汉字 14 px. */
const UNITS_PER_CHAR = (TABLE_PT * (96 / 72)) / 7;
const GB2312 = 134;
const NUMBER = /^-?\d+(\.\d+)?$/;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const border: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };
const font = (role: 'songti' | 'heiti' | 'xiaobiaosong', size: number): Partial<ExcelJS.Font> => ({ name: fontName(role), size, charset: GB2312 });
const numFmt = (decimals: number): string => (decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0');
const mm2in = (mm: number): number => Math.round((mm / 25.4) * 100) / 100;

export function planToWorkbook(plan: PagePlan): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(plan.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Sheet1');
  const tables = plan.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  // All tables share one grid: the columns are those of the widest table, each as wide as its widest use.
  const width = Math.max(1, ...tables.map((t) => t.columns.length));
  const widths = Array.from({ length: width }, (_, k) => Math.max(2, ...tables.map((t) => t.columns[k]?.width ?? 0)));
  const total = widths.reduce((a, b) => a + b, 0);
  // Scaled so the grid is exactly the page's text width.
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = Math.round(((w * plan.textChars) / total) * UNITS_PER_CHAR * 10) / 10));

  let r = 1;
  const mark = sensitivityMark(plan.sensitivity);
  if (mark) {
    // The label in the first cell (top left, where a 密级 stands), above the title; the importer reads it as a line above the table.
    ws.getCell(r, 1).value = mark;
    ws.getCell(r, 1).font = font('heiti', TABLE_PT + 1.5);
    r += 1;
  }
  ws.getCell(r, 1).value = escapeFormula(plan.title);
  ws.getCell(r, 1).font = font('xiaobiaosong', 16);
  ws.getCell(r, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (width > 1) ws.mergeCells(r, 1, r, width);
  ws.getRow(r).height = 30;
  r += plan.blocks.find((b) => b.kind === 'table')?.table.titled ? 1 : 2;
  const headerRows: number[] = [];
  const sameHeader = tables.every((t) => t.columns.map((c) => c.header).join('|') === tables[0]?.columns.map((c) => c.header).join('|'));
  for (const b of plan.blocks) {
    if (b.kind === 'heading') {
      const c = ws.getCell(r, 1);
      c.value = escapeFormula(b.text);
      c.font = font('heiti', HEADING_PT - 2);
      c.alignment = { vertical: 'middle' };
      r += 1;
      continue;
    }
    const t = b.table;
    headerRows.push(r);
    t.columns.forEach((col, k) => {
      const c = ws.getCell(r, k + 1);
      c.value = escapeFormula(col.header);
      c.font = font('heiti', TABLE_PT);
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    });
    ws.getRow(r).height = Math.round(TABLE_LINE_PT * Math.max(1, ...t.columns.map((c) => Math.ceil(cjkWidth(c.header) / Math.max(1, c.width - 1)))) + 6);
    r += 1;
    t.rows.forEach((row, i) => {
      row.forEach((cellModel, k) => {
        const c = ws.getCell(r + i, k + 1);
        c.border = border;
        if (cellModel.merged || cellModel.covered) return;
        const col = t.columns[k]!;
        const fullWidth = (cellModel.colSpan ?? 1) > 1;
        if (col.kind === 'number' && NUMBER.test(cellModel.text)) {
          c.value = Number(cellModel.text);
          c.numFmt = numFmt(col.decimals ?? 0);
        } else c.value = escapeFormula(cellModel.text);
        c.font = font(fullWidth ? 'heiti' : 'songti', TABLE_PT);
        c.alignment = { wrapText: true, vertical: 'middle', horizontal: col.kind === 'text' || fullWidth ? 'left' : 'center' };
        if ((cellModel.rowSpan ?? 1) > 1 || (cellModel.colSpan ?? 1) > 1) ws.mergeCells(r + i, k + 1, r + i + (cellModel.rowSpan ?? 1) - 1, k + (cellModel.colSpan ?? 1));
      });
      ws.getRow(r + i).height = Math.round((t.lines[i]! * TABLE_LINE_PT + 6) * 10) / 10;
    });
    r += t.rows.length + 1;
  }
  const m = plan.margins;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: plan.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { top: mm2in(m.top), bottom: mm2in(m.bottom), left: mm2in(m.left), right: mm2in(m.right), header: mm2in(m.header), footer: mm2in(m.footer) },
    ...(sameHeader && headerRows.length > 0 ? { printTitlesRow: `${headerRows[0]}:${headerRows[0]}` } : {}),
  };
  ws.headerFooter = { ...(mark ? { oddHeader: `&L${mark}` } : {}), oddFooter: '&C— &P —' };
  return wb;
}

/** Writes the blocks to one worksheet laid out by the page plan: A4, fitted to the page width, bordered, header row repeated. */
export async function blocksToXlsx(blocks: OutBlock[], title: string, options: PlanOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await planToWorkbook(planPages(blocks, title, options)).xlsx.writeBuffer());
}
