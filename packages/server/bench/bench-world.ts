import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerContext } from '../src/context';
import { hashPassword } from '../src/auth/password';
import { assessments, facts, organisations, schemes, units, userRoles, users } from '../src/db/schema';
import { indexSchemeClauses } from '../src/services/assessment.service';
import { recomputeResults } from '../src/services/results.service';
import { cliActor } from '../src/services/account.service';
import type { SchemeDocument } from '../src/services/scheme-document';

export const benchPassword = 'Bench#Passw0rd-2026';

/**
 * The load test's world: one assessment of `unitCount` units on the test scheme, two unit
 * reporters per unit plus a 考评办 account (users inserted with one shared argon2id hash, so
 * seeding does not take minutes), a fact per unit, and computed results.
 */
export async function seedBenchWorld(ctx: ServerContext, unitCount: number, reportersPerUnit: number) {
  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'test-scheme.json'), 'utf8')) as SchemeDocument;
  const codes = Array.from({ length: unitCount }, (_, i) => `U${i + 1}`);
  const document = { ...fixture, units: codes.map((code) => ({ code, name: `单位${code}`, category: 'town' })) } as SchemeDocument;
  const now = ctx.clock.now();
  const hash = await hashPassword(benchPassword);
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ code: 'bench', name: '压测县', createdAt: now }).returning();
    const unitRows = await tx
      .insert(units)
      .values([
        ...codes.map((code) => ({ organisationId: org!.id, code, name: `单位${code}`, createdAt: now })),
        { organisationId: org!.id, code: 'LA1', name: '县委组织部', isAssessed: false, createdAt: now },
        { organisationId: org!.id, code: 'LA2', name: '县政府督查室', isAssessed: false, createdAt: now },
      ])
      .returning();
    const [assessment] = await tx.insert(assessments).values({ organisationId: org!.id, year: 2026, name: '压测考核', createdAt: now }).returning();
    const [scheme] = await tx
      .insert(schemes)
      .values({ assessmentId: assessment!.id, version: 1, status: 'draft', document, sha256: ctx.crypto.digest(JSON.stringify(document)), createdAt: now })
      .returning();
    await indexSchemeClauses(tx, org!.id, scheme!.id, document);
    await tx.update(schemes).set({ status: 'published', publishedAt: now });
    const reporters: { login: string; unitId: string }[] = [];
    const assessed = unitRows.filter((u) => u.code.startsWith('U'));
    for (const unit of assessed) for (let r = 0; r < reportersPerUnit; r++) reporters.push({ login: `r${r}-${unit.code}`, unitId: unit.id });
    const userRows = await tx
      .insert(users)
      .values([...reporters.map((r) => r.login), 'kpb'].map((login) => ({ login, displayName: login, roleClass: 'business', passwordHash: hash, passwordChangedAt: now, createdAt: now })))
      .returning();
    const idOf = new Map(userRows.map((u) => [u.login, u.id]));
    await tx.insert(userRoles).values([
      ...reporters.map((r) => ({ userId: idOf.get(r.login)!, roleClass: 'business', role: 'unit-reporter', unitId: r.unitId, createdAt: now })),
      { userId: idOf.get('kpb')!, roleClass: 'business', role: 'assessment-admin', createdAt: now },
    ]);
    await tx.insert(facts).values(
      assessed.map((u, i) => ({ assessmentId: assessment!.id, unitId: u.id, clauseKey: 'C1', factKey: `f-${u.code}`, value: { id: `f-${u.code}`, type: 'occurrence', count: (i % 4) + 1 }, source: 'import', updatedAt: now })),
    );
    return { assessment: assessment!, reporters };
  }).then(async (world) => {
    await recomputeResults(ctx, cliActor('bench'), world.assessment);
    return { assessmentId: world.assessment.id, reporters: world.reporters };
  });
}
