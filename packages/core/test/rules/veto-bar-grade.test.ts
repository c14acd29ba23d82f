import { describe, expect, it } from 'vitest';
import { barredGradeCap } from '../../src/grading/grade-units';
import type { Grading } from '../../src/scheme/scheme.types';
import { lintScheme } from '../../src/scheme/lint-scheme';
import { buildScheme, d, expectExplains, f, linesOf, run, total, unitOf } from '../test-scheme';

/**
 * 一票否优 (corpus 07 3.1–3.4, 08 4.1–4.5: "受到…通报批评的" under 一票否优事项): veto effect 'bar-grade' names the
 * barred grade by code or by its name as written. Scoring with a grading: p26-p34.test.ts (P28/P30 vetoes).
 */
const grading: Grading = { grades: ['优秀', '良好', '合格', '不合格'].map((name, k) => ({ code: 'ABCD'[k]!, name })), method: 'score-bands' };

describe(barredGradeCap, () => {
  it.each([
    ['优秀', undefined, 'B'], // by name
    ['A', undefined, 'B'], // by code
    ['B', undefined, 'C'],
    ['D', undefined, 'D'], // the last grade: nothing below it
    ['A', 'C', 'C'], // a stricter cap already set stays
    ['C', 'B', 'D'],
    ['先进', undefined, undefined], // unknown grade: no cap
  ] as const)('%s (current %s) → %s', (barred, current, want) => {
    expect(barredGradeCap(grading, barred, current)).toBe(want);
  });

  it('no grading: nothing to cap', () => {
    expect(barredGradeCap(undefined, '优秀')).toBeUndefined();
  });
});

describe('bar-grade without or against a grading', () => {
  const vetoed = (g?: Grading) => buildScheme({ indicators: [{ code: 'I1', title: 'I1', points: d(100) }], units: 1, ...(g ? { grading: g } : {}), vetoes: [{ code: 'V1', text: '受到市委、市政府通报批评的', effects: [{ type: 'bar-grade', grade: '优秀' }] }] });

  it('without grading the veto is a ledger line only, and lint says the grade cap waits for a grading', () => {
    const s = vetoed();
    const u = unitOf(run(s, [f.judge('95', { ref: 'I1' }), f.flag(true, { ref: 'V1' })]), 'U1');
    expect(total(u)).toBe('95');
    expect(u.vetoes).toEqual(['V1']);
    expectExplains(linesOf(u, 'veto')[0]!, '触发一票否优，不得评为“优秀”');
    expect(lintScheme(s).filter((l) => l.path === 'vetoes[0].effects[0]').map((l) => l.severity)).toEqual(['warning']);
  });

  it('lint refuses a barred grade the grading does not define', () => {
    const s = vetoed({ grades: [{ code: 'good', name: '好' }, { code: 'bad', name: '差' }], method: 'score-bands' });
    expect(lintScheme(s).find((l) => l.path === 'vetoes[0].effects[0]')).toMatchObject({ severity: 'error', message: '未定义的等次“优秀”' });
  });
});
