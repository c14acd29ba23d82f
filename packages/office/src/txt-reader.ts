import type { RawDocument } from './document';
import { decodeText, splitLines } from './text-decode';
import { parseTextLines } from './txt-parse';

/** Reads a plain-text extraction (see `parseTextLines` for the conventions). */
export function readTxt(bytes: Uint8Array, file: string): RawDocument {
  const { text, issues } = decodeText(bytes, file);
  const blocks = parseTextLines(splitLines(text), file, issues);
  return { file, format: 'txt', blocks, warnings: issues };
}
