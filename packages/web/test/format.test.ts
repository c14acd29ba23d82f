import { describe, expect, it } from 'vitest';
import { compareDecimal, formatPoints, formatSigned } from '../src/lib/format';

describe('points as text', () => {
  it.each([
    ['8.5', '8.50'],
    ['10', '10.00'],
    ['0.125', '0.13'], // half up on the digits, not (0.125).toFixed(2)
    ['2.675', '2.68'], // (2.675).toFixed(2) is "2.67" in binary floating point
    ['9.995', '10.00'],
    ['-0.005', '-0.01'],
    ['-0.004', '0.00'],
  ])('%s → %s', (input, expected) => expect(formatPoints(input)).toBe(expected));

  it('signs gains and losses and keeps a missing value visible', () => {
    expect(formatSigned('0.9')).toBe('+0.90');
    expect(formatSigned('-1')).toBe('−1.00');
    expect(formatSigned('0')).toBe('0.00');
    expect(formatPoints(null)).toBe('—');
  });

  it('sorts decimal text without floats', () => {
    expect(['10', '9.5', '-1', '94.5', '94.50001'].sort(compareDecimal)).toEqual(['-1', '9.5', '10', '94.5', '94.50001']);
  });
});
