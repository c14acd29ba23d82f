import { workApi } from '@kaohe/contract/api/work';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness';
import { uniq } from './world-data';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const url = (unitId: string) => `/api/assessments/${h.ids.assessmentId}/work-items?unitId=${unitId}`;

describe('GET /api/assessments/:id/work-items (what a unit must report)', () => {
  it('lists the clauses of the published scheme that read a fact, with the fact type and the suggested fact id', async () => {
    const rep1 = await h.login('rep1');
    const res = await rep1.request('GET', url(h.ids.units.U1));
    expect(res.statusCode, res.body).toBe(200);
    const body = workApi.workItems.response.parse(res.json());
    expect(body.unitCode).toBe('U1');
    expect(body.unitName).toBe('甲镇');
    // C1 per-occurrence reads occurrences; C2 discretionary reads judgement, occurrence and flag: the
    // unit reports what happened (occurrence, as in the facts sheet) and the lead assessor judges
    expect(body.items.map((i) => [i.ref, i.factType, i.factTypeName, i.points, i.factId])).toEqual([
      ['C1', 'occurrence', '发生次数', '10', 'U1:C1:occurrence'],
      ['C2', 'occurrence', '发生次数', '10', 'U1:C2:occurrence'],
    ]);
    expect(body.items.every((i) => i.report === null)).toBe(true);
  });

  it('carries the latest report of each clause, its state and the reason it was returned', async () => {
    const rep1 = await h.login('rep1');
    const created = await rep1.request('POST', `/api/assessments/${h.ids.assessmentId}/reports`, { clientKey: uniq('wi'), unitId: h.ids.units.U1, clauseKey: 'C1', narrative: '全年通报一次', facts: [{ id: 'U1:C1:occurrence', type: 'occurrence', count: 1 }] });
    expect(created.statusCode, created.body).toBe(200);
    const kpb = await h.login('kpb');
    const returned = await kpb.request('POST', `/api/reports/${created.json().id}/return`, { reason: '缺少通报文件' });
    expect(returned.statusCode, returned.body).toBe(200);
    const body = workApi.workItems.response.parse((await rep1.request('GET', url(h.ids.units.U1))).json());
    const c1 = body.items.find((i) => i.ref === 'C1')!;
    expect(c1.report).toMatchObject({ state: 'returned', stateReason: '缺少通报文件', narrative: '全年通报一次' });
    expect(body.items.find((i) => i.ref === 'C2')!.report).toBeNull();
  });

  it('cuts the list to the caller’s scope: a division user sees only its assigned clause', async () => {
    const div1 = await h.login('div1');
    const body = workApi.workItems.response.parse((await div1.request('GET', url(h.ids.units.U1))).json());
    expect(body.items.map((i) => i.ref)).toEqual(['C1']);
  });

  it('refuses another unit’s list (403) and an unknown unit (404), in Chinese', async () => {
    const rep1 = await h.login('rep1');
    const other = await rep1.request('GET', url(h.ids.units.U2));
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('无权操作该单位或条款的数据');
    const unknown = await rep1.request('GET', url('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('单位不存在');
  });
});
