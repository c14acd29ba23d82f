import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlOrJson } from '@kaohe/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema';
import { applyYearMapping } from '../src/services/multiyear/year-mapping';
import { createHarness, type Harness, type Session } from './harness';

/**
 * Multi-year on seed data: examples/jiaxian-2020 (seed 001, 佳县 2020, 11 units) scored with its
 * facts, copied to 2021 with a mapping — 科技工作 renamed, 林业 and 水利 merged, 脱贫攻坚 split in
 * two, 文旅工作 removed — scored again with the same facts, and 螅镇 compared across the years.
 */
const example = join(import.meta.dirname, '..', '..', '..', 'examples', 'jiaxian-2020');
type Doc = { units: { code: string; name: string }[]; indicators: unknown[] };
const doc = parseYamlOrJson(readFileSync(join(example, 'scheme.yaml'), 'utf8'), 'scheme.yaml').value as Doc;
const rawFacts = (parseYamlOrJson(readFileSync(join(example, 'facts.yaml'), 'utf8'), 'facts.yaml').value as { facts: Record<string, unknown>[] }).facts;
const codeOf = new Map(doc.units.map((u) => [u.name, u.code]));
const factsFor = (skip: Set<string>) =>
  rawFacts.filter((f) => !skip.has(String(f['ref']))).map((f, i) => ({ ...f, id: `f${i + 1}`, unit: codeOf.get(String(f['unit'])) ?? f['unit'] }));

const mapping = [
  { from: 'KJ', to: 'KJCX', kind: 'changed', title: '科技创新工作' },
  { from: 'LY', to: 'LYSL', kind: 'merged', title: '林业水利工作' },
  { from: 'SL', to: 'LYSL', kind: 'merged' },
  { from: 'TP', to: 'TP.GG', kind: 'split', title: '巩固拓展脱贫攻坚成果', points: '3' },
  { from: 'TP', to: 'TP.XJ', kind: 'split', title: '同乡村振兴有效衔接', points: '2' },
  { from: 'MS.WL', kind: 'removed' },
];

let h: Harness;
let kpb: Session;
let y2020 = '';
let y2021 = '';
let xie = '';

async function scheme(assessment: string, document: unknown): Promise<void> {
  const s = await kpb.request('POST', `/api/assessments/${assessment}/schemes`, { document });
  expect(s.statusCode, s.body).toBe(200);
  const p = await kpb.request('POST', `/api/schemes/${(s.json() as { id: string }).id}/publish`);
  expect(p.statusCode, p.body).toBe(200);
}
async function importAndScore(assessment: string, facts: unknown[], key: string): Promise<void> {
  const r = await kpb.request('POST', `/api/assessments/${assessment}/facts/import`, { clientKey: key, facts });
  expect(r.statusCode, r.body).toBe(200);
  const c = await kpb.request('POST', `/api/assessments/${assessment}/recompute`);
  expect(c.statusCode, c.body).toBe(200);
}

beforeAll(async () => {
  h = await createHarness();
  kpb = await h.login('kpb');
  const now = h.clock.now();
  const rows = await h.ctx.db.insert(units).values(doc.units.map((u) => ({ organisationId: h.ids.organisationId, code: u.code, name: u.name, createdAt: now }))).returning({ id: units.id, code: units.code });
  xie = rows.find((r) => r.code === codeOf.get('螅镇'))!.id;
  y2020 = ((await kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2020, name: '2020 年度目标责任考核' })).json() as { id: string }).id;
  await scheme(y2020, doc);
  await importAndScore(y2020, factsFor(new Set()), 'year-2020-facts');
}, 180_000);
afterAll(async () => h?.close());

describe('applyYearMapping', () => {
  it('renames, merges, splits and removes indicators, and lists what the office must still do', () => {
    const { document, todo } = applyYearMapping(doc, mapping as never, 2021);
    const xc = (document.indicators as { code: string; children?: { code: string; title: string; points?: string; clauses?: { code: string }[] }[] }[]).find((n) => n.code === 'XCZX')!;
    expect(xc.children!.map((c) => `${c.code} ${c.title} ${c.points}`)).toEqual(['NY 农业农村工作 5', 'LYSL 林业水利工作 10', 'KJCX 科技创新工作 5']);
    expect(document.year).toBe(2021);
    expect(todo).toEqual(['拆分出的指标 TP.XJ（同乡村振兴有效衔接）暂无评分细则，按考核部门评分计：请补充细则', '指标 MS.WL（文旅工作）已删除：请核对其上级指标的分值']);
    // the target cascade on 林业 follows it into the merged item
    expect((document['cascades'] as { indicator: string }[]).map((c) => c.indicator)).toContain('LYSL');
    expect(() => applyYearMapping(doc, [{ from: 'NOPE', to: 'X', kind: 'changed' }], 2021)).toThrow('对应关系第 1 行：本年方案中没有指标“NOPE”');
    expect(() => applyYearMapping(doc, [{ from: 'KJ', to: 'NY', kind: 'changed' }], 2021)).toThrow('新指标编码“NY”已被本年方案中的另一个指标使用');
  });
});

describe('copy to the next year and compare', () => {
  it('copies the scheme with the mapping into a draft of a new assessment', async () => {
    const res = await kpb.request('POST', `/api/assessments/${y2020}/copy-to-next-year`, { name: '2021 年度目标责任考核', mapping });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { assessment: { id: string; year: number }; scheme: { status: string }; mapped: number; todo: string[] };
    expect([r.assessment.year, r.scheme.status, r.todo.length]).toEqual([2021, 'draft', 2]);
    y2021 = r.assessment.id;
    const again = await kpb.request('POST', `/api/assessments/${y2020}/copy-to-next-year`, { name: '2021 年度目标责任考核', mapping });
    expect(again.statusCode).toBe(409);
  });

  it('compares a unit across the years on the mapped indicators', async () => {
    const drafts = (await kpb.request('GET', `/api/assessments/${y2021}/schemes`)).json() as { id: string; status: string }[];
    expect((await kpb.request('POST', `/api/schemes/${drafts[0]!.id}/publish`)).statusCode).toBe(200);
    // the same facts, minus 文旅工作's (removed), plus the assessor's 2 points for the new TP.XJ
    const facts = [...factsFor(new Set(['MS.WL.c'])), { id: 'tpxj', unit: codeOf.get('螅镇'), ref: 'TP.XJ', type: 'judgement', amount: '2', reason: '衔接工作完成' }];
    await importAndScore(y2021, facts, 'year-2021-facts');
    const res = await kpb.request('GET', `/api/assessments/${y2021}/compare-years?with=${y2020}&unitId=${xie}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as { years: number[]; totals: { total: string }[]; indicators: { kind: string; from: string[]; to: string[]; before: string | null; after: string | null; delta: string | null }[] };
    expect(c.years).toEqual([2020, 2021]);
    const row = (kind: string, from: string) => c.indicators.find((i) => i.kind === kind && i.from.includes(from))!;
    // 科技工作 done (flag true) both years: 5 → 5
    expect(row('changed', 'KJ')).toMatchObject({ to: ['KJCX'], before: '5', after: '5', delta: '0' });
    // 林业 + 水利 in 2020 against 林业水利 in 2021, from the same figures
    const merged = row('merged', 'LY');
    expect(merged.from.sort()).toEqual(['LY', 'SL']);
    expect(merged.after).toBe(merged.before);
    // 脱贫攻坚 5 (done) against 巩固 3 (done, capped at its 3 points) + 衔接 2 (judged)
    expect(row('split', 'TP')).toMatchObject({ to: ['TP.GG', 'TP.XJ'], before: '5', after: '5', delta: '0' });
    // 文旅工作 5 (done) in 2020, gone in 2021
    expect(row('removed', 'MS.WL')).toMatchObject({ before: '5', after: null, delta: null });
    // 民生保障 keeps its 35 points in the draft while its children now total 30 (the todo asks the office
    // to check): 螅镇's 98 in 2020 becomes 98 − 5 (文旅工作) = 93, everything else scoring the same
    expect(row('kept', 'MS')).toMatchObject({ to: ['MS'], delta: '-5' });
    expect(c.totals.map((t) => t.total)).toEqual(['98', '93']);
  });
});
