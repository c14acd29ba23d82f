import type { Db } from '../db/database';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assessmentScope, scopePredicate } from '../access/scope';
import type { ServerContext } from '../context';
import { assessments, clauseAssignments, divisions, organisations, schemeClauses, schemes, targets } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { assessmentApi } from '@kaohe/contract/api';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { assertClauseExists, assertUnitInOrganisation, getVisibleAssessment, indexSchemeClauses, latestScheme } from '../services/assessment.service';
import { parseSchemeDocument as parseWithContract } from '../services/evaluator';
import { diffSchemes, schemeDocumentSchema, type SchemeDocument } from '../services/scheme-document';
import { actorOf, userActor } from './route-helpers';

/** Full validation by the contract (path-precise issues), then the outline the server indexes. */
function parseSchemeDocument(document: unknown): SchemeDocument {
  parseWithContract(document);
  const parsed = schemeDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: `document.${i.path.join('.')}`, message: i.message }));
    throw new AppError('bad-request', `方案文件有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues });
  }
  return parsed.data;
}

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
        .where(eq(schemes.assessmentId, request.params.id))
        .orderBy(asc(schemes.version));
      return rows.map((r) => ({ ...r, status: r.status as SchemeStatus, createdAt: iso(r.createdAt), publishedAt: isoOrNull(r.publishedAt) }));
    });
    app.post(assessmentApi.createScheme.path, routeOf(assessmentApi.createScheme), async (request) => {
      const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const document = parseSchemeDocument(request.body.document);
      const actor = userActor(request);
      const created = await audited(ctx, actorOf(request), { action: 'scheme.create-version', objectType: 'scheme', objectIdOf: (r) => r.id, after: (r) => ({ version: r.version, diff: r.diff }) }, async (tx: Db) => {
        // a new version is numbered under a lock on the assessment row so two writers cannot collide
        await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, assessment.id)).for('update');
        const previous = await latestScheme(tx, assessment.id);
        const diff = previous ? diffSchemes(previous.document as SchemeDocument, document) : null;
        const [row] = await tx
          .insert(schemes)
          .values({
            assessmentId: assessment.id,
            version: (previous?.version ?? 0) + 1,
            status: 'draft',
            document,
            sha256: ctx.crypto.digest(JSON.stringify(document)),
            diff,
            createdBy: actor.userId,
            createdAt: ctx.clock.now(),
          })
          .returning({ id: schemes.id, version: schemes.version, status: schemes.status, diff: schemes.diff });
        await indexSchemeClauses(tx, assessment.organisationId, row!.id, document);
        return row!;
      });
      return { ...created, status: created.status as SchemeStatus };
    });
    app.get(assessmentApi.scheme.path, routeOf(assessmentApi.scheme), async (request) => {
      const scheme = await getScheme(ctx, request.params.id);
      await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
      return { ...scheme, status: scheme.status as SchemeStatus, createdAt: iso(scheme.createdAt), publishedAt: isoOrNull(scheme.publishedAt) };
    });
    app.put(assessmentApi.updateScheme.path, routeOf(assessmentApi.updateScheme), async (request) => {
      const scheme = await getScheme(ctx, request.params.id);
      const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
      if (scheme.status === 'published') throw new AppError('scheme-published', '已发布的方案不可修改，请创建新版本');
      const document = parseSchemeDocument(request.body.document);
      return audited(ctx, actorOf(request), { action: 'scheme.update-draft', objectType: 'scheme', objectId: scheme.id, after: (r) => r }, async (tx: Db) => {
        await tx.delete(schemeClauses).where(eq(schemeClauses.schemeId, scheme.id));
        await tx.execute(sql`DELETE FROM scheme_clause_leads WHERE scheme_id = ${scheme.id}`);
        await tx.update(schemes).set({ document, sha256: ctx.crypto.digest(JSON.stringify(document)) }).where(eq(schemes.id, scheme.id));
        await indexSchemeClauses(tx, assessment.organisationId, scheme.id, document);
        return { id: scheme.id, version: scheme.version, status: scheme.status as SchemeStatus };
      });
    });
    app.post(assessmentApi.publishScheme.path, routeOf(assessmentApi.publishScheme), async (request) => {
      const scheme = await getScheme(ctx, request.params.id);
      await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
      if (scheme.status === 'published') throw new AppError('scheme-published', '该版本已发布');
      return audited(ctx, actorOf(request), { action: 'scheme.publish', objectType: 'scheme', objectId: scheme.id }, async (tx: Db) => {
        await tx.update(schemes).set({ status: 'published', publishedAt: ctx.clock.now() }).where(eq(schemes.id, scheme.id));
        return { id: scheme.id, version: scheme.version, status: 'published' as const };
      });
    });

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
        if (!keys.has(t.clauseKey)) throw new AppError('not-found', `targets.${i}.clauseKey: 方案中没有条款“${t.clauseKey}”`);
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

async function getScheme(ctx: ServerContext, id: string) {
  const [row] = await ctx.db.select().from(schemes).where(eq(schemes.id, id));
  if (!row) throw new AppError('not-found', '方案不存在');
  return row;
}
