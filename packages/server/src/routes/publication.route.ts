import { publicationApi } from '@kaohe/contract/api/publication';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertInScope, scopePredicate } from '../access/scope';
import { assertReadable, constantLabelSql, readablePredicate } from '../access/labels';
import type { Actor } from '../access/roles';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { publications, publicityObjections, publicityPeriods, units } from '../db/schema';
import { routeOf } from '../http/route-schema';
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
      publicationApi.openPublicity.path,
      routeOf(publicationApi.openPublicity),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const period = await openPublicity(ctx, actorOf(request), userActor(request).userId, assessment, request.body);
        return periodView(request.actor, period);
      },
    );
    app.get(
      publicationApi.listPublicity.path,
      routeOf(publicationApi.listPublicity),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const periods = await ctx.db.select().from(publicityPeriods).where(eq(publicityPeriods.assessmentId, assessment.id)).orderBy(desc(publicityPeriods.sequence));
        return Promise.all(periods.map((p) => periodView(request.actor, p)));
      },
    );
    app.post(
      publicationApi.withdraw.path,
      routeOf(publicationApi.withdraw),
      async (request) => {
        const { period } = await getPeriod(request.actor, request.params.id);
        return periodView(request.actor, await withdrawPublicity(ctx, actorOf(request), period, request.body.reason));
      },
    );
    app.post(
      publicationApi.objectionSubmit.path,
      routeOf(publicationApi.objectionSubmit),
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
      publicationApi.objections.path,
      routeOf(publicationApi.objections),
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
      publicationApi.objectionAnswer.path,
      routeOf(publicationApi.objectionAnswer),
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
      publicationApi.publish.path,
      routeOf(publicationApi.publish),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        return publishAfterPublicity(ctx, actorOf(request), userActor(request).userId, assessment, request.body);
      },
    );
    app.get(
      publicationApi.listPublications.path,
      routeOf(publicationApi.listPublications),
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const rows = await ctx.db.select({ id: publications.id }).from(publications).where(and(eq(publications.assessmentId, assessment.id), readablePredicate(request.actor, 'publication', sql`${publications.id}`, constantLabelSql('public')))).orderBy(asc(publications.sequence));
        return Promise.all(rows.map((r) => viewOf(ctx.db, r.id)));
      },
    );
    app.get(
      publicationApi.results.path,
      routeOf(publicationApi.results),
      async (request) => {
        const view = await viewOf(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, view.assessmentId);
        await assertReadable(ctx.db, request.actor, { kind: 'publication', id: view.id });
        return { publication: view, results: (await visibleRows(ctx, request.actor, view.assessmentId, await publicationRows(ctx.db, view.id))).map(publicRow) };
      },
    );
    app.get(
      publicationApi.ledger.path,
      routeOf(publicationApi.ledger),
      async (request) => {
        const view = await viewOf(ctx.db, request.params.id);
        await getVisibleAssessment(ctx, request.actor, view.assessmentId);
        await assertReadable(ctx.db, request.actor, { kind: 'publication', id: view.id });
        const row = (await visibleRows(ctx, request.actor, view.assessmentId, await publicationRows(ctx.db, view.id))).find((r) => r.unitId === request.params.unitId);
        if (!row) throw new AppError('not-found', '该发布版本中没有该单位的结果');
        return { publicationId: view.id, sequence: view.sequence, unit: publicRow(row), lines: ledgerLines(row.ledger).map((l, index) => ({ index, ...l })) };
      },
    );
    app.get(
      publicationApi.verify.path,
      routeOf(publicationApi.verify),
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
