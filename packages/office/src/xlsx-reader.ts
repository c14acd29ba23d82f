import ExcelJS from 'exceljs';
import { OfficeError, type ImportIssue, type RawBlock, type RawDocument, type SourceRef } from './document';
import { buildTable, type PlacedCell } from './grid';
import { defaultLimits, type ReadLimits } from './limits';
import { checkAllEntries, openZip, readZipText, type OpenZip } from './zip';

const kind = 'Excel 工作簿';
/** Far beyond any scheme (a few thousand cells) yet small enough to keep memory bounded. */
const maxGridCells = 2_000_000;

/**
 * Reads every worksheet of an .xlsx as one table. The grid starts at A1 so that
 * grid[i][j] is Excel row i+1, column j+1, which is what users will be told.
 * Formulas are never evaluated: the cached result is used, and a formula
 * without one is reported, because a silently blank score cell is worse than a warning.
 */
export async function readXlsx(bytes: Uint8Array, file: string, limits: ReadLimits = defaultLimits): Promise<RawDocument> {
  return readXlsxFromZip(await openZip(bytes, file, kind, limits), bytes);
}

export async function readXlsxFromZip(zip: OpenZip, bytes: Uint8Array): Promise<RawDocument> {
  const { file } = zip;
  // exceljs inflates with no size limit of its own and expands every merged
  // range cell by cell, so both are checked before handing the file over.
  await checkAllEntries(zip);
  await checkMergedAreas(zip);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new OfficeError('corrupt-document', `文件 ${file} 不是有效的 ${kind}（内容损坏，无法解析）`, { file }, { cause: error });
  }
  const issues: ImportIssue[] = [];
  const blocks: RawBlock[] = [];
  for (const sheet of workbook.worksheets) {
    const table = readSheet(sheet, file, blocks.filter((b) => b.kind === 'table').length + 1, issues);
    if (table) blocks.push(...splitSheet(table, file, sheet.name, () => blocks.filter((b) => b.kind === 'table').length + 1, issues));
  }
  return { file, format: 'xlsx', blocks, warnings: issues };
}

function readSheet(sheet: ExcelJS.Worksheet, file: string, index: number, issues: ImportIssue[]): RawBlock | null {
  const name = sheet.name;
  const at = (row: number, col: number): SourceRef => ({ file, sheet: name, table: index, row: row + 1, col: col + 1, cell: cellRef(row, col) });
  const cells: PlacedCell[] = [];
  const merges = sheet.model.merges.map(parseRange).filter((m): m is Range => m !== null);
  let height = 0;
  let width = 0;
  const mergeAt = new Map(merges.map((m) => [`${m.top}:${m.left}`, m]));
  const covered = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }

  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const r = rowNumber - 1;
      const c = colNumber - 1;
      if (covered.has(`${r}:${c}`)) return;
      const text = cellText(cell, file, name, at(r, c), issues);
      if (text === '' && !mergeAt.has(`${r}:${c}`)) return;
      const merge = mergeAt.get(`${r}:${c}`);
      cells.push({ row: r, col: c, rowSpan: merge ? merge.bottom - r + 1 : 1, colSpan: merge ? merge.right - c + 1 : 1, text, source: at(r, c) });
      height = Math.max(height, r + 1);
      width = Math.max(width, c + 1);
    });
  });
  for (const m of merges) {
    if (!cells.some((p) => p.row === m.top && p.col === m.left)) {
      // A merged area whose master is empty still shapes the grid.
      cells.push({ row: m.top, col: m.left, rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1, text: '', source: at(m.top, m.left) });
    }
  }
  if (cells.every((p) => p.text === '')) return null;
  for (const m of merges) {
    height = Math.max(height, m.bottom + 1);
    width = Math.max(width, m.right + 1);
  }
  if (height * width > maxGridCells) {
    throw new OfficeError(
      'table-too-large',
      `文件 ${file} 工作表 ${name} 的数据范围（A1:${cellRef(height - 1, width - 1)}）超过 ${maxGridCells / 10_000} 万个单元格，请删除多余的行列后重新导入`,
      { file, sheet: name },
    );
  }
  if (sheet.state !== 'visible') {
    issues.push({ severity: 'warning', code: 'hidden-sheet', message: `文件 ${file} 的工作表 ${name} 是隐藏的，其内容也已读取，请确认是否需要`, source: { file, sheet: name } });
  }
  const table = buildTable({ index, sheet: name, source: { file, sheet: name, table: index }, height, width, cells, positionSource: at }, issues);
  return { kind: 'table', table };
}

async function checkMergedAreas(zip: OpenZip): Promise<void> {
  let area = 0;
  for (const name of Object.keys(zip.zip.files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = (await readZipText(zip, name)) ?? '';
    for (const match of xml.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
      const range = parseRange(match[1] ?? '');
      if (range) area += (range.bottom - range.top + 1) * (range.right - range.left + 1);
    }
  }
  if (area > maxGridCells) {
    throw new OfficeError(
      'table-too-large',
      `文件 ${zip.file} 中合并单元格覆盖的范围超过 ${maxGridCells / 10_000} 万个单元格，请取消整行或整列的合并后重新导入`,
      { file: zip.file },
    );
  }
}

function cellText(cell: ExcelJS.Cell, file: string, sheet: string, source: SourceRef, issues: ImportIssue[]): string {
  const value: unknown = cell.value;
  if (isRecord(value) && ('formula' in value || 'sharedFormula' in value)) {
    if (value.result === undefined || value.result === null) {
      const formula = typeof value.formula === 'string' ? value.formula : String(value.sharedFormula ?? '');
      issues.push({
        severity: 'warning',
        code: 'formula-without-result',
        message: `文件 ${file} 工作表 ${sheet} 单元格 ${source.cell} 是公式（=${formula}），但文件中没有保存计算结果，已按空白读取；请在 Excel 中打开并保存后再导入`,
        source,
      });
      return '';
    }
    return plainText(value.result, cell.numFmt);
  }
  return plainText(value, cell.numFmt);
}

function plainText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number') return numFmt?.includes('%') ? `${cleanNumber(value * 100)}%` : cleanNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) {
      return value.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join('').replace(/\r\n?/g, '\n');
    }
    if ('text' in value) return plainText(value.text, numFmt);
    if (typeof value.error === 'string') return value.error;
  }
  return '';
}

/** Binary floating point noise (0.30000000000000004) is not what the user typed. */
function cleanNumber(n: number): string {
  return Number.isFinite(n) ? String(Number.parseFloat(n.toPrecision(15))) : String(n);
}

/** exceljs gives dates in UTC; show them as Excel does, without a time when there is none. */
function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = d.toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 16);
  return time === '00:00' ? date : `${date} ${time}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

type Range = { top: number; left: number; bottom: number; right: number };

function parseRange(range: string): Range | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(range.toUpperCase());
  if (!m?.[1] || !m[2]) return null;
  const top = Number(m[2]) - 1;
  const left = colIndex(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? colIndex(m[3]) : left;
  if (top < 0 || bottom < top || right < left || bottom > 1_048_575 || right > 16_383) return null;
  return { top, left, bottom, right };
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based position → "B4". */
export function cellRef(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/**
 * A sheet laid out as a document (kaohe's own .xlsx export, and many hand-made ones): blocks separated
 * by blank rows, each opening with heading rows that hold one text ("党的建设清单", "一、政治建设",
 * "1．螅镇") above a table. Such a sheet is read as the paragraphs and tables it shows, like a .docx.
 * A sheet without blank rows between such blocks stays one table, as before.
 */
function splitSheet(block: RawBlock, file: string, sheet: string, nextIndex: () => number, issues: ImportIssue[]): RawBlock[] {
  if (block.kind !== 'table') return [block];
  const t = block.table;
  const texts = t.rows.map((row) => row.filter((c) => !c.isMergedContinuation && c.text.trim() !== ''));
  const blank = texts.map((cells) => cells.length === 0);
  const segments: [number, number][] = [];
  for (let r = 0; r < t.rows.length; ) {
    while (r < t.rows.length && blank[r]) r++;
    const start = r;
    while (r < t.rows.length && !blank[r]) r++;
    if (r > start) segments.push([start, r]);
  }
  // Only a sheet whose later blocks open with heading rows is a document; anything else is one table.
  const single = (r: number): boolean => texts[r]!.length === 1 && !t.rows[r]!.some((c) => c.isMergedContinuation && c.rowSpan > 1);
  const headed = segments.slice(1).filter(([a]) => single(a)).length;
  if (segments.length < 2 || headed === 0 || headed * 2 < segments.length - 1) return [block];
  const out: RawBlock[] = [];
  for (const [a, b] of segments) {
    let r = a;
    for (; r < b && single(r); r++) out.push({ kind: 'paragraph', text: texts[r]![0]!.text, source: texts[r]![0]!.source });
    if (r >= b) continue;
    const cells: PlacedCell[] = [];
    let width = 0;
    for (let k = r; k < b; k++) {
      t.rows[k]!.forEach((c, col) => {
        if (c.isMergedContinuation) return;
        cells.push({ row: k - r, col, rowSpan: Math.min(c.rowSpan, b - k), colSpan: c.colSpan, text: c.text, source: c.source });
        width = Math.max(width, col + c.colSpan);
      });
    }
    const index = nextIndex() + out.filter((x) => x.kind === 'table').length;
    const source = t.rows[r]![0]?.source ?? t.source;
    out.push({ kind: 'table', table: buildTable({ index, sheet, source: { file, sheet, table: index }, height: b - r, width, cells, positionSource: (row, col) => ({ ...source, row: (source.row ?? 1) + row, col: col + 1 }) }, issues) });
  }
  return out;
}
