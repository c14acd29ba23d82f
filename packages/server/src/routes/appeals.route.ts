import { appealsApi } from '@kaohe/contract/api/appeals';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertInScope } from '../access/scope';
import type { ServerContext } from '../context';
import { appeals } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { appealOut, appealScope, decideAppeal, getVisibleAppeal, leadOpinion, submitAppeal } from '../services/appeal.service';
import { getVisibleAssessment } from '../services/assessment.service';
import { actorOf, userActor } from './route-helpers';

/** 申诉 by a unit → 复核 opinion of the lead assessor → decision of the 考评办 (upheld: a new publication version). */
export function appealRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      appealsApi.submit.path,
      routeOf(appealsApi.submit),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        await assertInScope(ctx.db, request.actor, { assessmentId: assessment.id, unitId: request.body.unitId, clauseKey: null }, 'write');
        return submitAppeal(ctx, actorOf(request), userActor(request).userId, assessment, request.body);
      },
    );
    app.get(
      appealsApi.list.path,
      routeOf(appealsApi.list),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const rows = await ctx.db.select().from(appeals).where(and(eq(appeals.assessmentId, assessment.id), appealScope(request.actor))).orderBy(desc(appeals.createdAt));
        return Promise.all(rows.map((r) => appealOut(ctx.db, r)));
      },
    );
    app.get(
      appealsApi.get.path,
      routeOf(appealsApi.get),
      async (request) => appealOut(ctx.db, await getVisibleAppeal(ctx.db, request.actor, request.params.id)),
    );
    app.post(
      appealsApi.leadOpinion.path,
      routeOf(appealsApi.leadOpinion),
      async (request) => {
        const appeal = await getVisibleAppeal(ctx.db, request.actor, request.params.id);
        return appealOut(ctx.db, await leadOpinion(ctx, actorOf(request), request.actor, appeal, request.body));
      },
    );
    app.post(
      appealsApi.decide.path,
      routeOf(appealsApi.decide),
      async (request) => {
        const appeal = await getVisibleAppeal(ctx.db, request.actor, request.params.id);
        const assessment = await getVisibleAssessment(ctx, request.actor, appeal.assessmentId);
        const result = await decideAppeal(ctx, actorOf(request), userActor(request).userId, assessment, appeal, request.body);
        return { appeal: await appealOut(ctx.db, result.appeal), publication: result.publication };
      },
    );
  };
}
