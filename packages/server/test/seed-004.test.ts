import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYamlOrJson } from '@kaohe/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema';
import { cliActor, createAccount, grantBusinessRole } from '../src/services/account.service';
import { createHarness, type Harness, password, type Session } from './harness';
import { uniq } from './world-data';

/**
 * Seed 004 (嘉兴市政务公开重点工作责任清单): tasks with 牵头单位 and 责任单位 and no points, tracked
 * through reports and verification. The document names its 责任单位 only as groups
 * (市级有关部门（单位）, 各县（市、区）政府), so the test adds two county governments as the units
 * that report; task 1.1.3.3 (004:71) is led by five units that "分别负责".
 */
const repo = join(import.meta.dirname, '..', '..', '..');
const seed = join(repo, 'packages', 'office', 'test', 'fixtures', 'seeds', '004_011aa5988ef2c423.txt');
const work = mkdtempSync(join(tmpdir(), 'kaohe-004-'));
let h: Harness;
let kpb: Session;
let haiyan: Session;
let market: Session;
let office: Session;
let a = '';
const ids = new Map<string, string>();
type Res = { statusCode: number; json: () => unknown; body: string };
const ok = async (p: Promise<Res>) => {
  const res = await p;
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
};

beforeAll(async () => {
  const out = join(work, '004.yaml');
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'packages', 'cli', 'src', 'main.ts'), 'import', seed, '-o', out], { encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`kaohe import failed: ${res.stdout}${res.stderr}`);
  const doc = parseYamlOrJson(readFileSync(out, 'utf8'), '004.yaml').value as Record<string, unknown>;
  doc.unitCategories = [{ code: 'county', name: '县（市、区）政府' }];
  doc.units = [
    { code: '海盐县政府', name: '海盐县政府', category: 'county' },
    { code: '嘉善县政府', name: '嘉善县政府', category: 'county' },
  ];
  h = await createHarness();
  kpb = await h.login('kpb');
  const now = h.clock.now();
  const rows = await h.ctx.db
    .insert(units)
    .values(['海盐县政府', '嘉善县政府', '市市场监管局', '市应急管理局', '市政府办公室'].map((code, i) => ({ organisationId: h.ids.organisationId, code, name: code, isAssessed: i < 2, createdAt: now })))
    .returning({ id: units.id, code: units.code });
  for (const r of rows) ids.set(r.code, r.id);
  a = ((await ok(kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2020, name: '2020 年政务公开重点工作' }))) as { id: string }).id;
  const scheme = await ok(kpb.request('POST', `/api/assessments/${a}/schemes`, { document: doc }));
  await ok(kpb.request('POST', `/api/schemes/${scheme.id as string}/publish`));
  for (const [login, role, unit] of [['haiyan', 'unit-reporter', '海盐县政府'], ['market', 'lead-assessor', '市市场监管局'], ['office', 'lead-assessor', '市政府办公室']] as const) {
    const user = await createAccount(h.ctx, cliActor('seed'), { login, displayName: unit, roleClass: 'business', password, totpSecret: null });
    await grantBusinessRole(h.ctx, cliActor('seed'), user.id, { role, unitId: ids.get(unit)!, assessmentId: a } as Parameters<typeof grantBusinessRole>[3]);
  }
  haiyan = await h.login('haiyan');
  market = await h.login('market');
  office = await h.login('office');
}, 180_000);
afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('seed 004 tasks through the server', () => {
  it('has a 责任单位 report its task and one of the task’s 牵头单位 verify it', async () => {
    const report = await ok(
      haiyan.request('POST', `/api/assessments/${a}/reports`, {
        clientKey: uniq('task'),
        unitId: ids.get('海盐县政府')!,
        clauseKey: '1.1.3.3',
        narrative: '已在政府网站公开重点领域执法查处结果 12 件',
        facts: [{ id: 'done-1.1.3.3', type: 'flag', value: true, date: '2020-11-30' }],
      }),
    );
    expect(report).toMatchObject({ state: 'submitted', clauseKey: '1.1.3.3' });
    // 市政府办公室 leads other tasks, not this one: the report is not even visible to it
    const queue = (await ok(office.request('GET', `/api/assessments/${a}/verification-queue`))) as { items: unknown[] };
    expect(queue.items).toEqual([]);
    expect((await office.request('POST', `/api/reports/${report.id as string}/verify`, { version: 1 })).statusCode).toBe(404);
    // 市市场监管局 is one of its five 牵头单位
    const mine = (await ok(market.request('GET', `/api/assessments/${a}/verification-queue`))) as { items: { report: { id: string }; unitName: string }[] };
    expect(mine.items.map((i) => [i.report.id, i.unitName])).toEqual([[report.id, '海盐县政府']]);
    expect(await ok(market.request('POST', `/api/reports/${report.id as string}/verify`, { version: 1 }))).toMatchObject({ state: 'verified', version: 2 });
    const progress = (await ok(kpb.request('GET', `/api/assessments/${a}/reports?state=verified`))) as unknown as { clauseKey: string; unitId: string }[];
    expect(progress.map((r) => [r.clauseKey, r.unitId])).toEqual([['1.1.3.3', ids.get('海盐县政府')]]);
  });

  it('says plainly that a task without points is tracked, not scored', async () => {
    await ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
    const detail = (await ok(kpb.request('GET', `/api/assessments/${a}/results/${ids.get('海盐县政府')}`))) as { total: string; ledger: { warnings: { fact: string; reason: string }[] } };
    expect(detail.total).toBe('0');
    expect(detail.ledger.warnings).toEqual([expect.objectContaining({ fact: 'done-1.1.3.3', reason: 'type-not-read' })]);
  });
});
