import { expect, it } from 'vitest';
import { compileRuleText } from '../../../src/text/compile-rule';
import { show } from '../show-rule';

/** A family's test table: sentence → the rules it compiles to (status ok) and, optionally, item policies; or a flag text. */
export type FamilyRow = [name: string, text: string, expected: { rules: unknown[]; indicator?: Record<string, unknown>; family?: string } | { flag: string }];

export function familyTable(rows: FamilyRow[]): void {
  it.each(rows)('%s', (_name, text, expected) => {
    const result = compileRuleText(text);
    if ('flag' in expected) {
      expect(result.status, JSON.stringify(result.rules.map((r) => show(r.rule)))).toBe('needs-review');
      expect(result.reason).toContain(expected.flag);
      return;
    }
    expect(result.status, result.reason).toBe('ok');
    expect(result.rules.map((r) => show(r.rule))).toEqual(expected.rules);
    if (expected.indicator) expect(show(result.indicator)).toEqual(expected.indicator);
    if (expected.family) expect(result.rules.map((r) => r.family)).toContain(expected.family);
  });
}
