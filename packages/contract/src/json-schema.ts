import { z } from 'zod';
import { schemeSchema } from './scheme.schema';

/** JSON Schema of the scheme file as authors write it (inputs: decimals as numbers or strings). */
export function schemeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(schemeSchema, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'ref' }) as Record<string, unknown>;
}
