import { z } from 'zod';
import type { Clause, Indicator, Scheme } from '@kaohe/core';
import { code, decimal, roundingMode, scope, sourceRef, stepRounding, text } from './primitives';
import { ruleSchema } from './rule.schema';

const codes = z.array(code);
const cadence = z.enum(['weekly', 'monthly', 'bimonthly', 'quarterly', 'half-yearly', 'yearly', 'event']);
const rounding = z.strictObject({ decimals: z.number().int().min(0).max(6), mode: roundingMode.optional() });

const target = z.strictObject({
  text: text.optional(),
  value: decimal.optional(),
  unit: z.string().optional(),
  comparator: z.enum(['>=', '<=', '=', '>', '<']).optional(),
  overrideWhenHigher: z.boolean().optional(),
  values: z.record(z.string(), decimal).optional(),
});

export const clauseSchema = z.strictObject({
  code,
  text,
  points: decimal.optional(),
  rule: ruleSchema,
  ruleByCategory: z.record(z.string(), ruleSchema).optional().describe('按单位类别的规则：本单位类别有规则时按该规则计分，否则按 rule'),
  afterZero: z.boolean().optional().describe('此项不得分，同时倒扣N分：本条款扣分时本项先计零，再倒扣（可低于零分，不受本项下限、上限和扣分上限约束）；只用于扣分规则'),
  leadAssessors: codes.optional(),
  divisions: codes.optional(),
  participatingDivisions: codes.optional(),
  leaders: codes.optional(),
  evidence: z.array(z.string()).optional(),
  cadence: cadence.optional(),
  dimension: code.optional(),
  dedupeGroup: code.optional(),
  dataItem: code.optional().describe('最多报一次：共享数据项编码；各条款读取同一事实，单位只报一次'),
  status: z.enum(['ok', 'needs-review']).optional(),
  reviewReason: z.string().optional(),
  source: sourceRef.optional(),
}) satisfies z.ZodType<Clause, unknown>;

const indicatorShape = {
  code,
  title: z.string().min(1, '指标名称不能为空'),
  points: decimal.optional(),
  pointsByCategory: z.record(z.string(), decimal).optional(),
  pointsByUnit: z.record(z.string(), decimal).optional(),
  appliesTo: scope.optional(),
  role: z.literal('bonus').optional(),
  target: target.optional(),
  targets: z.record(z.string(), target).optional(),
  leadAssessors: codes.optional(),
  divisions: codes.optional(),
  leaders: codes.optional(),
  evidence: z.array(z.string()).optional(),
  cadence: cadence.optional(),
  aggregation: z.enum(['sum', 'average']).optional(),
  caps: z.strictObject({ deduction: decimal.optional(), bonus: decimal.optional(), net: decimal.optional() }).optional(),
  rescale: z.strictObject({ from: decimal.refine((v) => v > 0, '折算基数（按N分制计分）必须大于 0') }).optional(),
  floor: decimal.nullable().optional(),
  ceiling: decimal.nullable().optional(),
  notApplicable: z.enum(['full-points', 'average-of-others', 'rescale-total']).optional(),
  dimensions: z.array(z.strictObject({ code, name: z.string(), percent: decimal })).optional(),
  rounding: rounding.optional(),
  text: text.optional(),
  clauses: z.array(clauseSchema).optional(),
  source: sourceRef.optional(),
};

export const indicatorSchema: z.ZodType<Indicator, unknown> = z.strictObject({
  ...indicatorShape,
  get children() {
    return z.array(indicatorSchema).optional();
  },
});

const vetoEffect = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('zero-indicator'), indicator: code }),
  z.strictObject({ type: z.literal('zero-total') }),
  z.strictObject({ type: z.literal('max-grade'), grade: code }),
  z.strictObject({ type: z.literal('force-grade'), grade: code }),
  z.strictObject({ type: z.literal('force-last') }),
  z.strictObject({ type: z.literal('bar-award'), award: z.string() }),
  z.strictObject({ type: z.literal('bar-grade'), grade: z.string().min(1) }),
  z.strictObject({ type: z.literal('deduct'), amount: decimal }),
]);

const gradeCondition = z.strictObject({
  vetoed: z.boolean().optional(),
  deductionAtLeast: decimal.optional(),
  negativeListAtLeast: decimal.optional(),
  flag: z.string().optional(),
  scoreBelow: decimal.optional(),
});

const grading = z.strictObject({
  grades: z.array(z.strictObject({ code, name: z.string() })).min(1, '至少需要一个等次'),
  method: z.enum(['score-bands', 'rank-percentile']),
  bands: z.array(z.strictObject({ grade: code, min: decimal, minInclusive: z.boolean().optional() })).optional(),
  percentiles: z.array(z.strictObject({ grade: code, upToPercent: decimal })).optional(),
  percentileRounding: stepRounding.optional(),
  quotas: z
    .array(
      z.strictObject({
        grade: code,
        max: z.number().int().nonnegative().optional(),
        maxPercent: decimal.optional(),
        rounding: stepRounding.optional(),
        scope: z.enum(['group', 'all']),
      }),
    )
    .optional(),
  tiePolicy: z.enum(['exclude-tied', 'include-tied', 'review']).optional(),
  exceptions: z.array(z.strictObject({ when: gradeCondition, maxGrade: code.optional(), forceGrade: code.optional(), label: z.string().optional() })).optional(),
  otherwise: code.optional(),
});

const named = z.strictObject({ code, name: z.string().min(1) });

/** The scheme file (方案 + 细则). Lists default to empty so a small scheme stays small. */
export const schemeSchema = z.strictObject({
  formatVersion: z.literal(1, { message: 'formatVersion 应为 1' }),
  code,
  year: z.number().int().min(2000).max(2100),
  title: z.string().min(1),
  issuer: z.string().optional(),
  docNo: z.string().optional(),
  basis: z.string().optional(),
  settings: z
    .strictObject({
      rounding: rounding.optional(),
      stepRounding: stepRounding.optional(),
      unitBonusCap: decimal.optional(),
      totalMax: decimal.optional(),
      totalMin: decimal.optional(),
      cutoffs: z.array(z.strictObject({ below: decimal, to: decimal })).optional(),
      assessmentDate: z.string().optional(),
      normaliseTo: decimal.optional(),
    })
    .default({}),
  unitCategories: z.array(named).default([]),
  units: z.array(z.strictObject({ code, name: z.string().min(1), category: code, groups: codes.optional(), aliases: z.array(z.string()).optional() })).default([]),
  rankingGroups: z.array(z.strictObject({ code, name: z.string().min(1), categories: codes.optional(), units: codes.optional() })).default([]),
  divisions: z.array(named).default([]),
  leaders: z.array(named).default([]),
  assessors: z.array(named).default([]),
  indicators: z.array(indicatorSchema).default([]),
  negativeList: z
    .array(
      z.strictObject({
        code,
        title: z.string().optional(),
        text,
        amount: decimal.optional(),
        rule: ruleSchema.optional(),
        responsibleUnits: codes.optional(),
        responsibleText: z.string().optional(),
        appliesTo: scope.optional(),
        source: sourceRef.optional(),
      }),
    )
    .default([]),
  vetoes: z.array(z.strictObject({ code, title: z.string().optional(), text, effects: z.array(vetoEffect).min(1), appliesTo: scope.optional(), source: sourceRef.optional() })).default([]),
  subAssessments: z.array(z.strictObject({ code, title: z.string(), owner: code.optional(), base: decimal.optional(), source: sourceRef.optional() })).default([]),
  cascades: z
    .array(
      z.strictObject({
        code,
        title: z.string(),
        indicator: code,
        metric: z.string().optional(),
        unit: z.string().optional(),
        parent: z.strictObject({ text: z.string().optional(), value: decimal, owner: code.optional() }),
        upper: z.strictObject({ text: z.string().optional(), value: decimal }).optional(),
        source: sourceRef.optional(),
      }),
    )
    .optional(),
  grading: grading.optional(),
}) satisfies z.ZodType<Scheme, unknown>;
