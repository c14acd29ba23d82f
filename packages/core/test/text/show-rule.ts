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
