import type { Db } from '../db/database';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertInScope, scopePredicate } from '../access/scope';
import { recordAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import { evidence, facts, imports, judgements, reports, units } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { assertClauseExists, assertUnitInOrganisation, getVisibleAssessment, latestScheme } from '../services/assessment.service';
import { parseSchemeCached, validateFacts } from '../services/evaluator';
import { removeEvidenceFile, storeEvidence } from '../services/evidence-files';
import { canonicalJson } from '../lib/canonical-json';
import { assessmentParams, evidenceFields, importFactsBody, judgementBody, reportBody, scopedListQuery } from './assessment.types';
import { actorOf, idParams, userActor } from './route-helpers';

const col = (c: { name: string }) => sql`${c}`;

/** Facts (import and list), reports, judgements and evidence files: the assessed work itself. */
export function workRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['work'];

    app.get('/api/assessments/:id/facts', { schema: { tags, params: assessmentParams, querystring: scopedListQuery }, preHandler: requirePermission('fact:read') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      return ctx.db
        .select()
        .from(facts)
        .where(
          and(
            eq(facts.assessmentId, a.id),
            q.unitId ? eq(facts.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(facts.clauseKey, q.clauseKey) : undefined,
            scopePredicate(request.actor, { assessmentId: col(facts.assessmentId), unitId: col(facts.unitId), clauseKey: col(facts.clauseKey) }, 'read'),
          ),
        )
        .orderBy(asc(facts.unitId), asc(facts.factKey))
        .limit(q.limit);
    });

    // An import is one transaction and idempotent: the same clientKey with the same content
    // returns the earlier result; with different content it is refused.
    app.post('/api/assessments/:id/facts/import', { schema: { tags, params: assessmentParams, body: importFactsBody }, preHandler: requirePermission('fact:import'), bodyLimit: 32 * 1024 * 1024 }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const actor = userActor(request);
      const sha256 = ctx.crypto.digest(canonicalJson(request.body.facts));
      const [previous] = await ctx.db.select().from(imports).where(and(eq(imports.assessmentId, a.id), eq(imports.clientKey, request.body.clientKey)));
      if (previous) {
        if (previous.sha256 !== sha256) throw new AppError('conflict', 'clientKey 已用于内容不同的另一次导入');
        return { importId: previous.id, count: previous.rowCount, replayed: true };
      }
      const unitRows = await ctx.db.select({ id: units.id, code: units.code }).from(units).where(eq(units.organisationId, a.organisationId));
      const unitByCode = new Map(unitRows.map((u) => [u.code, u.id]));
      const seen = new Set<string>();
      request.body.facts.forEach((f, i) => {
        if (!unitByCode.has(f.unit)) throw new AppError('not-found', `facts.${i}.unit: 未知单位“${f.unit}”`);
        const key = `${f.unit}\u0000${f.id}`;
        if (seen.has(key)) throw new AppError('bad-request', `facts.${i}.id: 事实编号“${f.id}”重复`);
        seen.add(key);
      });
      await validateAgainstScheme(ctx, a.id, request.body.facts);
      const now = ctx.clock.now();
      return audited(ctx, actorOf(request), { action: 'fact.import', objectType: 'assessment', objectId: a.id, after: (r) => r }, async (tx: Db) => {
        const [imp] = await tx
          .insert(imports)
          .values({ assessmentId: a.id, kind: 'facts', clientKey: request.body.clientKey, sha256, rowCount: request.body.facts.length, importedBy: actor.userId, importedAt: now })
          .returning();
        const rows = request.body.facts.map((f) => ({
          assessmentId: a.id,
          unitId: unitByCode.get(f.unit)!,
          clauseKey: f.ref,
          factKey: f.id,
          value: f,
          source: 'import',
          updatedBy: actor.userId,
          updatedAt: now,
        }));
        for (let i = 0; i < rows.length; i += 500) {
          await tx
            .insert(facts)
            .values(rows.slice(i, i + 500))
            .onConflictDoUpdate({
              target: [facts.assessmentId, facts.unitId, facts.factKey],
              set: { value: sql`excluded.value`, clauseKey: sql`excluded.clause_key`, source: sql`excluded.source`, updatedBy: actor.userId, updatedAt: now },
            });
        }
        return { importId: imp!.id, count: rows.length, replayed: false };
      }).then((result) => {
        ctx.factsChanged?.(a.id);
        return result;
      });
    });

    app.get('/api/assessments/:id/reports', { schema: { tags, params: assessmentParams, querystring: scopedListQuery }, preHandler: requirePermission('report:read') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      return ctx.db
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.assessmentId, a.id),
            q.unitId ? eq(reports.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(reports.clauseKey, q.clauseKey) : undefined,
            scopePredicate(request.actor, { assessmentId: col(reports.assessmentId), unitId: col(reports.unitId), clauseKey: col(reports.clauseKey) }, 'read'),
          ),
        )
        .orderBy(desc(reports.submittedAt))
        .limit(q.limit);
    });

    app.post('/api/assessments/:id/reports', { schema: { tags, params: assessmentParams, body: reportBody }, preHandler: requirePermission('report:submit') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const actor = userActor(request);
      const body = request.body;
      const unit = await assertUnitInOrganisation(ctx.db, a.organisationId, body.unitId);
      await assertClauseExists(ctx.db, a.id, body.clauseKey);
      await assertInScope(ctx.db, request.actor, { assessmentId: a.id, unitId: unit.id, clauseKey: body.clauseKey }, 'write');
      const [previous] = await ctx.db.select().from(reports).where(and(eq(reports.assessmentId, a.id), eq(reports.clientKey, body.clientKey)));
      if (previous) {
        if (previous.submittedBy !== actor.userId || previous.unitId !== unit.id || previous.clauseKey !== body.clauseKey) {
          throw new AppError('conflict', 'clientKey 已用于另一份报送');
        }
        return { ...previous, replayed: true };
      }
      const now = ctx.clock.now();
      const factsWithRef = body.facts.map((f) => ({ ...f, unit: unit.code, ref: body.clauseKey }));
      if (factsWithRef.length > 0) await validateAgainstScheme(ctx, a.id, factsWithRef);
      const row = await audited(ctx, actorOf(request), { action: 'report.submit', objectType: 'report', objectIdOf: (r) => r.id, after: (r) => ({ unitId: r.unitId, clauseKey: r.clauseKey, facts: r.facts }) }, async (tx: Db) => {
        const [report] = await tx
          .insert(reports)
          .values({ assessmentId: a.id, unitId: unit.id, clauseKey: body.clauseKey, narrative: body.narrative ?? null, facts: factsWithRef, clientKey: body.clientKey, submittedBy: actor.userId, submittedAt: now })
          .returning();
        for (const f of factsWithRef) {
          await tx
            .insert(facts)
            .values({ assessmentId: a.id, unitId: unit.id, clauseKey: body.clauseKey, factKey: f.id, value: f, source: 'report', reportId: report!.id, updatedBy: actor.userId, updatedAt: now })
            .onConflictDoUpdate({
              target: [facts.assessmentId, facts.unitId, facts.factKey],
              set: { value: f, clauseKey: body.clauseKey, source: 'report', reportId: report!.id, updatedBy: actor.userId, updatedAt: now },
            });
        }
        return report!;
      });
      if (factsWithRef.length > 0) ctx.factsChanged?.(a.id);
      return { ...row, replayed: false };
    });

    app.get('/api/assessments/:id/judgements', { schema: { tags, params: assessmentParams, querystring: scopedListQuery }, preHandler: requirePermission('judgement:read') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const q = request.query;
      return ctx.db
        .select()
        .from(judgements)
        .where(
          and(
            eq(judgements.assessmentId, a.id),
            q.unitId ? eq(judgements.unitId, q.unitId) : undefined,
            q.clauseKey ? eq(judgements.clauseKey, q.clauseKey) : undefined,
            scopePredicate(request.actor, { assessmentId: col(judgements.assessmentId), unitId: col(judgements.unitId), clauseKey: col(judgements.clauseKey) }, 'read'),
          ),
        )
        .orderBy(desc(judgements.enteredAt))
        .limit(q.limit);
    });

    app.post('/api/assessments/:id/judgements', { schema: { tags, params: assessmentParams, body: judgementBody }, preHandler: requirePermission('judgement:write') }, async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const actor = userActor(request);
      const body = request.body;
      await assertUnitInOrganisation(ctx.db, a.organisationId, body.unitId);
      await assertClauseExists(ctx.db, a.id, body.clauseKey);
      await assertInScope(ctx.db, request.actor, { assessmentId: a.id, unitId: body.unitId, clauseKey: body.clauseKey }, 'write');
      if (body.clientKey) {
        const [previous] = await ctx.db.select().from(judgements).where(and(eq(judgements.assessmentId, a.id), eq(judgements.clientKey, body.clientKey)));
        if (previous) {
          if (previous.enteredBy !== actor.userId) throw new AppError('conflict', 'clientKey 已被使用');
          return previous;
        }
      }
      const row = await audited(ctx, actorOf(request), { action: `judgement.${body.kind}`, objectType: 'judgement', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [inserted] = await tx
          .insert(judgements)
          .values({ assessmentId: a.id, unitId: body.unitId, clauseKey: body.clauseKey, kind: body.kind, points: body.points, reason: body.reason, clientKey: body.clientKey ?? null, enteredBy: actor.userId, enteredAt: ctx.clock.now() })
          .returning();
        return inserted!;
      });
      ctx.factsChanged?.(a.id);
      return row;
    });

    app.post(
      '/api/assessments/:id/evidence',
      { schema: { tags, params: assessmentParams, consumes: ['multipart/form-data'] }, preHandler: requirePermission('evidence:upload') },
      async (request, reply) => {
        const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const actor = userActor(request);
        if (!request.isMultipart()) throw new AppError('unsupported-media-type', '须以 multipart/form-data 上传');
        const file = await request.file();
        if (!file) throw new AppError('bad-request', '缺少文件（字段 file）');
        // form fields must precede the file part so they can be checked before anything is stored
        const raw: Record<string, string> = {};
        for (const [name, field] of Object.entries(file.fields)) {
          const f = Array.isArray(field) ? field[0] : field;
          if (f && f.type === 'field' && typeof f.value === 'string') raw[name] = f.value;
        }
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
        const [previous] = await ctx.db.select().from(evidence).where(and(eq(evidence.assessmentId, a.id), eq(evidence.clientKey, fields.clientKey)));
        if (previous) {
          file.file.resume();
          if (previous.uploadedBy !== actor.userId) throw new AppError('conflict', 'clientKey 已被使用');
          return { ...evidenceView(previous), replayed: true };
        }
        const stored = await storeEvidence(ctx.config.evidence.dir, ctx.config.evidence.extensions, file.filename, file.file, ctx.config.evidence.maxBytes);
        try {
          const row = await audited(ctx, actorOf(request), { action: 'evidence.upload', objectType: 'evidence', objectIdOf: (r) => r.id, after: (r) => evidenceView(r) }, async (tx: Db) => {
            const [e] = await tx
              .insert(evidence)
              .values({
                assessmentId: a.id,
                unitId: fields.unitId,
                clauseKey: fields.clauseKey,
                reportId: fields.reportId ?? null,
                originalName: file.filename.slice(0, 255) || 'file',
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
            return e!;
          });
          reply.status(201);
          return { ...evidenceView(row), replayed: false };
        } catch (error) {
          await removeEvidenceFile(ctx.config.evidence.dir, stored.storedName);
          throw error;
        }
      },
    );

    app.get('/api/assessments/:id/evidence', { schema: { tags, params: assessmentParams, querystring: scopedListQuery }, preHandler: requirePermission('evidence:read') }, async (request) => {
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
          ),
        )
        .orderBy(desc(evidence.uploadedAt))
        .limit(q.limit);
      return rows.map(evidenceView);
    });

    app.get('/api/evidence/:id', { schema: { tags, params: idParams }, preHandler: requirePermission('evidence:read') }, async (request, reply) => {
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
      await recordAudit(ctx.db, ctx.audit, actorOf(request), { action: 'evidence.download', objectType: 'evidence', objectId: row.id, outcome: 'success' });
      const ascii = row.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      reply.header('Content-Type', 'application/octet-stream');
      reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.originalName)}`);
      reply.header('Content-Length', String(row.sizeBytes));
      return reply.send(createReadStream(join(ctx.config.evidence.dir, row.storedName)));
    });
  };
}

/** Facts are checked by the contract against the assessment's latest scheme before anything is written. */
async function validateAgainstScheme(ctx: ServerContext, assessmentId: string, list: unknown[]) {
  const scheme = await latestScheme(ctx.db, assessmentId);
  if (!scheme) throw new AppError('bad-request', '该考核尚无考核方案');
  validateFacts(list, parseSchemeCached(scheme.sha256, scheme.document));
}

function evidenceView(e: typeof evidence.$inferSelect) {
  const { storedName: _hidden, ...rest } = e;
  return rest;
}
