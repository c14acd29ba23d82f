import { z } from 'zod';

/** Field schemas shared by the route modules' request and response schemas. */
export const uuidParam = (name: string) => z.string().uuid(`${name} 不是有效的编号`);
export const idParams = z.strictObject({ id: uuidParam('id') });
export const clientKey = z
  .string()
  .trim()
  .min(8, 'clientKey 至少 8 个字符')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'clientKey 只能包含字母、数字和 ._:-');
export const nonEmpty = (max = 200) => z.string().trim().min(1, '不能为空').max(max);
export const clauseKeySchema = z.string().trim().min(1, '不能为空').max(100);
/** Times travel as ISO 8601 text (2020-07-02T06:30:00.000Z); the web shows them as 2020-07-02 14:30. */
export const timestamp = z.string().describe('ISO 8601 时间');
/** Points and other exact decimals travel as text ("8.5"), never as binary floats. */
export const decimalText = z.string().describe('十进制小数（文本，避免二进制浮点误差）');
export const okResponse = z.object({ ok: z.literal(true) });
