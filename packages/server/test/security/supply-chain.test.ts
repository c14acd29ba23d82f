import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Script = {
  checkNative: (allow?: Record<string, { fallback: string; test: string; platformPrefix: string }>) => { problems: string[]; found: string[] };
  nativeAllowlist: Record<string, { fallback: string; test: string; platformPrefix: string }>;
  offlineAudit: (reason: string, path?: string) => { ok: boolean; problems: string[] };
  sbom: () => { bomFormat: string; specVersion: string; components: { name: string; version: string; purl: string; hashes?: unknown[] }[] };
};
const script = (await import(join(import.meta.dirname, '..', '..', '..', '..', 'scripts', 'supply-chain.mjs'))) as Script;

describe('supply-chain gate', () => {
  it('finds the argon2 native add-on and accepts it only because its pure-JS fallback and test exist', () => {
    const ok = script.checkNative();
    expect(ok.found.some((n) => n.startsWith('@node-rs/argon2'))).toBe(true);
    expect(ok.problems).toEqual([]);
    const without = script.checkNative({});
    expect(without.problems.join('\n')).toMatch(/@node-rs\/argon2.*without a declared pure-JS\/WASM fallback/);
    const missingTest = script.checkNative({ '@node-rs/argon2': { ...script.nativeAllowlist['@node-rs/argon2']!, test: 'packages/server/test/no-such.test.ts' } });
    expect(missingTest.problems.join('\n')).toMatch(/no-such\.test\.ts is missing/);
  });

  it('the offline audit fails on a high advisory for an installed production version', () => {
    const lock = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const fastify = lock.packages['node_modules/fastify']!.version;
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-adv-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify([{ name: 'fastify', versions: [fastify], severity: 'high', id: 'TEST-1' }]));
    const bad = script.offlineAudit('test', join(dir, 'a.json'));
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([`fastify@${fastify}: high TEST-1`]);
    writeFileSync(join(dir, 'b.json'), JSON.stringify([{ name: 'fastify', versions: ['0.0.1'], severity: 'critical', id: 'TEST-2' }]));
    expect(script.offlineAudit('test', join(dir, 'b.json')).ok).toBe(true);
  });

  it('writes a CycloneDX SBOM of the production dependencies with hashes, without dev tools', () => {
    const bom = script.sbom();
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5' });
    const names = bom.components.map((c) => c.name);
    expect(names).toContain('fastify');
    expect(names).toContain('sm-crypto-v2');
    expect(names).not.toContain('vitest');
    expect(names).not.toContain('sm-crypto'); // a devDependency (cross-verification only)
    expect(bom.components.find((c) => c.name === 'fastify')!.purl).toMatch(/^pkg:npm\/fastify@\d/);
    expect(bom.components.every((c) => c.hashes !== undefined)).toBe(true);
  });
});
