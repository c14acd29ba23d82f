/**
 * import → export .xlsx → import gives the same scheme for the three seeds (as .docx does, see
 * test/import/round-trip-001-004.test.ts): the sheet is laid out as the document (title, headings above
 * each table, blank rows between), and the reader reads such a sheet as its paragraphs and tables.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Indicator, Scheme } from '@kaohe/core';
import { describe, expect, it } from 'vitest';
import { exportScheme } from '../../src/export/export-scheme';
import { importScheme } from '../../src/import/import-scheme';
import { readXlsx } from '../../src/xlsx-reader';
import { readDocx } from '../../src/docx-reader';
import JSZip from 'jszip';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));

/** The scheme without where each part was read from and without its code (made from the file name). */
function normalised(s: Scheme): unknown {
  const strip = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : x;
  return { ...(strip(s) as object), code: undefined };
}
const count = (nodes: readonly Indicator[]): number => nodes.reduce((n, i) => n + 1 + count(i.children ?? []), 0);
const clauses = (nodes: readonly Indicator[]): number => nodes.reduce((n, i) => n + (i.clauses?.length ?? 0) + clauses(i.children ?? []), 0);

/** As test/import/corpus.test.ts: ../shared/corpus from the repository root, or KAOHE_CORPUS (never committed). */
const CORPUS = `${process.env['KAOHE_CORPUS'] ?? fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url))}/`;
const CORPUS_FILES = ['06_national-zhejiang_2018_grain-security-governor-responsibility.xlsx', '08_zhejiang-huzhou_c2021_establishment-efficiency_departments.xlsx'];
const hasCorpus = CORPUS_FILES.every((f) => existsSync(CORPUS + f));
if (!hasCorpus) console.warn(`skipping the corpus .xlsx round trip: ${CORPUS} is absent (set KAOHE_CORPUS to its folder)`);

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

/**
 * Two corpus schemes of the 评分标准 kind (no units, lists that are not 000's 清单): 06 粮食安全 (two
 * tables, items merged over rows of their own 分值, 牵头/配合部门, points by 产区/非产区 read from the
 * clauses) and 08 湖州 质效评估 (项目 merged over 核心指标, clauses without 分值). The `scheme` layout writes
 * them as one such table; importing it gives the same tree, points, clauses (texts, compiled rules,
 * review reasons), bodies and responsible columns.
 */
describe.skipIf(!hasCorpus)('.xlsx round trip of two corpus schemes', () => {
  it.each(CORPUS_FILES)('%s: import → .xlsx → import gives the same scheme', async (file) => {
    const first = await importScheme(CORPUS + file);
    // Counted from the documents: 06 2 lists over 31 + 10 items (134 nodes with their sub-indicators);
    // 08 3 项目 over 1/2/14 rows (its 4th 项目, 一票否优, is 5 vetoes, not indicators).
    expect(count(first.scheme.indicators)).toBe(file.startsWith('06_') ? 134 : 20);
    if (file.startsWith('08_')) expect(first.scheme.vetoes).toHaveLength(5);
    const again = await importScheme({ name: 'scheme.xlsx', bytes: await exportScheme(first.scheme, 'xlsx', 'scheme') });
    expect(count(again.scheme.indicators)).toBe(count(first.scheme.indicators));
    expect(clauses(again.scheme.indicators)).toBe(clauses(first.scheme.indicators));
    expect(again.scheme.title).toBe(first.scheme.title);
    expect(normalised(again.scheme)).toEqual(normalised(first.scheme));
    expect(again.scheme.vetoes.map((v) => v.text)).toEqual(first.scheme.vetoes.map((v) => v.text));
    expect(again.report.coverage).toEqual(first.report.coverage);
  }, 120_000);

  it('writes 06 as one table: lists as full-width rows, items merged over their rows, the title right above the header', async () => {
    const first = await importScheme(CORPUS + CORPUS_FILES[0]!);
    const doc = await readXlsx(await exportScheme(first.scheme, 'xlsx', 'scheme'), 'scheme.xlsx');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table']);
    const t = doc.blocks[0]!.kind === 'table' ? doc.blocks[0]!.table : undefined;
    expect(t!.grid[0]![0]).toBe(first.scheme.title);
    expect(t!.grid[2]).toEqual(['项目名称', '评分标准', '目标要求', '分值', '牵头单位', '责任单位']);
    // The first list, then its first item over the rows of its two sub-indicators (3 分 each).
    expect(t!.grid[3]![0]).toBe(`（一）${first.scheme.indicators[0]!.title}`);
    const item = first.scheme.indicators[0]!.children![0]!;
    expect(t!.rows[4]![0]!.text).toBe(item.title);
    expect(t!.rows[4]![0]!.rowSpan).toBe(item.children!.length);
    expect([t!.grid[4]![3], t!.grid[5]![3]]).toEqual(item.children!.map((c) => String((c.points ?? 0) / 1_000_000)));
  }, 120_000);
});

/**
 * The .docx twin: the title paragraph of a 评分标准 table (06, 08) is not a heading the table layout
 * reads, so the export also writes it as the document's title property (docProps/core.xml), which the
 * reader takes when the page shows it above the first table. The seeds keep theirs the same way.
 */
describe('.docx round trip keeps the scheme title', () => {
  it.each([['000_a59af3f7f36b9ebf.txt'], ['004_011aa5988ef2c423.txt']])('%s: import → .docx → import keeps the title and year', async (file) => {
    const first = await importScheme(seed(file));
    const again = await importScheme({ name: 'scheme.docx', bytes: await exportScheme(first.scheme, 'docx', 'scheme') });
    expect([again.scheme.title, again.scheme.year]).toEqual([first.scheme.title, first.scheme.year]);
  }, 60_000);

  it.skipIf(!hasCorpus).each(CORPUS_FILES)('%s: import → .docx → import gives the same scheme, title included', async (file) => {
    const first = await importScheme(CORPUS + file);
    const again = await importScheme({ name: 'scheme.docx', bytes: await exportScheme(first.scheme, 'docx', 'scheme') });
    expect(again.scheme.title).not.toBe('scheme.docx');
    expect(again.scheme.title).toBe(first.scheme.title);
    expect(normalised(again.scheme)).toEqual(normalised(first.scheme));
  }, 120_000);

  it('takes a title property only when the page shows it above the first table', async () => {
    const first = await importScheme(seed('004_011aa5988ef2c423.txt'));
    const bytes = await exportScheme(first.scheme, 'docx', 'scheme');
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain(`<dc:title>${first.scheme.title}</dc:title>`);
    // A property the document does not show (a template's leftover) is not read as the title.
    zip.file('docProps/core.xml', core.replace(/<dc:title>[^<]*<\/dc:title>/, '<dc:title>Microsoft Word - 模板考核办法.doc</dc:title>'));
    const edited = await readDocx(new Uint8Array(await zip.generateAsync({ type: 'uint8array' })), 'edited.docx');
    expect(edited.properties?.title).toBeUndefined();
    expect((await readDocx(bytes, 'scheme.docx')).properties?.title).toBe(first.scheme.title);
  }, 60_000);
});
