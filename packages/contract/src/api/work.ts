import { z } from 'zod';

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

export type FactDto = z.infer<typeof factDto>;
export type FactVersionDto = z.infer<typeof factVersionDto>;
export type ReportDto = z.infer<typeof reportDto>;
export type JudgementDto = z.infer<typeof judgementDto>;
export type QueueItemDto = z.infer<typeof queueItemDto>;
