import { z } from 'zod';

/** Building blocks shared by the API schemas of this folder. */
export const uuid = (name: string) => z.string().uuid(`${name} 不是有效的编号`);
export const isoTime = z.string().describe('时间（ISO 8601，UTC）');
export const decimalText = z.string().regex(/^-?\d+(\.\d{1,6})?$/, '须为数字').describe('十进制数（字符串，避免浮点误差）');
export const clientKey = z
  .string()
  .trim()
  .min(8, 'clientKey 至少 8 个字符')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'clientKey 只能包含字母、数字和 ._:-')
  .describe('客户端生成的幂等键：同一键重复提交返回第一次的结果');
export const reasonText = (what: string) => z.string().trim().min(1, `${what}不能为空`).max(4000).describe(what);
export const versionField = z.number().int().min(1).describe('读取时的版本号；已被他人修改时返回 409');
export const idParams = z.strictObject({ id: uuid('id') });
export const assessmentParams = z.strictObject({ id: uuid('id') });

export const jobView = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    statusName: z.string().describe('状态（中文）'),
    progress: z.number().int().min(0).max(100).describe('进度百分比'),
    stage: z.string().nullable().describe('当前步骤（中文）'),
    error: z.string().nullable().describe('失败原因（中文）'),
    attempts: z.number().int(),
    result: z.record(z.string(), z.unknown()).nullable(),
    createdAt: isoTime,
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
  })
  .describe('后台任务');
export type JobView = z.infer<typeof jobView>;
