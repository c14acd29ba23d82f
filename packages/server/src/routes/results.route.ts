import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scopePredicate } from '../access/scope';
import type { ServerContext } from '../context';
import { assessments, publications, publishedResults, results, units } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import { recomputeResults } from '../services/results.service';
import { assessmentParams } from './assessment.types';
import { actorOf } from './route-helpers';

/** Results: recompute through the core engine, read (scoped), publish, and the public view. */
export function resultRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['results'];
    app.get('/api/assessments/:id/results', { schema: { tags, params: assessmentParams }, preHandler: requirePermission('result:read') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return ctx.db
        .select({
          unitId: results.unitId,
          unitCode: units.code,
          unitName: units.name,
          total: results.total,
          // 自评 beside the verified total: with the units' submitted, not yet verified values
          selfAssessedTotal: sql<string | null>`${results.ledger}->>'selfAssessedTotal'`,
          warnings: sql<number>`COALESCE(jsonb_array_length(${results.ledger}->'warnings'), 0)`,
          grade: results.grade,
          rank: results.rank,
          computedAt: results.computedAt,
          schemeId: results.schemeId,
        })
        .from(results)
        .innerJoin(units, eq(units.id, results.unitId))
        .where(and(eq(results.assessmentId, a.id), scopePredicate(request.actor, { assessmentId: sql`${results.assessmentId}`, unitId: sql`${results.unitId}`, clauseKey: null }, 'read')))
        .orderBy(asc(results.rank), asc(units.code));
    });
    app.get('/api/assessments/:id/results/:unitId', { schema: { tags, params: assessmentParams.extend({ unitId: assessmentParams.shape.id }) }, preHandler: requirePermission('result:read') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const [row] = await ctx.db
        .select()
        .from(results)
        .where(
          and(
            eq(results.assessmentId, a.id),
            eq(results.unitId, request.params.unitId),
            scopePredicate(request.actor, { assessmentId: sql`${results.assessmentId}`, unitId: sql`${results.unitId}`, clauseKey: null }, 'read'),
          ),
        );
      if (!row) throw new AppError('not-found', '没有该单位的结果');
      return row;
    });
    app.post('/api/assessments/:id/recompute', { schema: { tags, params: assessmentParams }, preHandler: requirePermission('result:recompute') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return recomputeResults(ctx, actorOf(request), a);
    });
    app.get('/api/public/assessments', { schema: { tags: ['public'] }, preHandler: requirePermission('public') }, async () =>
      ctx.db
        .selectDistinct({ id: assessments.id, year: assessments.year, name: assessments.name })
        .from(assessments)
        .innerJoin(publications, eq(publications.assessmentId, assessments.id))
        .orderBy(desc(assessments.year)),
    );
    app.get('/api/public/assessments/:id/results', { schema: { tags: ['public'], params: assessmentParams }, preHandler: requirePermission('public') }, async (request) => {
      const [publication] = await ctx.db
        .select()
        .from(publications)
        .where(eq(publications.assessmentId, request.params.id))
        .orderBy(desc(publications.sequence))
        .limit(1);
      if (!publication) throw new AppError('not-found', '该考核尚未公布结果');
      const rows = await ctx.db
        .select({ unitCode: units.code, unitName: units.name, total: publishedResults.total, grade: publishedResults.grade, rank: publishedResults.rank })
        .from(publishedResults)
        .innerJoin(units, eq(units.id, publishedResults.unitId))
        .where(eq(publishedResults.publicationId, publication.id))
        .orderBy(asc(publishedResults.rank), asc(units.code));
      return { publishedAt: publication.publishedAt, sequence: publication.sequence, results: rows };
    });
  };
}
