import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tablesOf, type RawDocument, type RawTable } from '../src/document';
import { readDocument } from '../src/read-document';

const seed = (name: string): string => fileURLToPath(new URL(`fixtures/seeds/${name}`, import.meta.url));
const tableAtLine = (doc: RawDocument, line: number): RawTable => {
  const table = tablesOf(doc).find((t) => t.source.line === line);
  if (!table) throw new Error(`no table starts at line ${line}`);
  return table;
};

describe('readDocument', () => {
  describe('seed 000 (嘉兴市文化广电旅游局 任务分解)', () => {
    let doc: RawDocument;
    beforeAll(async () => {
      doc = await readDocument(seed('000_a59af3f7f36b9ebf.txt'));
    });

    it('reads it as UTF-8 text without warnings about the encoding', () => {
      expect(doc.format).toBe('txt');
      expect(doc.warnings.map((w) => w.code)).not.toContain('decoded-as-gbk');
    });

    it('finds 31 tables: 7 党建, 22 服务中心 (对口工作 split off at a page break, 000:421) and the 目标任务清单 over 2 pages', () => {
      expect(tablesOf(doc)).toHaveLength(31);
    });

    it('reads the 党建 header row at 000:24-28', () => {
      expect(tableAtLine(doc, 24).grid[0]).toEqual(['序号', '项目名称', '具体扣分标准', '考核牵头部门', '牵头领导/责任处室']);
    });

    it('keeps the paragraphs between tables in order with their lines', () => {
      const before = doc.blocks.slice(0, doc.blocks.findIndex((b) => b.kind === 'table'));
      expect(before.slice(-3)).toEqual([
        { kind: 'paragraph', text: '党的建设清单', source: { file: '000_a59af3f7f36b9ebf.txt', line: 20 } },
        { kind: 'paragraph', text: '一、政治建设', source: { file: '000_a59af3f7f36b9ebf.txt', line: 21 } },
        { kind: 'paragraph', text: '（贯彻落实习近平总书记重要指示批示精神、中央和省、市重大决策部署情况，“三服务”等）', source: { file: '000_a59af3f7f36b9ebf.txt', line: 23 } },
      ]);
    });

    it('places the clause assignments of 000:195-197 inside the 意识形态 row, at their own lines', () => {
      const cell = tableAtLine(doc, 173).rows[1]?.[4];
      expect(cell?.source).toEqual({ file: '000_a59af3f7f36b9ebf.txt', table: 4, row: 2, col: 5, line: 192, endLine: 197 });
      const lines = cell?.text.split('\n') ?? [];
      expect(lines[195 - 192]).toBe('1-3，6，8-10：办公室');
      expect(lines[196 - 192]).toBe('4：艺术处、公共服务处、文物处、执法队');
      expect(lines[197 - 192]).toBe('5、7：机关党委');
    });

    it('joins the 10 wrapped clauses of 000:181-190 into one 具体扣分标准 cell', () => {
      const cell = tableAtLine(doc, 173).rows[1]?.[2];
      expect(cell?.text.split('\n')).toHaveLength(10);
      expect(cell?.text.split('\n')[9]).toBe('10. 未明确部门（单位）新闻发言人，未建立新闻发布制度，未按要求回应社会关注热点、重点问题。未落实   扣 0.1 分。');
    });

    it('spans 序号 and 项目名称 of 政治建设 over its five sub-part rows (000:30-91)', () => {
      const table = tableAtLine(doc, 24);
      expect(table.rows[1]?.[0]).toMatchObject({ text: '1', rowSpan: 5, colSpan: 1 });
      expect(table.grid.map((r) => r[0])).toEqual(['序号', '1', '1', '1', '1', '1']);
      expect(table.grid[5]?.[2]).toBe('五、“三服务”工作落实情况\n根据《“三服务”工作考核细则》折算扣分。');
    });

    it('reads the 目标任务 header of 000:1119-1124', () => {
      expect(tableAtLine(doc, 1119).grid[0]).toEqual(['类别', '序号', '项目名称', '目标任务及评价办法', '分值', '牵头领导/责任处室']);
    });
  });

  describe('seed 001 (佳县 目标责任考核指标)', () => {
    let doc: RawDocument;
    beforeAll(async () => {
      doc = await readDocument(seed('001_c9fa6fd301574412.txt'));
    });

    it('finds 75 tables, 20 of them the identical 21×3 town template', () => {
      const tables = tablesOf(doc);
      expect(tables).toHaveLength(75);
      expect(tables.filter((t) => t.grid.length === 21 && t.grid[0]?.join('|') === '类别|指标及分值|目   标   要   求')).toHaveLength(20);
    });

    it('fills the vertically merged 类别 乡村振兴/20分 of 螅镇 from the cell above (001:491-512)', () => {
      const table = tableAtLine(doc, 487);
      expect(table.grid.slice(1, 6).map((r) => r[0])).toEqual(['乡村振兴\n\n20分', '乡村振兴\n\n20分', '乡村振兴\n\n20分', '乡村振兴\n\n20分', '经济发展5分']);
      expect(table.rows[1]?.[0]).toMatchObject({ rowSpan: 4, source: { line: 491, endLine: 493 } });
      expect(table.rows[2]?.[0]).toMatchObject({ isMergedContinuation: true, text: '', source: { line: 499 } });
    });

    it('fills the merged 责任单位 县委办 of the 负面清单 (001:220, empty at 001:225)', () => {
      const table = tableAtLine(doc, 211);
      expect(table.grid[0]).toEqual(['考核内容', '考核指标', '责任单位', '扣分\n\n分值']);
      expect(table.grid[2]).toEqual(['生态文明', '未完成生态文明建设年度工作任务的', '县委办', '-1.5']);
      expect(table.rows[2]?.[2]?.source.line).toBe(225);
    });

    it('keeps the repeated header inside the 负面清单 as an ordinary row (001:338-343)', () => {
      expect(tableAtLine(doc, 211).grid[25]).toEqual(['考核内容', '考核指标', '责任单位', '扣分\n\n分值']);
    });

    it('reports the short rows of 螅镇 (001:521 and 001:590) instead of guessing silently', () => {
      const issue = doc.warnings.find((w) => w.code === 'txt-short-row' && w.source.line === 487);
      expect(issue?.message).toBe('文件 001_c9fa6fd301574412.txt 第 4 个表格（第 487 行起）有 2 行的单元格少于 3 个（见第 521、590 行），已假定该行最后一个单元格向右合并，请核对');
    });
  });

  describe('seed 004 (嘉兴市政务公开重点工作责任清单)', () => {
    it('reads the 70-task list as one 93-row table and the 抄送 block as a second table', async () => {
      const doc = await readDocument(seed('004_011aa5988ef2c423.txt'));
      const tables = tablesOf(doc);
      expect(tables.map((t) => [t.source.line, t.grid.length, t.grid[0]?.length])).toEqual([
        [21, 93, 4],
        [402, 2, 3],
      ]);
      expect(tables[0]?.grid[92]?.[0]).toBe('70');
    });
  });
});
