import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, facts, reports } from '../src/db/schema';
import { createHarness, type Harness, type Session } from './harness';
import { multipart } from './multipart';
import { uniq } from './world-data';

/**
 * The unit side of the facts sheet: a unit reporter downloads its own sheet and uploads it as its
 * reports (submitted, for the lead assessor), never as the 考评办's official data; a division user
 * only its assigned clause; another unit's sheet or a row outside the uploader's scope is refused
 * (403, audited) and nothing is written.
 */
let h: Harness;
let rep1: Session;
let div1: Session;
const templateUrl = (unitId: string) => `/api/assessments/${h.ids.assessmentId}/report-template.xlsx?unitId=${unitId}`;
const uploadUrl = () => `/api/assessments/${h.ids.assessmentId}/report-upload`;

beforeAll(async () => {
  h = await createHarness();
  rep1 = await h.login('rep1');
  div1 = await h.login('div1');
});
afterAll(async () => {
  await h?.close();
});

async function sheetOf(session: Session, unitId: string) {
  const res = await session.request('GET', templateUrl(unitId));
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('事实填报')!;
  const refs: string[] = [];
  ws.eachRow((r, n) => {
    if (n > 1) refs.push(String(r.getCell(1).value));
  });
  return { wb, ws, refs, rowOf: (ref: string) => refs.indexOf(ref) + 2 };
}

const fill = (ws: ExcelJS.Worksheet, row: number, value: string, note = '') => {
  ws.getRow(row).getCell(6).value = value;
  ws.getRow(row).getCell(7).value = note;
};
const send = async (session: Session, wb: ExcelJS.Workbook, unitId: string, clientKey = uniq('sheet')) => {
  const body = multipart({ clientKey, unitId }, { name: '甲镇报送表.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
  return session.request('POST', uploadUrl(), body.payload, body.headers);
};
const u1Reports = () => h.ctx.db.select().from(reports).where(and(eq(reports.assessmentId, h.ids.assessmentId), eq(reports.unitId, h.ids.units.U1)));
const u1Facts = () => h.ctx.db.select().from(facts).where(and(eq(facts.assessmentId, h.ids.assessmentId), eq(facts.unitId, h.ids.units.U1)));
const denied = async () => (await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'access.denied'))).filter((r) => String(r.objectId).includes('/report-'));

describe('the unit reporter’s own facts sheet', () => {
  it('downloads only what the caller may report: the unit reporter both clauses, the division user its assigned C1', async () => {
    expect((await sheetOf(rep1, h.ids.units.U1)).refs).toEqual(['C1', 'C2']);
    expect((await sheetOf(div1, h.ids.units.U1)).refs).toEqual(['C1']);
  });

  it('refuses another unit’s sheet, download and upload, with 403 in Chinese, audited', async () => {
    const before = (await denied()).length;
    const other = await rep1.request('GET', templateUrl(h.ids.units.U2));
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('无权操作该单位或条款的数据');
    const { wb, ws, rowOf } = await sheetOf(rep1, h.ids.units.U1);
    fill(ws, rowOf('C1'), '1');
    const upload = await send(rep1, wb, h.ids.units.U2);
    expect(upload.statusCode).toBe(403);
    expect(await denied()).toHaveLength(before + 2);
    expect(await u1Reports()).toEqual([]);
  });

  it('refuses the whole file when one row is outside the uploader’s scope (the division user filling C2), naming the row; audited, nothing written', async () => {
    const { wb, ws, rowOf } = await sheetOf(rep1, h.ids.units.U1);
    fill(ws, rowOf('C1'), '1');
    fill(ws, rowOf('C2'), '2');
    const before = (await denied()).length;
    const res = await send(div1, wb, h.ids.units.U1);
    expect(res.statusCode).toBe(403);
    const error = res.json().error as { message: string; issues?: { path: string; message: string }[] };
    expect(error.message).toBe(`文件 甲镇报送表.xlsx 有 1 行无权报送，未导入任何数据：第 ${rowOf('C2')} 行「编码」列：无权报送“C2”（不在您负责的单位或条款范围内）`);
    const audit = await denied();
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)!.after).toMatchObject({ issues: [{ path: `第${rowOf('C2')}行.编码` }] });
    expect(await u1Reports()).toEqual([]);
    expect(await u1Facts()).toEqual([]);
  });

  it('a bad value refuses the whole file with row and column in Chinese, writing nothing', async () => {
    const { wb, ws, rowOf } = await sheetOf(rep1, h.ids.units.U1);
    fill(ws, rowOf('C1'), '1');
    fill(ws, rowOf('C2'), '两次');
    const res = await send(rep1, wb, h.ids.units.U1);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ path: `第${rowOf('C2')}行.数值`, message: `第 ${rowOf('C2')} 行「数值」列：“两次”不是正整数` }]);
    expect(await u1Reports()).toEqual([]);
    expect(await u1Facts()).toEqual([]);
  });

  it('becomes one submitted report per filled clause, its facts reported (not official); a replay writes nothing more; a second upload on the same clauses is refused', async () => {
    const { wb, ws, rowOf } = await sheetOf(rep1, h.ids.units.U1);
    fill(ws, rowOf('C1'), '2', '县委通报两次');
    fill(ws, rowOf('C2'), '1');
    const key = uniq('sheet');
    const res = await send(rep1, wb, h.ids.units.U1, key);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { rows: number; reports: { clauseKey: string; row: number; state: string; facts: number }[]; replayed: boolean };
    expect(body.rows).toBe(2);
    expect(body.replayed).toBe(false);
    expect(body.reports.map((r) => [r.clauseKey, r.row, r.state, r.facts])).toEqual([
      ['C1', rowOf('C1'), 'submitted', 1],
      ['C2', rowOf('C2'), 'submitted', 1],
    ]);
    const stored = await u1Facts();
    expect(stored.map((f) => [f.clauseKey, f.factKey, f.source, f.state]).sort()).toEqual([
      ['C1', 'U1:C1:occurrence', 'report', 'submitted'],
      ['C2', 'U1:C2:occurrence', 'report', 'submitted'],
    ]);
    // the reports are in the lead assessor's queue like any other
    const lead = await h.login('lead1');
    const queue = (await lead.request('GET', `/api/assessments/${h.ids.assessmentId}/verification-queue`)).json() as { items: { report: { clauseKey: string; unitId: string } }[] };
    expect(queue.items.filter((i) => i.report.unitId === h.ids.units.U1).map((i) => i.report.clauseKey).sort()).toEqual(expect.arrayContaining(['C1']));

    const replay = await send(rep1, wb, h.ids.units.U1, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().replayed).toBe(true);
    expect(await u1Reports()).toHaveLength(2);

    const again = await send(rep1, wb, h.ids.units.U1);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`第 ${rowOf('C1')} 行「编码」列：“C1”已有报送（已提交），请在该报送中修改`);
    expect(await u1Reports()).toHaveLength(2);
    const uploads = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'report.upload-sheet'));
    expect(uploads.map((u) => u.outcome)).toEqual(['success']);
  });
});
