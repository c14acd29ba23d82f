import { expect, it } from 'vitest';
import { dec } from '../../../src/points';
import { compileRuleText } from '../../../src/text/compile-rule';
import { show, showCompiled } from '../show-rule';

/** A family's test table: sentence → the rules it compiles to (status ok) and, optionally, item policies; or a flag text. */
export type FamilyRow = [name: string, text: string, expected: { rules: unknown[]; indicator?: Record<string, unknown>; family?: string } | { flag: string; suggestion?: string }, points?: string];

export function familyTable(rows: FamilyRow[]): void {
  it.each(rows)('%s', (_name, text, expected, points) => {
    // The fourth column: the item's points from its points column, passed as the importer does.
    const result = compileRuleText(text, points !== undefined ? { points: dec(points) } : {});
    if ('flag' in expected) {
      expect(result.status, JSON.stringify(result.rules.map((r) => showCompiled(r)))).toBe('needs-review');
      expect(result.reason).toContain(expected.flag);
      if (expected.suggestion) expect(result.issues.map((i) => i.suggestion ?? '').join('|')).toContain(expected.suggestion);
      return;
    }
    expect(result.status, result.reason).toBe('ok');
    expect(result.rules.map((r) => showCompiled(r))).toEqual(expected.rules);
    if (expected.indicator) expect(show(result.indicator)).toEqual(expected.indicator);
    if (expected.family) expect(result.rules.map((r) => r.family)).toContain(expected.family);
  });
}
