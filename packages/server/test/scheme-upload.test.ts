import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, auditLog, units } from '../src/db/schema';
import { createHarness, type Harness, type Session } from './harness';
import { multipart } from './multipart';
import { uniq } from './world-data';

/** Seeds committed by the office package (our own documents, transcribed). */
const seedFile = (name: '000' | '001' | '004') => {
  const files = { '000': '000_a59af3f7f36b9ebf.txt', '001': '001_c9fa6fd301574412.txt', '004': '004_011aa5988ef2c423.txt' };
  return { name: files[name], content: readFileSync(join(import.meta.dirname, '..', '..', 'office', 'test', 'fixtures', 'seeds', files[name])) };
};

type UploadView = { id: string; job: { id: string; status: string; progress: number; stage: string | null; error: string | null; statusName: string }; schemeId: string | null; schemeVersion: number | null; needsReview: { code: string; reason: string }[]; coverage: string | null; units: string[] };

let h: Harness;
let kpb: Session;
let assessmentId = '';
beforeAll(async () => {
  h = await createHarness({ JOB_POLL_MS: '0' });
  kpb = await h.login('kpb');
  // a fresh assessment year of the same organisation, with no scheme yet
  const [a] = await h.ctx.db.insert(assessments).values({ organisationId: h.ids.organisationId, year: 2020, name: '2020 年度目标责任考核', createdAt: h.clock.now() }).returning();
  assessmentId = a!.id;
});
afterAll(async () => {
  await h?.close();
});

async function upload(file: { name: string; content: Buffer }, clientKey = uniq('upload')): Promise<UploadView> {
  const body = multipart({ clientKey }, file);
  const res = await kpb.request('POST', `/api/assessments/${assessmentId}/scheme-uploads`, body.payload, body.headers);
  expect(res.statusCode, res.body).toBe(202);
  const view = res.json() as UploadView;
  expect(['queued', 'running']).toContain(view.job.status);
  await h.app.jobRunner.drain();
  const done = await kpb.request('GET', `/api/scheme-uploads/${view.id}`);
  return done.json() as UploadView;
}

describe('scheme upload', () => {
  let draft: UploadView;
  it('imports a .txt scheme in a background job into a draft version listing its needs-review clauses', async () => {
    draft = await upload(seedFile('000'));
    expect(draft.job).toMatchObject({ status: 'succeeded', statusName: '已完成', progress: 100 });
    expect(draft.schemeVersion).toBe(1);
    expect(draft.coverage).toBe('评分条款 204 条：已编译 185 条（90.7%），待复核 19 条');
    // the report counts 19 source clauses; some of them gave several rules (-a, -b), 24 clauses in all
    // (the compiler sends to review every sentence it does not read in full: 000:843, 850, 920, 1016, 1050;
    // 591, two rules, compiles since 超 50%，未达标 is read)
    expect(draft.needsReview).toHaveLength(24);
    expect(draft.needsReview[0]).toMatchObject({ code: '1.1.1.5.1', reason: '折算方法见另一细则《“三服务”工作考核细则》，未给出公式' });
    const job = (await kpb.request('GET', `/api/jobs/${draft.job.id}`)).json() as { status: string; result: { schemeId: string } };
    expect(job.result.schemeId).toBe(draft.schemeId);
  });

  it('refuses to publish while clauses need review, naming them', async () => {
    const res = await kpb.request('POST', `/api/schemes/${draft.schemeId}/publish`);
    expect(res.statusCode).toBe(409);
    const error = (res.json() as { error: { message: string; issues: { path: string; message: string }[] } }).error;
    expect(error.message).toMatch(/^不能发布方案第 1 版：仍有 24 条条款待复核（1\.1\.1\.5\.1、/);
    expect(error.issues.map((i) => i.path)).toEqual(draft.needsReview.map((c) => `clauses.${c.code}`));
    expect(error.issues[0]!.message).toBe('待复核：折算方法见另一细则《“三服务”工作考核细则》，未给出公式');
  });

  it('resolves clauses by a new rule or a confirmed reading, each audited with before and after, then publishes', async () => {
    const [first, ...rest] = draft.needsReview;
    const bad = await kpb.request('POST', `/api/schemes/${draft.schemeId}/clauses/${first!.code}/review`, { action: 'edit-rule', rule: { kind: 'no-such-rule' }, note: '按三服务细则' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(/方案文件有误/);
    const edit = await kpb.request('POST', `/api/schemes/${draft.schemeId}/clauses/${first!.code}/review`, {
      action: 'edit-rule',
      rule: { kind: 'discretionary', effect: 'deduction', min: '0', max: '1' },
      note: '按《“三服务”工作考核细则》由牵头部门酌情扣分，最多 1 分',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ action: 'edit-rule', remaining: 23 });
    for (const c of rest) {
      const res = await kpb.request('POST', `/api/schemes/${draft.schemeId}/clauses/${c.code}/review`, { action: 'confirm', note: '由牵头部门评判' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const records = await h.ctx.db.select().from(auditLog).where(like(auditLog.action, 'scheme.clause-%'));
    expect(records).toHaveLength(24);
    const editRecord = records.find((r) => r.action === 'scheme.clause-edit-rule')!;
    expect((editRecord.before as { rule: { kind: string } }).rule.kind).toBe('manual');
    expect((editRecord.after as { clause: { rule: { kind: string } }; note: string }).clause.rule.kind).toBe('discretionary');
    const published = await kpb.request('POST', `/api/schemes/${draft.schemeId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
  });

  it('refuses other file types and bad files with a message naming the file; a clientKey replays', async () => {
    const body = multipart({ clientKey: uniq('upload') }, { name: '方案.pdf', content: Buffer.from('%PDF-1.4') });
    const res = await kpb.request('POST', `/api/assessments/${assessmentId}/scheme-uploads`, body.payload, body.headers);
    expect(res.statusCode).toBe(415);
    expect((res.json() as { error: { message: string } }).error.message).toBe('文件 方案.pdf：方案只能上传 .docx、.xlsx、.doc 或 .txt 文件');
    const broken = await upload({ name: '坏文件.docx', content: Buffer.from('这不是 Word 文件') });
    expect(broken.job.status).toBe('failed');
    expect(broken.job.error).toMatch(/坏文件\.docx/);
    const key = uniq('upload');
    const a = await upload(seedFile('004'), key);
    const again = multipart({ clientKey: key }, seedFile('004'));
    const replay = await kpb.request('POST', `/api/assessments/${assessmentId}/scheme-uploads`, again.payload, again.headers);
    expect(replay.statusCode).toBe(200);
    expect((replay.json() as { id: string; replayed: boolean })).toMatchObject({ id: a.id, replayed: true });
  });
});

describe('units from the scheme', () => {
  let draft: UploadView;
  it('publishing 001 before its units exist is refused, naming them', async () => {
    draft = await upload(seedFile('001'));
    expect(draft.job.status).toBe('succeeded');
    expect(draft.units).toHaveLength(87);
    const res = await kpb.request('POST', `/api/schemes/${draft.schemeId}/publish`);
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/^不能发布方案第 \d+ 版：方案中的 87 个单位在系统中不存在（螅镇、坑镇、店镇/);
  });

  it('matches the demo’s pinyin-coded 螅镇 by name instead of creating a second one, and creates the rest in one call', async () => {
    const now = h.clock.now();
    await h.ctx.db.insert(units).values({ organisationId: h.ids.organisationId, code: 'xizhen', name: '螅镇', createdAt: now });
    const preview = await kpb.request('POST', `/api/schemes/${draft.schemeId}/units`, { dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as { applied: boolean; matched: { schemeName: string; unitCode: string; by: string }[]; created: unknown[]; ambiguous: unknown[] };
    expect(p.applied).toBe(false);
    // 县委组织部 is already in the test world (code LA1)
    expect(p.matched).toEqual([expect.objectContaining({ schemeName: '螅镇', unitCode: 'xizhen', by: 'name' }), expect.objectContaining({ schemeName: '县委组织部', unitCode: 'LA1', by: 'name' })]);
    expect(p.created).toHaveLength(85);
    expect(p.ambiguous).toEqual([]);
    expect(await h.ctx.db.select().from(units).where(eq(units.organisationId, h.ids.organisationId))).toHaveLength(5);

    const applied = (await kpb.request('POST', `/api/schemes/${draft.schemeId}/units`, {})).json() as { applied: boolean; recoded: number; created: { schemeName: string; category: string }[] };
    expect(applied).toMatchObject({ applied: true, recoded: 2 });
    expect(applied.created.find((c) => c.schemeName === '坑镇')!.category).toBe('镇（办、中心）');
    const xizhen = await h.ctx.db.select().from(units).where(and(eq(units.organisationId, h.ids.organisationId), eq(units.name, '螅镇')));
    expect(xizhen.map((u) => u.code)).toEqual(['xizhen']);
    const scheme = (await kpb.request('GET', `/api/schemes/${draft.schemeId}`)).json() as { document: { units: { code: string; name: string; aliases?: string[] }[] } };
    expect(scheme.document.units[0]).toEqual({ code: 'xizhen', name: '螅镇', category: '镇（办、中心）', aliases: ['螅镇'] });
    const published = await kpb.request('POST', `/api/schemes/${draft.schemeId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    // a second call matches every unit and creates nothing
    const again = await upload(seedFile('001'));
    const second = (await kpb.request('POST', `/api/schemes/${again.schemeId}/units`, {})).json() as { matched: unknown[]; created: unknown[] };
    expect(second.matched).toHaveLength(87);
    expect(second.created).toHaveLength(0);
  });

  it('reports an ambiguous unit with its candidates and writes nothing until a person resolves it', async () => {
    const [a] = await h.ctx.db.insert(assessments).values({ organisationId: h.ids.organisationId, year: 2021, name: uniq('考核'), createdAt: h.clock.now() }).returning();
    const previous = assessmentId;
    assessmentId = a!.id;
    try {
      // 甲镇 (U1) now also bears the alias 佳州街道办: the scheme's 佳州街道办 matches it and the existing unit of that name
      await h.ctx.db.insert((await import('../src/db/schema')).unitAliases).values({ organisationId: h.ids.organisationId, alias: '佳州街道办', unitId: h.ids.units.U1, createdAt: h.clock.now() });
      const d = await upload(seedFile('001'));
      const before = (await h.ctx.db.select().from(units)).length;
      const raw = await kpb.request('POST', `/api/schemes/${d.schemeId}/units`, {});
      const res = raw.json() as { applied: boolean; ambiguous: { schemeName: string; reason: string; candidates: { unitCode: string; by: string }[] }[] };
      expect(res.ambiguous, raw.body.slice(0, 2000)).toHaveLength(1);
      expect(res.applied).toBe(false);
      expect(res.ambiguous[0]!.schemeName).toBe('佳州街道办');
      expect(res.ambiguous[0]!.reason).toBe('“佳州街道办”与 2 个已有单位相符');
      expect(res.ambiguous[0]!.candidates.map((c) => `${c.unitCode}:${c.by}`).sort()).toEqual(['U1:alias', '佳州街道办:code']);
      expect((await h.ctx.db.select().from(units)).length).toBe(before);
      const target = res.ambiguous[0]!.candidates.find((c) => c.by === 'code')!;
      const resolved = (await kpb.request('POST', `/api/schemes/${d.schemeId}/units`, { resolutions: { 佳州街道办: (await h.ctx.db.select().from(units).where(eq(units.code, target.unitCode)))[0]!.id } })).json() as { applied: boolean; matched: { by: string }[] };
      expect(resolved.applied).toBe(true);
      expect(resolved.matched.filter((m) => m.by === 'resolution')).toHaveLength(1);
    } finally {
      assessmentId = previous;
    }
  });
});
