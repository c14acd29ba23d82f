import { toStr, type Dec, type Scheme } from '@kaohe/core';
import { decimal, schemeSchema } from '@kaohe/contract';
import { stringify } from 'yaml';
import type { z } from 'zod';

/**
 * The scheme in file form: every decimal of the core (integer millionths) written back as the decimal
 * string the scheme format reads ("0.05"), found by walking the contract's own schema — so a field the
 * contract adds later is converted without a list kept here.
 */
export function schemeToFile(scheme: Scheme): unknown {
  return toFile(schemeSchema as unknown as z.ZodType, scheme);
}

export function schemeToYaml(scheme: Scheme): string {
  return stringify(schemeToFile(scheme), { lineWidth: 0, aliasDuplicateObjects: false });
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function isDecimal(s: z.ZodType): boolean {
  return s === (decimal as unknown as z.ZodType);
}

function toFile(schema: z.ZodType, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (isDecimal(schema)) return typeof value === 'number' ? decimalOut(value as Dec) : value;
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return toFile(def.innerType as z.ZodType, value);
    case 'lazy':
      return toFile((def.getter as () => z.ZodType)(), value);
    case 'pipe':
      return toFile(def.in as z.ZodType, value);
    case 'array':
      return Array.isArray(value) ? value.map((v) => toFile(def.element as z.ZodType, v)) : value;
    case 'record': {
      if (typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toFile(def.valueType as z.ZodType, v)]));
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const shape = def.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        out[k] = shape[k] ? toFile(shape[k]!, v) : v;
      }
      return out;
    }
    case 'union': {
      const options = def.options as z.ZodType[];
      const match = options.find((o) => fits(o, value)) ?? options[0]!;
      return toFile(match, value);
    }
    default:
      return value;
  }
}

/** Whether a union option describes this value (decimals are numbers; objects match their literal keys). */
function fits(schema: z.ZodType, value: unknown): boolean {
  if (isDecimal(schema)) return typeof value === 'number';
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return fits(def.innerType as z.ZodType, value);
    case 'pipe':
      return fits(def.in as z.ZodType, value);
    case 'literal':
      return (def.values as unknown[]).includes(value);
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>).includes(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(shape).every(([k, s]) => {
        const d = defOf(s);
        return d.type !== 'literal' || (d.values as unknown[]).includes((value as Record<string, unknown>)[k]);
      });
    }
    case 'union':
      return (def.options as z.ZodType[]).some((o) => fits(o, value));
    default:
      return true;
  }
}

function decimalOut(v: Dec): number | string {
  const s = toStr(v);
  // Whole numbers and short decimals read naturally as YAML numbers; the contract keeps them exact.
  return /^-?\d+(\.\d{1,6})?$/.test(s) && Number.isSafeInteger(Math.round(Number(s) * 1e6)) ? Number(s) : s;
}
