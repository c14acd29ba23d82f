import { gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, hasPermission, type Role } from '../../src/access/roles';
import { auditLog } from '../../src/db/schema';
import { accounts, createHarness, type Harness, type Session } from '../harness';
import { sampleRequest } from '../samples';
import { seedWork } from '../world-data';

let h: Harness;
const sessions = new Map<string, Session>();
let targetUserId = '';
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  for (const login of Object.keys(accounts)) sessions.set(login, await h.login(login));
  const created = await sessions.get('sysadmin')!.request('POST', '/api/users', { login: 'crawl-target', displayName: '目标账户', initialPassword: 'Init#Passw0rd' });
  targetUserId = (created.json() as { id: string }).id;
});
afterAll(async () => {
  await h?.close();
});

const actorOfRole = (login: string, role: Role): Actor => ({
  kind: 'user',
  userId: '',
  login,
  roleClass: 'business',
  grants: [{ id: '', role, assessmentId: null, unitId: null, divisionId: null, leaderId: null }],
  sessionId: '',
  csrfToken: '',
  stage: 'full',
});
const lastSeq = async () => {
  const rows = await h.ctx.db.select({ seq: auditLog.seq }).from(auditLog);
  return rows.reduce((m, r) => Math.max(m, r.seq), 0);
};
const rowsAfter = (seq: number) => h.ctx.db.select().from(auditLog).where(gt(auditLog.seq, seq));

describe('audit of every state change (等保 安全审计, route-table crawl)', () => {
  it('every non-GET route writes an audit row with who, where and the outcome, allowed or refused', async () => {
    // logout ends the session the rest of the crawl uses: checked on its own below
    const routes = h.app.routeCatalogue.filter((r) => r.method !== 'GET' && r.url !== '/api/auth/logout');
    // POSTs that change nothing when they succeed: a fresh TOTP secret handed to the client (stored,
    // and audited, only by /api/auth/totp/confirm), the units-from-scheme dry run (sample dryRun: true),
    // and two computations that write nothing: a what-if run on copies and a clause tried on typed facts
    const changesNothing = new Set(['POST /api/auth/totp/enrol', 'POST /api/schemes/:id/units', 'POST /api/assessments/:id/whatif/run', 'POST /api/schemes/:id/clauses/:clauseCode/try']);
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    let allowedSuccesses = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const allowed = Object.keys(accounts).find((login) => hasPermission(actorOfRole(login, accounts[login as keyof typeof accounts]), route.permission));
      const denied = Object.keys(accounts).find((login) => !hasPermission(actorOfRole(login, accounts[login as keyof typeof accounts]), route.permission));
      for (const who of [allowed ?? 'anonymous', denied]) {
        if (!who) continue;
        const session = sessions.get(who);
        const sample = sampleRequest(h, targetUserId, route.method, route.url);
        const before = await lastSeq();
        const res = session
          ? await session.request(route.method as 'POST', sample.url, sample.payload, sample.headers)
          : await h.app.inject({ method: route.method as 'POST', url: sample.url, ...(sample.payload ? { payload: sample.payload as object } : {}), headers: sample.headers ?? {} });
        const rows = await rowsAfter(before);
        const label = `${who} ${key} → ${res.statusCode}`;
        if (rows.length === 0 && !(res.statusCode < 400 && changesNothing.has(key))) {
          failures.push(`${label}: no audit row`);
          continue;
        }
        if (rows.length === 0) continue;
        const expected = res.statusCode < 400 ? ['success'] : ['failure', 'denied'];
        if (!rows.some((r) => expected.includes(r.outcome))) failures.push(`${label}: outcomes ${rows.map((r) => r.outcome).join(',')}`);
        if (rows.some((r) => !r.sourceIp || !r.at)) failures.push(`${label}: a row without source address or time`);
        if (session && res.statusCode !== 401 && !rows.some((r) => r.actorLogin === who && r.actorRole)) failures.push(`${label}: no row names the user and role`);
        if (who === allowed && res.statusCode < 400) allowedSuccesses++;
        // a session may end (password change): log in again for the next route
        if (session && res.statusCode === 401) sessions.set(who, await h.login(who));
      }
    }
    expect(failures).toEqual([]);
    expect(allowedSuccesses).toBeGreaterThan(15);
  });

  it('logout, a failed change and an anonymous attempt are each on record', async () => {
    const session = await h.login('rep1');
    let before = await lastSeq();
    const out = await session.request('POST', '/api/auth/logout');
    expect(out.statusCode).toBeLessThan(300);
    expect((await rowsAfter(before)).map((r) => [r.action, r.outcome, r.actorLogin])).toContainEqual(['auth.logout', 'success', 'rep1']);

    const kpb = await h.login('kpb');
    before = await lastSeq();
    const conflict = await kpb.request('POST', `/api/publicity/00000000-0000-4000-8000-000000000000/withdraw`, { reason: '更正' });
    expect(conflict.statusCode).toBe(404);
    const [row] = await rowsAfter(before);
    expect(row).toMatchObject({ action: 'request.failed', outcome: 'failure', actorLogin: 'kpb', objectType: 'route', objectId: 'POST /api/publicity/:id/withdraw' });
    expect(row!.after).toMatchObject({ status: 404, code: 'not-found' });

    before = await lastSeq();
    const anonymous = await h.app.inject({ method: 'POST', url: `/api/assessments/${h.ids.assessmentId}/publicity`, payload: { days: 1 } });
    expect(anonymous.statusCode).toBe(401);
    expect((await rowsAfter(before)).map((r) => [r.action, r.outcome, r.actorLogin])).toEqual([['request.failed', 'denied', null]]);
  });
});
