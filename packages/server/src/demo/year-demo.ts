import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { App } from '../http/app';
import { generateTotpSecret, totpCode } from '../auth/totp';
import type { ServerContext } from '../context';
import type { FakeClock } from '../lib/clock';
import { cliActor, createAccount } from '../services/account.service';

/**
 * A whole assessment year of seed 001 through the HTTP API, as each role in turn: the system
 * administrator sets up the organisation, the security administrator grants roles, the 考评办
 * uploads the scheme and makes the units from it, units report with evidence (one late, one
 * returned), the lead assessor verifies and judges, the 考评办 imports the lead departments' score
 * sheets, recomputes, runs the 公示 and publishes; a unit appeals, the appeal is upheld and the
 * second publication shows its diff. Returns what a test needs to check every step exactly.
 */
export type DemoLog = (line: string) => void;
type Res = { statusCode: number; body: string; json: () => unknown; rawPayload: Buffer };
type Session = { request: (method: string, url: string, payload?: unknown, headers?: Record<string, string>) => Promise<Res> };
type Row = { unitId: string; unitCode: string; unitName: string; group: string | null; total: string; rank: number | null; gradeName: string | null };

export const demoPassword = 'Kaohe#Year2020demo';
const day = 24 * 60 * 60 * 1000;
/** The office's local date (the calendar's default UTC+8). */
const localDate = (t: Date) => new Date(t.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
type DueItem = { ref: string; unitName: string; unitDue: string; state: string; stateName: string; daysLate: number; submittedAt: string | null; verifiedAt: string | null };

/** Score of leaf j for unit i: full points less 0–10 %, in exact hundredths (no binary floats). */
export function demoScore(points: string, unitIndex: number, rowIndex: number): string {
  const k = (unitIndex * 7 + rowIndex * 3) % 11;
  const p = Math.round(Number(points) * 10000); // ten-thousandths; 001's points have at most 2 decimals
  const v = p - (p * k) / 100; // exact: p is a multiple of 100
  const s = (v / 10000).toFixed(4).replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----kaohe${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([n, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function runYearDemo(app: App & { jobRunner: { drain: () => Promise<void> } }, ctx: ServerContext, clock: FakeClock, seedPath: string, log: DemoLog) {
  const secrets = new Map<string, string>();
  let keyNo = 0;
  const key = (p: string) => `${p}-${++keyNo}-demo`;
  const ok = async (what: string, p: Promise<Res>, status = [200, 202]): Promise<Res> => {
    const res = await p;
    if (!status.includes(res.statusCode)) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 600)}`);
    return res;
  };
  const login = async (name: string): Promise<Session> => {
    clock.advance(31_000);
    const secret = secrets.get(name);
    const res = await ok(`登录 ${name}`, app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password: demoPassword, ...(secret ? { totp: totpCode(secret, clock.now()) } : {}) } }) as Promise<Res>);
    const cookie = `kaohe_session=${(res as unknown as { cookies: { name: string; value: string }[] }).cookies.find((c) => c.name === 'kaohe_session')!.value}`;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    return { request: (method, url, payload, headers = {}) => app.inject({ method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) }) as unknown as Promise<Res> };
  };
  const steps: { step: string; detail: string }[] = [];
  const step = (name: string, detail: string) => {
    steps.push({ step: name, detail });
    log(`\n■ ${name}\n  ${detail.replaceAll('\n', '\n  ')}`);
  };

  // 0. the host: administrator accounts exist only through `kaohe admin create` (三权分立)
  const accounts: [string, 'system-admin' | 'security-admin' | 'audit-admin' | 'business', string][] = [
    ['sysadmin', 'system-admin', '系统管理员'],
    ['secadmin', 'security-admin', '安全管理员'],
    ['auditor', 'audit-admin', '审计管理员'],
    ['kpb', 'business', '县考核办'],
    ['zzb', 'business', '县委组织部考核员'],
    ['xizhen', 'business', '螅镇填报员'],
    ['kengzhen', 'business', '坑镇填报员'],
  ];
  const ids: Record<string, string> = {};
  for (const [loginName, roleClass, displayName] of accounts) {
    const secret = roleClass === 'business' ? null : generateTotpSecret();
    if (secret) secrets.set(loginName, secret);
    ids[loginName] = (await createAccount(ctx, cliActor('year-demo'), { login: loginName, displayName, roleClass, password: demoPassword, totpSecret: secret })).id;
  }
  const sysadmin = await login('sysadmin');
  const org = (await ok('新建组织', sysadmin.request('POST', '/api/organisations', { code: 'jiaxian', name: '佳县' }))).json() as { id: string };
  // the pinyin-coded unit an earlier system had (the 佳县 example): the scheme's 螅镇 must match it
  const xizhenUnit = (await ok('新建单位', sysadmin.request('POST', '/api/units', { organisationId: org.id, code: 'xizhen', name: '螅镇' }))).json() as { id: string };
  const secadmin = await login('secadmin');
  await ok('授权考评办', secadmin.request('POST', `/api/users/${ids.kpb}/roles`, { role: 'assessment-admin' }));
  step('1 系统管理员 / 安全管理员', '组织“佳县”、已有单位 xizhen（螅镇）；县考核办账号授予考评办角色');

  // 1. the 考评办 uploads the scheme
  let kpb = await login('kpb');
  const assessment = (await ok('新建考核', kpb.request('POST', '/api/assessments', { organisationId: org.id, year: 2020, name: '佳县2020年度目标责任考核' }))).json() as { id: string };
  const a = assessment.id;
  const upload = multipart({ clientKey: key('upload') }, { name: '001_c9fa6fd301574412.txt', content: readFileSync(seedPath) });
  const accepted = (await ok('上传方案', kpb.request('POST', `/api/assessments/${a}/scheme-uploads`, upload.payload, upload.headers))).json() as { id: string };
  await app.jobRunner.drain();
  const imported = (await ok('导入结果', kpb.request('GET', `/api/scheme-uploads/${accepted.id}`))).json() as { schemeId: string; schemeVersion: number; coverage: string; units: string[]; needsReview: unknown[]; job: { status: string; progress: number } };
  if (imported.job.status !== 'succeeded') throw new Error(`导入失败：${JSON.stringify(imported.job)}`);
  step('2 考评办上传方案', `任务${imported.job.status === 'succeeded' ? '已完成' : imported.job.status}（${imported.job.progress}%），方案草稿第 ${imported.schemeVersion} 版；${imported.coverage}；单位 ${imported.units.length} 个；待复核条款 ${imported.needsReview.length} 条`);

  // 2. units from the scheme, in one call
  const refused = await kpb.request('POST', `/api/schemes/${imported.schemeId}/publish`);
  const units = (await ok('从方案建立单位', kpb.request('POST', `/api/schemes/${imported.schemeId}/units`, {}))).json() as { matched: { schemeName: string; unitCode: string; by: string }[]; created: unknown[]; ambiguous: unknown[]; recoded: number };
  step('3 从方案建立或匹配单位', `发布前检查：${(refused.json() as { error: { message: string } }).error.message.slice(0, 80)}…\n一次调用：匹配 ${units.matched.length} 个（${units.matched.map((m) => `${m.schemeName}→${m.unitCode}，按${m.by === 'name' ? '名称' : m.by}`).join('；')}），新建 ${units.created.length} 个，有歧义 ${units.ambiguous.length} 个`);

  // 3. what 001 leaves open, decided by the 考评办 in the draft: grades, the towns' ranking group, the lead department
  const scheme = (await ok('读取方案', kpb.request('GET', `/api/schemes/${imported.schemeId}`))).json() as { document: Record<string, unknown> & { indicators: { code: string; leadAssessors?: string[] }[]; rankingGroups: unknown[]; assessors?: unknown[] } };
  const doc = scheme.document;
  doc.grading = {
    grades: [{ code: 'excellent', name: '优秀' }, { code: 'good', name: '良好' }, { code: 'pass', name: '合格' }],
    method: 'rank-percentile',
    percentiles: [{ grade: 'excellent', upToPercent: '30' }, { grade: 'good', upToPercent: '70' }, { grade: 'pass', upToPercent: '100' }],
  };
  doc.rankingGroups = [
    { code: '镇办中心', name: '镇（办、中心）', categories: ['镇（办、中心）'] },
    ...doc.rankingGroups,
    { code: '产业园区', name: '产业园区管委会', categories: ['产业园区管委会'] },
    { code: '驻佳单位', name: '省市驻佳单位', categories: ['省市驻佳单位'] },
  ];
  doc.assessors = [{ code: '县委组织部', name: '县委组织部' }];
  for (const n of doc.indicators) if (n.code === '3') n.leadAssessors = ['县委组织部'];
  await ok('修改方案草稿', kpb.request('PUT', `/api/schemes/${imported.schemeId}`, { document: doc }));
  await ok('发布方案', kpb.request('POST', `/api/schemes/${imported.schemeId}/publish`));
  step('4 考评办补充并发布方案', '等次（001 未规定，考评办按组内名次定）：前 30% 优秀、30%–70% 良好、其余合格；增设“镇（办、中心）”“产业园区管委会”“省市驻佳单位”排名组；镇级指标（3）由县委组织部牵头考核；方案第 1 版已发布');

  // 4. roles on the units the scheme made
  const unitList = (await ok('单位列表', kpb.request('GET', `/api/units?organisationId=${org.id}`))).json() as { id: string; code: string; name: string }[];
  const unitId = (code: string) => unitList.find((u) => u.code === code)!.id;
  const zzbUnit = unitId('县委组织部');
  const kengzhenUnit = unitId('坑镇');
  await ok('授权牵头部门', secadmin.request('POST', `/api/users/${ids.zzb}/roles`, { role: 'lead-assessor', unitId: zzbUnit, assessmentId: a }));
  await ok('授权螅镇', secadmin.request('POST', `/api/users/${ids.xizhen}/roles`, { role: 'unit-reporter', unitId: xizhenUnit.id, assessmentId: a }));
  await ok('授权坑镇', secadmin.request('POST', `/api/users/${ids.kengzhen}/roles`, { role: 'unit-reporter', unitId: kengzhenUnit, assessmentId: a }));

  // 5. targets, from the template of each town (its own targets and point variants)
  const template = async (session: Session, uid: string) => {
    const res = await ok('下载填报表', session.request('GET', `/api/assessments/${a}/facts-template.xlsx?unitId=${uid}`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const rowsOf = (wb: ExcelJS.Workbook) => {
    const out: { n: number; ref: string; title: string; points: string; target: string; type: string }[] = [];
    wb.getWorksheet('事实填报')!.eachRow((r, n) => {
      if (n === 1) return;
      const v = (c: number) => String(r.getCell(c).value ?? '');
      out.push({ n, ref: v(1), title: v(2), points: v(3), target: v(4), type: v(5) });
    });
    return out;
  };
  const xizhenRows = rowsOf(await template(kpb, xizhenUnit.id));
  const kengzhenRows = rowsOf(await template(kpb, kengzhenUnit));
  const town = xizhenRows.filter((r) => r.ref.startsWith('3.'));
  const reported = town[0]!;
  const returnedRef = kengzhenRows.filter((r) => r.ref.startsWith('3.'))[1]!;
  await ok('下达目标', kpb.request('PUT', `/api/assessments/${a}/targets`, { targets: [{ unitId: xizhenUnit.id, clauseKey: reported.ref, target: reported.target || '按方案完成' }, { unitId: kengzhenUnit, clauseKey: returnedRef.ref, target: returnedRef.target || '按方案完成' }] }));
  step('5 目标分解', `螅镇 ${xizhenRows.length} 项、坑镇 ${kengzhenRows.length} 项应考核指标（各自的目标和分值）；下达螅镇“${reported.title.slice(0, 20)}”目标：${reported.target.slice(0, 40) || '（原文无目标）'}`);

  // 5b. the calendar: both indicators are due once for the year, ten days from now (annual window, 全年)
  const dueDate = localDate(new Date(clock.now().getTime() + 10 * day));
  for (const ref of [...new Set([reported.ref, returnedRef.ref])]) await ok('设定报送周期', kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref, window: { cadence: 'annual', dueDate }, note: '年度完成情况报送' }));
  const generated = (await ok('生成应报事项', kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {}))).json() as { total: number };
  const dueOf = async (session: Session, uid: string, ref: string) => {
    const list = (await ok('应报事项', session.request('GET', `/api/assessments/${a}/calendar/due-items?unitId=${uid}`))).json() as DueItem[];
    return list.find((d) => d.ref === ref)!;
  };
  const due: Record<string, DueItem> = {};
  step('5b 报送日历', `“${reported.ref}”“${returnedRef.ref}”年度报送，截止 ${dueDate}；共生成应报事项 ${generated.total} 项`);

  // 6. reports with evidence: 螅镇 on time, 坑镇 after the deadline and returned once; each carries the unit's completion flag
  const done = (_uid: string, ref: string) => [{ id: `完成情况-${ref}`, type: 'flag', value: true }];
  const xizhen = await login('xizhen');
  const report1 = (await ok('螅镇报送', xizhen.request('POST', `/api/assessments/${a}/reports`, { clientKey: key('report'), unitId: xizhenUnit.id, clauseKey: reported.ref, narrative: '已按目标完成，附工作总结', facts: done(xizhenUnit.id, reported.ref) }))).json() as { id: string; version: number };
  const evidence = multipart({ clientKey: key('ev'), unitId: xizhenUnit.id, clauseKey: reported.ref, reportId: report1.id }, { name: '螅镇工作总结.pdf', content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await ok('螅镇上传佐证', xizhen.request('POST', `/api/assessments/${a}/evidence`, evidence.payload, evidence.headers), [201]);
  due.xizhenSubmitted = await dueOf(xizhen, xizhenUnit.id, reported.ref);
  clock.advance(12 * day);
  const kengzhen = await login('kengzhen');
  const report2 = (await ok('坑镇报送', kengzhen.request('POST', `/api/assessments/${a}/reports`, { clientKey: key('report'), unitId: kengzhenUnit, clauseKey: returnedRef.ref, narrative: '已完成', facts: done(kengzhenUnit, returnedRef.ref) }))).json() as { id: string; version: number };
  due.kengzhenLate = await dueOf(kengzhen, kengzhenUnit, returnedRef.ref);
  step('6 单位报送', `螅镇报送“${reported.ref}”并附佐证：${due.xizhenSubmitted.stateName}；坑镇 ${localDate(clock.now())} 报送“${returnedRef.ref}”：${due.kengzhenLate.stateName}，逾期 ${due.kengzhenLate.daysLate} 天（截止 ${due.kengzhenLate.unitDue}）`);

  // 7. the lead assessor: queue, verify, return, judge
  let zzb = await login('zzb');
  const queue = (await ok('待核定队列', zzb.request('GET', `/api/assessments/${a}/verification-queue`))).json() as { items?: unknown[] } | unknown[];
  const queued = Array.isArray(queue) ? queue.length : (queue.items?.length ?? 0);
  await ok('核定螅镇', zzb.request('POST', `/api/reports/${report1.id}/verify`, { version: report1.version, reason: '材料齐全' }));
  const returned = (await ok('退回坑镇', zzb.request('POST', `/api/reports/${report2.id}/return`, { version: report2.version, reason: '缺少佐证材料，请补充后再报' }))).json() as { version: number };
  due.kengzhenReturned = await dueOf(kengzhen, kengzhenUnit, returnedRef.ref);
  const resubmitted = (await ok('坑镇修改', kengzhen.request('PUT', `/api/reports/${report2.id}`, { version: returned.version, narrative: '已完成，补充佐证材料' }))).json() as { version: number };
  const again = (await ok('坑镇再次提交', kengzhen.request('POST', `/api/reports/${report2.id}/submit`, { version: resubmitted.version }))).json() as { version: number };
  await ok('核定坑镇', zzb.request('POST', `/api/reports/${report2.id}/verify`, { version: again.version, reason: '补充材料后核定' }));
  due.xizhenVerified = await dueOf(await login('xizhen'), xizhenUnit.id, reported.ref);
  due.kengzhenVerified = await dueOf(kengzhen, kengzhenUnit, returnedRef.ref);
  const full = (p: string) => p;
  const judged: { unitId: string; ref: string; points: string; id?: string }[] = [
    { unitId: xizhenUnit.id, ref: reported.ref, points: full(reported.points) },
    { unitId: kengzhenUnit, ref: returnedRef.ref, points: demoScore(returnedRef.points, 1, 0) },
  ];
  for (const j of judged) {
    const res = (await ok('评分判定', zzb.request('POST', `/api/assessments/${a}/judgements`, { clientKey: key('judge'), unitId: j.unitId, clauseKey: j.ref, kind: 'score', points: j.points, reason: '按核定的完成情况评分' }))).json() as { id: string };
    j.id = res.id;
  }
  step('7 牵头部门核定与评分', `待核定 ${queued} 份；核定螅镇报送；退回坑镇（缺少佐证材料，应报事项显示“${due.kengzhenReturned.stateName}”），坑镇补充后再次提交并核定（${due.kengzhenVerified.stateName}，首次报送逾期 ${due.kengzhenVerified.daysLate} 天）；评分：螅镇 ${reported.ref} ${judged[0]!.points} 分（满分 ${reported.points}），坑镇 ${returnedRef.ref} ${judged[1]!.points} 分（满分 ${returnedRef.points}）`);

  // 8. the lead departments' score sheets for every unit, imported by the 考评办 (Excel in)
  kpb = await login('kpb');
  const fed = new Map<string, string[]>();
  let sheets = 0;
  for (const [i, u] of unitList.entries()) {
    const wb = await template(kpb, u.id).catch(() => null);
    if (!wb) continue;
    const ws = wb.getWorksheet('事实填报')!;
    const scores: string[] = [];
    let filled = 0;
    ws.eachRow((r, n) => {
      if (n === 1 || String(r.getCell(5).value) !== '得分') return;
      const ref = String(r.getCell(1).value);
      const lead = judged.find((j) => j.unitId === u.id && j.ref === ref);
      if (lead) {
        scores.push(lead.points);
        return;
      }
      const s = demoScore(String(r.getCell(3).value), i, n);
      r.getCell(6).value = s;
      r.getCell(7).value = '牵头部门评分表';
      scores.push(s);
      filled++;
    });
    fed.set(u.id, scores);
    if (filled === 0) continue;
    const body = multipart({ clientKey: key('sheet'), unitId: u.id }, { name: `${u.name}评分表.xlsx`, content: Buffer.from(await wb.xlsx.writeBuffer()) });
    await ok(`导入${u.name}评分表`, kpb.request('POST', `/api/assessments/${a}/facts-upload`, body.payload, body.headers));
    sheets++;
  }
  step('8 考评办导入评分表', `${sheets} 个单位的牵头部门评分表（Excel）逐一导入，任一行有误则整表不写入`);

  // 9. recompute
  await ok('重新计算', kpb.request('POST', `/api/assessments/${a}/recompute`));
  const current = (await ok('计算结果', kpb.request('GET', `/api/assessments/${a}/results`))).json() as { unitId: string; total: string; rank: number; grade: string | null }[];
  const ledgers = new Map<string, { kind: string; ref: string; amount: string; msg: string }[]>();
  const warnings = new Map<string, { fact: string; reason: string }[]>();
  for (const r of current) {
    const detail = (await ok('单位结果', kpb.request('GET', `/api/assessments/${a}/results/${r.unitId}`))).json() as { ledger: { entries: { kind: string; ref: string; amount: string; msg: string }[]; warnings: { fact: string; reason: string }[] } };
    ledgers.set(r.unitId, detail.ledger.entries);
    if (detail.ledger.warnings.length > 0) warnings.set(r.unitId, detail.ledger.warnings);
  }
  step('9 重新计算', `${current.length} 个单位已计算；提示 ${[...warnings.values()].flat().length} 条（单位报送的完成情况不参与计分，得分以牵头部门评分为准）`);

  // 10. 公示 → objection → answer → 发布
  const period = (await ok('开始公示', kpb.request('POST', `/api/assessments/${a}/publicity`, { days: 5, note: '佳县2020年度目标责任考核结果公示' }))).json() as { id: string; results: Row[] };
  const xizhen2 = await login('xizhen');
  const mine = ((await ok('螅镇查看公示', xizhen2.request('GET', `/api/assessments/${a}/publicity`))).json() as { results: Row[] }[])[0]!.results;
  const objection = (await ok('螅镇提出异议', xizhen2.request('POST', `/api/publicity/${period.id}/objections`, { unitId: xizhenUnit.id, text: '请核实我镇第四季度工作得分' }))).json() as { id: string; version: number };
  await ok('答复异议', kpb.request('POST', `/api/objections/${objection.id}/answer`, { answer: '经核实，得分无误', version: objection.version }));
  clock.advance(6 * day);
  kpb = await login('kpb');
  const first = (await ok('发布', kpb.request('POST', `/api/assessments/${a}/publications`, { periodId: period.id, appealDays: 10 }))).json() as { id: string; sequence: number; digest: string; digestAlgorithm: string };
  const verify1 = (await ok('校验', kpb.request('GET', `/api/publications/${first.id}/verify`))).json() as { ok: boolean };
  const published1 = ((await ok('发布结果', kpb.request('GET', `/api/publications/${first.id}/results`))).json() as { results: Row[] }).results;
  step('10 公示与发布', `公示 5 天（螅镇只看到本单位：${mine.map((r) => `${r.unitName} ${r.total} 分`).join('')}），异议 1 条已答复；第 ${first.sequence} 版发布，${first.digestAlgorithm} 摘要 ${first.digest.slice(0, 16)}…，校验${verify1.ok ? '通过' : '失败'}`);

  // 11. an appeal, upheld: the judgement corrected, a second publication with its diff
  const kengzhen2 = await login('kengzhen');
  const ledger = (await ok('坑镇台账', kengzhen2.request('GET', `/api/publications/${first.id}/units/${kengzhenUnit}`))).json() as { lines: { index: number; ref: string; text: string; amount: string }[] };
  const line = ledger.lines.find((l) => l.ref === returnedRef.ref)!;
  const appeal = (await ok('坑镇申诉', kengzhen2.request('POST', `/api/assessments/${a}/appeals`, { clientKey: key('appeal'), unitId: kengzhenUnit, ref: returnedRef.ref, lineIndex: line.index, reason: '补充的佐证材料表明该项已全部完成，应得满分' }))).json() as { id: string; version: number };
  zzb = await login('zzb');
  const opinion = (await ok('牵头部门意见', zzb.request('POST', `/api/appeals/${appeal.id}/lead-opinion`, { opinion: 'uphold', reason: '复核佐证材料，该项已全部完成', version: appeal.version }))).json() as { version: number };
  await ok('更正判定', zzb.request('POST', `/api/judgements/${judged[1]!.id}/correct`, { points: returnedRef.points, reason: '复核后按全部完成评分', changeReason: '申诉复核' }));
  kpb = await login('kpb');
  await ok('重新计算', kpb.request('POST', `/api/assessments/${a}/recompute`));
  const decided = (await ok('考评办决定', kpb.request('POST', `/api/appeals/${appeal.id}/decision`, { decision: 'upheld', reason: '申诉成立，按复核意见更正', version: opinion.version }))).json() as { publication: { id: string; sequence: number; diff: { unitName: string; before: { total: string; rank: number | null; gradeName: string | null }; after: { total: string; rank: number | null; gradeName: string | null }; lines: string[] }[] } };
  const second = decided.publication;
  const verify2 = (await ok('校验', kpb.request('GET', `/api/publications/${second.id}/verify`))).json() as { ok: boolean };
  const published2 = ((await ok('发布结果', kpb.request('GET', `/api/publications/${second.id}/results`))).json() as { results: Row[] }).results;
  step(
    '11 申诉与第二次发布',
    `坑镇申诉台账第 ${line.index + 1} 行（${line.ref}：${line.text}），牵头部门意见：成立；判定更正为 ${returnedRef.points} 分；考评办决定：申诉成立 → 第 ${second.sequence} 版发布，校验${verify2.ok ? '通过' : '失败'}\n差异：${second.diff.map((d) => `${d.unitName} ${d.before.total}→${d.after.total} 分，名次 ${d.before.rank}→${d.after.rank}，${d.before.gradeName}→${d.after.gradeName}${d.lines.length ? `；${d.lines.join('；')}` : ''}`).join('\n')}`,
  );

  // the final ranking per group
  const groups = new Map<string, Row[]>();
  for (const r of published2) groups.set(r.group ?? '本级（上级考核，不参加县内排名）', [...(groups.get(r.group ?? '本级（上级考核，不参加县内排名）') ?? []), r]);
  log('\n■ 最终排名（第 2 版发布）');
  for (const [g, rows] of groups) {
    log(`  【${g}】`);
    for (const r of rows) log(`    ${r.rank === null ? '—' : String(r.rank).padStart(2)}  ${r.unitName.padEnd(12, '　')} ${r.total.padStart(7)}  ${r.gradeName ?? ''}`);
  }
  return { assessmentId: a, due, dueDate, generated, warnings, ledgers, steps, imported, units, fed, judged, current, first, published1, second, published2, unitList, kengzhenUnit, xizhenUnitId: xizhenUnit.id, returnedRef, verify1, verify2, mine };
}
