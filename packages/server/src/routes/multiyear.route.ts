import { multiyearApi } from '@kaohe/contract/api/multiyear';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertInScope } from '../access/scope';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { getVisibleAssessment } from '../services/assessment.service';
import { compareYears, copyToNextYear } from '../services/multiyear/multiyear.service';
import { actorOf, userActor } from './route-helpers';

/** Multi-year: copy a scheme to the next year with an indicator mapping; compare a unit across years. */
export function multiyearRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(multiyearApi.copy.path, routeOf(multiyearApi.copy), async (request) => {
      const from = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return copyToNextYear(ctx, actorOf(request), userActor(request).userId, from, request.body);
    });
    app.get(multiyearApi.compare.path, routeOf(multiyearApi.compare), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const b = await getVisibleAssessment(ctx, request.actor, request.query.with);
      for (const x of [a, b]) await assertInScope(ctx.db, request.actor, { assessmentId: x.id, unitId: request.query.unitId, clauseKey: null }, 'read');
      return compareYears(ctx.db, a, b, request.query.unitId);
    });
  };
}
