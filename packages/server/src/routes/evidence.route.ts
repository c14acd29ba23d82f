import type { Db } from '../db/database';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { workApi } from '@kaohe/contract/api/work';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertInScope, scopePredicate } from '../access/scope';
import { assertReadable, constantLabelSql, readablePredicate } from '../access/labels';
import { recordAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import { evidence, reports } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { withClientKey } from '../services/client-key';
import { withRetry } from '../services/retry';
import { assertClauseExists, assertUnitInOrganisation, getVisibleAssessment } from '../services/assessment.service';
import { removeEvidenceFile, storeEvidence } from '../services/evidence-files';
import { evidenceFields } from './assessment.types';
import { actorOf, userActor, multipartFields } from './route-helpers';

const col = (c: { name: string }) => sql`${c}`;

/** Evidence files (证明材料) of a unit's clause or indicator, optionally tied to a report. */
export function evidenceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const upload = routeOf(workApi.uploadEvidence);
    app.post(
      workApi.uploadEvidence.path,
      // 201 for a new file, 200 when the clientKey replays an earlier upload
      { ...upload, schema: { ...upload.schema, response: { ...upload.schema.response, 201: workApi.uploadEvidence.response } } },
      async (request, reply) => {
        const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const actor = userActor(request);
        if (!request.isMultipart()) throw new AppError('unsupported-media-type', '须以 multipart/form-data 上传');
        const file = await request.file();
        if (!file) throw new AppError('bad-request', '缺少文件（字段 file）');
        // form fields must precede the file part so they can be checked before anything is stored
        const raw = multipartFields(file.fields);
        const parsed = evidenceFields.safeParse(raw);
        if (!parsed.success) {
          file.file.resume();
          const issues = parsed.error.issues.map((i) => ({ path: `fields.${i.path.join('.')}`, message: i.message }));
          throw new AppError('bad-request', `请求参数有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues });
        }
        const fields = parsed.data;
        try {
          await assertUnitInOrganisation(ctx.db, a.organisationId, fields.unitId);
          await assertClauseExists(ctx.db, a.id, fields.clauseKey);
          await assertInScope(ctx.db, request.actor, { assessmentId: a.id, unitId: fields.unitId, clauseKey: fields.clauseKey }, 'write');
          if (fields.reportId) {
            const [r] = await ctx.db.select().from(reports).where(and(eq(reports.id, fields.reportId), eq(reports.assessmentId, a.id), eq(reports.unitId, fields.unitId)));
            if (!r) throw new AppError('not-found', '报送不存在');
          }
        } catch (error) {
          file.file.resume();
          throw error;
        }
        const stored = await storeEvidence(ctx.config.evidence.dir, ctx.config.evidence.extensions, file.filename, file.file, ctx.config.evidence.maxBytes);
        const originalName = file.filename.slice(0, 255) || 'file';
        const claim = { kind: 'evidence' as const, assessmentId: a.id, key: fields.clientKey, userId: actor.userId, request: { unitId: fields.unitId, clauseKey: fields.clauseKey, reportId: fields.reportId ?? null, originalName, sha256: stored.sha256, sizeBytes: stored.sizeBytes }, what: '另一份材料' };
        try {
          const { response, replayed } = await withClientKey(ctx, claim, async (_tx, row: typeof evidence.$inferSelect) => ({ ...evidenceView(row), replayed: false }), (key) =>
            withRetry(() => audited(ctx, actorOf(request), { action: 'evidence.upload', objectType: 'evidence', objectIdOf: (r) => r.id, after: (r) => evidenceView(r) }, async (tx: Db) => {
              await key.claim(tx);
              const [e] = await tx
                .insert(evidence)
                .values({
                  assessmentId: a.id,
                  unitId: fields.unitId,
                  clauseKey: fields.clauseKey,
                  reportId: fields.reportId ?? null,
                  originalName,
                  storedName: stored.storedName,
                  extension: stored.extension,
                  mediaType: stored.mediaType,
                  sizeBytes: stored.sizeBytes,
                  sha256: stored.sha256,
                  clientKey: fields.clientKey,
                  uploadedBy: actor.userId,
                  uploadedAt: ctx.clock.now(),
                })
                .returning();
              await key.respond(tx, e!);
              return e!;
            })),
          );
          // a replay keeps the first upload's file; this copy of it is not needed
          if (replayed) await removeEvidenceFile(ctx.config.evidence.dir, stored.storedName);
          else reply.status(201);
          return response;
        } catch (error) {
          await removeEvidenceFile(ctx.config.evidence.dir, stored.storedName);
          throw error;
        }
      },
    );

    app.get(workApi.evidence.path, routeOf(workApi.evidence), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      const rows = await ctx.db
        .select()
        .from(evidence)
        .where(
          and(
            eq(evidence.assessmentId, a.id),
            q.unitId ? eq(evidence.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(evidence.clauseKey, q.clauseKey) : undefined,
            scopePredicate(request.actor, { assessmentId: col(evidence.assessmentId), unitId: col(evidence.unitId), clauseKey: col(evidence.clauseKey) }, 'read'),
            readablePredicate(request.actor, 'evidence', col(evidence.id), constantLabelSql('internal')),
          ),
        )
        .orderBy(desc(evidence.uploadedAt))
        .limit(q.limit);
      return rows.map(evidenceView);
    });

    app.get(workApi.downloadEvidence.path, routeOf(workApi.downloadEvidence), async (request, reply) => {
      const [row] = await ctx.db
        .select()
        .from(evidence)
        .where(
          and(
            eq(evidence.id, request.params.id),
            scopePredicate(request.actor, { assessmentId: col(evidence.assessmentId), unitId: col(evidence.unitId), clauseKey: col(evidence.clauseKey) }, 'read'),
          ),
        );
      if (!row) throw new AppError('not-found', '文件不存在');
      await assertReadable(ctx.db, request.actor, { kind: 'evidence', id: row.id });
      await recordAudit(ctx.db, ctx.audit, actorOf(request), { action: 'evidence.download', objectType: 'evidence', objectId: row.id, outcome: 'success' });
      const ascii = row.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      reply.header('Content-Type', 'application/octet-stream');
      reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.originalName)}`);
      reply.header('Content-Length', String(row.sizeBytes));
      return reply.send(createReadStream(join(ctx.config.evidence.dir, row.storedName)));
    });
  };
}


/** The DTO of an evidence row: never the stored name (the file's place on disk), times as ISO text. */
function evidenceView(e: typeof evidence.$inferSelect) {
  return {
    id: e.id,
    assessmentId: e.assessmentId,
    unitId: e.unitId,
    clauseKey: e.clauseKey,
    reportId: e.reportId,
    originalName: e.originalName,
    extension: e.extension,
    mediaType: e.mediaType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt.toISOString(),
  };
}
