import { unitsFromSchemeBody, unitsFromSchemeResult } from '@kaohe/contract/api/units-from-scheme';
import { idParams } from '@kaohe/contract/api/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { requirePermission } from '../http/require-permission';
import { audited } from '../services/audited';
import { getVisibleAssessment } from '../services/assessment.service';
import { getScheme } from '../services/scheme-version.service';
import { unitsFromScheme } from '../services/units-from-scheme.service';
import { actorOf } from './route-helpers';

/** One call creates or matches every unit a scheme names. */
export function unitsFromSchemeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/schemes/:id/units',
      {
        schema: {
          tags: ['scheme-upload'],
          summary: '从方案建立或匹配单位',
          description: '按编码、名称和别名把方案中的单位与系统中的单位对应：唯一相符的匹配，没有的新建，有歧义的列出候选且不写入任何内容（可用 resolutions 指定后再提交）。dryRun 只预览。',
          params: idParams,
          body: unitsFromSchemeBody,
          response: { 200: unitsFromSchemeResult },
        },
        preHandler: requirePermission('unit:from-scheme'),
      },
      async (request) => {
        const scheme = await getScheme(ctx.db, request.params.id);
        const assessment = await getVisibleAssessment(ctx, request.actor, scheme.assessmentId);
        if (request.body.dryRun) return unitsFromScheme(ctx, ctx.db, scheme, assessment.organisationId, request.body);
        return audited(
          ctx,
          actorOf(request),
          { action: 'unit.from-scheme', objectType: 'scheme', objectId: scheme.id, after: (r) => ({ applied: r.applied, matched: r.matched.length, created: r.created.map((c) => c.schemeName), ambiguous: r.ambiguous.map((a) => a.schemeName), recoded: r.recoded }) },
          async (tx: Db) => unitsFromScheme(ctx, tx, await getScheme(tx, scheme.id), assessment.organisationId, request.body),
        );
      },
    );
  };
}
