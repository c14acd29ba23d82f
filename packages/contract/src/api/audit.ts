import { z } from 'zod';
import { timestamp } from './fields';
import { defineOperation } from './operation';

export const auditQuery = z.strictObject({
  action: z.string().max(100).optional().describe('操作类型，如 auth.login、user.create'),
  actorLogin: z.string().max(100).optional().describe('操作人登录名'),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure', 'denied'], { message: 'outcome 只能是 success、failure 或 denied' }).optional().describe('结果：成功、失败、拒绝'),
  sourceIp: z.string().max(64).optional().describe('来源地址'),
  from: z.coerce.date().optional().describe('起始时间（含）'),
  to: z.coerce.date().optional().describe('截止时间（含）'),
  beforeSeq: z.coerce.number().int().positive().optional().describe('翻页：只返回序号小于此值的记录'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const auditOutcomeLabelsZh: Record<(typeof auditOutcomes)[number], string> = { success: '成功', failure: '失败', denied: '拒绝' };

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: timestamp,
  actorId: z.string().nullable(),
  actorLogin: z.string().nullable(),
  actorRole: z.string().nullable(),
  sourceIp: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  outcome: z.string(),
  algorithm: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditVerification = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  lastSeq: z.number().int().optional(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
});

const tag = 'audit';

export const auditApi = {
  search: defineOperation({
    method: 'GET',
    path: '/api/audit',
    tag,
    summary: '查询审计日志',
    description: '按操作类型、操作人、对象、结果和时间查询审计日志（操作日志与登录日志），按序号倒序；查询本身也记入审计日志。',
    permission: 'audit:read',
    querystring: auditQuery,
    response: z.array(auditEntryView),
    errors: [],
  }),
  export: defineOperation({
    method: 'GET',
    path: '/api/audit/export',
    tag,
    summary: '导出审计日志',
    description: '以与查询相同的条件导出审计日志，每行一条 JSON（NDJSON）；导出前先把本次导出记入审计日志。',
    permission: 'audit:export',
    querystring: auditQuery,
    response: z.string().describe('NDJSON，每行一条审计记录'),
    produces: 'application/x-ndjson',
    errors: [],
  }),
  verify: defineOperation({
    method: 'GET',
    path: '/api/audit/verify',
    tag,
    summary: '校验审计日志完整性',
    description: '按序号逐条校验审计日志的哈希链，指出第一条被篡改、缺失或乱序的记录。',
    permission: 'audit:read',
    response: auditVerification,
    errors: [],
  }),
} as const;
