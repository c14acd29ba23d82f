import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { describe, expect, it } from 'vitest';
import { assertHasTables, tablesOf, type RawDocument } from '../src/document';
import { readDocx } from '../src/docx-reader';
import { excerptBlocks, fixture, shape } from './excerpt';
import { seedExcerpts } from './fixtures/seed-excerpts';

const read = (name: string): Promise<RawDocument> => readDocx(readFileSync(fixture(name)), name);

describe('readDocx', () => {
  for (const excerpt of seedExcerpts) {
    it(`gives the same grid and merges as the text seed for ${excerpt.name} (${excerpt.seed.slice(0, 3)}:${excerpt.from}-${excerpt.to})`, async () => {
      const doc = await read(`${excerpt.name}.docx`);
      expect(shape(doc.blocks)).toEqual(shape(excerptBlocks(excerpt)));
    });
  }

  it('keeps the paragraphs around the table in document order', async () => {
    const doc = await read('000-ideology.docx');
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `table ${b.table.index}`))).toEqual(['四、意识形态工作', 'table 1', '党的建设清单']);
  });

  it('resolves the vertical merge of 类别 乡村振兴 over four rows in 螅镇', async () => {
    const table = tablesOf(await read('001-xiezhen.docx'))[0];
    expect(table?.rows[1]?.[0]).toEqual({ text: '乡村振兴\n\n20分', rowSpan: 4, colSpan: 1, isMergedContinuation: false, source: { file: '001-xiezhen.docx', table: 1, row: 2, col: 1 } });
    expect(table?.rows[4]?.[0]).toEqual({ text: '', rowSpan: 1, colSpan: 1, isMergedContinuation: true, source: { file: '001-xiezhen.docx', table: 1, row: 5, col: 1 } });
    expect(table?.grid[4]?.[0]).toBe('乡村振兴\n\n20分');
  });

  it('resolves a cell merged both across (gridSpan) and down (vMerge)', async () => {
    const table = tablesOf(await read('structure.docx'))[0];
    expect(table?.grid).toEqual([
      ['类别', '指标', '分值'],
      ['党的建设', '党的建设', '10'],
      ['党的建设', '党的建设', '5'],
    ]);
    expect(table?.rows[1]?.[0]).toMatchObject({ rowSpan: 2, colSpan: 2 });
    expect(table?.rows[2]?.map((c) => c.isMergedContinuation)).toEqual([true, true, false]);
  });

  it('puts automatic list numbers back into the text (decimal, 中文, circled)', async () => {
    const doc = await read('structure.docx');
    const paragraphs = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toEqual(['考核细则', '（一） 总则', '（二） 考核对象', '① 市级部门', '附件', '名单']);
    expect(tablesOf(doc)[1]?.grid[1]?.[1]).toBe('1. 未组织学习的，扣 0.1 分；\n2. 未按时报送的，扣 0.05 分。');
  });

  it('numbers tables and body paragraphs in document order, counting empty paragraphs', async () => {
    const doc = await read('structure.docx');
    expect(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.source.paragraph : `T${b.table.index}`))).toEqual([1, 2, 3, 'T1', 4, 'T2', 6, 7]);
  });

  it('returns the paragraphs of a document without tables', async () => {
    const doc = await read('no-tables.docx');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '关于印发考核办法的通知', source: { file: 'no-tables.docx', paragraph: 1 } },
      { kind: 'paragraph', text: '各处室：', source: { file: 'no-tables.docx', paragraph: 2 } },
    ]);
  });

  it('treats a vMerge without a cell above as an ordinary cell and says so', async () => {
    const orphan = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('孤立')], verticalMerge: VerticalMergeType.CONTINUE })] })] });
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [orphan] }] }));
    const doc = await readDocx(bytes, 'orphan.docx');
    expect(tablesOf(doc)[0]?.grid).toEqual([['孤立']]);
    expect(doc.warnings.map((w) => w.message)).toEqual(['文件 orphan.docx 第 1 个表格第 1 行第 1 列标记为“与上方合并”，但上方没有对应的单元格，已作为独立单元格读取']);
  });

  it('flattens a nested table into lines of the outer cell and reports it', async () => {
    const inner = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('A')] }), new TableCell({ children: [new Paragraph('B')] })] })] });
    const outer = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('外'), inner, new Paragraph('')] })] })] });
    const doc = await readDocx(await Packer.toBuffer(new Document({ sections: [{ children: [outer] }] })), 'nested.docx');
    expect(tablesOf(doc).map((t) => t.grid)).toEqual([[['外\nA | B\n']]]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['nested-table']);
  });
});

describe('assertHasTables', () => {
  it('throws a message naming the file when a document has no table', async () => {
    const doc = await read('no-tables.docx');
    expect(() => assertHasTables(doc)).toThrow('文件 no-tables.docx 中没有找到表格');
  });

  it('accepts a document with a table', async () => {
    expect(() => assertHasTables({ file: 'a.docx', format: 'docx', blocks: [{ kind: 'table', table: { index: 1, rows: [], grid: [], source: { file: 'a.docx', table: 1 } } }], warnings: [] })).not.toThrow();
  });
});
