import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from './harness';
import { seedWork, uniq } from './world-data';

type Row = { unitCode: string; unitName: string; total: string; rank: number | null; gradeName: string | null; group: string | null };
type Period = { id: string; status: string; statusName: string; results: Row[]; openObjections: number; endsAt: string };
type Publication = { id: string; sequence: number; digest: string; digestAlgorithm: string; diff: unknown[]; appealsUntil: string };

let h: Harness;
let kpb: Session;
let rep1: Session;
let a = '';
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h); // U1 = 10 − 1 − 0.5 = 8.5 … recomputed below
  kpb = await h.login('kpb');
  rep1 = await h.login('rep1');
  a = h.ids.assessmentId;
  expect((await kpb.request('POST', `/api/assessments/${a}/recompute`)).statusCode).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

const error = (res: { json: () => unknown }) => (res.json() as { error: { message: string } }).error.message;
const day = 24 * 60 * 60 * 1000;

describe('公示 → 发布', () => {
  let period: Period;
  let first: Publication;
  it('opens a 公示 whose preview each unit sees for itself only', async () => {
    const res = await kpb.request('POST', `/api/assessments/${a}/publicity`, { days: 5, note: '2026 年度考核结果公示' });
    expect(res.statusCode, res.body).toBe(200);
    period = res.json() as Period;
    expect(period).toMatchObject({ status: 'open', statusName: '公示中', openObjections: 0 });
    expect(period.results.map((r) => r.unitCode).sort()).toEqual(['U1', 'U2']);
    const mine = ((await rep1.request('GET', `/api/assessments/${a}/publicity`)).json() as Period[])[0]!;
    expect(mine.results.map((r) => `${r.unitName} ${r.total}`)).toEqual(['甲镇 9']);
    expect((await kpb.request('POST', `/api/assessments/${a}/publicity`, { days: 5 })).statusCode).toBe(409);
  });

  it('takes an objection from a unit about its own result only, and publishes only after the period and every answer', async () => {
    const other = await rep1.request('POST', `/api/publicity/${period.id}/objections`, { unitId: h.ids.units.U2, text: '乙镇得分偏高' });
    expect(other.statusCode).toBe(403);
    const o = await rep1.request('POST', `/api/publicity/${period.id}/objections`, { unitId: h.ids.units.U1, ref: 'C1', text: '第 1 季度的通报已整改' });
    expect(o.statusCode, o.body).toBe(200);
    const objection = o.json() as { id: string; version: number; statusName: string };
    expect(objection.statusName).toBe('待答复');
    const early = await kpb.request('POST', `/api/assessments/${a}/publications`, { periodId: period.id });
    expect(early.statusCode).toBe(409);
    expect(error(early)).toMatch(/^公示期至 .* 结束，期满后才能发布$/);
    h.clock.advance(6 * day);
    kpb = await h.login('kpb');
    rep1 = await h.login('rep1');
    const pending = await kpb.request('POST', `/api/assessments/${a}/publications`, { periodId: period.id });
    expect(error(pending)).toBe('公示期间有 1 条异议尚未答复，答复后才能发布');
    const late = await rep1.request('POST', `/api/publicity/${period.id}/objections`, { unitId: h.ids.units.U1, text: '再提一条' });
    expect(error(late)).toMatch(/^公示期已结束/);
    const stale = await kpb.request('POST', `/api/objections/${objection.id}/answer`, { answer: '通报在考核期内，扣分无误', version: 7 });
    expect(stale.statusCode).toBe(409);
    expect((await kpb.request('POST', `/api/objections/${objection.id}/answer`, { answer: '通报在考核期内，扣分无误', version: 1 })).statusCode).toBe(200);
    const res = await kpb.request('POST', `/api/assessments/${a}/publications`, { periodId: period.id, appealDays: 7 });
    expect(res.statusCode, res.body).toBe(200);
    first = res.json() as Publication;
    expect(first).toMatchObject({ sequence: 1, digestAlgorithm: 'SHA-256', diff: [] });
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(first.appealsUntil).getTime() - h.clock.now().getTime()).toBe(7 * day);
  });

  it('verifies the snapshot; recomputing after new facts never changes it', async () => {
    expect((await kpb.request('GET', `/api/publications/${first.id}/verify`)).json()).toMatchObject({ ok: true, problems: [] });
    await kpb.request('POST', `/api/assessments/${a}/facts/import`, { clientKey: uniq('import'), facts: [{ id: 'late-u1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 2 }] });
    expect((await kpb.request('POST', `/api/assessments/${a}/recompute`)).statusCode).toBe(200);
    const current = (await kpb.request('GET', `/api/assessments/${a}/results`)).json() as { unitCode: string; total: string }[];
    // C1 deducts 0.5 per 通报: 10 − (1 + 2) × 0.5 − 0.5 = 8
    expect(current.find((r) => r.unitCode === 'U1')!.total).toBe('8');
    const published = (await kpb.request('GET', `/api/publications/${first.id}/results`)).json() as { results: Row[] };
    expect(published.results.find((r) => r.unitCode === 'U1')!.total).toBe('9');
    expect((await kpb.request('GET', `/api/publications/${first.id}/verify`)).json()).toMatchObject({ ok: true });
  });

  it('refuses a 公示 of results that are stale against the facts', async () => {
    await kpb.request('POST', `/api/assessments/${a}/facts/import`, { clientKey: uniq('import'), facts: [{ id: 'late-u2', unit: 'U2', ref: 'C1', type: 'occurrence', count: 1 }] });
    const res = await kpb.request('POST', `/api/assessments/${a}/publicity`, { days: 1 });
    expect(res.statusCode).toBe(409);
    expect(error(res)).toBe('事实或评判在上次计算后有变化，请先重新计算');
  });

  it('detects a direct SQL edit of the published rows or of the snapshot itself', async () => {
    // the append-only trigger refuses the edit; only the tables' owner can switch it off first
    await h.ctx.db.execute(sql`ALTER TABLE published_results DISABLE TRIGGER USER`);
    await h.ctx.db.execute(sql`UPDATE published_results SET total = '9.5' WHERE unit_id = ${h.ids.units.U1}`);
    await h.ctx.db.execute(sql`ALTER TABLE published_results ENABLE TRIGGER USER`);
    const edited = (await kpb.request('GET', `/api/publications/${first.id}/verify`)).json() as { ok: boolean; problems: string[] };
    expect(edited.ok).toBe(false);
    expect(edited.problems).toEqual(['“甲镇”的公布结果与快照不符（快照总分 9，公布 9.5）']);

    await h.ctx.db.execute(sql`ALTER TABLE publication_snapshots DISABLE TRIGGER USER`);
    await h.ctx.db.execute(sql`UPDATE publication_snapshots SET content = jsonb_set(content, '{results,0,total}', '"9.5"')`);
    await h.ctx.db.execute(sql`ALTER TABLE publication_snapshots ENABLE TRIGGER USER`);
    const both = (await kpb.request('GET', `/api/publications/${first.id}/verify`)).json() as { ok: boolean; problems: string[]; digest: string; recomputedDigest: string };
    expect(both.ok).toBe(false);
    expect(both.problems[0]).toBe('快照内容与其摘要不符：快照在发布后被修改');
    expect(both.recomputedDigest).not.toBe(both.digest);
  });
});
