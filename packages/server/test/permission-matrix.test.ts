import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, type Actor, type Role } from '../src/access/roles';
import { accounts, createHarness, type Harness, type Session } from './harness';
import { pdfBytes } from './multipart';
import { sampleRequest } from './samples';
import { publishThroughPublicity } from './publish-helper';
import { seedWork, uniq } from './world-data';

let h: Harness;
const sessions = new Map<string, Session>();
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  for (const login of Object.keys(accounts)) sessions.set(login, await h.login(login));
  const created = await sessions.get('sysadmin')!.request('POST', '/api/users', { login: 'matrix-target', displayName: '目标账户', initialPassword: 'Init#Passw0rd' });
  targetUserId = (created.json() as { id: string }).id;
});
let targetUserId = '';
afterAll(async () => {
  await h?.close();
});

const permissionDenied = '无权执行此操作';
const skipped = new Set(['POST /api/auth/logout', 'POST /api/schemes/:id/publish']);

describe('public results before publication', () => {
  it('are not shown', async () => {
    const before = await h.app.inject({ method: 'GET', url: `/api/public/assessments/${h.ids.assessmentId}/results` });
    expect(before.statusCode).toBe(404);
  });
});

describe('permission matrix', () => {
  it('lists every route with a declared permission, and the OpenAPI document lists them all', async () => {
    expect(h.app.routeCatalogue.length).toBeGreaterThan(40);
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const r of h.app.routeCatalogue) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url} in OpenAPI`).toBeDefined();
    }
  });

  it('allows and denies every route for every role as declared', async () => {
    const failures: string[] = [];
    for (const route of h.app.routeCatalogue) {
      if (skipped.has(`${route.method} ${route.url}`)) continue;
      for (const who of [...Object.keys(accounts), 'anonymous']) {
        const session = sessions.get(who);
        const sample = sampleRequest(h, targetUserId, route.method, route.url);
        const res = session
          ? await session.request(route.method as 'GET', sample.url, sample.payload, sample.headers)
          : await h.app.inject({ method: route.method as 'GET', url: sample.url, ...(sample.payload ? { payload: sample.payload as object } : {}), headers: sample.headers ?? {} });
        const role = (who === 'anonymous' ? null : accounts[who as keyof typeof accounts]) as Role | null;
        const actor: Actor = role
          ? { kind: 'user', userId: '', login: who, roleClass: 'business', grants: [{ id: '', role, assessmentId: null, unitId: null, divisionId: null, leaderId: null }], sessionId: '', csrfToken: '', stage: 'full' }
          : { kind: 'anonymous' };
        const allowed = hasPermission(actor, route.permission);
        const body = res.statusCode >= 400 ? (res.json() as { error: { code: string; message: string } }).error : null;
        const denied = res.statusCode === 401 && body?.code === 'unauthenticated' ? 'unauthenticated' : res.statusCode === 403 && body?.message === permissionDenied ? 'forbidden' : null;
        if (allowed && denied) failures.push(`${who} ${route.method} ${route.url}: expected allowed, got ${res.statusCode} ${res.body}`);
        if (!allowed && !denied) failures.push(`${who} ${route.method} ${route.url}: expected denied, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 500) failures.push(`${who} ${route.method} ${route.url}: ${res.statusCode} ${res.body}`);
      }
    }
    expect(failures).toEqual([]);
    // every route × every role in one pass: about 600 requests on PostgreSQL as the API grows
  }, 300_000);
});

type Row = { unitId?: string; clauseKey?: string };
const dataRoutes = ['facts', 'reports', 'judgements', 'evidence', 'targets', 'results'];

describe('data scoping', () => {
  it('never shows a row of another unit, or of a clause outside the role', async () => {
    const { U1, U2 } = h.ids.units;
    const visible: Record<string, { units: string[]; clauses: string[] | null }> = {
      kpb: { units: [U1, U2], clauses: null },
      lead1: { units: [U1, U2], clauses: ['C1'] },
      rep1: { units: [U1], clauses: null },
      rep2: { units: [U2], clauses: null },
      div1: { units: [U1], clauses: ['C1'] },
      leader1: { units: [U1], clauses: null },
    };
    for (const [who, allowed] of Object.entries(visible)) {
      const session = sessions.get(who)!;
      let seen = 0;
      for (const route of dataRoutes) {
        const res = await session.request('GET', `/api/assessments/${h.ids.assessmentId}/${route}`);
        if (res.statusCode === 403) continue;
        expect(res.statusCode, `${who} ${route}`).toBe(200);
        for (const row of res.json() as Row[]) {
          seen++;
          expect(allowed.units, `${who} ${route} unit`).toContain(row.unitId);
          if (allowed.clauses && row.clauseKey) expect(allowed.clauses, `${who} ${route} clause`).toContain(row.clauseKey);
        }
      }
      expect(seen, `${who} sees its own rows`).toBeGreaterThan(0);
    }
  });

  it('refuses writes outside the role scope', async () => {
    const { U1, U2 } = h.ids.units;
    const a = h.ids.assessmentId;
    const cases: [string, string, unknown][] = [
      ['rep1', 'reports', { clientKey: uniq('r'), unitId: U2, clauseKey: 'C1', facts: [] }],
      ['div1', 'reports', { clientKey: uniq('r'), unitId: U1, clauseKey: 'C2', facts: [] }],
      ['lead1', 'judgements', { unitId: U1, clauseKey: 'C2', kind: 'deduction', points: '1', reason: '越权' }],
    ];
    for (const [who, route, body] of cases) {
      const res = await sessions.get(who)!.request('POST', `/api/assessments/${a}/${route}`, body);
      expect(res.statusCode, `${who} ${route}`).toBe(403);
    }
    // lead1 leads C1 (a per-occurrence clause, which reads no judgement): it verifies U2's C1 report
    const [report] = (await sessions.get('lead1')!.request('GET', `/api/assessments/${a}/reports?unitId=${U2}&clauseKey=C1`)).json() as { id: string; version: number }[];
    const allowed = await sessions.get('lead1')!.request('POST', `/api/reports/${report!.id}/verify`, { version: report!.version });
    expect(allowed.statusCode).toBe(200);
  });

  it('serves evidence only within scope, as an attachment with nosniff', async () => {
    const list = (await sessions.get('kpb')!.request('GET', `/api/assessments/${h.ids.assessmentId}/evidence`)).json() as { id: string; unitId: string }[];
    const ofU2 = list.find((e) => e.unitId === h.ids.units.U2)!;
    expect((await sessions.get('rep1')!.request('GET', `/api/evidence/${ofU2.id}`)).statusCode).toBe(404);
    const res = await sessions.get('rep2')!.request('GET', `/api/evidence/${ofU2.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.rawPayload.equals(pdfBytes)).toBe(true);
  });

  it('shows the public only published results', async () => {
    await sessions.get('kpb')!.request('POST', `/api/assessments/${h.ids.assessmentId}/recompute`);
    for (const p of (await sessions.get('kpb')!.request('GET', `/api/assessments/${h.ids.assessmentId}/publicity`)).json() as { id: string; status: string }[]) {
      if (p.status === 'open') await sessions.get('kpb')!.request('POST', `/api/publicity/${p.id}/withdraw`, { reason: '结果已更新' });
    }
    const published = await publishThroughPublicity(h, sessions.get('kpb')!, h.ids.assessmentId);
    expect(published.statusCode, published.body).toBe(200);
    const after = await h.app.inject({ method: 'GET', url: `/api/public/assessments/${h.ids.assessmentId}/results` });
    expect(after.statusCode).toBe(200);
    expect((after.json() as { results: unknown[] }).results).toHaveLength(2);
  });
});
