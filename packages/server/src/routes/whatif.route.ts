import { whatifApi } from '@kaohe/contract/api/whatif';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { users } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { getVisibleAssessment } from '../services/assessment.service';
import { compareScenarios, listScenarios, runSavedScenario, runScenario, saveScenario, scenarioRowView } from '../services/whatif/whatif.service';
import { actorOf, userActor } from './route-helpers';

/** What-if scenarios on a copy of the data (docs/whatif.md): run, save, list, run saved, compare two. */
export function whatifRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(whatifApi.run.path, routeOf(whatifApi.run), async (request) => runScenario(ctx, await getVisibleAssessment(ctx, request.actor, request.params.id), request.body));
    app.post(whatifApi.save.path, routeOf(whatifApi.save), async (request) => {
      const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const user = userActor(request);
      const row = await saveScenario(ctx, actorOf(request), user.userId, assessment, request.body);
      const [by] = await ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, user.userId));
      return scenarioRowView(row, by?.name ?? user.login);
    });
    app.get(whatifApi.list.path, routeOf(whatifApi.list), async (request) => listScenarios(ctx.db, (await getVisibleAssessment(ctx, request.actor, request.params.id)).id));
    app.get(whatifApi.result.path, routeOf(whatifApi.result), async (request) => runSavedScenario(ctx, await getVisibleAssessment(ctx, request.actor, request.params.id), request.params.scenarioId));
    app.get(whatifApi.compare.path, routeOf(whatifApi.compare), async (request) => compareScenarios(ctx, await getVisibleAssessment(ctx, request.actor, request.params.id), request.query.a, request.query.b));
  };
}
