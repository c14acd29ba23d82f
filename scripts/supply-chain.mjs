#!/usr/bin/env node
// Supply-chain gate (等保 入侵防范: known vulnerabilities; 信创: no native add-on without a fallback).
//   node scripts/supply-chain.mjs audit    npm audit --omit=dev (fails on high/critical); offline check when the registry does not answer
//   node scripts/supply-chain.mjs native   production dependencies with a native add-on must have a tested pure-JS/WASM fallback
//   node scripts/supply-chain.mjs sbom [out.json]   CycloneDX 1.5 SBOM of the production dependencies (written at release)
//   node scripts/supply-chain.mjs all
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Production packages from the lockfile: not dev, inside node_modules, and not a workspace link. */
export function productionPackages() {
  return Object.entries(lock.packages)
    .filter(([path, p]) => path.includes('node_modules/') && !p.dev && !p.link)
    .map(([path, p]) => ({ path, name: path.slice(path.lastIndexOf('node_modules/') + 13), version: p.version, integrity: p.integrity ?? null, license: p.license ?? null, os: p.os, cpu: p.cpu }));
}

/**
 * Native add-ons allowed only with a fallback, and the fallback's test. Platform-binary packages
 * (optional dependencies with os/cpu) belong to the parent named here.
 */
export const nativeAllowlist = {
  '@node-rs/argon2': {
    fallback: 'packages/server/src/lib/crypto/argon2-fallback.ts',
    test: 'packages/server/test/argon2-fallback.test.ts',
    platformPrefix: '@node-rs/argon2-',
  },
};

function hasNativeFiles(dir, depth = 0) {
  if (!existsSync(dir) || depth > 4) return false;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const full = join(dir, entry);
    if (entry === 'binding.gyp' || entry.endsWith('.node')) return true;
    if (statSync(full).isDirectory() && hasNativeFiles(full, depth + 1)) return true;
  }
  return false;
}

export function checkNative(allowlist = nativeAllowlist) {
  const problems = [];
  const found = [];
  for (const p of productionPackages()) {
    const platformBinary = Boolean(p.os || p.cpu);
    const lockEntry = lock.packages[p.path];
    const native = platformBinary || lockEntry.gypfile || hasNativeFiles(join(root, p.path));
    if (!native) continue;
    const owner = Object.entries(allowlist).find(([name, a]) => name === p.name || p.name.startsWith(a.platformPrefix));
    found.push(p.name);
    if (!owner) {
      problems.push(`${p.name}@${p.version}: native add-on without a declared pure-JS/WASM fallback (add one to nativeAllowlist with its test)`);
      continue;
    }
    const [, allow] = owner;
    for (const file of [allow.fallback, allow.test]) if (!existsSync(join(root, file))) problems.push(`${p.name}: fallback file ${file} is missing`);
  }
  return { problems, found };
}

export function sbom() {
  const components = productionPackages()
    .filter((p) => !(p.os || p.cpu) || existsSync(join(root, p.path)))
    .map((p) => ({
      type: 'library',
      'bom-ref': `pkg:npm/${p.name.replace('@', '%40')}@${p.version}`,
      name: p.name,
      version: p.version,
      purl: `pkg:npm/${p.name.replace('@', '%40')}@${p.version}`,
      ...(p.license ? { licenses: [{ license: { id: p.license } }] } : {}),
      ...(p.integrity
        ? { hashes: [{ alg: p.integrity.startsWith('sha512-') ? 'SHA-512' : 'SHA-1', content: Buffer.from(p.integrity.split('-')[1], 'base64').toString('hex') }] }
        : {}),
    }));
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { timestamp: new Date().toISOString(), component: { type: 'application', name: rootPkg.name, version: JSON.parse(readFileSync(join(root, 'packages/server/package.json'), 'utf8')).version, licenses: [{ license: { id: rootPkg.license } }] } },
    components,
  };
}

/** npm audit against the registry; when it does not answer, the offline check instead. */
export function audit() {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  let report = null;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = null;
  }
  if (report && report.metadata?.vulnerabilities) {
    const v = report.metadata.vulnerabilities;
    const bad = (v.high ?? 0) + (v.critical ?? 0);
    return { mode: 'online', ok: bad === 0, summary: `high ${v.high ?? 0}, critical ${v.critical ?? 0}, moderate ${v.moderate ?? 0}, low ${v.low ?? 0}` };
  }
  return offlineAudit(report?.message ?? report?.error?.summary ?? (r.stderr.split('\n')[0] || 'no answer'));
}

/**
 * Offline: every production package is pinned with an integrity hash in the lockfile, and none is
 * listed in scripts/advisories-offline.json (high/critical advisories copied in by the operator from
 * the site's vulnerability feed: [{ "name", "versions": ["1.2.3"], "severity", "id" }]).
 */
export function offlineAudit(reason, advisoriesPath = join(root, 'scripts', 'advisories-offline.json')) {
  const problems = [];
  const advisories = existsSync(advisoriesPath) ? JSON.parse(readFileSync(advisoriesPath, 'utf8')) : [];
  for (const p of productionPackages()) {
    if (!p.integrity && !(p.os || p.cpu)) problems.push(`${p.name}@${p.version}: no integrity hash in package-lock.json`);
    for (const a of advisories) {
      if (a.name === p.name && a.versions.includes(p.version) && ['high', 'critical'].includes(a.severity)) problems.push(`${p.name}@${p.version}: ${a.severity} ${a.id}`);
    }
  }
  return { mode: 'offline', ok: problems.length === 0, summary: `registry unavailable (${reason}); ${advisories.length} offline advisories checked`, problems };
}

function main() {
  const [command = 'all', out] = process.argv.slice(2);
  let failed = false;
  if (command === 'audit' || command === 'all') {
    const a = audit();
    console.log(`audit (${a.mode}): ${a.ok ? 'ok' : 'FAILED'} — ${a.summary}`);
    for (const p of a.problems ?? []) console.log(`  ${p}`);
    failed ||= !a.ok;
  }
  if (command === 'native' || command === 'all') {
    const n = checkNative();
    console.log(`native add-ons in production dependencies: ${n.found.length} (${[...new Set(n.found.map((f) => f.replace(/-(android|darwin|freebsd|linux|win32)-.*$/, '')))].join(', ') || 'none'})`);
    for (const p of n.problems) console.log(`  ${p}`);
    failed ||= n.problems.length > 0;
  }
  if (command === 'sbom' || command === 'all') {
    const path = out ?? join(root, '.tmp', 'sbom.cdx.json');
    const doc = sbom();
    writeFileSync(path, JSON.stringify(doc, null, 2));
    console.log(`SBOM (CycloneDX 1.5): ${doc.components.length} components → ${path}`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
