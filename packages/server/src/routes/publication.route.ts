import { assessmentParams, idParams, reasonText } from '@kaohe/contract/api/common';
import { publishedLedger, publishedLedgerParams, objectionAnswerBody, objectionBody, objectionParams, objectionView, openPublicityBody, publicationResults, publicationView, publicityView, publishBody, verifyView } from '@kaohe/contract/api/publication';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertInScope, scopePredicate } from '../access/scope';
import type { Actor } from '../access/roles';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { publications, publicityObjections, publicityPeriods, units } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import { openPublicity, publicationRows, publicationView as viewOf, publishAfterPublicity, verifyPublication, withdrawPublicity } from '../services/publication.service';
import { type FullRow, ledgerLines, publicRow } from '../services/result-rows';
import { actorOf, userActor } from './route-helpers';

const periodStatusNames = { open: '公示中', published: '已发布', withdrawn: '已撤回' } as const;
const objectionStatusNames = { open: '待答复', answered: '已答复' } as const;

/** Rows an actor may see: the 考评办 and leaders by their scope, a unit only its own. */
async function visibleRows(ctx: ServerContext, actor: Actor, assessmentId: string, rows: FullRow[]): Promise<FullRow[]> {
  if (rows.length === 0) return rows;
  const allowed = (await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(scopePredicate(actor, { assessmentId: sql`CAST(${assessmentId} AS uuid)`, unitId: sql`${units.id}`, clauseKey: null }, 'read'))) as { id: string }[];
  const ids = new Set(allowed.map((u) => u.id));
  return rows.filter((r) => ids.has(r.unitId));
}

/** 公示 (preview, objections) → 发布 (immutable snapshot with digest) → verify. */
export function publicationRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['publication'];
    const periodView = async (actor: Actor, period: typeof publicityPeriods.$inferSelect) => {
      const open = await ctx.db.select({ id: publicityObjections.id }).from(publicityObjections).where(and(eq(publicityObjections.periodId, period.id), eq(publicityObjections.status, 'open')));
      return {
        id: period.id,
        assessmentId: period.assessmentId,
        sequence: period.sequence,
        status: period.status as 'open' | 'published' | 'withdrawn',
        statusName: periodStatusNames[period.status as keyof typeof periodStatusNames],
        startsAt: period.startsAt.toISOString(),
        endsAt: period.endsAt.toISOString(),
        note: period.note ?? null,
        previewDigest: period.previewDigest,
        openObjections: open.length,
        results: (await visibleRows(ctx, actor, period.assessmentId, period.preview as FullRow[])).map(publicRow),
        version: period.version,
      };
    };
    const getPeriod = async (actor: Actor, id: string) => {
      const [period] = await ctx.db.select().from(publicityPeriods).where(eq(publicityPeriods.id, id));
      if (!period) throw new AppError('not-found', '公示不存在');
      const assessment = await getVisibleAssessment(ctx, actor, period.assessmentId);
      return { period, assessment };
    };

    app.post(
      '/api/assessments/:id/publicity',
      { schema: { tags, summary: '开始公示', description: '以当前计算结果开始公示（结果须按最新事实计算）；公示期内各单位可查看本单位结果并提出异议。', params: assessmentParams, body: openPublicityBody, response: { 200: publicityView } }, preHandler: requirePermission('result:publish') },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const period = await openPublicity(ctx, actorOf(request), userActor(request).userId, assessment, request.body);
        return periodView(request.actor, period);
      },
    );
    app.get(
      '/api/assessments/:id/publicity',
      { schema: { tags, summary: '公示列表', description: '本考核的各次公示，含公示结果（单位只看到本单位）。', params: assessmentParams, response: { 200: z.array(publicityView) } }, preHandler: requirePermission('result:read') },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const periods = await ctx.db.select().from(publicityPeriods).where(eq(publicityPeriods.assessmentId, assessment.id)).orderBy(desc(publicityPeriods.sequence));
        return Promise.all(periods.map((p) => periodView(request.actor, p)));
      },
    );
    app.post(
      '/api/publicity/:id/withdraw',
      { schema: { tags, summary: '撤回公示', description: '结果需要更正时撤回公示，更正并重新计算后再次公示。', params: idParams, body: z.strictObject({ reason: reasonText('撤回原因') }), response: { 200: publicityView } }, preHandler: requirePermission('result:publish') },
      async (request) => {
        const { period } = await getPeriod(request.actor, request.params.id);
        return periodView(request.actor, await withdrawPublicity(ctx, actorOf(request), period, request.body.reason));
      },
    );
    app.post(
      '/api/publicity/:id/objections',
      { schema: { tags, summary: '提出异议', description: '公示期内，单位对本单位的公示结果提出异议。', params: idParams, body: objectionBody, response: { 200: objectionView } }, preHandler: requirePermission('objection:submit') },
      async (request) => {
        const { period } = await getPeriod(request.actor, request.params.id);
        const user = userActor(request);
        await assertInScope(ctx.db, request.actor, { assessmentId: period.assessmentId, unitId: request.body.unitId, clauseKey: null }, 'write');
        if (period.status !== 'open' || ctx.clock.now() >= period.endsAt) throw new AppError('conflict', '公示期已结束，不能再提出异议（发布后可在申诉期内申诉）');
        const row = await audited(ctx, actorOf(request), { action: 'publicity.objection', objectType: 'objection', objectIdOf: (r) => r.id }, async (tx: Db) => {
          const [o] = await tx.insert(publicityObjections).values({ periodId: period.id, assessmentId: period.assessmentId, unitId: request.body.unitId, ref: request.body.ref ?? null, text: request.body.text, status: 'open', createdBy: user.userId, createdAt: ctx.clock.now() }).returning();
          return o!;
        });
        return objectionOut(ctx, row);
      },
    );
    app.get(
      '/api/publicity/:id/objections',
      { schema: { tags, summary: '公示异议', description: '本次公示收到的异议及答复（单位只看到本单位的）。', params: idParams, response: { 200: z.array(objectionView) } }, preHandler: requirePermission('result:read') },
      async (request) => {
        const { period } = await getPeriod(request.actor, request.params.id);
        const rows = await ctx.db
          .select()
          .from(publicityObjections)
          .where(and(eq(publicityObjections.periodId, period.id), scopePredicate(request.actor, { assessmentId: sql`${publicityObjections.assessmentId}`, unitId: sql`${publicityObjections.unitId}`, clauseKey: null }, 'read')))
          .orderBy(asc(publicityObjections.createdAt));
        return Promise.all(rows.map((r) => objectionOut(ctx, r)));
      },
    );
    app.post(
      '/api/objections/:id/answer',
      { schema: { tags, summary: '答复异议', description: '考评办答复公示异议；所有异议答复后才能发布。', params: objectionParams, body: objectionAnswerBody, response: { 200: objectionView } }, preHandler: requirePermission('result:publish') },
      async (request) => {
        const [o] = await ctx.db.select().from(publicityObjections).where(eq(publicityObjections.id, request.params.id));
        if (!o) throw new AppError('not-found', '异议不存在');
        await getVisibleAssessment(ctx, request.actor, o.assessmentId);
        const user = userActor(request);
        const row = await audited(ctx, actorOf(request), { action: 'publicity.objection-answer', objectType: 'objection', objectId: o.id, before: { status: o.status, answer: o.answer }, after: (r) => ({ status: r.status, answer: r.answer }) }, async (tx: Db) => {
          const [updated] = await tx
            .update(publicityObjections)
            .set({ status: 'answered', answer: request.body.answer, answeredBy: user.userId, answeredAt: ctx.clock.now(), version: o.version + 1 })
            .where(and(eq(publicityObjections.id, o.id), eq(publicityObjections.version, request.body.version)))
            .returning();
          if (!updated) throw new AppError('conflict', `该异议已被修改（当前版本 ${o.version}），请刷新后重试`);
          return updated;
        });
        return objectionOut(ctx, row);
      },
    );

    app.post(
      '/api/assessments/:id/publications',
      {
        schema: { tags, summary: '发布结果', description: '公示期满且异议均已答复后发布：生成不可更改的快照（方案版本、事实、台账、等次、名次）及其摘要（SHA-256 或 SM3），开始申诉期。', params: assessmentParams, body: publishBody, response: { 200: publicationView } },
        preHandler: requirePermission('result:publish'),
      },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        return publishAfterPublicity(ctx, actorOf(request), userActor(request).userId, assessment, request.body);
      },
    );
    app.get(
      '/api/assessments/:id/publications',
      { schema: { tags, summary: '发布版本', description: '本考核的各发布版本，含与上一版本的差异。', params: assessmentParams, response: { 200: z.array(publicationView) } }, preHandler: requirePermission('result:read') },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const rows = await ctx.db.select({ id: publications.id }).from(publications).where(eq(publications.assessmentId, assessment.id)).orderBy(asc(publications.sequence));
        return Promise.all(rows.map((r) => viewOf(ctx.db, r.id)));
      },
    );
    app.get(
      '/api/publications/:id/results',
      { schema: { tags, summary: '发布的结果', description: '某一发布版本的结果（等次、分组为中文名称；单位只看到本单位）。', params: idParams, response: { 200: publicationResults } }, preHandler: requirePermission('result:read') },
      async (request) => {
        const view = await viewOf(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, view.assessmentId);
        return { publication: view, results: (await visibleRows(ctx, request.actor, view.assessmentId, await publicationRows(ctx.db, view.id))).map(publicRow) };
      },
    );
    app.get(
      '/api/publications/:id/units/:unitId',
      { schema: { tags, summary: '发布的台账', description: '某单位在某一发布版本中的得分台账，每行带行号（申诉时引用）。', params: publishedLedgerParams, response: { 200: publishedLedger } }, preHandler: requirePermission('result:read') },
      async (request) => {
        const view = await viewOf(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, view.assessmentId);
        const row = (await visibleRows(ctx, request.actor, view.assessmentId, await publicationRows(ctx.db, view.id))).find((r) => r.unitId === request.params.unitId);
        if (!row) throw new AppError('not-found', '该发布版本中没有该单位的结果');
        return { publicationId: view.id, sequence: view.sequence, unit: publicRow(row), lines: ledgerLines(row.ledger).map((l, index) => ({ index, ...l })) };
      },
    );
    app.get(
      '/api/publications/:id/verify',
      { schema: { tags, summary: '校验发布快照', description: '按快照内容重新计算摘要并核对密钥校验值、公布结果和方案版本；任何直接改库都会被发现。', params: idParams, response: { 200: verifyView } }, preHandler: requirePermission('result:read') },
      async (request) => {
        const view = await viewOf(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, view.assessmentId);
        return verifyPublication(ctx, view.id);
      },
    );
  };
}

async function objectionOut(ctx: ServerContext, o: typeof publicityObjections.$inferSelect) {
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, o.unitId));
  return {
    id: o.id,
    periodId: o.periodId,
    unitId: o.unitId,
    unitName: unit?.name ?? '',
    ref: o.ref ?? null,
    text: o.text,
    status: o.status as 'open' | 'answered',
    statusName: objectionStatusNames[o.status as keyof typeof objectionStatusNames],
    answer: o.answer ?? null,
    answeredAt: o.answeredAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    version: o.version,
  };
}
