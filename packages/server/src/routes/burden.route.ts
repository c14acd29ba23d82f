import { burdenApi } from '@kaohe/contract/api/burden';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { getVisibleAssessment } from '../services/assessment.service';
import { assessmentBurden, burdenWorkbook } from '../services/burden/burden.service';
import { sendFile } from './exports.route';

/** The burden meter (减负): JSON for the 考评办 and an .xlsx export. */
export function burdenRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(burdenApi.meter.path, routeOf(burdenApi.meter), async (request) => {
      const { title: _title, ...view } = await assessmentBurden(ctx.db, (await getVisibleAssessment(ctx, request.actor, request.params.id)).id);
      return view;
    });
    app.get(burdenApi.exportXlsx.path, routeOf(burdenApi.exportXlsx), async (request, reply) => {
      const b = await assessmentBurden(ctx.db, (await getVisibleAssessment(ctx, request.actor, request.params.id)).id);
      return sendFile(reply, `${b.title}填报负担.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await burdenWorkbook(b));
    });
  };
}
