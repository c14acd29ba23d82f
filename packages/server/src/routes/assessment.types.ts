import { z } from 'zod';
import { clauseKeySchema, clientKey, nonEmpty, uuidParam } from './route-helpers';

// Assessment schemas live in the contract (packages/contract/src/api/assessment.ts).
export { assessmentParams, scopedListQuery } from '@kaohe/contract/api';

/** A fact in the scheme file format; `unit` and `ref` are set by the server from the request. */
const factObject = z.looseObject({
  id: z.string().trim().min(1).max(100),
  type: z.string().trim().min(1).max(50),
});
export const importFactsBody = z.strictObject({
  clientKey,
  facts: z
    .array(factObject.extend({ unit: z.string().trim().min(1).max(100), ref: clauseKeySchema }))
    .min(1)
    .max(20000),
});
export const reportBody = z.strictObject({
  clientKey,
  unitId: uuidParam('unitId'),
  clauseKey: clauseKeySchema,
  narrative: z.string().max(20000).optional(),
  facts: z.array(factObject).max(200).default([]),
});
export const judgementBody = z.strictObject({
  clientKey: clientKey.optional(),
  unitId: uuidParam('unitId'),
  clauseKey: clauseKeySchema,
  kind: z.enum(['deduction', 'bonus', 'judgement']),
  points: z.string().regex(/^\d{1,4}(\.\d{1,6})?$/, 'points 须为非负小数，如 "0.5"'),
  reason: nonEmpty(2000),
});
export const evidenceFields = z.strictObject({
  clientKey,
  unitId: uuidParam('unitId'),
  clauseKey: clauseKeySchema,
  reportId: uuidParam('reportId').optional(),
});
