import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYamlOrJson } from '@kaohe/contract';
import { decompositionProgress, decompositionResult } from '@kaohe/contract/api/decomposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseParticipants, units } from '../src/db/schema';
import { cliActor, createAccount, grantBusinessRole } from '../src/services/account.service';
import { createHarness, type Harness, password, type Session } from './harness';
import { uniq } from './world-data';

/**
 * Seed 000 (嘉兴市文化广电旅游局 2020 任务分解): the bureau's clauses carry 牵头领导 and 责任处室
 * (column 牵头领导/责任处室). One call decomposes the bureau to its divisions; a division reports
 * its own clauses for the bureau, the 牵头领导 sees the progress per division, the clause's lead
 * department verifies or returns, and the bureau's result rolls up from the verified reports.
 * The document's own lines checked here:
 * - 000:46 牵头领导：张硕 / 责任处室：办公室 for 1.1.1.1 (its clause 1.1.1.1.1 at 000:48, 扣 1 分),
 *   考核牵头部门 市委办公室 / 市政府办公室 (000:44);
 * - 000:131–132 牵头领导:钱永忠 / 责任处室：办公室、机关党委（机关纪委） for 三、加强巡察工作 (1.2.1.3).
 */
const repo = join(import.meta.dirname, '..', '..', '..');
const seed = join(repo, 'packages', 'office', 'test', 'fixtures', 'seeds', '000_a59af3f7f36b9ebf.txt');
const work = mkdtempSync(join(tmpdir(), 'kaohe-000-'));
const bureauName = '市文化广电旅游局';
let h: Harness;
let kpb: Session;
let a = '';
let schemeId = '';
let bureau = '';
const unitIds = new Map<string, string>();
type Res = { statusCode: number; json: () => unknown; body: string };
const ok = async <T = Record<string, unknown>>(p: Promise<Res>) => {
  const res = await p;
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
};

beforeAll(async () => {
  const out = join(work, '000.yaml');
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'packages', 'cli', 'src', 'main.ts'), 'import', seed, '-o', out], { encoding: 'utf8', timeout: 180_000 });
  if (res.status !== 0) throw new Error(`kaohe import failed: ${res.stdout}${res.stderr}`);
  const doc = parseYamlOrJson(readFileSync(out, 'utf8'), '000.yaml').value as Record<string, unknown>;
  // the document decomposes one bureau's list: the bureau is its one assessed unit
  doc.unitCategories = [{ code: 'bureau', name: '市级机关部门' }];
  doc.units = [{ code: bureauName, name: bureauName, category: 'bureau' }];
  h = await createHarness();
  kpb = await h.login('kpb');
  const now = h.clock.now();
  const rows = await h.ctx.db
    .insert(units)
    .values([bureauName, '市委办公室', '市政府办公室'].map((code, i) => ({ organisationId: h.ids.organisationId, code, name: code, isAssessed: i === 0, createdAt: now })))
    .returning({ id: units.id, code: units.code });
  for (const r of rows) unitIds.set(r.code, r.id);
  bureau = unitIds.get(bureauName)!;
  a = (await ok<{ id: string }>(kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2020, name: '2020 年度市文化广电旅游局目标责任制考核' }))).id;
  schemeId = (await ok<{ id: string }>(kpb.request('POST', `/api/assessments/${a}/schemes`, { document: doc }))).id;
  // the 20 clauses the importer could not compile are confirmed as manual readings (scored by judgement)
  const review = await ok<{ clauses?: { code: string }[] } | { code: string }[]>(kpb.request('GET', `/api/schemes/${schemeId}/needs-review`));
  const list = Array.isArray(review) ? review : (review.clauses ?? []);
  for (const c of list) await ok(kpb.request('POST', `/api/schemes/${schemeId}/clauses/${encodeURIComponent(c.code)}/review`, { action: 'confirm', note: '按人工评分' }));
  await ok(kpb.request('POST', `/api/schemes/${schemeId}/publish`));
}, 400_000);
afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

async function account(login: string, grant: Record<string, string>) {
  const user = await createAccount(h.ctx, cliActor('seed'), { login, displayName: login, roleClass: 'business', password, totpSecret: null });
  await grantBusinessRole(h.ctx, cliActor('seed'), user.id, { assessmentId: a, ...grant } as Parameters<typeof grantBusinessRole>[3]);
  return h.login(login);
}

describe('seed 000: a bureau decomposed to its divisions', () => {
  let decomposition: ReturnType<typeof decompositionResult.parse>;
  let office: Session;
  let party: Session;
  let zhang: Session;
  let lead: Session;
  let factOf: Map<string, { factId: string; factType: string }>;
  let partyId = '';

  it('decomposes in one call: every 责任处室 and 牵头领导 named in the scheme, each clause to its first listed division, the shared ones named', async () => {
    const preview = decompositionResult.parse(await ok(kpb.request('POST', `/api/schemes/${schemeId}/decomposition`, { unitId: bureau, dryRun: true })));
    expect(preview.divisions.created.map((d) => d.id)).toEqual(new Array(15).fill(null));
    decomposition = decompositionResult.parse(await ok(kpb.request('POST', `/api/schemes/${schemeId}/decomposition`, { unitId: bureau })));
    expect(decomposition.divisions.created).toHaveLength(15);
    expect(decomposition.leaders.created.map((l) => l.name).sort()).toEqual(['张硕', '徐啊峰', '钱永忠', '陈建江', '董佳丽'].sort());
    // 258 clauses: 249 name a 责任处室, 18 of them more than one; 9 name none
    expect(decomposition.assigned).toBe(249);
    expect(decomposition.unassigned).toHaveLength(9);
    expect(decomposition.shared).toHaveLength(18);
    expect(decomposition.shared).toContainEqual({ clauseKey: '1.2.1.3.1-a', answering: '办公室', alsoListed: ['机关党委（机关纪委）'] });
    // the same call again matches what it made
    const again = decompositionResult.parse(await ok(kpb.request('POST', `/api/schemes/${schemeId}/decomposition`, { unitId: bureau })));
    expect([again.divisions.created.length, again.divisions.matched.length, again.leaders.created.length, again.leaders.matched.length]).toEqual([0, 15, 0, 5]);
  });

  it('a division reports only its own clauses for the bureau; another division is refused (403)', async () => {
    const divisions = (await ok<{ id: string; name: string }[]>(kpb.request('GET', `/api/units/${bureau}/divisions`))) as { id: string; name: string }[];
    const divisionId = (name: string) => divisions.find((d) => d.name === name)!.id;
    office = await account('bgs', { role: 'division-user', unitId: bureau, divisionId: divisionId('办公室') });
    partyId = divisionId('机关党委（机关纪委）');
    party = await account('jgdw', { role: 'division-user', unitId: bureau, divisionId: partyId });
    const items = (await ok<{ items: { ref: string; factId: string; factType: string }[] }>(office.request('GET', `/api/assessments/${a}/work-items?unitId=${bureau}`))).items;
    // exactly the bureau's work items on the clauses whose first 责任处室 is 办公室 (121 clauses; a
    // clause whose rule reads no fact has no row, clauses sharing a data item share one)
    const matrix = (await ok<{ rows: { clauseCode: string; divisions: string[] }[] }>(kpb.request('GET', `/api/schemes/${schemeId}/responsibility`))).rows;
    const officeClauses = new Set(matrix.filter((r) => r.divisions[0] === '办公室').map((r) => r.clauseCode));
    expect(officeClauses.size).toBe(121);
    // and those where it is a 参与处室 (listed after the 责任处室), where it reports its own part
    const officeTakesPart = new Set(matrix.filter((r) => r.divisions.indexOf('办公室') > 0).map((r) => r.clauseCode));
    const all = (await ok<{ items: { ref: string }[] }>(kpb.request('GET', `/api/assessments/${a}/work-items?unitId=${bureau}`))).items;
    expect(items.map((i) => i.ref)).toEqual(all.map((i) => i.ref).filter((r) => officeClauses.has(r) || officeTakesPart.has(r)));
    expect(items.length).toBeGreaterThan(100);
    factOf = new Map(items.map((i) => [i.ref, { factId: i.factId, factType: i.factType }]));
    expect(factOf.has('1.1.1.1.1')).toBe(true);
    const refused = await party.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: bureau, clauseKey: '1.1.1.1.1', narrative: '代报', facts: [] });
    expect(refused.statusCode).toBe(403);
  });

  it('the 牵头领导 sees the clauses they lead per division with their state; a leader sees only their own', async () => {
    const leaderId = decomposition.leaders.created.find((l) => l.name === '张硕')!.id!;
    zhang = await account('zhangshuo', { role: 'leader', leaderId });
    const f = factOf.get('1.1.1.1.1')!;
    // a condition clause (扣 1 分 when it happened): the unit reports the occurrence
    expect(f.factType).toBe('occurrence');
    const report = await ok<{ id: string; version: number; state: string }>(
      office.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: bureau, clauseKey: '1.1.1.1.1', narrative: '一件批示未研究部署', facts: [{ id: f.factId, type: 'occurrence', count: 1 }] }),
    );
    expect(report.state).toBe('submitted');
    const progress = decompositionProgress.parse(await ok(zhang.request('GET', `/api/assessments/${a}/decomposition-progress?unitId=${bureau}`)));
    expect(progress.leaders.map((l) => l.leader)).toEqual(['张硕']);
    const mine = progress.leaders[0]!;
    // 张硕 leads 17 clauses: 办公室's (000:53, 72, 83) and 资源开发处's (000:1139–1141)
    expect(mine.divisions.map((d) => d.division)).toEqual(['办公室', '资源开发处']);
    expect(mine.counts).toEqual({ due: 16, submitted: 1, verified: 0, returned: 0 });
    expect(mine.divisions[0]!.clauses.find((c) => c.clauseKey === '1.1.1.1.1')).toMatchObject({ state: 'submitted', stateName: '已报送', reportId: report.id });
    // the 考评办 sees every leader
    const all = decompositionProgress.parse(await ok(kpb.request('GET', `/api/assessments/${a}/decomposition-progress?unitId=${bureau}`)));
    expect(all.leaders.map((l) => l.leader).sort()).toEqual(['张硕', '徐啊峰', '钱永忠', '陈建江', '董佳丽', '（方案未写牵头领导）'].sort());
    // six clauses name no 牵头领导: listed as such, not dropped
    expect(all.leaders.find((l) => l.leader === '（方案未写牵头领导）')!.divisions.flatMap((d) => d.clauses.map((c) => c.clauseKey)).sort()).toEqual(['2.18.1.1', '2.5.2.1', '3.3.1.29', '3.3.1.30', '3.3.1.31', '3.4.1.1']);
    expect(all.leaders.find((l) => l.leader === '钱永忠')!.divisions.map((d) => d.division)).toContain('机关党委（机关纪委）');
    // a division user is not a leader: no progress view of the whole bureau
    expect((await office.request('GET', `/api/assessments/${a}/decomposition-progress?unitId=${bureau}`)).statusCode).toBe(403);
  });

  it('the lead department verifies one and returns another; the leader sees both; the bureau’s result counts only the verified report', async () => {
    lead = await account('swb', { role: 'lead-assessor', unitId: unitIds.get('市委办公室')! });
    const queue = await ok<{ items: { report: { id: string; clauseKey: string; version: number } }[] }>(lead.request('GET', `/api/assessments/${a}/verification-queue`));
    const first = queue.items.find((i) => i.report.clauseKey === '1.1.1.1.1')!.report;
    await ok(lead.request('POST', `/api/reports/${first.id}/verify`, { version: first.version, reason: '属实' }));
    const f2 = factOf.get('1.1.1.1.2-a')!;
    const second = await ok<{ id: string; version: number }>(office.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: bureau, clauseKey: '1.1.1.1.2-a', narrative: '一件未按时办结', facts: [{ id: f2.factId, type: 'occurrence', count: 1 }] }));
    await ok(lead.request('POST', `/api/reports/${second.id}/return`, { version: second.version, reason: '请附办结记录' }));
    const progress = decompositionProgress.parse(await ok(zhang.request('GET', `/api/assessments/${a}/decomposition-progress?unitId=${bureau}`)));
    const mine = progress.leaders[0]!;
    expect(mine.counts).toEqual({ due: 15, submitted: 0, verified: 1, returned: 1 });
    expect(mine.divisions[0]!.clauses.find((c) => c.clauseKey === '1.1.1.1.2-a')).toMatchObject({ state: 'returned', stateName: '已退回', stateReason: '请附办结记录' });

    await ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
    const detail = await ok<{ ledger: { entries: { ref: string; amount: string; kind: string }[] } }>(kpb.request('GET', `/api/assessments/${a}/results/${bureau}`));
    const lines = detail.ledger.entries.filter((e) => e.ref === '1.1.1.1.1' || e.ref === '1.1.1.1.2-a');
    // 000:48 扣 1 分 from the verified 办公室 report; the returned one does not count
    expect(lines.filter((l) => l.amount !== '0').map((l) => [l.ref, l.amount])).toEqual([['1.1.1.1.1', '-1']]);
  });

  it('a second verified value for the same clause is never picked silently: the bureau’s result shows the conflict', async () => {
    const reporter = await account('wgl-tb', { role: 'unit-reporter', unitId: bureau });
    const own = await ok<{ id: string; version: number }>(
      reporter.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: bureau, clauseKey: '1.1.1.1.1', narrative: '局自查：已学习传达', facts: [{ id: '局自查-1.1.1.1.1', type: 'flag', value: false }] }),
    );
    await ok(lead.request('POST', `/api/reports/${own.id}/verify`, { version: own.version, reason: '与办公室报送不一致，待核' }));
    await ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
    const detail = await ok<{ ledger: { entries: { ref: string; amount: string }[]; warnings: { fact: string; ref: string; kind: string; reason: string; readInstead?: string }[] } }>(kpb.request('GET', `/api/assessments/${a}/results/${bureau}`));
    const conflicts = detail.ledger.warnings.filter((w) => w.ref === '1.1.1.1.1');
    // the office's verified occurrence stands (扣 1 分), the bureau's 否 is shown as contradicting it
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'conflict', reason: 'contradicts' })]);
    expect([conflicts[0]!.fact, conflicts[0]!.readInstead].sort()).toEqual([factOf.get('1.1.1.1.1')!.factId, '局自查-1.1.1.1.1'].sort());
    expect(detail.ledger.entries.filter((e) => e.ref === '1.1.1.1.1' && e.amount !== '0').map((e) => e.amount)).toEqual(['-1']);
  });

  it('a 参与处室 reports its own part: shown to the 牵头领导 beside the 责任处室’s report, flagged where it disagrees, never a fact of the bureau', async () => {
    // 000:131–132 三、加强巡察工作: 责任处室 办公室、机关党委（机关纪委）— 办公室 answers, 机关党委 takes part
    const clause = '1.2.1.3.1-a';
    expect(decomposition.shared).toContainEqual({ clauseKey: clause, answering: '办公室', alsoListed: ['机关党委（机关纪委）'] });
    const partyItems = (await ok<{ items: { ref: string; factId: string; factType: string }[] }>(party.request('GET', `/api/assessments/${a}/work-items?unitId=${bureau}`))).items;
    expect(partyItems.map((i) => i.ref)).toContain(clause);
    const f = factOf.get(clause)!;
    const value = (n: number) => (f.factType === 'occurrence' ? { id: f.factId, type: 'occurrence', count: n } : f.factType === 'flag' ? { id: f.factId, type: 'flag', value: n > 0 } : { id: f.factId, type: f.factType, value: String(n) });
    const own = await ok<{ id: string; version: number }>(office.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: bureau, clauseKey: clause, narrative: '办公室：一项整改未按期完成', facts: [value(1)] }));
    const part = await ok<{ id: string; version: number; state: string }>(party.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: bureau, clauseKey: clause, narrative: '机关党委：两项整改未按期完成', facts: [value(2)] }));
    expect(part.state).toBe('submitted');
    // the verification queue shows it as the 参与处室's part, beside the clause's own report
    const queue = await ok<{ items: { report: { id: string; participantDivision: string | null } }[] }>(kpb.request('GET', `/api/assessments/${a}/verification-queue`));
    expect(queue.items.filter((i) => i.report.id === own.id || i.report.id === part.id).map((i) => [i.report.id, i.report.participantDivision]).sort()).toEqual([[own.id, null], [part.id, '机关党委（机关纪委）']].sort());
    // the contribution is no fact of the bureau: the clause's one current fact is the 责任处室's
    const current = await ok<{ factKey: string; reportId: string | null }[]>(kpb.request('GET', `/api/assessments/${a}/facts?unitId=${bureau}&clauseKey=${encodeURIComponent(clause)}`));
    expect(current.map((c) => [c.factKey, c.reportId])).toEqual([[f.factId, own.id]]);
    // a 参与处室 may not change the 责任处室's report (403, on record), nor the 责任处室 the contribution
    const edit = await party.request('PUT', `/api/reports/${own.id}`, { version: own.version, narrative: '改写' });
    expect(edit.statusCode).toBe(403);
    expect((edit.json() as { error: { message: string } }).error.message).toBe(`无权修改该报送：条款“${clause}”由责任处室“办公室”报送，参与处室只能报送本处室的部分`);
    expect((await office.request('POST', `/api/reports/${part.id}/submit`, { version: part.version })).statusCode).toBe(403);
    // 钱永忠 (000:131) sees the clause under 办公室 with its 参与处室 and the disagreement
    const leaderId = decomposition.leaders.created.find((l) => l.name === '钱永忠')!.id!;
    const qian = await account('qianyongzhong', { role: 'leader', leaderId });
    const progress = decompositionProgress.parse(await ok(qian.request('GET', `/api/assessments/${a}/decomposition-progress?unitId=${bureau}`)));
    const entry = progress.leaders[0]!.divisions.find((d) => d.division === '办公室')!.clauses.find((c) => c.clauseKey === clause)!;
    expect(entry).toMatchObject({ state: 'submitted', reportId: own.id });
    expect(entry.participants).toEqual([
      {
        division: '机关党委（机关纪委）',
        state: 'submitted',
        stateName: '已报送',
        reportId: part.id,
        facts: [expect.objectContaining(value(2))],
        disagreements: [{ fact: f.factId, reported: value(2), clauseValue: value(1) }],
      },
    ]);
    // the shared clauses list their 参与处室, a clause without any lists none
    expect(progress.leaders[0]!.divisions.flatMap((d) => d.clauses).filter((c) => c.participants.length > 0).map((c) => c.clauseKey)).toContain(clause);
    const zhangView = decompositionProgress.parse(await ok(zhang.request('GET', `/api/assessments/${a}/decomposition-progress?unitId=${bureau}`)));
    expect(zhangView.leaders[0]!.divisions[0]!.clauses.find((c) => c.clauseKey === '1.1.1.1.1')!.participants).toEqual([]);
    // the decomposition stored exactly the scheme's 18 shared clauses' participants
    const stored = (await h.ctx.db.select().from(clauseParticipants)).filter((p) => p.unitId === bureau);
    expect(stored.length).toBe(decomposition.shared.reduce((n, x) => n + x.alsoListed.length, 0));
    expect(stored.filter((p) => p.clauseKey === clause).map((p) => p.divisionId)).toEqual([partyId]);
  });
});
