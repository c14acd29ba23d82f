import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '@kaohe/cli';
import { SMALL_SCHEME } from '../../contract/test/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const scheme = file('scheme.yaml', SMALL_SCHEME);
// 甲镇: 5 − 3×0.2 − (0.1 + 0.1×⌊(95−86)/5⌋ = 0.2) = 4.2; 乙镇: 5 − min(7×0.2, 1) − 0 (rate 100%) − 0.5 (负面清单) = 3.5
const facts = file(
  'facts.yaml',
  `- {unit: a, ref: c1, type: occurrence, count: 3, note: 市纪委通报}
- {unit: a, ref: c2, type: rate, numerator: 86, denominator: 100}
- {unit: b, ref: c1, type: occurrence, count: 7}
- {unit: b, ref: c2, type: rate, numerator: 100, denominator: 100}
- {unit: b, ref: n1, type: flag, value: true}
`,
);

function cli(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kaohe score', () => {
  it('prints the ranking table per group with totals and grades', () => {
    const r = cli('score', scheme, facts);
    expect(r.code).toBe(0);
    expect(r.out).toContain('【镇】共 2 个单位');
    expect(r.out).toMatch(/1\s+甲镇\s+4\.20\s+良好/);
    expect(r.out).toMatch(/2\s+乙镇\s+3\.50\s+良好\s+负面清单 -0\.5/);
  });

  it('prints JSON with exact decimal strings', () => {
    const r = cli('score', scheme, facts, '--format', 'json');
    const j = JSON.parse(r.out) as { groups: { units: { unit: string; total: string; rank: number }[] }[] };
    expect(j.groups[0]!.units).toMatchObject([
      { unit: 'a', total: '4.2', rank: 1 },
      { unit: 'b', total: '3.5', rank: 2 },
    ]);
  });

  it('prints CSV with a BOM for Excel', () => {
    const r = cli('score', scheme, facts, '--format', 'csv');
    expect(r.out.startsWith('\uFEFF分组,排名,单位编码,单位,总分,等次')).toBe(true);
    expect(r.out).toContain('镇,1,a,甲镇,4.2,良好');
  });

  it('exits 1 naming the group when --group is unknown', () => {
    const r = cli('score', scheme, facts, '--group', '园区');
    expect(r.code).toBe(1);
    expect(r.err).toContain('方案中没有排名分组“园区”，可选：towns（镇）');
  });

  it('exits 1 with the path and line of a malformed scheme', () => {
    const bad = file('bad.yaml', SMALL_SCHEME.replace('cap: 1', 'cap: -x'));
    const r = cli('score', bad, facts);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.yaml:19');
    expect(r.err).toContain('indicators[0].clauses[0].rule.cap：不是有效数字：“-x”');
  });

  it('exits 1 naming a file that is not UTF-8', () => {
    const gbk = join(dir, 'gbk.yaml');
    writeFileSync(gbk, Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a])); // "你好" in GBK
    expect(cli('validate', gbk)).toMatchObject({ code: 1, err: `文件 ${gbk} 不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8 后重试` });
  });

  it('exits 1 for a missing file and 2 for bad usage', () => {
    expect(cli('score', join(dir, 'none.yaml'), facts)).toMatchObject({ code: 1, err: `找不到文件：${join(dir, 'none.yaml')}` });
    expect(cli('score', scheme).code).toBe(2);
    expect(cli('score', scheme, facts, '--format', 'xml').err).toContain('--format 应为 table、json 或 csv');
    expect(cli('frobnicate').code).toBe(2);
  });
});

describe('kaohe explain', () => {
  it('prints every line in Chinese with its clause and reconciles to the total', () => {
    const r = cli('explain', scheme, facts, '--unit', '甲镇', '--by', 'division');
    expect(r.code).toBe(0);
    expect(r.out).toContain('甲镇  总分 4.2 分  等次：良好  镇第 1/2 名');
    expect(r.out).toContain('[+5] 基础分 5 分');
    expect(r.out).toContain('[-0.6] 3 起 × 0.2 分 = 0.6 分（市纪委通报） 〔c1：每起扣 0.2 分，最高扣 1 分〕');
    expect(r.out).toContain('[-0.2] 实际值 86（86/100） 未达到 95（差 9）：未达标扣 0.1 分，每差 5 扣 0.1 分，计 1 档，合计 0.2 分');
    expect(r.out).toContain('核对：明细合计 4.2 分 = 总分 4.2 分');
    expect(r.out).toContain('办公室：扣分 0.6 分');
  });

  it('shows the cap and the negative list for the other unit', () => {
    const r = cli('explain', scheme, facts, '--unit', 'b');
    expect(r.out).toContain('[-1.4] 7 起 × 0.2 分 = 1.4 分');
    expect(r.out).toContain('[+0.4] 合计 1.4 分超过上限 1 分，按 1 分计');
    expect(r.out).toContain('[-0.5] 符合条款情形，计 0.5 分 〔n1：未完成年度任务的〕');
    expect(r.out).toContain('核对：明细合计 3.5 分 = 总分 3.5 分');
  });

  it('names the choices when the unit is unknown', () => {
    const r = cli('explain', scheme, facts, '--unit', '丙镇');
    expect(r).toMatchObject({ code: 1, err: '方案中没有单位“丙镇”。可选：甲镇、乙镇' });
  });
});

describe('kaohe validate', () => {
  it('summarises a valid scheme', () => {
    const r = cli('validate', scheme);
    expect(r.code).toBe(0);
    expect(r.out).toContain('单位 2 个，排名分组 1 个，条款 2 条，负面清单 1 项，一票否决 0 项');
  });
});
