import { assessmentParams, idParams } from '@kaohe/contract/api/common';
import { exportsApi, factsUploadFields, factsUploadResult, fileResponse, tongbaoQuery } from '@kaohe/contract/api/exports';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { assertReadable } from '../access/labels';
import { recordAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { imports, publications } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { audited } from '../services/audited';
import { withClientKey } from '../services/client-key';
import { assertUnitInOrganisation, getVisibleAssessment, latestScheme } from '../services/assessment.service';
import { parseSchemeCached, validateFacts } from '../services/evaluator';
import { ledgerWorkbook, resultSetMeta, resultsWorkbook, type ResultSet, tongbaoDocx, tongbaoPdf } from '../services/exports.service';
import { periodOf, writeFacts } from '../services/fact-lifecycle';
import { factsTemplate, readFactsSheet } from '../services/facts-sheet.service';
import { publicationRows } from '../services/publication.service';
import { currentResultRows } from '../services/result-rows';
import { withRetry } from '../services/retry';
import { actorOf, userActor, multipartFields } from './route-helpers';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function sendFile(reply: FastifyReply, name: string, type: string, bytes: Buffer) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  reply.header('Content-Type', type);
  reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return reply.send(bytes);
}

/** Excel and Word out (results, ledgers, 通报 .docx/.pdf), Excel in (the per-unit facts sheet). */
export function exportRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['exports'];
    const publicationSet = async (request: { actor: Parameters<typeof getVisibleAssessment>[1] }, id: string): Promise<ResultSet> => {
      const [p] = await ctx.db.select().from(publications).where(eq(publications.id, id));
      if (!p) throw new AppError('not-found', '发布不存在');
      await getVisibleAssessment(ctx, request.actor, p.assessmentId);
      const sensitivity = await assertReadable(ctx.db, request.actor, { kind: 'publication', id: p.id });
      const meta = await resultSetMeta(ctx.db, p.assessmentId, p.schemeId);
      return { ...meta, title: `${meta.assessmentName}结果（第 ${p.sequence} 版发布）`, rows: await publicationRows(ctx.db, p.id), publishedAt: p.publishedAt, sensitivity };
    };
    const exported = (request: Parameters<typeof actorOf>[0], what: string, objectId: string) => recordAudit(ctx.db, ctx.audit, actorOf(request), { action: `export.${what}`, objectType: 'publication', objectId, outcome: 'success' });

    app.get(exportsApi.resultsXlsx.path, routeOf(exportsApi.resultsXlsx), async (request, reply) => {
      const set = await publicationSet(request, request.params.id);
      await exported(request, 'results-xlsx', request.params.id);
      return sendFile(reply, `${set.title}.xlsx`, xlsx, await resultsWorkbook(set));
    });
    app.get(exportsApi.ledgersXlsx.path, routeOf(exportsApi.ledgersXlsx), async (request, reply) => {
      const set = await publicationSet(request, request.params.id);
      await exported(request, 'ledgers-xlsx', request.params.id);
      return sendFile(reply, `${set.title}台账.xlsx`, xlsx, await ledgerWorkbook(set));
    });
    app.get(exportsApi.tongbaoDocx.path, routeOf(exportsApi.tongbaoDocx), async (request, reply) => {
      const set = await publicationSet(request, request.params.id);
      const bytes = await tongbaoDocx(set, request.query);
      await exported(request, 'tongbao-docx', request.params.id);
      return sendFile(reply, `${set.assessmentName}结果通报.docx`, docx, bytes);
    });
    app.get(exportsApi.tongbaoPdf.path, routeOf(exportsApi.tongbaoPdf), async (request, reply) => {
      const set = await publicationSet(request, request.params.id);
      const bytes = await tongbaoPdf(set, request.query);
      await exported(request, 'tongbao-pdf', request.params.id);
      return sendFile(reply, `${set.assessmentName}结果通报.pdf`, 'application/pdf', bytes);
    });
    app.get(exportsApi.currentResultsXlsx.path, routeOf(exportsApi.currentResultsXlsx), async (request, reply) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const sensitivity = await assertReadable(ctx.db, request.actor, { kind: 'results', id: a.id });
      const current = await currentResultRows(ctx.db, a.id);
      if (!current.schemeId) throw new AppError('bad-request', '尚无计算结果，请先重新计算');
      const meta = await resultSetMeta(ctx.db, a.id, current.schemeId);
      await recordAudit(ctx.db, ctx.audit, actorOf(request), { action: 'export.current-results-xlsx', objectType: 'assessment', objectId: a.id, outcome: 'success' });
      return sendFile(reply, `${meta.assessmentName}计算结果.xlsx`, xlsx, await resultsWorkbook({ ...meta, title: `${meta.assessmentName}计算结果（未发布）`, rows: current.rows, publishedAt: null, sensitivity }));
    });

    const schemeAndUnit = async (assessmentId: string, organisationId: string, unitId: string) => {
      const row = await latestScheme(ctx.db, assessmentId, 'published');
      if (!row) throw new AppError('bad-request', '该考核尚无已发布的考核方案');
      const scheme = parseSchemeCached(row.sha256, row.document);
      const dbUnit = await assertUnitInOrganisation(ctx.db, organisationId, unitId);
      const unit = scheme.units.find((u) => u.code === dbUnit.code);
      if (!unit) throw new AppError('not-found', `单位“${dbUnit.name}”不在考核方案中`);
      return { scheme, unit };
    };
    app.get(exportsApi.factsTemplate.path, routeOf(exportsApi.factsTemplate), async (request, reply) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const { scheme, unit } = await schemeAndUnit(a.id, a.organisationId, request.query.unitId);
      return sendFile(reply, `${unit.name}事实填报表.xlsx`, xlsx, await factsTemplate(scheme, unit));
    });
    app.post(exportsApi.factsUpload.path, routeOf(exportsApi.factsUpload), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const user = userActor(request);
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', '须以 multipart/form-data 上传');
      const file = await request.file();
      if (!file) throw new AppError('bad-request', '缺少文件（字段 file）');
      const raw = multipartFields(file.fields);
      const parsed = factsUploadFields.safeParse(raw);
      if (!parsed.success) {
        file.file.resume();
        throw new AppError('bad-request', `请求参数有误：${parsed.error.issues.map((i) => `fields.${i.path.join('.')}: ${i.message}`).join('；')}`);
      }
      const bytes = await file.toBuffer();
      const { scheme, unit } = await schemeAndUnit(a.id, a.organisationId, parsed.data.unitId);
      const { facts, rows } = await readFactsSheet(bytes, file.filename, scheme, unit);
      const sha256 = ctx.crypto.digest(canonicalJson({ unit: unit.code, facts }));
      const claim = { kind: 'facts-import' as const, assessmentId: a.id, key: parsed.data.clientKey, userId: user.userId, request: { unit: unit.code, facts }, what: '内容不同的另一次导入' };
      type Out = { unitId: string; rows: typeof rows; written: number; created: number | null; superseded: number | null; unchanged: number | null; replayed: boolean };
      const { response, replayed } = await withClientKey<Out, Out>(ctx, claim, async (_tx, r) => r, async (key) => {
        validateFacts(facts.map((f) => ({ ...f, unit: unit.code })), scheme);
        return withRetry(() =>
          audited(ctx, actorOf(request), { action: 'fact.import-sheet', objectType: 'assessment', objectId: a.id, after: (r) => ({ file: file.filename, unit: unit.code, ...r }) }, async (tx: Db) => {
            await key.claim(tx);
            const now = ctx.clock.now();
            await tx.insert(imports).values({ assessmentId: a.id, kind: 'facts-sheet', clientKey: parsed.data.clientKey, sha256, rowCount: facts.length, importedBy: user.userId, importedAt: now });
            const writes = facts.map((f) => {
              const { ref, ...value } = f as { ref: string } & Record<string, unknown>;
              return { unitId: parsed.data.unitId, ref, factKey: String(value.id), period: periodOf(value), value, source: 'import' as const, state: 'official' as const, reportId: null, reason: `事实填报表 ${file.filename}` };
            });
            const outcome = await writeFacts(tx, a.id, user.userId, now, writes);
            return key.respond(tx, { unitId: parsed.data.unitId, rows, written: facts.length, created: outcome.created, superseded: outcome.superseded, unchanged: outcome.unchanged, replayed: false });
          }),
        );
      });
      if (!replayed) ctx.factsChanged?.(a.id);
      return response;
    });
  };
}
