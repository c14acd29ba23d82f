/**
 * Exact decimal text arithmetic for the screens that add points up (the scheme tree's sums): values
 * are read as integer millionths (BigInt), as the core does, and written back as plain text.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;

/** Millionths of a decimal text, or null when it is not a number with at most 6 decimals. */
export function parseDecimal(text: string | null | undefined): bigint | null {
  const match = DECIMAL.exec((text ?? '').trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  return sign === '-' ? -value : value;
}

export function decimalText(millionths: bigint): string {
  const negative = millionths < 0n;
  const abs = negative ? -millionths : millionths;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The exact sum of decimal texts (null entries are skipped); null when one is not a number. */
export function sumDecimals(values: readonly (string | null | undefined)[]): string | null {
  let total = 0n;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const parsed = parseDecimal(v);
    if (parsed === null) return null;
    total += parsed;
  }
  return decimalText(total);
}

export const isDecimal = (text: string): boolean => parseDecimal(text) !== null;
export const decimalsEqual = (a: string, b: string): boolean => parseDecimal(a) !== null && parseDecimal(a) === parseDecimal(b);
