import { describe, expect, it } from 'vitest';
import * as P from '../src/points';
import { CoreError } from '../src/errors';

const d = P.dec;
const s = P.toStr;

describe('dec', () => {
  it.each([
    ['0.1', '0.1'],
    ['-1.5', '-1.5'],
    ['１５', '15'], // full-width digits from Word tables
    ['０．０５', '0.05'],
    [' 12 ', '12'],
    ['1e-2', '0.01'],
    ['2.5E1', '25'],
    ['.5', '0.5'],
    ['0.000001', '0.000001'],
    ['0.1000000', '0.1'], // trailing zeros beyond 6 decimals are not precision
  ])('parses %j as %s', (input, out) => {
    expect(s(d(input))).toBe(out);
  });

  it('parses JS numbers through their shortest decimal form (0.1 is 0.1, not 0.1000000000000000055)', () => {
    expect(s(d(0.1))).toBe('0.1');
    expect(s(d(12))).toBe('12');
  });

  it.each(['0.0000001', '1.1234567'])('refuses more than 6 decimals: %s', (v) => {
    expect(() => d(v)).toThrow(CoreError);
    try {
      d(v);
    } catch (e) {
      expect((e as CoreError).code).toBe('decimal-precision');
    }
  });

  it.each(['', 'abc', '1.2.3', '--1', '.'])('refuses %j with decimal-invalid', (v) => {
    expect(() => d(v)).toThrowError(expect.objectContaining({ code: 'decimal-invalid' }));
  });

  it('refuses NaN and Infinity', () => {
    expect(() => d(Number.NaN)).toThrowError(expect.objectContaining({ code: 'decimal-invalid' }));
    expect(() => d(Infinity)).toThrowError(expect.objectContaining({ code: 'decimal-invalid' }));
  });
});

describe('add / sub / sum', () => {
  it('0.1 + 0.2 is exactly 0.3', () => {
    expect(s(P.add(d('0.1'), d('0.2')))).toBe('0.3');
    expect(P.add(d('0.1'), d('0.2'))).toBe(d('0.3'));
  });
  it('adds ten 0.01 deductions to exactly 0.1 (002:894 每件扣0.01分)', () => {
    expect(s(P.sum(Array.from({ length: 10 }, () => d('0.01'))))).toBe('0.1');
  });
  it('0.3 − 0.1 is 0.2 and 1 − 0.9 is 0.1', () => {
    expect(s(P.sub(d('0.3'), d('0.1')))).toBe('0.2');
    expect(s(P.sub(d(1), d('0.9')))).toBe('0.1');
  });
  it('neg of zero is zero, not −0', () => {
    expect(Object.is(P.neg(P.ZERO), 0)).toBe(true);
  });
});

describe('overflow', () => {
  it('refuses a value beyond ±9 007 199 254 with decimal-range', () => {
    expect(() => d('9007199255')).toThrowError(expect.objectContaining({ code: 'decimal-range' }));
    expect(() => P.add(d('9007199254'), d('1'))).toThrowError(expect.objectContaining({ code: 'decimal-range' }));
    expect(() => P.mulInt(d('5000000000'), 2)).toThrowError(expect.objectContaining({ code: 'decimal-range' }));
    expect(() => P.fromInt(10_000_000_000)).toThrow(CoreError);
  });
  it('accepts the largest safe value', () => {
    expect(s(d('9007199254.740991'))).toBe('9007199254.740991');
  });
});

describe('mul / div / mulDiv', () => {
  it.each([
    // a, b, c, expected a×b/c (one rounding)
    ['2', '1', '3', '0.666667'], // 2/3 = 0.6666666… → half-up at 6 decimals
    ['1', '1', '3', '0.333333'],
    ['60', '97', '100', '58.2'], // 办结 97/100 × 60
    ['0.5', '7', '9', '0.388889'],
    ['9000000000', '2', '3', '6000000000'], // the product leaves the safe range: BigInt path is exact
    ['1234567.891234', '1000', '1000', '1234567.891234'],
  ])('mulDiv(%s, %s, %s) = %s', (a, b, c, out) => {
    expect(s(P.mulDiv(d(a), d(b), d(c)))).toBe(out);
  });

  it('mulDiv rounds once: 1×1/3×3 is not 0.999999 when done as one mulDiv', () => {
    expect(s(P.mulDiv(d(3), d(1), d(3)))).toBe('1');
    expect(P.isExactMulDiv(d(3), d(1), d(3))).toBe(true);
    expect(P.isExactMulDiv(d(2), d(1), d(3))).toBe(false);
  });

  it('mul of two decimals: 0.15 × 3 = 0.45, 0.1 × 0.1 = 0.01', () => {
    expect(s(P.mul(d('0.15'), d(3)))).toBe('0.45');
    expect(s(P.mul(d('0.1'), d('0.1')))).toBe('0.01');
  });

  it('div: 1 / 3 = 0.333333, 2 / 3 = 0.666667, −2 / 3 = −0.666667 (half-up away from zero)', () => {
    expect(s(P.div(d(1), d(3)))).toBe('0.333333');
    expect(s(P.div(d(2), d(3)))).toBe('0.666667');
    expect(s(P.div(d(-2), d(3)))).toBe('-0.666667');
  });

  it('refuses division by zero with division-by-zero', () => {
    expect(() => P.div(d(1), P.ZERO)).toThrowError(expect.objectContaining({ code: 'division-by-zero' }));
    expect(() => P.mulDiv(d(1), d(1), P.ZERO)).toThrowError(expect.objectContaining({ code: 'division-by-zero' }));
  });

  it('refuses a non-integer count in mulInt', () => {
    expect(() => P.mulInt(d(1), 1.5)).toThrowError(expect.objectContaining({ code: 'decimal-invalid' }));
  });
});

describe('round', () => {
  it.each([
    // value, decimals, mode, expected
    ['2.345', 2, 'half-up', '2.35'],
    ['-2.345', 2, 'half-up', '-2.35'], // half-up is away from zero for negatives
    ['-2.344', 2, 'half-up', '-2.34'],
    ['2.345', 2, 'half-even', '2.34'],
    ['2.355', 2, 'half-even', '2.36'],
    ['-2.345', 2, 'half-even', '-2.34'],
    ['2.341', 2, 'up', '2.35'],
    ['-2.341', 2, 'up', '-2.35'],
    ['2.349', 2, 'down', '2.34'],
    ['-2.349', 2, 'down', '-2.34'],
    ['-2.341', 2, 'floor', '-2.35'],
    ['2.349', 2, 'floor', '2.34'],
    ['-2.349', 2, 'ceil', '-2.34'],
    ['2.341', 2, 'ceil', '2.35'],
  ] as const)('round(%s, %i, %s) = %s', (v, n, mode, out) => {
    expect(s(P.round(d(v), n, mode))).toBe(out);
  });

  it('keeps three decimals where the scheme says so (002:468 前二项得分保留三位小数)', () => {
    expect(s(P.round(d('0.1996'), 3))).toBe('0.2');
    expect(s(P.round(d('0.1994'), 3))).toBe('0.199');
    expect(P.toFixed(d('0.2'), 3)).toBe('0.200');
    expect(P.toFixed(d('95.5'), 2)).toBe('95.50');
    expect(P.toFixed(d('95'), 0)).toBe('95');
  });

  it('steps counts whole steps by mode: gap 7 / step 5 is 1 (floor) or 2 (ceil)', () => {
    expect(P.steps(d(7), d(5), 'floor')).toBe(1);
    expect(P.steps(d(7), d(5), 'ceil')).toBe(2);
    expect(P.steps(d(10), d(5), 'ceil')).toBe(2);
    expect(() => P.steps(d(1), P.ZERO, 'floor')).toThrow(CoreError);
  });
});

describe('toStr', () => {
  it.each([
    ['0', '0'],
    ['-0.05', '-0.05'],
    ['100', '100'],
    ['0.000001', '0.000001'],
    ['-12.5', '-12.5'],
  ])('%s → %s', (v, out) => {
    expect(s(d(v))).toBe(out);
  });
});
