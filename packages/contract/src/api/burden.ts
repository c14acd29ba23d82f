import { z } from 'zod';
import { assessmentParams } from './common';
import { defineOperation } from './operation';

/** The burden meter (减负): what the scheme asks of each unit per period (docs/whatif.md). */
export const periodBurdenView = z.object({
  cadence: z.enum(['weekly', 'monthly', 'bimonthly', 'quarterly', 'half-yearly', 'yearly', 'event']),
  cadenceName: z.string().describe('报送周期（中文）'),
  periodsPerYear: z.number().int().describe('每年期数（按事件的计 1）'),
  fields: z.number().int().describe('每期须填报的数据项数'),
  evidenceFiles: z.number().int().describe('每期须提交的佐证材料数'),
});

export const unitBurdenView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  fields: z.number().int().describe('须填报的数据项（表格行）数；共用同一数据项的条款只计一次'),
  scoreFields: z.number().int().describe('其中以分值填报的项（评分/自评）'),
  clausesServed: z.number().int().describe('这些数据项供给的条款数'),
  savedBySharing: z.number().int().describe('“最多报一次”省去的填报项数'),
  reportRoundsPerYear: z.number().int().describe('每年报送轮次'),
  fieldEntriesPerYear: z.number().int().describe('每年填报数据项次数'),
  evidenceFilesPerYear: z.number().int().describe('每年须提交的佐证材料份数'),
  periods: z.array(periodBurdenView),
});

export const burdenView = z.object({
  schemeVersion: z.number().int(),
  scheme: unitBurdenView.describe('按方案：一个适用全部指标的单位须填报的量'),
  units: z.array(unitBurdenView),
  totals: z.object({
    units: z.number().int(),
    fields: z.number().int(),
    reportRoundsPerYear: z.number().int(),
    fieldEntriesPerYear: z.number().int(),
    evidenceFilesPerYear: z.number().int(),
    savedBySharing: z.number().int(),
    sharedDataItems: z.number().int().describe('方案中的共用数据项数'),
    maxFields: z.number().int(),
  }),
});
export type BurdenView = z.infer<typeof burdenView>;

const tag = 'burden';

export const burdenApi = {
  meter: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/burden',
    tag,
    summary: '基层减负：填报负担',
    description: '按方案和各单位统计每期须填报的数据项、报送轮次和佐证材料；共用同一数据项的条款只计一次（最多报一次）。',
    permission: 'scheme:write',
    params: assessmentParams,
    response: burdenView,
    errors: ['not-found'],
  }),
  exportXlsx: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/burden.xlsx',
    tag,
    summary: '导出填报负担（Excel）',
    description: '填报负担统计表：一个单位一行，另附按报送周期的明细。',
    permission: 'scheme:write',
    params: assessmentParams,
    response: z.any(),
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    errors: ['not-found'],
  }),
} as const;
