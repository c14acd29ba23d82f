import { unitsFromSchemeApi } from '@kaohe/contract/api/units-from-scheme';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { routeOf } from '../http/route-schema';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import { getScheme } from '../services/scheme-version.service';
import { unitsFromScheme } from '../services/units-from-scheme.service';
import { actorOf } from './route-helpers';

/** One call creates or matches every unit a scheme names. */
export function unitsFromSchemeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      unitsFromSchemeApi.apply.path,
      routeOf(unitsFromSchemeApi.apply),
      async (request) => {
        const scheme = await getScheme(ctx.db, request.params.id);
        const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
        if (request.body.dryRun) return unitsFromScheme(ctx, ctx.db, scheme, assessment.organisationId, request.body);
        return audited(
          ctx,
          actorOf(request),
          { action: 'unit.from-scheme', objectType: 'scheme', objectId: scheme.id, after: (r) => ({ applied: r.applied, matched: r.matched.length, created: r.created.map((c) => c.schemeName), ambiguous: r.ambiguous.map((a) => a.schemeName), recoded: r.recoded }) },
          async (tx: Db) => unitsFromScheme(ctx, tx, await getScheme(tx, scheme.id), assessment.organisationId, request.body),
        );
      },
    );
  };
}
