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
