import { z } from 'zod';
import { idParams, uuid } from './common';
import { defineOperation } from './operation';

/** 从方案一次建立或匹配单位。 */
export const unitsFromSchemeBody = z.strictObject({
  dryRun: z.boolean().default(false).describe('只预览匹配结果，不写入'),
  resolutions: z
    .record(z.string(), z.union([uuid('unitId'), z.literal('create')]))
    .default({})
    .describe('对有歧义的单位的处理：方案单位编码 → 已有单位编号，或 "create" 新建'),
});

const matchedBy = z.enum(['code', 'name', 'alias', 'resolution']).describe('匹配依据：编码、名称、别名或人工指定');
const schemeUnit = { schemeCode: z.string().describe('方案中的单位编码'), schemeName: z.string().describe('方案中的单位名称') };

export const unitsFromSchemeResult = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().describe('是否已写入（预览或仍有歧义时为 false）'),
    schemeId: z.string(),
    matched: z.array(z.object({ ...schemeUnit, unitId: z.string(), unitCode: z.string(), unitName: z.string(), by: matchedBy })),
    created: z.array(z.object({ ...schemeUnit, unitId: z.string().nullable(), category: z.string().nullable(), group: z.string().nullable() })),
    ambiguous: z.array(
      z.object({
        ...schemeUnit,
        reason: z.string().describe('歧义原因（中文）'),
        candidates: z.array(z.object({ unitId: z.string(), unitCode: z.string(), unitName: z.string(), by: matchedBy })),
      }),
    ),
    recoded: z.number().int().describe('方案中改用系统单位编码的单位数'),
  })
  .describe('单位匹配报告：已匹配 / 新建 / 有歧义（有歧义时不写入任何内容）');
export type UnitsFromSchemeResult = z.infer<typeof unitsFromSchemeResult>;

export const unitsFromSchemeApi = {
  apply: defineOperation({
    method: 'POST',
    path: '/api/schemes/:id/units',
    tag: 'scheme-upload',
    summary: '从方案建立或匹配单位',
    description: '按编码、名称和别名把方案中的单位与系统中的单位对应：唯一相符的匹配，没有的新建，有歧义的列出候选且不写入任何内容（可用 resolutions 指定后再提交）。dryRun 只预览。',
    permission: 'unit:from-scheme',
    params: idParams,
    body: unitsFromSchemeBody,
    response: unitsFromSchemeResult,
    errors: ['not-found'],
  }),
} as const;
