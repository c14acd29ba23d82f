import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYamlOrJson } from '@kaohe/contract';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, units } from '../src/db/schema';
import { cliActor, createAccount, grantBusinessRole } from '../src/services/account.service';
import { createHarness, type Harness, password, type Session } from './harness';
import { uniq } from './world-data';

/**
 * Seed 004 (嘉兴市政务公开重点工作责任清单): tasks with 牵头单位 and 责任单位 and no points, tracked
 * through reports and verification. The document names its 责任单位 only as groups
 * (市级有关部门（单位）, 各县（市、区）政府), so the test adds two county governments as the units
 * that report. Seven tasks' 牵头单位 cells end in "分别负责" (004:72, 120, 132, 166, 171, 191, 205): the
 * importer gives each listed unit its own line of the task (29 lines, 21 distinct units), and each lead
 * sees and verifies its own lines only. Task 1.1.3.3 (004:71-72) is the first of them.
 */
/** The 分别负责 cells as the seed has them (line: units in the cell's order). */
const separately: [number, string[]][] = [
  [72, ['市市场监管局', '市应急管理局', '市生态环境局', '市金融办', '人行嘉兴市中心支行']],
  [120, ['市卫生健康委', '市应急管理局', '市农业农村局', '市民政局', '市自然资源和规划局']],
  [132, ['市经信局', '市财政局', '市税务局', '市发展改革委', '市商务局']],
  [166, ['市人力社保局', '市教育局', '市卫生健康委', '市医保局', '市生态环境局', '市自然资源和规划局', '市建设局']],
  [171, ['市教育局', '市退役军人事务局', '市人力社保局']],
  [191, ['市自然资源和规划局', '市人力社保局']],
  [205, ['市政府办公室', '市审计局']],
];
const leadUnits = [...new Set(separately.flatMap(([, names]) => names))];
type Node = { code: string; title: string; leadAssessors?: string[]; children?: Node[]; source?: { line?: number } };
/** Lines of split tasks in the imported document: code, lead, the task's source line. */
const lines: { code: string; lead: string; task: string; taskTitle: string; line: number | undefined }[] = [];
const repo = join(import.meta.dirname, '..', '..', '..');
const seed = join(repo, 'packages', 'office', 'test', 'fixtures', 'seeds', '004_011aa5988ef2c423.txt');
const work = mkdtempSync(join(tmpdir(), 'kaohe-004-'));
let h: Harness;
let kpb: Session;
let haiyan: Session;
const leads = new Map<string, Session>();
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
  const walk = (n: Node): void => {
    const kids = n.children ?? [];
    if (kids.length && kids.every((c) => c.title.startsWith(`${n.title}（`))) for (const c of kids) lines.push({ code: c.code, lead: c.leadAssessors!.join('、'), task: n.code, taskTitle: n.title, line: c.source?.line });
    kids.forEach(walk);
  };
  (doc.indicators as Node[]).forEach(walk);
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
    .values(['海盐县政府', '嘉善县政府', ...leadUnits].map((code, i) => ({ organisationId: h.ids.organisationId, code, name: code, isAssessed: i < 2, createdAt: now })))
    .returning({ id: units.id, code: units.code });
  for (const r of rows) ids.set(r.code, r.id);
  a = ((await ok(kpb.request('POST', '/api/assessments', { organisationId: h.ids.organisationId, year: 2020, name: '2020 年政务公开重点工作' }))) as { id: string }).id;
  const scheme = await ok(kpb.request('POST', `/api/assessments/${a}/schemes`, { document: doc }));
  await ok(kpb.request('POST', `/api/schemes/${scheme.id as string}/publish`));
  const people: [string, 'unit-reporter' | 'lead-assessor', string][] = [['haiyan', 'unit-reporter', '海盐县政府'], ...leadUnits.map((u, i) => [`split-lead${i + 1}`, 'lead-assessor', u] as [string, 'lead-assessor', string])];
  for (const [login, role, unit] of people) {
    const user = await createAccount(h.ctx, cliActor('seed'), { login, displayName: unit, roleClass: 'business', password, totpSecret: null });
    await grantBusinessRole(h.ctx, cliActor('seed'), user.id, { role, unitId: ids.get(unit)!, assessmentId: a } as Parameters<typeof grantBusinessRole>[3]);
  }
  haiyan = await h.login('haiyan');
  for (const [login, role, unit] of people) if (role === 'lead-assessor') leads.set(unit, await h.login(login));
}, 300_000);
afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

type QueueItem = { report: { id: string; clauseKey: string; version: number }; unitName: string };
const queueOf = async (s: Session) => ((await ok(s.request('GET', `/api/assessments/${a}/verification-queue`))) as { items: QueueItem[] }).items;
const reportIds = new Map<string, string>();
const report = async (code: string) => {
  const r = await ok(
    haiyan.request('POST', `/api/assessments/${a}/reports`, {
      clientKey: uniq('task'),
      unitId: ids.get('海盐县政府')!,
      clauseKey: code,
      narrative: '已在政府网站公开本领域执法查处结果',
      facts: [{ id: `done-${code}`, type: 'flag', value: true, date: '2020-11-30' }],
    }),
  );
  reportIds.set(code, r.id as string);
  return r;
};

describe('seed 004 tasks through the server', () => {
  it('imports the seven 分别负责 tasks as 29 lines, one per listed unit, in the seed’s order', () => {
    expect(lines).toHaveLength(29);
    expect(leadUnits).toHaveLength(21);
    const byTask = [...new Set(lines.map((l) => l.task))].map((t) => lines.filter((l) => l.task === t));
    expect(byTask.map((ls) => [ls[0]!.line, ls.map((l) => l.lead)])).toEqual(separately);
    expect(byTask[0]!.map((l) => l.code)).toEqual(['1.1.3.3.1', '1.1.3.3.2', '1.1.3.3.3', '1.1.3.3.4', '1.1.3.3.5']);
  });

  it('has a 责任单位 report a line and only that line’s 牵头单位 see and verify it; another lead of the same task is refused', async () => {
    const marketLine = lines.find((l) => l.task === '1.1.3.3' && l.lead === '市市场监管局')!.code;
    const r = await report(marketLine);
    expect(r).toMatchObject({ state: 'submitted', clauseKey: marketLine });
    // 市应急管理局 is listed in the same cell (004:72) but leads its own line, not this one: it does not see the report
    const safety = leads.get('市应急管理局')!;
    expect(await queueOf(safety)).toEqual([]);
    // the report exists: verifying it is a refused attempt (403, audited, naming the line and its lead), not a 404
    const refused = await safety.request('POST', `/api/reports/${r.id as string}/verify`, { version: 1 });
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { error: { message: string } }).error.message).toBe(`无权核定该报送：条款“${marketLine}”（海盐县政府）由“市市场监管局”牵头核定，“市应急管理局”不是其牵头单位`);
    const deniedVerify = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'access.denied'));
    expect(deniedVerify.map((d) => [d.outcome, d.objectId])).toContainEqual(['denied', 'POST /api/reports/:id/verify']);
    // a report that does not exist stays 404
    expect((await safety.request('POST', '/api/reports/00000000-0000-4000-8000-000000000000/verify', { version: 1 })).statusCode).toBe(404);
    // nor may it judge the line: 403, on record
    const judged = await safety.request('POST', `/api/assessments/${a}/judgements`, { unitId: ids.get('海盐县政府')!, clauseKey: marketLine, kind: 'score', points: '0', reason: '越权评判' });
    expect(judged.statusCode).toBe(403);
    const denied = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'access.denied'));
    expect(denied.map((d) => [d.actorLogin, d.outcome, d.objectId])).toContainEqual([`split-lead${leadUnits.indexOf('市应急管理局') + 1}`, 'denied', 'POST /api/assessments/:id/judgements']);
    expect((await ok(kpb.request('GET', `/api/assessments/${a}/judgements`))) as unknown as unknown[]).toEqual([]);
    // 市政府办公室 leads lines of another task (004:205): it does not see it either
    expect(await queueOf(leads.get('市政府办公室')!)).toEqual([]);
    // 市市场监管局 does, and verifies it
    const mine = await queueOf(leads.get('市市场监管局')!);
    expect(mine.map((i) => [i.report.id, i.unitName])).toEqual([[r.id, '海盐县政府']]);
    expect(await ok(leads.get('市市场监管局')!.request('POST', `/api/reports/${r.id as string}/verify`, { version: 1 }))).toMatchObject({ state: 'verified', version: 2 });
  });

  it('gives each of the 21 lead units exactly its own lines of the 29 to verify, and nobody the task itself', async () => {
    for (const l of lines) if (!reportIds.has(l.code)) await report(l.code);
    for (const unit of leadUnits) {
      const own = lines.filter((l) => l.lead === unit).map((l) => l.code);
      const queue = await queueOf(leads.get(unit)!);
      // the 市市场监管局 line is verified already and out of the queue
      expect(queue.map((i) => i.report.clauseKey).sort()).toEqual(own.filter((c) => c !== '1.1.3.3.1').sort());
      for (const item of queue) expect(await ok(leads.get(unit)!.request('POST', `/api/reports/${item.report.id}/verify`, { version: item.report.version }))).toMatchObject({ state: 'verified' });
    }
    const verified = (await ok(kpb.request('GET', `/api/assessments/${a}/reports?state=verified&limit=100`))) as unknown as { clauseKey: string; unitId: string }[];
    expect(verified.map((r) => r.clauseKey).sort()).toEqual(lines.map((l) => l.code).sort());
    // a task split into lines has no lead of its own: a report on it is refused, naming its lines
    const onTask = await haiyan.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('task'), unitId: ids.get('海盐县政府')!, clauseKey: '1.1.3.3', narrative: '整项报送', facts: [] });
    expect(onTask.statusCode).toBe(400);
    const message = (onTask.json() as { error: { message: string } }).error.message;
    expect(message).toMatch(/^指标“1\.1\.3\.3”（.+）按“分别负责”拆为 5 条子任务，请按子任务分别报送：/);
    for (const l of lines.filter((x) => x.task === '1.1.3.3')) expect(message).toContain(`“${l.code}”（`);
    expect(message).toContain('“1.1.3.3.1”（');
    expect(message).toContain('市市场监管局负责）');
    for (const unit of leadUnits) expect((await queueOf(leads.get(unit)!)).map((i) => i.report.clauseKey)).toEqual([]);
  });

  it('prints a split task’s lines in the responsibility export, never the task as a row of its own', async () => {
    const schemes = (await ok(kpb.request('GET', `/api/assessments/${a}/schemes`))) as unknown as { id: string }[];
    const res = await kpb.request('GET', `/api/schemes/${schemes[0]!.id}/export?as=xlsx&layout=responsibility`);
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((res as unknown as { rawPayload: Buffer }).rawPayload as never);
    const cells: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : String(v)))));
    const task = lines.filter((l) => l.task === '1.1.3.3');
    const title = task[0]!.taskTitle;
    // the duty table's rows of the task: [牵头单位, 责任单位, 指标, 工作内容]
    const rowsOfTask = cells.filter((r) => r[3]?.startsWith(title));
    // each of the task's five lines is a row under its own 牵头单位, and the task itself is no row
    expect(rowsOfTask.map((r) => [r[0], r[3]])).toEqual(task.map((l) => [l.lead, `${title}（${l.lead}负责）`]));
  });

  it('says plainly that a task without points is tracked, not scored', async () => {
    await ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
    const detail = (await ok(kpb.request('GET', `/api/assessments/${a}/results/${ids.get('海盐县政府')}`))) as { total: string; ledger: { warnings: { fact: string; reason: string }[] } };
    expect(detail.total).toBe('0');
    // the 29 verified lines (the report on the task itself was refused)
    expect(detail.ledger.warnings.map((w) => w.fact).sort()).toEqual(lines.map((l) => `done-${l.code}`).sort());
    expect(detail.ledger.warnings.every((w) => w.reason === 'type-not-read')).toBe(true);
  });
});
