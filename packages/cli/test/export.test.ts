import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from '../src/main';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = (d: string): string => fileURLToPath(new URL(`../../../examples/${d}/scheme.yaml`, import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAsync(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kaohe export', () => {
  it('exits 1 naming what the scheme lacks and writes no file when a layout does not apply', async () => {
    const target = join(dir, 'targets.docx');
    const r = await cli('export', example('jiaxing-culture-2020'), '--as', 'docx', '--layout', 'targets', '-o', target);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${example('jiaxing-culture-2020')}：该方案的指标没有按单位分解的目标（各单位的目标要求或目标数值），无法导出目标表`);
    expect(existsSync(target)).toBe(false);
  });

  it('exports the responsibility matrix, with the clause codes only when --codes is given', async () => {
    const plain = await cli('export', example('jiaxing-culture-2020'), '--as', 'xlsx', '--layout', 'responsibility', '-o', join(dir, 'r.xlsx'));
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^已导出 .*r\.xlsx（responsibility，\d+ 字节）$/);
    expect((await cli('export', example('jiaxing-culture-2020'), '--as', 'docx', '--layout', 'responsibility', '--codes', '-o', join(dir, 'r.docx'))).code).toBe(0);
  });
});
