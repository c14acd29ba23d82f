import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tablesOf, type RawDocument } from '../src/document';
import { cellRef, readXlsx } from '../src/xlsx-reader';
import { excerptBlocks, fixture, shape } from './excerpt';
import { seedExcerpts } from './fixtures/seed-excerpts';

const read = (name: string): Promise<RawDocument> => readXlsx(readFileSync(fixture(name)), name);

describe('readXlsx', () => {
  for (const excerpt of seedExcerpts) {
    it(`gives the same grid and merges as the text seed for ${excerpt.name} (${excerpt.seed.slice(0, 3)}:${excerpt.from}-${excerpt.to})`, async () => {
      const doc = await read(`${excerpt.name}.xlsx`);
      expect(shape(doc.blocks)).toEqual(shape(excerptBlocks(excerpt)));
    });
  }

  it('names the sheet and the A1 cell of every position, merged or not', async () => {
    const table = tablesOf(await read('001-xiezhen.xlsx'))[0];
    expect(table?.sheet).toBe('螅镇');
    expect(table?.rows[1]?.[0]).toMatchObject({ text: '乡村振兴\n\n20分', rowSpan: 4, source: { file: '001-xiezhen.xlsx', sheet: '螅镇', table: 1, row: 2, col: 1, cell: 'A2' } });
    expect(table?.rows[3]?.[0]).toMatchObject({ isMergedContinuation: true, source: { cell: 'A4' } });
  });

  it('uses the cached result of a formula and warns, naming sheet and cell, when there is none', async () => {
    const doc = await read('formulas.xlsx');
    expect(tablesOf(doc)[0]?.grid).toEqual([
      ['单位', '得分', '完成率', '完成率'],
      ['螅镇', '7.5', '95%', '2020-09-28'],
      ['坑镇', '', '0.3', ''],
    ]);
    expect(doc.warnings).toEqual([
      {
        severity: 'warning',
        code: 'formula-without-result',
        message: '文件 formulas.xlsx 工作表 得分 单元格 B3 是公式（=B2*2），但文件中没有保存计算结果，已按空白读取；请在 Excel 中打开并保存后再导入',
        source: { file: 'formulas.xlsx', sheet: '得分', table: 1, row: 3, col: 2, cell: 'B3' },
      },
    ]);
  });

  it('reads every sheet as its own table and skips empty ones', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').getCell('A1').value = '考核办法';
    workbook.addWorksheet('空白');
    const sheet = workbook.addWorksheet('指标');
    sheet.getCell('A1').value = '类别';
    sheet.getCell('B2').value = 5;
    const doc = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), 'multi.xlsx');
    expect(tablesOf(doc).map((t) => [t.index, t.sheet, t.grid])).toEqual([
      [1, '说明', [['考核办法']]],
      [2, '指标', [['类别', ''], ['', '5']]],
    ]);
  });

  it('leaves a two-line header as two rows, the upper one merged across', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    sheet.mergeCells('A1:A2');
    sheet.getCell('A1').value = '类别';
    sheet.mergeCells('B1:C1');
    sheet.getCell('B1').value = '指标';
    sheet.getCell('B2').value = '名称';
    sheet.getCell('C2').value = '分值';
    const doc = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), 'header.xlsx');
    expect(tablesOf(doc)[0]?.grid).toEqual([
      ['类别', '指标', '指标'],
      ['类别', '名称', '分值'],
    ]);
  });
});

describe('cellRef', () => {
  it.each([
    [0, 0, 'A1'],
    [3, 1, 'B4'],
    [0, 25, 'Z1'],
    [9, 26, 'AA10'],
    [0, 16383, 'XFD1'],
  ])('turns row %i, column %i into %s', (row, col, ref) => {
    expect(cellRef(row, col)).toBe(ref);
  });
});
