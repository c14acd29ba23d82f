import { join } from 'node:path';
import { importScheme } from '@kaohe/office/import';
import { toStr, type Scheme } from '@kaohe/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeBurden } from '../src/services/burden/burden-meter';
import { twoClausesOneMetric } from '../../core/test/scoring/data-item-scheme';
import { createHarness, type Harness, type Session } from './harness';
import { multipart } from './multipart';

const seeds = join(import.meta.dirname, '..', '..', 'office', 'test', 'fixtures', 'seeds');

describe('schemeBurden on the seeds', () => {
  // 001 (佳县 2020): 87 units, each with its own block of indicators, scored by target + points (no
  // clause sentences); the document states no reporting cadence and names no evidence file per item,
  // so every item is one annual field and no mandatory evidence is counted.
  it('counts seed 001 per unit from its indicator blocks', async () => {
    const { scheme } = await importScheme(join(seeds, '001_c9fa6fd301574412.txt'));
    const b = schemeBurden(scheme);
    const of = (name: string) => b.units.find((u) => u.unitName === name)!;
    // 螅镇: 8 党建 items 2.1.1–2.1.8 (落实全面从严治党主体责任 … 党管武装) + 20 工作 items 3.1.1–3.5.8 (农业农村工作 … 自然资源和规划工作)
    expect([of('螅镇').fields, of('螅镇').scoreFields]).toEqual([28, 28]);
    // 县委办公室: 6 党建 items 4.1.1–4.1.6 + 10 职能 items 4.2.2.1.1–4.2.2.1.10 + 2 more (4.2.2.2.1, 4.2.2.3.1)
    expect(of('县委办公室').fields).toBe(18);
    // the 16 驻县单位 (县税务局 … 县烟草公司) are scored as one item each
    expect(b.units.filter((u) => u.fields === 1).map((u) => u.unitName)).toEqual(['县税务局', '县环保局', '县气象局', '县公路段', '县养老经办中心', '县住房公积金管理中心', '县供电公司', '县邮储银行', '县农商银行', '县农行', '县移动公司', '县联通公司', '县电信公司', '县邮政公司', '县广电网络公司', '县烟草公司']);
    expect(b.totals).toEqual({ units: 87, fields: 1415, reportRoundsPerYear: 87, fieldEntriesPerYear: 1415, evidenceFilesPerYear: 0, savedBySharing: 0, sharedDataItems: 0, maxFields: 45 });
    expect(of('螅镇').periods).toEqual([{ cadence: 'yearly', cadenceName: '每年', periodsPerYear: 1, fields: 28, evidenceFiles: 0 }]);
  });

  // 000 (市文化广电旅游局 2020 清单任务分解): one department's own task list, no unit list; measured per scheme.
  it('counts seed 000 per scheme', async () => {
    const { scheme } = await importScheme(join(seeds, '000_a59af3f7f36b9ebf.txt'));
    const b = schemeBurden(scheme);
    expect(b.units).toEqual([]);
    expect(seedCounts(scheme)).toEqual(SEED_000);
    expect([b.scheme.fields, b.scheme.scoreFields, b.scheme.clausesServed, b.scheme.reportRoundsPerYear, b.scheme.evidenceFilesPerYear]).toEqual(SEED_000_BURDEN);
  });
});

/** What the document holds, counted from the imported tree: clauses, and leaf items with points and no clause. */
function seedCounts(scheme: Scheme): { clauses: number; leafItems: number } {
  let clauses = 0;
  let leafItems = 0;
  const walk = (list: Scheme['indicators']): void => {
    for (const n of list) {
      clauses += n.clauses?.length ?? 0;
      if (!n.children?.length && !n.clauses?.length && n.points !== undefined) leafItems++;
      walk(n.children ?? []);
    }
  };
  walk(scheme.indicators);
  return { clauses, leafItems };
}
// 258 clause sentences (107 condition, 71 per-occurrence, 23 completion, 22 proportional, 13 threshold,
// 12 manual, 7 shortfall, 2 discretionary, 1 bottom-k); every indicator is scored through its clauses.
const SEED_000 = { clauses: 258, leafItems: 0 };
// fields: 258 − 2 clauses that read another assessment's score, which the unit does not report
// (2.17.1.4 at 000:1087 and 2.17.1.5 at 000:1094, 党委信息/政务信息 考核得分) = 256, of which 12 manual
// clauses are filled as a score; one annual round (no cadence stated), no evidence file named per item.
const SEED_000_BURDEN = [256, 12, 256, 1, 0];

let h: Harness;
let kpb: Session;
let a = '';

beforeAll(async () => {
  h = await createHarness();
  kpb = await h.login('kpb');
  const created = (await kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2026, name: '最多报一次' })).json() as { id: string };
  a = created.id;
  const doc = JSON.parse(JSON.stringify(twoClausesOneMetric(), (k, v) => (typeof v === 'number' && ['points', 'target', 'threshold', 'initial'].includes(k) ? toStr(v as never) : v))) as unknown;
  const scheme = await kpb.request('POST', `/api/assessments/${a}/schemes`, { document: doc });
  expect(scheme.statusCode, scheme.body).toBe(200);
  expect((await kpb.request('POST', `/api/schemes/${(scheme.json() as { id: string }).id}/publish`)).statusCode).toBe(200);
});
afterAll(async () => h?.close());

describe('最多报一次 through the server', () => {
  it('shows the unit one input for two clauses on one metric, in the meter and in its facts sheet', async () => {
    const meter = await kpb.request('GET', `/api/assessments/${a}/burden`);
    expect(meter.statusCode, meter.body).toBe(200);
    const m = meter.json() as { units: { unitCode: string; fields: number; clausesServed: number; savedBySharing: number }[]; totals: { sharedDataItems: number; savedBySharing: number } };
    expect(m.units.map((u) => [u.unitCode, u.fields, u.clausesServed, u.savedBySharing])).toEqual([
      ['U1', 1, 2, 1],
      ['U2', 1, 2, 1],
    ]);
    expect(m.totals).toMatchObject({ sharedDataItems: 1, savedBySharing: 2 });

    const sheet = await kpb.request('GET', `/api/assessments/${a}/facts-template.xlsx?unitId=${h.ids.units.U1}`);
    expect(sheet.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('事实填报')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('jobs');
    expect(String(ws.getRow(2).getCell(2).value)).toContain('条款 C1、C2 共用，只填一次');

    // the unit fills the one row; both clauses read it
    ws.getRow(2).getCell(6).value = '900';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const m2 = multipart({ clientKey: 'burden-sheet-1', unitId: h.ids.units.U1 }, { name: '甲镇.xlsx', content: filled });
    const up = await kpb.request('POST', `/api/assessments/${a}/facts-upload`, m2.payload, m2.headers);
    expect(up.statusCode, up.body).toBe(200);
    expect((await kpb.request('POST', `/api/assessments/${a}/recompute`)).statusCode).toBe(200);
    const rows = (await kpb.request('GET', `/api/assessments/${a}/results`)).json() as { unitCode: string; total: string; warnings: number }[];
    // U1: 5 × 900/1000 = 4.5 + 2 (900 ≥ 800) = 6.5, no unread-fact warning; U2 reported nothing: C1 pending (0) + I2 pending
    expect(rows.find((r) => r.unitCode === 'U1')).toMatchObject({ total: '6.5', warnings: 0 });
  });

  it('exports the meter as .xlsx', async () => {
    const res = await kpb.request('GET', `/api/assessments/${a}/burden.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报负担')!;
    expect(ws.getRow(2).values).toEqual([undefined, '单位编码', '单位', '数据项', '其中分值项', '供给条款', '最多报一次省去', '每年报送轮次', '每年填报项次', '每年佐证材料']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['U1', '甲镇', 1, 0, 2, 1, 1, 1, 0]);
    expect(wb.getWorksheet('按报送周期')!.getRow(2).getCell(3).value).toBe('每年');
  });

  it('is for the 考评办 only', async () => {
    const rep = await h.login('rep1');
    expect((await rep.request('GET', `/api/assessments/${a}/burden`)).statusCode).toBe(403);
  });
});
