import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importScheme, reportToHtml } from '@kaohe/office/import';

/**
 * Import of each seed with its report (issue 4: target < 0.5 s each). The file is read once; each run
 * reads, recognises, compiles every clause, validates the scheme and renders the HTML report.
 * The first run (module warm-up) is shown apart; the figure is the median of the next five.
 */
const seeds = ['000_a59af3f7f36b9ebf.txt', '001_c9fa6fd301574412.txt', '004_011aa5988ef2c423.txt'];
const dir = new URL('../packages/office/test/fixtures/seeds/', import.meta.url);
const TARGET_MS = 500;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let failed = false;
for (const name of seeds) {
  const path = fileURLToPath(new URL(name, dir));
  const bytes = new Uint8Array(readFileSync(path));
  const times: number[] = [];
  let line = '';
  for (let k = 0; k < 6; k++) {
    const t0 = process.hrtime.bigint();
    const { report } = await importScheme({ name, bytes });
    reportToHtml(report);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = report.coverage;
    line = `${c.scoring} scoring clauses, ${c.compiled} compiled${c.percent === null ? '' : ` (${c.percent}%)`}, ${report.counts.indicators} indicators`;
  }
  const ms = median(times.slice(1));
  if (ms > TARGET_MS) failed = true;
  console.log(`import ${name} (${(statSync(path).size / 1024).toFixed(0)} kB): ${ms.toFixed(0)} ms median (first run ${times[0]!.toFixed(0)} ms) — ${line} ${ms > TARGET_MS ? `✗ over ${TARGET_MS} ms` : '✓'}`);
}
if (failed) process.exitCode = 1;
