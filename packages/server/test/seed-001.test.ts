import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYamlOrJson } from '@kaohe/contract';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema';
import { createHarness, type Harness, type Session } from './harness';
import { uniq } from './world-data';

/**
 * Seed 001 (佳县 2020 目标责任考核指标) scored through the server: imported with `kaohe import`
 * (no scoring rules at all: every indicator is "target + points"), its 87 units created, then
 * each leaf indicator judged by the 考评办 and one negative-list item imported as an official fact.
 */
const repo = join(import.meta.dirname, '..', '..', '..');
const seed = join(repo, 'packages', 'office', 'test', 'fixtures', 'seeds', '001_c9fa6fd301574412.txt');
const work = mkdtempSync(join(tmpdir(), 'kaohe-001-'));
let h: Harness;
let kpb: Session;
let a = '';
type Json = Record<string, unknown>;
type Doc = { units: { code: string; name: string; category: string }[]; rankingGroups: { name: string; units?: string[] }[]; negativeList: unknown[] };
let doc: Doc;
const unitIds = new Map<string, string>();

beforeAll(async () => {
  const out = join(work, '001.yaml');
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'packages', 'cli', 'src', 'main.ts'), 'import', seed, '-o', out], { encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`kaohe import failed: ${res.stdout}${res.stderr}`);
  doc = parseYamlOrJson(readFileSync(out, 'utf8'), '001.yaml').value as Doc;
  h = await createHarness();
  kpb = await h.login('kpb');
  const now = h.clock.now();
  const rows = await h.ctx.db
    .insert(units)
    .values(doc.units.map((u) => ({ organisationId: h.ids.organisationId, code: u.code, name: u.name, createdAt: now })))
    .returning({ id: units.id, code: units.code });
  for (const r of rows) unitIds.set(r.code, r.id);
  const created = (await kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2020, name: '2020 年度目标责任考核' })).json() as { id: string };
  a = created.id;
  const scheme = await kpb.request('POST', `/api/assessments/${a}/schemes`, { document: doc });
  if (scheme.statusCode !== 200) throw new Error(scheme.body);
  const published = await kpb.request('POST', `/api/schemes/${(scheme.json() as { id: string }).id}/publish`);
  if (published.statusCode !== 200) throw new Error(published.body);
}, 180_000);
afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

const judge = (unit: string, ref: string, points: string, kind = 'score') =>
  kpb.request('POST', `/api/assessments/${a}/judgements`, { unitId: unitIds.get(unit)!, clauseKey: ref, kind, points, reason: kind === 'score' ? '完成目标任务' : '部分目标未完成' });

// the leaf indicators of a town and of 县委办公室, with each unit's own points (P48 variants)
const townLeaves = (variant: boolean): [string, string][] => [
  ['2.1.1', '20'], ['2.1.2', '12'], ['2.1.3', '13'], ['2.1.4', '20'], ['2.1.5', '12'], ['2.1.6', '10'], ['2.1.7', '10'], ['2.1.8', '3'],
  ['3.1.1', variant ? '20' : '5'], ['3.1.2', variant ? '10' : '5'], ['3.1.3', variant ? '10' : '5'], ['3.1.4', variant ? '10' : '5'], ['3.2.1', variant ? '10' : '5'],
  ['3.3', '5'], ['3.4.1', '5'], ['3.4.2', '5'], ['3.4.3', '5'], ['3.4.4', '5'], ['3.4.5', '5'], ['3.4.6', '5'],
  ['3.5.1', '5'], ['3.5.2', '5'], ['3.5.3', '5'], ['3.5.4', '5'], ['3.5.5', '5'], ['3.5.6', '5'], ['3.5.7', '5'], ['3.5.8', '5'],
];

const departmentLeaves: [string, string][] = [
  ['4.1.1', '20'], ['4.1.2', '16'], ['4.1.3', '16'], ['4.1.4', '28'], ['4.1.5', '10'], ['4.1.6', '10'],
  ['4.2.2.1.1', '10'], ['4.2.2.1.2', '5'], ['4.2.2.1.3', '5'], ['4.2.2.1.4', '10'], ['4.2.2.1.5', '10'], ['4.2.2.1.6', '10'], ['4.2.2.1.7', '5'], ['4.2.2.1.8', '5'], ['4.2.2.1.9', '10'], ['4.2.2.1.10', '10'],
  ['4.2.2.2.1', '10'], ['4.2.2.3.1', '10'],
];

const parkLeaves: [string, string][] = [
  ['5.1.1.1', '5'], ['5.1.1.2', '5'], ['5.1.1.3', '10'], ['5.1.1.4', '10'], ['5.1.1.5', '10'], ['5.1.1.6', '10'], ['5.1.1.7', '10'], ['5.1.1.8', '5'], ['5.1.1.9', '10'], ['5.1.1.10', '5'],
  ['5.1.2.1', '10'], ['5.1.3.1', '10'],
];

describe('seed 001 through the server', () => {
  it('has its 87 units, 48 departments in 6 groups and 40 negative-list items', () => {
    expect(doc.units).toHaveLength(87);
    expect(doc.units.filter((u) => u.category === '县直部门')).toHaveLength(48);
    expect(doc.rankingGroups.map((g) => [g.name, g.units?.length])).toEqual([
      ['党委工作部门', 9], ['群团组织', 8], ['执法监督部门', 8], ['民生保障部门', 9], ['经济发展部门', 8], ['涉农部门', 6],
    ]);
    expect(doc.negativeList).toHaveLength(40);
  });

  it('refuses a judgement above the unit’s own points for the indicator', async () => {
    const town = await judge('螅镇', '3.1.1', '6');
    expect(town.statusCode).toBe(400);
    expect((town.json() as { error: { message: string } }).error.message).toBe('指标“3.1.1”（农业农村工作）的满分为 5 分，得分 6 分超出该分值');
    const variant = await judge('店镇', '3.1.1', '21');
    expect((variant.json() as { error: { message: string } }).error.message).toBe('指标“3.1.1”（农业农村工作）的满分为 20 分，得分 21 分超出该分值');
    // a stationed unit's block whose points the source leaves blank (001:5309-5363)
    const blank = await judge('县税务局', '6.1.2', '5');
    expect((blank.json() as { error: { message: string } }).error.message).toBe('指标“6.1.2”（领导班子和干部队伍建设）在方案中没有县税务局的分值，不能评分；请先在方案中补充分值');
  });

  it('scores every town and department from judgements on its indicators and the negative list', async () => {
    for (const [ref, points] of townLeaves(false)) expect((await judge('螅镇', ref, ref === '3.1.1' ? '1' : points, ref === '3.1.1' ? 'deduction' : 'score')).statusCode, ref).toBe(200);
    for (const [ref, points] of townLeaves(true)) expect((await judge('店镇', ref, points)).statusCode, ref).toBe(200);
    for (const [ref, points] of departmentLeaves) expect((await judge('县委办公室', ref, points)).statusCode, ref).toBe(200);
    // a park (产业园区管委会): 重点工作 80 + 市考指标 10 + 改革创新 10 (001:5190)
    for (const [ref, points] of parkLeaves) expect((await judge('县白云山风景名胜区管委会', ref, points)).statusCode, ref).toBe(200);
    // a stationed unit: only 落实全面从严治党主体责任 has points (20)
    expect((await judge('县税务局', '6.1.1', '18')).statusCode).toBe(200);
    const imported = await kpb.request('POST', `/api/assessments/${a}/facts/import`, {
      clientKey: uniq('neg'),
      facts: [{ id: 'neg-1', unit: '螅镇', ref: '负面1', type: 'occurrence', note: '未完成补短板年度任务' }],
    });
    expect(imported.statusCode).toBe(200);
    const recompute = await kpb.request('POST', `/api/assessments/${a}/recompute`);
    expect(recompute.statusCode).toBe(200);
    expect((recompute.json() as Json).units).toBe(87);
    const rows = (await kpb.request('GET', `/api/assessments/${a}/results`)).json() as { unitCode: string; total: string }[];
    const total = (code: string) => rows.find((r) => r.unitCode === code)?.total;
    // 螅镇: 共性 100 (20+12+13+20+12+10+10+3) + 乡村振兴 20 + 经济发展 5 + 脱贫攻坚 5 + 安全稳定 30
    //   + 民生保障 35 (its 8 items × 5 = 40 are capped at the category's stated 35) = 195;
    //   农业农村 5 − 1 deducted = 4, and 负面1 −1.5 (001:219-221): 195 − 1 − 1.5 = 192.5
    expect(total('螅镇')).toBe('192.5');
    // 店镇 (001:704-815): 乡村振兴 50 (20/10/10/10) and 经济发展 10: 100 + 50 + 10 + 5 + 30 + 35 = 230
    expect(total('店镇')).toBe('230');
    // 县委办公室: the common part 100 (001:2705-2750) + its own table 100 (every department table sums to 100)
    expect(total('县委办公室')).toBe('200');
    const ranked = (await kpb.request('GET', `/api/assessments/${a}/results`)).json() as { unitCode: string; rank: number }[];
    const group = doc.rankingGroups.find((g) => g.name === '党委工作部门')!.units!;
    expect(ranked.filter((r) => group.includes(r.unitCode)).map((r) => [r.unitCode === '县委办公室', r.rank]).sort()).toEqual([[false, 2], [false, 2], [false, 2], [false, 2], [false, 2], [false, 2], [false, 2], [false, 2], [true, 1]]);
    expect(total('县白云山风景名胜区管委会')).toBe('100');
    expect(total('县税务局')).toBe('18');
    // a town nobody judged yet scores 0 with every indicator pending, never a silent full mark
    expect(total('坑镇')).toBe('0');
    const detail = (await kpb.request('GET', `/api/assessments/${a}/results/${unitIds.get('坑镇')}`)).json() as { ledger: { pendingJudgements: number } };
    expect(detail.ledger.pendingJudgements).toBe(28);
  }, 120_000);
});
