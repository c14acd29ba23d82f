import { appealBody, appealDecisionBody, appealDecisionResult, appealParams, appealView, leadOpinionBody } from '@kaohe/contract/api/appeals';
import { assessmentParams } from '@kaohe/contract/api/common';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertInScope } from '../access/scope';
import type { ServerContext } from '../context';
import { appeals } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { appealOut, appealScope, decideAppeal, getVisibleAppeal, leadOpinion, submitAppeal } from '../services/appeal.service';
import { getVisibleAssessment } from '../services/assessment.service';
import { actorOf, userActor } from './route-helpers';

/** 申诉 by a unit → 复核 opinion of the lead assessor → decision of the 考评办 (upheld: a new publication version). */
export function appealRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['appeals'];
    app.post(
      '/api/assessments/:id/appeals',
      { schema: { tags, summary: '提出申诉', description: '发布后的申诉期内，单位对本单位已发布台账中的一行提出申诉，附理由和佐证材料。', params: assessmentParams, body: appealBody, response: { 200: appealView } }, preHandler: requirePermission('appeal:submit') },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        await assertInScope(ctx.db, request.actor, { assessmentId: assessment.id, unitId: request.body.unitId, clauseKey: null }, 'write');
        return submitAppeal(ctx, actorOf(request), userActor(request).userId, assessment, request.body);
      },
    );
    app.get(
      '/api/assessments/:id/appeals',
      { schema: { tags, summary: '申诉列表', description: '考评办看到全部，考核牵头部门看到其牵头条款的，单位看到本单位的。', params: assessmentParams, response: { 200: z.array(appealView) } }, preHandler: requirePermission('appeal:read') },
      async (request) => {
        const assessment = await getVisibleAssessment(ctx, request.actor, request.params.id);
        const rows = await ctx.db.select().from(appeals).where(and(eq(appeals.assessmentId, assessment.id), appealScope(request.actor))).orderBy(desc(appeals.createdAt));
        return Promise.all(rows.map((r) => appealOut(ctx.db, r)));
      },
    );
    app.get(
      '/api/appeals/:id',
      { schema: { tags, summary: '一份申诉', params: appealParams, response: { 200: appealView } }, preHandler: requirePermission('appeal:read') },
      async (request) => appealOut(ctx.db, await getVisibleAppeal(ctx.db, request.actor, request.params.id)),
    );
    app.post(
      '/api/appeals/:id/lead-opinion',
      { schema: { tags, summary: '牵头部门复核意见', description: '该条款的考核牵头部门提出申诉成立或不成立的意见及理由。', params: appealParams, body: leadOpinionBody, response: { 200: appealView } }, preHandler: requirePermission('appeal:review') },
      async (request) => {
        const appeal = await getVisibleAppeal(ctx.db, request.actor, request.params.id);
        return appealOut(ctx.db, await leadOpinion(ctx, actorOf(request), request.actor, appeal, request.body));
      },
    );
    app.post(
      '/api/appeals/:id/decision',
      {
        schema: { tags, summary: '考评办决定', description: '申诉成立时，须已更正事实或评判并重新计算：决定即以更正后的结果发布新版本，并记录与上一版本的差异；驳回则原发布不变。', params: appealParams, body: appealDecisionBody, response: { 200: appealDecisionResult } },
        preHandler: requirePermission('appeal:decide'),
      },
      async (request) => {
        const appeal = await getVisibleAppeal(ctx.db, request.actor, request.params.id);
        const assessment = await getVisibleAssessment(ctx, request.actor, appeal.assessmentId);
        const result = await decideAppeal(ctx, actorOf(request), userActor(request).userId, assessment, appeal, request.body);
        return { appeal: await appealOut(ctx.db, result.appeal), publication: result.publication };
      },
    );
  };
}
