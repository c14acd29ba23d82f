import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { ContractError } from '@kaohe/contract';
import type { Indicator, Scheme } from '@kaohe/core';
import { describe, expect, it } from 'vitest';
import { OfficeError, type RawDocument } from '../../src/document';
import { importScheme } from '../../src/import/import-scheme';
import { excerptBlocks, fixture } from '../excerpt';
import { seedExcerpts } from '../fixtures/seed-excerpts';

const all = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);

/**
 * What must not depend on the file format: the table content — indicators that carry points, text or
 * clauses, with their rules and owners. Codes, sources and the headings around the table may differ: a
 * spreadsheet has no paragraphs, so the list title and "1．螅镇" above the table exist only in the text.
 */
function essence(s: Scheme): unknown {
  return {
    indicators: all(s.indicators).filter((i) => i.points !== undefined || i.text !== undefined || i.clauses?.length).map((i) => [i.title, i.points, i.pointsByUnit, i.text, i.divisions, i.leaders, i.leadAssessors, (i.clauses ?? []).map((c) => [c.text, c.rule, c.divisions, c.status])]),
    negative: s.negativeList.map((n) => [n.title, n.text, n.amount, n.rule]),
  };
}

function textDoc(name: string): RawDocument {
  const ex = seedExcerpts.find((e) => e.name === name)!;
  return { file: ex.seed, format: 'txt', blocks: excerptBlocks(ex), warnings: [] };
}

async function failure(input: Parameters<typeof importScheme>[0], options?: Parameters<typeof importScheme>[1]): Promise<{ code: string; message: string }> {
  try {
    await importScheme(input, options);
  } catch (error) {
    if (error instanceof OfficeError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('importScheme on the .docx/.xlsx fixtures', () => {
  it.each(['000-ideology', '001-xiezhen', '001-negative-list'])('%s.docx and .xlsx give the same scheme as the seed text', async (name) => {
    const fromText = essence((await importScheme(textDoc(name))).scheme);
    expect(essence((await importScheme(fixture(`${name}.docx`))).scheme)).toEqual(fromText);
    expect(essence((await importScheme(fixture(`${name}.xlsx`))).scheme)).toEqual(fromText);
  });

  it('reads the ten 意识形态 clauses and their divisions from Word as from text (000:181-197)', async () => {
    const { scheme, report } = await importScheme(fixture('000-ideology.docx'));
    expect(report.coverage).toMatchObject({ scoring: 10, compiled: 10 });
    const item = all(scheme.indicators).find((i) => i.clauses?.length)!;
    expect(item.clauses!.find((c) => c.code.endsWith('.4'))?.divisions).toEqual(['艺术处', '公共服务处', '文物处', '执法队']);
  });
});

describe('importScheme on bad input', () => {
  const docx = readFileSync(fixture('000-ideology.docx'));

  it('names a corrupt zip and returns nothing', async () => {
    const broken = docx.slice(0, 300);
    const f = await failure({ name: 'broken.docx', bytes: broken });
    expect(f.code).toBe('corrupt-zip');
    expect(f.message).toContain('broken.docx');
  });

  it('says nothing was imported from a Word file without tables or scored paragraphs, and why', async () => {
    expect(await failure(fixture('no-tables.docx'))).toEqual({
      code: 'nothing-imported',
      message: '文件 no-tables.docx：没有导入任何指标。原因：文件没有表格，2 段正文中也没有带编号（一、/（一）/1.）的标题配分值“（N分）”或评分句（扣…分、得…分）。请确认这是考核方案或评分细则，或把评分表另存为带表头的 Excel 表格后再导入',
    });
  });

  it('refuses an encrypted file with the reader’s message', async () => {
    const f = await failure(fixture('encrypted.docx'));
    expect(f.code).toBe('encrypted');
    expect(f.message).toContain('encrypted.docx');
  });

  it('refuses an oversize file before reading it', async () => {
    const f = await failure({ name: 'big.docx', bytes: docx }, { maxFileBytes: 1000 });
    expect(f.code).toBe('file-too-large');
    expect(f.message).toMatch(/^文件 big\.docx 大小为 .*，超过上限 .*，已拒绝读取$/);
  });

  it('refuses a zip bomb', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document>' + ' '.repeat(5_000_000) + '</w:document>');
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const f = await failure({ name: 'bomb.docx', bytes: bomb }, { maxCompressionRatio: 50, ratioCheckFromBytes: 1000 });
    expect(f.code).toBe('zip-bomb');
    expect(f.message).toContain('bomb.docx');
  });

  it('reads GBK text with a warning that names the file, and still imports it', async () => {
    const iconv = (await import('iconv-lite')).default;
    const text = readFileSync(fixture('seeds/000_a59af3f7f36b9ebf.txt'), 'utf8').split('\n').slice(171, 201).join('\n');
    const { report } = await importScheme({ name: 'gbk.txt', bytes: new Uint8Array(iconv.encode(text, 'gbk')) });
    expect(report.issues.find((i) => i.code === 'decoded-as-gbk')?.message).toBe('文件 gbk.txt 不是 UTF-8 编码，已按 GBK（GB18030）编码读取；如出现乱码，请将文件另存为 UTF-8 后重新导入');
    expect(report.coverage.compiled).toBe(10);
  });

  it('reads a results sheet with formulas (单位 | 得分 | 完成率) without running them, and says it holds no scheme', async () => {
    const f = await failure(fixture('formulas.xlsx'));
    expect(f.code).toBe('nothing-imported');
    expect(f.message).toContain('文件 formulas.xlsx：没有导入任何指标。原因：1 个表格都没有可识别的表头');
  });

  it('never throws anything but OfficeError or ContractError on mutated seed text (fuzz)', async () => {
    const base = readFileSync(fixture('seeds/000_a59af3f7f36b9ebf.txt'), 'utf8').split('\n').slice(19, 300);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.constantFrom('drop', 'dup', 'tab', 'blank', 'garble', 'digits')), { maxLength: 12 }),
        async (edits) => {
          const lines = [...base];
          for (const [at, op] of edits) {
            const i = at % lines.length;
            if (op === 'drop') lines.splice(i, 1);
            else if (op === 'dup') lines.splice(i, 0, lines[i]!);
            else if (op === 'tab') lines[i] = `\t${lines[i]}`;
            else if (op === 'blank') lines.splice(i, 0, '', '');
            else if (op === 'garble') lines[i] = lines[i]!.split('').reverse().join('');
            else lines[i] = lines[i]!.replace(/\d/g, '9');
          }
          try {
            await importScheme({ name: 'fuzz.txt', bytes: new TextEncoder().encode(lines.join('\n')) });
          } catch (e) {
            if (!(e instanceof OfficeError || e instanceof ContractError)) throw e;
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
