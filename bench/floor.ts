import type { Fact } from '@kaohe/core';
import { familyOf, type Size } from './province';

/**
 * The floor: a hand-written single pass that computes the same unit totals as `evaluate` on the
 * province scheme, with integer millionths in typed arrays and no explanations, ranks or grades.
 * It knows the generated scheme's fixed parameters; it exists only to measure the engine against.
 */
export function floorTotals(size: Size, facts: readonly Fact[]): Float64Array {
  const C = size.indicators * size.clausesPerIndicator;
  const N = size.units * C;
  const count = new Int32Array(N);
  const amount = new Float64Array(N);
  const a = new Float64Array(N);
  const b = new Float64Array(N);
  const has = new Uint8Array(N);
  const neg = new Uint8Array(size.units);
  const TIER: Record<string, number> = { 省: 300000, 市: 200000, 县: 100000 };
  for (const f of facts) {
    const u = Number(f.unit.slice(1));
    if (f.ref === 'n1') {
      if (f.type === 'flag' && f.value) neg[u] = 1;
      continue;
    }
    const c = Number(f.ref.slice(1));
    const i = u * C + c;
    switch (f.type) {
      case 'occurrence':
        count[i]! += f.count ?? 1;
        if (f.level !== undefined) amount[i]! += TIER[f.level]!;
        break;
      case 'flag':
        if (f.value) has[i] = 1;
        break;
      case 'count':
        a[i] = f.done;
        has[i] = 1;
        break;
      case 'rate':
        a[i] = f.numerator;
        b[i] = f.denominator;
        has[i] = 1;
        break;
      case 'value':
        a[i] = f.value;
        has[i] = 1;
        break;
      case 'judgement':
        amount[i] = f.amount;
        has[i] = 2;
        break;
      default:
        break;
    }
  }
  const totals = new Float64Array(size.units);
  for (let u = 0; u < size.units; u++) {
    let total = 0;
    for (let ind = 0; ind < size.indicators; ind++) {
      let base = 0;
      let d = 0;
      for (let j = 0; j < size.clausesPerIndicator; j++) {
        const c = ind * size.clausesPerIndicator + j;
        const i = u * C + c;
        switch (familyOf(c)) {
          case 'per-occurrence':
            d += Math.min(count[i]! * 50000, 300000);
            break;
          case 'tiered':
            d += Math.min(amount[i]!, 500000);
            break;
          case 'condition':
            if (has[i]) d += 100000;
            break;
          case 'shortfall': {
            const done = a[i]!;
            if (done === 0) d += 250000;
            else if (done < 4) d += (4 - done) * 50000;
            break;
          }
          case 'threshold': {
            const rate = (a[i]! * 100_000_000) / b[i]!; // micro percent (exact for denominator 100)
            const gap = 95_000_000 - rate;
            if (gap > 0) d += Math.min(50000 + Math.floor(gap / 5_000_000) * 50000, 250000);
            break;
          }
          case 'bands': {
            const v = a[i]!;
            d += v < 50_000_000 ? 200000 : v < 80_000_000 ? 100000 : 0;
            break;
          }
          case 'proportional':
            base += (900000 * Math.min(a[i]!, 200_000_000)) / 200_000_000;
            break;
          case 'rate':
            base += Math.round(((a[i]! * 300000) / b[i]!) / 1000) * 1000;
            break;
          case 'completion':
            base += has[i] === 1 ? 900000 : Math.min(amount[i]!, 900000);
            break;
          case 'discretionary':
            if (has[i] === 2) d += Math.min(Math.max(amount[i]!, 50000), 200000);
            break;
        }
      }
      total += Math.min(Math.max(base - d, 0), 2_700_000);
    }
    if (neg[u]) total -= 500000;
    totals[u] = Math.round(total / 10000) * 10000;
  }
  return totals;
}
