import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { evaluate } from '@kaohe/core';
import { afterAll, describe, expect, it } from 'vitest';
import { factsTemplateRows, readFactsWorkbook, writeFactsTemplate } from '../../src/import/facts-template';
import { importScheme } from '../../src/import/import-scheme';

/** A scheme written for this test: two towns, one 会议 condition and one per-隐患 deduction each. */
async function scheme(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细则');
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = '某县2021年度乡镇安全生产考核细则';
  ws.getRow(2).values = ['序号', '考核项目', '', '分值', '评分标准'];
  ws.getRow(3).values = [1, '安全生产', '甲镇', 20, '未召开安全生产专题会议的，扣2分。\n每发现一处未整改的隐患扣1分，扣完为止。'];
  ws.getRow(4).values = [2, '安全生产', '乙镇', 20, '未召开安全生产专题会议的，扣2分。\n每发现一处未整改的隐患扣1分，扣完为止。'];
  ws.mergeCells('B3:B4');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const dir = mkdtempSync(join(tmpdir(), 'kaohe-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('facts template', () => {
  it('lists, per unit and clause, the fact the compiled rule reads and the cells to fill', async () => {
    const { scheme: s } = await importScheme({ name: 'towns.xlsx', bytes: await scheme() });
    const rows = factsTemplateRows(s);
    expect(rows.map((r) => [r.unit, r.type, r.说明.split('：')[1]])).toEqual([
      ['甲镇', 'flag', '是否发生（是/否）'],
      ['甲镇', 'occurrence', '发生次数（每起一行或填次数）'],
      ['乙镇', 'flag', '是否发生（是/否）'],
      ['乙镇', 'occurrence', '发生次数（每起一行或填次数）'],
    ]);
  });

  it('reads the filled workbook back as facts that score: 甲镇 held no meeting and has 3 hidden dangers, 乙镇 nothing', async () => {
    const { scheme: s } = await importScheme({ name: 'towns.xlsx', bytes: await scheme() });
    const path = join(dir, 'facts.xlsx');
    writeFileSync(path, await writeFactsTemplate(s));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('事实')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (field: string): number => header.findIndex((h) => h.endsWith(`（${field}）`)) + 1;
    ws.getRow(2).getCell(col('value')).value = '是';
    ws.getRow(3).getCell(col('count')).value = 3;
    await wb.xlsx.writeFile(path);
    const facts = await readFactsWorkbook(path, s);
    expect(facts.map((f) => [f.unit, f.type])).toEqual([
      ['甲镇', 'flag'],
      ['甲镇', 'occurrence'],
    ]);
    const result = evaluate(s, facts);
    const total = (u: string): number => result.units.find((x) => x.unit === u)!.total / 1_000_000;
    expect([total('甲镇'), total('乙镇')]).toEqual([15, 20]);
  });
});

describe('facts template and 最多报一次', () => {
  it('asks once per unit for a data item two clauses share, and the one value scores both', async () => {
    const { twoClausesOneMetric } = await import('../../../core/test/scoring/data-item-scheme');
    const s = twoClausesOneMetric();
    const rows = factsTemplateRows(s);
    expect(rows.map((r) => [r.unit, r.ref, r.type])).toEqual([
      ['甲镇', 'jobs', 'value'],
      ['乙镇', 'jobs', 'value'],
    ]);
    expect(rows[0]!.说明).toContain('数据项 jobs，各条款共用，只填一次');
    const path = join(dir, 'jobs.xlsx');
    writeFileSync(path, await writeFactsTemplate(s));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('事实')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    ws.getRow(2).getCell(header.findIndex((h) => h.endsWith('（value）')) + 1).value = 900;
    await wb.xlsx.writeFile(path);
    const facts = await readFactsWorkbook(path, s);
    // 甲镇: 5 × 900/1000 = 4.5 + 2 (900 ≥ 800) = 6.5
    expect(evaluate(s, facts).units[0]!.total / 1_000_000).toBe(6.5);
  });
});

/** Text written for this test: a 宣传 item scored by any one of two options, and a 一票否优 item of two situations. */
async function optionsScheme(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细则');
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '某县2022年度部门宣传工作考核细则';
  ws.getRow(2).values = ['序号', '考核项目', '分值', '评分标准'];
  ws.getRow(3).values = [1, '宣传工作', 10, '举办一次专题培训；编印一期工作简报。以上完成一项即得满分。'];
  ws.getRow(4).values = [2, '一票否优事项', '', '受到市委、市政府通报批评的'];
  ws.getRow(5).values = [3, '', '', '本部门发生重大安全责任事故的'];
  ws.mergeCells('B4:B5');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('facts template: options and 一票否优', () => {
  // The document names no assessed units; the office adds its one department before scoring.
  const withUnit = async () => {
    const { scheme: s } = await importScheme({ name: 'options.xlsx', bytes: await optionsScheme() });
    return { ...s, unitCategories: [{ code: '部门', name: '部门' }], units: [{ code: '宣传部', name: '宣传部', category: '部门' }] };
  };
  const fill = async (s: Parameters<typeof writeFactsTemplate>[0], name: string, cells: Record<number, Record<string, string>>): Promise<string> => {
    const path = join(dir, name);
    writeFileSync(path, await writeFactsTemplate(s));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('事实')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    for (const [row, values] of Object.entries(cells)) for (const [field, v] of Object.entries(values)) ws.getRow(Number(row)).getCell(header.findIndex((h) => h.endsWith(`（${field}）`)) + 1).value = v;
    await wb.xlsx.writeFile(path);
    return path;
  };

  it('asks the any-of item for 完成的选项 (option, what the rule reads) and each 一票否优 situation for 是/否', async () => {
    const { scheme: s } = await importScheme({ name: 'options.xlsx', bytes: await optionsScheme() });
    expect(s.vetoes.map((v) => [v.code, v.text, v.effects])).toEqual([
      ['否优1', '受到市委、市政府通报批评的', [{ type: 'bar-grade', grade: '优秀' }]],
      ['否优2', '本部门发生重大安全责任事故的', [{ type: 'bar-grade', grade: '优秀' }]],
    ]);
    const rows = factsTemplateRows(s);
    expect(rows.map((r) => [r.ref, r.type])).toEqual([
      ['1.1', 'flag'],
      ['否优1', 'flag'],
      ['否优2', 'flag'],
    ]);
    expect(rows[0]!.说明).toContain('完成的选项填完成的是哪一项：举办一次专题培训；编印一期工作简报');
    expect(rows[1]!.说明).toContain('存在则不得评为“优秀”');
  });

  it('a filled option scores the item (10), a veto answered 是 is recorded in the ledger, one answered 否 is not', async () => {
    const s = await withUnit();
    const path = await fill(s, 'options-facts.xlsx', { 2: { value: '是', option: '编印一期工作简报' }, 3: { value: '是' }, 4: { value: '否' } });
    const facts = await readFactsWorkbook(path, s);
    expect(facts.map((f) => [f.ref, f.type, f.type === 'flag' ? [f.value, f.option] : undefined])).toEqual([
      ['1.1', 'flag', [true, '编印一期工作简报']],
      ['否优1', 'flag', [true, undefined]],
      ['否优2', 'flag', [false, undefined]],
    ]);
    const unit = evaluate(s, facts).units[0]!;
    expect(unit.total / 1_000_000).toBe(10);
    expect(unit.vetoes).toEqual(['否优1']);
    expect(unit.ledger.filter((l) => l.kind === 'veto').map((l) => l.msg)).toEqual(['veto.bar-grade']);
  });

  it('an option the item does not list is not scored as done or as missed: the clause waits for a person', async () => {
    const s = await withUnit();
    const path = await fill(s, 'options-typo.xlsx', { 2: { value: '是', option: '编印简报' } });
    const unit = evaluate(s, await readFactsWorkbook(path, s)).units[0]!;
    const clause = unit.nodes[0]!.clauses[0]!;
    expect(clause.status).toBe('needs-judgement');
  });

  it('asks for the exempt flag of a per-occurrence deduction with an exemption, and an exempt row is not deducted', async () => {
    // Own words after the shape of corpus 03 (4.1): 每起…扣N分，如果…，此事件可以不扣分.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('细则');
    ws.getRow(1).values = ['序号', '考核项目', '单位', '分值', '评分标准'];
    ws.getRow(2).values = [1, '信访办理', '甲镇', 10, '每起信访件逾期办理扣2分，若当事人书面撤回，此事件可以不扣分。'];
    const { scheme: s } = await importScheme({ name: 'letters.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
    const rows = factsTemplateRows(s);
    expect(rows.map((r) => r.状态)).toEqual(['已编译']);
    expect(rows[0]!.说明).toContain('属免扣情形（当事人书面撤回）的另起一行，标记填 exempt');
    const path = join(dir, 'letters-facts.xlsx');
    writeFileSync(path, await writeFactsTemplate(s));
    const filled = new ExcelJS.Workbook();
    await filled.xlsx.readFile(path);
    const sheet = filled.getWorksheet('事实')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (field: string): number => header.findIndex((h) => h.endsWith(`（${field}）`)) + 1;
    sheet.getRow(2).getCell(col('count')).value = 2;
    const exemptRow = sheet.getRow(3);
    for (const field of ['unit', 'ref', 'type']) exemptRow.getCell(col(field)).value = sheet.getRow(2).getCell(col(field)).value;
    exemptRow.getCell(col('count')).value = 1;
    exemptRow.getCell(col('flags')).value = 'exempt';
    await filled.xlsx.writeFile(path);
    const facts = await readFactsWorkbook(path, s);
    expect(facts.map((f) => (f.type === 'occurrence' ? [f.count, f.flags ?? []] : f.type))).toEqual([
      [2, []],
      [1, ['exempt']],
    ]);
    // 10 − 2 × 2 = 6: the exempt one is not deducted.
    expect(evaluate(s, facts).units.find((u) => u.unit === '甲镇')!.total / 1_000_000).toBe(6);
  });

  it('tells the clerk to mark the units a peer-average item is not about as not applicable, and they get the others’ average', async () => {
    // Own words after the shape of corpus 08 (3.8): …得N分；每低1%，扣x分。其他单位得分为…单位得分的平均分.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('细则');
    ws.getRow(1).values = ['序号', '考核项目', '单位', '分值', '评分标准'];
    for (const [k, unit] of ['甲局', '乙局', '丙局'].entries()) ws.getRow(k + 2).values = [k + 1, '窗口办结', unit, 3, '窗口单位办结率不低于90%的，得3分；每低1%，扣0.1分。其他单位得分为窗口单位得分的平均分。'];
    ws.mergeCells('B2:B4');
    const { scheme: s } = await importScheme({ name: 'windows.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
    const rows = factsTemplateRows(s);
    expect(rows.every((r) => r.状态 === '已编译')).toBe(true);
    const ind = s.indicators.flatMap((i) => [i, ...(i.children ?? [])]).find((i) => i.notApplicable === 'average-of-others');
    expect(ind).toBeDefined();
    expect(rows[0]!.说明).toContain(`条款编码填 ${ind!.code}，事实类型填 not-applicable`);
  });
});
