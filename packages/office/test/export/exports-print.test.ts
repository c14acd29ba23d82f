/**
 * Every layout on every seed (and two corpus files when the corpus is present) either refuses with a
 * Chinese message naming what the scheme lacks, or exports a file that a real office suite prints well:
 * LibreOffice converts it (all files in ONE soffice run), the page count stays within a bound computed
 * from the content (model/page-plan estimatePages), and page 1 shows the title and every column header
 * (for .xlsx this also proves page 1 holds all columns: fitted to the page width).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scheme } from '@kaohe/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSchemeWithWarnings, type ExportFormat } from '../../src/export/export-scheme';
import { isExportError } from '../../src/export/export-error';
import { layoutBlocks, LAYOUTS, type Layout } from '../../src/export/layouts';
import { estimatePages, planPages } from '../../src/export/model/page-plan';
import { officeToPdf } from '../../src/export/to-pdf';
import { importScheme } from '../../src/import/import-scheme';
import { hasSoffice, pdfPages, pdfPageSize, pdfText, squeeze, SKIP_REASON } from './pdf-tools';

const seed = (name: string): string => fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url));
/** As test/import/corpus.test.ts: ../shared/corpus from the repository root, or KAOHE_CORPUS. */
const CORPUS = `${process.env['KAOHE_CORPUS'] ?? fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url))}/`;
const corpusFiles = ['06_national-zhejiang_2018_grain-security-governor-responsibility.xlsx', '08_zhejiang-huzhou_c2021_establishment-efficiency_departments.xlsx'];
const hasCorpus = corpusFiles.every((f) => existsSync(CORPUS + f));
if (!hasCorpus) console.warn(`skipping the corpus exports: ${CORPUS} is absent`);

/** What each seed's layouts must do: export, or refuse naming what is missing. */
const REFUSALS: Record<string, Partial<Record<Layout, RegExp>>> = {
  '000': { targets: /^该方案没有单位，无法按单位导出目标表$/ },
  '001': {},
  '004': { targets: /^该方案没有单位，无法按单位导出目标表$/ },
};
/** The big layouts are converted once each; the 72-page 001 scheme layout only in .docx is left out to keep the run short. */
const SKIP_PRINT = new Set(['001-scheme']);

type Exported = { id: string; scheme: Scheme; layout: Layout; format: ExportFormat; bytes: Uint8Array; estimate: number; headers: string[] };

describe('exports print in LibreOffice', () => {
  const schemes = new Map<string, Scheme>();
  const exported: Exported[] = [];
  const refused = new Map<string, string>();
  let pdfs: Uint8Array[] = [];

  beforeAll(async () => {
    for (const [id, file] of [['000', '000_a59af3f7f36b9ebf.txt'], ['001', '001_c9fa6fd301574412.txt'], ['004', '004_011aa5988ef2c423.txt']] as const) schemes.set(id, (await importScheme(seed(file))).scheme);
    if (hasCorpus) for (const f of corpusFiles) schemes.set(f.slice(0, 2), (await importScheme(CORPUS + f)).scheme);
    for (const [id, scheme] of schemes) {
      for (const layout of LAYOUTS) {
        for (const format of ['docx', 'xlsx'] as const) {
          try {
            const { bytes } = await exportSchemeWithWarnings(scheme, format, layout);
            const blocks = layoutBlocks(scheme, layout);
            const first = blocks.find((b) => b.kind === 'table');
            exported.push({ id, scheme, layout, format, bytes, estimate: estimatePages(planPages(blocks, scheme.title)), headers: first?.kind === 'table' ? first.table.header : [] });
          } catch (e) {
            if (!isExportError(e)) throw e;
            refused.set(`${id}-${layout}`, e.message);
          }
        }
      }
    }
    const toPrint = exported.filter((x) => !SKIP_PRINT.has(`${x.id}-${x.layout}`));
    if (hasSoffice) {
      const converted = await officeToPdf(toPrint.map((x) => ({ name: `${x.id}-${x.layout}.${x.format}`, bytes: x.bytes })));
      pdfs = exported.map((x) => converted[toPrint.indexOf(x)] ?? new Uint8Array());
    }
  }, 900_000);

  it('refuses exactly the layouts a seed has nothing for, naming what is missing', () => {
    for (const id of ['000', '001', '004']) {
      for (const layout of LAYOUTS) {
        const expected = REFUSALS[id]![layout];
        if (expected) expect(refused.get(`${id}-${layout}`), `${id} ${layout}`).toMatch(expected);
        else expect(refused.has(`${id}-${layout}`), `${id} ${layout}: ${refused.get(`${id}-${layout}`)}`).toBe(false);
      }
    }
    if (hasCorpus) {
      // 08 names no owner at all: a matrix of “（未明确）” rows would say nothing.
      expect(refused.get('08-responsibility')).toBe('该方案的条款和指标都没有写明责任单位、牵头单位或牵头领导，无法导出责任分解表');
      expect(refused.get('06-targets')).toBe('该方案没有单位，无法按单位导出目标表');
      expect(refused.has('06-responsibility')).toBe(false);
    }
  });

  it('exports no header-only table: every table of every export has rows', () => {
    for (const x of exported) {
      const tables = layoutBlocks(x.scheme, x.layout).filter((b) => b.kind === 'table');
      expect(tables.length, `${x.id} ${x.layout}`).toBeGreaterThan(0);
      for (const t of tables) expect(t.kind === 'table' && t.table.rows.length, `${x.id} ${x.layout}`).toBeGreaterThan(0);
    }
  });

  it.skipIf(!hasSoffice)('converts every file, on A4, within the page bound from its content', () => {
    for (const [i, x] of exported.entries()) {
      if (pdfs[i]!.length === 0) continue;
      const pages = pdfPages(pdfs[i]!);
      const { width, height } = pdfPageSize(pdfs[i]!);
      expect([Math.round(Math.min(width, height)), Math.round(Math.max(width, height))], `${x.id}-${x.layout}.${x.format}`).toEqual([595, 842]);
      // Rows as tall as their planned lines: Word-like rendering keeps rows whole (a row moves to the next page),
      // so up to 1.6× the estimate; fewer than half would mean content was lost.
      expect(pages, `${x.id}-${x.layout}.${x.format} (estimate ${x.estimate.toFixed(1)})`).toBeLessThanOrEqual(Math.ceil(x.estimate * 1.6) + 2);
      expect(pages, `${x.id}-${x.layout}.${x.format} (estimate ${x.estimate.toFixed(1)})`).toBeGreaterThanOrEqual(Math.floor(x.estimate * 0.5));
    }
    const breakdown000 = exported.findIndex((x) => x.id === '000' && x.layout === 'breakdown' && x.format === 'docx');
    // The issue measured 41 pages with equal column widths; 118 for the responsibility matrix.
    expect(pdfPages(pdfs[breakdown000]!)).toBeLessThanOrEqual(25);
    const matrix000 = exported.findIndex((x) => x.id === '000' && x.layout === 'responsibility' && x.format === 'docx');
    expect(pdfPages(pdfs[matrix000]!)).toBeLessThanOrEqual(25);
  });

  it.skipIf(!hasSoffice)('shows the title and every column header of the layout on page 1 (for .xlsx: all columns fit the page width)', () => {
    let checked = 0;
    for (const [i, x] of exported.entries()) {
      if (pdfs[i]!.length === 0) continue;
      const page1 = squeeze(pdfText(pdfs[i]!, 1, { raw: true }));
      expect(page1, `${x.id}-${x.layout}.${x.format}`).toContain(squeeze(x.scheme.title));
      for (const h of x.headers) expect(page1, `${x.id}-${x.layout}.${x.format}: header ${h}`).toContain(squeeze(h));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(hasCorpus ? 22 : 14);
  });

  it.skipIf(hasSoffice)(`skips the PDF checks: ${SKIP_REASON}`, () => {
    expect(hasSoffice).toBe(false);
  });
});
