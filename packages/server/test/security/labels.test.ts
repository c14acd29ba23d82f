import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, securityLabels } from '../../src/db/schema';
import { createHarness, type Harness, schemeFixture, type Session } from '../harness';
import { publishThroughPublicity } from '../publish-helper';
import { seedWork } from '../world-data';

/**
 * Sensitivity labels (compliance row 15): each kind of object refused (403 naming the label) and
 * left out of its list for a user without clearance, readable by the 考评办, relabelling audited.
 */
let h: Harness;
let publicationId = '';
const s: Record<string, Session> = {};
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  const kpb = await h.login('kpb');
  const published = await publishThroughPublicity(h, kpb, h.ids.assessmentId);
  expect(published.statusCode, published.body).toBe(200);
  publicationId = (published.json() as { id: string }).id;
  for (const login of ['kpb', 'rep1', 'lead1', 'leader1', 'secadmin']) s[login] = await h.login(login);
});
afterAll(async () => {
  await h?.close();
});

const a = () => h.ids.assessmentId;
const setLabel = (who: string, objectType: string, objectId: string, label: string) => s[who]!.request('PUT', '/api/security/labels', { objectType, objectId, label });
const refusedWith = (res: { statusCode: number; json: () => unknown }, label: string) => {
  expect(res.statusCode).toBe(403);
  expect((res.json() as { error: { message: string } }).error.message).toContain(`密级为“${label}”`);
};

describe('sensitivity labels on schemes', () => {
  it('a draft scheme version is 草稿: a unit user gets 403 and does not see it in the list; the 考评办 does; 内部 opens it', async () => {
    const created = await s.kpb!.request('POST', `/api/assessments/${a()}/schemes`, { document: schemeFixture });
    expect(created.statusCode, created.body).toBe(200);
    const draft = created.json() as { id: string; status: string };
    expect(draft.status).toBe('draft');
    refusedWith(await s.rep1!.request('GET', `/api/schemes/${draft.id}`), '草稿');
    const repList = (await s.rep1!.request('GET', `/api/assessments/${a()}/schemes`)).json() as { id: string }[];
    expect(repList.map((r) => r.id)).not.toContain(draft.id);
    expect((await s.kpb!.request('GET', `/api/schemes/${draft.id}`)).statusCode).toBe(200);
    const kpbList = (await s.kpb!.request('GET', `/api/assessments/${a()}/schemes`)).json() as { id: string }[];
    expect(kpbList.map((r) => r.id)).toContain(draft.id);
    expect((await setLabel('kpb', 'scheme', draft.id, 'internal')).statusCode).toBe(200);
    expect((await s.rep1!.request('GET', `/api/schemes/${draft.id}`)).statusCode).toBe(200);
    expect(((await s.rep1!.request('GET', `/api/assessments/${a()}/schemes`)).json() as { id: string }[]).map((r) => r.id)).toContain(draft.id);
  });
});

describe('sensitivity labels on results', () => {
  it('current results labelled 草稿: unit and leader get 403 on the unit result and an empty ranking; the 考评办 reads both', async () => {
    const { U1 } = h.ids.units;
    expect(((await s.rep1!.request('GET', `/api/assessments/${a()}/results`)).json() as unknown[]).length).toBeGreaterThan(0);
    expect((await setLabel('kpb', 'results', a(), 'draft')).statusCode).toBe(200);
    const [judgement] = (await s.kpb!.request('GET', `/api/assessments/${a()}/judgements?unitId=${U1}`)).json() as { id: string }[];
    refusedWith(await s.rep1!.request('GET', `/api/judgements/${judgement!.id}/effect`), '草稿');
    expect((await s.kpb!.request('GET', `/api/judgements/${judgement!.id}/effect`)).statusCode).toBe(200);
    for (const who of ['rep1', 'leader1']) {
      refusedWith(await s[who]!.request('GET', `/api/assessments/${a()}/results/${U1}`), '草稿');
      const list = await s[who]!.request('GET', `/api/assessments/${a()}/results`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual([]);
    }
    expect((await s.kpb!.request('GET', `/api/assessments/${a()}/results/${U1}`)).statusCode).toBe(200);
    expect(((await s.kpb!.request('GET', `/api/assessments/${a()}/results`)).json() as unknown[]).length).toBe(2);
    const xlsx = await s.kpb!.request('GET', `/api/assessments/${a()}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect((await setLabel('kpb', 'results', a(), 'internal')).statusCode).toBe(200);
    expect((await s.rep1!.request('GET', `/api/assessments/${a()}/results/${U1}`)).statusCode).toBe(200);
    expect((await s.rep1!.request('GET', `/api/judgements/${judgement!.id}/effect`)).statusCode).toBe(200);
  });
});

describe('sensitivity labels on evidence', () => {
  it('evidence labelled 草稿: the lead assessor gets 403 on download and does not see it in the list; the uploader and the 考评办 do', async () => {
    const { U1 } = h.ids.units;
    const all = (await s.kpb!.request('GET', `/api/assessments/${a()}/evidence`)).json() as { id: string; unitId: string }[];
    const file = all.find((e) => e.unitId === U1)!;
    expect(file).toBeDefined();
    const leadBefore = (await s.lead1!.request('GET', `/api/assessments/${a()}/evidence`)).json() as { id: string }[];
    expect(leadBefore.map((e) => e.id)).toContain(file.id);
    expect((await s.lead1!.request('GET', `/api/evidence/${file.id}`)).statusCode).toBe(200);
    expect((await setLabel('kpb', 'evidence', file.id, 'draft')).statusCode).toBe(200);
    refusedWith(await s.lead1!.request('GET', `/api/evidence/${file.id}`), '草稿');
    const leadAfter = (await s.lead1!.request('GET', `/api/assessments/${a()}/evidence`)).json() as { id: string }[];
    expect(leadAfter.map((e) => e.id)).not.toContain(file.id);
    expect(leadAfter.length).toBe(leadBefore.length - 1);
    type Queue = { items: { report: { unitId: string }; evidence: { id: string }[] }[] };
    const queueFiles = async (who: string) => ((await s[who]!.request('GET', `/api/assessments/${a()}/verification-queue?unitId=${U1}`)).json() as Queue).items.flatMap((i) => i.evidence.map((e) => e.id));
    expect(await queueFiles('kpb')).toContain(file.id);
    expect(await queueFiles('lead1')).not.toContain(file.id);
    expect((await s.kpb!.request('GET', `/api/evidence/${file.id}`)).statusCode).toBe(200);
    expect((await s.rep1!.request('GET', `/api/evidence/${file.id}`)).statusCode).toBe(200);
    expect(((await s.rep1!.request('GET', `/api/assessments/${a()}/evidence`)).json() as { id: string }[]).map((e) => e.id)).toContain(file.id);
  });
});

describe('sensitivity labels on publications', () => {
  it('a publication is 公开: a unit user and the public route read it', async () => {
    expect((await s.rep1!.request('GET', `/api/publications/${publicationId}/results`)).statusCode).toBe(200);
    expect((await s.rep1!.request('GET', `/api/publications/${publicationId}/results.xlsx`)).statusCode).toBe(200);
    const anon = await h.app.inject({ method: 'GET', url: `/api/public/assessments/${a()}/results` });
    expect(anon.statusCode).toBe(200);
    const listed = (await h.app.inject({ method: 'GET', url: '/api/public/assessments' })).json() as { id: string }[];
    expect(listed.map((x) => x.id)).toContain(a());
  });

  it('a publication relabelled 内部 leaves the public route; relabelled 草稿 a unit user gets 403 on read and export and does not see it in the list; the 考评办 exports it', async () => {
    expect((await setLabel('kpb', 'publication', publicationId, 'internal')).statusCode).toBe(200);
    refusedWith(await h.app.inject({ method: 'GET', url: `/api/public/assessments/${a()}/results` }), '内部');
    const listed = (await h.app.inject({ method: 'GET', url: '/api/public/assessments' })).json() as { id: string }[];
    expect(listed.map((x) => x.id)).not.toContain(a());
    expect((await s.rep1!.request('GET', `/api/publications/${publicationId}/results.xlsx`)).statusCode).toBe(200);

    expect((await setLabel('kpb', 'publication', publicationId, 'draft')).statusCode).toBe(200);
    refusedWith(await s.rep1!.request('GET', `/api/publications/${publicationId}/results.xlsx`), '草稿');
    refusedWith(await s.rep1!.request('GET', `/api/publications/${publicationId}/results`), '草稿');
    refusedWith(await s.leader1!.request('GET', `/api/publications/${publicationId}/results.xlsx`), '草稿');
    const repList = await s.rep1!.request('GET', `/api/assessments/${a()}/publications`);
    expect(repList.statusCode).toBe(200);
    expect((repList.json() as { id: string }[]).map((p) => p.id)).not.toContain(publicationId);
    expect((await s.kpb!.request('GET', `/api/publications/${publicationId}/results.xlsx`)).statusCode).toBe(200);
    expect((await s.kpb!.request('GET', `/api/publications/${publicationId}/tongbao.docx?docNumber=${encodeURIComponent('测考发〔2027〕1号')}&date=2027-01-15`)).statusCode).toBe(200);
    expect(((await s.kpb!.request('GET', `/api/assessments/${a()}/publications`)).json() as { id: string }[]).map((p) => p.id)).toContain(publicationId);
    expect((await setLabel('kpb', 'publication', publicationId, 'public')).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/api/public/assessments/${a()}/results` })).statusCode).toBe(200);
  });
});

describe('setting labels', () => {
  it('relabelling is audited with the label before and after, refusals are audited, and only the 考评办 may relabel', async () => {
    expect((await setLabel('kpb', 'publication', publicationId, 'internal')).statusCode).toBe(200);
    const [row] = await h.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'label.set'), eq(auditLog.objectId, publicationId)))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(row).toMatchObject({ objectType: 'publication', outcome: 'success', actorLogin: 'kpb' });
    expect(row!.before).toEqual({ label: 'public' });
    expect(row!.after).toEqual({ label: 'internal' });
    const [stored] = await h.ctx.db.select().from(securityLabels).where(and(eq(securityLabels.objectType, 'publication'), eq(securityLabels.objectId, publicationId)));
    expect(stored).toMatchObject({ label: 'internal', setBy: h.ids.users.kpb });

    const denied = await h.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.outcome, 'denied')));
    expect(denied.some((d) => String((d.after as { message?: string }).message).includes('密级为“草稿”'))).toBe(true);

    for (const who of ['rep1', 'secadmin']) expect((await setLabel(who, 'publication', publicationId, 'public')).statusCode).toBe(403);
    const bad = await setLabel('kpb', 'evidence', '00000000-0000-4000-8000-000000000000', 'public');
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.message).toMatch(/佐证材料不存在/);
    const wrongLabel = await setLabel('kpb', 'scheme', h.ids.schemeId, 'secret');
    expect(wrongLabel.statusCode).toBe(400);
    expect(wrongLabel.json().error.message).toMatch(/草稿/);
  });
});

describe('reading labels', () => {
  it('shows the label in force: the default until one is set (isDefault), then the set one with its time; 404 for an unknown object, 400 for a bad kind, no administrator', async () => {
    const getLabel = (who: string, objectType: string, objectId: string) => s[who]!.request('GET', `/api/security/labels?objectType=${objectType}&objectId=${objectId}`);
    const published = await getLabel('rep1', 'scheme', h.ids.schemeId);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ objectType: 'scheme', objectId: h.ids.schemeId, isDefault: true, setAt: null });
    expect(['internal', 'draft']).toContain(published.json().label);
    expect((await setLabel('kpb', 'results', a(), 'public')).statusCode).toBe(200);
    const results = (await getLabel('leader1', 'results', a())).json();
    expect(results).toMatchObject({ label: 'public', labelName: '公开', isDefault: false });
    expect(typeof results.setAt).toBe('string');
    expect((await setLabel('kpb', 'results', a(), 'internal')).statusCode).toBe(200);
    expect((await getLabel('kpb', 'results', a())).json()).toMatchObject({ label: 'internal', labelName: '内部', isDefault: false });
    const missing = await getLabel('kpb', 'evidence', '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/佐证材料不存在/);
    expect((await getLabel('kpb', 'nothing', a())).statusCode).toBe(400);
    expect((await getLabel('secadmin', 'results', a())).statusCode).toBe(403);
  });
});
