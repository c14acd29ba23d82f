import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from './harness';
import { publishThroughPublicity } from './publish-helper';
import { seedWork, uniq } from './world-data';

type Ledger = { lines: { index: number; ref: string; text: string; amount: string }[]; unit: { total: string } };
type Appeal = { id: string; status: string; statusName: string; version: number; line: { text: string; amount: string } };
type Publication = { id: string; sequence: number; diff: { unitName: string; before: { total: string; rank: number | null }; after: { total: string; rank: number | null }; lines: string[] }[]; reason: string };

let h: Harness;
let a = '';
let first: Publication;
const day = 24 * 60 * 60 * 1000;
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  a = h.ids.assessmentId;
  const kpb = await h.login('kpb');
  await kpb.request('POST', `/api/assessments/${a}/recompute`);
  const res = await publishThroughPublicity(h, kpb, a);
  expect(res.statusCode, res.body).toBe(200);
  first = res.json() as Publication;
});
afterAll(async () => {
  await h?.close();
});
const error = (res: { json: () => unknown }) => (res.json() as { error: { message: string } }).error.message;

describe('申诉 → 复核 → 决定', () => {
  let appeal: Appeal;
  let lineIndex = -1;
  it('lets a unit appeal a line of its own published ledger, within the window', async () => {
    const rep1 = await h.login('rep1');
    const ledger = (await rep1.request('GET', `/api/publications/${first.id}/units/${h.ids.units.U1}`)).json() as Ledger;
    const line = ledger.lines.find((l) => l.ref === 'C1' && l.amount.startsWith('-'))!;
    expect(line.text).toBe('1 起 × 0.5 分 = 0.5 分');
    lineIndex = line.index;
    expect((await rep1.request('GET', `/api/publications/${first.id}/units/${h.ids.units.U2}`)).statusCode).toBe(404);
    const wrongRef = await rep1.request('POST', `/api/assessments/${a}/appeals`, { clientKey: uniq('appeal'), unitId: h.ids.units.U1, ref: 'C2', lineIndex, reason: '扣分有误' });
    expect(error(wrongRef)).toBe(`ref: 台账第 ${lineIndex + 1} 行属于“C1”，不是“C2”`);
    const other = await rep1.request('POST', `/api/assessments/${a}/appeals`, { clientKey: uniq('appeal'), unitId: h.ids.units.U2, ref: 'C1', lineIndex, reason: '替乙镇申诉' });
    expect(other.statusCode).toBe(403);
    const res = await rep1.request('POST', `/api/assessments/${a}/appeals`, { clientKey: uniq('appeal'), unitId: h.ids.units.U1, ref: 'C1', lineIndex, reason: '该次通报针对的是县直单位，不是甲镇' });
    expect(res.statusCode, res.body).toBe(200);
    appeal = res.json() as Appeal;
    expect(appeal).toMatchObject({ status: 'submitted', statusName: '待牵头部门复核', line: { amount: line.amount } });
  });

  it('takes the lead assessor’s opinion, then the 考评办’s decision; a stale version is refused', async () => {
    const kpb = await h.login('kpb');
    const early = await kpb.request('POST', `/api/appeals/${appeal.id}/decision`, { decision: 'upheld', reason: '成立', version: appeal.version });
    expect(error(early)).toBe('须先由考核牵头部门提出复核意见');
    const lead = await h.login('lead1');
    expect(((await lead.request('GET', `/api/assessments/${a}/appeals`)).json() as unknown[]).length).toBe(1);
    const stale = await lead.request('POST', `/api/appeals/${appeal.id}/lead-opinion`, { opinion: 'uphold', reason: '核实无误', version: appeal.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(error(stale)).toMatch(/^该申诉已被修改（当前版本 1，/);
    const opinion = await lead.request('POST', `/api/appeals/${appeal.id}/lead-opinion`, { opinion: 'uphold', reason: '经核实，该通报对象为县直单位，甲镇不应扣分', version: appeal.version });
    expect(opinion.statusCode, opinion.body).toBe(200);
    appeal = opinion.json() as Appeal;
    expect(appeal.statusName).toBe('待考评办决定');
    // upheld with nothing corrected yet: refused, the publication stands
    const nothing = await kpb.request('POST', `/api/appeals/${appeal.id}/decision`, { decision: 'upheld', reason: '申诉成立', version: appeal.version });
    expect(error(nothing)).toMatch(/^申诉成立须先更正事实或评判并重新计算：结果与第 1 版发布相同/);
  });

  it('publishes the correction as a new version with a visible diff; both versions verify', async () => {
    const kpb = await h.login('kpb');
    const facts = (await kpb.request('GET', `/api/assessments/${a}/facts?unitId=${h.ids.units.U1}&clauseKey=C1`)).json() as { id: string; factKey: string; version: number }[];
    const fact = facts.find((f) => f.factKey === 'f-u1-c1')!;
    const withdrawn = await kpb.request('POST', `/api/facts/${fact.id}/withdraw`, { reason: '申诉成立：该通报对象为县直单位', version: fact.version });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await kpb.request('POST', `/api/assessments/${a}/recompute`)).statusCode).toBe(200);
    const res = await kpb.request('POST', `/api/appeals/${appeal.id}/decision`, { decision: 'upheld', reason: '申诉成立，撤销该项扣分', version: appeal.version });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { appeal: Appeal; publication: Publication };
    expect(body.appeal.statusName).toBe('申诉成立');
    expect(body.publication.sequence).toBe(2);
    expect(body.publication.reason).toBe('甲镇申诉成立（C1）：申诉成立，撤销该项扣分');
    // U1: 10 − 1 × 0.5 − 0.5 = 9 before; the 通报 withdrawn: 10 − 0.5 = 9.5 after
    expect(body.publication.diff).toEqual([
      expect.objectContaining({ unitName: '甲镇', before: expect.objectContaining({ total: '9' }), after: expect.objectContaining({ total: '9.5' }), lines: expect.arrayContaining(['删去：C1：1 起 × 0.5 分 = 0.5 分（-0.5）']) }),
    ]);
    for (const p of [first.id, body.publication.id]) expect((await kpb.request('GET', `/api/publications/${p}/verify`)).json()).toMatchObject({ ok: true });
    const pub = (await h.app.inject({ method: 'GET', url: `/api/public/assessments/${a}/results` })).json() as { sequence: number; results: { unitCode: string; total: string }[] };
    expect(pub.sequence).toBe(2);
    expect(pub.results.find((r) => r.unitCode === 'U1')!.total).toBe('9.5');
    const again = await kpb.request('POST', `/api/appeals/${appeal.id}/decision`, { decision: 'rejected', reason: '重复', version: body.appeal.version });
    expect(error(again)).toBe('该申诉已决定（申诉成立）');
  });

  it('refuses an appeal after the window', async () => {
    h.clock.advance(11 * day);
    const rep1 = await h.login('rep1');
    const res = await rep1.request('POST', `/api/assessments/${a}/appeals`, { clientKey: uniq('appeal'), unitId: h.ids.units.U1, ref: 'C2', lineIndex: 0, reason: '过期申诉' });
    expect(res.statusCode).toBe(409);
    expect(error(res)).toMatch(/^申诉期已于 .* 结束$/);
  });
});
