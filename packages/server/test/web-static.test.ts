import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/http/app';
import { createHarness, type Harness } from './harness';

let h: Harness;
let withWeb: App;
let withoutWeb: App;
let dist: string;
beforeAll(async () => {
  h = await createHarness({}, { seed: false });
  dist = mkdtempSync(join(tmpdir(), 'kaohe-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script type="module" src="/assets/index-abc.js"></script></body></html>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log("考核通")');
  withWeb = await buildApp(h.ctx, { webDist: dist });
  withoutWeb = await buildApp(h.ctx, { webDist: join(dist, 'missing') });
});
afterAll(async () => {
  await withWeb?.close();
  await withoutWeb?.close();
  await h?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app from the same origin', () => {
  it('serves index.html for the app routes, with a policy that allows only this origin', async () => {
    for (const url of ['/', '/login', '/assessments/7/results/9?tab=1']) {
      const res = await withWeb.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(String(res.headers['content-security-policy'])).toContain("connect-src 'self'");
    }
  });

  it('serves hashed assets with a long cache, and a missing asset as 404', async () => {
    const res = await withWeb.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect((await withWeb.inject({ method: 'GET', url: '/assets/nope.js' })).statusCode).toBe(404);
  });

  it('answers an unknown /api route with the contract error body, not the page', async () => {
    const res = await withWeb.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not-found' } });
    expect((res.json() as { error: { message: string } }).error.message).toContain('接口不存在');
  });

  it('starts without a build and says in Chinese how to build', async () => {
    const res = await withoutWeb.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('网页前端尚未构建');
    expect((await withoutWeb.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
  });
});
