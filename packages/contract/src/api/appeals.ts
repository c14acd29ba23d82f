import { z } from 'zod';
import { clientKey, isoTime, reasonText, uuid, versionField } from './common';
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
