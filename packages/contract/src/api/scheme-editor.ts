import { z } from 'zod';
import { decimalText, idParams } from './common';
import { defineOperation } from './operation';

/** 方案编辑器：指标树（平铺，带上级编码）、条款规则的中文说明、试算、责任分工表。 */
export const schemeTreeClause = z.object({
  code: z.string().describe('条款编码'),
  text: z.string().describe('条款原文'),
  points: decimalText.nullable().describe('条款分值'),
  ruleKind: z.string().describe('规则类型'),
  ruleText: z.string().describe('规则的中文说明（由规则各字段写成；按单位类别各有规则时逐类列出）'),
  categoryRules: z.array(z.string()).describe('本条款另有规则的单位类别（ruleByCategory 的类别编码；rule 为其他类别的兜底规则）'),
  rule: z.record(z.string(), z.unknown()).describe('规则（方案文件格式），编辑时据此修改'),
  status: z.string().describe('ok 或 needs-review'),
  reviewReason: z.string().nullable().describe('待复核原因或复核说明'),
  source: z.string().nullable().describe('出处（文件:行）'),
  divisions: z.array(z.string()).describe('责任处室（名称）'),
  leaders: z.array(z.string()).describe('牵头领导（名称）'),
  isCrossUnit: z.boolean().describe('是否与组内其他单位比较计分（不能单独试算）'),
});
export type SchemeTreeClause = z.infer<typeof schemeTreeClause>;

export const schemeTreeNode = z.object({
  code: z.string(),
  parent: z.string().nullable().describe('上级指标编码（顶层为 null）'),
  depth: z.number().int(),
  title: z.string(),
  points: decimalText.nullable().describe('分值（未写分值的扣分项为 null）'),
  pointsVary: z.boolean().describe('是否按单位类别或单位另有分值'),
  isBonus: z.boolean().describe('加分项（在总分之外，不计入上级合计）'),
  rescaleFrom: decimalText.nullable().describe('按百分制等另行计分时的满分（下级合计应等于它）'),
  target: z.object({ text: z.string().nullable(), value: decimalText.nullable(), unit: z.string().nullable() }).nullable().describe('本级目标（分解到各单位的总目标）'),
  clauses: z.array(schemeTreeClause),
});
export type SchemeTreeNode = z.infer<typeof schemeTreeNode>;

export const schemeTreeView = z
  .object({
    schemeId: z.string(),
    assessmentId: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'published']),
    title: z.string(),
    nodes: z.array(schemeTreeNode).describe('指标（先序遍历：上级在前）'),
    units: z.array(z.object({ code: z.string(), name: z.string(), category: z.string() })),
    lint: z.array(z.object({ severity: z.string(), message: z.string() })).describe('方案检查发现的问题（中文）'),
  })
  .describe('方案指标树');
export type SchemeTreeView = z.infer<typeof schemeTreeView>;

export const clauseParams = z.strictObject({ id: z.string().uuid('id 不是有效的编号'), clauseCode: z.string().trim().min(1).max(100) });

export const tryClauseBody = z.strictObject({
  unitCode: z.string().trim().min(1).max(100).optional().describe('按哪个单位试算（默认：适用该条款的第一个单位）'),
  facts: z.array(z.record(z.string(), z.unknown())).max(200).describe('事实（事实文件格式，如 {type: occurrence, count: 2}；unit、ref 由服务器填入）'),
});
export const tryClauseResult = z
  .object({
    clauseCode: z.string(),
    unitCode: z.string(),
    unitName: z.string(),
    status: z.string().describe('scored / needs-judgement / not-applicable / needs-review / clamped'),
    statusName: z.string().describe('状态（中文）'),
    points: decimalText.nullable().describe('条款（或指标）分值'),
    score: decimalText.describe('得分（得分类规则）'),
    deduction: decimalText.describe('扣分'),
    bonus: decimalText.describe('加分'),
    lines: z.array(z.object({ amount: decimalText, text: z.string() })).describe('该条款的台账行（中文）'),
  })
  .describe('一条条款按给定事实的试算结果（评分引擎计算，不写入任何数据）');

export const responsibilityRow = z.object({
  clauseCode: z.string(),
  indicatorPath: z.string().describe('所属指标（上级 › 本级）'),
  text: z.string(),
  points: decimalText.nullable(),
  divisions: z.array(z.string()).describe('责任处室'),
  leaders: z.array(z.string()).describe('牵头领导'),
  assessors: z.array(z.string()).describe('考核牵头部门'),
});
export const responsibilityView = z.object({ schemeId: z.string(), version: z.number().int(), rows: z.array(responsibilityRow) }).describe('责任分工表（条款 × 责任处室 × 牵头领导）');

export const schemeExportQuery = z.strictObject({
  as: z.enum(['docx', 'xlsx']).describe('文件格式'),
  layout: z.enum(['breakdown', 'responsibility', 'targets', 'scheme']).default('responsibility').describe('版式：分解表、责任分工表、目标表、方案'),
});

const tag = 'scheme-editor';

export const schemeEditorApi = {
  tree: defineOperation({
    method: 'GET',
    path: '/api/schemes/:id/tree',
    tag,
    summary: '方案指标树',
    description: '方案版本的指标树（平铺，带上级编码）、每条条款的规则及其中文说明、单位和方案检查结果。',
    permission: 'scheme:read',
    params: idParams,
    response: schemeTreeView,
    errors: ['not-found'],
  }),
  tryClause: defineOperation({
    method: 'POST',
    path: '/api/schemes/:id/clauses/:clauseCode/try',
    tag,
    summary: '条款试算',
    description: '按给定事实用评分引擎计算一条条款的得失分和台账行，不写入任何数据；与组内其他单位比较计分的条款不能单独试算。',
    permission: 'scheme:read',
    params: clauseParams,
    body: tryClauseBody,
    response: tryClauseResult,
    errors: ['not-found'],
  }),
  responsibility: defineOperation({
    method: 'GET',
    path: '/api/schemes/:id/responsibility',
    tag,
    summary: '责任分工表',
    description: '每条条款的责任处室、牵头领导和考核牵头部门（未写的继承上级指标）。',
    permission: 'scheme:read',
    params: idParams,
    response: responsibilityView,
    errors: ['not-found'],
  }),
  export: defineOperation({
    method: 'GET',
    path: '/api/schemes/:id/export',
    tag,
    summary: '导出方案（Word/Excel）',
    description: '按版式导出方案版本：分解表、责任分工表、目标表或方案本身（可再导入）；方案缺少该版式所需内容时说明缺什么。',
    permission: 'scheme:read',
    params: idParams,
    querystring: schemeExportQuery,
    produces: 'application/octet-stream',
    response: z.any().describe('文件（附件下载）'),
    errors: ['not-found'],
  }),
} as const;
