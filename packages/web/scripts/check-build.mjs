#!/usr/bin/env node
// After `vite build`: fails when the bundle would break on Chromium 86 (奇安信/UOS/360 browsers) or
// reach outside the origin, and records the first screen's JavaScript size (gzipped).
//  - CSS must not contain `:where(` (Chrome 88+); antd's StyleProvider hashPriority="high" avoids it
//  - every JS chunk must parse as ES2020 (acorn, ecmaVersion 2020): no `??=`, class fields, top-level await…
//  - no absolute http(s) URL to another host in index.html or CSS (fonts, scripts, telemetry)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const all = files(dist);
const problems = [];

for (const file of all.filter((f) => f.endsWith('.css'))) {
  const css = readFileSync(file, 'utf8');
  if (css.includes(':where(')) problems.push(`${file}: CSS contains :where( (not in Chromium 86)`);
  const external = css.match(/url\(\s*['"]?(https?:)?\/\/[^)]+\)/g);
  if (external) problems.push(`${file}: CSS loads from another origin: ${external.slice(0, 3).join(', ')}`);
}
for (const file of all.filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(file, 'utf8');
  try {
    parse(code, { ecmaVersion: 2020, sourceType: 'module' });
  } catch (error) {
    const { line, column } = error.loc ?? {};
    problems.push(`${file}: syntax above ES2020 at ${line}:${column} (${error.message}): ${code.split('\n')[(line ?? 1) - 1]?.slice(Math.max(0, column - 40), column + 40)}`);
  }
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const externalTags = html.match(/(src|href)=["'](https?:)?\/\/[^"']+/g);
if (externalTags) problems.push(`index.html loads from another origin: ${externalTags.join(', ')}`);

// the first route (登录): the entry and the login screen's lazy chunk, with everything they import statically
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const closure = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || closure.has(chunk.file)) return;
  closure.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit('index.html');
visit('src/features/auth/components/LoginPage.tsx');
const entry = [...closure].filter((f) => f.endsWith('.js'));
const gz = (f) => gzipSync(readFileSync(join(dist, f))).length;
const firstRouteJs = [...new Set(entry)].reduce((sum, f) => sum + gz(f), 0);
const css = all.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
const totalJs = all.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
const report = { firstRouteJsGzipBytes: firstRouteJs, firstRouteFiles: [...new Set(entry)], cssGzipBytes: css, allJsGzipBytes: totalJs, chunks: all.filter((f) => f.endsWith('.js')).length };
writeFileSync(join(dist, 'build-report.json'), JSON.stringify(report, null, 2) + '\n');
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`first route JS ${kb(firstRouteJs)} gzip (${report.firstRouteFiles.length} files), CSS ${kb(css)} gzip, all JS ${kb(totalJs)} gzip in ${report.chunks} chunks`);
if (firstRouteJs > 500 * 1024) problems.push(`first route JS is ${kb(firstRouteJs)} gzip, over the 500 kB budget`);
if (problems.length > 0) {
  console.error(`build check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('build check: Chromium 86 compatible (no :where(, ES2020 syntax), no other origin');
