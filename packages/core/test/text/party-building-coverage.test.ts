import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRuleText, splitItems } from '../../src/text/compile-rule';

/**
 * Seed 000 lines 20-281 (党的建设清单) copied to fixtures: each table cell is a TAB-indented line
 * followed by its continuation lines. The 具体扣分标准 cells hold the deduction clauses, one per
 * numbered item.
 */
const fixture = readFileSync(fileURLToPath(new URL('../fixtures/000-party-building.txt', import.meta.url)), 'utf8');

function cells(text: string): string[] {
  const out: string[] = [];
  let cur: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      if (cur) out.push(cur.join('\n'));
      cur = [line.slice(1)];
    } else cur?.push(line);
  }
  if (cur) out.push(cur.join('\n'));
  return out;
}

const HEADERS = new Set(['具体扣分标准']);
const clauses = cells(fixture)
  .filter((c) => /扣/.test(c) && /分/.test(c) && !HEADERS.has(c.trim()))
  .flatMap((c) => splitItems(c).map((r) => c.slice(r.start, r.end).trim()))
  .filter((t) => /扣|分/.test(t));

describe('compileRuleText on seed 000 党的建设清单', () => {
  it('compiles at least 90% of the scoring clauses and flags every other one with its reason', () => {
    const results = clauses.map((text) => ({ text, r: compileRuleText(text) }));
    const ok = results.filter((x) => x.r.status === 'ok');
    const share = ok.length / results.length;
    console.log(`000 党的建设清单: ${ok.length}/${results.length} clauses compiled (${(100 * share).toFixed(1)}%)`);
    for (const x of results.filter((y) => y.r.status !== 'ok')) console.log(`  needs-review: ${x.r.reason} — ${x.text.replace(/\s+/g, ' ')}`);
    expect(results.length).toBeGreaterThanOrEqual(50);
    expect(share).toBeGreaterThanOrEqual(0.9);
    for (const x of results) {
      if (x.r.status === 'ok') expect(x.r.rules.length).toBeGreaterThan(0);
      else expect(x.r.reason).toMatch(/\p{Script=Han}/u);
    }
  });

  it('yields one rule per independent sentence (item 5.2 has three)', () => {
    const item = clauses.find((t) => t.startsWith('2. 不重视年轻干部'))!;
    expect(compileRuleText(item).rules).toHaveLength(3);
  });

  it('flags the 折算扣分 clauses with the reason', () => {
    const reasons = clauses.map((t) => compileRuleText(t)).filter((r) => r.status !== 'ok').map((r) => r.reason);
    expect(reasons).toEqual(['折算方法见另一细则《“三服务”工作考核细则》，未给出公式', '“折算扣分”未给出折算公式']);
  });
});
