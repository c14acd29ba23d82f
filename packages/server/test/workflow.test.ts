import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorOf } from '../src/db/pg-error';
import { auditLog, schemes } from '../src/db/schema';
import { evaluationStats } from '../src/services/evaluator';
import { createHarness, type Harness, schemeFixture, type Session } from './harness';
import { publishThroughPublicity } from './publish-helper';
import { seedWork, uniq } from './world-data';

let h: Harness;
let kpb: Session;
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  kpb = await h.login('kpb');
});
afterAll(async () => {
  await h?.close();
});

type Json = Record<string, unknown>;

describe('scheme versions', () => {
  it('refuses to change a published version, in the API and in the database', async () => {
    const res = await kpb.request('PUT', `/api/schemes/${h.ids.schemeId}`, { document: schemeFixture });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { code: string } }).error.code).toBe('scheme-published');
    const error = await h.ctx.db
      .update(schemes)
      .set({ document: {} })
      .where(eq(schemes.id, h.ids.schemeId))
      .then(() => null, (e: unknown) => e);
    expect(pgErrorOf(error)?.message).toMatch(/published and immutable/);
  });

  it('creates a new version with a clause diff, editable until published', async () => {
    const changed = structuredClone(schemeFixture) as Json & { indicators: { clauses: Json[] }[] };
    changed.indicators[0]!.clauses[0]!.text = '每被通报批评一次扣1分，扣完为止';
    (changed.indicators[0]!.clauses[0]!.rule as Json).amount = '1';
    changed.indicators[0]!.clauses.push({ code: 'C3', text: '新增条款', rule: { kind: 'discretionary', effect: 'deduction', min: '0', max: '1' }, leadAssessors: ['LA1'] });
    const created = await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/schemes`, { document: changed });
    expect(created.statusCode).toBe(200);
    const body = created.json() as { id: string; version: number; diff: { added: string[]; changed: string[]; removed: string[] } };
    expect(body.version).toBe(2);
    expect(body.diff).toMatchObject({ added: ['clause:C3'], changed: ['clause:C1'], removed: [] });
    expect((await kpb.request('PUT', `/api/schemes/${body.id}`, { document: changed })).statusCode).toBe(200);
    expect((await kpb.request('POST', `/api/schemes/${body.id}/publish`)).statusCode).toBe(200);
    expect((await kpb.request('PUT', `/api/schemes/${body.id}`, { document: changed })).statusCode).toBe(409);
  });

  it('reports contract errors with their path', async () => {
    const broken = structuredClone(schemeFixture) as Json & { indicators: { clauses: Json[] }[] };
    (broken.indicators[0]!.clauses[0]!.rule as Json).kind = 'no-such-rule';
    const res = await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/schemes`, { document: broken });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/document\.indicators\.0\.clauses\.0\.rule/);
  });
});

describe('results', () => {
  it('recomputes through the core engine with facts and judgements, in exact decimals', async () => {
    const recompute = await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/recompute`);
    expect(recompute.statusCode).toBe(200);
    const rows = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/results`)).json() as { unitCode: string; total: string; rank: number }[];
    // version 2: C1 deducts 1 per 通报 (U1 once, U2 twice); C2 judged 0.5 for each unit
    const byCode = Object.fromEntries(rows.map((r) => [r.unitCode, r]));
    expect(byCode.U1!.total).toBe('8.5'); // 10 − 1×1 − 0.5
    expect(byCode.U2!.total).toBe('7.5'); // 10 − 2×1 − 0.5
    expect(byCode.U1!.rank).toBe(1);
    const detail = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/results/${h.ids.units.U1}`)).json() as { ledger: { lines: string[] } };
    expect(detail.ledger.lines.length).toBeGreaterThan(0);
  });

  it('publishes a snapshot that later recomputes do not change', async () => {
    const published = await publishThroughPublicity(h, kpb, h.ids.assessmentId);
    kpb = await h.login('kpb');
    expect(published.statusCode).toBe(200);
    await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/facts/import`, { clientKey: uniq('import'), facts: [{ id: 'late', unit: 'U1', ref: 'C1', type: 'occurrence', count: 3 }] });
    await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/recompute`);
    const pub = (await h.app.inject({ method: 'GET', url: `/api/public/assessments/${h.ids.assessmentId}/results` })).json() as { results: { unitCode: string; total: string }[] };
    expect(pub.results.find((r) => r.unitCode === 'U1')!.total).toBe('8.5');
    const error = await h.ctx.db.execute(sql`UPDATE published_results SET total = 100`).then(() => null, (e: unknown) => e);
    expect(pgErrorOf(error)?.message).toMatch(/append-only/);
  });
});

describe('incremental recompute', () => {
  it('re-scores only the unit whose facts changed and gives the same totals as a full evaluation', async () => {
    const before = { ...evaluationStats };
    await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/facts/import`, { clientKey: uniq('import'), facts: [{ id: 'u2-extra', unit: 'U2', ref: 'C1', type: 'occurrence', count: 1 }] });
    expect((await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/recompute`)).statusCode).toBe(200);
    expect(evaluationStats.incremental).toBe(before.incremental + 1);
    expect(evaluationStats.unitsRescored).toBe(before.unitsRescored + 1);
    expect(evaluationStats.full).toBe(before.full);
    const rows = (await kpb.request('GET', `/api/assessments/${h.ids.assessmentId}/results`)).json() as { unitCode: string; total: string; rank: number }[];
    const byCode = Object.fromEntries(rows.map((r) => [r.unitCode, r]));
    // U1 (unchanged since the last recompute): 10 − (1 + 3 late) × 1 − 0.5 = 5.5
    expect(byCode.U1!.total).toBe('5.5');
    // U2: 10 − (2 + 1) × 1 − 0.5 = 6.5, now ahead of U1
    expect(byCode.U2!.total).toBe('6.5');
    expect(byCode.U2!.rank).toBe(1);
    expect(byCode.U1!.rank).toBe(2);
  });
});

describe('audit administration', () => {
  it('searches, exports (itself audited) and verifies the chain', async () => {
    const auditor = await h.login('auditor');
    const search = await auditor.request('GET', '/api/audit?action=auth.login&limit=5');
    expect(search.statusCode).toBe(200);
    expect((search.json() as unknown[]).length).toBe(5);
    const exported = await auditor.request('GET', '/api/audit/export?limit=1000');
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    expect(exported.body.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    const [row] = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'audit.export'));
    expect(row).toMatchObject({ actorLogin: 'auditor', outcome: 'success' });
    const verify = await auditor.request('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
    // evidence downloads are on record too
    const downloads = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'evidence.upload'));
    expect(downloads.length).toBe(2);
  });

  it('keeps passwords out of the audit trail', async () => {
    const rows = await h.ctx.db.select().from(auditLog);
    expect(JSON.stringify(rows)).not.toContain('Kaohe#2026pass');
  });
});

describe('automatic recompute', () => {
  it('recomputes results shortly after facts change', async () => {
    const auto = await createHarness({ RECOMPUTE_DELAY_MS: '50' });
    try {
      await seedWork(auto); // ends with an explicit recompute: U1 = 10 − 0.5×1 − 0.5 = 9
      const s = await auto.login('kpb');
      const total = async () =>
        ((await s.request('GET', `/api/assessments/${auto.ids.assessmentId}/results`)).json() as { unitCode: string; total: string }[]).find((r) => r.unitCode === 'U1')!.total;
      expect(await total()).toBe('9');
      await s.request('POST', `/api/assessments/${auto.ids.assessmentId}/judgements`, { unitId: auto.ids.units.U1, clauseKey: 'C2', kind: 'deduction', points: '1', reason: '再次推进不力' });
      let now = await total();
      for (let i = 0; i < 100 && now === '9'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        now = await total();
      }
      expect(now).toBe('8'); // 9 − 1
    } finally {
      await auto.close();
    }
  });
});
