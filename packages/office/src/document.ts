/**
 * The neutral document model every reader produces. It knows nothing about
 * scoring: it records what the file says and where, so that structure
 * recognition can be built on top and can cite the user's own file back to them.
 */

/**
 * A position in the user's file. Numbers are 1-based.
 * - `line`/`endLine`: lines of a text file (`endLine` only when the item spans several lines).
 * - `paragraph`: index of a body paragraph in a Word document (Word has no lines).
 * - `table`/`row`/`col`: table number within the document and grid position.
 * - `sheet`/`cell`: worksheet name and A1 reference in a spreadsheet.
 */
export type SourceRef = {
  file: string;
  table?: number;
  row?: number;
  col?: number;
  line?: number;
  endLine?: number;
  paragraph?: number;
  sheet?: string;
  cell?: string;
};

/**
 * One grid position of a table. `rows[i][j]` always corresponds to `grid[i][j]`:
 * positions covered by a merged area hold a placeholder with
 * `isMergedContinuation: true` and empty `text`; the master cell (top-left)
 * carries the text and the spans.
 */
export type RawCell = {
  text: string;
  rowSpan: number;
  colSpan: number;
  isMergedContinuation: boolean;
  source: SourceRef;
};

export type RawTable = {
  /** 1-based number of the table within the document (all sheets counted together). */
  index: number;
  sheet?: string;
  rows: RawCell[][];
  /** Rectangular text grid; every merged area is filled with its master cell's text. */
  grid: string[][];
  source: SourceRef;
  /**
   * Set by readers whose format cannot tell a merged cell from an empty one (pasted TSV/CSV):
   * every cell is its own master and the layout decides which empty cells continue the one above.
   */
  mergesUnknown?: boolean;
};

export type RawBlock =
  | { kind: 'paragraph'; text: string; source: SourceRef }
  | { kind: 'table'; table: RawTable };

export type DocumentFormat = 'docx' | 'xlsx' | 'txt' | 'doc';

/** Every warning code the readers emit, so callers can map them exhaustively. */
export const importIssueCodes = [
  'extension-mismatch',
  'decoded-as-gbk',
  'invalid-utf8',
  'txt-short-row',
  'merge-overlap',
  'vmerge-mismatch',
  'nested-table',
  'formula-without-result',
  'hidden-sheet',
  'converted-from-doc',
  'converted-from-rtf',
  'converted-from-html',
] as const;

export type ImportIssueCode = (typeof importIssueCodes)[number];

export type ImportIssue = {
  severity: 'error' | 'warning';
  code: string;
  /** Chinese, shown to the user as is. */
  message: string;
  source: SourceRef;
};

export type RawDocument = {
  file: string;
  format: DocumentFormat;
  blocks: RawBlock[];
  warnings: ImportIssue[];
  /** What the file says about itself outside its body (a pasted file's header block). */
  properties?: { title?: string; year?: number };
};

export const officeErrorCodes = [
  'file-not-found',
  'not-a-file',
  'empty-file',
  'file-too-large',
  'corrupt-zip',
  'zip-bomb',
  'corrupt-document',
  'table-too-large',
  'encrypted',
  'unsupported-format',
  'soffice-missing',
  'conversion-failed',
  'no-tables',
  'nothing-imported',
] as const;

export type OfficeErrorCode = (typeof officeErrorCodes)[number];

/**
 * A fatal problem with the user's input. The message is Chinese, names the
 * file (and the place when there is one) and says what to do; callers show it
 * as is. Nothing is returned alongside it, so there is never a partial result.
 */
export class OfficeError extends Error {
  readonly code: OfficeErrorCode;
  readonly source: SourceRef;

  constructor(code: OfficeErrorCode, message: string, source: SourceRef, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OfficeError';
    this.code = code;
    this.source = source;
  }
}

export function isOfficeError(value: unknown): value is OfficeError {
  return value instanceof OfficeError;
}

/** All tables of a document, in order. */
export function tablesOf(doc: RawDocument): RawTable[] {
  return doc.blocks.flatMap((block) => (block.kind === 'table' ? [block.table] : []));
}

/** Throws when the document has no table at all: every scheme we import is tabular. */
export function assertHasTables(doc: RawDocument): void {
  if (tablesOf(doc).length === 0) {
    throw new OfficeError('no-tables', `文件 ${doc.file} 中没有找到表格`, { file: doc.file });
  }
}
