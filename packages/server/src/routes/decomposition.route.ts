import { decompositionApi } from '@kaohe/contract/api/decomposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { routeOf } from '../http/route-schema';
import { getVisibleAssessment } from '../services/assessment.service';
import { audited } from '../services/audited';
import { decomposeFromScheme, decompositionProgress } from '../services/decomposition.service';
import { getScheme } from '../services/scheme-version.service';
import { actorOf } from './route-helpers';

/** A bureau's decomposition to its divisions, and the 牵头领导's progress view. */
export function decompositionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(decompositionApi.fromScheme.path, routeOf(decompositionApi.fromScheme), async (request) => {
      const scheme = await getScheme(ctx.db, request.params.id);
      const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
      if (request.body.dryRun) return decomposeFromScheme(ctx.db, scheme, assessment.organisationId, request.body);
      return audited(
        ctx,
        actorOf(request),
        { action: 'assignment.from-scheme', objectType: 'scheme', objectId: scheme.id, after: (r) => ({ unitId: r.unitId, divisions: r.divisions.created.map((d) => d.name), leaders: r.leaders.created.map((l) => l.name), assigned: r.assigned, shared: r.shared.length }) },
        async (tx: Db) => decomposeFromScheme(tx, scheme, assessment.organisationId, request.body),
      );
    });
    app.get(decompositionApi.progress.path, routeOf(decompositionApi.progress), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return decompositionProgress(ctx.db, request.actor, a, request.query.unitId);
    });
  };
}
