import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from '../src/main';
import { SMALL_SCHEME } from '../../contract/test/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scheme = join(dir, 'scheme.yaml');
writeFileSync(scheme, SMALL_SCHEME);
const facts = join(dir, 'facts.yaml');
writeFileSync(facts, '- {unit: a, ref: c1, type: occurrence, count: 3}\n');
const docx = fileURLToPath(new URL('../../office/test/fixtures/000-ideology.docx', import.meta.url));

async function withProgress(args: string[], tty: boolean): Promise<{ code: number; out: string; progress: string[] }> {
  const out: string[] = [];
  const progress: string[] = [];
  const code = await runAsync(args, { out: (s) => out.push(s), err: () => {}, env: {}, ...(tty ? { progress: (s: string) => progress.push(s) } : {}) });
  return { code, out: out.join('\n'), progress };
}

describe('progress on standard error (a terminal only)', () => {
  it('score reports each phase and clears the line before the result', async () => {
    const r = await withProgress(['score', scheme, facts], true);
    expect(r.code).toBe(0);
    expect(r.progress.slice(0, 3)).toEqual([`读取方案 ${scheme}`, `读取事实 ${facts}`, '计算 2 个单位的得分（1 条事实）']);
    expect(r.progress.at(-1)).toBe('');
  });

  it('import reports reading and recognising, and clears before printing', async () => {
    const r = await withProgress(['import', docx, '-o', join(dir, 's.yaml')], true);
    expect(r.code).toBe(0);
    expect(r.progress[0]).toMatch(/^读取 000-ideology\.docx（\d+ kB）$/);
    expect(r.progress[1]).toBe('识别 000-ideology.docx 的表格并编译条款');
    expect(r.progress.at(-1)).toBe('');
  });

  it('prints nothing but the result when not on a terminal', async () => {
    const r = await withProgress(['score', scheme, facts, '--format', 'json'], false);
    expect(JSON.parse(r.out).groups[0].units).toHaveLength(2);
    expect(r.progress).toEqual([]);
  });
});
