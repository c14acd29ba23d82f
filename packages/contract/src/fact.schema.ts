import { z } from 'zod';
import type { Fact } from '@kaohe/core';
import { code, decimal, isoDate, sourceRef } from './primitives';

const base = {
  id: z.string().min(1).optional(),
  unit: code,
  ref: code,
  source: z.strictObject({ doc: z.string().optional(), by: z.string().optional(), at: z.string().optional(), ref: sourceRef.optional() }).optional(),
  note: z.string().optional(),
};
const count = z.number().int().nonnegative();

/** One fact as written in a facts file; `id` is filled from the file position when absent. */
export const factInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('occurrence'),
    date: isoDate.optional(),
    level: z.string().optional(),
    severity: z.string().optional(),
    rank: z.string().optional(),
    role: z.string().optional(),
    variant: z.string().optional(),
    kind: z.string().optional(),
    eventKey: z.string().optional(),
    subject: z.string().optional(),
    count: z.number().int().positive().optional(),
    flags: z.array(z.string()).optional(),
    duration: decimal.optional(),
    amount: decimal.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('value'), value: decimal, baseline: decimal.optional(), period: z.string().optional() }),
  z.strictObject({ ...base, type: z.literal('rate'), numerator: decimal, denominator: decimal, parts: z.record(z.string(), decimal).optional(), period: z.string().optional() }),
  z.strictObject({ ...base, type: z.literal('count'), done: count, required: count.optional(), subject: z.string().optional(), present: z.array(z.string()).optional() }),
  z.strictObject({
    ...base,
    type: z.literal('flag'),
    value: z.boolean(),
    variant: z.string().optional(),
    option: z.string().optional(),
    progress: decimal.optional(),
    date: isoDate.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('rank'), rank: z.number().int().positive(), of: z.number().int().positive().optional(), role: z.string().optional() }),
  z.strictObject({ ...base, type: z.literal('judgement'), amount: decimal, reason: z.string().min(1, '评分须填写理由'), by: z.string().optional() }),
  z.strictObject({ ...base, type: z.literal('sub-score'), score: decimal, channel: z.string().optional(), period: z.string().optional() }),
  z.strictObject({ ...base, type: z.literal('survey'), group: z.string().min(1), value: decimal }),
  z.strictObject({ ...base, type: z.literal('lateness'), periods: count.optional(), due: isoDate.optional(), done: isoDate.optional() }),
  z.strictObject({ ...base, type: z.literal('not-applicable'), reason: z.string().min(1, '不适用须说明理由'), evidence: z.string().optional() }),
  z.strictObject({ ...base, type: z.literal('target-override'), value: decimal }),
]);

export type FactInput = z.output<typeof factInputSchema>;

export const factsFileSchema = z.union([z.array(factInputSchema), z.strictObject({ facts: z.array(factInputSchema) })]);

export const factTypes = factInputSchema.options.map((o) => o.shape.type.value);

export function withId(f: FactInput, fallback: string): Fact {
  return { ...f, id: f.id ?? fallback } as Fact;
}
