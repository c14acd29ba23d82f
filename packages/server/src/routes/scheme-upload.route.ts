import { schemeUploadApi, schemeUploadFields, schemeUploadView } from '@kaohe/contract/api/scheme-upload';
import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { schemeUploads } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { findJob, jobView as toJobView } from '../jobs/job-queue';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import type { SchemeDocument } from '../services/scheme-document';
import { needsReviewClauses, resolveClause } from '../services/scheme-review.service';
import { createSchemeUpload, getUpload, readUpload, uploadView } from '../services/scheme-upload.service';
import { getScheme, parseSchemeDocument, replaceDraftDocument } from '../services/scheme-version.service';
import { actorOf, userActor, multipartFields } from './route-helpers';

/** Scheme files in (multipart → background import job → draft version), and the review of what the import could not compile. */
export function schemeUploadRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const upload = routeOf(schemeUploadApi.upload);
    app.post(
      schemeUploadApi.upload.path,
      { ...upload, schema: { ...upload.schema, consumes: ['multipart/form-data'], response: { ...upload.schema.response, 202: schemeUploadView } } },
      async (request, reply) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const actor = userActor(request);
        if (!request.isMultipart()) throw new AppError('unsupported-media-type', '须以 multipart/form-data 上传');
        const file = await request.file({ limits: { fileSize: 50 * 1024 * 1024 } });
        if (!file) throw new AppError('bad-request', '缺少文件（字段 file）');
        const raw = multipartFields(file.fields);
        const parsed = schemeUploadFields.safeParse(raw);
        if (!parsed.success) {
          file.file.resume();
          const issues = parsed.error.issues.map((i) => ({ path: `fields.${i.path.join('.')}`, message: i.message }));
          throw new AppError('bad-request', `请求参数有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues });
        }
        const bytes = await readUpload(file.file, file.filename);
        const { view, replayed } = await createSchemeUpload(ctx, actorOf(request), actor.userId, assessment, { clientKey: parsed.data.clientKey, fileName: file.filename, bytes });
        reply.status(replayed ? 200 : 202);
        return view;
      },
    );
    app.get(
      schemeUploadApi.list.path,
      routeOf(schemeUploadApi.list),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const rows = await ctx.db.select().from(schemeUploads).where(eq(schemeUploads.assessmentId, assessment.id)).orderBy(desc(schemeUploads.uploadedAt)).limit(100);
        return Promise.all(rows.map((r) => uploadView(ctx.db, r)));
      },
    );
    app.get(
      schemeUploadApi.get.path,
      routeOf(schemeUploadApi.get),
      async (request) => {
        const upload = await getUpload(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, upload.assessmentId);
        return uploadView(ctx.db, upload);
      },
    );
    app.get(
      schemeUploadApi.job.path,
      routeOf(schemeUploadApi.job),
      async (request) => {
        const job = await findJob(ctx.db, request.params.id);
        if (!job) throw new AppError('not-found', '任务不存在');
        const assessmentId = (job.payload as { assessmentId?: string }).assessmentId;
        if (!assessmentId) throw new AppError('not-found', '任务不存在');
        await getVisibleAssessment(ctx, request.actor, assessmentId);
        return toJobView(job);
      },
    );
    app.get(
      schemeUploadApi.needsReview.path,
      routeOf(schemeUploadApi.needsReview),
      async (request) => {
        const scheme = await getScheme(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
        return { schemeId: scheme.id, version: scheme.version, clauses: needsReviewClauses(scheme.document as SchemeDocument) };
      },
    );
    app.post(
      schemeUploadApi.review.path,
      routeOf(schemeUploadApi.review),
      async (request) => {
        const scheme = await getScheme(ctx.db, request.params.id);
        const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
        if (scheme.status === 'published') throw new AppError('scheme-published', '已发布的方案不可修改，请创建新版本');
        const body = request.body;
        const resolved = resolveClause(scheme.document as SchemeDocument, request.params.clauseCode, body);
        if (!resolved) throw new AppError('not-found', `方案中没有条款“${request.params.clauseCode}”`);
        const next = parseSchemeDocument(resolved.next);
        return audited(
          ctx,
          actorOf(request),
          { action: `scheme.clause-${body.action}`, objectType: 'scheme', objectId: `${scheme.id}:${request.params.clauseCode}`, before: resolved.before, after: () => ({ clause: resolved.after, note: body.note }) },
          async (tx: Db) => {
            // re-read under lock: a concurrent review must not be lost
            const current = await getScheme(tx, scheme.id);
            if (current.sha256 !== scheme.sha256) throw new AppError('conflict', '方案已被他人修改，请刷新后重试');
            await replaceDraftDocument(ctx, tx, current, assessment.organisationId, next);
            return { schemeId: scheme.id, clauseCode: request.params.clauseCode, action: body.action, remaining: needsReviewClauses(next).length };
          },
        );
      },
    );
  };
}
