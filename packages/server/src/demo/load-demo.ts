import { randomBytesOf } from '../lib/crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseScheme, parseYamlOrJson } from '@kaohe/contract';
import { count, eq } from 'drizzle-orm';
import type { AdminRole, BusinessRole } from '../access/roles';
import { generateTotpSecret, otpauthUri } from '../auth/totp';
import type { ServerContext } from '../context';
import { type Db, withStartupLock } from '../db/database';
import { assessments, divisions, leaderUnits, leaders, organisations, schemes, unitCategories, units, users } from '../db/schema';
import { cliActor, createAccount, grantBusinessRole } from '../services/account.service';
import { periodOf, writeFacts } from '../services/fact-lifecycle';
import { audited } from '../services/audited';
import { indexSchemeClauses } from '../services/assessment.service';
import { recomputeResults } from '../services/results.service';
import { openPublicity, publishAfterPublicity } from '../services/publication.service';
import type { SchemeDocument } from '../services/scheme-document';

export type DemoAccount = { login: string; role: AdminRole | BusinessRole; password: string; totpSecret: string | null; otpauthUri: string | null; scope: string };
export type DemoResult = { assessmentId: string; units: number; facts: number; accounts: DemoAccount[] };

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [u] = await db.select({ n: count() }).from(users);
  const [o] = await db.select({ n: count() }).from(organisations);
  return Number(u?.n ?? 0) === 0 && Number(o?.n ?? 0) === 0;
}

/**
 * The first start's demo load, once however many processes start together on one empty
 * PostgreSQL database: under the start-up lock that also serialises migrations
 * (`withStartupLock`), and the database is checked empty again once the lock is held, so the
 * others wait and then find the demo there. PGlite's folder has one owner, so no lock is needed.
 * Null when the database was not empty.
 */
export async function loadDemoIfEmpty(ctx: ServerContext, paths: { schemePath: string; factsPath?: string | null }): Promise<DemoResult | null> {
  const once = async () => ((await isDatabaseEmpty(ctx.db)) ? loadDemo(ctx, paths) : null);
  const database = ctx.config.database;
  return database.kind === 'postgres' ? withStartupLock(database, once) : once();
}

/** A password that meets the default policy: 16 random characters plus one of each class. */
export function randomPassword(): string {
  return `${Buffer.from(randomBytesOf(12)).toString('base64url')}Aa1#`;
}

/**
 * Loads a demo assessment from a scheme file (and optional facts file) into an empty database:
 * organisation, units, lead departments, divisions, leaders, the published scheme, the facts,
 * one account per role with a random password (returned once, never stored in clear), then a
 * recompute and a publication so every view has data.
 */
export async function loadDemo(ctx: ServerContext, options: { schemePath: string; factsPath?: string | null }): Promise<DemoResult> {
  const schemeText = readFileSync(options.schemePath, 'utf8');
  const fileName = basename(options.schemePath);
  const { scheme } = parseScheme(schemeText, fileName);
  const document = parseYamlOrJson(schemeText, fileName).value as SchemeDocument;
  const actor = cliActor('demo');
  const now = ctx.clock.now();

  const setup = await audited(ctx, actor, { action: 'demo.load', objectType: 'organisation', objectIdOf: (r) => r.organisationId, after: (r) => ({ scheme: scheme.code, units: r.unitIds.size }) }, async (tx: Db) => {
    const [org] = await tx.insert(organisations).values({ code: scheme.code, name: scheme.issuer ?? scheme.title, createdAt: now }).returning();
    const categoryIds = new Map<string, string>();
    for (const c of scheme.unitCategories) {
      const [row] = await tx.insert(unitCategories).values({ organisationId: org!.id, name: c.name }).returning();
      categoryIds.set(c.code, row!.id);
    }
    const unitIds = new Map<string, string>();
    for (const u of scheme.units) {
      const [row] = await tx
        .insert(units)
        .values({ organisationId: org!.id, code: u.code, name: u.name, categoryId: categoryIds.get(u.category) ?? null, createdAt: now })
        .returning();
      unitIds.set(u.code, row!.id);
    }
    // lead departments (考核牵头部门) are units too; some are also assessed
    for (const a of scheme.assessors) {
      if (unitIds.has(a.code)) continue;
      const [row] = await tx.insert(units).values({ organisationId: org!.id, code: a.code, name: a.name, isAssessed: false, createdAt: now }).returning();
      unitIds.set(a.code, row!.id);
    }
    const firstUnit = scheme.units[0]!;
    const divisionIds: string[] = [];
    for (const d of scheme.divisions.length > 0 ? scheme.divisions : [{ code: 'dzb', name: '党政办' }]) {
      const [row] = await tx.insert(divisions).values({ unitId: unitIds.get(firstUnit.code)!, name: d.name }).returning();
      divisionIds.push(row!.id);
    }
    const [leader] = await tx
      .insert(leaders)
      .values({ organisationId: org!.id, name: scheme.leaders[0]?.name ?? '分管副县长', title: '副县长' })
      .returning();
    for (const u of scheme.units) await tx.insert(leaderUnits).values({ leaderId: leader!.id, unitId: unitIds.get(u.code)! });
    const [assessment] = await tx.insert(assessments).values({ organisationId: org!.id, year: scheme.year, name: scheme.title, createdAt: now }).returning();
    const [schemeRow] = await tx
      .insert(schemes)
      .values({ assessmentId: assessment!.id, version: 1, status: 'draft', document, sha256: ctx.crypto.digest(JSON.stringify(document)), createdAt: now })
      .returning();
    await indexSchemeClauses(tx, org!.id, schemeRow!.id, document);
    await tx.update(schemes).set({ status: 'published', publishedAt: now }).where(eq(schemes.id, schemeRow!.id));
    return { organisationId: org!.id, assessment: assessment!, unitIds, divisionId: divisionIds[0]!, leaderId: leader!.id };
  });

  let factCount = 0;
  if (options.factsPath) {
    const text = readFileSync(options.factsPath, 'utf8');
    const parsed = parseYamlOrJson(text, basename(options.factsPath)).value;
    const list = (Array.isArray(parsed) ? parsed : (parsed as { facts: unknown[] }).facts) as Record<string, unknown>[];
    const codeOf = new Map<string, string>();
    for (const u of scheme.units) {
      codeOf.set(u.code, u.code);
      codeOf.set(u.name, u.code);
      for (const a of u.aliases ?? []) codeOf.set(a, u.code);
    }
    const rows = list.map((f, i) => {
      const unitCode = codeOf.get(String(f.unit));
      if (!unitCode) throw new Error(`${options.factsPath}: facts[${i}].unit “${String(f.unit)}” is not a unit of the scheme`);
      const { unit: _unit, ref, ...value } = { ...f, id: typeof f.id === 'string' ? f.id : `demo-${i + 1}` } as Record<string, unknown> & { id: string };
      return { unitId: setup.unitIds.get(unitCode)!, ref: String(ref), factKey: value.id, period: periodOf(value), value, source: 'import' as const, state: 'official' as const, reportId: null, reason: '演示数据' };
    });
    // official data through the fact lifecycle, so every demo fact has its first version
    await audited(ctx, actor, { action: 'fact.import', objectType: 'assessment', objectId: setup.assessment.id, after: () => ({ count: rows.length }) }, async (tx: Db) => writeFacts(tx, setup.assessment.id, null, now, rows));
    factCount = rows.length;
  }

  const accounts: DemoAccount[] = [];
  const firstUnit = scheme.units[0]!;
  const leadAssessor = scheme.assessors[0];
  const plan: { login: string; role: AdminRole | BusinessRole; scope: string; grant?: Parameters<typeof grantBusinessRole>[3] }[] = [
    { login: 'sysadmin', role: 'system-admin', scope: '系统管理员' },
    { login: 'secadmin', role: 'security-admin', scope: '安全管理员' },
    { login: 'auditadmin', role: 'audit-admin', scope: '审计管理员' },
    { login: 'kpb', role: 'assessment-admin', scope: '考评办（全部考核）', grant: { role: 'assessment-admin' } },
    ...(leadAssessor ? [{ login: 'lead', role: 'lead-assessor' as const, scope: `牵头部门 ${leadAssessor.name}`, grant: { role: 'lead-assessor' as const, unitId: setup.unitIds.get(leadAssessor.code)! } }] : []),
    { login: 'reporter', role: 'unit-reporter', scope: `被考核单位 ${firstUnit.name}`, grant: { role: 'unit-reporter', unitId: setup.unitIds.get(firstUnit.code)! } },
    { login: 'division', role: 'division-user', scope: `${firstUnit.name} 责任处室`, grant: { role: 'division-user', unitId: setup.unitIds.get(firstUnit.code)!, divisionId: setup.divisionId } },
    { login: 'leader', role: 'leader', scope: '分管领导（只读）', grant: { role: 'leader', leaderId: setup.leaderId } },
  ];
  for (const p of plan) {
    const password = randomPassword();
    const isAdmin = !p.grant;
    const totpSecret = isAdmin ? generateTotpSecret() : null;
    const user = await createAccount(ctx, actor, {
      login: p.login,
      displayName: p.scope,
      roleClass: isAdmin ? (p.role as AdminRole) : 'business',
      password,
      totpSecret,
    });
    if (p.grant) await grantBusinessRole(ctx, actor, user.id, p.grant);
    accounts.push({ login: p.login, role: p.role, password, totpSecret, otpauthUri: totpSecret ? otpauthUri(totpSecret, p.login) : null, scope: p.scope });
  }
  const kpbId = (await ctx.db.select({ id: users.id }).from(users).where(eq(users.login, 'kpb')))[0]!.id;
  await recomputeResults(ctx, actor, setup.assessment);
  // The demo year (2020) is long over: its 公示 is recorded as already ended (a period of no days, so
  // nothing waits on the clock) and its results published through the one publication path — a
  // sealed, signed snapshot that verifies, with a 30-day appeal window to try 申诉 in the web app.
  const period = await openPublicity(ctx, actor, kpbId, setup.assessment, { days: 0, note: '演示数据：2020 年度考核结果公示（已期满）' });
  await publishAfterPublicity(ctx, actor, kpbId, setup.assessment, { periodId: period.id, appealDays: 30 });
  return { assessmentId: setup.assessment.id, units: scheme.units.length, facts: factCount, accounts };
}

export function formatDemoAccounts(result: DemoResult): string {
  const lines = [
    '演示数据已载入。以下密码只显示这一次（数据库只保存其 argon2id 哈希）：',
    ...result.accounts.map((a) => `  ${a.login.padEnd(11)} ${a.password}  ${a.scope}${a.totpSecret ? `  TOTP 密钥 ${a.totpSecret}` : ''}`),
    '管理员登录需要动态口令：把 TOTP 密钥加入任一身份验证器应用。',
  ];
  return lines.join('\n');
}
