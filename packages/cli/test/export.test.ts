import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { docxToPdf } from '@kaohe/office';
import { hasSoffice, pdfText, squeeze } from '../../office/test/export/pdf-tools';
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

  it('prints the label given with --label (草稿/内部/公开) in the page header, and refuses another word', async () => {
    const target = join(dir, 'labelled.docx');
    expect((await cli('export', example('jiaxing-culture-2020'), '--as', 'docx', '--layout', 'breakdown', '--label', 'draft', '-o', target)).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(target));
    const header = await zip.file(Object.keys(zip.files).find((f) => /^word\/header\d*\.xml$/.test(f))!)!.async('string');
    expect(header).toContain('>标识：草稿</w:t>');
    const bad = await cli('export', example('jiaxing-culture-2020'), '--as', 'docx', '--label', 'secret', '-o', join(dir, 'x.docx'));
    expect(bad.code).toBe(2);
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
  });
});

describe('kaohe export --layout tongbao (the 通报 from the CLI, GB/T 9704)', () => {
  const facts = fileURLToPath(new URL('../../../examples/jiaxian-2020/facts.yaml', import.meta.url));
  const target = join(dir, 'tongbao.docx');
  const args = ['export', example('jiaxian-2020'), '--as', 'docx', '--layout', 'tongbao', '--facts', facts, '--issuer', '佳县目标责任考核领导小组办公室', '--doc-number', '佳考发〔2021〕3号', '--date', '2021-03-01', '--title', '关于佳县2020年度目标责任考核结果的通报', '--recipients', '各镇（办、中心），县直各部门', '--copy-to', '县委办公室，县政府办公室', '-o', target];

  it('writes the 通报 of the 佳县 example: 版头, 文号, title, fonts, A4 page setup, 页码 and 版记 in the document XML', async () => {
    const r = await cli(...args);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^已导出 .*tongbao\.docx（通报，\d+ 个单位，\d+ 字节）$/);
    const zip = await JSZip.loadAsync(readFileSync(target));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const t of ['佳县目标责任考核领导小组办公室文件', '佳考发〔2021〕3号', '关于佳县2020年度目标责任考核结果的通报', '各镇（办、中心），县直各部门：', '2021年3月1日', '抄送：县委办公室，县政府办公室。', '2021年3月1日印发']) expect(text).toContain(t);
    // A4 (11906 × 16838 twips) with the GB/T 9704 margins: 上 37 mm = 2098, 左 28 mm = 1587, 右 26 mm = 1474 twips
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:right="1474" w:bottom="1984" w:left="1587"/);
    // title 小标宋 二号 (22 pt = 44 half-points), body 仿宋_GB2312 三号 (16 pt = 32)
    expect(xml).toMatch(/小标宋[\s\S]{0,400}<w:sz w:val="44"\/>/);
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('<w:sz w:val="32"/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.join('')).toMatch(/—[\s\S]*PAGE[\s\S]*—/);
  });

  it.skipIf(!hasSoffice)('its PDF page 1 shows the 版头, the 文号 and the title', async () => {
    if (!existsSync(target)) expect((await cli(...args)).code).toBe(0);
    const page1 = squeeze(pdfText(await docxToPdf(readFileSync(target)), 1));
    expect(page1.indexOf('佳县目标责任考核领导小组办公室文件')).toBe(0);
    expect(page1).toContain('佳考发〔2021〕3号');
    expect(page1).toContain('关于佳县2020年度目标责任考核结果的通报');
  }, 120_000);

  it('refuses without the 公文 fields, as .xlsx, and for results still awaiting judgement', async () => {
    const none = await cli('export', example('jiaxian-2020'), '--as', 'docx', '--layout', 'tongbao', '-o', join(dir, 'x.docx'));
    expect(none.code).toBe(1);
    expect(none.err).toContain('导出通报需要 --facts 事实文件、--issuer 发文机关、--doc-number 发文字号、--date 成文日期');
    expect((await cli(...args.map((a) => (a === 'docx' ? 'xlsx' : a)))).code).toBe(2);
    // no facts at all: every judged item is pending, so the results are not final
    const empty = join(dir, 'empty-facts.yaml');
    writeFileSync(empty, '[]\n');
    const pending = await cli(...args.map((a) => (a === facts ? empty : a === target ? join(dir, 'pending.docx') : a)));
    expect(pending.code).toBe(1);
    expect(pending.err).toMatch(/个单位还有待评分、待核实或待复核的项目.*不能印发通报/);
    expect(existsSync(join(dir, 'pending.docx'))).toBe(false);
  });
});
