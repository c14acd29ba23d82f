import { fileURLToPath } from 'node:url';
import type { Indicator } from '@kaohe/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { layoutBlocks } from '../../src/export/layouts';
import { importScheme } from '../../src/import/import-scheme';

/**
 * "A、B分别负责" in a 牵头单位 cell (seed 004:72 has seven such cells; seeds.test.ts checks them). Here, on a
 * workbook written for this test: a task with points is not split, because lines without points under it
 * would score its points as 0; it stays co-led and the report asks a person to decide.
 */
const all = (nodes: readonly Indicator[]): Indicator[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点工作');
  ws.getRow(1).values = ['序号', '重点工作', '分值', '牵头单位', '责任单位'];
  ws.getRow(2).values = [1, '做好重点领域信息公开，按时发布各领域年度报告。', 10, '县教育局、县卫健局分别负责', '各乡镇'];
  ws.getRow(3).values = [2, '规范依申请公开办理，答复率达到100%。', 5, '县政府办公室', '各乡镇'];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('分别负责 on a task with points', () => {
  it('keeps the task co-led with its points and says why it was not split', async () => {
    const { scheme, report } = await importScheme({ name: 'separate.xlsx', bytes: await workbook() });
    const task = all(scheme.indicators).find((i) => i.text?.startsWith('做好重点领域信息公开') || i.title.startsWith('做好重点领域信息公开'))!;
    expect(task.points).toBe(10_000_000);
    expect(task.children ?? []).toEqual([]);
    expect(task.leadAssessors).toEqual(['县教育局', '县卫健局']);
    const kept = report.issues.filter((i) => i.code === 'separate-leads-kept');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.message).toContain('牵头单位写“县教育局、县卫健局分别负责”，但该任务有分值 10 分，未拆分');
    expect(kept[0]!.message).toContain('请人工确定每个牵头单位负责的部分');
    expect(report.issues.filter((i) => i.code === 'separate-leads')).toEqual([]);
  });
});

describe('分别负责 in the breakdown export', () => {
  it('writes a split task’s lead cell as the document words it (004:72), not empty', async () => {
    const { scheme } = await importScheme(fileURLToPath(new URL('../fixtures/seeds/004_011aa5988ef2c423.txt', import.meta.url)));
    const rows = layoutBlocks(scheme, 'breakdown').flatMap((b) => (b.kind === 'table' ? b.table.rows : []));
    const task9 = rows.find((r) => r[2]!.text.includes('加大食品药品安全'))!;
    expect(task9[3]!.text).toBe('市市场监管局、市应急管理局、市生态环境局、市金融办、人行嘉兴市中心支行分别负责');
  });
});
