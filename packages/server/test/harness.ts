import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../src/access/roles';
import { totpCode, generateTotpSecret } from '../src/auth/totp';
import { loadConfig, type Config } from '../src/config/env';
import { createContext, type ServerContext } from '../src/context';
import { clauseAssignments, divisions, leaderUnits, leaders, organisations, units, assessments, schemes } from '../src/db/schema';
import { type App, buildApp } from '../src/http/app';
import { createFakeClock, type FakeClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { gmSoftCryptoProvider } from '../src/lib/crypto';
import { cliActor, createAccount, grantBusinessRole } from '../src/services/account.service';
import { indexSchemeClauses } from '../src/services/assessment.service';
import type { SchemeDocument } from '../src/services/scheme-document';
import { openTestDatabase } from './test-database';

export const password = 'Kaohe#2026pass';
export const schemeFixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'test-scheme.json'), 'utf8')) as SchemeDocument;

export type Harness = {
  app: App;
  ctx: ServerContext;
  clock: FakeClock;
  config: Config;
  close: () => Promise<void>;
  ids: World;
  totpSecrets: Map<string, string>;
  login: (login: string) => Promise<Session>;
};

export type Session = {
  login: string;
  cookie: string;
  csrf: string;
  request: (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
};

export type World = {
  organisationId: string;
  assessmentId: string;
  schemeId: string;
  units: Record<'U1' | 'U2' | 'LA1' | 'LA2', string>;
  divisionId: string;
  leaderId: string;
  users: Record<string, string>;
};

/** Logins of the seeded accounts, one per role (two unit reporters to check isolation). */
export const accounts = {
  sysadmin: 'system-admin',
  secadmin: 'security-admin',
  auditor: 'audit-admin',
  kpb: 'assessment-admin',
  lead1: 'lead-assessor',
  rep1: 'unit-reporter',
  rep2: 'unit-reporter',
  div1: 'division-user',
  leader1: 'leader',
} as const satisfies Record<string, Role>;

export async function createHarness(env: Record<string, string> = {}, options: { seed?: boolean } = {}): Promise<Harness> {
  const database = await openTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-test-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: '', NODE_ENV: 'test', DATA_DIR: dataDir, DEMO_ON_EMPTY: 'false', RECOMPUTE_DELAY_MS: '0', ...env });
  const clock = createFakeClock();
  const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock, crypto: config.cryptoProfile === 'gm-soft' ? gmSoftCryptoProvider : intlCryptoProvider });
  const app = await buildApp(ctx);
  const totpSecrets = new Map<string, string>();
  const ids = options.seed === false ? ({} as World) : await seedWorld(ctx, totpSecrets);

  const login = async (name: string): Promise<Session> => {
    clock.advance(31_000); // a fresh TOTP step: codes are single use
    const secret = totpSecrets.get(name);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: name, password, ...(secret ? { totp: totpCode(secret, clock.now()) } : {}) },
    });
    if (res.statusCode !== 200) throw new Error(`login ${name} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'kaohe_session')!;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const cookieHeader = `kaohe_session=${cookie.value}`;
    return {
      login: name,
      cookie: cookieHeader,
      csrf,
      request: (method, url, payload, headers = {}) =>
        app.inject({
          method,
          url,
          headers: { cookie: cookieHeader, 'x-csrf-token': csrf, ...headers },
          ...(payload === undefined ? {} : { payload: payload as object }),
        }),
    };
  };

  return {
    app,
    ctx,
    clock,
    config,
    ids,
    totpSecrets,
    login,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function seedWorld(ctx: ServerContext, totpSecrets: Map<string, string>): Promise<World> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const [org] = await db.insert(organisations).values({ code: 'testxian', name: '测试县', createdAt: now }).returning();
  const unitRows = await db
    .insert(units)
    .values([
      { organisationId: org!.id, code: 'U1', name: '甲镇', createdAt: now },
      { organisationId: org!.id, code: 'U2', name: '乙镇', createdAt: now },
      { organisationId: org!.id, code: 'LA1', name: '县委组织部', isAssessed: false, createdAt: now },
      { organisationId: org!.id, code: 'LA2', name: '县政府督查室', isAssessed: false, createdAt: now },
    ])
    .returning();
  const u = Object.fromEntries(unitRows.map((r) => [r.code, r.id])) as World['units'];
  const [division] = await db.insert(divisions).values({ unitId: u.U1, name: '党政办' }).returning();
  const [leader] = await db.insert(leaders).values({ organisationId: org!.id, name: '王县长', title: '副县长' }).returning();
  await db.insert(leaderUnits).values({ leaderId: leader!.id, unitId: u.U1 });
  const [assessment] = await db.insert(assessments).values({ organisationId: org!.id, year: 2026, name: '2026 年度考核', createdAt: now }).returning();
  const [scheme] = await db
    .insert(schemes)
    .values({ assessmentId: assessment!.id, version: 1, status: 'draft', document: schemeFixture, sha256: ctx.crypto.digest(JSON.stringify(schemeFixture)), createdAt: now })
    .returning();
  await indexSchemeClauses(db, org!.id, scheme!.id, schemeFixture);
  await db.update(schemes).set({ status: 'published', publishedAt: now });
  await db.insert(clauseAssignments).values({ assessmentId: assessment!.id, unitId: u.U1, clauseKey: 'C1', divisionId: division!.id });

  const users: Record<string, string> = {};
  for (const [login, role] of Object.entries(accounts)) {
    const isAdmin = role === 'system-admin' || role === 'security-admin' || role === 'audit-admin';
    const secret = isAdmin ? generateTotpSecret() : null;
    if (secret) totpSecrets.set(login, secret);
    const user = await createAccount(ctx, cliActor('seed'), {
      login,
      displayName: login,
      roleClass: isAdmin ? role : 'business',
      password,
      totpSecret: secret,
    });
    users[login] = user.id;
    if (!isAdmin) {
      const grant =
        role === 'lead-assessor'
          ? { role, unitId: u.LA1 }
          : role === 'unit-reporter'
            ? { role, unitId: login === 'rep1' ? u.U1 : u.U2 }
            : role === 'division-user'
              ? { role, unitId: u.U1, divisionId: division!.id }
              : role === 'leader'
                ? { role, leaderId: leader!.id }
                : { role };
      await grantBusinessRole(ctx, cliActor('seed'), user.id, grant as Parameters<typeof grantBusinessRole>[3]);
    }
  }
  return { organisationId: org!.id, assessmentId: assessment!.id, schemeId: scheme!.id, units: u, divisionId: division!.id, leaderId: leader!.id, users };
}
