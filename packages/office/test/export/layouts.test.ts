/**
 * What the layouts say (labels, refusals, warnings, the responsibility matrix) and what the page plan
 * and the writers make of it (widths, orientation, fonts, language, numbers), on the seeds.
 */
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blocksToDocx } from '../../src/export/docx-writer';
import { exportScheme, exportSchemeWithWarnings } from '../../src/export/export-scheme';
import { isExportError } from '../../src/export/export-error';
import { layoutBlocks, type Layout } from '../../src/export/layouts';
import { columnKind, planPages } from '../../src/export/model/page-plan';
import type { OutBlock } from '../../src/export/out-model';
import { schemeLabels } from '../../src/export/scheme-labels';
import { blocksToXlsx } from '../../src/export/xlsx-writer';
import { importScheme } from '../../src/import/import-scheme';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));
const tables = (blocks: OutBlock[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const refusal = (scheme: Scheme, layout: Layout): string => {
  try {
    layoutBlocks(scheme, layout);
    return 'exported';
  } catch (e) {
    expect(isExportError(e)).toBe(true);
    return (e as Error).message;
  }
};

describe('layouts on the seeds', () => {
  let s000: Scheme;
  let s001: Scheme;
  let s004: Scheme;
  beforeAll(async () => {
    [s000, s001, s004] = await Promise.all(['000_a59af3f7f36b9ebf.txt', '001_c9fa6fd301574412.txt', '004_011aa5988ef2c423.txt'].map(async (f) => (await importScheme(seed(f))).scheme)) as [Scheme, Scheme, Scheme];
  }, 60_000);

  it('labels owners as the scheme does: 处室 inside an agency (000), units elsewhere (001, 004)', () => {
    expect(schemeLabels(s000)).toEqual({ division: '责任处室', assessor: '考核牵头部门', leader: '牵头领导' });
    expect(schemeLabels(s001).division).toBe('责任单位');
    expect(schemeLabels(s004)).toEqual({ division: '责任单位', assessor: '牵头单位', leader: '牵头领导' });
    expect(tables(layoutBlocks(s004, 'breakdown'))[0]!.header).toEqual(['序号', '项目名称', '目标任务', '牵头单位', '责任单位']);
    // 001 names no lead assessors and no leaders: those columns are left out, not printed empty.
    expect(tables(layoutBlocks(s001, 'breakdown'))[0]!.header).toEqual(['序号', '项目名称', '目标任务', '责任单位']);
    const owners = tables(layoutBlocks(s001, 'breakdown')).flatMap((t) => t.rows.map((r) => r[3]!.text));
    expect(owners).toContain('县发展改革和科技局');
    expect(owners.some((o) => o.includes('责任处室'))).toBe(false);
  });

  it('refuses layouts a scheme has nothing for, in Chinese, naming what is missing', () => {
    expect(refusal(s000, 'targets')).toBe('该方案没有单位，无法按单位导出目标表');
    expect(refusal(s004, 'targets')).toBe('该方案没有单位，无法按单位导出目标表');
    const noTargets: Scheme = { ...s001, indicators: s001.indicators.map((i) => ({ ...i, children: [] })) };
    expect(refusal(noTargets, 'targets')).toBe('该方案的指标没有按单位分解的目标（各单位的目标要求或目标数值），无法导出目标表');
    const noDuties: Scheme = { ...s004, indicators: [{ code: '1', title: '任务', children: [{ code: '1.1', title: '公开', text: '按时公开' }] }] };
    expect(refusal(noDuties, 'responsibility')).toBe('该方案没有细则条款，也没有写明责任单位、牵头单位或牵头领导的指标，无法导出责任分解表');
    const noOwners: Scheme = { ...s000, indicators: [{ code: '1', title: '任务', clauses: [{ code: '1.1', text: '未按时公开的，扣0.5分', rule: { kind: 'manual', effect: 'deduction', reason: 'test' } as never }] }] };
    expect(refusal(noOwners, 'responsibility')).toBe('该方案的条款和指标都没有写明责任处室、考核牵头部门或牵头领导，无法导出责任分解表');
    expect(refusal({ ...s004, indicators: [] }, 'breakdown')).toBe('该方案没有指标，无法导出');
  });

  it('writes a clipped title in full once, never cut with "…" and then repeated (004 items 1–3)', () => {
    const rule = tables(layoutBlocks(s004, 'breakdown'))[0]!.rows[0]![2]!.text;
    expect(rule).toMatch(/^一、认真贯彻《重大行政决策程序暂行条例》《浙江省重大行政决策程序规定》《嘉兴市人民政府重大行政决策程序规定》等，建立健全/);
    expect(rule).not.toContain('…');
    const second = tables(layoutBlocks(s004, 'breakdown'))[0]!.rows[1]![2]!.text;
    expect(second.match(/对目录所列决策事项除依法不予公开外/g)).toHaveLength(1);
  });

  it('leaves out a header word read as an owner (004: “责任单位”) and says so', async () => {
    const { warnings } = await exportSchemeWithWarnings(s004, 'docx', 'breakdown');
    expect(warnings).toContain('指标“对目录所列决策事项除依法不予公开外”的责任方写作“责任单位”，这是表头文字而不是单位名称（可能是导入时把表头读成了内容），导出时已略去，请核对方案');
    const cells = tables(layoutBlocks(s004, 'breakdown')).flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text)));
    expect(cells).not.toContain('责任单位');
  });

  it('prints the year the scheme says and warns when the title says another', async () => {
    const { warnings, bytes } = await exportSchemeWithWarnings({ ...s004, year: 2021 }, 'docx', 'scheme');
    expect(warnings).toContain('方案的考核年度是2021年，但标题“2020年嘉兴市政务公开重点工作责任清单”写的是2020年，导出按方案的2021年；如有误请先改正方案的 year');
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('考核年度：2021年');
    expect((await exportSchemeWithWarnings(s004, 'docx', 'scheme')).warnings).toEqual([]);
  });

  it('lists each clause once in the responsibility matrix, grouped by leader and 处室, without codes unless asked', () => {
    const [matrix, summary] = tables(layoutBlocks(s000, 'responsibility'));
    expect(matrix!.header).toEqual(['牵头领导', '责任处室', '指标', '条款内容']);
    const texts = matrix!.rows.map((r) => r[3]!.text);
    // 000:196: clause 4 of 意识形态工作 goes to four 处室 — one row naming all four, not four rows.
    expect(texts.filter((t) => t.includes('管辖范围内的讲座论坛'))).toHaveLength(1);
    // Consecutive rows of one leader are one merged cell.
    expect(matrix!.rows[0]![0]).toMatchObject({ text: '张硕' });
    expect(matrix!.rows[1]![0]).toEqual({ text: '', merged: true });
    expect(matrix!.rows.flatMap((r) => r.map((c) => c.text)).some((t) => /^\d+(\.\d+){2,}(-[a-z])?$/.test(t))).toBe(false);
    expect(summary!.header).toEqual(['责任处室', '牵头领导', '条款数', '涉及指标']);
    const [withCodes] = tables(layoutBlocks(s000, 'responsibility', { codes: true }));
    expect(withCodes!.header).toEqual(['牵头领导', '责任处室', '指标', '条款内容', '条款编码']);
    expect(withCodes!.rows.map((r) => r[4]!.text)).toContain('1.1.1.1.2');
  });

  it('widths come from the content: 序号 narrow, the rule text widest, same-header tables aligned', () => {
    const plan = planPages(layoutBlocks(s000, 'breakdown'), s000.title);
    const planned = plan.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    const w = planned[0]!.columns.map((c) => c.width);
    expect(plan.orientation).toBe('portrait');
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(plan.textChars, 1);
    expect(w[0]).toBeLessThanOrEqual(3);
    expect(Math.max(...w)).toBe(w[2]);
    expect(w[2]).toBeGreaterThan(plan.textChars / 2);
    const sameHeader = planned.filter((t) => t.columns.map((c) => c.header).join() === planned[0]!.columns.map((c) => c.header).join());
    expect(sameHeader.length).toBeGreaterThan(5);
    for (const t of sameHeader) expect(t.columns.map((c) => c.width)).toEqual(w);
    expect(['序号', '分值', '扣分分值', '考核牵头部门', '具体扣分标准', '名次'].map(columnKind)).toEqual(['seq', 'number', 'number', 'name', 'text', 'seq']);
  });

  it('prints a table of more than five columns landscape', async () => {
    const wide: OutBlock[] = [{ kind: 'table', table: { header: ['序号', '单位', '指标', '目标', '分值', '得分'], rows: [[{ text: '1' }, { text: '螅镇' }, { text: '粮食' }, { text: '21600亩' }, { text: '5' }, { text: '4.5' }]] } }];
    expect(planPages(wide, '表').orientation).toBe('landscape');
    const xml = await (await JSZip.loadAsync(await blocksToDocx(wide, '表'))).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await blocksToXlsx(wide, '表')) as never);
    expect(wb.worksheets[0]!.pageSetup.orientation).toBe('landscape');
  });

  it('writes .docx tables with fixed widths, borders, a repeated header row and zh-CN on every run', async () => {
    const zip = await JSZip.loadAsync(await exportScheme(s000, 'docx', 'breakdown'));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:tcBorders><w:top w:val="single"/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const runs = xml.match(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g) ?? [];
    expect(runs.length).toBeGreaterThan(500);
    expect(runs.filter((r) => !r.includes('w:eastAsia="zh-CN"'))).toEqual([]);
    expect(runs.filter((r) => !/w:eastAsia="(宋体|黑体|方正小标宋简体)"/.test(r))).toEqual([]);
  });

  it('writes .xlsx on A4 fitted to the page width, bordered, rows as tall as their text, numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportScheme(s001, 'xlsx', 'targets')) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // Row 1 title, 2 blank, 3 the first heading, 4 the header: repeated on every printed page (all target tables share it).
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    const header = ws.getRow(4);
    expect(header.getCell(1).value).toBe('单位');
    expect(header.getCell(1).font).toMatchObject({ name: '黑体', charset: 134 });
    expect(header.getCell(1).border?.top?.style).toBe('thin');
    const points = ws.getRow(5).getCell(2);
    expect(typeof points.value).toBe('number');
    expect(ws.getRow(5).getCell(3).font).toMatchObject({ name: '宋体', charset: 134 });
    // 五号 = 10.5 pt (exceljs reads sizes back as integers, so the file is checked).
    const zip = await JSZip.loadAsync(await exportScheme(s001, 'xlsx', 'targets'));
    expect(await zip.file('xl/styles.xml')!.async('string')).toContain('<sz val="10.5"/><name val="宋体"/>');
    const tall = ws.getRow(5);
    expect(tall.height).toBeGreaterThan(20);
  });
});
