import { z } from 'zod';
import { assessmentParams, decimalText, isoTime, uuid } from './common';
import { defineOperation } from './operation';

/**
 * What-if scenarios (docs/whatif.md): operations applied to a copy of the assessment's published
 * scheme and its verified facts; every unit's total, grade and rank before and after. Nothing real changes.
 * The operations are validated on the server against the scenario file format (ops: uphold-judgement,
 * waive-fact, appeal-upheld, replace-rule, set-quota, set-band, waive-late, set-fact).
 */
export const whatifOpKinds = ['uphold-judgement', 'waive-fact', 'appeal-upheld', 'replace-rule', 'set-quota', 'set-band', 'waive-late', 'set-fact'] as const;

export const scenarioOpBody = z
  .looseObject({ op: z.enum(whatifOpKinds).describe('操作'), reason: z.string().trim().min(1, '请写明理由').max(4000).describe('理由') })
  .describe('一项情景操作；其余字段见 docs/whatif.md（单位、条款、金额、规则、事实……）');

export const scenarioBody = z.strictObject({
  name: z.string().trim().min(1, '情景名称不能为空').max(200),
  description: z.string().max(4000).optional(),
  ops: z.array(scenarioOpBody).min(1, '情景至少要有一项操作').max(200),
});
export type ScenarioBody = z.infer<typeof scenarioBody>;

export const outcomeView = z.object({ total: decimalText, grade: z.string().nullable(), gradeName: z.string().nullable(), rank: z.number().int().nullable() });

export const whatifUnitRow = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  before: outcomeView,
  after: outcomeView,
  delta: decimalText.describe('总分变化（后 − 前）'),
  changed: z.boolean().describe('总分、等次或名次有变化'),
});

export const appliedOpView = z.object({ index: z.number().int(), op: z.enum(whatifOpKinds), reason: z.string(), summary: z.string().describe('操作对副本做了什么（中文）'), facts: z.array(z.string()) });

export const whatifResultView = z.object({
  scenario: z.string(),
  schemeVersion: z.number().int(),
  applied: z.array(appliedOpView),
  changedUnits: z.number().int(),
  units: z.array(whatifUnitRow),
});
export type WhatifResultView = z.infer<typeof whatifResultView>;

export const scenarioView = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), ops: z.array(scenarioOpBody), createdBy: z.string(), createdAt: isoTime });
export type ScenarioView = z.infer<typeof scenarioView>;

export const scenarioParams = z.strictObject({ id: uuid('id'), scenarioId: uuid('scenarioId') });
export const compareQuery = z.strictObject({ a: uuid('a'), b: uuid('b') });

export const whatifCompareView = z.object({
  scenarios: z.array(z.object({ id: z.string(), name: z.string(), changedUnits: z.number().int() })).length(2),
  units: z.array(z.object({ unitCode: z.string(), unitName: z.string(), before: outcomeView, after: z.array(outcomeView).length(2) })),
});

const tag = 'whatif';

export const whatifApi = {
  run: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/whatif/run',
    tag,
    summary: '试算情景（不保存）',
    description: '在已发布方案和已核验事实的副本上应用情景，返回每个单位前后的总分、等次和名次；真实数据不变。',
    permission: 'result:recompute',
    params: assessmentParams,
    body: scenarioBody,
    response: whatifResultView,
    errors: ['not-found'],
  }),
  save: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/whatif/scenarios',
    tag,
    summary: '保存情景',
    description: '保存一个情景（名称在本考核内唯一），以后可再次试算或两两比较。',
    permission: 'result:recompute',
    params: assessmentParams,
    body: scenarioBody,
    response: scenarioView,
    errors: ['not-found', 'conflict'],
  }),
  list: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/whatif/scenarios',
    tag,
    summary: '已保存的情景',
    description: '本考核已保存的情景，最新的在前。',
    permission: 'result:recompute',
    params: assessmentParams,
    response: z.array(scenarioView),
    errors: ['not-found'],
  }),
  result: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/whatif/scenarios/:scenarioId/result',
    tag,
    summary: '试算已保存的情景',
    description: '用当前的方案和事实试算一个已保存的情景。',
    permission: 'result:recompute',
    params: scenarioParams,
    response: whatifResultView,
    errors: ['not-found'],
  }),
  compare: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/whatif/compare',
    tag,
    summary: '比较两个情景',
    description: '两个已保存的情景并排：每个单位的现状与两个情景下的总分、等次和名次。',
    permission: 'result:recompute',
    params: assessmentParams,
    querystring: compareQuery,
    response: whatifCompareView,
    errors: ['not-found'],
  }),
} as const;
