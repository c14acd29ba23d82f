import { z } from 'zod';
import { decimalText, timestamp, uuidParam } from './fields';
import { defineOperation } from './operation';
import { assessmentParams } from './assessment';

export const unitResultParams = z.strictObject({ id: uuidParam('id'), unitId: uuidParam('unitId') });

export const gradeView = z.object({ code: z.string(), name: z.string() });

export const groupRankView = z.object({
  group: z.string().describe('排名分组代码'),
  groupName: z.string(),
  rank: z.number().int(),
  of: z.number().int(),
  isTied: z.boolean(),
});
export type GroupRankView = z.infer<typeof groupRankView>;

/** One row of the rankings: a unit's total, grade and its rank in each group it is ranked in. */
export const rankingRowView = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  category: z.string().nullable().describe('单位类别代码（方案中）'),
  categoryName: z.string().nullable(),
  total: decimalText,
  selfAssessedTotal: decimalText.nullable().describe('自评总分：含单位已报送、尚未核验的数值（不影响总分、等次和名次）'),
  warnings: z.number().int().describe('得分说明中的提示条数（未被任何规则读取或被其他事实取代的事实）'),
  grade: z.string().nullable(),
  gradeName: z.string().nullable().describe('等次的中文名称，如“优秀”'),
  rank: z.number().int().nullable(),
  ranks: z.array(groupRankView),
  computedAt: timestamp,
  schemeId: z.string(),
});
export type RankingRowView = z.infer<typeof rankingRowView>;

export const clauseResultView = z.object({
  code: z.string(),
  kind: z.string(),
  status: z.string(),
  score: decimalText,
  deduction: decimalText,
  bonus: decimalText,
});

export type NodeResultView = {
  code: string;
  title: string;
  points?: string | undefined;
  score: string;
  deduction: string;
  bonus: string;
  status: string;
  isBonus: boolean;
  children: NodeResultView[];
  clauses: z.infer<typeof clauseResultView>[];
};

export const nodeResultView: z.ZodType<NodeResultView> = z.object({
  code: z.string(),
  title: z.string(),
  points: decimalText.optional(),
  score: decimalText,
  deduction: decimalText,
  bonus: decimalText,
  status: z.string(),
  isBonus: z.boolean(),
  get children() {
    return z.array(nodeResultView);
  },
  clauses: z.array(clauseResultView),
});

export const sourceRefView = z.object({
  file: z.string().optional(),
  table: z.number().optional(),
  row: z.number().optional(),
  line: z.number().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
});

/** One point gained or lost, with its words and the clause it cites. */
export const ledgerLineView = z.object({
  path: z.array(z.string()).describe('自顶层起的指标代码'),
  ref: z.string().describe('条款或指标代码'),
  kind: z.string(),
  msg: z.string().describe('说明的消息键（如 node.ceiling），供程序识别行的类型'),
  params: z.record(z.string(), z.unknown()).optional().describe('说明的参数（分值为十进制字符串）'),
  amount: decimalText.describe('对该指标得分的影响（带符号）'),
  facts: z.array(z.string()).describe('依据的事实编号'),
  text: z.string().describe('中文说明'),
  cite: z.object({ text: z.string(), source: sourceRefView.optional() }).optional().describe('所依据的条款原文及出处'),
});
export type LedgerLineView = z.infer<typeof ledgerLineView>;

/** A unit's score card (得分反查): totals, the indicator tree with clause results, and the ledger. */
/** A fact the engine did not use: no rule reads it, or another one was read instead (never dropped silently). */
export const factWarningView = z.object({
  fact: z.string(),
  ref: z.string(),
  kind: z.enum(['unread', 'conflict']),
  reason: z.string(),
  readInstead: z.string().optional(),
  message: z.string().describe('提示（中文）'),
});
export type FactWarningView = z.infer<typeof factWarningView>;

export const scoreCardView = z.object({
  unit: z.string(),
  name: z.string(),
  category: z.string(),
  total: decimalText,
  itemsTotal: decimalText,
  bonusTotal: decimalText,
  negativeTotal: decimalText,
  deductionTotal: decimalText,
  vetoes: z.array(z.string()),
  pendingJudgements: z.number().int(),
  needsReview: z.number().int(),
  nodes: z.array(nodeResultView),
  lines: z.array(z.string()).describe('各行账目的中文说明（与 entries 一一对应）'),
  entries: z.array(ledgerLineView),
  gradeNotes: z.array(z.string()).describe('等次说明（中文）'),
  selfAssessedTotal: decimalText.nullable().describe('自评总分：含单位已报送、尚未核验的数值'),
  warnings: z.array(factWarningView).describe('未计入得分的事实及原因'),
});
export type ScoreCardView = z.infer<typeof scoreCardView>;

export const unitResultView = z.object({
  assessmentId: z.string(),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  schemeId: z.string(),
  total: decimalText,
  grade: z.string().nullable(),
  gradeName: z.string().nullable(),
  rank: z.number().int().nullable(),
  ranks: z.array(groupRankView),
  computedAt: timestamp,
  inputSha256: z.string().describe('计算输入（方案与事实）的摘要'),
  ledger: scoreCardView,
});
export type UnitResultView = z.infer<typeof unitResultView>;

export const recomputeResult = z.object({ units: z.number().int(), inputSha256: z.string(), schemeVersion: z.number().int(), computedAt: timestamp });
export const publicAssessmentView = z.object({ id: z.string(), year: z.number().int(), name: z.string() });
export const publicResultsView = z.object({
  publishedAt: timestamp,
  sequence: z.number().int(),
  results: z.array(z.object({ unitCode: z.string(), unitName: z.string(), total: decimalText, grade: z.string().nullable(), rank: z.number().int().nullable() })),
});

const tag = 'results';

export const resultsApi = {
  rankings: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/results',
    tag,
    summary: '考核结果与排名',
    description: '最近一次计算的各单位总分、等次（中文名称）及在各排名分组中的名次（按数据范围过滤）。',
    permission: 'result:read',
    params: assessmentParams,
    response: z.array(rankingRowView),
    errors: ['not-found'],
  }),
  unit: defineOperation({
    method: 'GET',
    path: '/api/assessments/:id/results/:unitId',
    tag,
    summary: '单位得分明细（得分反查）',
    description: '一个单位的计分卡：总分、等次、指标树上每项的得分与扣分，以及每一分得失的中文说明、依据的条款原文和事实编号。',
    permission: 'result:read',
    params: unitResultParams,
    response: unitResultView,
    errors: ['not-found'],
  }),
  recompute: defineOperation({
    method: 'POST',
    path: '/api/assessments/:id/recompute',
    tag,
    summary: '重新计算',
    description: '用最新的已发布方案和全部事实、认定重新计算所有单位的得分，一次性替换结果。',
    permission: 'result:recompute',
    params: assessmentParams,
    response: recomputeResult,
    errors: ['not-found'],
  }),
  publicAssessments: defineOperation({
    method: 'GET',
    path: '/api/public/assessments',
    tag: 'public',
    summary: '已公布结果的考核',
    description: '已发布结果的考核，无须登录。',
    permission: 'public',
    response: z.array(publicAssessmentView),
    errors: [],
  }),
  publicResults: defineOperation({
    method: 'GET',
    path: '/api/public/assessments/:id/results',
    tag: 'public',
    summary: '公布的结果',
    description: '最近一次发布的各单位总分、等次和名次，无须登录。',
    permission: 'public',
    params: assessmentParams,
    response: publicResultsView,
    errors: ['not-found'],
  }),
} as const;
