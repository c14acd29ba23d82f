import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where golden sentences come from. Seeds are committed fixtures (test/fixtures/seeds/NNN.txt, the
 * seed documents' text extraction). The corpus is third-party text that is never committed: it is
 * read from ../shared/corpus (or KAOHE_CORPUS) when present, by file and line, and corpus rows are
 * skipped with a message when it is absent.
 */
const SEEDS = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));
export const CORPUS_DIR = process.env['KAOHE_CORPUS'] ?? fileURLToPath(new URL('../../../../../../shared/corpus/', import.meta.url));
export const hasCorpus = existsSync(CORPUS_DIR);

/** A golden sentence's address: seed 000 line 49, corpus 06 line 20 cell 1, corpus 11-008 line 30. */
export type Address = { file: string; line: number; cell?: number; lines?: number; item?: number };

/** The k-th numbered item (1. 2. at a line start) of a cell, without its marker: what the importer compiles as one clause. */
function itemOf(cell: string, k: number): string | undefined {
  const items = cell.split(/\n(?=\s*\d{1,2}[.．、](?!\d))/);
  return items[k - 1]?.replace(/^\s*\d{1,2}[.．、]\s*/, '');
}

export const isSeed = (file: string): boolean => /^\d{3}$/.test(file);

const cache = new Map<string, string[]>();
function linesOf(file: string): string[] | undefined {
  if (cache.has(file)) return cache.get(file);
  let path: string | undefined;
  if (isSeed(file)) path = `${SEEDS}${file}.txt`;
  else if (hasCorpus) {
    const prefix = file.startsWith('11-') ? `11_` : `${file}_`;
    const suffix = file.startsWith('11-') ? `CQDS-2015-${file.slice(3)}.txt` : '.tsv';
    const name = readdirSync(CORPUS_DIR).find((n) => n.startsWith(prefix) && n.endsWith(suffix));
    if (name) path = `${CORPUS_DIR}/${name}`;
  }
  if (!path || !existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n');
  cache.set(file, lines);
  return lines;
}

/** The clause text at an address: a seed line (joined with the next `lines − 1` lines), a TSV cell, a text line. */
export function sentenceAt(address: Address): string | undefined {
  const lines = linesOf(address.file);
  if (!lines) return undefined;
  const first = lines[address.line - 1];
  if (first === undefined) return undefined;
  if (address.cell !== undefined) {
    const cell = first.split('\t')[address.cell];
    // TSV cells write an in-cell line break as the two characters \n (corpus README).
    const text = cell?.replace(/\\n/g, '\n');
    return text !== undefined && address.item !== undefined ? itemOf(text, address.item) : text;
  }
  return lines.slice(address.line - 1, address.line - 1 + (address.lines ?? 1)).join('\n');
}

/** "06:20#1" → { file: '06', line: 20, cell: 1 }; "01:29#5@3" → its third numbered item; "000:68+2" → two lines from 68. */
export function parseAddress(at: string): Address {
  const m = /^([\d-]+):(\d+)(?:#(\d+))?(?:@(\d+))?(?:\+(\d+))?$/.exec(at);
  if (!m) throw new Error(`bad golden address ${at}`);
  return { file: m[1]!, line: Number(m[2]), ...(m[3] !== undefined ? { cell: Number(m[3]) } : {}), ...(m[4] !== undefined ? { item: Number(m[4]) } : {}), ...(m[5] !== undefined ? { lines: Number(m[5]) } : {}) };
}
