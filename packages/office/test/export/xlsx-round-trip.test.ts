/**
 * import → export .xlsx → import gives the same scheme for the three seeds (as .docx does, see
 * test/import/round-trip-001-004.test.ts): the sheet is laid out as the document (title, headings above
 * each table, blank rows between), and the reader reads such a sheet as its paragraphs and tables.
 */
import { fileURLToPath } from 'node:url';
import type { Indicator, Scheme } from '@kaohe/core';
import { describe, expect, it } from 'vitest';
import { exportScheme } from '../../src/export/export-scheme';
import { importScheme } from '../../src/import/import-scheme';
import { readXlsx } from '../../src/xlsx-reader';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));

/** The scheme without where each part was read from and without its code (made from the file name). */
function normalised(s: Scheme): unknown {
  const strip = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : x;
  return { ...(strip(s) as object), code: undefined };
}
const count = (nodes: readonly Indicator[]): number => nodes.reduce((n, i) => n + 1 + count(i.children ?? []), 0);

describe('.xlsx round trip through the scheme layout', () => {
  it.each([
    ['000_a59af3f7f36b9ebf.txt', 89, 0],
    ['001_c9fa6fd301574412.txt', 799, 87],
    // 93 + the 29 lines of the seven 分别负责 tasks (004:72 …), written back as their seven rows
    ['004_011aa5988ef2c423.txt', 93 + 29, 0],
  ])('%s: import → .xlsx → import gives the same scheme (%i indicators, %i units)', async (file, indicators, units) => {
    const first = await importScheme(seed(file));
    const bytes = await exportScheme(first.scheme, 'xlsx', 'scheme');
    const again = await importScheme({ name: 'scheme.xlsx', bytes });
    expect(count(again.scheme.indicators)).toBe(indicators);
    expect(again.scheme.units).toHaveLength(units);
    expect(normalised(again.scheme)).toEqual(normalised(first.scheme));
    expect(again.report.coverage).toEqual(first.report.coverage);
  }, 60_000);

  it('000 through the .xlsx breakdown layout gives the same indicators, clauses and owners', async () => {
    const first = await importScheme(seed('000_a59af3f7f36b9ebf.txt'));
    const again = await importScheme({ name: 'breakdown.xlsx', bytes: await exportScheme(first.scheme, 'xlsx', 'breakdown') });
    const keep = (s: Scheme): unknown => (normalised(s) as { indicators: unknown }).indicators;
    expect(keep(again.scheme)).toEqual(keep(first.scheme));
  }, 60_000);

  it('reads an exported sheet as the paragraphs and tables it shows, each with its Excel rows', async () => {
    const first = await importScheme(seed('004_011aa5988ef2c423.txt'));
    const doc = await readXlsx(await exportScheme(first.scheme, 'xlsx', 'scheme'), 'scheme.xlsx');
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : 'table'))).toEqual(['2020年嘉兴市政务公开重点工作责任清单', '考核年度：2020年', '嘉政办发〔2020〕36号', '2020年嘉兴市政务公开重点工作责任清单', 'table']);
    // Row 1 title, 2 blank, 3 年度, 4 文号, 5 list heading, 6 the table's header.
    const table = doc.blocks[4]!;
    expect(table.kind === 'table' && table.table.rows[0]![0]!.source.row).toBe(6);
  }, 60_000);
});
