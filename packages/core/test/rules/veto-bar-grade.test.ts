import { describe, expect, it } from 'vitest';
import { barredGradeCap } from '../../src/grading/grade-units';
import type { Grading, Indicator, VetoEffect } from '../../src/scheme/scheme.types';
import type { Fact } from '../../src/scheme/fact.types';
import { lintScheme } from '../../src/scheme/lint-scheme';
import { buildScheme, d, expectExplains, f, linesOf, run, total, type Build, unitOf } from '../test-scheme';

/**
 * 一票否优 (corpus 07 3.1–3.4, 08 4.1–4.5: "受到…通报批评的" under 一票否优事项): the situation vetoes only the
 * 优秀 grade, not points. Veto effect 'bar-grade' names the barred grade by code or by its name as written.
 */
const judged = (code: string, points: string): Indicator => ({ code, title: code, points: d(points) });
const grading: Grading = {
  grades: [
    { code: 'A', name: '优秀' },
    { code: 'B', name: '良好' },
    { code: 'C', name: '合格' },
    { code: 'D', name: '不合格' },
  ],
  method: 'score-bands',
  bands: [
    { grade: 'A', min: d(90) },
    { grade: 'B', min: d(75) },
    { grade: 'C', min: d(60) },
  ],
};
const scheme = (effects: VetoEffect[], g: Grading | null = grading): Build => ({
  indicators: [judged('I1', '60'), judged('I2', '40')],
  units: 2,
  ...(g ? { grading: g } : {}),
  vetoes: [{ code: 'V1', text: '受到市委、市政府通报批评的', effects }],
});
// U1: 55 + 40 = 95 (band A); U2: 50 + 30 = 80 (band B)
const base: Fact[] = [f.judge('55', { ref: 'I1' }), f.judge('40', { ref: 'I2' }), f.judge('50', { ref: 'I1', unit: 'U2' }), f.judge('30', { ref: 'I2', unit: 'U2' })];

describe('bar-grade veto effect (一票否优)', () => {
  it('a unit at 95 (优秀 by its band) that had the situation is 良好 at most; its points stay 95, the ledger says why', () => {
    const u = unitOf(run(buildScheme(scheme([{ type: 'bar-grade', grade: '优秀' }])), [...base, f.flag(true, { ref: 'V1' })]), 'U1');
    expect(total(u)).toBe('95');
    expect(u.grade).toBe('B');
    expect(u.vetoes).toEqual(['V1']);
    const line = linesOf(u, 'veto')[0]!;
    expectExplains(line, '触发一票否优，不得评为“优秀”，等次至多为“B”');
  });

  it('the situation not recorded as occurring (flag 否) changes nothing', () => {
    const u = unitOf(run(buildScheme(scheme([{ type: 'bar-grade', grade: 'A' }])), [...base, f.flag(false, { ref: 'V1' })]), 'U1');
    expect(u.grade).toBe('A');
    expect(u.vetoes).toEqual([]);
  });

  it('a unit already below the barred grade keeps its own grade (80 → 良好)', () => {
    const u = unitOf(run(buildScheme(scheme([{ type: 'bar-grade', grade: '优秀' }])), [...base, f.flag(true, { ref: 'V1', unit: 'U2' })]), 'U2');
    expect(u.grade).toBe('B');
  });

  it('without grading the veto is a ledger line only, and lint says the grade cap waits for a grading', () => {
    const s = buildScheme(scheme([{ type: 'bar-grade', grade: '优秀' }], null));
    const u = unitOf(run(s, [...base, f.flag(true, { ref: 'V1' })]), 'U1');
    expect(total(u)).toBe('95');
    expectExplains(linesOf(u, 'veto')[0]!, '触发一票否优，不得评为“优秀”');
    expect(lintScheme(s).filter((l) => l.path === 'vetoes[0].effects[0]').map((l) => l.severity)).toEqual(['warning']);
  });

  it('lint refuses a barred grade the grading does not define', () => {
    const s = buildScheme(scheme([{ type: 'bar-grade', grade: '先进' }]));
    expect(lintScheme(s).find((l) => l.path === 'vetoes[0].effects[0]')).toMatchObject({ severity: 'error', message: '未定义的等次“先进”' });
  });
});

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
