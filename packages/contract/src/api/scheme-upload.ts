import { z } from 'zod';
import { assessmentParams, clientKey, idParams, isoTime, jobView, reasonText, uuid } from './common';
import { defineOperation } from './operation';

/** 方案上传：multipart 字段（文件字段名 file，须在字段之后）。 */
export const schemeUploadFields = z.strictObject({ clientKey });

export const needsReviewClause = z.object({
  code: z.string().describe('条款编码'),
  indicator: z.string().describe('所属指标'),
  text: z.string().describe('条款原文'),
  reason: z.string().describe('需要复核的原因'),
  rule: z.record(z.string(), z.unknown()).describe('当前规则（方案文件格式）'),
  unread: z.array(z.string()).optional().describe('导入时未能读懂的词句'),
  suggestion: z.string().optional().describe('建议的解读（须人工确认）'),
  source: z.string().nullable().optional().describe('出处（文件:行）'),
});

export const schemeUploadView = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    originalName: z.string().describe('上传的文件名'),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: isoTime,
    job: jobView,
    schemeId: z.string().nullable().describe('导入生成的方案草稿版本'),
    schemeVersion: z.number().int().nullable(),
    coverage: z.string().nullable().describe('评分条款编译情况（中文摘要）'),
    counts: z.record(z.string(), z.number()).nullable(),
    units: z.array(z.string()).describe('方案中识别出的单位名称'),
    issues: z.array(z.object({ severity: z.string(), message: z.string() })).describe('导入报告中的问题'),
    needsReview: z.array(needsReviewClause).describe('待复核的条款'),
    replayed: z.boolean().optional(),
  })
  .describe('方案上传及其导入结果');
export type SchemeUploadView = z.infer<typeof schemeUploadView>;

export const schemeUploadParams = idParams;
export const jobParams = idParams;

/** 复核一条待复核条款：改写规则，或确认当前解读。 */
export const clauseReviewBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('edit-rule').describe('改写规则'),
    rule: z.record(z.string(), z.unknown()).describe('新规则（方案文件格式，如 {kind: per-occurrence, effect: deduction, amount: "0.5"}）'),
    points: z.string().regex(/^\d+(\.\d{1,6})?$/, 'points 须为数字').optional().describe('条款分值（可选）'),
    note: reasonText('复核说明'),
  }),
  z.strictObject({ action: z.literal('confirm').describe('确认当前解读'), note: reasonText('复核说明') }),
]);
export const clauseReviewParams = z.strictObject({ id: uuid('id'), clauseCode: z.string().trim().min(1).max(100) });
export const clauseReviewResult = z.object({
  schemeId: z.string(),
  clauseCode: z.string(),
  action: z.enum(['edit-rule', 'confirm']),
  remaining: z.number().int().describe('仍待复核的条款数'),
});
export const needsReviewList = z.object({ schemeId: z.string(), version: z.number().int(), clauses: z.array(needsReviewClause) });

/** 发布方案被拒绝时 details 的内容。 */
export const schemePublishRefusal = z.object({
  missingUnits: z.array(z.object({ code: z.string(), name: z.string() })).describe('方案中有、系统中没有的单位'),
  needsReview: z.array(z.object({ code: z.string(), reason: z.string() })).describe('仍待复核的条款'),
});
export const schemePublishResult = z.object({ id: z.string(), version: z.number().int(), status: z.literal('published') });

const tag = 'scheme-upload';

/** The routes of packages/server/src/routes/scheme-upload.route.ts. */
export const schemeUploadApi = {
  upload: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/scheme-uploads',
    tag,
    summary: '上传方案文件',
    description: '上传 .docx/.xlsx/.doc/.txt 方案文件（multipart，字段 clientKey 在文件之前），在后台导入为方案草稿；返回上传记录与任务进度（202；同一 clientKey 重复提交返回 200 和第一次的记录）。',
    permission: 'scheme:write',
    params: assessmentParams,
    response: schemeUploadView,
    errors: ['not-found', 'conflict', 'payload-too-large', 'unsupported-media-type'],
  }),
  list: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/scheme-uploads',
    tag,
    summary: '方案上传记录',
    description: '本考核的方案上传及导入进度，最新在前。',
    permission: 'scheme:read',
    params: assessmentParams,
    response: z.array(schemeUploadView),
    errors: ['not-found'],
  }),
  get: defineOperation({
    method: 'GET',
    path: '/api/scheme-uploads/:id',
    tag,
    summary: '一次方案上传',
    description: '上传记录、导入任务进度、导入报告摘要和待复核条款。',
    permission: 'scheme:read',
    params: schemeUploadParams,
    response: schemeUploadView,
    errors: ['not-found'],
  }),
  job: defineOperation({
    method: 'GET',
    path: '/api/jobs/:id',
    tag,
    summary: '后台任务进度',
    description: '任务状态、进度百分比、当前步骤与失败原因（中文）。',
    permission: 'scheme:read',
    params: jobParams,
    response: jobView,
    errors: ['not-found'],
  }),
  needsReview: defineOperation({
    method: 'GET',
    path: '/api/schemes/:id/needs-review',
    tag,
    summary: '待复核条款',
    description: '方案版本中仍标为待复核的条款及原因。',
    permission: 'scheme:read',
    params: schemeUploadParams,
    response: needsReviewList,
    errors: ['not-found'],
  }),
  review: defineOperation({
    method: 'POST',
    path: '/api/schemes/:id/clauses/:clauseCode/review',
    tag,
    summary: '复核一条条款',
    description: '考评办改写待复核条款的规则（edit-rule）或确认当前解读（confirm），附说明；每次修改记入审计日志（含修改前后）。',
    permission: 'scheme:write',
    params: clauseReviewParams,
    body: clauseReviewBody,
    response: clauseReviewResult,
    errors: ['not-found', 'scheme-published', 'conflict'],
  }),
} as const;
