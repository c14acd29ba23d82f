import { z } from 'zod';
import { decimalText, uuid } from './common';
import { defineOperation } from './operation';

/** 满意度测评: response import (.xlsx) and the per-unit group averages, weights and score (docs/whatif.md). */
export const surveyParams = z.strictObject({ id: uuid('id'), clauseKey: z.string().trim().min(1).max(100) });

export const surveySummaryView = z.object({
  clauseKey: z.string(),
  responses: z.number().int().describe('有效测评份数'),
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      score: decimalText.describe('Σ 权重 × 群体平均满意度 / 100（未按条款分值截取前）'),
      groups: z.array(z.object({ group: z.string().describe('评价群体'), weight: decimalText, responses: z.number().int(), average: z.string().describe('群体平均满意度（%），无测评时为空'), part: decimalText })),
    }),
  ),
});

const tag = 'surveys';

export const surveyApi = {
  upload: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/surveys/:clauseKey/responses',
    tag,
    summary: '导入满意度测评结果',
    description: '上传 .xlsx（表头：被测评单位、评价群体、得分，可另有 测评人）；任一行有误则全部不写入，错误指出工作表、行和列。成功后替换该条款的测评数据，并把各单位各群体的平均满意度写为该条款的测评事实。',
    permission: 'fact:import',
    params: surveyParams,
    response: surveySummaryView,
    errors: ['not-found', 'unsupported-media-type'],
  }),
  summary: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/surveys/:clauseKey',
    tag,
    summary: '满意度测评汇总',
    description: '该条款已导入的测评：各单位各评价群体的份数、平均满意度、权重和折算分。',
    permission: 'fact:import',
    params: surveyParams,
    response: surveySummaryView,
    errors: ['not-found'],
  }),
} as const;
