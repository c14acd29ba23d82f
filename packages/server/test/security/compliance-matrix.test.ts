import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const text = readFileSync(join(root, 'docs', 'compliance.md'), 'utf8');
const rows = text
  .split('\n')
  .filter((line) => /^\| \d+ \|/.test(line))
  .map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    return { n: Number(cells[0]), item: cells[1]!, status: cells[2]!, code: cells[3]!, test: cells[4]!, note: cells[5] ?? '' };
  });

const expand = (path: string) => path.replace(/^T\//, 'packages/server/test/').replace(/^S\//, 'packages/server/src/');

/** Checks one test reference; returns a problem or null. */
function checkTest(ref: string): string | null {
  if (ref.startsWith('lint:')) {
    const rule = ref.slice(5);
    return readFileSync(join(root, '.dependency-cruiser.cjs'), 'utf8').includes(`name: '${rule}'`) ? null : `no dependency-cruiser rule ${rule}`;
  }
  const [file, title] = ref.split('::');
  if (!file || !title) return `"${ref}" is not file::title`;
  const path = join(root, expand(file));
  if (!existsSync(path)) return `${file} does not exist`;
  // *.e2e.ts: the browser tests (vitest.browser.config.ts), the second pass of `npm test`
  if (!/\.(test|e2e)\.ts$/.test(path)) return `${file} is not a test file`;
  return readFileSync(path, 'utf8').includes(title) ? null : `${file} has no test titled "${title}"`;
}

describe('docs/compliance.md', () => {
  it('has one row per item 1–59, each with a valid status', () => {
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 59 }, (_, i) => i + 1));
    for (const r of rows) expect(['holds', 'partial', 'missing'], `item ${r.n}`).toContain(r.status);
  });

  it('names only tests that exist, and every holding item names one', () => {
    const problems: string[] = [];
    for (const r of rows) {
      if (r.test === '—') {
        if (r.status === 'holds') problems.push(`item ${r.n} holds but names no test`);
        continue;
      }
      const problem = checkTest(r.test);
      if (problem) problems.push(`item ${r.n}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('states a reason for every item that does not hold', () => {
    for (const r of rows.filter((x) => x.status !== 'holds')) expect(r.note.length, `item ${r.n}`).toBeGreaterThan(5);
  });

  it('reports the count of holding items', () => {
    const holds = rows.filter((r) => r.status === 'holds').length;
    console.log(`compliance: ${holds} of 59 hold, ${rows.filter((r) => r.status === 'partial').length} partial, ${rows.filter((r) => r.status === 'missing').length} missing`);
    expect(holds).toBeGreaterThanOrEqual(30);
  });
});

describe('the checker itself', () => {
  it('refuses a missing file, a missing title and a missing lint rule', () => {
    expect(checkTest('T/no-such.test.ts::x')).toMatch(/does not exist/);
    expect(checkTest('T/auth.test.ts::a title nobody wrote')).toMatch(/no test titled/);
    expect(checkTest('lint:no-such-rule')).toMatch(/no dependency-cruiser rule/);
    expect(checkTest('T/auth.test.ts::logout invalidates the session on the server')).toBeNull();
  });
});
