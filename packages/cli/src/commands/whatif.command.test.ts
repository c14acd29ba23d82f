import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-whatif-'));
const example = join(import.meta.dirname, '../../../../examples/jiaxian-2020');
const scheme = join(example, 'scheme.yaml');
const facts = join(example, 'facts.yaml');
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

// examples/jiaxian-2020: 坑镇 96.5 (负面清单 N421 −1, 市级通报), 县纪委监委 96 (优秀, first of 3 under the 30% quota).
const scenario = file(
  '申诉.yaml',
  `name: 坑镇通报申诉成立、优秀线上调到97
ops:
  - {op: appeal-upheld, unit: 坑镇, ref: N421, reason: 通报所涉帮扶已按期完成}
  - {op: set-band, grade: excellent, min: 97, reason: 试算更严的优秀线}
`,
);

describe('kaohe whatif', () => {
  it('prints only the units that change, before and after, and writes nothing', () => {
    const before = readFileSync(facts, 'utf8');
    const r = cli('whatif', scheme, facts, scenario);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('1. 撤销 kengzhen 在 N421 的 1 条事实（理由：通报所涉帮扶已按期完成）');
    expect(r.out).toContain('2 个单位有变化（共 11 个）');
    // 坑镇 96.5 + 1 = 97.5 ≥ 97 stays 优秀; 县纪委监委 96 < 97 drops to 良好
    expect(r.out).toMatch(/坑镇\s+96\.50\s+优秀\s+2\s+97\.50\s+优秀\s+2\s+\+1\.00/);
    expect(r.out).toMatch(/县纪委监委\s+96\.00\s+优秀\s+2\s+96\.00\s+良好\s+2\s+0\.00/);
    expect(r.out).not.toContain('螅镇');
    expect(readFileSync(facts, 'utf8')).toBe(before);
  });

  it('--format json gives exact decimals and, with --all, every unit', () => {
    const r = cli('whatif', scheme, facts, scenario, '--format', 'json', '--all');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { changedUnits: number; units: { unit: string; before: { total: string }; after: { total: string; gradeName: string }; delta: string; changed: boolean }[] };
    expect(j.changedUnits).toBe(2);
    expect(j.units).toHaveLength(11);
    expect(j.units.find((u) => u.unit === 'kengzhen')).toMatchObject({ before: { total: '96.5' }, after: { total: '97.5', gradeName: '优秀' }, delta: '1', changed: true });
  });

  it('names the file, line and field of a bad scenario, and the operation that cannot apply', () => {
    const bad = cli('whatif', scheme, facts, file('bad.yaml', 'name: x\nops:\n  - {op: set-band, grade: excellent, reason: r}\n'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad.yaml:3');
    expect(bad.err).toContain('ops[0].min');
    const unknown = cli('whatif', scheme, facts, file('unknown.yaml', 'name: x\nops:\n  - {op: waive-late, unit: 无此镇, reason: r}\n'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('第 1 项（waive-late）：方案中没有单位“无此镇”');
  });

  it('has its usage in Chinese', () => {
    const r = cli('whatif', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：kaohe whatif <方案文件> <事实文件> <情景文件>');
  });
});
