import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficeError, type RawDocument } from '../src/document';
import { readDocument } from '../src/read-document';
import { parseTextLines } from '../src/txt-parse';
import { fixture } from './excerpt';

type Base = { name: string; bytes: Uint8Array };
const bases: Base[] = [
  '000-ideology.docx',
  '001-xiezhen.xlsx',
  'structure.docx',
  'encrypted.docx',
  'seeds/004_011aa5988ef2c423.txt',
  'seeds/000_a59af3f7f36b9ebf.txt',
].map((name) => ({ name: name.replace('seeds/', ''), bytes: new Uint8Array(readFileSync(fixture(name))) }));

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; edits: { at: number; value: number }[] }
  | { kind: 'nul'; at: number[] }
  | { kind: 'shuffle'; seed: number };

// Unbiased positions: fast-check favours small values, which would mostly hit the magic bytes.
const unit = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: unit }),
  fc.record({ kind: fc.constant('flip' as const), edits: fc.array(fc.record({ at: unit, value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('nul' as const), at: fc.array(unit, { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.integer() }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const pos = (u: number): number => Math.floor(u * bytes.length);
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, pos(m.at));
    case 'flip': {
      const out = bytes.slice();
      for (const e of m.edits) out[pos(e.at)] = e.value;
      return out;
    }
    case 'nul': {
      const cuts = m.at.map(pos).sort((a, b) => a - b);
      const parts: number[] = [];
      let from = 0;
      for (const cut of cuts) {
        parts.push(...bytes.subarray(from, cut), 0);
        from = cut;
      }
      parts.push(...bytes.subarray(from));
      return new Uint8Array(parts);
    }
    case 'shuffle': {
      // Swap lines pseudo-randomly (split on LF): the text parser must cope with any order.
      const lines = Buffer.from(bytes).toString('latin1').split('\n');
      let state = m.seed | 0;
      for (let i = lines.length - 1; i > 0; i--) {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        const j = Math.abs(state) % (i + 1);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      }
      return new Uint8Array(Buffer.from(lines.join('\n'), 'latin1'));
    }
  }
}

/** Every returned table must be rectangular, with `rows` and `grid` of the same shape. */
function checkShape(doc: RawDocument): void {
  for (const block of doc.blocks) {
    if (block.kind !== 'table') continue;
    const width = block.table.grid[0]?.length ?? 0;
    for (const [i, row] of block.table.grid.entries()) {
      expect(row.length).toBe(width);
      expect(block.table.rows[i]?.length).toBe(width);
    }
  }
}

describe('readDocument', () => {
  it('returns a well-formed document or throws an OfficeError for any damaged input (200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bases), mutation, async (base, m) => {
        try {
          checkShape(await readDocument({ name: base.name, bytes: mutate(base.bytes, m) }, { soffice: false }));
        } catch (error) {
          if (!(error instanceof OfficeError)) throw error;
          expect(error.message).toContain(base.name);
        }
      }),
      { numRuns: 200, seed: 20201124 },
    );
  });
});

describe('parseTextLines', () => {
  const line = fc.constantFrom('\t', '\t甲', '\t 乙 ', '丙', '', '  ', ' \t丁', '\t  ', '戊 己');

  it('puts every non-blank line in exactly one place, at its own line number (300 runs)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const covered = new Map<number, number>();
        const cover = (from: number, to: number): void => {
          for (let n = from; n <= to; n++) covered.set(n, (covered.get(n) ?? 0) + 1);
        };
        for (const block of parseTextLines(lines, 'f.txt', [])) {
          if (block.kind === 'paragraph') {
            expect(block.text).toBe(lines[(block.source.line ?? 0) - 1]);
            cover(block.source.line ?? 0, block.source.line ?? 0);
            continue;
          }
          for (const cell of block.table.rows.flat()) {
            const first = cell.source.line ?? 0;
            if (cell.isMergedContinuation) {
              cover(first, first);
              continue;
            }
            cover(first, cell.source.endLine ?? first);
            // Line k of the text is source line first + k (TAB stripped, whitespace-only lines empty).
            cell.text.split('\n').forEach((text, k) => {
              const raw = lines[first - 1 + k] ?? '';
              const expected = k === 0 ? raw.replace(/^ *\t/, '') : raw;
              expect(text).toBe(expected.trim() === '' ? '' : expected);
            });
          }
        }
        lines.forEach((raw, i) => {
          if (raw.trim() !== '' || raw.includes('\t')) expect(covered.get(i + 1)).toBe(1);
        });
      }),
      { numRuns: 300, seed: 20201124 },
    );
  });
});
