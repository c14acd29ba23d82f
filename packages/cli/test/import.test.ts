import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScheme } from '../src/load';
import { run, runAsync } from '../src/main';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seed = fileURLToPath(new URL('../../office/test/fixtures/seeds/000_a59af3f7f36b9ebf.txt', import.meta.url));
const docxFixture = fileURLToPath(new URL('../../office/test/fixtures/000-ideology.docx', import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAsync(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kaohe import', () => {
  it('writes the scheme and an HTML report and prints the coverage', async () => {
    const yaml = join(dir, 'scheme.yaml');
    const html = join(dir, 'report.html');
    const r = await cli('import', seed, '-o', yaml, '--report', html);
    expect(r.code).toBe(0);
    expect(r.out).toContain('覆盖率：评分条款 204 条：已编译 185 条（90.7%），待复核 19 条');
    expect(readFileSync(html, 'utf8')).toContain('<figcaption><strong>覆盖率</strong>');
    const validated: string[] = [];
    expect(run(['validate', yaml], { out: (s) => validated.push(s), err: () => {}, env: {} })).toBe(0);
    expect(validated.join('\n')).toContain('校验通过');
  });

  it('writes a Markdown or JSON report by extension', async () => {
    const md = join(dir, 'r.md');
    const json = join(dir, 'r.json');
    expect((await cli('import', docxFixture, '-o', join(dir, 's.yaml'), '--report', md)).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# 导入报告/);
    expect((await cli('import', docxFixture, '-o', join(dir, 's2.yaml'), '--report', json)).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).coverage).toMatchObject({ scoring: 10, compiled: 10 });
  });

  it('prints the scheme to stdout when no -o is given, with the coverage as a YAML comment', async () => {
    const r = await cli('import', docxFixture);
    expect(r.out.split('\n')[1]).toBe('# 覆盖率：评分条款 10 条：已编译 10 条（100.0%），待复核 0 条');
    expect(r.out).toContain('formatVersion: 1');
  });

  it('exits 1 with the reader’s message on a bad file and writes nothing', async () => {
    const bad = join(dir, 'bad.docx');
    writeFileSync(bad, 'PK\u0003\u0004 not really a zip');
    const out = join(dir, 'never.yaml');
    const r = await cli('import', bad, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.docx');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on a report name it cannot render', async () => {
    expect((await cli('import', seed, '--report', join(dir, 'r.pdf'))).code).toBe(2);
  });
});

describe('kaohe export', () => {
  it('exports the imported scheme as a .docx breakdown and an .xlsx responsibility matrix', async () => {
    const yaml = join(dir, 'e.yaml');
    await cli('import', seed, '-o', yaml);
    const docx = join(dir, 'e.docx');
    const r = await cli('export', yaml, '--as', 'docx', '--layout', 'breakdown', '-o', docx);
    expect(r.code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const again = await cli('import', docx, '-o', join(dir, 'again.yaml'));
    expect(again.out).toContain('已编译 185 条（90.7%）');
    expect((await cli('export', yaml, '--as', 'xlsx', '--layout', 'responsibility', '-o', join(dir, 'm.xlsx'))).code).toBe(0);
  });

  it('exports the imported 001 scheme with --layout scheme and re-imports the same units, groups, targets and 负面清单', async () => {
    const seed001 = fileURLToPath(new URL('../../office/test/fixtures/seeds/001_c9fa6fd301574412.txt', import.meta.url));
    const yaml = join(dir, '001.yaml');
    expect((await cli('import', seed001, '-o', yaml)).code).toBe(0);
    const docx = join(dir, '001-scheme.docx');
    const r = await cli('export', yaml, '--as', 'docx', '--layout', 'scheme', '-o', docx);
    expect(r.code).toBe(0);
    expect(r.out).toContain('（scheme，');
    const yaml2 = join(dir, '001-again.yaml');
    expect((await cli('import', docx, '-o', yaml2)).code).toBe(0);
    // The two schemes differ only in their code (made from the file name) and where each part was read from.
    const normalised = (p: string): unknown => {
      const strip = (x: unknown): unknown =>
        Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : x;
      return { ...(strip(loadScheme(p).scheme) as object), code: undefined };
    };
    expect(normalised(yaml2)).toEqual(normalised(yaml));
    const again = loadScheme(yaml2).scheme;
    expect(again.units.filter((u) => u.category === '镇（办、中心）')).toHaveLength(20);
    expect(again.rankingGroups.map((g) => g.units?.length)).toEqual([9, 8, 8, 9, 8, 6]);
    expect(again.negativeList).toHaveLength(40);
    const text = readFileSync(yaml2, 'utf8');
    expect(text).toContain('name: 店镇');
    expect(text).toContain('name: 涉农部门');
    const v: string[] = [];
    expect(run(['validate', yaml2], { out: (s) => v.push(s), err: () => {}, env: {} })).toBe(0);
  });

  it('exits 2 on an unknown --as or --layout', async () => {
    expect((await cli('export', 'x.yaml', '--as', 'pdf')).code).toBe(2);
    expect((await cli('export', 'x.yaml', '--as', 'docx', '--layout', 'poster')).code).toBe(2);
  });
});
