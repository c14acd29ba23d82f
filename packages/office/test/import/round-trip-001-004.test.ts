import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Indicator, Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportScheme } from '../../src/export/export-scheme';
import { layoutBlocks, type OutBlock } from '../../src/export/layouts';
import { importScheme, type ImportResult } from '../../src/import/import-scheme';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));

/**
 * The scheme without where each part was read from (a .docx has no line numbers) and without its code
 * (made from the file name). Everything else — units, categories, groups, indicator codes, titles,
 * points, pointsByUnit, targets, owners, clauses, negative list, year, 文号 — is compared as it is.
 */
function normalised(s: Scheme): unknown {
  const strip = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : x;
  return { ...(strip(s) as object), code: undefined };
}

const leaves = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((n) => (n.children?.length ? leaves(n.children) : [n]));
const tasksOf = (nodes: readonly Indicator[]): Indicator[] =>
  nodes.flatMap((n) => (n.children?.length && !n.children.every((c) => c.title.startsWith(`${n.title}（`)) ? tasksOf(n.children) : [n]));
const count = (nodes: readonly Indicator[]): number => nodes.reduce((n, i) => n + 1 + count(i.children ?? []), 0);
const headings = (blocks: OutBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));

async function roundTrip(r: ImportResult): Promise<{ again: ImportResult; bytes: Uint8Array }> {
  const bytes = await exportScheme(r.scheme, 'docx', 'scheme');
  return { again: await importScheme({ name: 'scheme.docx', bytes }), bytes };
}

describe('round trip of 001 (佳县: per-unit blocks, groups, 负面清单) through the .docx scheme layout', () => {
  let first: ImportResult;
  let again: ImportResult;
  let docXml: string;
  beforeAll(async () => {
    first = await importScheme(seed('001_c9fa6fd301574412.txt'));
    const rt = await roundTrip(first);
    again = rt.again;
    docXml = await (await JSZip.loadAsync(rt.bytes)).file('word/document.xml')!.async('string');
  });

  it('gives the same scheme', () => {
    expect(normalised(again.scheme)).toEqual(normalised(first.scheme));
    expect(again.report.coverage).toEqual(first.report.coverage);
  });

  it('keeps the units, categories and ranking groups (20 towns, 48 departments in 6 groups, 2 parks, 16 stationed units)', () => {
    const s = again.scheme;
    const byCat = (c: string): string[] => s.units.filter((u) => u.category === c).map((u) => u.name);
    expect(s.units.map((u) => u.code)).toEqual(first.scheme.units.map((u) => u.code));
    expect(s.unitCategories.map((c) => c.code)).toEqual(['镇（办、中心）', '县直部门', '产业园区管委会', '省市驻佳单位', '本级']);
    expect(byCat('镇（办、中心）')).toHaveLength(20);
    expect(byCat('镇（办、中心）').slice(0, 3)).toEqual(['螅镇', '坑镇', '店镇']);
    expect(byCat('县直部门')).toHaveLength(48);
    expect(byCat('产业园区管委会')).toEqual(['县白云山风景名胜区管委会', '榆佳经济技术开发区管委会']);
    expect(byCat('省市驻佳单位')).toHaveLength(16);
    expect(s.rankingGroups.map((g) => [g.name, g.units?.length])).toEqual([
      ['党委工作部门', 9],
      ['群团组织', 8],
      ['执法监督部门', 8],
      ['民生保障部门', 9],
      ['经济发展部门', 8],
      ['涉农部门', 6],
    ]);
    expect(s.rankingGroups.flatMap((g) => g.units)).toEqual(byCat('县直部门'));
    expect(s.rankingGroups).toEqual(first.scheme.rankingGroups);
  });

  it('keeps the indicator tree, each town’s own points and target texts', () => {
    const s = again.scheme;
    expect(count(s.indicators)).toBe(799);
    expect(s.indicators.map((i) => i.title)).toEqual(['2020年度市考核县指标任务分解', '各镇（办、中心）共性考核指标', '镇（办、中心）目标责任考核指标', '县直部门目标责任考核指标', '产业园区管委会目标责任考核指标', '省市驻佳单位共性考核指标']);
    const rural = s.indicators[2]!.children![0]!;
    expect([rural.title, rural.points, rural.pointsByUnit, rural.appliesTo]).toEqual(['乡村振兴', 20_000_000, { 店镇: 50_000_000 }, { categories: ['镇（办、中心）'] }]);
    const farm = rural.children![0]!;
    expect(farm.pointsByUnit).toEqual({ 店镇: 20_000_000 });
    expect(Object.keys(farm.targets!)).toHaveLength(20);
    expect(farm.targets!['店镇']!.text).toMatch(/^粮食播种面积36000亩，完成粮食总产量81252吨/);
    expect(farm.targets!['店镇']!.values!['粮食播种面积']).toBe(36000_000_000);
    expect(farm.targets!['螅镇']!.text).toMatch(/^粮食播种面积24000亩/);
    expect(s.indicators.map((i) => leaves([i]).length)).toEqual(first.scheme.indicators.map((i) => leaves([i]).length));
    // No clauses in 001: every indicator is a target + points item.
    expect(again.report.coverage).toMatchObject({ scoring: 0, targetOnly: 586, negative: 40 });
  });

  it('keeps the 负面清单 (40 items: texts, amounts, responsible units)', () => {
    const neg = again.scheme.negativeList;
    expect(neg).toHaveLength(40);
    expect(neg.filter((n) => n.amount !== undefined)).toHaveLength(40);
    expect(neg[0]).toMatchObject({ code: '负面1', title: '全面建成小康社会', text: '未完成全面建成小康社会补短板工作年度任务的', amount: 1_500_000, responsibleUnits: ['县委办公室'] });
    expect(neg.filter((n) => n.responsibleUnits?.length)).toHaveLength(26);
    expect(neg.map((n) => [n.title, n.text, n.amount, n.rule, n.responsibleUnits])).toEqual(first.scheme.negativeList.map((n) => [n.title, n.text, n.amount, n.rule, n.responsibleUnits]));
  });

  it('writes the seed’s own layout: unit blocks with 类别 | 指标及分值 | 目标要求, group headings, merged category cells', () => {
    const blocks = layoutBlocks(first.scheme, 'scheme');
    const hs = headings(blocks);
    expect(hs.slice(hs.indexOf('镇（办、中心）目标责任考核指标') + 1, hs.indexOf('镇（办、中心）目标责任考核指标') + 4)).toEqual(['1．螅镇', '2．坑镇', '3．店镇']);
    expect(hs).toContain('（一）党委工作部门');
    expect(hs).toContain('（六）涉农部门');
    expect(hs).toContain('负面清单考核指标');
    const dian = blocks[blocks.findIndex((b) => b.kind === 'heading' && b.text === '3．店镇') + 1]!;
    expect(dian.kind === 'table' && dian.table.header).toEqual(['类别', '指标及分值', '目标要求']);
    expect(dian.kind === 'table' && dian.table.rows[0]!.map((c) => c.text.split('\n')[0])).toEqual(['乡村振兴', '农业农村工作', expect.stringMatching(/^粮食播种面积36000亩/)]);
    expect(dian.kind === 'table' && dian.table.rows[0]![0]).toEqual({ text: '乡村振兴\n（50分）', rowSpan: 4 });
    const dept = blocks[blocks.findIndex((b) => b.kind === 'heading' && b.text === '1.县纪委监委') + 1]!;
    expect(dept.kind === 'table' && dept.table.header).toEqual(['类别', '考核内容', '分值']);
    const neg = blocks[blocks.findIndex((b) => b.kind === 'heading' && b.text === '负面清单考核指标') + 1]!;
    expect(neg.kind === 'table' && neg.table.header).toEqual(['考核内容', '考核指标', '责任单位', '扣分分值']);
    expect(neg.kind === 'table' && neg.table.rows).toHaveLength(40);
    expect(docXml).toContain('w:vMerge w:val="restart"');
  });
});

describe('round trip of 004 (政务公开 责任清单: 序号 | 重点工作 | 牵头单位 | 责任单位) through the .docx scheme layout', () => {
  let first: ImportResult;
  let again: ImportResult;
  let docXml: string;
  beforeAll(async () => {
    first = await importScheme(seed('004_011aa5988ef2c423.txt'));
    const rt = await roundTrip(first);
    again = rt.again;
    docXml = await (await JSZip.loadAsync(rt.bytes)).file('word/document.xml')!.async('string');
  });

  it('gives the same scheme', () => {
    expect(normalised(again.scheme)).toEqual(normalised(first.scheme));
  });

  it('keeps the 70 tasks, their 一、/（一） hierarchy, lead and responsible units, year and 文号', () => {
    const s = again.scheme;
    expect([s.title, s.year, s.docNo]).toEqual(['2020年嘉兴市政务公开重点工作责任清单', 2020, '嘉政办发〔2020〕36号']);
    const list = s.indicators[0]!;
    expect(s.indicators).toHaveLength(1);
    expect(list.children!.map((c) => c.children!.length)).toEqual([6, 4, 3, 4, 12]);
    // a task split by its 牵头单位 cell's "分别负责" (004:72) is one task of lines "（X负责）"
    const tasks = tasksOf(s.indicators);
    expect(tasks).toHaveLength(70);
    expect(tasks.every((t) => (t.leadAssessors?.length || t.children?.every((c) => c.leadAssessors?.length === 1)) && t.divisions?.length)).toBe(true);
    expect(tasks.filter((t) => t.children?.length).map((t) => t.children!.length)).toEqual([5, 5, 5, 7, 3, 2, 2]);
    const t = tasks[6]!;
    expect([t.code, t.title, t.leadAssessors, t.divisions]).toEqual(['1.1.3.1', '全面推行行政执法公示制度', ['市司法局', '市综合执法局'], ['市级有关部门（单位）', '各县（市、区）政府']]);
    expect(t.text).toMatch(/^全面推行行政执法公示制度，依法通过政府网站公开/);
    expect(s.units).toEqual([]);
    expect(s.negativeList).toEqual([]);
    expect(s.assessors).toEqual(first.scheme.assessors);
    expect(s.divisions).toEqual(first.scheme.divisions);
  });

  it('writes one table with full-width 一、/（一） rows and a 序号 per task', () => {
    const blocks = layoutBlocks(first.scheme, 'scheme');
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const table = tables[0]!.kind === 'table' ? tables[0]!.table : undefined;
    expect(table!.header).toEqual(['序号', '重点工作', '牵头单位', '责任单位']);
    expect(table!.rows[0]![0]).toEqual({ text: '一、围绕助力市域治理现代化，不断拓展主动公开深度和广度', colSpan: 4 });
    expect(table!.rows[1]![0]!.text).toBe('（一）加强重大行政决策信息公开机制建设');
    expect(table!.rows.filter((r) => r[0]!.colSpan === undefined).map((r) => r[0]!.text)).toEqual(Array.from({ length: 70 }, (_, i) => String(i + 1)));
    expect(docXml).toContain('w:gridSpan w:val="4"');
  });
});

describe('the scheme layout', () => {
  it('round-trips 000 (a breakdown document with clauses) as well', async () => {
    const first = await importScheme(seed('000_a59af3f7f36b9ebf.txt'));
    const { again } = await roundTrip(first);
    expect(normalised(again.scheme)).toEqual(normalised(first.scheme));
  });

  it('escapes cells that would start a formula in the .xlsx', async () => {
    const r = await importScheme(seed('001_c9fa6fd301574412.txt'));
    const farm = r.scheme.indicators[2]!.children![0]!.children![0]!;
    const tricky: Scheme = {
      ...r.scheme,
      indicators: r.scheme.indicators.map((root, i) => (i !== 2 ? root : { ...root, children: [{ ...root.children![0]!, children: [{ ...farm, targets: { ...farm.targets, 螅镇: { text: '=HYPERLINK("http://x")' } } }] }] })),
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportScheme(tricky, 'xlsx', 'scheme')) as never);
    const values = wb.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    expect(values).toContain('\'=HYPERLINK("http://x")');
    expect(values.some((v) => /^[=+\-@]/.test(v))).toBe(false);
  });
});
