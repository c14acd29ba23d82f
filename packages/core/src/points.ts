import { CoreError } from './errors';

/**
 * Exact decimals for points and measured values.
 *
 * A `Dec` is an integer number of millionths (10^-6) held in a JS number, so addition,
 * subtraction, comparison and multiplication by a count are exact integer operations
 * (0.1 + 0.2 === 0.3) and cost no allocation. Six decimals is finer than any scheme seen
 * (the finest stated precision is three decimals, 002:468; the smallest amount 0.01).
 * Products and quotients that do not land on a millionth are rounded once, half-up,
 * and every caller that can be inexact says so in its ledger line. Values whose
 * magnitude passes ±9 007 199 254 (2^53 millionths) are refused rather than silently wrong.
 */
export type Dec = number & { readonly __dec: unique symbol };

export const SCALE = 1_000_000;
export const DECIMALS = 6;
const MAX = Number.MAX_SAFE_INTEGER;

export const ZERO = 0 as Dec;
export const ONE = SCALE as Dec;
export const HUNDRED = (100 * SCALE) as Dec;

export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up' | 'floor' | 'ceil';
/** How a count of steps or a share of units is made whole when the source leaves it open (§8.1). */
export type StepRounding = 'floor' | 'ceil' | 'exact';

const FULLWIDTH = /[０-９．－＋]/g;
const toHalfWidth = (s: string): string =>
  s.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function checkRange(v: number, what: string): Dec {
  if (!Number.isSafeInteger(v)) {
    throw new CoreError('decimal-range', `数值 ${what} 超出可精确计算的范围（±9007199254）`);
  }
  return v as Dec;
}

/** Parses "0.05", "-1.5", "１５", 12 or 1e-2 into an exact decimal; more than 6 decimals is an error. */
export function dec(value: string | number): Dec {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CoreError('decimal-invalid', `不是有效数字：${value}`);
    if (Number.isInteger(value)) return checkRange(value * SCALE, String(value));
    // The shortest round-trip string of a JS number is the decimal the author wrote (0.1 -> "0.1").
    return dec(String(value));
  }
  const s = toHalfWidth(value.trim());
  const m = /^([+-])?(\d+)?(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m || (m[2] === undefined && m[3] === undefined)) {
    throw new CoreError('decimal-invalid', `不是有效数字：“${value}”`);
  }
  const sign = m[1] === '-' ? -1 : 1;
  let intPart = m[2] ?? '0';
  let frac = m[3] ?? '';
  let exp = m[4] ? Number(m[4]) : 0;
  // Shift the decimal point by the exponent on the digit string, never through floating point.
  while (exp > 0) {
    intPart += frac[0] ?? '0';
    frac = frac.slice(1);
    exp--;
  }
  while (exp < 0) {
    frac = (intPart.slice(-1) || '0') + frac;
    intPart = intPart.slice(0, -1) || '0';
    exp++;
  }
  frac = frac.replace(/0+$/, '');
  if (frac.length > DECIMALS) {
    throw new CoreError('decimal-precision', `数值“${value}”超过 ${DECIMALS} 位小数`);
  }
  const micro = Number(intPart) * SCALE + Number(frac.padEnd(DECIMALS, '0'));
  return checkRange(sign * micro, value);
}

/** Exact integer -> Dec. */
export function fromInt(n: number): Dec {
  if (!Number.isInteger(n)) throw new CoreError('decimal-invalid', `应为整数：${n}`);
  return checkRange(n * SCALE, String(n));
}

export const add = (a: Dec, b: Dec): Dec => checkRange(a + b, 'sum');
export const sub = (a: Dec, b: Dec): Dec => checkRange(a - b, 'difference');
export const neg = (a: Dec): Dec => (a === 0 ? ZERO : (-a as Dec));
export const abs = (a: Dec): Dec => (a < 0 ? neg(a) : a);
export const cmp = (a: Dec, b: Dec): number => (a < b ? -1 : a > b ? 1 : 0);
export const min = (a: Dec, b: Dec): Dec => (a <= b ? a : b);
export const max = (a: Dec, b: Dec): Dec => (a >= b ? a : b);
export const isZero = (a: Dec): boolean => a === 0;
export const clamp = (v: Dec, lo: Dec | undefined, hi: Dec | undefined): Dec => {
  let r = v;
  if (lo !== undefined && r < lo) r = lo;
  if (hi !== undefined && r > hi) r = hi;
  return r;
};
export function sum(values: readonly Dec[]): Dec {
  let s = 0;
  for (const v of values) s += v;
  return checkRange(s, 'sum');
}

/** a × n for an integer count n (exact). */
export function mulInt(a: Dec, n: number): Dec {
  if (!Number.isInteger(n)) throw new CoreError('decimal-invalid', `次数应为整数：${n}`);
  return checkRange(a * n, 'product');
}

/** Integer quotient p / q of two integers, rounded by mode. Exact for safe integers. */
function divRoundInt(p: number, q: number, mode: RoundingMode): number {
  if (q === 0) throw new CoreError('division-by-zero', '除数为零');
  if (q < 0) {
    p = -p;
    q = -q;
  }
  const r = p % q; // exact on safe integers
  const t = (p - r) / q; // truncated toward zero, exact
  if (r === 0) return t;
  const positive = p > 0;
  const twice = 2 * Math.abs(r);
  switch (mode) {
    case 'down':
      return t;
    case 'up':
      return positive ? t + 1 : t - 1;
    case 'floor':
      return positive ? t : t - 1;
    case 'ceil':
      return positive ? t + 1 : t;
    case 'half-up':
      return twice >= q ? (positive ? t + 1 : t - 1) : t;
    case 'half-even':
      if (twice > q || (twice === q && Math.abs(t) % 2 === 1)) return positive ? t + 1 : t - 1;
      return t;
  }
}

function divRoundBig(p: bigint, q: bigint, mode: RoundingMode): number {
  if (q === 0n) throw new CoreError('division-by-zero', '除数为零');
  if (q < 0n) {
    p = -p;
    q = -q;
  }
  const t = p / q;
  const r = p % q;
  let out = t;
  if (r !== 0n) {
    const positive = p > 0n;
    const absR = r < 0n ? -r : r;
    const step = positive ? 1n : -1n;
    const twice = 2n * absR;
    const odd = (t < 0n ? -t : t) % 2n === 1n;
    const away =
      mode === 'up' ||
      (mode === 'floor' && !positive) ||
      (mode === 'ceil' && positive) ||
      (mode === 'half-up' && twice >= q) ||
      (mode === 'half-even' && (twice > q || (twice === q && odd)));
    if (away) out = t + step;
  }
  return Number(out);
}

/** round(a × b / c) on raw integers, switching to BigInt only when the product leaves the safe range. */
function mulDivRaw(a: number, b: number, c: number, mode: RoundingMode): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) return divRoundInt(p, c, mode);
  return divRoundBig(BigInt(a) * BigInt(b), BigInt(c), mode);
}

/** a × b, rounded to 10^-6 half-up when the exact product has more decimals. */
export function mul(a: Dec, b: Dec, mode: RoundingMode = 'half-up'): Dec {
  return checkRange(mulDivRaw(a, b, SCALE, mode), 'product');
}

/** a / b at 10^-6 precision. */
export function div(a: Dec, b: Dec, mode: RoundingMode = 'half-up'): Dec {
  if (b === 0) throw new CoreError('division-by-zero', '除数为零');
  return checkRange(mulDivRaw(a, SCALE, b, mode), 'quotient');
}

/** a × b / c with a single rounding (rates: numerator × weight / denominator). */
export function mulDiv(a: Dec, b: Dec, c: Dec, mode: RoundingMode = 'half-up'): Dec {
  if (c === 0) throw new CoreError('division-by-zero', '除数为零');
  return checkRange(mulDivRaw(a, b, c, mode), 'quotient');
}

/** True when a × b / c is exactly representable (used to say "rounded" in explanations). */
export function isExactMulDiv(a: Dec, b: Dec, c: Dec): boolean {
  const p = a * b;
  if (Number.isSafeInteger(p)) return p % c === 0;
  return (BigInt(a) * BigInt(b)) % BigInt(c) === 0n;
}

/** Whole number of steps a / b (both decimals), rounded by mode: used for "每低5个百分点" counts. */
export function steps(a: Dec, b: Dec, mode: RoundingMode): number {
  if (b === 0) throw new CoreError('division-by-zero', '步长为零');
  return divRoundInt(a, b, mode);
}

/** Rounds to `decimals` places (0..6). */
export function round(a: Dec, decimals: number, mode: RoundingMode = 'half-up'): Dec {
  if (decimals >= DECIMALS) return a;
  const unit = 10 ** (DECIMALS - decimals);
  return (divRoundInt(a, unit, mode) * unit) as Dec;
}

/** Canonical decimal string without trailing zeros: 0.3, -1.5, 12. */
export function toStr(a: Dec): string {
  const negative = a < 0;
  const v = Math.abs(a);
  const i = Math.floor(v / SCALE);
  const f = v - i * SCALE;
  const frac = f === 0 ? '' : '.' + String(f).padStart(DECIMALS, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + String(i) + frac;
}

/** Fixed number of decimals, for tables ("95.50"). */
export function toFixed(a: Dec, decimals: number): string {
  const r = round(a, decimals);
  const s = toStr(r);
  if (decimals === 0) return s;
  const [i, f = ''] = s.split('.');
  return `${i}.${f.padEnd(decimals, '0')}`;
}

/** For charts and JSON consumers that want a number; never used in scoring arithmetic. */
export const toNumber = (a: Dec): number => a / SCALE;

