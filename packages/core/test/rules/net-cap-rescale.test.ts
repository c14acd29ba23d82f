import { describe, expect, it } from 'vitest';
import { lintScheme } from '../../src/scheme/lint-scheme';
import { describeLine } from '../../src/explain/explain';
import { buildScheme, clause, d, f, linesOf, nodeOf, score, total } from '../test-scheme';

// "本项累计加减分不超过2分" (text we wrote; the 累计加减分不超过N分): the net of bonuses and
// deductions stays within ±2. Indicator of 10 points, C1 扣1分/起, C2 加0.5分/次, no ceiling.
describe('caps.net (累计加减分不超过N分)', () => {
  const rules = (caps: { net: string; deduction?: string }) => ({
    points: '10',
    indicator: { caps: { net: d(caps.net), ...(caps.deduction ? { deduction: d(caps.deduction) } : {}) }, ceiling: null },
    clauses: [
      clause('C1', { kind: 'per-occurrence', effect: 'deduction', amount: d('1') }),
      clause('C2', { kind: 'per-occurrence', effect: 'bonus', amount: d('0.5') }),
    ],
  });
  it.each([
    // deductions 3, bonus 0: net −3 beyond −2 → −2 → 10 − 2 = 8
    [3, 0, '2', undefined, '8', '1'],
    // deductions 2: net −2 exactly at the cap → no cap line → 8
    [2, 0, '2', undefined, '8', undefined],
    // deductions 3, bonuses 2 × 0.5 = 1: net −2 → 10 − 3 + 1 = 8, no line
    [3, 2, '2', undefined, '8', undefined],
    // bonuses 6 × 0.5 = 3, no deduction: net +3 beyond +2 → 10 + 2 = 12
    [0, 6, '2', undefined, '12', '-1'],
    // bonuses 5 × 0.5 = 2.5, deductions 1: net 1.5 inside → 11.5
    [1, 5, '2', undefined, '11.5', undefined],
    // bonuses 4 × 0.5 = 2: net +2 exactly → 12, no line
    [0, 4, '2', undefined, '12', undefined],
    // deduction cap first: 5 deductions capped at 1, net −1 inside ±2 → 9
    [5, 0, '2', '1', '9', undefined],
  ])('%i deductions, %i bonuses, net cap %s (deduction cap %s) → %s', (deductions, bonuses, net, deductionCap, expected, capLine) => {
    const u = score(rules({ net, ...(deductionCap ? { deduction: deductionCap } : {}) }), [...f.occs(deductions, { ref: 'C1' }), ...f.occs(bonuses, { ref: 'C2' })]);
    expect(total(u)).toBe(expected);
    const netLines = linesOf(u, 'cap').filter((l) => l.msg === 'node.net-cap');
    if (capLine === undefined) expect(netLines).toHaveLength(0);
    else {
      expect(netLines).toHaveLength(1);
      expect(String(netLines[0]!.amount / 1e6)).toBe(capLine);
    }
  });

  it('explains the capped net in Chinese', () => {
    const u = score(rules({ net: '2' }), f.occs(3, { ref: 'C1' }));
    const line = linesOf(u, 'cap').find((l) => l.msg === 'node.net-cap');
    expect(describeLine(line!)).toBe('本项累计加减分 -3 分超过 ±2 分，按 -2 分计');
  });
});

// "按百分制计分，按权重20分折算" (text we wrote, the wording): scored out of 100, converted to 20.
describe('rescale (按百分制计分，按权重N分折算)', () => {
  const build = (weight: string) => ({
    points: weight,
    indicator: { rescale: { from: d('100') } },
    rule: { kind: 'per-occurrence' as const, effect: 'deduction' as const, amount: d('5') },
  });
  it.each([
    // 0 occurrences: 100 of 100 → 100 × 20 / 100 = 20
    ['20', 0, '20'],
    // 3 × 5 = 15: 85 of 100 → 85 × 20 / 100 = 17
    ['20', 3, '17'],
    // 85 × 15 / 100 = 12.75
    ['15', 3, '12.75'],
    // 20 × 5 = 100: 0 of 100 → 0
    ['20', 20, '0'],
    // 25 × 5 = 125: floor at 0 on the 100 scale → 0
    ['20', 25, '0'],
    // 1 × 5: 95 × 7 / 100 = 6.65
    ['7', 1, '6.65'],
  ])('weight %s, %i deductions of 5 → %s', (weight, n, expected) => {
    const u = score(build(weight), f.occs(n, { ref: 'C1' }));
    expect(total(u)).toBe(expected);
    expect(nodeOf(u, 'I1').points).toBe(d(weight));
  });

  it('writes one rescale line that explains the conversion', () => {
    const u = score(build('20'), f.occs(3, { ref: 'C1' }));
    const line = linesOf(u, 'rescale').find((l) => l.msg === 'node.rescale');
    // 17 − 85 = −68
    expect(line!.amount).toBe(d('-68'));
    expect(describeLine(line!)).toBe('本项按 100 分制得 85 分，按权重 20 分折算为 17 分');
  });

  it('rounds a conversion that does not land on a millionth once, half-up', () => {
    // 2 of 3 points → 2 × 1 / 3 = 0.666667
    const u = score({ points: '1', indicator: { rescale: { from: d('3') } }, rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('1') } }, f.occs(1, { ref: 'C1' }));
    expect(total(u)).toBe('0.666667');
  });

  it('lints children against the scale, not the weight', () => {
    const child = (code: string, points: string) => ({ code, title: code, points: d(points), clauses: [clause(`${code}-C`, { kind: 'completion' })] });
    const ok = buildScheme({ indicators: [{ code: 'I1', title: '综合', points: d('20'), rescale: { from: d('100') }, children: [child('A', '60'), child('B', '40')] }] });
    expect(lintScheme(ok).filter((l) => l.code === 'points-sum')).toHaveLength(0);
    const bad = buildScheme({ indicators: [{ code: 'I1', title: '综合', points: d('20'), rescale: { from: d('100') }, children: [child('A', '60'), child('B', '30')] }] });
    expect(lintScheme(bad).find((l) => l.code === 'points-sum')?.message).toBe('“综合”按 100 分制计分，下级指标合计 90 分');
  });
});
