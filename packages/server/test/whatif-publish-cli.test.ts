import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, password, type Harness } from './harness';

/**
 * `kaohe publish` (packages/cli) against a real server: this harness's app listening on a free
 * port, the CLI run as its own process through tsx, logging in over HTTP with the password from
 * the environment. The harness clock is advanced between 公示 and 发布.
 */
const run = promisify(execFile);
const main = join(import.meta.dirname, '../../cli/src/main.ts');

let h: Harness;
let url: string;

async function kaohe(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', main, ...args], { env: { ...process.env, KAOHE_PROGRESS: '0', ...env }, timeout: 60_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

beforeAll(async () => {
  h = await createHarness();
  const kpb = await h.login('kpb');
  const imported = await kpb.request('POST', `/api/assessments/${h.ids.assessmentId}/facts/import`, { clientKey: 'publish-cli-1', facts: [{ id: 'u1-c1', unit: 'U1', ref: 'C1', type: 'occurrence', count: 2 }] });
  expect(imported.statusCode).toBe(200);
  url = await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => h?.close());

describe('kaohe publish', () => {
  it('opens the 公示 after a recompute, then publishes once it has ended', async () => {
    const env = { KAOHE_SERVER: url, KAOHE_ASSESSMENT: h.ids.assessmentId, KAOHE_LOGIN: 'kpb', KAOHE_PASSWORD: password };
    const early = await kaohe(['publish', '发布'], env);
    expect(early.code).toBe(1);
    expect(early.err).toContain('该考核没有进行中的公示，请先运行 kaohe publish 公示');

    const opened = await kaohe(['publish', '公示', '--recompute', '--days', '3'], env);
    expect(opened.code, opened.err).toBe(0);
    expect(opened.out).toMatch(/^已开始第 1 次公示（编号 [0-9a-f-]{36}）：2 个单位，/);

    const tooSoon = await kaohe(['publish', '发布'], env);
    expect(tooSoon.code).toBe(1);
    expect(tooSoon.err).toMatch(/^服务器拒绝：.*公示/);

    h.clock.advance(4 * 24 * 60 * 60 * 1000);
    const published = await kaohe(['publish', '发布', '--format', 'json'], env);
    expect(published.code, published.err).toBe(0);
    expect(JSON.parse(published.out)).toMatchObject({ sequence: 1 });
    const pub = (await h.app.inject({ method: 'GET', url: `/api/public/assessments/${h.ids.assessmentId}/results` })).json() as { results: { unitCode: string; total: string }[] };
    // U1: 10 − 2 × 0.5 = 9; U2: 10
    expect(pub.results.map((r) => `${r.unitCode} ${r.total}`).sort()).toEqual(['U1 9', 'U2 10']);
  });

  it('says in Chinese what is missing or wrong: a missing option, a bad password, no server', async () => {
    const missing = await kaohe(['publish', '公示', '--server', url, '--login', 'kpb'], { KAOHE_PASSWORD: password });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('kaohe publish 需要 --assessment（或环境变量 KAOHE_ASSESSMENT）');
    const wrong = await kaohe(['publish', '公示', '--server', url, '--assessment', h.ids.assessmentId, '--login', 'kpb', '--password', 'wrong-password']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^登录失败：/);
    const down = await kaohe(['publish', '公示', '--server', 'http://127.0.0.1:1', '--assessment', h.ids.assessmentId, '--login', 'kpb', '--password', 'x']);
    expect(down.code).toBe(1);
    expect(down.err).toContain('无法连接服务器 http://127.0.0.1:1');
    const stage = await kaohe(['publish', '撤回']);
    expect(stage.code).toBe(2);
    expect(stage.err).toContain('第一个参数应为“公示”或“发布”');
  });
});
