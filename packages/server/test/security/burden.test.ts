import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { clauseSchema, factTypes, ruleKinds } from '@kaohe/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../harness';
import { uniq } from '../world-data';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.(ts|tsx|mjs|js|json|html|css)$/.test(name) ? [path] : [];
  });
// every package's source: rule vocabulary (core/text), metric sources (contract, core), API routes (server) and UI strings (web)
const files = ['core', 'contract', 'office', 'server', 'cli', 'web'].flatMap((p) => sources(join(root, 'packages', p, 'src')));
const offending = (pattern: RegExp, allowed: (path: string) => boolean) =>
  files.filter((f) => !allowed(relative(root, f)) && pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('基层减负: no usage metrics of persons', () => {
  it('no check-in, online-time, login-count or app-usage metric in the rule vocabulary, metric sources, routes or UI strings', () => {
    expect(files.length).toBeGreaterThan(200);
    const words = /打卡|签到|在线时长|登录次数|登录频次|学习时长|点赞|转发量|活跃度|活跃排名|装机率|安装率/;
    // the policy lint names these words to flag clauses that score them (row 55): the only allowed place
    expect(offending(words, (p) => p === 'packages/office/src/import/burden-lint.ts')).toEqual([]);
    expect(readFileSync(join(root, 'packages/office/src/import/burden-lint.ts'), 'utf8')).toMatch(words);
    const usage = /check-?in|online-?time|login-?count|time-?online|activity-?rank|install-?rate|app-?usage/i;
    expect([...ruleKinds, ...factTypes].filter((k) => usage.test(k))).toEqual([]);
    expect(h.app.routeCatalogue.filter((r) => usage.test(r.url) || /\/activity|\/online|\/checkin/.test(r.url))).toEqual([]);
  });
});

describe('基层减负: evidence optional, no location capture', () => {
  it('a unit reports and the lead assessor verifies with no evidence file at all', async () => {
    const rep1 = await h.login('rep1');
    const created = await rep1.request('POST', `/api/assessments/${h.ids.assessmentId}/reports`, { clientKey: uniq('report'), unitId: h.ids.units.U1, clauseKey: 'C1', narrative: '按期完成', facts: [] });
    expect(created.statusCode, created.body).toBe(200);
    const report = created.json() as { id: string; state: string };
    expect(report.state).toBe('submitted');
    const evidence = await rep1.request('GET', `/api/assessments/${h.ids.assessmentId}/evidence`);
    expect(evidence.statusCode).toBe(200);
    expect((evidence.json() as { items?: unknown[] } | unknown[])).toSatisfy((v: unknown) => (Array.isArray(v) ? v : ((v as { items: unknown[] }).items ?? [])).length === 0);
    const lead1 = await h.login('lead1');
    const verified = await lead1.request('POST', `/api/reports/${report.id}/verify`, {});
    expect(verified.statusCode, verified.body).toBe(200);
    expect((verified.json() as { state: string }).state).toBe('verified');
  });

  it('the scheme format lists materials but cannot make photos or videos mandatory', () => {
    const clause = { code: 'C1', text: '按要求上传现场照片', rule: { kind: 'manual', effect: 'score' } };
    const listed = clauseSchema.safeParse({ ...clause, evidence: ['现场照片', '工作视频'] });
    expect(listed.success, JSON.stringify(listed.error?.issues)).toBe(true);
    for (const field of ['evidenceRequired', 'requiredEvidence', 'mandatoryEvidence']) {
      const mandatory = clauseSchema.safeParse({ ...clause, evidence: ['现场照片'], [field]: true });
      expect(mandatory.success, field).toBe(false);
    }
  });

  it('no GPS, geolocation or trajectory capture anywhere in the product', () => {
    expect(offending(/geolocation|\bGPS\b|latitude|longitude|经纬度|轨迹|getCurrentPosition|watchPosition/i, () => false)).toEqual([]);
  });
});
