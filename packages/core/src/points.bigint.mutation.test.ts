/**
 * Survivors of the third mutation run of points.ts (2026-12-02, docs/testing.md): every rounding
 * mode on the BigInt path (a product beyond 2^53) for a remainder below, at and above one half,
 * with an odd and an even truncated quotient, both signs, and an exact quotient; number inputs that
 * are not whole in millionths; long exponents; trailing zeros beyond six decimals; isZero; round
 * to more than six places. Each expectation fails on the mutant it was written for.
 */
import { describe, expect, it } from 'vitest';
import { CoreError } from './errors';
import { dec, isZero, mulDiv, neg, ONE, round, toStr, ZERO, type RoundingMode } from './points';

const code = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    throw e;
  }
  return 'no error';
};

// 3000 × b / 4000 with b = 4.00000n: the raw product 3e9 × 400000n exceeds 2^53, so mulDiv
// takes its BigInt path; the exact quotient in millionths is 0.75 × b's raw value.
const a = dec('3000');
const c = dec('4000');
const cases: Array<[string, string, Record<RoundingMode, string>]> = [
  // b, exact quotient in millionths, expected per mode
  ['4', '3000000 exact', { down: '3', up: '3', floor: '3', ceil: '3', 'half-up': '3', 'half-even': '3' }],
  ['4.000001', '3000000.75', { down: '3', up: '3.000001', floor: '3', ceil: '3.000001', 'half-up': '3.000001', 'half-even': '3.000001' }],
  ['4.000002', '3000001.5 (odd)', { down: '3.000001', up: '3.000002', floor: '3.000001', ceil: '3.000002', 'half-up': '3.000002', 'half-even': '3.000002' }],
  ['4.000006', '3000004.5 (even)', { down: '3.000004', up: '3.000005', floor: '3.000004', ceil: '3.000005', 'half-up': '3.000005', 'half-even': '3.000004' }],
  ['4.000003', '3000002.25', { down: '3.000002', up: '3.000003', floor: '3.000002', ceil: '3.000003', 'half-up': '3.000002', 'half-even': '3.000002' }],
  // below one half with an odd quotient: half-even keeps it (fourth run: `twice === q` → true survived)
  ['4.000007', '3000005.25 (odd)', { down: '3.000005', up: '3.000006', floor: '3.000005', ceil: '3.000006', 'half-up': '3.000005', 'half-even': '3.000005' }],
];
const modes: RoundingMode[] = ['down', 'up', 'floor', 'ceil', 'half-up', 'half-even'];
const negate = (s: string): string => (s.startsWith('-') ? s.slice(1) : `-${s}`);
// The mirror mode of a negative quotient: floor of −x is −(ceil x), ceil of −x is −(floor x).
const mirror: Record<RoundingMode, RoundingMode> = { down: 'down', up: 'up', floor: 'ceil', ceil: 'floor', 'half-up': 'half-up', 'half-even': 'half-even' };

describe('points: mulDiv beyond 2^53 rounds exactly in every mode', () => {
  for (const [b, quotient, expected] of cases) {
    for (const mode of modes) {
      it(`3000 × ${b} / 4000 = ${quotient} millionths, ${mode}`, () => {
        expect(Number.isSafeInteger(a * dec(b))).toBe(false);
        expect(toStr(mulDiv(a, dec(b), c, mode))).toBe(expected[mode]);
      });
      it(`−3000 × ${b} / 4000, ${mode}`, () => {
        expect(toStr(mulDiv(neg(a), dec(b), c, mode))).toBe(negate(expected[mirror[mode]]));
      });
    }
  }
});

describe('points: inputs the earlier tests left open', () => {
  it('a JS number that is not whole in millionths is read from its decimal spelling', () => {
    expect(dec(0.000003)).toBe(3);
    expect(dec(0.000007)).toBe(7);
    expect(code(() => dec(1.0000001))).toBe('decimal-precision');
  });
  it('an exponent of more than one digit', () => {
    expect(toStr(dec('1000000e-12'))).toBe('0.000001');
    expect(toStr(dec('0.000001e10'))).toBe('10000');
  });
  it('trailing zeros beyond six decimals are not extra precision', () => {
    expect(toStr(dec('1.50000000'))).toBe('1.5');
    expect(toStr(dec('2.000000000'))).toBe('2');
  });
  it('isZero', () => {
    expect(isZero(ZERO)).toBe(true);
    expect(isZero(dec('0.000'))).toBe(true);
    expect(isZero(ONE)).toBe(false);
  });
  it('round to more places than six leaves the value as it is', () => {
    expect(round(dec('0.000003'), 7)).toBe(3);
    expect(round(dec('-0.000003'), 9)).toBe(-3);
  });
});
