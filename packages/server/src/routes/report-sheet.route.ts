import { reportSheetApi, reportSheetFields } from '@kaohe/contract/api/report-sheet';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { getVisibleAssessment } from '../services/assessment.service';
import { reportTemplate, uploadReportSheet } from '../services/report-sheet.service';
import { sendFile } from './exports.route';
import { actorOf, multipartFields, userActor } from './route-helpers';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The unit's own facts sheet: download cut to its scope, upload as submitted reports. */
export function reportSheetRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(reportSheetApi.template.path, routeOf(reportSheetApi.template), async (request, reply) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const { unitName, bytes } = await reportTemplate(ctx.db, request.actor, a, request.query.unitId);
      return sendFile(reply, `${unitName}报送表.xlsx`, xlsx, bytes);
    });
    app.post(reportSheetApi.upload.path, routeOf(reportSheetApi.upload), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const user = userActor(request);
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', '须以 multipart/form-data 上传');
      const file = await request.file();
      if (!file) throw new AppError('bad-request', '缺少文件（字段 file）');
      const parsed = reportSheetFields.safeParse(multipartFields(file.fields));
      if (!parsed.success) {
        file.file.resume();
        throw new AppError('bad-request', `请求参数有误：${parsed.error.issues.map((i) => `fields.${i.path.join('.')}: ${i.message}`).join('；')}`);
      }
      const bytes = await file.toBuffer();
      return uploadReportSheet(ctx, { userId: user.userId, audit: actorOf(request), actor: request.actor }, a, { clientKey: parsed.data.clientKey, unitId: parsed.data.unitId, fileName: file.filename, bytes });
    });
  };
}
