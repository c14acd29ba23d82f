import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, type Actor, type Role, type RoutePermission } from '../src/access/roles';
import { queryRows } from '../src/db/database';
import { tableNames } from '../src/db/reset';
import { accounts, createHarness, type Harness, type Session } from './harness';
import { multipart, pdfBytes, pngBytes } from './multipart';
import { missing, sampleRequest } from './samples';
import { seedWork, uniq } from './world-data';

let h: Harness;
const sessions = new Map<string, Session>();
let targetUserId = '';
beforeAll(async () => {
  h = await createHarness({ EVIDENCE_MAX_BYTES: '2048' });
  await seedWork(h);
  for (const login of ['kpb', 'sysadmin', 'secadmin', 'auditor', 'rep1', 'lead1']) sessions.set(login, await h.login(login));
  const created = await sessions.get('sysadmin')!.request('POST', '/api/users', { login: 'bad-input-target', displayName: '目标', initialPassword: 'Init#Passw0rd' });
  targetUserId = (created.json() as { id: string }).id;
});
afterAll(async () => {
  await h?.close();
});

/** Rows per table, except the ones reads and logins legitimately touch. */
async function fingerprint(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of tableNames) {
    if (['audit_log', 'audit_head', 'sessions', 'login_throttle'].includes(name)) continue;
    const rows = await queryRows<{ n: number }>(h.ctx.db, sql.raw(`SELECT count(*)::int AS n FROM "${name}"`));
    out[name] = Number(rows[0]!.n);
  }
  return out;
}

function sessionFor(permission: RoutePermission): Session | null {
  if (permission === 'public') return null;
  for (const login of ['kpb', 'sysadmin', 'secadmin', 'auditor', 'rep1', 'lead1']) {
    const role = accounts[login as keyof typeof accounts] as Role;
    const actor: Actor = { kind: 'user', userId: '', login, roleClass: 'business', grants: [{ id: '', role, assessmentId: null, unitId: null, divisionId: null, leaderId: null }], sessionId: '', csrfToken: '', stage: 'full' };
    if (hasPermission(actor, permission)) return sessions.get(login)!;
  }
  throw new Error(`no session holds ${permission}`);
}

const send = (session: Session | null, method: string, url: string, payload?: unknown) =>
  session
    ? session.request(method as 'POST', url, payload)
    : h.app.inject({ method: method as 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });

const wrongTypeFor = (value: unknown): unknown =>
  typeof value === 'string' ? 12345 : typeof value === 'number' ? 'not-a-number' : typeof value === 'boolean' ? 'yes' : Array.isArray(value) ? 'not-a-list' : 7;

// bodies whose every field is optional or defaulted (the version may come as If-Match instead): {} is a valid request there
const optionalOnly = new Set<string>(['PUT /api/reports/:id', 'POST /api/reports/:id/submit', 'POST /api/reports/:id/verify', 'POST /api/reports/:id/lock', 'POST /api/assessments/:id/publicity', 'POST /api/schemes/:id/units', 'PUT /api/assessments/:id/calendar/settings', 'POST /api/assessments/:id/calendar/generate', 'POST /api/assessments/:id/calendar/late-proposals']);
const skip = new Set(['POST /api/auth/logout', 'POST /api/assessments/:id/evidence', 'POST /api/assessments/:id/scheme-uploads', 'POST /api/assessments/:id/facts-upload']);
/** Identity providers are named by the security administrator (oidc, zzd…), not by UUID; their ids are checked in test/security/sso.test.ts. */
const namedIds = new Set(['PUT /api/security/sso-providers/:provider', 'GET /api/sso/:provider/start', 'GET /api/sso/:provider/callback']);

describe('bad input on every route', () => {
  it('refuses missing fields, wrong types and unknown properties with a message naming the field, writing nothing', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of h.app.routeCatalogue) {
      const key = `${route.method} ${route.url}`;
      if (skip.has(key)) continue;
      const sample = sampleRequest(h, targetUserId, route.method, route.url);
      if (!sample.payload || typeof sample.payload !== 'object' || Buffer.isBuffer(sample.payload)) continue;
      const session = sessionFor(route.permission);
      const body = sample.payload as Record<string, unknown>;
      const before = await fingerprint();
      const attempts: [string, unknown, RegExp][] = [['unknown property', { ...body, unexpectedField: 1 }, /unexpectedField/]];
      if (!optionalOnly.has(key)) attempts.push(['missing fields', {}, /body(\.\w+)?: /]);
      for (const [field, value] of Object.entries(body)) attempts.push([`wrong type ${field}`, { ...body, [field]: wrongTypeFor(value) }, new RegExp(`body\\.${field}`)]);
      attempts.push(['not an object', [1, 2, 3], /body/]);
      for (const [what, payload, expected] of attempts) {
        const res = await send(session, route.method, sample.url, payload);
        checked++;
        const message = res.statusCode === 400 ? (res.json() as { error: { message: string } }).error.message : '';
        if (res.statusCode !== 400 || !expected.test(message)) problems.push(`${key} ${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
      expect(await fingerprint(), `${key} wrote nothing`).toEqual(before);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  }, 300_000); // one loop over every route (three requests each): minutes when the machine is loaded

  it('answers 404 for unknown ids and 400 for malformed ids, writing nothing', async () => {
    const problems: string[] = [];
    const before = await fingerprint();
    for (const route of h.app.routeCatalogue) {
      const key = `${route.method} ${route.url}`;
      if (!route.url.includes(':') || skip.has(key) || namedIds.has(key)) continue;
      const session = sessionFor(route.permission);
      const sample = sampleRequest(h, targetUserId, route.method, route.url);
      for (const [id, status] of [[missing, 404], ['not-a-uuid', 400]] as const) {
        const query = sample.url.includes('?') ? sample.url.slice(sample.url.indexOf('?')) : '';
        const url = route.url.replace(/:(\w+)/g, id) + query;
        const res = await send(session, route.method, url, sample.payload);
        if (res.statusCode !== status) problems.push(`${key} id ${id}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (status === 400 && !/params\./.test((res.json() as { error: { message: string } }).error.message)) problems.push(`${key}: message does not name the parameter`);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses unknown query parameters on list routes', async () => {
    for (const route of ['facts', 'reports', 'judgements', 'evidence', 'targets']) {
      const res = await sessions.get('kpb')!.request('GET', `/api/assessments/${h.ids.assessmentId}/${route}?limit=10&drop=1`);
      expect(res.statusCode, route).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/drop/);
    }
  });
});

describe('evidence upload checks', () => {
  const upload = (fields: Record<string, string>, file?: { name: string; content: Buffer }) => {
    const m = multipart(fields, file);
    return sessions.get('rep1')!.request('POST', `/api/assessments/${h.ids.assessmentId}/evidence`, m.payload, m.headers);
  };
  const fields = () => ({ clientKey: uniq('ev'), unitId: h.ids.units.U1, clauseKey: 'C1' });
  const evidenceFiles = () => readdirSync(h.config.evidence.dir).length;

  it.each([
    ['an oversize file', { name: 'big.pdf', content: Buffer.concat([pdfBytes, Buffer.alloc(4096, 0x20)]) }, 413, /超过大小上限/],
    ['an extension outside the allowlist', { name: 'run.exe', content: Buffer.from('MZ....') }, 415, /不允许的文件类型/],
    ['a PNG named .pdf', { name: 'fake.pdf', content: pngBytes }, 415, /与扩展名/],
    ['a file name used as a path', { name: '../../etc/passwd', content: Buffer.from('root:x:0:0') }, 415, /不允许的文件类型/],
    ['an empty file', { name: 'empty.txt', content: Buffer.alloc(0) }, 400, /文件为空/],
  ])('refuses %s and keeps nothing', async (_what, file, status, message) => {
    const before = await fingerprint();
    const files = evidenceFiles();
    const res = await upload(fields(), file);
    expect(res.statusCode).toBe(status);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(message);
    expect(await fingerprint()).toEqual(before);
    expect(evidenceFiles()).toBe(files);
  });

  it('refuses missing form fields and a missing file', async () => {
    const noKey = await upload({ unitId: h.ids.units.U1, clauseKey: 'C1' }, { name: 'a.pdf', content: pdfBytes });
    expect(noKey.statusCode).toBe(400);
    expect((noKey.json() as { error: { message: string } }).error.message).toMatch(/fields\.clientKey/);
    const noFile = await upload(fields());
    expect(noFile.statusCode).toBe(400);
    expect((noFile.json() as { error: { message: string } }).error.message).toMatch(/缺少文件/);
    const json = await sessions.get('rep1')!.request('POST', `/api/assessments/${h.ids.assessmentId}/evidence`, { a: 1 });
    expect(json.statusCode).toBe(415);
  });

  it('is idempotent by client key', async () => {
    const f = fields();
    const first = await upload(f, { name: '报告.pdf', content: pdfBytes });
    const again = await upload(f, { name: '报告.pdf', content: pdfBytes });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect((again.json() as { id: string; replayed: boolean }).replayed).toBe(true);
    expect((again.json() as { id: string }).id).toBe((first.json() as { id: string }).id);
    expect((first.json() as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(first.json())).not.toContain('storedName');
  });
});

describe('idempotent writes', () => {
  it('replays a report and an import with the same client key, and refuses the key for other content', async () => {
    const kpb = sessions.get('kpb')!;
    const a = h.ids.assessmentId;
    const clientKey = uniq('import');
    const facts = [{ id: 'idem-1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 1 }];
    const first = await kpb.request('POST', `/api/assessments/${a}/facts/import`, { clientKey, facts });
    const second = await kpb.request('POST', `/api/assessments/${a}/facts/import`, { clientKey, facts });
    expect((second.json() as { replayed: boolean }).replayed).toBe(true);
    expect((second.json() as { importId: string }).importId).toBe((first.json() as { importId: string }).importId);
    const other = await kpb.request('POST', `/api/assessments/${a}/facts/import`, { clientKey, facts: [{ ...facts[0], count: 2 }] });
    expect(other.statusCode).toBe(409);
  });

  it('names the bad fact precisely and imports nothing', async () => {
    const before = await fingerprint();
    const res = await sessions.get('kpb')!.request('POST', `/api/assessments/${h.ids.assessmentId}/facts/import`, {
      clientKey: uniq('import'),
      facts: [
        { id: 'ok-1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 1 },
        { id: 'bad-1', unit: 'U2', ref: 'NOPE', type: 'occurrence', count: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/facts\.1\.ref/);
    expect(await fingerprint()).toEqual(before);
  });
});
