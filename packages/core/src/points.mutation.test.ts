/** Default rounding of inexact products and quotients (issue 14 item 6): half-up at the sixth decimal. */
import { describe, expect, it } from 'vitest';
import { dec, div, mul, mulDiv, toStr } from './points';

describe('points: default rounding', () => {
  it('mul rounds half-up: 0.333333 × 0.5 = 0.1666665 → 0.166667; 1.000001 × 0.5 → 0.500001', () => {
    expect(toStr(mul(dec('0.333333'), dec('0.5')))).toBe('0.166667');
    expect(toStr(mul(dec('1.000001'), dec('0.5')))).toBe('0.500001');
    expect(toStr(mul(dec('0.333333'), dec('0.5'), 'floor'))).toBe('0.166666');
  });
  it('div and mulDiv round half-up: 2/3 → 0.666667, 1/3 → 0.333333, 1 × 2 / 3 → 0.666667', () => {
    expect(toStr(div(dec(2), dec(3)))).toBe('0.666667');
    expect(toStr(div(dec(1), dec(3)))).toBe('0.333333');
    expect(toStr(mulDiv(dec(1), dec(2), dec(3)))).toBe('0.666667');
  });
});

describe('points: products beyond 2^53 (the BigInt path) round like the small ones', () => {
  // 9000000.000001 × 0.5 = 4500000.0000005: the raw product 9e12 × 5e5 leaves the safe integer range
  const a = dec('9000000.000001');
  const half = dec('0.5');
  it.each([
    ['half-up', '4500000.000001', '-4500000.000001'],
    ['half-even', '4500000', '-4500000'],
    ['down', '4500000', '-4500000'],
    ['up', '4500000.000001', '-4500000.000001'],
    ['floor', '4500000', '-4500000.000001'],
    ['ceil', '4500000.000001', '-4500000'],
  ] as const)('%s: +→ %s, −→ %s', (mode, positive, negative) => {
    expect(toStr(mul(a, half, mode))).toBe(positive);
    expect(toStr(mul(dec('-9000000.000001'), half, mode))).toBe(negative);
  });
  it('an exact large product needs no rounding: 9000000 × 1.5 = 13500000', () => {
    expect(toStr(mul(dec('9000000'), dec('1.5'), 'floor'))).toBe('13500000');
  });
  it('half-even rounds a half up when the kept digit is odd: 9000000.000003 × 0.5 = 4500000.0000015 → 4500000.000002', () => {
    expect(toStr(mul(dec('9000000.000003'), half, 'half-even'))).toBe('4500000.000002');
  });
});
