import type { Db } from '../db/database';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentScope, scopePredicate } from '../access/scope';
import { assertReadable, readablePredicate, schemeDefaultSql } from '../access/labels';
import type { ServerContext } from '../context';
import { assessments, clauseAssignments, divisions, organisations, schemeClauses, schemes, targets } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { assessmentApi } from '@kaohe/contract/api';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { assertClauseExists, assertUnitInOrganisation, getVisibleAssessment, indexSchemeClauses, latestScheme } from '../services/assessment.service';
import type { SchemeDocument } from '../services/scheme-document';
import { needsReviewClauses } from '../services/scheme-review.service';
import { createSchemeVersion, getScheme, parseSchemeDocument, replaceDraftDocument } from '../services/scheme-version.service';
import { missingUnits } from '../services/units-from-scheme.service';
import { actorOf, userActor } from './route-helpers';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
type SchemeStatus = 'draft' | 'published';
const assessmentView = (r: typeof assessments.$inferSelect) => ({ ...r, createdAt: iso(r.createdAt) });

/** Assessment years, versioned schemes, clause-to-division assignments and targets. */
export function assessmentRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(assessmentApi.list.path, routeOf(assessmentApi.list), async (request) => {
      const scope = assessmentScope(request.actor);
      const rows = await ctx.db
        .select()
        .from(assessments)
        .where(scope === null ? undefined : scope.length === 0 ? sql`FALSE` : inArray(assessments.id, scope))
        .orderBy(desc(assessments.year));
      return rows.map(assessmentView);
    });
    app.post(assessmentApi.create.path, routeOf(assessmentApi.create), async (request) => {
      if (assessmentScope(request.actor) !== null) throw new AppError('forbidden', '只有全局考评办管理员可以新建考核');
      const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, request.body.organisationId));
      if (!org) throw new AppError('not-found', '组织不存在');
      const created = await audited(ctx, actorOf(request), { action: 'assessment.create', objectType: 'assessment', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(assessments).values({ ...request.body, createdAt: ctx.clock.now() }).returning();
        return row!;
      });
      return assessmentView(created);
    });

    app.get(assessmentApi.schemes.path, routeOf(assessmentApi.schemes), async (request) => {
      await getVisibleAssessment(ctx, request.actor, request.params.id);
      const rows = await ctx.db
        .select({ id: schemes.id, version: schemes.version, status: schemes.status, sha256: schemes.sha256, diff: schemes.diff, createdAt: schemes.createdAt, publishedAt: schemes.publishedAt })
        .from(schemes)
        .where(and(eq(schemes.assessmentId, request.params.id), readablePredicate(request.actor, 'scheme', sql`${schemes.id}`, schemeDefaultSql(sql`${schemes.status}`))))
        .orderBy(asc(schemes.version));
      return rows.map((r) => ({ ...r, status: r.status as SchemeStatus, createdAt: iso(r.createdAt), publishedAt: isoOrNull(r.publishedAt) }));
    });
    app.post(assessmentApi.createScheme.path, routeOf(assessmentApi.createScheme), async (request) => {
      const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const document = parseSchemeDocument(request.body.document);
      const actor = userActor(request);
      const created = await audited(ctx, actorOf(request), { action: 'scheme.create-version', objectType: 'scheme', objectIdOf: (r) => r.id, after: (r) => ({ version: r.version, diff: r.diff }) }, async (tx: Db) =>
        createSchemeVersion(ctx, tx, assessment, document, actor.userId),
      );
      return { ...created, status: created.status as SchemeStatus };
    });
    app.get(assessmentApi.scheme.path, routeOf(assessmentApi.scheme), async (request) => {
      const scheme = await getScheme(ctx.db, request.params.id);
      await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
      await assertReadable(ctx.db, request.actor, { kind: 'scheme', id: scheme.id, status: scheme.status });
      return { ...scheme, status: scheme.status as SchemeStatus, createdAt: iso(scheme.createdAt), publishedAt: isoOrNull(scheme.publishedAt) };
    });
    app.put(assessmentApi.updateScheme.path, routeOf(assessmentApi.updateScheme), async (request) => {
      const scheme = await getScheme(ctx.db, request.params.id);
      const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
      if (scheme.status === 'published') throw new AppError('scheme-published', '已发布的方案不可修改，请创建新版本');
      const document = parseSchemeDocument(request.body.document);
      return audited(ctx, actorOf(request), { action: 'scheme.update-draft', objectType: 'scheme', objectId: scheme.id, after: (r) => r }, async (tx: Db) => {
        await replaceDraftDocument(ctx, tx, scheme, assessment.organisationId, document);
        return { id: scheme.id, version: scheme.version, status: scheme.status as SchemeStatus };
      });
    });
    app.post(
      assessmentApi.publishScheme.path,
      routeOf(assessmentApi.publishScheme),
      async (request) => {
        const scheme = await getScheme(ctx.db, request.params.id);
        const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
        if (scheme.status === 'published') throw new AppError('scheme-published', '该版本已发布');
        return audited(ctx, actorOf(request), { action: 'scheme.publish', objectType: 'scheme', objectId: scheme.id }, async (tx: Db) => {
          const current = await getScheme(tx, scheme.id);
          const document = current.document as SchemeDocument;
          const missing = await missingUnits(tx, assessment.organisationId, document);
          const review = needsReviewClauses(document).map((c) => ({ code: c.code, reason: c.reason }));
          if (missing.length > 0 || review.length > 0) {
            const parts = [
              missing.length > 0 ? `方案中的 ${missing.length} 个单位在系统中不存在（${names(missing.map((u) => u.name))}），请先“从方案建立或匹配单位”` : '',
              review.length > 0 ? `仍有 ${review.length} 条条款待复核（${names(review.map((c) => c.code))}）` : '',
            ].filter((p) => p !== '');
            throw new AppError('conflict', `不能发布方案第 ${current.version} 版：${parts.join('；')}`, {
              issues: [
                ...missing.map((u) => ({ path: `units.${u.code}`, message: `单位“${u.name}”在系统中不存在` })),
                ...review.map((c) => ({ path: `clauses.${c.code}`, message: `待复核：${c.reason}` })),
              ],
            });
          }
          await tx.update(schemes).set({ status: 'published', publishedAt: ctx.clock.now() }).where(eq(schemes.id, scheme.id));
          return { id: scheme.id, version: scheme.version, status: 'published' as const };
        });
      },
    );

    app.put(assessmentApi.setAssignment.path, routeOf(assessmentApi.setAssignment), async (request) => {
      const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const { unitId, clauseKey, divisionId } = request.body;
      await assertUnitInOrganisation(ctx.db, assessment.organisationId, unitId);
      await assertClauseExists(ctx.db, assessment.id, clauseKey);
      const [division] = await ctx.db.select().from(divisions).where(eq(divisions.id, divisionId));
      if (!division || division.unitId !== unitId) throw new AppError('not-found', '处室不存在或不属于该单位');
      return audited(ctx, actorOf(request), { action: 'assignment.set', objectType: 'clause-assignment', objectId: `${unitId}:${clauseKey}` }, async (tx: Db) => {
        await tx
          .insert(clauseAssignments)
          .values({ assessmentId: assessment.id, unitId, clauseKey, divisionId })
          .onConflictDoUpdate({ target: [clauseAssignments.assessmentId, clauseAssignments.unitId, clauseAssignments.clauseKey], set: { divisionId } });
        return { assessmentId: assessment.id, unitId, clauseKey, divisionId };
      });
    });

    app.get(assessmentApi.targets.path, routeOf(assessmentApi.targets), async (request) => {
      const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      const rows = await ctx.db
        .select()
        .from(targets)
        .where(
          and(
            eq(targets.assessmentId, assessment.id),
            q.unitId ? eq(targets.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(targets.clauseKey, q.clauseKey) : undefined,
            scopePredicate(request.actor, { assessmentId: sql`${targets.assessmentId}`, unitId: sql`${targets.unitId}`, clauseKey: sql`${targets.clauseKey}` }, 'read'),
          ),
        )
        .orderBy(asc(targets.unitId), asc(targets.clauseKey))
        .limit(q.limit);
      return rows.map((r) => ({ ...r, updatedAt: iso(r.updatedAt) }));
    });
    app.put(assessmentApi.setTargets.path, routeOf(assessmentApi.setTargets), async (request) => {
      const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const scheme = await latestScheme(ctx.db, assessment.id);
      if (!scheme) throw new AppError('bad-request', '该考核尚无考核方案');
      const keys = new Set((await ctx.db.select({ k: schemeClauses.clauseKey }).from(schemeClauses).where(eq(schemeClauses.schemeId, scheme.id))).map((r) => r.k));
      request.body.targets.forEach((t, i) => {
        if (!keys.has(t.clauseKey)) throw new AppError('not-found', `targets.${i}.clauseKey: 方案中没有条款或指标“${t.clauseKey}”`);
      });
      for (const unitId of new Set(request.body.targets.map((t) => t.unitId))) await assertUnitInOrganisation(ctx.db, assessment.organisationId, unitId);
      const now = ctx.clock.now();
      return audited(ctx, actorOf(request), { action: 'target.set', objectType: 'assessment', objectId: assessment.id, after: (r) => r }, async (tx: Db) => {
        for (const t of request.body.targets) {
          const values = { assessmentId: assessment.id, unitId: t.unitId, clauseKey: t.clauseKey, target: t.target, value: t.value ?? null, updatedAt: now };
          await tx
            .insert(targets)
            .values(values)
            .onConflictDoUpdate({ target: [targets.assessmentId, targets.unitId, targets.clauseKey], set: { target: values.target, value: values.value, updatedAt: now } });
        }
        return { count: request.body.targets.length };
      });
    });
  };
}

function names(list: string[]): string {
  return list.length > 10 ? `${list.slice(0, 10).join('、')} 等` : list.join('、');
}
