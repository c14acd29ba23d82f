import { PerformanceObserver } from 'node:perf_hooks';
import { evaluate, evaluateWithState, rescore, rescoreCodes, type Fact } from '@kaohe/core';
import { floorTotals } from './floor';
import { makeFacts, makeScheme, PROVINCE, type Size } from './province';

/**
 * One part of the province bench alone, for counting instructions with callgrind (reproducible on a
 * loaded machine, where wall times move by 2×): `setup` only generates the scheme and facts,
 * `floor` and `evaluate` add `reps` runs of that part. The engine/floor ratio is
 * (evaluate − setup) / (floor − setup) of the counts. `bench/count.sh [UNITS] [REPS]` bundles this
 * file and runs all three under callgrind; `--units N` shrinks the province so that takes minutes.
 * It also prints CPU time, wall time and GC pauses per run (without callgrind: `npx tsx bench/count.ts
 * evaluate --units 500`).
 */
const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const mode = process.argv[2] ?? 'setup';
const size: Size = { ...PROVINCE, units: arg('--units', PROVINCE.units) };
const reps = arg('--reps', 2);
const scheme = makeScheme(size);
const facts = makeFacts(size);
let gcMs = 0;
const byKind = new Map<string, { n: number; ms: number }>();
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    const kind = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak' }[(e as unknown as { detail?: { kind: number } }).detail?.kind ?? 0] ?? 'other';
    const k = byKind.get(kind) ?? { n: 0, ms: 0 };
    k.n++;
    k.ms += e.duration;
    byKind.set(kind, k);
  }
});
gc.observe({ entryTypes: ['gc'] });
const t0 = process.cpuUsage();
const w0 = performance.now();
let check = 0;
// `rescore-setup` evaluates once; `rescore` adds `reps` re-scores of one unit after one fact, the
// unit's facts given, and `rescore-codes` the same with only the changed code's facts given (count
// both and subtract: the instructions of one re-score, new total, group ranks and grades).
const state = mode.startsWith('rescore') ? evaluateWithState(scheme, facts) : undefined;
const own: Fact[] = state ? facts.filter((f) => f.unit === 'u7') : [];
for (let i = 0; i < reps; i++) {
  if (mode === 'floor') check += floorTotals(size, facts)[0]!;
  else if (mode === 'evaluate') check += evaluate(scheme, facts).units[0]!.total;
  else if (mode === 'rescore') {
    const changed = own.map((f) => (f.type === 'value' && f.ref === 'k5' ? { ...f, value: ((i * 7) % 100) * 1_000_000 } : f)) as Fact[];
    check += rescore(state!, 'u7', changed).result.units[7]!.total;
  } else if (mode === 'rescore-codes') {
    // the same change as a single edit: only code k5's facts given
    const k5 = own.filter((f) => f.ref === 'k5').map((f) => ({ ...f, value: ((i * 7) % 100) * 1_000_000 }) as Fact);
    check += rescoreCodes(state!, 'u7', new Map([['k5', k5]])).result.units[7]!.total;
  }
}
const cpu = process.cpuUsage(t0);
const wall = performance.now() - w0;
await new Promise((r) => setTimeout(r, 10));
gc.disconnect();
const per = (x: number): string => (x / Math.max(reps, 1)).toFixed(0);
console.log(`${mode}: ${size.units} units, ${reps} runs, per run: cpu ${per((cpu.user + cpu.system) / 1000)} ms, wall ${per(wall)} ms, in GC pauses ${per(gcMs)} ms (${[...byKind].map(([k, v]) => `${k} ${v.n}× ${v.ms.toFixed(0)} ms`).join(', ')}; check ${check})`);
