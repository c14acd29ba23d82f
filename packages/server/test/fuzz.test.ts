import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from './harness';
import { seedWork } from './world-data';

let h: Harness;
const sessions = new Map<string, Session>();
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  for (const login of ['kpb', 'sysadmin', 'secadmin', 'auditor', 'rep1']) sessions.set(login, await h.login(login));
});
afterAll(async () => {
  await h?.close();
});

const sessionFor = (permission: string): Session | null => {
  if (permission === 'public') return null;
  if (['org:write', 'user:read', 'user:write'].includes(permission)) return sessions.get('sysadmin')!;
  if (['role:assign', 'lockout:manage'].includes(permission)) return sessions.get('secadmin')!;
  if (permission.startsWith('audit:')) return sessions.get('auditor')!;
  return sessions.get('kpb')!;
};

/** Ids that exist, ids that do not, and junk, for path parameters. */
const idArb = () =>
  fc.oneof(
    fc.constantFrom(h.ids.assessmentId, h.ids.units.U1, h.ids.schemeId, h.ids.users.rep1!, '00000000-0000-4000-8000-000000000000'),
    fc.uuid(),
    fc.string({ maxLength: 40 }),
  );

const skip = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/users/:id/totp-reset', 'PATCH /api/users/:id']);

describe('random payloads', () => {
  it('never yield a 500 on any route', async () => {
    const failures: string[] = [];
    for (const route of h.app.routeCatalogue) {
      if (skip.has(`${route.method} ${route.url}`)) continue;
      const session = sessionFor(route.permission);
      await fc.assert(
        fc.asyncProperty(
          fc.array(idArb(), { minLength: 2, maxLength: 2 }),
          fc.oneof(fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))),
          fc.dictionary(fc.constantFrom('limit', 'unitId', 'clauseKey', 'from', 'action', 'beforeSeq', 'x'), fc.string({ maxLength: 20 })),
          async ([id1, id2], body, query) => {
            let n = 0;
            const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(String(n++ === 0 ? id1 : id2)));
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const full = qs ? `${url}?${qs}` : url;
            const payload = route.method === 'GET' ? undefined : JSON.stringify(body);
            const headers: Record<string, string> = payload === undefined ? {} : { 'content-type': 'application/json' };
            const res = session
              ? await session.request(route.method as 'POST', full, payload, headers)
              : await h.app.inject({ method: route.method as 'POST', url: full, headers, ...(payload === undefined ? {} : { payload }) });
            if (res.statusCode >= 500) failures.push(`${route.method} ${full} ${String(payload).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
            return res.statusCode < 500;
          },
        ),
        { numRuns: 25 },
      ).catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
