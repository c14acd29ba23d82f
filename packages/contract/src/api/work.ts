import { z } from 'zod';
import { scopedListQuery } from './assessment';
import { defineOperation } from './operation';

/**
 * HTTP API of the assessed work: facts with their lifecycle, reports and their verification,
 * judgements. Request and response schemas, shared by the server (validation, OpenAPI) and the
 * web app. Times travel as ISO 8601 strings, points as decimal strings.
 */

const uuid = (name: string) => z.string().uuid(`${name} 不是有效的编号`);
const clientKey = z
  .string()
  .trim()
  .min(8, 'clientKey 至少 8 个字符')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'clientKey 只能包含字母、数字和 ._:-')
  .describe('客户端生成的幂等键：同一键重复提交返回第一次的结果');
const reason = (what: string) => z.string().trim().min(1, `${what}不能为空`).max(2000).describe(what);
const refKey = z.string().trim().min(1, '不能为空').max(100).describe('条款编码，或没有评分规则的末级指标编码（如 001 的“生产总值增长7%”）');
const version = z.number().int().min(1).describe('修改前读到的版本号（乐观并发）；也可用 If-Match 头给出。版本已变则返回 409');
const decimalText = z.string().regex(/^\d{1,4}(\.\d{1,6})?$/, '须为非负小数，如 "0.5"');
const time = z.string().describe('ISO 8601 时间');

export const factSources = ['import', 'report', 'verification'] as const;
export const factStates = ['official', 'draft', 'submitted', 'returned', 'verified', 'withdrawn'] as const;
export const reportStates = ['draft', 'submitted', 'returned', 'verified', 'locked'] as const;
export const judgementKinds = ['score', 'deduction', 'bonus'] as const;

/** A fact in the scheme file format; `unit` and `ref` come from the request where it names them. */
export const workFact = z
  .looseObject({
    id: z.string().trim().min(1).max(100).describe('事实编号（本单位内唯一；与 period 一起确定一项数据）'),
    type: z.string().trim().min(1).max(50).describe('事实类型：occurrence、value、rate、count、flag、judgement…'),
  })
  .describe('一项事实，字段同事实文件格式');

// ---------------------------------------------------------------- requests

export const importFactsRequest = z
  .strictObject({
    clientKey,
    reason: z.string().trim().max(2000).optional().describe('导入说明（记入每条事实的版本）'),
    facts: z
      .array(workFact.extend({ unit: z.string().trim().min(1).max(100).describe('单位编码'), ref: refKey }))
      .min(1)
      .max(20000),
  })
  .describe('考评办导入官方数据：一次导入为一个事务，成为各事实的新版本（来源 import）');

export const createReportRequest = z
  .strictObject({
    clientKey,
    unitId: uuid('unitId'),
    clauseKey: refKey,
    narrative: z.string().max(20000).optional().describe('报送说明'),
    facts: z.array(workFact).max(200).default([]).describe('本条款（指标）的事实；只能新建或更新属于本条款的事实'),
    submit: z.boolean().default(true).describe('true：直接提交审核；false：保存为草稿'),
  })
  .describe('单位报送某一条款（指标）的完成情况');

export const updateReportRequest = z
  .strictObject({
    version: version.optional(),
    narrative: z.string().max(20000).optional(),
    facts: z.array(workFact).max(200).optional(),
  })
  .describe('修改草稿或被退回的报送');

export const reportTransitionRequest = z.strictObject({ version: version.optional() }).describe('提交或锁定报送');

export const verifyReportRequest = z
  .strictObject({
    version: version.optional(),
    corrections: z.array(workFact).max(200).default([]).describe('考核牵头部门更正的事实（与报送中的事实同编号）；未列出的按报送值核定'),
    reason: z.string().trim().max(2000).optional().describe('核定意见；有更正时必填'),
  })
  .describe('考核牵头部门核定报送：核定值取代报送值，计入正式得分');

export const returnReportRequest = z.strictObject({ version: version.optional(), reason: reason('退回理由') }).describe('退回报送，须说明理由');

export const withdrawRequest = z.strictObject({ version: version.optional(), reason: reason('撤回理由') }).describe('撤回（事实或判定），须说明理由');

export const correctFactRequest = z
  .strictObject({ version: version.optional(), value: workFact, reason: reason('更正理由') })
  .describe('考核牵头部门或考评办更正一项事实（来源 verification）');

export const createJudgementRequest = z
  .strictObject({
    clientKey: clientKey.optional(),
    unitId: uuid('unitId'),
    clauseKey: refKey,
    kind: z.enum(judgementKinds).describe('score：给出得分；deduction：扣分；bonus：加分。须与条款的计分方式相符'),
    points: decimalText.describe('分值（不超过条款或指标的分值）'),
    reason: reason('评分理由'),
  })
  .describe('考核牵头部门对某单位某条款（指标）的评分判定');

export const correctJudgementRequest = z
  .strictObject({
    version: version.optional(),
    kind: z.enum(judgementKinds).optional(),
    points: decimalText,
    reason: reason('评分理由'),
    changeReason: reason('更正理由'),
  })
  .describe('更正判定：成为该判定的新版本');

export const workListQuery = z.strictObject({
  unitId: uuid('unitId').optional(),
  clauseKey: refKey.optional(),
  state: z.string().max(20).optional().describe('按状态筛选（事实或报送的状态）'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

// ---------------------------------------------------------------- responses

export const factDto = z
  .object({
    id: z.string(),
    unitId: z.string(),
    clauseKey: z.string().describe('事实所属的条款或指标'),
    factKey: z.string(),
    period: z.string().describe('期间；全年数据为“全年”'),
    type: z.string(),
    value: z.record(z.string(), z.unknown()).describe('事实内容（事实文件格式）'),
    source: z.enum(factSources).describe('import：考评办官方数据；report：单位报送；verification：牵头部门核定或更正'),
    state: z.enum(factStates).describe('只有 official 与 verified 计入正式得分；submitted 计入自评得分'),
    version: z.number().int(),
    reportId: z.string().nullable(),
    reason: z.string().nullable(),
    updatedBy: z.string().nullable().describe('最后修改人'),
    updatedAt: time,
  })
  .describe('一项事实的当前值');

export const factVersionDto = z
  .object({
    version: z.number().int(),
    value: z.record(z.string(), z.unknown()),
    source: z.enum(factSources),
    state: z.enum(factStates),
    reportId: z.string().nullable(),
    reason: z.string().nullable(),
    changedBy: z.string().nullable(),
    changedAt: time,
  })
  .describe('事实的一个历史版本');

export const importFactsResponse = z.object({
  importId: z.string(),
  count: z.number().int(),
  created: z.number().int().nullable().describe('新建的事实数（重复提交时为 null）'),
  superseded: z.number().int().nullable().describe('产生新版本的事实数（重复提交时为 null）'),
  unchanged: z.number().int().nullable().describe('与当前值相同、未产生新版本的事实数（重复提交时为 null）'),
  replayed: z.boolean(),
});

export const reportDto = z
  .object({
    id: z.string(),
    unitId: z.string(),
    clauseKey: z.string(),
    state: z.enum(reportStates).describe('draft 草稿 → submitted 已提交 → verified 已核定 / returned 已退回 → locked 已锁定'),
    version: z.number().int(),
    narrative: z.string().nullable(),
    facts: z.array(z.record(z.string(), z.unknown())),
    stateReason: z.string().nullable().describe('退回理由或核定意见'),
    submittedBy: z.string(),
    submittedAt: time,
    updatedBy: z.string().nullable(),
    updatedAt: time.nullable(),
    participantDivision: z.string().nullable().optional().describe('参与处室报送本处室部分时为该处室名称：作为配合情况列出，不计入单位的事实；null 为条款本身的报送'),
    replayed: z.boolean().optional(),
  })
  .describe('一份报送');

export const judgementDto = z
  .object({
    id: z.string(),
    unitId: z.string(),
    clauseKey: z.string(),
    kind: z.enum([...judgementKinds, 'judgement']).describe('score 得分 / deduction 扣分 / bonus 加分（judgement：旧数据，按条款自身的计分方向）'),
    points: z.string(),
    reason: z.string(),
    status: z.enum(['current', 'withdrawn']),
    version: z.number().int(),
    enteredBy: z.string(),
    enteredAt: time,
    updatedBy: z.string().nullable(),
    updatedAt: time.nullable(),
    replayed: z.boolean().optional(),
  })
  .describe('一项评分判定');

export const queueItemDto = z
  .object({
    report: reportDto,
    unitCode: z.string(),
    unitName: z.string(),
    clauseTitle: z.string(),
    evidence: z.array(z.object({ id: z.string(), originalName: z.string(), sizeBytes: z.number().int(), uploadedAt: time })),
    judgements: z.array(judgementDto).describe('牵头部门对该单位该条款已有的判定'),
  })
  .describe('待核定的一份报送，附证明材料');

export const verificationQueueResponse = z.object({ items: z.array(queueItemDto) }).describe('考核牵头部门的待核定队列（其牵头的条款）');

export const judgementEffectDto = z
  .object({
    judgement: judgementDto,
    computedAt: time.nullable().describe('最近一次计算的时间；尚未计算为 null'),
    isCurrent: z.boolean().describe('最近一次计算是否已包含该判定的当前版本'),
    lines: z.array(z.object({ amount: z.string().describe('对总分的影响（带符号）'), text: z.string().describe('得分明细中的说明') })),
  })
  .describe('判定在单位得分明细中的结果（考核牵头部门查看自己判定的效果）');

export type FactDto = z.infer<typeof factDto>;
export type FactVersionDto = z.infer<typeof factVersionDto>;
export type ReportDto = z.infer<typeof reportDto>;
export type JudgementDto = z.infer<typeof judgementDto>;
export type QueueItemDto = z.infer<typeof queueItemDto>;

// ---------------------------------------------------------------- operations

const workParams = z.strictObject({ id: uuid('id') });
const workIdParams = z.strictObject({ id: uuid('id') });

export const workItemsQuery = z.strictObject({ unitId: uuid('unitId').describe('被考核单位') });

export const workItemDto = z
  .object({
    ref: z.string().describe('条款编码，或没有评分规则的末级指标编码'),
    title: z.string().describe('指标名称或条款原文（前 200 字）'),
    points: z.string().describe('分值（文本）；未定分值为空'),
    target: z.string().describe('本单位的目标'),
    factType: z.enum(['judgement', 'occurrence', 'value', 'count', 'flag', 'rate']).describe('该条款的规则读取的事实类型'),
    factTypeName: z.string().describe('事实类型的中文名称（与事实填报表的“类型”列相同）'),
    factId: z.string().describe('建议的事实编号（与事实填报表相同：单位编码:条款编码:类型）'),
    report: reportDto.nullable().describe('本单位该条款最近的一份报送；尚未报送为 null'),
  })
  .describe('单位应报送的一项（条款或指标）');

export const workItemsResponse = z
  .object({
    unitId: z.string(),
    unitCode: z.string(),
    unitName: z.string(),
    schemeVersion: z.number().int().describe('所依据的已发布方案版本'),
    items: z.array(workItemDto),
  })
  .describe('单位应报送的条款（指标）及其报送状态（按调用者的数据范围过滤）');

export const evidenceDto = z
  .object({
    id: z.string(),
    assessmentId: z.string(),
    unitId: z.string(),
    clauseKey: z.string(),
    reportId: z.string().nullable(),
    originalName: z.string(),
    extension: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string().describe('上传人（账户编号）'),
    uploadedAt: time,
    replayed: z.boolean().optional(),
  })
  .describe('一份证明材料（文件本身经下载接口取得）');

export const evidenceUploadFields = z
  .strictObject({ clientKey, unitId: uuid('unitId'), clauseKey: refKey, reportId: uuid('reportId').optional() })
  .describe('multipart 表单字段（须在文件之前）：clientKey、unitId、clauseKey、reportId（可选）；文件字段名 file');

const tag = 'work';
const list = <T extends z.ZodType>(item: T) => z.array(item);

/** The work routes as operations: the server registers them with routeOf, the web calls them. */
export const workApi = {
  facts: defineOperation({ method: 'GET', path: '/api/assessments/:id/facts', tag, summary: '事实当前值列表', description: '按单位、条款（指标）、状态筛选；只列出调用者可见范围内的事实', permission: 'fact:read', params: workParams, querystring: workListQuery, response: list(factDto), errors: ['not-found'] }),
  factVersions: defineOperation({ method: 'GET', path: '/api/facts/:id/versions', tag, summary: '事实的全部历史版本', description: '每次变更（来源、状态、理由、修改人、时间）按版本号排列', permission: 'fact:read', params: workIdParams, response: list(factVersionDto), errors: ['not-found'] }),
  importFacts: defineOperation({ method: 'POST', path: '/api/assessments/:id/facts/import', tag, summary: '导入官方数据（考评办）', description: '每项事实成为新版本（来源 import，状态 official）；不能覆盖单位报送或已核定的值', permission: 'fact:import', params: workParams, body: importFactsRequest, response: importFactsResponse, errors: ['not-found', 'conflict'] }),
  correctFact: defineOperation({ method: 'POST', path: '/api/facts/:id/correct', tag, summary: '更正一项事实（核定）', description: '考核牵头部门或考评办更正：成为新版本（来源 verification，状态 verified），取代报送值或导入值', permission: 'judgement:write', params: workIdParams, body: correctFactRequest, response: factDto, errors: ['not-found', 'conflict'] }),
  withdrawFact: defineOperation({ method: 'POST', path: '/api/facts/:id/withdraw', tag, summary: '撤回一项事实', description: '成为新版本（状态 withdrawn），不再计分；须说明理由', permission: 'judgement:write', params: workIdParams, body: withdrawRequest, response: factDto, errors: ['not-found', 'conflict'] }),
  workItems: defineOperation({ method: 'GET', path: '/api/assessments/:id/work-items', tag, summary: '应报送事项（单位）', description: '已发布方案中适用于该单位、须报送事实的每个条款或末级指标（与事实填报表的行相同），附本单位最近一份报送的状态和退回理由', permission: 'report:read', params: workParams, querystring: workItemsQuery, response: workItemsResponse, errors: ['not-found'] }),
  reports: defineOperation({ method: 'GET', path: '/api/assessments/:id/reports', tag, summary: '报送列表', description: '可按单位、条款（指标）、状态筛选', permission: 'report:read', params: workParams, querystring: workListQuery, response: list(reportDto), errors: ['not-found'] }),
  createReport: defineOperation({ method: 'POST', path: '/api/assessments/:id/reports', tag, summary: '报送（单位）', description: '新建一份报送（草稿或直接提交）；其事实只能是本条款（指标）的，不能覆盖官方数据或已核定的值', permission: 'report:submit', params: workParams, body: createReportRequest, response: reportDto, errors: ['not-found', 'conflict'] }),
  updateReport: defineOperation({ method: 'PUT', path: '/api/reports/:id', tag, summary: '修改草稿或被退回的报送', description: '修改后为草稿，须再次提交', permission: 'report:submit', params: workIdParams, body: updateReportRequest, response: reportDto, errors: ['not-found', 'conflict'] }),
  submitReport: defineOperation({ method: 'POST', path: '/api/reports/:id/submit', tag, summary: '提交报送', description: '草稿或被退回的报送提交审核', permission: 'report:submit', params: workIdParams, body: reportTransitionRequest, response: reportDto, errors: ['not-found', 'conflict'] }),
  verifyReport: defineOperation({ method: 'POST', path: '/api/reports/:id/verify', tag, summary: '核定报送（考核牵头部门）', description: '核定值（可附更正）取代报送值，计入正式得分', permission: 'judgement:write', params: workIdParams, body: verifyReportRequest, response: reportDto, errors: ['not-found', 'conflict'] }),
  returnReport: defineOperation({ method: 'POST', path: '/api/reports/:id/return', tag, summary: '退回报送（考核牵头部门）', description: '退回须说明理由；退回的值不计分，单位修改后再提交', permission: 'judgement:write', params: workIdParams, body: returnReportRequest, response: reportDto, errors: ['not-found', 'conflict'] }),
  lockReport: defineOperation({ method: 'POST', path: '/api/reports/:id/lock', tag, summary: '锁定已核定的报送（考评办）', description: '锁定后不能再退回或修改', permission: 'fact:import', params: workIdParams, body: reportTransitionRequest, response: reportDto, errors: ['not-found', 'conflict'] }),
  verificationQueue: defineOperation({ method: 'GET', path: '/api/assessments/:id/verification-queue', tag, summary: '待核定队列（考核牵头部门）', description: '其牵头条款下已提交待核定的报送，附证明材料和已有判定', permission: 'judgement:write', params: workParams, querystring: workListQuery, response: verificationQueueResponse, errors: ['not-found'] }),
  judgements: defineOperation({ method: 'GET', path: '/api/assessments/:id/judgements', tag, summary: '评分判定列表', description: '含已撤回的判定（status）', permission: 'judgement:read', params: workParams, querystring: workListQuery, response: list(judgementDto), errors: ['not-found'] }),
  createJudgement: defineOperation({ method: 'POST', path: '/api/assessments/:id/judgements', tag, summary: '评分判定（考核牵头部门）', description: '得分、扣分或加分，须与条款（指标）的计分方式相符且不超过其分值', permission: 'judgement:write', params: workParams, body: createJudgementRequest, response: judgementDto, errors: ['not-found', 'conflict'] }),
  judgementEffect: defineOperation({ method: 'GET', path: '/api/judgements/:id/effect', tag, summary: '判定的计分结果', description: '该判定在单位得分明细中产生的各行（金额与说明），以及最近一次计算是否已包含它', permission: 'judgement:read', params: workIdParams, response: judgementEffectDto, errors: ['not-found'] }),
  correctJudgement: defineOperation({ method: 'POST', path: '/api/judgements/:id/correct', tag, summary: '更正判定', description: '成为该判定的新版本，须说明理由；版本已变则 409', permission: 'judgement:write', params: workIdParams, body: correctJudgementRequest, response: judgementDto, errors: ['not-found', 'conflict'] }),
  withdrawJudgement: defineOperation({ method: 'POST', path: '/api/judgements/:id/withdraw', tag, summary: '撤回判定', description: '成为该判定的新版本，须说明理由；版本已变则 409', permission: 'judgement:write', params: workIdParams, body: withdrawRequest, response: judgementDto, errors: ['not-found', 'conflict'] }),
  uploadEvidence: defineOperation({ method: 'POST', path: '/api/assessments/:id/evidence', tag, summary: '上传证明材料', description: '以 multipart/form-data 上传一个文件（字段 clientKey、unitId、clauseKey、reportId 须在文件之前）；同一 clientKey 重复上传返回第一次的结果', permission: 'evidence:upload', params: workParams, consumes: 'multipart/form-data', response: evidenceDto, errors: ['not-found', 'conflict', 'unsupported-media-type', 'payload-too-large'] }),
  evidence: defineOperation({ method: 'GET', path: '/api/assessments/:id/evidence', tag, summary: '证明材料列表', description: '按单位、条款（指标）筛选；只列出调用者可见范围内的文件', permission: 'evidence:read', params: workParams, querystring: scopedListQuery, response: list(evidenceDto), errors: ['not-found'] }),
  downloadEvidence: defineOperation({ method: 'GET', path: '/api/evidence/:id', tag, summary: '下载证明材料', description: '原文件（附件下载，文件名为上传时的名称）；下载记入审计日志', permission: 'evidence:read', params: workIdParams, produces: 'application/octet-stream', response: z.any().describe('文件（附件下载）'), errors: ['not-found'] }),
} as const;
