import type { RawDocument } from './document';
import { decodeText, splitLines } from './text-decode';
import { parseTextLines } from './txt-parse';
import { readPastedText } from './txt-table';

/**
 * Reads a text file: a pasted table (TSV, CSV, the corpus's marked TSV; see `readPastedText`) or the
 * seeds' plain-text extraction (see `parseTextLines`). A `=== HEADER ===` block is metadata, not text.
 */
export function readTxt(bytes: Uint8Array, file: string): RawDocument {
  const { text, issues } = decodeText(bytes, file);
  const lines = splitLines(text);
  const pasted = readPastedText(lines, file, issues);
  if (pasted) return { file, format: 'txt', blocks: pasted.blocks, warnings: issues, ...(Object.keys(pasted.properties).length ? { properties: pasted.properties } : {}) };
  const end = headerEnd(lines);
  const blocks = end > 0 ? parseTextLines(lines.slice(end), file, issues, { firstLine: end + 1 }) : parseTextLines(lines, file, issues);
  return { file, format: 'txt', blocks, warnings: issues };
}

function headerEnd(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '=== HEADER ===') return 0;
  const close = lines.findIndex((l) => l.trim() === '=== END HEADER ===');
  return close < 0 ? 0 : close + 1;
}
