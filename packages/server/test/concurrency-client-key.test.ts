import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit';
import { queryRows } from '../src/db/database';
import { auditLog, clientKeys, facts, judgements, reports } from '../src/db/schema';
import { createHarness, type Harness, type Session } from './harness';
import { multipart, pdfBytes } from './multipart';
import { uniq } from './world-data';

/**
 * clientKey claimed inside the write's transaction (services/client-key.ts): the same key sent
 * several times at once gives one row, one audit record and the same reply every time; another
 * body with the key is 409 naming it. On PostgreSQL (DATABASE_URL) the requests run on separate
 * pool connections and really race; on PGlite they interleave on its one connection.
 */
let h: Harness;
let rep1: Session;
let kpb: Session;
beforeAll(async () => {
  h = await createHarness();
  rep1 = await h.login('rep1');
  kpb = await h.login('kpb');
});
afterAll(async () => {
  await h?.close();
});

const withoutFlag = (body: string) => body.replace('"replayed":true', '"replayed":false');
const auditCount = async (action: string, objectId?: string) =>
  (await h.ctx.db.select({ seq: auditLog.seq }).from(auditLog).where(and(eq(auditLog.action, action), objectId ? eq(auditLog.objectId, objectId) : undefined))).length;

describe('a clientKey sent several times at once', () => {
  it('creates one report and answers every request with the first reply, byte for byte but the replayed flag', async () => {
    const a = h.ids.assessmentId;
    const clientKey = uniq('race-report');
    const body = { clientKey, unitId: h.ids.units.U1, clauseKey: 'C1', narrative: '同时重发', facts: [{ id: 'race-c1-u1', type: 'occurrence', count: 1 }], submit: true };
    const replies = await Promise.all(Array.from({ length: 6 }, () => rep1.request('POST', `/api/assessments/${a}/reports`, body)));
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const firsts = replies.filter((r) => (r.json() as { replayed: boolean }).replayed === false);
    expect(firsts).toHaveLength(1);
    for (const r of replies) expect(withoutFlag(r.body)).toBe(firsts[0]!.body);
    const id = (firsts[0]!.json() as { id: string }).id;
    expect(await h.ctx.db.select({ id: reports.id }).from(reports).where(and(eq(reports.assessmentId, a), eq(reports.clientKey, clientKey)))).toHaveLength(1);
    expect(await h.ctx.db.select({ id: facts.id }).from(facts).where(and(eq(facts.assessmentId, a), eq(facts.factKey, 'race-c1-u1')))).toHaveLength(1);
    expect(await auditCount('report.submit', id)).toBe(1);
    const keyRows = await h.ctx.db.select().from(clientKeys).where(and(eq(clientKeys.scope, `report:${a}`), eq(clientKeys.key, clientKey)));
    expect(keyRows).toHaveLength(1);
    expect(keyRows[0]!.response).toBe(firsts[0]!.body);
  });

  it('replays later too, after the report changed, with the reply of the time', async () => {
    const a = h.ids.assessmentId;
    const clientKey = uniq('later');
    const body = { clientKey, unitId: h.ids.units.U1, clauseKey: 'C1', facts: [], submit: false };
    const first = await rep1.request('POST', `/api/assessments/${a}/reports`, body);
    const id = (first.json() as { id: string }).id;
    expect((await rep1.request('POST', `/api/reports/${id}/submit`, {})).statusCode).toBe(200);
    const again = await rep1.request('POST', `/api/assessments/${a}/reports`, body);
    expect(again.statusCode).toBe(200);
    expect(withoutFlag(again.body)).toBe(first.body);
    expect((again.json() as { state: string; replayed: boolean })).toMatchObject({ state: 'draft', replayed: true });
  });

  it('refuses the key for another body or another user with 409 naming the key, writing nothing', async () => {
    const a = h.ids.assessmentId;
    const clientKey = uniq('other-body');
    const body = { clientKey, unitId: h.ids.units.U1, clauseKey: 'C1', narrative: '第一次', facts: [], submit: false };
    const replies = await Promise.all([rep1.request('POST', `/api/assessments/${a}/reports`, body), rep1.request('POST', `/api/assessments/${a}/reports`, { ...body, narrative: '第二次' })]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = replies.find((r) => r.statusCode === 409)!;
    expect((refused.json() as { error: { message: string } }).error.message).toContain(`clientKey“${clientKey}”已用于另一份报送`);
    const byKpb = await kpb.request('POST', `/api/assessments/${a}/reports`, body);
    expect(byKpb.statusCode).toBe(409);
    expect(await h.ctx.db.select({ id: reports.id }).from(reports).where(and(eq(reports.assessmentId, a), eq(reports.clientKey, clientKey)))).toHaveLength(1);
  });

  it('imports facts once for simultaneous replays of one import', async () => {
    const a = h.ids.assessmentId;
    const clientKey = uniq('race-import');
    const body = { clientKey, facts: [{ id: 'race-imp-u2', unit: 'U2', ref: 'C1', type: 'occurrence', count: 3 }] };
    const before = await auditCount('fact.import');
    const replies = await Promise.all(Array.from({ length: 4 }, () => kpb.request('POST', `/api/assessments/${a}/facts/import`, body)));
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const first = replies.find((r) => (r.json() as { replayed: boolean }).replayed === false)!;
    for (const r of replies) expect(withoutFlag(r.body)).toBe(first.body);
    expect(first.json()).toMatchObject({ count: 1, created: 1, replayed: false });
    expect(await auditCount('fact.import')).toBe(before + 1);
    const changed = await kpb.request('POST', `/api/assessments/${a}/facts/import`, { ...body, facts: [{ ...body.facts[0], count: 4 }] });
    expect(changed.statusCode).toBe(409);
    expect((changed.json() as { error: { message: string } }).error.message).toContain(clientKey);
  });

  it('keeps one judgement for simultaneous replays of one key', async () => {
    const a = h.ids.assessmentId;
    const clientKey = uniq('race-judgement');
    const body = { clientKey, unitId: h.ids.units.U2, clauseKey: 'C2', kind: 'deduction', points: '1', reason: '推进不力' };
    const replies = await Promise.all(Array.from({ length: 4 }, () => kpb.request('POST', `/api/assessments/${a}/judgements`, body)));
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const first = replies.find((r) => (r.json() as { replayed: boolean }).replayed === false)!;
    for (const r of replies) expect(withoutFlag(r.body)).toBe(first.body);
    expect(await h.ctx.db.select({ id: judgements.id }).from(judgements).where(and(eq(judgements.assessmentId, a), eq(judgements.clientKey, clientKey)))).toHaveLength(1);
    expect(await auditCount('judgement.deduction', (first.json() as { id: string }).id)).toBe(1);
  });

  it('stores one evidence file for simultaneous uploads with one key and removes the copies', async () => {
    const a = h.ids.assessmentId;
    const clientKey = uniq('race-evidence');
    const upload = () => {
      const m = multipart({ clientKey, unitId: h.ids.units.U1, clauseKey: 'C1' }, { name: '同一份.pdf', content: pdfBytes });
      return rep1.request('POST', `/api/assessments/${a}/evidence`, m.payload, m.headers);
    };
    const replies = await Promise.all([upload(), upload(), upload()]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const first = replies.find((r) => r.statusCode === 201)!;
    for (const r of replies) expect(withoutFlag(r.body)).toBe(first.body);
    const rows = await queryRows<{ n: number }>(h.ctx.db, sql`SELECT count(*)::int AS n FROM evidence WHERE assessment_id = ${a} AND client_key = ${clientKey}`);
    expect(Number(rows[0]!.n)).toBe(1);
    const { readdirSync } = await import('node:fs');
    const stored = readdirSync(h.config.evidence.dir);
    const [row] = await queryRows<{ stored_name: string }>(h.ctx.db, sql`SELECT stored_name FROM evidence WHERE client_key = ${clientKey}`);
    expect(stored.filter((f) => f === row!.stored_name)).toHaveLength(1);
    // the two replays' copies were removed: every file on disk belongs to an evidence row
    const names = new Set((await queryRows<{ stored_name: string }>(h.ctx.db, sql`SELECT stored_name FROM evidence`)).map((r) => r.stored_name));
    expect(stored.filter((f) => !names.has(f))).toEqual([]);
  });

  it('leaves the audit chain intact', async () => {
    const report = await verifyAuditChain(h.ctx.db, h.ctx.audit.auditKey);
    expect(report.ok).toBe(true);
  });
});
