import { surveyApi } from '@kaohe/contract/api/survey';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { getVisibleAssessment } from '../services/assessment.service';
import { importSurvey, storedSurvey } from '../services/survey/survey.service';
import { actorOf, userActor } from './route-helpers';

/** 满意度测评: import responses (.xlsx, multipart field `file`) and read the summary. */
export function surveyRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const upload = routeOf(surveyApi.upload);
    app.post(surveyApi.upload.path, { ...upload, schema: { ...upload.schema, consumes: ['multipart/form-data'] } }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const user = userActor(request);
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', '须以 multipart/form-data 上传');
      const file = await request.file();
      if (!file) throw new AppError('bad-request', '缺少文件（字段 file）');
      const bytes = await file.toBuffer();
      return importSurvey(ctx, actorOf(request), user.userId, a, request.params.clauseKey, bytes, file.filename);
    });
    app.get(surveyApi.summary.path, routeOf(surveyApi.summary), async (request) => storedSurvey(ctx.db, await getVisibleAssessment(ctx, request.actor, request.params.id), request.params.clauseKey));
  };
}
