import { z } from 'zod';
import { assessmentParams, decimalText, idParams, isoTime, reasonText, uuid, versionField } from './common';
import { defineOperation } from './operation';
import { approvalCheck, approvalSummary } from './signing';

/** A result row as people read it: grades and groups by their Chinese names. */
export const resultRow = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string().describe('单位名称'),
  group: z.string().nullable().describe('考核分组（中文名称）'),
  total: decimalText.describe('总分'),
  rank: z.number().int().nullable().describe('组内名次'),
  grade: z.string().nullable().describe('等次代码'),
  gradeName: z.string().nullable().describe('等次（中文，如 优秀）'),
});
export type ResultRow = z.infer<typeof resultRow>;

export const openPublicityBody = z.strictObject({
  days: z.number().int().min(1).max(30).default(5).describe('公示天数'),
  note: z.string().trim().max(2000).optional().describe('公示说明'),
});
export const publicityView = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    sequence: z.number().int(),
    status: z.enum(['open', 'published', 'withdrawn']),
    statusName: z.string().describe('状态（中文）'),
    startsAt: isoTime,
    endsAt: isoTime,
    note: z.string().nullable(),
    previewDigest: z.string().describe('公示内容摘要值'),
    openObjections: z.number().int().describe('尚未答复的异议数'),
    results: z.array(resultRow).describe('公示结果（单位只看到本单位）'),
    version: z.number().int(),
  })
  .describe('公示');
export type PublicityView = z.infer<typeof publicityView>;

export const objectionBody = z.strictObject({
  unitId: uuid('unitId'),
  ref: z.string().trim().min(1).max(100).optional().describe('有异议的指标或条款编码'),
  text: reasonText('异议内容'),
});
export const objectionAnswerBody = z.strictObject({ answer: reasonText('答复'), version: versionField });
export const objectionView = z.object({
  id: z.string(),
  periodId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  ref: z.string().nullable(),
  text: z.string(),
  status: z.enum(['open', 'answered']),
  statusName: z.string(),
  answer: z.string().nullable(),
  answeredAt: isoTime.nullable(),
  createdAt: isoTime,
  version: z.number().int(),
});
export const objectionParams = z.strictObject({ id: uuid('id') });

export const publishBody = z.strictObject({
  periodId: uuid('periodId').describe('已结束的公示'),
  appealDays: z.number().int().min(1).max(60).default(10).describe('发布后可申诉的天数'),
});

export const publicationDiffLine = z.object({
  unitId: z.string(),
  unitName: z.string(),
  group: z.string().nullable(),
  before: z.object({ total: z.string(), rank: z.number().int().nullable(), gradeName: z.string().nullable() }),
  after: z.object({ total: z.string(), rank: z.number().int().nullable(), gradeName: z.string().nullable() }),
  lines: z.array(z.string()).describe('变化的台账行（中文说明）'),
});
export const publicationView = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    sequence: z.number().int().describe('发布版本号'),
    publishedAt: isoTime,
    schemeVersion: z.number().int(),
    digest: z.string().describe('快照内容摘要'),
    digestAlgorithm: z.string().describe('摘要算法（SHA-256 或 SM3）'),
    appealsUntil: isoTime.describe('申诉截止时间'),
    previousPublicationId: z.string().nullable(),
    reason: z.string().describe('发布原因'),
    diff: z.array(publicationDiffLine).describe('与上一版本的差异'),
    units: z.number().int(),
  })
  .describe('结果发布（不可更改的快照）');
export type PublicationView = z.infer<typeof publicationView>;

export const publicationResults = z.object({ publication: publicationView, results: z.array(resultRow) });
export const verifyView = z
  .object({
    ok: z.boolean(),
    publicationId: z.string(),
    sequence: z.number().int(),
    digest: z.string(),
    recomputedDigest: z.string(),
    problems: z.array(z.string()).describe('发现的问题（中文）'),
    status: z.enum(['完整', '篡改', '未签名']).describe('完整：摘要、密钥校验值、服务器签名和公布结果均与快照一致；篡改：见 problems；未签名：启用签名之前的发布，其余均一致，待在主机上补签'),
    approvals: z.array(approvalCheck).describe('审批人签名（审定、发布）逐个校验'),
    approvalSummary,
    signature: z
      .object({
        algorithm: z.string().describe('SM2-SM3（国密）或 Ed25519'),
        keyId: z.string(),
        publicKey: z.string().describe('签名公钥（SM2 为 04 开头的十六进制未压缩点）'),
        signature: z.string().describe('对快照规范 JSON 的签名（SM2 为 DER 十六进制，默认 ID 1234567812345678）'),
        signedAt: z.string(),
        approvals: z.number().int().describe('审批人签名（审定、发布）的个数'),
      })
      .nullable()
      .describe('服务器签名；签名不能验证时为 null'),
  })
  .describe('快照校验结果');

export const publishedLedger = z
  .object({
    publicationId: z.string(),
    sequence: z.number().int(),
    unit: resultRow,
    lines: z.array(z.object({ index: z.number().int().describe('申诉时引用的行号'), ref: z.string().describe('指标或条款编码'), text: z.string().describe('说明（中文）'), amount: decimalText.describe('得失分') })),
  })
  .describe('某单位在某一发布版本中的台账');
export const publishedLedgerParams = z.strictObject({ id: uuid('id'), unitId: uuid('unitId') });

export const withdrawBody = z.strictObject({ reason: reasonText('撤回原因') });
const tag = 'publication';

/** The routes of packages/server/src/routes/publication.route.ts: 公示 → 异议 → 发布 → 校验. */
export const publicationApi = {
  openPublicity: defineOperation({ method: 'POST', path: '/api/assessments/:id/publicity', tag, summary: '开始公示', description: '以当前计算结果开始公示（结果须按最新事实计算）；公示期内各单位可查看本单位结果并提出异议。', permission: 'result:publish', params: assessmentParams, body: openPublicityBody, response: publicityView, errors: ['not-found', 'conflict'] }),
  listPublicity: defineOperation({ method: 'GET', path: '/api/assessments/:id/publicity', tag, summary: '公示列表', description: '本考核的各次公示，含公示结果（单位只看到本单位）。', permission: 'result:read', params: assessmentParams, response: z.array(publicityView), errors: ['not-found'] }),
  withdraw: defineOperation({ method: 'POST', path: '/api/publicity/:id/withdraw', tag, summary: '撤回公示', description: '结果需要更正时撤回公示，更正并重新计算后再次公示。', permission: 'result:publish', params: idParams, body: withdrawBody, response: publicityView, errors: ['not-found', 'conflict'] }),
  objectionSubmit: defineOperation({ method: 'POST', path: '/api/publicity/:id/objections', tag, summary: '提出异议', description: '公示期内，单位对本单位的公示结果提出异议。', permission: 'objection:submit', params: idParams, body: objectionBody, response: objectionView, errors: ['not-found', 'conflict'] }),
  objections: defineOperation({ method: 'GET', path: '/api/publicity/:id/objections', tag, summary: '公示异议', description: '本次公示收到的异议及答复（单位只看到本单位的）。', permission: 'result:read', params: idParams, response: z.array(objectionView), errors: ['not-found'] }),
  objectionAnswer: defineOperation({ method: 'POST', path: '/api/objections/:id/answer', tag, summary: '答复异议', description: '考评办答复公示异议；所有异议答复后才能发布。', permission: 'result:publish', params: objectionParams, body: objectionAnswerBody, response: objectionView, errors: ['not-found', 'conflict'] }),
  publish: defineOperation({ method: 'POST', path: '/api/assessments/:id/publications', tag, summary: '发布结果', description: '公示期满且异议均已答复后发布：生成不可更改的快照（方案版本、事实、台账、等次、名次）及其摘要（SHA-256 或 SM3），开始申诉期。', permission: 'result:publish', params: assessmentParams, body: publishBody, response: publicationView, errors: ['not-found', 'conflict'] }),
  listPublications: defineOperation({ method: 'GET', path: '/api/assessments/:id/publications', tag, summary: '发布版本', description: '本考核的各发布版本，含与上一版本的差异。', permission: 'result:read', params: assessmentParams, response: z.array(publicationView), errors: ['not-found'] }),
  results: defineOperation({ method: 'GET', path: '/api/publications/:id/results', tag, summary: '发布的结果', description: '某一发布版本的结果（等次、分组为中文名称；单位只看到本单位）。', permission: 'result:read', params: idParams, response: publicationResults, errors: ['not-found'] }),
  ledger: defineOperation({ method: 'GET', path: '/api/publications/:id/units/:unitId', tag, summary: '发布的台账', description: '某单位在某一发布版本中的得分台账，每行带行号（申诉时引用）。', permission: 'result:read', params: publishedLedgerParams, response: publishedLedger, errors: ['not-found'] }),
  verify: defineOperation({ method: 'GET', path: '/api/publications/:id/verify', tag, summary: '校验发布快照', description: '按快照内容重新计算摘要并核对密钥校验值、公布结果和方案版本；任何直接改库都会被发现。', permission: 'result:read', params: idParams, response: verifyView, errors: ['not-found'] }),
} as const;
