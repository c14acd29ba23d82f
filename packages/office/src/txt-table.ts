import { parseCsv } from '@kaohe/contract';
import type { ImportIssue, RawBlock, RawTable, SourceRef } from './document';
import { buildTable, type PlacedCell } from './grid';

/**
 * Tables pasted as text, the way a clerk copies them out of Excel or a web page:
 * - TSV: one row per line, cells separated by TAB; "\n" inside a field is a line break of the cell;
 * - the corpus convention on top of it: a `=== HEADER ===` … `=== END HEADER ===` block of
 *   `key: value` lines, and `=== TABLE n: name | rows=R | header_rows=H | cols=C ===` before each table;
 * - CSV (RFC 4180, quoted fields may span lines), for a file named .csv.
 * Neither format can tell a merged cell from an empty one, so the tables carry `mergesUnknown`.
 */
export type PastedText = { blocks: RawBlock[]; properties: { title?: string; year?: number } };

const TABLE_MARKER = /^=== TABLE (\d+): (.*?) \| rows=(\d+) \| header_rows=(\d+) \| cols=(\d+) ===$/;

/** Null when the text is not a pasted table (the seeds' extraction, plain paragraphs). */
export function readPastedText(lines: readonly string[], file: string, issues: ImportIssue[]): PastedText | null {
  const properties = headerBlock(lines);
  const body = properties.end;
  const hasMarkers = lines.some((l) => TABLE_MARKER.test(l));
  if (hasMarkers) return { blocks: markedTables(lines, body, file, issues), properties: properties.values };
  if (/\.csv$/i.test(file)) return { blocks: csvTable(lines, file, issues), properties: properties.values };
  if (!looksLikeTsv(lines.slice(body))) return null;
  return { blocks: tsvBlocks(lines, body, file, issues), properties: properties.values };
}

/** The header block's title (its Chinese words, without annotations) and a plain four-digit year. */
function headerBlock(lines: readonly string[]): { end: number; values: { title?: string; year?: number } } {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || lines[first]!.trim() !== '=== HEADER ===') return { end: 0, values: {} };
  const close = lines.findIndex((l, i) => i > first && l.trim() === '=== END HEADER ===');
  const end = close < 0 ? first + 1 : close + 1;
  const values: { title?: string; year?: number } = {};
  for (const line of lines.slice(first + 1, end - 1)) {
    const m = /^(\w+):\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'title') {
      const t = /^[\p{Script=Han}\d（）()、＋·\-—]+/u.exec(m[2]!.trim())?.[0]?.replace(/[\s—-]+$/, '');
      if (t && /\p{Script=Han}{4}/u.test(t)) values.title = t;
    }
    if (m[1] === 'year' && /^(19|20)\d{2}\b/.test(m[2]!.trim())) values.year = Number(m[2]!.trim().slice(0, 4));
  }
  return { end, values };
}

/** Most non-blank lines hold a TAB between two cells, with a steady number of fields. */
function looksLikeTsv(lines: readonly string[]): boolean {
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length < 2) return false;
  const tabbed = filled.filter((l) => /[^\t]\t/.test(l));
  if (tabbed.length < filled.length * 0.8) return false;
  // The seeds' extraction starts every cell line with a TAB: that is not a pasted table.
  if (filled.filter((l) => l.startsWith('\t')).length > filled.length / 2) return false;
  const counts = new Map<number, number>();
  for (const l of tabbed) counts.set(l.split('\t').length, (counts.get(l.split('\t').length) ?? 0) + 1);
  const top = Math.max(...counts.values());
  return top >= tabbed.length * 0.6;
}

function markedTables(lines: readonly string[], from: number, file: string, issues: ImportIssue[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let i = from;
  while (i < lines.length) {
    const m = TABLE_MARKER.exec(lines[i]!);
    if (!m) {
      const t = lines[i]!.trim();
      if (t !== '' && !t.startsWith('=== ')) blocks.push({ kind: 'paragraph', text: t, source: { file, line: i + 1 } });
      i++;
      continue;
    }
    const rows = Number(m[3]);
    const width = Number(m[5]);
    const start = i + 1;
    const rowLines = lines.slice(start, start + rows).map((l, k) => ({ cells: l.split('\t'), line: start + k + 1 }));
    blocks.push({ kind: 'table', table: tableOf(rowLines, width, file, blocks.filter((b) => b.kind === 'table').length + 1, m[2]!.trim(), issues) });
    i = start + rows;
  }
  return blocks;
}

function tsvBlocks(lines: readonly string[], from: number, file: string, issues: ImportIssue[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let run: { cells: string[]; line: number }[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const width = Math.max(...run.map((r) => r.cells.length));
    blocks.push({ kind: 'table', table: tableOf(run, width, file, blocks.filter((b) => b.kind === 'table').length + 1, undefined, issues) });
    run = [];
  };
  lines.slice(from).forEach((l, k) => {
    const line = from + k + 1;
    if (l.includes('\t')) run.push({ cells: l.split('\t'), line });
    else {
      flush();
      if (l.trim() !== '') blocks.push({ kind: 'paragraph', text: l.trim(), source: { file, line } });
    }
  });
  flush();
  return blocks;
}

function csvTable(lines: readonly string[], file: string, issues: ImportIssue[]): RawBlock[] {
  const rows = parseCsv(lines.join('\n')).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((r) => r.cells.length));
  return [{ kind: 'table', table: tableOf(rows, width, file, 1, undefined, issues, false) }];
}

/** Every field is its own cell; "\n" is a line break and "\\" a backslash (TSV only: CSV quotes its breaks). */
function tableOf(rows: { cells: string[]; line: number }[], width: number, file: string, index: number, name: string | undefined, issues: ImportIssue[], escapes = true): RawTable {
  const cells: PlacedCell[] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const raw = row.cells[c] ?? '';
      const text = escapes ? raw.replace(/\\(n|\\)/g, (_, x: string) => (x === 'n' ? '\n' : '\\')) : raw;
      const source: SourceRef = { file, table: index, row: r + 1, col: c + 1, line: row.line };
      cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text, source });
    }
  });
  const source: SourceRef = { file, table: index, line: rows[0]?.line ?? 1, ...(rows.length > 1 ? { endLine: rows[rows.length - 1]!.line } : {}) };
  const table = buildTable(
    { index, ...(name ? { sheet: name } : {}), source, height: rows.length, width, cells, positionSource: (r, c) => ({ file, table: index, row: r + 1, col: c + 1, line: rows[r]?.line ?? 1 }) },
    issues,
  );
  return { ...table, mergesUnknown: true };
}
