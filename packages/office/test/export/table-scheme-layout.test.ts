/**
 * The `scheme` layout of a 评分标准 scheme without units (table-scheme-layout.ts), on a workbook written
 * here (two sheets, an item merged over rows with their own 分值, 牵头/配合单位): import → .xlsx → import
 * gives the same scheme, and what the one-table shape cannot carry falls back to the breakdown instead
 * of being dropped. The corpus files 06 and 08 are checked in xlsx-round-trip.test.ts.
 */
import ExcelJS from 'exceljs';
import { dec, type Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportScheme } from '../../src/export/export-scheme';
import { layoutBlocks } from '../../src/export/layouts';
import { tableSchemeLayout } from '../../src/export/table-scheme-layout';
import { importScheme } from '../../src/import/import-scheme';

const TITLE = '某县2021年度安全与稳定工作考核评分标准';

/** Two sheets as a clerk types them: title row, header, an item merged over the rows of its scoring lines. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, rows: (string | number)[][], merges: string[]): void => {
    const ws = wb.addWorksheet(name);
    ws.addRow([TITLE]);
    ws.mergeCells('A1:E1');
    ws.addRow(['考核项目', '评分标准', '分值', '牵头单位', '配合单位']);
    rows.forEach((r) => ws.addRow(r));
    merges.forEach((m) => ws.mergeCells(m));
  };
  sheet(
    '安全生产',
    [
      ['1.安全生产责任落实', '（1）发生一般生产安全事故的，每起扣1分，扣完为止。', 2, '县应急管理局', '县公安局'],
      ['', '（2）未按时报送事故信息的，每次扣0.5分。', 1, '县应急管理局', '县公安局'],
      ['2.隐患排查治理', '（3）重大隐患未按期整改的，每处扣1分。', 3, '县应急管理局', ''],
    ],
    ['A3:A4'],
  );
  sheet('信访维稳', [['3.信访工作', '（4）发生越级上访的，每起扣0.5分。', 2, '县信访局', '']], []);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const strip = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : x;
const normalised = (s: Scheme): unknown => ({ ...(strip(s) as object), code: undefined });

describe('the scheme layout of a 评分标准 scheme without units', () => {
  let scheme: Scheme;
  beforeAll(async () => {
    scheme = (await importScheme({ name: '评分标准.xlsx', bytes: await workbook() })).scheme;
  }, 60_000);

  it('imports the workbook as two lists, an item split into its two scored rows, owners on the item', () => {
    expect(scheme.title).toBe(TITLE);
    expect(scheme.indicators.map((l) => l.title)).toEqual(['安全生产', '信访维稳']);
    const item = scheme.indicators[0]!.children![0]!;
    expect(item.title).toBe('1.安全生产责任落实');
    expect(item.children!.map((c) => c.points)).toEqual([2_000_000, 1_000_000]);
    expect(item.leadAssessors).toEqual(['县应急管理局']);
  });

  it('writes one table (lists as full-width rows, the item merged over its rows) that imports as the same scheme', async () => {
    const tables = layoutBlocks(scheme, 'scheme').filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const t = tables[0]!.kind === 'table' ? tables[0]!.table : undefined;
    expect(t!.header).toEqual(['项目名称', '评分标准', '分值', '牵头单位', '责任单位']);
    expect(t!.rows.map((r) => r[0]!.text)).toEqual(['一、安全生产', '1.安全生产责任落实', '', '2.隐患排查治理', '二、信访维稳', '3.信访工作']);
    expect(t!.rows[1]![0]!.rowSpan).toBe(2);
    // The item's owners on its first row, the second row's own.
    expect(t!.rows.slice(1, 3).map((r) => [r[2]!.text, r[3]!.text, r[4]!.text])).toEqual([
      ['2', '县应急管理局', '县公安局'],
      ['1', '县应急管理局', '县公安局'],
    ]);
    const again = await importScheme({ name: 'scheme.xlsx', bytes: await exportScheme(scheme, 'xlsx', 'scheme') });
    expect(normalised(again.scheme)).toEqual(normalised(scheme));
  }, 60_000);

  it('falls back to the breakdown when the one table cannot carry the scheme (leaders, a list with points)', () => {
    const withLeader: Scheme = { ...scheme, indicators: scheme.indicators.map((l, i) => (i === 0 ? { ...l, children: l.children!.map((c, k) => (k === 0 ? { ...c, leaders: ['张三'] } : c)) } : l)) };
    expect(tableSchemeLayout(withLeader)).toBeUndefined();
    expect(layoutBlocks(withLeader, 'scheme').filter((b) => b.kind === 'table').length).toBeGreaterThan(1);
    const listPoints: Scheme = { ...scheme, indicators: scheme.indicators.map((l) => ({ ...l, points: dec('5') })) };
    expect(tableSchemeLayout(listPoints)).toBeUndefined();
    expect(tableSchemeLayout(scheme)).toBeDefined();
  });
});
