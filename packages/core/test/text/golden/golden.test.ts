import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/points';
import { compileRuleText, type CompileResult } from '../../../src/text/compile-rule';
import { show, showCompiled } from '../show-rule';
import { CORPUS_ROWS } from './corpus-rows';
import { SEED_ROWS } from './seed-rows';
import { hasCorpus, isSeed, parseAddress, sentenceAt } from './golden-source';
import type { GoldenRow } from './golden.types';

type Verdict = 'compiled' | 'flagged' | 'wrong' | 'missed';

/** compiled: ok and exactly the expected rules; flagged: review where review is expected; wrong: ok but not the expected rules (the worst defect); missed: review where a rule was expected. */
function verdictOf(row: GoldenRow, result: CompileResult): Verdict {
  if (result.status === 'ok') return row.ok !== undefined && matches(row, result) ? 'compiled' : 'wrong';
  return row.flag !== undefined && (result.reason ?? '').includes(row.flag) ? 'flagged' : 'missed';
}

/**
 * A corpus row never stores the corpus' words: a string "@a-b" in its expected rules stands for the
 * sentence's characters a to b (an any-of option, an exemption's case, a peer average's units), resolved against
 * the sentence read from the corpus — in the expected rules and item policies alike. In an expected flag, "{@a-b}"
 * inside the text stands for those characters (a document's name the reason quotes).
 */
function resolveFlag(flag: string, text: string): string {
  return flag.replace(/\{@(\d+)-(\d+)\}/gu, (_, a: string, b: string) => text.slice(Number(a), Number(b)));
}

function resolveExcerpts(value: unknown, text: string): unknown {
  if (typeof value === 'string') {
    const excerpt = /^@(\d+)-(\d+)$/.exec(value);
    return excerpt ? text.slice(Number(excerpt[1]), Number(excerpt[2])) : value;
  }
  if (Array.isArray(value)) return value.map((entry) => resolveExcerpts(entry, text));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveExcerpts(v, text)]));
  return value;
}

function matches(row: GoldenRow, result: CompileResult): boolean {
  try {
    expect(result.rules.map((r) => showCompiled(r))).toEqual(row.ok);
    expect(show(result.indicator ?? {})).toEqual(row.indicator ?? {});
    expect((result.allocations ?? []).map((a) => show(a.points))).toEqual(row.alloc ?? []);
    return true;
  } catch {
    return false;
  }
}

const rows = [...SEED_ROWS, ...CORPUS_ROWS];
const tally = new Map<string, Record<Verdict, number>>();

describe('golden rule sentences (seeds and corpus)', () => {
  it('has at least 300 rows, each cited once', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(new Set(rows.map((r) => r.at)).size).toBe(rows.length);
    for (const r of rows) expect((r.ok === undefined) !== (r.flag === undefined)).toBe(true);
  });

  if (!hasCorpus) it.skip(`corpus rows skipped: ../shared/corpus is not present (${CORPUS_ROWS.length} rows)`, () => {});

  for (let row of rows) {
    const address = parseAddress(row.at);
    const text = sentenceAt(address);
    const skip = text === undefined && !isSeed(address.file);
    it.skipIf(skip)(`${row.at} ${row.ok ? 'compiles' : 'is flagged'}`, () => {
      expect(text, `${row.at} not found`).toBeDefined();
      const result = compileRuleText(text!, row.points !== undefined ? { points: dec(row.points) } : {});
      row = { ...row, ...(row.ok ? { ok: resolveExcerpts(row.ok, text!) as unknown[] } : {}), ...(row.indicator ? { indicator: resolveExcerpts(row.indicator, text!) as Record<string, unknown> } : {}), ...(row.flag !== undefined ? { flag: resolveFlag(row.flag, text!) } : {}) };
      const verdict = verdictOf(row, result);
      const counts = tally.get(address.file) ?? { compiled: 0, flagged: 0, wrong: 0, missed: 0 };
      counts[verdict]++;
      tally.set(address.file, counts);
      if (row.ok) {
        expect(result.status, result.reason).toBe('ok');
        expect(result.rules.map((r) => showCompiled(r))).toEqual(row.ok);
        expect(show(result.indicator ?? {})).toEqual(row.indicator ?? {});
        expect((result.allocations ?? []).map((a) => show(a.points))).toEqual(row.alloc ?? []);
      } else {
        expect(result.status, JSON.stringify(result.rules.map((r) => showCompiled(r)))).toBe('needs-review');
        expect(result.reason).toContain(row.flag);
      }
    });
  }

  it('compiles no sentence wrong, and prints the measure per file', () => {
    const lines = ['file     rows  compiled  flagged  wrong  missed'];
    let wrong = 0;
    for (const [file, c] of [...tally].sort()) {
      const n = c.compiled + c.flagged + c.wrong + c.missed;
      const pct = (k: number): string => `${((100 * k) / n).toFixed(1)}%`.padStart(7);
      lines.push(`${file.padEnd(8)} ${String(n).padStart(4)}  ${pct(c.compiled)}  ${pct(c.flagged)}  ${pct(c.wrong)}  ${pct(c.missed)}`);
      wrong += c.wrong;
    }
    console.log(lines.join('\n'));
    expect(wrong).toBe(0);
  });
});
