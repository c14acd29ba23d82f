import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` (part): how fast the built `kaohe` command starts, against `node -e 0` measured
 * in the same run, interleaved so that load on the machine hits all three alike.
 * Targets (docs/performance.md): `kaohe --version` ≤ 3× node, `kaohe score` on the 佳县 example ≤ 5×.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}packages/cli/bin/kaohe.js`;
if (!existsSync(`${root}packages/cli/dist/cli/main.js`)) {
  console.log('startup: kaohe 尚未构建（npm run build），跳过启动时间测量');
  process.exit(0);
}
const runs = process.argv.includes('--quick') ? 5 : 11;
const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['kaohe --version', [bin, '--version']],
  ['kaohe score 佳县', [bin, 'score', `${root}examples/jiaxian-2020/scheme.yaml`, `${root}examples/jiaxian-2020/facts.yaml`]],
];
const times = new Map<string, number[]>(cases.map(([n]) => [n, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of cases) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr.toString()}`);
    times.get(name)!.push(ms);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times.get('node -e 0')!);
const version = median(times.get('kaohe --version')!);
const score = median(times.get('kaohe score 佳县')!);
console.log(`startup (median of ${runs}, interleaved): node -e 0 ${base.toFixed(0)} ms; kaohe --version ${version.toFixed(0)} ms (${(version / base).toFixed(2)}×, target ≤ 3×); kaohe score 佳县 ${score.toFixed(0)} ms (${(score / base).toFixed(2)}×, target ≤ 5×)`);
console.log(`startup targets (--version ≤ 3×, score ≤ 5× node -e 0): ${version <= 3 * base && score <= 5 * base ? 'met' : `NOT met (--version ${(version / base).toFixed(2)}×, score ${(score / base).toFixed(2)}×)`}`);
