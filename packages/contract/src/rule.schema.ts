import { z } from 'zod';
import type { Rule } from '@kaohe/core';
import { decimal, isoDate, roundingMode, stepRounding } from './primitives';

const effect = z.enum(['score', 'deduction', 'bonus']);
const dedBonus = z.enum(['deduction', 'bonus']);
const amounts = z.record(z.string(), decimal);

const tiers = z.strictObject({
  by: z.enum(['level', 'severity', 'rank', 'role', 'variant', 'type']),
  amounts,
  otherwise: decimal.optional(),
});

export const band = z.strictObject({
  min: decimal.optional(),
  minInclusive: z.boolean().optional(),
  max: decimal.optional(),
  maxInclusive: z.boolean().optional(),
  amount: decimal,
  judgement: z.boolean().optional(),
  label: z.string().optional(),
});

const metric = z.discriminatedUnion('of', [
  z.strictObject({ of: z.literal('value') }),
  z.strictObject({ of: z.literal('rate'), percent: z.boolean().optional() }),
  z.strictObject({ of: z.literal('change'), baseline: z.enum(['previous', 'average']).optional() }),
  z.strictObject({ of: z.literal('sub-score') }),
  z.strictObject({ of: z.literal('count') }),
  z.strictObject({ of: z.literal('rank') }),
]);

const capped = { cap: decimal.optional(), minimum: decimal.optional() };

const conversionMethod = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('linear'), base: decimal.optional(), weight: decimal }),
  z.strictObject({ type: z.literal('bands'), bands: z.array(band).min(1), otherwise: decimal.optional() }),
  z.strictObject({ type: z.literal('grade-steps'), good: decimal, width: decimal, perStep: decimal, stepRounding: stepRounding.optional() }),
  z.strictObject({ type: z.literal('best-normalised'), weight: decimal }),
  z.strictObject({ type: z.literal('deduction-proportional'), base: decimal.optional(), weight: decimal }),
  z.strictObject({ type: z.literal('weighted'), weights: amounts }),
  z.strictObject({ type: z.literal('rescale'), rawBase: decimal, base: decimal.optional(), weight: decimal.optional() }),
  z.strictObject({ type: z.literal('period-average'), factor: decimal.optional(), divisor: z.number().int().positive().optional() }),
  z.strictObject({ type: z.literal('deduction-range'), min: decimal, max: decimal }),
]);

/** The typed rule of a clause, one object per family (docs/scheme-format.md lists them with examples). */
export const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('per-occurrence'),
    effect: dedBonus,
    amount: decimal.optional(),
    tiers: tiers.optional(),
    per: z.number().int().positive().optional(),
    perRounding: stepRounding.optional(),
    double: z.strictObject({ flag: z.string(), factor: z.number().int().positive().optional() }).optional(),
    dedupe: z.literal('event-key').optional(),
    highestOnly: z.boolean().optional(),
    countDistinct: z.literal('subject').optional(),
    minRepeat: z.number().int().positive().optional(),
    overLimit: decimal.optional(),
    exempt: z.strictObject({ flag: z.string().min(1), when: z.string().min(1) }).optional(),
    periodCap: z.strictObject({ period: z.enum(['month', 'quarter']), amount: decimal }).optional(),
    ...capped,
  }),
  z.strictObject({ kind: z.literal('condition'), effect: dedBonus, amount: decimal.optional(), tiers: tiers.optional(), ...capped }),
  z.strictObject({ kind: z.literal('discretionary'), effect, min: decimal, max: decimal.optional(), perOccurrence: z.boolean().optional(), cap: decimal.optional() }),
  z.strictObject({
    kind: z.literal('shortfall'),
    effect: z.literal('deduction'),
    required: z.union([z.number().int().nonnegative(), z.literal('target')]),
    amount: decimal,
    noneAmount: decimal.optional(),
    elements: z.array(z.string()).optional(),
    perSubject: z.boolean().optional(),
    ...capped,
  }),
  z.strictObject({
    kind: z.literal('threshold-steps'),
    effect,
    metric,
    threshold: z.union([decimal, z.literal('target')]),
    figure: z.string().optional(),
    direction: z.enum(['below', 'above']),
    missAtThreshold: z.boolean().optional(),
    initial: decimal.optional(),
    step: decimal.optional(),
    perStep: decimal.optional(),
    stepRounding: stepRounding.optional(),
    judgementBeyond: decimal.optional(),
    ...capped,
  }),
  z.strictObject({ kind: z.literal('bands'), effect, metric, bands: z.array(band).min(1), otherwise: decimal.optional() }),
  z.strictObject({ kind: z.literal('lateness'), effect: z.literal('deduction'), amountPerPeriod: decimal, period: z.enum(['day', 'workday', 'month']), ...capped }),
  z.strictObject({ kind: z.literal('deadline'), effect: z.literal('deduction'), deadline: isoDate, amount: decimal }),
  z.strictObject({
    kind: z.literal('proportional'),
    effect: z.enum(['score', 'deduction']),
    points: decimal.optional(),
    target: z.union([decimal, z.literal('target')]).optional(),
    figure: z.string().optional(),
    allowOver: z.boolean().optional(),
    metric: metric.optional(),
    ...capped,
  }),
  z.strictObject({ kind: z.literal('completion'), allowPartial: z.boolean().optional(), points: decimal.optional() }),
  z.strictObject({ kind: z.literal('partial-credit'), points: decimal.optional(), incompleteCeiling: decimal, mode: z.enum(['capped', 'scaled']) }),
  z.strictObject({ kind: z.literal('any-of'), options: z.array(z.string()).min(1), points: decimal.optional(), optionPoints: z.array(decimal).min(1).optional() }),
  z.strictObject({
    kind: z.literal('rate-formula'),
    effect: z.enum(['score', 'deduction']),
    weight: decimal,
    invert: z.boolean().optional(),
    offset: decimal.optional(),
    subtractFromNumerator: z.string().optional(),
    floor: decimal.optional(),
    ceiling: decimal.optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    rounding: roundingMode.optional(),
  }),
  z.strictObject({ kind: z.literal('relative-to-best'), effect: z.enum(['score', 'bonus']), metric, base: decimal.optional(), weight: decimal, decimals: z.number().int().min(0).max(6).optional(), denominatorOfBest: z.boolean().optional() }),
  z.strictObject({
    kind: z.literal('rank-bands'),
    effect,
    metric,
    order: z.enum(['desc', 'asc']),
    bands: z.array(z.strictObject({ from: z.number().int().positive(), to: z.number().int().positive().optional(), amount: decimal })).min(1),
    otherwise: decimal.optional(),
  }),
  z.strictObject({
    kind: z.literal('external-rank'),
    safeRank: z.number().int().positive().optional(),
    safeInclusive: z.boolean().optional(),
    perPlace: decimal.optional(),
    perPlaceByRole: amounts.optional(),
    bottomZero: z.number().int().positive().optional(),
    topBonus: z.array(decimal).optional(),
    topBonusByRole: z.record(z.string(), z.array(decimal)).optional(),
    cap: decimal.optional(),
    fromBottom: z.strictObject({ scores: z.array(decimal).min(1), perPlaceUp: decimal }).optional(),
  }),
  z.strictObject({ kind: z.literal('bottom-k'), metric, order: z.enum(['desc', 'asc']), k: z.number().int().positive().optional(), percent: decimal.optional(), countRounding: stepRounding.optional(), amount: decimal }),
  z.strictObject({ kind: z.literal('top-k'), metric, order: z.enum(['desc', 'asc']), amounts: z.array(decimal).min(1) }),
  z.strictObject({ kind: z.literal('conversion'), effect, from: z.string().optional(), method: conversionMethod }),
  z.strictObject({ kind: z.literal('accumulate'), effect: z.enum(['score', 'bonus']), items: amounts, cap: decimal.optional() }),
  z.strictObject({ kind: z.literal('zero'), scope: z.enum(['indicator', 'parent', 'unit']) }),
  z.strictObject({ kind: z.literal('survey'), groups: amounts, decimals: z.number().int().min(0).max(6).optional() }),
  z.strictObject({ kind: z.literal('average'), points: decimal.optional() }),
  z.strictObject({ kind: z.literal('manual'), effect, max: decimal.optional(), reason: z.string().optional() }),
]) satisfies z.ZodType<Rule, unknown>;

export const ruleKinds = ruleSchema.options.map((o) => o.shape.kind.value);
