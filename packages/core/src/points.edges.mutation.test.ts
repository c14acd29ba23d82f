/**
 * Survivors of the first mutation run of points.ts (docs/testing.md): the Chinese messages of its
 * errors, the range checks of every operation, the spellings dec() accepts, division by a negative
 * number and exactness tests beyond 2^53. Each expectation fails on the mutant it was written for.
 */
import { describe, expect, it } from 'vitest';
import { CoreError } from './errors';
import { abs, add, clamp, cmp, dec, div, fromInt, isExactMulDiv, max, min, mul, mulDiv, mulInt, neg, ONE, round, steps, sub, sum, toFixed, toNumber, toStr, ZERO, type Dec } from './points';

const failure = (run: () => unknown): CoreError => {
  try {
    run();
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected a CoreError');
};
const big = dec('9000000000'); // 9e15 millionths: near the top of the safe range

describe('points: error messages name the value in Chinese', () => {
  it.each([
    [() => dec('abc'), 'decimal-invalid', '不是有效数字：“abc”'],
    [() => dec(''), 'decimal-invalid', '不是有效数字：“”'],
    [() => dec('.'), 'decimal-invalid', '不是有效数字：“.”'],
    [() => dec(Number.NaN), 'decimal-invalid', '不是有效数字：NaN'],
    [() => dec(Number.POSITIVE_INFINITY), 'decimal-invalid', '不是有效数字：Infinity'],
    [() => dec('0.1234567'), 'decimal-precision', '数值“0.1234567”超过 6 位小数'],
    [() => dec('1e-7'), 'decimal-precision', '数值“1e-7”超过 6 位小数'],
    [() => dec('9007199255'), 'decimal-range', '数值 9007199255 超出可精确计算的范围（±9007199254）'],
    [() => dec(9007199255), 'decimal-range', '数值 9007199255 超出可精确计算的范围（±9007199254）'],
    [() => fromInt(1.5), 'decimal-invalid', '应为整数：1.5'],
    [() => fromInt(9007199255), 'decimal-range', '数值 9007199255 超出可精确计算的范围（±9007199254）'],
    [() => mulInt(ONE, 1.5), 'decimal-invalid', '次数应为整数：1.5'],
    [() => div(ONE, ZERO), 'division-by-zero', '除数为零'],
    [() => mulDiv(ONE, ONE, ZERO), 'division-by-zero', '除数为零'],
    [() => steps(ONE, ZERO, 'floor'), 'division-by-zero', '步长为零'],
    [() => add(big, big), 'decimal-range', '数值 sum 超出可精确计算的范围（±9007199254）'],
    [() => sub(neg(big), big), 'decimal-range', '数值 difference 超出可精确计算的范围（±9007199254）'],
    [() => sum([big, big]), 'decimal-range', '数值 sum 超出可精确计算的范围（±9007199254）'],
    [() => mulInt(big, 2), 'decimal-range', '数值 product 超出可精确计算的范围（±9007199254）'],
    [() => mul(big, dec(2)), 'decimal-range', '数值 product 超出可精确计算的范围（±9007199254）'],
    [() => div(big, dec('0.5')), 'decimal-range', '数值 quotient 超出可精确计算的范围（±9007199254）'],
    [() => mulDiv(big, dec(3), dec(1)), 'decimal-range', '数值 quotient 超出可精确计算的范围（±9007199254）'],
  ] as const)('%#: %s', (run, code, message) => {
    const e = failure(run);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });
  it('the operations just inside the range still answer', () => {
    expect(toStr(add(big, dec(7)))).toBe('9000000007');
    expect(toStr(sub(neg(big), dec(7)))).toBe('-9000000007');
    expect(toStr(sum([big, dec('0.000001')]))).toBe('9000000000.000001');
    expect(toStr(mulInt(dec('4500000000'), 2))).toBe('9000000000');
  });
});

describe('points: spellings dec() accepts', () => {
  it.each([
    ['1e2', '100'],
    ['1E2', '100'],
    ['1e+2', '100'],
    ['1.5e1', '15'],
    ['1.25e1', '12.5'],
    ['123e-2', '1.23'],
    ['1.23e-2', '0.0123'],
    ['5e-1', '0.5'],
    ['5e-3', '0.005'],
    ['.5', '0.5'],
    ['+3', '3'],
    ['-3', '-3'],
    ['  2  ', '2'],
    ['１５', '15'],
    ['－１．５', '-1.5'],
    ['＋２', '2'],
    ['1.20', '1.2'],
    ['0.1000000', '0.1'],
    ['007', '7'],
    ['12', '12'],
  ])('%s → %s', (text, expected) => {
    expect(toStr(dec(text))).toBe(expected);
  });
  it('rejects spellings that are not numbers', () => {
    for (const text of ['5.', '1e', 'e2', '1.2.3', '--1', '1,5', 'x1', '1x']) expect(failure(() => dec(text)).code).toBe('decimal-invalid');
  });
  it('numbers: integers scale exactly, fractions go through their shortest decimal', () => {
    expect(toStr(dec(12))).toBe('12');
    expect(toStr(dec(-3))).toBe('-3');
    expect(toStr(dec(0.25))).toBe('0.25');
    expect(toStr(dec(1e-6))).toBe('0.000001');
  });
});

describe('points: division by a negative number', () => {
  it.each([
    ['half-up', '-0.333333', '-0.666667'],
    ['half-even', '-0.333333', '-0.666667'],
    ['down', '-0.333333', '-0.666666'],
    ['up', '-0.333334', '-0.666667'],
    ['floor', '-0.333334', '-0.666667'],
    ['ceil', '-0.333333', '-0.666666'],
  ] as const)('%s: 1 / −3 → %s, 2 / −3 → %s', (mode, one, two) => {
    expect(toStr(div(dec(1), dec(-3), mode))).toBe(one);
    expect(toStr(div(dec(2), dec(-3), mode))).toBe(two);
    // −1 / 3 lands on the same value: the sign may sit on either side
    expect(toStr(div(dec(-1), dec(3), mode))).toBe(one);
  });
  it('steps with a negative step: 7 / −5 is −1 (ceil, down) or −2 (floor, up)', () => {
    expect(steps(dec(7), dec(-5), 'floor')).toBe(-2);
    expect(steps(dec(7), dec(-5), 'ceil')).toBe(-1);
    expect(steps(dec(7), dec(-5), 'down')).toBe(-1);
    expect(steps(dec(7), dec(-5), 'up')).toBe(-2);
    expect(steps(dec(10), dec(-5), 'floor')).toBe(-2);
  });
  it('a product beyond 2^53 divided by a negative number (the BigInt path)', () => {
    // 9000000.000001 × 0.5 / −1 = −4500000.0000005
    const a = dec('9000000.000001');
    expect(toStr(mulDiv(a, dec('0.5'), dec(-1), 'floor'))).toBe('-4500000.000001');
    expect(toStr(mulDiv(a, dec('0.5'), dec(-1), 'ceil'))).toBe('-4500000');
    expect(toStr(mulDiv(a, dec('0.5'), dec(-1), 'half-up'))).toBe('-4500000.000001');
    expect(toStr(mulDiv(a, dec('0.5'), dec(-1), 'down'))).toBe('-4500000');
  });
  it('half-up and half-even differ on an exact half with an even kept digit', () => {
    // 0.000005 / 10 = 0.0000005: half-up 0.000001, half-even 0
    expect(toStr(div(dec('0.000005'), dec(10), 'half-up'))).toBe('0.000001');
    expect(toStr(div(dec('0.000005'), dec(10), 'half-even'))).toBe('0');
    expect(toStr(div(dec('0.000015'), dec(10), 'half-even'))).toBe('0.000002');
    expect(toStr(div(dec('-0.000005'), dec(10), 'half-up'))).toBe('-0.000001');
    expect(toStr(div(dec('-0.000015'), dec(10), 'half-even'))).toBe('-0.000002');
    // just below a half rounds down in both
    expect(toStr(div(dec('0.000004'), dec(10), 'half-up'))).toBe('0');
    expect(toStr(div(dec('0.000006'), dec(10), 'half-even'))).toBe('0.000001');
  });
});

describe('points: exactness and the small helpers', () => {
  it('isExactMulDiv in the safe range and beyond 2^53', () => {
    expect(isExactMulDiv(dec(1), dec(2), dec(4))).toBe(true);
    expect(isExactMulDiv(dec(1), dec(1), dec(3))).toBe(false);
    expect(isExactMulDiv(dec('9000000'), dec('1.5'), ONE)).toBe(true);
    expect(isExactMulDiv(dec('9000000.000001'), dec('0.5'), ONE)).toBe(false);
    expect(isExactMulDiv(dec('9000000.000002'), dec('0.5'), ONE)).toBe(true);
  });
  it('round to fewer decimals by mode, and leaves six or more alone', () => {
    expect(toStr(round(dec('1.2345'), 2))).toBe('1.23');
    expect(toStr(round(dec('1.235'), 2))).toBe('1.24');
    expect(toStr(round(dec('1.225'), 2, 'half-even'))).toBe('1.22');
    expect(toStr(round(dec('1.221'), 2, 'ceil'))).toBe('1.23');
    expect(toStr(round(dec('-1.225'), 2))).toBe('-1.23');
    expect(toStr(round(dec('1.234567'), 6))).toBe('1.234567');
    expect(toStr(round(dec('1.234567'), 7))).toBe('1.234567');
    expect(toStr(round(dec('1.234567'), 5))).toBe('1.23457');
    expect(toStr(round(dec('2.5'), 0))).toBe('3');
  });
  it('toFixed pads to the decimals asked for', () => {
    expect(toFixed(dec('95.5'), 2)).toBe('95.50');
    expect(toFixed(dec('95'), 2)).toBe('95.00');
    expect(toFixed(dec('1.005'), 2)).toBe('1.01');
    expect(toFixed(dec('2.5'), 0)).toBe('3');
    expect(toFixed(dec('-0.5'), 1)).toBe('-0.5');
  });
  it('toStr of negatives and of values below one', () => {
    expect(toStr(dec('-0.05'))).toBe('-0.05');
    expect(toStr(dec('0.000001'))).toBe('0.000001');
    expect(toStr(dec('-12.5'))).toBe('-12.5');
    expect(toStr(ZERO)).toBe('0');
  });
  it('neg, abs, cmp, min, max, clamp, toNumber', () => {
    expect(Object.is(neg(ZERO), 0)).toBe(true);
    expect(toStr(neg(dec('1.5')))).toBe('-1.5');
    expect(toStr(abs(dec('-1.5')))).toBe('1.5');
    expect(toStr(abs(dec('1.5')))).toBe('1.5');
    expect([cmp(dec(1), dec(2)), cmp(dec(2), dec(1)), cmp(dec(2), dec(2))]).toEqual([-1, 1, 0]);
    expect(toStr(min(dec(1), dec(2)))).toBe('1');
    expect(toStr(min(dec(2), dec(1)))).toBe('1');
    expect(toStr(max(dec(1), dec(2)))).toBe('2');
    expect(toStr(max(dec(2), dec(1)))).toBe('2');
    const five = dec(5);
    expect(toStr(clamp(five, dec(6), undefined))).toBe('6');
    expect(toStr(clamp(five, undefined, dec(4)))).toBe('4');
    expect(toStr(clamp(five, undefined, undefined))).toBe('5');
    expect(toStr(clamp(five, dec(5), dec(5)))).toBe('5');
    expect(toStr(clamp(five, dec(0), dec(10)))).toBe('5');
    expect(toNumber(dec('1.25'))).toBe(1.25);
    expect(toStr(sum([] as Dec[]))).toBe('0');
  });
});
