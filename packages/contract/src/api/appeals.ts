import { z } from 'zod';
import { assessmentParams, clientKey, isoTime, reasonText, uuid, versionField } from './common';
import { defineOperation } from './operation';
import { publicationView } from './publication';

export const appealBody = z.strictObject({
  clientKey,
  unitId: uuid('unitId'),
  ref: z.string().trim().min(1).max(100).describe('申诉的台账行所属的指标或条款编码'),
  lineIndex: z.number().int().min(0).describe('台账行在该单位台账中的序号（从 0 开始）'),
  reason: reasonText('申诉理由'),
  evidenceIds: z.array(uuid('evidenceIds')).max(20).default([]).describe('佐证材料（已上传的证据文件）'),
});
export const leadOpinionBody = z.strictObject({
  opinion: z.enum(['uphold', 'reject']).describe('牵头部门意见：成立 / 不成立'),
  reason: reasonText('意见理由'),
  version: versionField,
});
export const appealDecisionBody = z.strictObject({
  decision: z.enum(['upheld', 'rejected']).describe('考评办决定：申诉成立 / 驳回'),
  reason: reasonText('决定理由'),
  version: versionField,
});
export const appealView = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    publicationId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    ref: z.string(),
    lineIndex: z.number().int(),
    line: z.object({ text: z.string().describe('台账行（中文）'), amount: z.string() }),
    reason: z.string(),
    evidenceIds: z.array(z.string()),
    status: z.enum(['submitted', 'lead-reviewed', 'upheld', 'rejected']),
    statusName: z.string().describe('状态（中文）'),
    leadOpinion: z.enum(['uphold', 'reject']).nullable(),
    leadReason: z.string().nullable(),
    leadAt: isoTime.nullable(),
    decision: z.enum(['upheld', 'rejected']).nullable(),
    decisionReason: z.string().nullable(),
    decidedAt: isoTime.nullable(),
    resultPublicationId: z.string().nullable(),
    createdAt: isoTime,
    version: z.number().int(),
  })
  .describe('申诉');
export type AppealView = z.infer<typeof appealView>;
export const appealDecisionResult = z.object({ appeal: appealView, publication: publicationView.nullable() });
export const appealParams = z.strictObject({ id: uuid('id') });

const tag = 'appeals';
/** The appeal routes as operations: the server registers them with routeOf, the web calls them. */
export const appealsApi = {
  submit: defineOperation({ method: 'POST', path: '/api/assessments/:id/appeals', tag, summary: '提出申诉', description: '发布后的申诉期内，单位对本单位已发布台账中的一行提出申诉，附理由和佐证材料。', permission: 'appeal:submit', params: assessmentParams, body: appealBody, response: appealView, errors: ['not-found', 'conflict'] }),
  list: defineOperation({ method: 'GET', path: '/api/assessments/:id/appeals', tag, summary: '申诉列表', description: '考评办看到全部，考核牵头部门看到其牵头条款的，单位看到本单位的。', permission: 'appeal:read', params: assessmentParams, response: z.array(appealView), errors: ['not-found'] }),
  get: defineOperation({ method: 'GET', path: '/api/appeals/:id', tag, summary: '一份申诉', description: '申诉的理由、所涉台账行、牵头部门意见和考评办决定。', permission: 'appeal:read', params: appealParams, response: appealView, errors: ['not-found'] }),
  leadOpinion: defineOperation({ method: 'POST', path: '/api/appeals/:id/lead-opinion', tag, summary: '牵头部门复核意见', description: '该条款的考核牵头部门提出申诉成立或不成立的意见及理由。', permission: 'appeal:review', params: appealParams, body: leadOpinionBody, response: appealView, errors: ['not-found', 'conflict'] }),
  decide: defineOperation({ method: 'POST', path: '/api/appeals/:id/decision', tag, summary: '考评办决定', description: '申诉成立时，须已更正事实或评判并重新计算：决定即以更正后的结果发布新版本，并记录与上一版本的差异；驳回则原发布不变。', permission: 'appeal:decide', params: appealParams, body: appealDecisionBody, response: appealDecisionResult, errors: ['not-found', 'conflict'] }),
} as const;
