import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scopePredicate } from '../access/scope';
import { assertReadable, constantLabelSql, readablePredicate } from '../access/labels';
import type { ServerContext } from '../context';
import { assessments, publications, publishedResults, results, units } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { resultsApi } from '@kaohe/contract/api';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import { recomputeResults } from '../services/results.service';
import { groupRanks, schemeNames, type SchemeNames, scoreCard } from '../services/result-views';
import { actorOf } from './route-helpers';

/** Results: recompute through the core engine, read (scoped), publish, and the public view. */
export function resultRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(resultsApi.rankings.path, routeOf(resultsApi.rankings), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const rows = await ctx.db
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
          category: sql<string | null>`${results.ledger}->>'category'`,
          ranks: sql<unknown>`${results.ledger}->'ranks'`,
        })
        .from(results)
        .innerJoin(units, eq(units.id, results.unitId))
        .where(
          and(
            eq(results.assessmentId, a.id),
            scopePredicate(request.actor, { assessmentId: sql`${results.assessmentId}`, unitId: sql`${results.unitId}`, clauseKey: null }, 'read'),
            readablePredicate(request.actor, 'results', sql`${results.assessmentId}`, constantLabelSql('internal')),
          ),
        )
        .orderBy(asc(results.rank), asc(units.code));
      const names = new Map<string, SchemeNames>();
      for (const id of new Set(rows.map((r) => r.schemeId))) names.set(id, await schemeNames(ctx.db, id));
      return rows.map(({ ranks, ...r }) => {
        const n = names.get(r.schemeId)!;
        return { ...r, computedAt: r.computedAt.toISOString(), categoryName: n.category(r.category), gradeName: n.grade(r.grade), ranks: groupRanks(ranks, n) };
      });
    });
    app.get(resultsApi.unit.path, routeOf(resultsApi.unit), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      await assertReadable(ctx.db, request.actor, { kind: 'results', id: a.id });
      const [row] = await ctx.db
        .select({ result: results, unitCode: units.code, unitName: units.name })
        .from(results)
        .innerJoin(units, eq(units.id, results.unitId))
        .where(
          and(
            eq(results.assessmentId, a.id),
            eq(results.unitId, request.params.unitId),
            scopePredicate(request.actor, { assessmentId: sql`${results.assessmentId}`, unitId: sql`${results.unitId}`, clauseKey: null }, 'read'),
          ),
        );
      if (!row) throw new AppError('not-found', '没有该单位的结果');
      const r = row.result;
      const names = await schemeNames(ctx.db, r.schemeId);
      const card = scoreCard(r.ledger, names);
      return {
        assessmentId: r.assessmentId,
        unitId: r.unitId,
        unitCode: row.unitCode,
        unitName: row.unitName,
        schemeId: r.schemeId,
        total: r.total,
        grade: r.grade,
        gradeName: names.grade(r.grade),
        rank: r.rank,
        ranks: groupRanks((r.ledger as { ranks?: unknown }).ranks, names),
        computedAt: r.computedAt.toISOString(),
        inputSha256: r.inputSha256,
        ledger: card,
      };
    });
    app.post(resultsApi.recompute.path, routeOf(resultsApi.recompute), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const done = await recomputeResults(ctx, actorOf(request), a);
      return { ...done, computedAt: done.computedAt.toISOString() };
    });
    app.get(resultsApi.publicAssessments.path, routeOf(resultsApi.publicAssessments), async () =>
      ctx.db
        .selectDistinct({ id: assessments.id, year: assessments.year, name: assessments.name })
        .from(assessments)
        .innerJoin(publications, eq(publications.assessmentId, assessments.id))
        // the latest publication is the one the public results route shows: list the assessment only when it is 公开
        .where(
          and(
            sql`${publications.sequence} = (SELECT MAX(p2.sequence) FROM publications p2 WHERE p2.assessment_id = ${publications.assessmentId})`,
            readablePredicate({ kind: 'anonymous' }, 'publication', sql`${publications.id}`, constantLabelSql('public')),
          ),
        )
        .orderBy(desc(assessments.year)),
    );
    app.get(resultsApi.publicResults.path, routeOf(resultsApi.publicResults), async (request) => {
      const [publication] = await ctx.db
        .select()
        .from(publications)
        .where(eq(publications.assessmentId, request.params.id))
        .orderBy(desc(publications.sequence))
        .limit(1);
      if (!publication) throw new AppError('not-found', '该考核尚未公布结果');
      await assertReadable(ctx.db, { kind: 'anonymous' }, { kind: 'publication', id: publication.id });
      const rows = await ctx.db
        .select({ unitCode: units.code, unitName: units.name, total: publishedResults.total, grade: publishedResults.grade, rank: publishedResults.rank })
        .from(publishedResults)
        .innerJoin(units, eq(units.id, publishedResults.unitId))
        .where(eq(publishedResults.publicationId, publication.id))
        .orderBy(asc(publishedResults.rank), asc(units.code));
      return { publishedAt: publication.publishedAt.toISOString(), sequence: publication.sequence, results: rows };
    });
  };
}
