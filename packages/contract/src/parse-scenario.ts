import { z } from 'zod';
import type { Scenario, ScenarioOp } from '@kaohe/core';
import { factInputSchema, withId } from './fact.schema';
import { parseYamlOrJson, validate } from './parse-document';
import { code, decimal } from './primitives';
import { ruleSchema } from './rule.schema';

const reason = z.string().trim().min(1, '请写明理由（reason）').max(4000);

/** One what-if operation as written in a scenario file or an API body (docs/whatif.md). */
export const scenarioOpSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('uphold-judgement'), unit: code, ref: code, amount: decimal, reason }),
  z.strictObject({ op: z.literal('waive-fact'), fact: z.string().min(1), reason }),
  z.strictObject({ op: z.literal('appeal-upheld'), unit: code, ref: code, line: z.number().int().min(0).optional(), reason }),
  z.strictObject({ op: z.literal('replace-rule'), clause: code, rule: ruleSchema, reason }),
  z.strictObject({ op: z.literal('set-quota'), grade: code, max: z.number().int().min(0).optional(), maxPercent: decimal.optional(), scope: z.enum(['group', 'all']).optional(), reason }),
  z.strictObject({ op: z.literal('set-band'), grade: code, min: decimal, reason }),
  z.strictObject({ op: z.literal('waive-late'), unit: code, ref: code.optional(), reason }),
  z.strictObject({ op: z.literal('set-fact'), fact: factInputSchema, reason }),
]);

export const scenarioSchema = z.strictObject({
  name: z.string().trim().min(1, '情景名称不能为空').max(200),
  description: z.string().max(4000).optional(),
  ops: z.array(scenarioOpSchema).min(1, '情景至少要有一项操作'),
});

export const scenarioOpKinds = scenarioOpSchema.options.map((o) => o.shape.op.value);

/** A validated scenario (zod output) → the core's Scenario; a set-fact without id gets `whatif-fact-N`. */
function toScenario(data: z.output<typeof scenarioSchema>): Scenario {
  const ops = data.ops.map((op, i): ScenarioOp => (op.op === 'set-fact' ? { ...op, fact: withId(op.fact, `whatif-fact-${i + 1}`) } : (op as ScenarioOp)));
  return { name: data.name, ...(data.description !== undefined ? { description: data.description } : {}), ops };
}

/** Parses a scenario file (YAML/JSON text) with path- and line-precise Chinese errors. */
export function parseScenario(text: string, file = 'scenario.yaml'): Scenario {
  return toScenario(validate(scenarioSchema, parseYamlOrJson(text, file), file));
}

/** Validates a scenario already parsed from JSON (an API body or a stored row). */
export function scenarioFromJson(value: unknown, file = 'scenario'): Scenario {
  return toScenario(validate(scenarioSchema, { value, locate: () => undefined }, file));
}
