import { z } from 'zod';
import { dec, CoreError, type Dec } from '@kaohe/core';

/** An exact decimal written as a number (0.05) or a string ("0.05", "１５"); more than 6 decimals is refused. */
export const decimal = z
  .union([z.number(), z.string()])
  .transform((v, ctx): Dec => {
    try {
      return dec(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof CoreError ? e.message : `不是有效数字：${String(v)}` });
      return z.NEVER;
    }
  })
  .meta({ description: '精确小数：数字或字符串，最多 6 位小数', examples: [0.5, '0.05'] });

export const code = z.string().trim().min(1, '编码不能为空').max(200);
export const text = z.string().max(20_000);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const roundingMode = z.enum(['half-up', 'half-even', 'down', 'up', 'floor', 'ceil']);
export const stepRounding = z.enum(['floor', 'ceil', 'exact']);

export const sourceRef = z.strictObject({
  file: z.string().optional(),
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  line: z.number().int().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
});

export const scope = z.strictObject({
  categories: z.array(code).optional(),
  groups: z.array(code).optional(),
  units: z.array(code).optional(),
  exceptUnits: z.array(code).optional(),
});
