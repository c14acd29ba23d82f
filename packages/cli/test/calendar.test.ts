import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '@kaohe/cli';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-cal-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
// a 2026 scheme written for this test: two towns and a department; 信息报送 applies to towns only
const scheme = file(
  'scheme.yaml',
  `formatVersion: 1
code: cal-2026
year: 2026
title: 测试县 2026 年度考核
unitCategories: [{code: town, name: 乡镇}, {code: dept, name: 部门}]
units:
  - {code: a, name: 甲镇, category: town}
  - {code: b, name: 乙镇, category: town}
  - {code: d, name: 县发改局, category: dept}
indicators:
  - code: i1
    title: 信息报送
    points: 5
    appliesTo: {categories: [town]}
    clauses:
      - {code: c1, text: 每月5日前报送上月进展，迟报一次扣0.2分, rule: {kind: per-occurrence, effect: deduction, amount: 0.2}}
  - code: i2
    title: 重点工作
    points: 5
    clauses:
      - {code: c2, text: 季度总结每逾期1个工作日扣0.1分, rule: {kind: lateness, effect: deduction, amountPerPeriod: 0.1, period: workday}}
`,
);
const windows = file(
  'windows.yaml',
  `roundsCap: 1
windows:
  - {ref: c1, window: {cadence: monthly, dueDay: 5}}
  - {ref: c2, window: {cadence: quarterly, dueDay: 10}, cascade: {unitBeforeLead: 2, divisionBeforeUnit: 1}}
`,
);

function cli(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kaohe calendar', () => {
  it('lists the whole year: monthly for the towns, quarterly for everyone, on the 2026 holiday calendar', () => {
    const r = cli('calendar', scheme, windows, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { items: { unit: string; ref: string; unitDue: string; leadDue: string; divisionDue: string }[]; overCap: { unit: string; month: string }[] };
    // 2 towns × 12 months + 3 units × 4 quarters
    expect(doc.items).toHaveLength(36);
    expect(doc.items.filter((i) => i.unit === 'd').map((i) => i.ref)).toEqual(['c2', 'c2', 'c2', 'c2']);
    // Q3: lead 10-10 (调休 Saturday), unit 2 business days before (10-09, 10-08), division 1 more (09-30)
    expect(doc.items.find((i) => i.unit === 'd' && i.leadDue === '2026-10-10')).toMatchObject({ unitDue: '2026-10-08', divisionDue: '2026-09-30' });
    // cap 1: each town has two rounds in April, July, October and January 2027
    expect(doc.overCap.map((o) => `${o.unit} ${o.month}`)).toEqual(['乙镇 2026-04', '乙镇 2026-07', '乙镇 2026-10', '乙镇 2027-01', '甲镇 2026-04', '甲镇 2026-07', '甲镇 2026-10', '甲镇 2027-01']);
  });

  it('lists what is due on a date', () => {
    // 3月 monthly reports are due 04-05, a Sunday in 清明 (04-04..06): moved to 04-07
    const r = cli('calendar', scheme, windows, '--on', '2026-04-07');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('2026-04-07 到期 2 项（国务院 2026 年放假安排）');
    expect(r.out).toMatch(/2026-04-07\s+甲镇\s+c1\s+3月/);
    expect(r.out).toMatch(/2026-04-07\s+乙镇\s+c1\s+3月/);
    expect(cli('calendar', scheme, windows, '--on', '2026-04-05', '--unit', '甲镇').out).toContain('到期 0 项');
  });

  it('names a ref the scheme lacks and a bad window field with its line', () => {
    const bad = file('bad.yaml', 'windows:\n  - {ref: c9, window: {cadence: monthly, dueDay: 5}}\n');
    const r = cli('calendar', scheme, bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('方案中没有条款或指标“c9”');
    const noDay = file('noday.yaml', 'windows:\n  - ref: c1\n    window: {cadence: weekly}\n');
    const r2 = cli('calendar', scheme, noDay);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/noday\.yaml.*windows\[0\]\.window\.cadence/s);
  });
});

describe('kaohe calendar with the scheme’s cadence', () => {
  it('takes a left-out cadence from the clause’s words and refuses one that contradicts them', () => {
    // c1 “每月5日前报送上月进展…”, c2 “季度总结每逾期1个工作日扣0.1分”
    const fromText = file('from-text.yaml', 'windows:\n  - {ref: c1, window: {dueDay: 5}}\n  - {ref: c2, window: {dueDay: 10}}\n');
    const r = cli('calendar', scheme, fromText, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const items = (JSON.parse(r.out) as { items: { ref: string; period: string }[] }).items;
    expect([items.filter((i) => i.ref === 'c1').length, items.filter((i) => i.ref === 'c2').length]).toEqual([2 * 12, 3 * 4]);
    const wrong = file('wrong.yaml', 'windows:\n  - {ref: c2, window: {cadence: monthly, dueDay: 5}}\n');
    const r2 = cli('calendar', scheme, wrong);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('wrong.yaml：windows[0].window.cadence: “c2”原文“季度总结每逾期1个工作日扣0.1分”为每季度报送，与设定的每月报送（monthly）不一致');
  });
});

describe('kaohe calendar on seed 001', () => {
  it('gives each of the 20 towns its monthly and quarterly items on indicators that apply to towns only', async () => {
    const { spawnSync } = await import('node:child_process');
    const repo = join(import.meta.dirname, '..', '..', '..');
    const seed = join(repo, 'packages', 'office', 'test', 'fixtures', 'seeds', '001_c9fa6fd301574412.txt');
    const out = join(dir, '001.yaml');
    // year given: the calendar of 2026 (the seed's own year, 2020, has no holiday list shipped)
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'packages', 'cli', 'src', 'main.ts'), 'import', seed, '-o', out, '--year', '2026'], { encoding: 'utf8', timeout: 120_000 });
    expect(res.status, res.stderr).toBe(0);
    const w = file('001-windows.yaml', 'roundsCap: 1\nwindows:\n  - {ref: "2.1.1", window: {cadence: monthly, dueDay: 5}}\n  - {ref: "2.1.2", window: {cadence: quarterly, dueDay: 10}, cascade: {unitBeforeLead: 2, divisionBeforeUnit: 1}}\n');
    const r = cli('calendar', out, w, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { items: { unitName: string; ref: string }[]; overCap: unknown[] };
    // 2.1.1 (20 points) and 2.1.2 (12) are town indicators (镇（办、中心）): 20 towns × 12 months + 20 × 4 quarters
    expect(new Set(doc.items.map((i) => i.unitName)).size).toBe(20);
    expect(doc.items.filter((i) => i.ref === '2.1.1')).toHaveLength(240);
    expect(doc.items.filter((i) => i.ref === '2.1.2')).toHaveLength(80);
    expect(doc.items.map((i) => i.unitName)).toContain('螅镇');
    // cap 1: every town has two rounds in April, July, October 2026 and January 2027
    expect(doc.overCap).toHaveLength(80);
  }, 180_000);
});
