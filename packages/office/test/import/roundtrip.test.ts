import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Indicator, Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportScheme } from '../../src/export/export-scheme';
import { escapeFormula, layoutBlocks, ranges } from '../../src/export/layouts';
import { importScheme, type ImportResult } from '../../src/import/import-scheme';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));

/** The scheme without where each part was read from (a .docx has no line numbers). */
function comparable(s: Scheme): unknown {
  const strip = (i: Indicator): unknown => ({ ...i, source: undefined, clauses: i.clauses?.map((c) => ({ ...c, source: undefined })), children: i.children?.map(strip) });
  return { indicators: s.indicators.map(strip), divisions: s.divisions, leaders: s.leaders, assessors: s.assessors };
}

describe('exportScheme', () => {
  let seed000: ImportResult;
  beforeAll(async () => {
    seed000 = await importScheme(seed('000_a59af3f7f36b9ebf.txt'));
  });

  it('round trip: 000 imported, exported as a .docx breakdown table and imported again gives the same scheme', async () => {
    const bytes = await exportScheme(seed000.scheme, 'docx', 'breakdown');
    const again = await importScheme({ name: 'breakdown.docx', bytes });
    expect(comparable(again.scheme)).toEqual(comparable(seed000.scheme));
    expect(again.report.coverage).toEqual(seed000.report.coverage);
  });

  it('writes per-clause assignments back in the grammar it reads (000:195-197)', () => {
    const blocks = layoutBlocks(seed000.scheme, 'breakdown');
    const owners = blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r[4]!.text) : []));
    expect(owners).toContain('牵头领导：钱永忠\n责任处室：\n1-3，6，8-10：办公室\n4：艺术处、公共服务处、文物处、执法队\n5，7：机关党委');
    expect(ranges([1, 2, 3, 6, 8, 9, 10])).toBe('1-3，6，8-10');
  });

  it('merges the item cells of 政治建设 over its five sub-parts in the .xlsx breakdown', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportScheme(seed000.scheme, 'xlsx', 'breakdown')) as never);
    const ws = wb.worksheets[0]!;
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    const item = ws.getColumn(2).values.findIndex((v) => typeof v === 'string' && v.startsWith('政治建设（'));
    expect(merges).toContain(`B${item}:B${item + 4}`);
  });

  it('escapes cells that would start a formula (= + - @)', async () => {
    expect(['=SUM(A1)', '+1', '-1.5', '@x', '正常'].map(escapeFormula)).toEqual(["'=SUM(A1)", "'+1", "'-1.5", "'@x", '正常']);
    const tricky: Scheme = { ...seed000.scheme, indicators: [{ code: '1', title: '=HYPERLINK("http://x")', children: [{ code: '1.1', title: '@cmd', clauses: [] }] }] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportScheme(tricky, 'xlsx', 'breakdown')) as never);
    const values = wb.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    expect(values).toContain('\'=HYPERLINK("http://x")');
    expect(values.some((v) => /^[=+\-@]/.test(v))).toBe(false);
  });

  it('lists the responsibility matrix by leader and division, with a summary per division (test/export/layouts.test.ts has the rest)', () => {
    const blocks = layoutBlocks(seed000.scheme, 'responsibility');
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.kind === 'heading' && b.text)).toEqual(['责任分解（按牵头领导、责任处室）', '各责任处室任务汇总']);
    const matrix = blocks[1]!.kind === 'table' ? blocks[1]!.table : undefined;
    const art = matrix!.rows.findIndex((r) => r[1]!.text === '艺术处、公共服务处、文物处、执法队');
    expect(matrix!.rows[art]![3]!.text).toContain('管辖范围内的讲座论坛');
  });

  it('writes 001’s per-unit target table: one row per town with its own figures', async () => {
    const r001 = await importScheme(seed('001_c9fa6fd301574412.txt'));
    const blocks = layoutBlocks(r001.scheme, 'targets');
    const ny = blocks.findIndex((b) => b.kind === 'heading' && b.text.endsWith('农业农村工作'));
    const table = blocks[ny + 1]!;
    expect(table.kind === 'table' && table.table.rows.map((r) => r[0]!.text).slice(0, 3)).toEqual(['螅镇', '坑镇', '店镇']);
    expect(table.kind === 'table' && table.table.rows[2]![1]!.text).toBe('20');
    const bytes = await exportScheme(r001.scheme, 'docx', 'targets');
    expect(bytes.length).toBeGreaterThan(1000);
  });
});
