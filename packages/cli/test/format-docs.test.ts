/**
 * What a person writing a scheme by hand from docs/scheme-format.md runs into: each documented
 * default, field and output is checked against what the code does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dec, describeLine, evaluate, fromInt, gradeUnits, type Grading } from '@kaohe/core';
import { parseFacts, parseScheme } from '@kaohe/contract';
import { run } from '../src/main';
import { SMALL_SCHEME } from '../../contract/test/fixtures';

const docs = readFileSync(new URL('../../../docs/scheme-format.md', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kaohe-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
function cli(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const scheme = file('scheme.yaml', SMALL_SCHEME);
const facts = file('facts.yaml', '- {unit: a, ref: c1, type: occurrence, count: 3}\n- {unit: a, ref: c2, type: rate, numerator: 86, denominator: 100}\n- {unit: b, ref: n1, type: flag, value: true}\n');
const DECIMAL = /^-?\d+(\.\d+)?$/;

describe('required fields say what else they need', () => {
  it('the docs say a unit’s category must name a unitCategories entry, and the error says so', () => {
    expect(docs).toContain('each unit\'s `category` is\n**required** and must be the `code` of an entry of `unitCategories`');
    const r = cli('validate', file('unknown-cat.yaml', SMALL_SCHEME.replace('category: town}', 'category: village}')));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/units\[0\]\.category.*village/);
  });
});

describe('documented defaults match the code', () => {
  const grading = (percentileRounding?: 'floor' | 'ceil' | 'exact'): Grading => ({
    grades: [
      { code: 'A', name: '优秀' },
      { code: 'B', name: '良好' },
    ],
    method: 'rank-percentile',
    percentiles: [{ grade: 'A', upToPercent: fromInt(30) }],
    ...(percentileRounding ? { percentileRounding } : {}),
  });
  const five = Array.from({ length: 5 }, (_, i) => ({ unit: `u${i}`, total: fromInt(90 - i), groupRank: { group: 'g', rank: i + 1, of: 5 }, vetoed: false, deductionTotal: 0 as never, negativeTotal: 0 as never, flags: [] }));
  const excellent = (g: Grading): number => gradeUnits(g, five, () => 'g').filter((o) => o.grade === 'A').length;

  it('percentileRounding: default exact, which rounds 30% of 5 = 1.5 half-up to 2; floor gives 1', () => {
    expect(docs).toContain('`grading.percentileRounding`: `floor` \\| `ceil` \\| `exact` | `exact`, which for a count of units means **rounded half-up** (30% of 5 = 1.5 → 2 units; `floor` → 1)');
    expect(excellent(grading())).toBe(2);
    expect(excellent(grading('exact'))).toBe(2);
    expect(excellent(grading('floor'))).toBe(1);
  });

  it('a grade quota rounds down by default: 30% of 5 = 1.5 → 1 unit', () => {
    expect(docs).toContain('| p% of n units in a grade quota (优秀不超过 30%) | quota `rounding`: `floor` \\| `ceil` \\| `exact` | `floor` (30% of 5 = 1.5 → 1 unit) |');
    const bands: Grading = { grades: [{ code: 'A', name: '优秀' }, { code: 'B', name: '良好' }], method: 'score-bands', bands: [{ grade: 'A', min: fromInt(80) }], quotas: [{ grade: 'A', maxPercent: fromInt(30), scope: 'group' }] };
    expect(excellent(bands)).toBe(1);
  });
});

describe('the grade-exception flag is documented and works as documented', () => {
  it('a flag fact on ref grading with the flag name in variant forces the grade', () => {
    const example = /```yaml\n(- \{ unit: 螅镇, ref: grading, type: flag, variant: 存在突出问题, value: true \})/.exec(docs);
    expect(example).not.toBeNull();
    const text = SMALL_SCHEME.replace('  bands: [{grade: A, min: 4.5}]', '  bands: [{grade: A, min: 4.5}]\n  exceptions: [{when: {flag: 存在突出问题}, forceGrade: B}]');
    const { scheme: s } = parseScheme(text.replace('{code: a, name: 甲镇, category: town}', '{code: a, name: 螅镇, category: town}'));
    const fs = parseFacts(`${example![1]}\n`, 'facts.yaml', s);
    const perfect = evaluate(s, []).units.find((u) => u.unit === 'a')!;
    expect(perfect.grade).toBe('A');
    const flagged = evaluate(s, fs).units.find((u) => u.unit === 'a')!;
    expect(flagged.grade).toBe('B');
    expect(flagged.gradeNotes.join()).toContain('grade.forced|B');
  });
});

describe('JSON outputs: decimal strings wherever a person or a client reads an amount', () => {
  it('score --format json has each unit’s parts, grade name and indicator scores as documented', () => {
    const j = JSON.parse(cli('score', scheme, facts, '--format', 'json').out);
    const a = j.groups[0].units.find((u: { unit: string }) => u.unit === 'a');
    expect(a).toMatchObject({ rank: 2, of: 2, unit: 'a', total: '4.2', items: '4.2', bonus: '0', negative: '0', grade: 'B', gradeName: '良好', indicators: [{ code: 'party', points: '5', score: '4.2', status: 'scored' }] });
    for (const key of ['total', 'items', 'bonus', 'negative', 'deductions']) expect(a[key]).toMatch(DECIMAL);
    for (const key of Object.keys(a)) expect(docs).toContain(`"${key}"`);
  });

  it('explain --format json: every amount in nodes, clauses and ledger is a decimal string and the ledger adds up', () => {
    const j = JSON.parse(cli('explain', scheme, facts, '--unit', 'a', '--format', 'json').out);
    for (const key of ['total', 'itemsTotal', 'bonusTotal', 'negativeTotal', 'deductionTotal']) expect(j[key]).toMatch(DECIMAL);
    const node = j.nodes[0];
    expect(node).toMatchObject({ points: '5', score: '4.2', deduction: '0.8', bonus: '0' });
    expect(node.clauses.map((c: { deduction: string }) => c.deduction)).toEqual(['0.6', '0.2']);
    const occ = j.ledger.find((l: { msg: string }) => l.msg === 'occurrence.each');
    expect(occ).toMatchObject({ amount: '-0.6', params: { count: 3, amount: '0.2', total: '0.6' }, text: expect.stringContaining('3 起 × 0.2 分') });
    const sum = j.ledger.reduce((acc: number, l: { amount: string }) => acc + Math.round(Number(l.amount) * 1e6), 0);
    expect(sum / 1e6).toBe(Number(j.total));
    expect(docs).toContain('The signed amounts of the ledger add up to `total`.');
  });
});

describe('external rank with bottom-k zero and no `of`', () => {
  it('stays pending and the line names the missing field; the docs say `of` is needed', () => {
    expect(docs).toContain('`of`, the number ranked, is needed when the rule has `bottomZero`');
    const text = SMALL_SCHEME.replace("        rule: {kind: threshold-steps, effect: deduction, metric: {of: rate}, threshold: 95, direction: below, initial: 0.1, step: 5, perStep: 0.1}", '        rule: {kind: external-rank, bottomZero: 3}');
    const { scheme: s } = parseScheme(text);
    const r = evaluate(s, [{ id: 'r1', unit: 'a', ref: 'c2', type: 'rank', rank: 1 }]);
    const a = r.units.find((u) => u.unit === 'a')!;
    expect(a.pendingJudgements).toBe(1);
    const l = a.ledger.find((x) => x.msg === 'rank.no-total')!;
    expect(describeLine(l)).toBe('排名第 1 名，但排名事实未给出参评总数（of），无法判断是否属后 3 名（后 3 名不得分）：请补充 of');
    const known = evaluate(s, [{ id: 'r1', unit: 'a', ref: 'c2', type: 'rank', rank: 1, of: 11 }]).units.find((u) => u.unit === 'a')!;
    expect(known.pendingJudgements).toBe(0);
    expect(dec('5')).toBe(known.itemsTotal);
  });
});
