import { describe, expect, it } from 'vitest';
import { buildScheme, d, f, run, str, unitOf } from '../test-scheme';

// 003:6097-6099 数字城管 工作量: "工作量 = 办结数/最多办结数 × 基数分, 基数分 = 最多办结数/本单位应办结数 × 100% × 10",
// where "本单位应办结数" is the 应办结数 of the unit with the most 办结数 — so the score is
// 办结数 ÷ (that unit's 应办结数) × 10 (catalogue §8.1 item 12).
describe('relative-to-best with denominatorOfBest', () => {
  const scheme = buildScheme({
    points: '10',
    rule: { kind: 'relative-to-best', effect: 'score', metric: { of: 'rate' }, weight: d('10'), denominatorOfBest: true },
    groups: { g: 3 },
  });
  const facts = [
    f.rate('90', '100', { unit: 'g1' }),
    f.rate('120', '150', { unit: 'g2' }), // the most 办结数: its 应办结数 150 is the divisor
    f.rate('60', '80', { unit: 'g3' }),
  ];

  it.each([
    ['g1', '6'], // 90 / 150 × 10
    ['g2', '8'], // 120 / 150 × 10
    ['g3', '4'], // 60 / 150 × 10
  ])('scores %s as %s', (unit, expected) => {
    const u = unitOf(run(scheme, facts), unit);
    expect(str(u.total)).toBe(expected);
    expect(u.ledger.some((l) => l.msg === 'relative.best-denominator' && l.params['bestUnit'] === 'g2')).toBe(true);
  });
});
