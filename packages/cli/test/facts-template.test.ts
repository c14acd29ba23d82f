import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from '../src/main';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAsync(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kaohe import --facts-template, then kaohe score with the filled .xlsx', () => {
  it('writes the template beside the scheme and scores from it', async () => {
    const tsv = join(dir, 'towns.tsv');
    // A scheme written for this test (pasted TSV): two towns, one deduction per 隐患.
    writeFileSync(tsv, ['序号\t考核项目\t被考核单位\t分值\t评分标准', '1\t隐患整改\t甲镇\t10\t每发现一处未整改的隐患扣1分，扣完为止。', '2\t隐患整改\t乙镇\t10\t每发现一处未整改的隐患扣1分，扣完为止。'].join('\n'));
    const yaml = join(dir, 'scheme.yaml');
    const facts = join(dir, 'facts.xlsx');
    const r = await cli('import', tsv, '-o', yaml, '--facts-template', facts, '--year', '2021');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`事实填报表已写入 ${facts}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(facts);
    const ws = wb.getWorksheet('事实')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    ws.getRow(2).getCell(header.findIndex((h) => h.endsWith('（count）')) + 1).value = 4;
    await wb.xlsx.writeFile(facts);
    const s = await cli('score', yaml, facts, '--format', 'csv');
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/甲镇,6/);
    expect(s.out).toMatch(/乙镇,10/);
  });

  it('refuses a template name that is not .xlsx', async () => {
    const r = await cli('import', join(dir, 'towns.tsv'), '-o', join(dir, 'x.yaml'), '--facts-template', join(dir, 'facts.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--facts-template 的文件应以 .xlsx 结尾');
  });
});
