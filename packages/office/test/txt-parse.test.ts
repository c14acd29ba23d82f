import { describe, expect, it } from 'vitest';
import type { ImportIssue, RawBlock, RawTable } from '../src/document';
import { parseTextLines, splitParagraphCells } from '../src/txt-parse';

const parse = (text: string, issues: ImportIssue[] = []): RawBlock[] => parseTextLines(text.split('\n'), 'a.txt', issues);
const onlyTable = (blocks: RawBlock[]): RawTable => {
  const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  expect(tables).toHaveLength(1);
  return tables[0] as RawTable;
};

describe('parseTextLines', () => {
  it('reads TAB lines as cells and a blank line as the end of a row', () => {
    const table = onlyTable(parse('\t序号\n\t项目\n\n\t1\n\t政治建设'));
    expect(table.grid).toEqual([
      ['序号', '项目'],
      ['1', '政治建设'],
    ]);
  });

  it('keeps lines without a TAB outside tables as paragraphs with their line numbers', () => {
    const blocks = parse('党的建设清单\n\n一、政治建设\n\t序号');
    expect(blocks.slice(0, 2)).toEqual([
      { kind: 'paragraph', text: '党的建设清单', source: { file: 'a.txt', line: 1 } },
      { kind: 'paragraph', text: '一、政治建设', source: { file: 'a.txt', line: 3 } },
    ]);
  });

  it('appends a wrapped line to the cell before it, keeping inner blank lines so text line k is source line + k', () => {
    // 000:31-35: "政治建设（贯" / "" / "彻落实习近平" / "" / "总书记重要指"
    const table = onlyTable(parse('\t序号\n\t项目\n\n\t1\n\t政治建设（贯\n\n彻落实习近平\n\n总书记重要指'));
    const cell = table.rows[1]?.[1];
    expect(cell?.text).toBe('政治建设（贯\n\n彻落实习近平\n\n总书记重要指');
    expect(cell?.source).toEqual({ file: 'a.txt', table: 1, row: 2, col: 2, line: 5, endLine: 9 });
  });

  it('fills an empty TAB line from the cell above and records the span on the master', () => {
    const table = onlyTable(parse('\t类别\n\t指标\n\n\t乡村振兴\n\t农业\n\n\t\n\t林业'));
    expect(table.grid.map((r) => r[0])).toEqual(['类别', '乡村振兴', '乡村振兴']);
    expect(table.rows[1]?.[0]?.rowSpan).toBe(2);
    expect(table.rows[2]?.[0]).toEqual({ text: '', rowSpan: 1, colSpan: 1, isMergedContinuation: true, source: { file: 'a.txt', table: 1, row: 3, col: 1, line: 7 } });
  });

  it('does not merge an empty cell into the first row, which is the header', () => {
    // 000:689-694: the item name is vertically centred further down, so the first data cell is empty.
    const table = onlyTable(parse('\t项目名称\n\t标准\n\n\t\n\t1.营商环境'));
    expect(table.grid[1]).toEqual(['', '1.营商环境']);
    expect(table.rows[1]?.[0]?.isMergedContinuation).toBe(false);
  });

  it('lets the last cell of a short row span the rest of the row and reports it', () => {
    const issues: ImportIssue[] = [];
    const table = onlyTable(parse('\t序号\n\t重点工作\n\t牵头单位\n\n\t一、总体要求', issues));
    expect(table.grid[1]).toEqual(['一、总体要求', '一、总体要求', '一、总体要求']);
    expect(table.rows[1]?.[0]?.colSpan).toBe(3);
    expect(issues.map((i) => i.message)).toEqual([
      '文件 a.txt 第 1 个表格（第 1 行起）有 1 行的单元格少于 3 个（见第 5 行），已假定该行最后一个单元格向右合并，请核对',
    ]);
  });

  it('continues an incomplete row across a page break of two blank lines', () => {
    // 000:986-992: the 考核牵头部门 cell comes after two blank lines.
    const table = onlyTable(parse('\t项目\n\t标准\n\t部门\n\n\t健康嘉兴\n\t1. 按职责分工\n\n\n\t市卫生健康委'));
    expect(table.grid[1]).toEqual(['健康嘉兴', '1. 按职责分工', '市卫生健康委']);
  });

  it('continues the table after two blank lines when the next cell is an empty merged cell', () => {
    const table = onlyTable(parse('\t项目\n\t标准\n\n\t生态\n\t1.未完成\n\n\n\t\n\t2.未完成'));
    expect(table.grid).toEqual([
      ['项目', '标准'],
      ['生态', '1.未完成'],
      ['生态', '2.未完成'],
    ]);
  });

  it('starts a new table after two blank lines when the row is complete and the next cell has text', () => {
    const blocks = parse('\t项目\n\t标准\n\n\t生态\n\t1.未完成\n\n\n\t项目名称\n\t责任单位');
    expect(blocks.map((b) => (b.kind === 'table' ? b.table.index : b.text))).toEqual([1, 2]);
  });

  it('ends the table at two blank lines followed by text', () => {
    const blocks = parse('\t项目\n\t标准\n\n\t生态\n\t1.未完成\n\n\n党的建设清单');
    expect(blocks.map((b) => b.kind)).toEqual(['table', 'paragraph']);
  });

  it('starts a new row at a cell line with spaces before the TAB', () => {
    // 001:5339-5340: " \t基层党组织建设" follows the previous row without a blank line.
    const table = onlyTable(parse('\t类别\n\t任务\n\n\t领导班子\n\t坚持\n \t基层党组织建设\n\t强化'));
    expect(table.grid.map((r) => r[0])).toEqual(['类别', '领导班子', '基层党组织建设']);
  });

  it('numbers lines from firstLine when given an excerpt', () => {
    const blocks = parseTextLines(['附件', '\t序号'], 'a.txt', [], { firstLine: 18, firstTable: 4 });
    expect(blocks[0]?.kind === 'paragraph' ? blocks[0].source : null).toEqual({ file: 'a.txt', line: 18 });
    expect(blocks[1]?.kind === 'table' ? blocks[1].table.source : null).toEqual({ file: 'a.txt', table: 4, line: 19, endLine: 19 });
  });
});

describe('splitParagraphCells', () => {
  it('groups consecutive non-blank lines into one cell each, with their line numbers', () => {
    expect(splitParagraphCells(['项目', '', '内容第一行', '内容第二行', '', '', '2分'], 10)).toEqual([
      { text: '项目', line: 10, endLine: 10 },
      { text: '内容第一行\n内容第二行', line: 12, endLine: 13 },
      { text: '2分', line: 16, endLine: 16 },
    ]);
  });

  it('accepts the paragraph blocks of a text document, where a gap in line numbers is a blank line', () => {
    const blocks = parse('项目\n\n内容\n分值\n\n责任部门');
    expect(splitParagraphCells(blocks).map((c) => c.text)).toEqual(['项目', '内容\n分值', '责任部门']);
  });
});
