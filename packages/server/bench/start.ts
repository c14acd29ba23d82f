import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` (part): server start on PGlite, as `npm start` does it (tsx), in a fresh process:
 * a first start on an empty data folder (initdb, every migration, the 佳县 demo loaded) and a
 * warm restart on the same folder; each with the time per phase and its share of the total.
 */
const child = fileURLToPath(new URL('./start-child.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kaohe-start-'));
type Run = { demoLoaded: boolean; phases: Record<string, number> };

function start(): { run: Run; wallMs: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' }, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`server start failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return { run: JSON.parse(line) as Run, wallMs };
}

function report(name: string, { run, wallMs }: { run: Run; wallMs: number }): void {
  const total = run.phases['total since process start']!;
  const parts = Object.entries(run.phases)
    .filter(([k]) => k !== 'total since process start')
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms (${((v / total) * 100).toFixed(0)}%)`);
  console.log(`server ${name}: ${wallMs.toFixed(0)} ms wall until exit, ${total.toFixed(0)} ms until listening${run.demoLoaded ? ', demo loaded' : ''}`);
  console.log(`  ${parts.join('; ')}`);
}

try {
  report('first start (empty data folder, demo)', start());
  report('warm restart', start());
  report('warm restart', start());
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
