import { labelsApi, sensitivityLabelsZh, type LabelledKind, type SensitivityLabel } from '@kaohe/contract/api';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { defaultLabel, labelOf } from '../access/labels';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { assessments, evidence, publications, schemes } from '../db/schema';
import { securityLabels } from '../db/schema-security';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import { actorOf, userActor } from './route-helpers';

/** The labelled object's assessment and default label, or 404 naming the kind. */
async function labelledObject(db: Db, kind: LabelledKind, id: string): Promise<{ assessmentId: string; fallback: SensitivityLabel }> {
  const row =
    kind === 'scheme'
      ? (await db.select({ assessmentId: schemes.assessmentId, status: schemes.status }).from(schemes).where(eq(schemes.id, id)))[0]
      : kind === 'results'
        ? (await db.select({ assessmentId: assessments.id }).from(assessments).where(eq(assessments.id, id)))[0]
        : kind === 'publication'
          ? (await db.select({ assessmentId: publications.assessmentId }).from(publications).where(eq(publications.id, id)))[0]
          : (await db.select({ assessmentId: evidence.assessmentId }).from(evidence).where(eq(evidence.id, id)))[0];
  const what = { scheme: '考核方案', results: '考核（结果集）', publication: '结果发布', evidence: '佐证材料' }[kind];
  if (!row) throw new AppError('not-found', `objectId: ${what}不存在`);
  return { assessmentId: row.assessmentId, fallback: defaultLabel(kind, 'status' in row ? (row.status as string) : null) };
}

/** 考评办 sets a sensitivity label; the change and the label it replaced are audited in one transaction. */
export function labelRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(labelsApi.getLabel.path, routeOf(labelsApi.getLabel), async (request) => {
      const { objectType, objectId } = request.query;
      const object = await labelledObject(ctx.db, objectType, objectId);
      await getVisibleAssessment(ctx, request.actor, object.assessmentId);
      const [row] = await ctx.db
        .select({ label: securityLabels.label, setAt: securityLabels.setAt })
        .from(securityLabels)
        .where(and(eq(securityLabels.objectType, objectType), eq(securityLabels.objectId, objectId)));
      const label = (row?.label as SensitivityLabel | undefined) ?? object.fallback;
      return { objectType, objectId, label, labelName: sensitivityLabelsZh[label], isDefault: !row, setAt: row ? row.setAt.toISOString() : null };
    });
    app.put(labelsApi.setLabel.path, routeOf(labelsApi.setLabel), async (request) => {
      const { objectType, objectId, label } = request.body;
      const user = userActor(request);
      const object = await labelledObject(ctx.db, objectType, objectId);
      await getVisibleAssessment(ctx, request.actor, object.assessmentId);
      const previous = await labelOf(ctx.db, objectType, objectId, object.fallback);
      const now = ctx.clock.now();
      return audited(
        ctx,
        actorOf(request),
        { action: 'label.set', objectType, objectId, before: { label: previous }, after: (r) => ({ label: r.label }) },
        async (tx: Db) => {
          await tx
            .insert(securityLabels)
            .values({ objectType, objectId, label, setBy: user.userId, setAt: now })
            .onConflictDoUpdate({ target: [securityLabels.objectType, securityLabels.objectId], set: { label, setBy: user.userId, setAt: now } });
          return { objectType, objectId, label, labelName: sensitivityLabelsZh[label], previous, setAt: now.toISOString() };
        },
      );
    });
  };
}
