import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawBlock } from '../src/document';
import { splitLines } from '../src/text-decode';
import { parseTextLines } from '../src/txt-parse';
import type { SeedExcerpt } from './fixtures/seed-excerpts';

export const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

/** The blocks of a seed's line range, read by the text parser: the reference the binary fixtures must match. */
export function excerptBlocks(excerpt: SeedExcerpt): RawBlock[] {
  const lines = splitLines(readFileSync(fixture(`seeds/${excerpt.seed}`), 'utf8'));
  return parseTextLines(lines.slice(excerpt.from - 1, excerpt.to), excerpt.seed, [], { firstLine: excerpt.from });
}

/** Text and merge structure of every cell, without sources (which legitimately differ between formats). */
export function shape(blocks: readonly RawBlock[]): unknown[] {
  return blocks.flatMap((b) =>
    b.kind === 'table' ? [{ grid: b.table.grid, spans: b.table.rows.map((r) => r.map((c) => [c.rowSpan, c.colSpan, c.isMergedContinuation, c.text])) }] : [],
  );
}
