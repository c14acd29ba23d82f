import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { schemeUploadApi } from '@kaohe/contract/api/scheme-upload';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments } from '../src/db/schema';
import { createHarness, type Harness, type Session } from './harness';
import { multipart } from './multipart';
import { uniq } from './world-data';

const seed000 = { name: '000_a59af3f7f36b9ebf.txt', content: readFileSync(join(import.meta.dirname, '..', '..', 'office', 'test', 'fixtures', 'seeds', '000_a59af3f7f36b9ebf.txt')) };

let h: Harness;
let kpb: Session;
let schemeId = '';
let uploadId = '';
beforeAll(async () => {
  h = await createHarness({ JOB_POLL_MS: '0' });
  kpb = await h.login('kpb');
  const [a] = await h.ctx.db.insert(assessments).values({ organisationId: h.ids.organisationId, year: 2020, name: '2020 年度党的建设清单考核', createdAt: h.clock.now() }).returning();
  const body = multipart({ clientKey: uniq('upload') }, seed000);
  const res = await kpb.request('POST', `/api/assessments/${a!.id}/scheme-uploads`, body.payload, body.headers);
  expect(res.statusCode, res.body).toBe(202);
  await h.app.jobRunner.drain();
  uploadId = (res.json() as { id: string }).id;
  const done = (await kpb.request('GET', `/api/scheme-uploads/${uploadId}`)).json() as { schemeId: string };
  schemeId = done.schemeId;
});
afterAll(async () => {
  await h?.close();
});

describe('scheme editor routes', () => {
  it('returns the indicator tree, parents first, each clause with its rule in Chinese', async () => {
    const res = await kpb.request('GET', `/api/schemes/${schemeId}/tree`);
    expect(res.statusCode, res.body).toBe(200);
    const tree = schemeEditorApi.tree.response.parse(res.json());
    expect(tree.nodes.length).toBeGreaterThan(5);
    const codes = tree.nodes.map((n) => n.code);
    for (const n of tree.nodes) if (n.parent) expect(codes.indexOf(n.parent)).toBeLessThan(codes.indexOf(n.code));
    const clauses = tree.nodes.flatMap((n) => n.clauses);
    expect(clauses.length).toBeGreaterThan(10);
    for (const c of clauses) expect(c.ruleText).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('tries a per-occurrence clause on typed facts through the engine, and names a bad fact field', async () => {
    const tree = schemeEditorApi.tree.response.parse((await kpb.request('GET', `/api/schemes/${schemeId}/tree`)).json());
    const target = tree.nodes.flatMap((n) => n.clauses).find((c) => c.ruleKind === 'per-occurrence' && c.rule.effect === 'deduction' && typeof c.rule.amount !== 'undefined' && !c.rule.tiers && !c.rule.per);
    expect(target, 'seed 000 has a per-occurrence deduction').toBeDefined();
    const amount = String(target!.rule.amount);
    const res = await kpb.request('POST', `/api/schemes/${schemeId}/clauses/${encodeURIComponent(target!.code)}/try`, { facts: [{ type: 'occurrence' }, { type: 'occurrence' }] });
    expect(res.statusCode, res.body).toBe(200);
    const tried = schemeEditorApi.tryClause.response.parse(res.json());
    // two occurrences at the clause's amount each (unless its cap is lower)
    const twice = (Number(amount) * 2).toFixed(6);
    const cap = target!.rule.cap === undefined ? Infinity : Number(target!.rule.cap);
    expect(Number(tried.deduction)).toBeCloseTo(Math.min(Number(twice), cap), 6);
    expect(tried.lines.length).toBeGreaterThan(0);
    expect(tried.unitName).toBe('试算单位（方案中尚无单位）'); // seed 000 names no units
    const bad = await kpb.request('POST', `/api/schemes/${schemeId}/clauses/${encodeURIComponent(target!.code)}/try`, { facts: [{ type: 'occurrence', count: -1 }] });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toMatch(/^body\.facts\.0/);
  });

  it('gives each needs-review clause of the upload the phrases the import could not read, its suggestion and source line', async () => {
    const view = schemeUploadApi.get.response.parse((await kpb.request('GET', `/api/scheme-uploads/${uploadId}`)).json());
    const first = view.needsReview.find((c) => c.code === '1.1.1.5.1')!;
    // 000: 根据《“三服务”工作考核细则》折算扣分。 — the whole sentence unread, a reading proposed
    expect(first.unread).toEqual(['根据《“三服务”工作考核细则》折算扣分。']);
    expect(first.suggestion).toMatch(/^计分依据另一份文件/);
    expect(first.source).toMatch(/^000_a59af3f7f36b9ebf\.txt:\d+$/);
    expect(view.needsReview.every((c) => Array.isArray(c.unread))).toBe(true);
  });

  it('refuses an unknown clause in Chinese', async () => {
    const res = await kpb.request('POST', `/api/schemes/${schemeId}/clauses/nope/try`, { facts: [] });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { message: '方案中没有条款“nope”' } });
  });

  it('lists the responsibility matrix and exports it as .xlsx', async () => {
    const res = await kpb.request('GET', `/api/schemes/${schemeId}/responsibility`);
    expect(res.statusCode, res.body).toBe(200);
    const view = schemeEditorApi.responsibility.response.parse(res.json());
    expect(view.rows.length).toBeGreaterThan(10);
    const file = await kpb.request('GET', `/api/schemes/${schemeId}/export?as=xlsx&layout=responsibility`);
    expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // A draft scheme's export is marked 草稿 (its security label), in A1 above the title.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('标识：草稿');
  });
});
