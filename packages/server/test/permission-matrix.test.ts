import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, type Actor, type Role } from '../src/access/roles';
import { accounts, createHarness, type Harness, type Session } from './harness';
import { multipart, pdfBytes } from './multipart';
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

const missing = '00000000-0000-4000-8000-000000000000';

/** A plausible request for each route; a fresh value where the route creates something unique. */
function sampleRequest(method: string, url: string): { url: string; payload?: unknown; headers?: Record<string, string> } {
  const { ids } = h;
  const fill = url
    .replace(':id/roles/:roleId', `${targetUserId}/roles/${missing}`)
    .replace('/api/users/:id', `/api/users/${targetUserId}`)
    .replace('/api/units/:id', `/api/units/${ids.units.U1}`)
    .replace('/api/leaders/:id', `/api/leaders/${ids.leaderId}`)
    .replace('/api/organisations/:id', `/api/organisations/${ids.organisationId}`)
    .replace('/api/categories/:id', `/api/categories/${missing}`)
    .replace('/api/schemes/:id', `/api/schemes/${ids.schemeId}`)
    .replace('/api/evidence/:id', `/api/evidence/${missing}`)
    .replace(':unitId', ids.units.U1)
    .replace('/api/assessments/:id', `/api/assessments/${ids.assessmentId}`)
    .replace('/api/public/assessments/:id', `/api/public/assessments/${ids.assessmentId}`);
  const key = `${method} ${url}`;
  const bodies: Record<string, () => unknown> = {
    'POST /api/auth/login': () => ({ login: 'nobody', password: 'x' }),
    'POST /api/auth/password': () => ({ currentPassword: 'wrong', newPassword: 'x' }),
    'POST /api/auth/totp/confirm': () => ({ secret: 'AAAAAAAAAAAAAAAA', code: '000000' }),
    'POST /api/organisations': () => ({ code: uniq('org'), name: '新组织' }),
    'POST /api/organisations/:id/categories': () => ({ name: uniq('类别') }),
    'POST /api/categories/:id/groups': () => ({ name: '组' }),
    'POST /api/units': () => ({ organisationId: ids.organisationId, code: uniq('unit'), name: '新单位' }),
    'PATCH /api/units/:id': () => ({ name: '甲镇' }),
    'POST /api/units/:id/divisions': () => ({ name: uniq('处室') }),
    'POST /api/leaders': () => ({ organisationId: ids.organisationId, name: '李副县长' }),
    'POST /api/leaders/:id/units': () => ({ unitId: ids.units.U1 }),
    'POST /api/users': () => ({ login: uniq('user'), displayName: '新用户', initialPassword: 'Init#Passw0rd' }),
    'PATCH /api/users/:id': () => ({ displayName: '目标账户' }),
    'POST /api/users/:id/roles': () => ({ role: 'leader', leaderId: ids.leaderId }),
    'POST /api/security/lockouts/clear': () => ({ login: 'nobody' }),
    'POST /api/assessments': () => ({ organisationId: ids.organisationId, year: 2027, name: uniq('考核') }),
    'POST /api/assessments/:id/schemes': () => ({ document: { formatVersion: 2 } }),
    'PUT /api/schemes/:id': () => ({ document: { formatVersion: 2 } }),
    'PUT /api/assessments/:id/assignments': () => ({ unitId: ids.units.U1, clauseKey: 'C1', divisionId: ids.divisionId }),
    'PUT /api/assessments/:id/targets': () => ({ targets: [{ unitId: ids.units.U1, clauseKey: 'C1', target: '零通报' }] }),
    'POST /api/assessments/:id/facts/import': () => ({ clientKey: uniq('import'), facts: [{ id: 'f-u1-c1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 1 }] }),
    'POST /api/assessments/:id/reports': () => ({ clientKey: uniq('report'), unitId: ids.units.U1, clauseKey: 'C1', facts: [] }),
    'POST /api/assessments/:id/judgements': () => ({ unitId: ids.units.U1, clauseKey: 'C1', kind: 'deduction', points: '0.5', reason: '通报' }),
  };
  if (key === 'POST /api/assessments/:id/evidence') {
    const m = multipart({ clientKey: uniq('ev'), unitId: ids.units.U1, clauseKey: 'C1' }, { name: 'a.pdf', content: pdfBytes });
    return { url: fill, payload: m.payload, headers: m.headers };
  }
  const body = bodies[key];
  return { url: fill, ...(body ? { payload: body() } : {}) };
}

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
        const sample = sampleRequest(route.method, route.url);
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
  });
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
    const allowed = await sessions.get('lead1')!.request('POST', `/api/assessments/${a}/judgements`, { unitId: U2, clauseKey: 'C1', kind: 'deduction', points: '0.5', reason: '通报' });
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
    expect((await sessions.get('kpb')!.request('POST', `/api/assessments/${h.ids.assessmentId}/publications`)).statusCode).toBe(200);
    const after = await h.app.inject({ method: 'GET', url: `/api/public/assessments/${h.ids.assessmentId}/results` });
    expect(after.statusCode).toBe(200);
    expect((after.json() as { results: unknown[] }).results).toHaveLength(2);
  });
});
