#!/usr/bin/env node
// Builds the web app (packages/web/dist) when it is missing or older than its sources, so that
// `npm install && npm start` opens the product in a browser. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const index = join(root, 'packages/web/dist/index.html');
const sources = ['packages/web/src', 'packages/web/index.html', 'packages/web/vite.config.ts', 'packages/web/package.json', 'packages/contract/src/api', 'packages/core/src/explain/rule-kind-names.ts'].map((p) => join(root, p));

const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
};

const force = process.argv.includes('--force');
if (!force && existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) {
  console.log('web app is up to date (packages/web/dist)');
  process.exit(0);
}
console.log('building the web app (packages/web/dist)…');
// a caller's NODE_ENV (vitest sets test) must not turn the bundle into React's and antd's development builds
const result = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
process.exit(result.status ?? 1);
