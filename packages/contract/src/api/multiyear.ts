import { z } from 'zod';
import { decimalText, uuid } from './common';
import { defineOperation } from './operation';

/** Multi-year: copy a year's scheme to the next with an indicator mapping; compare a unit across years (docs/whatif.md). */
export const mappingRowBody = z.strictObject({
  from: z.string().trim().min(1).max(200).describe('本年度指标编码'),
  to: z.string().trim().min(1).max(200).optional().describe('下一年度指标编码（removed 不填）'),
  kind: z.enum(['changed', 'split', 'merged', 'removed']).describe('changed 调整 / split 拆分 / merged 合并 / removed 删除'),
  title: z.string().trim().min(1).max(500).optional(),
  points: z.string().regex(/^\d+(\.\d{1,6})?$/, '分值须为数字').optional(),
  note: z.string().max(2000).optional(),
});

export const copyYearBody = z.strictObject({
  name: z.string().trim().min(1, '考核名称不能为空').max(200),
  year: z.number().int().min(2000).max(2100).optional().describe('默认本年度 + 1'),
  mapping: z.array(mappingRowBody).max(5000).default([]),
});

export const copyYearResult = z.object({
  assessment: z.object({ id: z.string(), year: z.number().int(), name: z.string() }),
  scheme: z.object({ id: z.string(), version: z.number().int(), status: z.string() }),
  mapped: z.number().int().describe('记录的对应关系行数（含未改动的指标）'),
  todo: z.array(z.string()).describe('复制后仍须考评办处理的事项'),
});

export const compareYearsQuery = z.strictObject({ with: uuid('with').describe('另一年度的考核'), unitId: uuid('unitId') });
export const compareYearsParams = z.strictObject({ id: uuid('id') });

const outcome = z.object({ total: decimalText, grade: z.string().nullable(), rank: z.number().int().nullable() }).nullable();

export const compareYearsView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  years: z.array(z.number().int()).length(2),
  totals: z.array(outcome).length(2),
  indicators: z.array(
    z.object({
      kind: z.enum(['kept', 'changed', 'split', 'merged', 'removed']),
      from: z.array(z.string()),
      to: z.array(z.string()),
      titleBefore: z.string().nullable(),
      titleAfter: z.string().nullable(),
      before: decimalText.nullable().describe('前一年度得分（合并的为各项之和）'),
      after: decimalText.nullable().describe('后一年度得分（拆分的为各项之和）'),
      delta: decimalText.nullable(),
    }),
  ),
});

const tag = 'multiyear';

export const multiyearApi = {
  copy: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/copy-to-next-year',
    tag,
    summary: '复制到下一年度',
    description: '以本考核最新发布的方案为底稿，按指标对应关系（调整、拆分、合并、删除）生成下一年度考核的方案草稿，并保存对应关系用于跨年度比较。',
    permission: 'assessment:create',
    params: compareYearsParams,
    body: copyYearBody,
    response: copyYearResult,
    errors: ['not-found', 'conflict'],
  }),
  compare: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/compare-years',
    tag,
    summary: '跨年度比较',
    description: '一个单位在两个年度的总分、等次、名次，以及按对应关系逐项比较的指标得分。',
    permission: 'result:read',
    params: compareYearsParams,
    querystring: compareYearsQuery,
    response: compareYearsView,
    errors: ['not-found'],
  }),
} as const;
