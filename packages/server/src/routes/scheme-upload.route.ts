import { clauseReviewBody, clauseReviewParams, clauseReviewResult, jobParams, needsReviewList, schemeUploadFields, schemeUploadParams, schemeUploadView } from '@kaohe/contract/api/scheme-upload';
import { assessmentParams, jobView } from '@kaohe/contract/api/common';
import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { schemeUploads } from '../db/schema';
import { requirePermission } from '../http/require-permission';
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
    const tags = ['scheme-upload'];
    app.post(
      '/api/assessments/:id/scheme-uploads',
      {
        schema: { tags, summary: '上传方案文件', description: '上传 .docx/.xlsx/.doc/.txt 方案文件（multipart，字段 clientKey 在文件之前），在后台导入为方案草稿；返回上传记录与任务进度。', params: assessmentParams, consumes: ['multipart/form-data'], response: { 202: schemeUploadView, 200: schemeUploadView } },
        preHandler: requirePermission('scheme:write'),
      },
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
      '/api/assessments/:id/scheme-uploads',
      { schema: { tags, summary: '方案上传记录', description: '本考核的方案上传及导入进度，最新在前。', params: assessmentParams, response: { 200: z.array(schemeUploadView) } }, preHandler: requirePermission('scheme:read') },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const rows = await ctx.db.select().from(schemeUploads).where(eq(schemeUploads.assessmentId, assessment.id)).orderBy(desc(schemeUploads.uploadedAt)).limit(100);
        return Promise.all(rows.map((r) => uploadView(ctx.db, r)));
      },
    );
    app.get(
      '/api/scheme-uploads/:id',
      { schema: { tags, summary: '一次方案上传', description: '上传记录、导入任务进度、导入报告摘要和待复核条款。', params: schemeUploadParams, response: { 200: schemeUploadView } }, preHandler: requirePermission('scheme:read') },
      async (request) => {
        const upload = await getUpload(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, upload.assessmentId);
        return uploadView(ctx.db, upload);
      },
    );
    app.get(
      '/api/jobs/:id',
      { schema: { tags, summary: '后台任务进度', description: '任务状态、进度百分比、当前步骤与失败原因（中文）。', params: jobParams, response: { 200: jobView } }, preHandler: requirePermission('scheme:read') },
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
      '/api/schemes/:id/needs-review',
      { schema: { tags, summary: '待复核条款', description: '方案版本中仍标为待复核的条款及原因。', params: schemeUploadParams, response: { 200: needsReviewList } }, preHandler: requirePermission('scheme:read') },
      async (request) => {
        const scheme = await getScheme(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
        return { schemeId: scheme.id, version: scheme.version, clauses: needsReviewClauses(scheme.document as SchemeDocument) };
      },
    );
    app.post(
      '/api/schemes/:id/clauses/:clauseCode/review',
      {
        schema: { tags, summary: '复核一条条款', description: '考评办改写待复核条款的规则（edit-rule）或确认当前解读（confirm），附说明；每次修改记入审计日志（含修改前后）。', params: clauseReviewParams, body: clauseReviewBody, response: { 200: clauseReviewResult } },
        preHandler: requirePermission('scheme:write'),
      },
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
