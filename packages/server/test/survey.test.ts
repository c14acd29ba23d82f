import { dec, surveyAverages, toStr } from '@kaohe/core';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from './harness';
import { multipart } from './multipart';

/**
 * 三、满意度测评（分值:22）, its eight rater groups and weights as catalogue §2 transcribes them
 * (002:972-1020): 人民群众代表(含两代表一委员) 5, 部门相互测评 3, 县(市)、嘉兴港区、市滨海办 2,
 * 南湖区、秀洲区、经开区 3, 市领导评价 3, 市主要领导评价 2, 市分管(联系)领导评价 2, 市委市政府督专员评价 2.
 */
const groups: [string, string][] = [
  ['人民群众代表(含两代表一委员)', '5'],
  ['部门相互测评', '3'],
  ['县(市)、嘉兴港区、市滨海办', '2'],
  ['南湖区、秀洲区、经开区', '3'],
  ['市领导评价', '3'],
  ['市主要领导评价', '2'],
  ['市分管(联系)领导评价', '2'],
  ['市委市政府督专员评价', '2'],
];
const scheme = {
  formatVersion: 1,
  code: 'survey-2026',
  year: 2026,
  title: '满意度测评试点',
  settings: { rounding: { decimals: 3 } },
  unitCategories: [{ code: 'town', name: '乡镇' }],
  units: [
    { code: 'U1', name: '甲镇', category: 'town' },
    { code: 'U2', name: '乙镇', category: 'town' },
  ],
  indicators: [{ code: 'S', title: '满意度测评', points: '22', clauses: [{ code: 'S1', text: '满意度测评（分值:22）', rule: { kind: 'survey', groups: Object.fromEntries(groups) } }] }],
};

// 甲镇's answers per group; 乙镇 gives 100 in every group
const answers: Record<string, number[]> = {
  '人民群众代表(含两代表一委员)': [90, 95, 100], // 95 × 5 / 100 = 4.75
  部门相互测评: [80, 85], // 82.5 × 3 / 100 = 2.475
  '县(市)、嘉兴港区、市滨海办': [100], // 2
  '南湖区、秀洲区、经开区': [90, 91, 92], // 91 × 3 / 100 = 2.73
  市领导评价: [96], // 2.88
  市主要领导评价: [100], // 2
  '市分管(联系)领导评价': [88, 89], // 88.5 × 2 / 100 = 1.77
  市委市政府督专员评价: [97, 98, 99], // 98 × 2 / 100 = 1.96
};
// 4.75 + 2.475 + 2 + 2.73 + 2.88 + 2 + 1.77 + 1.96 = 20.565

async function workbook(rows: (string | number)[][], sheetName = '测评结果', header = ['被测评单位', '评价群体', '得分', '测评人']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const goodRows = (): (string | number)[][] => [
  ...Object.entries(answers).flatMap(([g, scores]) => scores.map((s, i) => ['甲镇', g, s, `测评人${i + 1}`])),
  ...groups.map(([g]) => ['U2', g, '100']),
];

let h: Harness;
let kpb: Session;
let a = '';
const upload = async (bytes: Buffer, name = '测评.xlsx') => {
  const m = multipart({}, { name, content: bytes });
  return kpb.request('POST', `/api/assessments/${a}/surveys/S1/responses`, m.payload, m.headers);
};
const count = async (table: string): Promise<number> => Number(((await h.ctx.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE assessment_id = '${a}'`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);

beforeAll(async () => {
  h = await createHarness();
  kpb = await h.login('kpb');
  a = ((await kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2026, name: '满意度测评' })).json() as { id: string }).id;
  const s = await kpb.request('POST', `/api/assessments/${a}/schemes`, { document: scheme });
  expect(s.statusCode, s.body).toBe(200);
  expect((await kpb.request('POST', `/api/schemes/${(s.json() as { id: string }).id}/publish`)).statusCode).toBe(200);
});
afterAll(async () => h?.close());

describe('surveyAverages', () => {
  it('averages each unit and rater group exactly', () => {
    const avg = surveyAverages([
      { unit: 'U1', group: 'g', score: dec('90') },
      { unit: 'U1', group: 'g', score: dec('91') },
      { unit: 'U1', group: 'g', score: dec('93') },
    ]);
    // 274 / 3 = 91.333333 (rounded once, half-up, to millionths)
    expect(avg.get('U1')!.map((g) => [g.group, g.responses, toStr(g.average)])).toEqual([['g', 3, '91.333333']]);
  });
});

describe('满意度测评 import', () => {
  it('rejects a malformed sheet naming the sheet, row and column, and writes nothing', async () => {
    const rows = goodRows();
    rows[2] = ['甲镇', '人民群众代表(含两代表一委员)', '一百']; // sheet row 4
    rows[5] = ['丙镇', '部门相互测评', 90]; // sheet row 7
    rows[7] = ['甲镇', '群众', 90]; // sheet row 9
    const res = await upload(await workbook(rows));
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { message: string; issues: { path: string; message: string }[] } };
    expect(body.error.issues.map((i) => i.message)).toEqual([
      '工作表“测评结果”第 4 行「得分」列：“一百”不是 0 到 100 之间的数（满意度百分比）',
      '工作表“测评结果”第 7 行「被测评单位」列：方案中没有单位“丙镇”',
      expect.stringMatching(/^工作表“测评结果”第 9 行「评价群体」列：“群众”不是本条款的评价群体，可选：/),
    ]);
    // every group is offered (in the stored scheme's order: jsonb keeps object keys in its own order)
    expect(body.error.issues[2]!.message.split('可选：')[1]!.split('、').length).toBeGreaterThanOrEqual(groups.length);
    expect(body.error.message).toMatch(/^文件 测评\.xlsx 有 3 处错误，未导入任何数据：/);
    const noHeader = await upload(await workbook([['甲镇', 90]], '测评结果', ['被测评单位', '分数']));
    expect((noHeader.json() as { error: { message: string } }).error.message).toBe('文件 测评.xlsx 的工作表“测评结果”第 1 行缺少列：评价群体、得分（表头应为 被测评单位、评价群体、得分，可另有 测评人）');
    expect([await count('survey_responses'), await count('facts')]).toEqual([0, 0]);
  });

  it('computes the weighted satisfaction score exactly and the clause scores it, the ledger showing each group’s average and weight', async () => {
    const res = await upload(await workbook(goodRows()));
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as { responses: number; units: { unitCode: string; score: string; groups: { group: string; weight: string; responses: number; average: string; part: string }[] }[] };
    expect(s.responses).toBe(24); // 16 for 甲镇, 8 for 乙镇
    const u1 = s.units.find((u) => u.unitCode === 'U1')!;
    expect(u1.score).toBe('20.565');
    expect(u1.groups.map((g) => `${g.group} ${g.responses} ${g.average} ${g.weight} ${g.part}`).sort()).toEqual([
      '人民群众代表(含两代表一委员) 3 95 5 4.75',
      '部门相互测评 2 82.5 3 2.475',
      '县(市)、嘉兴港区、市滨海办 1 100 2 2',
      '南湖区、秀洲区、经开区 3 91 3 2.73',
      '市领导评价 1 96 3 2.88',
      '市主要领导评价 1 100 2 2',
      '市分管(联系)领导评价 2 88.5 2 1.77',
      '市委市政府督专员评价 3 98 2 1.96',
    ].sort());
    expect(s.units.find((u) => u.unitCode === 'U2')!.score).toBe('22');
    expect([await count('survey_responses'), await count('facts')]).toEqual([24, 16]);

    const recompute = await kpb.request('POST', `/api/assessments/${a}/recompute`);
    expect(recompute.statusCode, recompute.body).toBe(200);
    const results = (await kpb.request('GET', `/api/assessments/${a}/results`)).json() as { unitCode: string; total: string }[];
    expect(results.map((r) => `${r.unitCode} ${r.total}`).sort()).toEqual(['U1 20.565', 'U2 22']);
    const card = (await kpb.request('GET', `/api/assessments/${a}/results/${h.ids.units.U1}`)).json() as { ledger: { lines: unknown[] } };
    const text = JSON.stringify(card.ledger);
    expect(text).toContain('部门相互测评 满意度 82.5% × 权重 3 分 = 2.475 分');
    expect(text).toContain('人民群众代表(含两代表一委员) 满意度 95% × 权重 5 分 = 4.75 分');

    const again = (await kpb.request('GET', `/api/assessments/${a}/surveys/S1`)).json() as { units: { unitCode: string; score: string }[] };
    expect(again.units.map((u) => `${u.unitCode} ${u.score}`)).toEqual(['U1 20.565', 'U2 22']);
  });

  it('refuses a clause that is not a survey', async () => {
    const m = multipart({}, { name: 'x.xlsx', content: await workbook(goodRows()) });
    const res = await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/surveys/C1/responses`, m.payload, m.headers);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toBe('条款“C1”不是满意度测评条款（规则类型应为 survey）');
  });
});
