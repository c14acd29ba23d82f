import * as P from '../../src/points';

/** Integer fields of rules (counts, ranks); every other number in a Rule is a `Dec`. */
const INTEGER_KEYS = new Set(['required', 'per', 'minRepeat', 'k', 'from', 'to', 'factor', 'decimals']);

/** A Rule with every Dec shown as its `P.toStr` string, for readable exact assertions. */
export function show(value: unknown, key = ''): unknown {
  if (typeof value === 'number') return INTEGER_KEYS.has(key) ? value : P.toStr(value as P.Dec);
  if (Array.isArray(value)) return value.map((v) => show(v, key === 'amounts' ? 'amounts' : ''));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v, key === 'amounts' ? '' : k)]));
  }
  return value;
}

/**
 * A compiled rule for a table: its rule, or — for a rule by unit category (families/category-rules) —
 * `{ byCategory }`, the rule of each category in the document's words (the `manual` fallback for any
 * other category is implied; a fallback of another kind is shown as `rule`).
 */
export function showCompiled(compiled: { rule: unknown; ruleByCategory?: Record<string, unknown>; afterZero?: true }): unknown {
  // 此项不得分，同时倒扣: `afterZero` shown beside the rule (the clause's flag).
  const after = compiled.afterZero ? { afterZero: true } : {};
  if (!compiled.ruleByCategory) return { ...(show(compiled.rule) as object), ...after };
  const rule = compiled.rule as { kind: string };
  return { byCategory: show(compiled.ruleByCategory), ...(rule.kind !== 'manual' ? { rule: show(rule) } : {}), ...after };
}
