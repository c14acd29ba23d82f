import { z } from 'zod';
import { clauseKeySchema, idParams, nonEmpty, timestamp, uuidParam } from './fields';
import { defineOperation } from './operation';

export const assessmentParams = z.strictObject({ id: uuidParam('id') });
export const createAssessmentBody = z.strictObject({
  organisationId: uuidParam('organisationId'),
  year: z.number().int().min(2000, '年度须在 2000–2100 之间').max(2100, '年度须在 2000–2100 之间'),
  name: nonEmpty(),
});
export const schemeBody = z.strictObject({ document: z.record(z.string(), z.unknown()) });
export const assignmentBody = z.strictObject({
  unitId: uuidParam('unitId'),
  clauseKey: clauseKeySchema,
  divisionId: uuidParam('divisionId'),
});
export const targetsBody = z.strictObject({
  targets: z
    .array(
      z.strictObject({
        unitId: uuidParam('unitId'),
        clauseKey: clauseKeySchema,
        target: nonEmpty(2000),
        value: z.union([z.string().regex(/^-?\d+(\.\d{1,6})?$/, '须为数字'), z.null()]).optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export const scopedListQuery = z.strictObject({
  unitId: uuidParam('unitId').optional(),
  clauseKey: clauseKeySchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const assessmentView = z.object({ id: z.string(), organisationId: z.string(), year: z.number().int(), name: z.string(), createdAt: timestamp });
export type AssessmentView = z.infer<typeof assessmentView>;
export const schemeStatus = z.enum(['draft', 'published']);
export const schemeStatusLabelsZh = { draft: '草稿', published: '已发布' } as const;
export const schemeVersionView = z.object({
  id: z.string(),
  version: z.number().int(),
  status: schemeStatus,
  sha256: z.string(),
  diff: z.unknown().describe('与上一版本相比的变化'),
  createdAt: timestamp,
  publishedAt: timestamp.nullable(),
});
export const schemeView = schemeVersionView.extend({
  assessmentId: z.string(),
  document: z.unknown().describe('方案文件（与 kaohe 命令行所读的格式相同）'),
  createdBy: z.string().nullable(),
});
export const schemeWriteResult = z.object({ id: z.string(), version: z.number().int(), status: schemeStatus, diff: z.unknown().optional() });
export const targetView = z.object({
  id: z.string(),
  assessmentId: z.string(),
  unitId: z.string(),
  clauseKey: z.string(),
  target: z.string(),
  value: z.unknown().nullable(),
  updatedAt: timestamp,
});

const tag = 'assessment';

export const assessmentApi = {
  list: defineOperation({
    method: 'GET',
    path: '/api/assessments',
    tag,
    summary: '考核年度列表',
    description: '当前账户可见的考核（年度目标责任制考核），按年度倒序。',
    permission: 'assessment:read',
    response: z.array(assessmentView),
    errors: [],
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/assessments',
    tag,
    summary: '新建考核',
    description: '全局考评办管理员为组织新建一个年度考核。',
    permission: 'assessment:create',
    body: createAssessmentBody,
    response: assessmentView,
    errors: ['not-found', 'conflict'],
  }),
  schemes: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/schemes',
    tag,
    summary: '方案版本',
    description: '考核方案的各版本（草稿、已发布）及与上一版本的差异。',
    permission: 'scheme:read',
    params: assessmentParams,
    response: z.array(schemeVersionView),
    errors: ['not-found'],
  }),
  createScheme: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/schemes',
    tag,
    summary: '新建方案版本',
    description: '上传方案文件（JSON），逐项校验后存为新的草稿版本，并给出与上一版本的差异。',
    permission: 'scheme:write',
    params: assessmentParams,
    body: schemeBody,
    response: schemeWriteResult,
    errors: ['not-found'],
  }),
  scheme: defineOperation({
    method: 'GET',
    path: '/api/schemes/:id',
    tag,
    summary: '方案版本详情',
    description: '一个方案版本的完整文件和状态。',
    permission: 'scheme:read',
    params: idParams,
    response: schemeView,
    errors: ['not-found'],
  }),
  updateScheme: defineOperation({
    method: 'PUT',
    path: '/api/schemes/:id',
    tag,
    summary: '修改草稿方案',
    description: '替换草稿版本的方案文件；已发布的版本不可修改，须新建版本。',
    permission: 'scheme:write',
    params: idParams,
    body: schemeBody,
    response: schemeWriteResult,
    errors: ['not-found', 'scheme-published'],
  }),
  publishScheme: defineOperation({
    method: 'POST',
    path: '/api/schemes/:id/publish',
    tag,
    summary: '发布方案版本',
    description: '发布后该版本不可修改，计算结果使用最新的已发布版本。方案中的单位在系统中不存在、或仍有待复核条款时拒绝发布，并列出它们。',
    permission: 'scheme:publish',
    params: idParams,
    response: schemeWriteResult,
    errors: ['not-found', 'scheme-published', 'conflict'],
  }),
  setAssignment: defineOperation({
    method: 'PUT',
    path: '/api/assessments/:id/assignments',
    tag,
    summary: '指定条款责任处室',
    description: '把单位的一个条款交给单位内的一个责任处室填报（已指定则改为新的处室）。',
    permission: 'assignment:write',
    params: assessmentParams,
    body: assignmentBody,
    response: z.object({ assessmentId: z.string(), unitId: z.string(), clauseKey: z.string(), divisionId: z.string() }),
    errors: ['not-found'],
  }),
  targets: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/targets',
    tag,
    summary: '目标分解',
    description: '各单位各条款的年度目标（按数据范围过滤），可按单位或条款筛选。',
    permission: 'target:read',
    params: assessmentParams,
    querystring: scopedListQuery,
    response: z.array(targetView),
    errors: ['not-found'],
  }),
  setTargets: defineOperation({
    method: 'PUT',
    path: '/api/assessments/:id/targets',
    tag,
    summary: '设定目标',
    description: '成批设定单位条款的目标（及目标值）；任一行有误则整批不写入。',
    permission: 'target:write',
    params: assessmentParams,
    body: targetsBody,
    response: z.object({ count: z.number().int() }),
    errors: ['not-found'],
  }),
} as const;
