import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { buildApp, type App } from '../src/http/app';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { cliActor, createAccount, grantBusinessRole } from '../src/services/account.service';
import { createRecordingPushAdapter, setPushAdapter } from '../src/services/notify/push-adapter';
import { installCalendarScheme } from './calendar-world';
import { createHarness, type Harness, password } from './harness';

/**
 * The Done-when test of issue #10 for the calendar: a whole 2026 year in simulated time on the
 * calendar test scheme (fixtures/calendar-scheme.json: the harness scheme plus 信息报送, whose C3
 * penalises 迟报 0.2 / 漏报 0.5 per time and C4 0.1 per business day late). The server stops right
 * after the calendar is generated and a new one on the same database sends the reminders; units
 * report on time, late or not at all; the lead departments verify; the deductions are proposed,
 * confirmed or waived; 公示 and publication. Totals, grades and ranks are asserted at each step.
 */
type Res = { statusCode: number; body: string; json: () => unknown };
type Session = { request: (method: string, url: string, payload?: unknown) => Promise<Res> };
let h: Harness;
let app: App;
let a = '';
const push = createRecordingPushAdapter('浙政钉（测试）');
const local = (date: string, time = '10:00') => new Date(Date.parse(`${date}T${time}:00+08:00`) - 31_000); // the login adds 31 s

async function login(name: string): Promise<Session> {
  h.clock.advance(31_000);
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password } });
  if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${res.body}`);
  const cookie = `kaohe_session=${res.cookies.find((c) => c.name === 'kaohe_session')!.value}`;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { request: (method, url, payload) => app.inject({ method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload === undefined ? {} : { payload: payload as object }) }) as unknown as Promise<Res> };
}
async function ok<T>(p: Promise<Res>): Promise<T> {
  const res = await p;
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 600)}`);
  return res.json() as T;
}
type Row = { unitName: string; total: string; rank: number | null; gradeName?: string | null; grade?: string | null };
const results = async (s: Session) => {
  await ok(s.request('POST', `/api/assessments/${a}/recompute`));
  const rows = await ok<{ unitCode: string; total: string; grade: string | null; ranks: { rank: number }[] }[]>(s.request('GET', `/api/assessments/${a}/results`));
  return rows.map((r) => `${r.unitCode} ${r.total} ${r.grade} ${r.ranks[0]?.rank ?? '-'}`).sort();
};

// who reports what and when (local dates); the due dates are the units' own (C3 monthly by the 5th, rolled; C4 two business days before the 10th)
const c3Due = ['2026-02-05', '2026-03-05', '2026-04-07', '2026-05-06', '2026-06-05', '2026-07-06', '2026-08-05', '2026-09-07', '2026-10-08', '2026-11-05', '2026-12-07', '2027-01-05'];
const c4Due = ['2026-04-08', '2026-07-08', '2026-10-08', '2027-01-07'];
const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
type Event = { at: string; login: 'rep1' | 'rep2'; unit: 'U1' | 'U2'; ref: 'C3' | 'C4'; period: string };
const events: Event[] = [];
months.forEach((m, i) => {
  const period = `2026-${m}`;
  events.push({ at: m === '02' ? '2026-03-09' : c3Due[i]!, login: 'rep1', unit: 'U1', ref: 'C3', period }); // February late: 4 days
  if (m === '01' || m === '12') return; // 乙镇 never reports January and December
  events.push({ at: m === '06' ? '2026-07-08' : c3Due[i]!, login: 'rep2', unit: 'U2', ref: 'C3', period }); // June late: 2 days
});
c4Due.forEach((due, q) => {
  const period = `2026-Q${q + 1}`;
  events.push({ at: due, login: 'rep1', unit: 'U1', ref: 'C4', period });
  events.push({ at: q === 1 ? '2026-07-13' : due, login: 'rep2', unit: 'U2', ref: 'C4', period }); // Q2: 07-09, 07-10, 07-13 = 3 business days late
});
events.sort((x, y) => x.at.localeCompare(y.at));

beforeAll(async () => {
  // a year passes: passwords do not expire within the test (the policy is tested in auth.test.ts)
  h = await createHarness({ JOB_POLL_MS: '0', PASSWORD_MAX_AGE_DAYS: '0' });
  await installCalendarScheme(h);
  a = h.ids.assessmentId;
  // the lead department of C4 and C2 (县政府督查室) gets its assessor
  const la2 = await createAccount(h.ctx, cliActor('seed'), { login: 'lead2', displayName: 'lead2', roleClass: 'business', password, totpSecret: null });
  await grantBusinessRole(h.ctx, cliActor('seed'), la2.id, { role: 'lead-assessor', unitId: h.ids.units.LA2 } as Parameters<typeof grantBusinessRole>[3]);
  app = h.app;
}, 120_000);
afterAll(async () => {
  if (app !== h.app) await app.close();
  await h?.close();
});

describe('a whole year with the calendar (simulated time)', () => {
  let kpb: Session;
  it('generates the calendar, and a new server on the same database sends the first reminders', async () => {
    h.clock.set(local('2026-01-05', '09:00'));
    kpb = await login('kpb');
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', window: { cadence: 'monthly', dueDay: 5 } }));
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C4', window: { cadence: 'quarterly', dueDay: 10 }, cascade: { unitBeforeLead: 2, divisionBeforeUnit: 1 } }));
    const gen = await ok<{ total: number; reminderJobs: number }>(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {}));
    expect(gen.total).toBe(32);
    expect(gen.reminderJobs).toBeGreaterThan(0);
    // the server stops; a new one starts on the same database with the push channel
    await h.app.close();
    const ctx = createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock: h.clock, crypto: intlCryptoProvider });
    setPushAdapter(ctx, push);
    app = await buildApp(ctx);
    h.clock.set(new Date('2026-02-02T01:00:00Z')); // 09:00, 3 days before 02-05
    await app.jobRunner.drain();
    expect(push.sent.map((m) => `${m.login} ${m.title}`).sort()).toEqual(['rep1 报送提醒：C3 1月', 'rep2 报送提醒：C3 1月']);
  });

  it('runs the year: units report on time, late or not at all; overdue units are chased', async () => {
    for (const e of events) {
      h.clock.set(local(e.at));
      await app.jobRunner.drain(); // the reminders due by now
      const s = await login(e.login);
      await ok(s.request('POST', `/api/assessments/${a}/reports`, { clientKey: `year-${e.unit}-${e.ref}-${e.period}`, unitId: h.ids.units[e.unit], clauseKey: e.ref, facts: [{ id: `items-${e.unit}-${e.ref}-${e.period}`, type: 'value', value: '1', period: e.period }] }));
    }
    h.clock.set(new Date('2027-01-20T01:00:00Z'));
    await app.jobRunner.drain();
    const chased = push.sent.filter((m) => m.title.startsWith('催报'));
    // 乙镇 is chased for January and December (1 and 3 days after), 甲镇 never for a report it sent
    expect(chased.filter((m) => m.login === 'rep2' && m.title === '催报：C3 1月')).toHaveLength(2);
    expect(chased.filter((m) => m.login === 'rep2' && m.title === '催报：C3 12月')).toHaveLength(2);
    expect(chased.filter((m) => m.login === 'rep1' && m.title === '催报：C3 1月')).toHaveLength(0);
  });

  it('verifies, shows completion, then totals before any deduction', async () => {
    kpb = await login('kpb');
    const queue = await ok<{ items: { report: { id: string } }[] }>(kpb.request('GET', `/api/assessments/${a}/verification-queue`));
    expect(queue.items).toHaveLength(events.length);
    for (const q of queue.items) await ok(kpb.request('POST', `/api/reports/${q.report.id}/verify`, { corrections: [] }));
    const dash = await ok<{ units: { unitName: string; due: number; submitted: number; verified: number; late: number; missing: number }[] }>(kpb.request('GET', `/api/assessments/${a}/calendar/completion`));
    expect(dash.units.map((u) => [u.unitName, u.due, u.submitted, u.verified, u.late, u.missing])).toEqual([
      ['甲镇', 16, 16, 16, 1, 0],
      ['乙镇', 16, 14, 14, 2, 2],
    ]);
    // C2 (酌情扣分) judged by 县政府督查室
    const lead2 = await login('lead2');
    await ok(lead2.request('POST', `/api/assessments/${a}/judgements`, { unitId: h.ids.units.U1, clauseKey: 'C2', kind: 'deduction', points: '0.5', reason: '推进不力' }));
    await ok(lead2.request('POST', `/api/assessments/${a}/judgements`, { unitId: h.ids.units.U2, clauseKey: 'C2', kind: 'deduction', points: '1', reason: '推进不力' }));
    // 甲镇 (10 − 0.5) + 5 = 14.5 优秀 (≥ 14), 乙镇 (10 − 1) + 5 = 14 优秀; ranks 1, 2
    expect(await results(await login('kpb'))).toEqual(['U1 14.5 A 1', 'U2 14 A 2']);
  });

  it('proposes the late and missing deductions; the lead departments confirm or waive them', async () => {
    kpb = await login('kpb');
    const proposed = await ok<{ created: number; proposals: { id: string; unitName: string; ref: string; period: string; kind: string; fact: { note: string; periods?: number }; version: number }[] }>(kpb.request('POST', `/api/assessments/${a}/calendar/late-proposals`, { asOf: '2027-01-20' }));
    const list = proposed.proposals.map((p) => `${p.unitName} ${p.ref} ${p.period} ${p.kind}`).sort();
    expect(list).toEqual(['乙镇 C3 2026-01 missing', '乙镇 C3 2026-06 late', '乙镇 C3 2026-12 missing', '乙镇 C4 2026-Q2 late', '甲镇 C3 2026-02 late']);
    const q2 = proposed.proposals.find((p) => p.ref === 'C4')!;
    expect(q2.fact).toMatchObject({ periods: 3, note: '第二季度应于 2026-07-08 前报送，实际于 2026-07-13 10:00 提交（逾期 5 天，3 个工作日）' });
    const lead1 = await login('lead1');
    const lead2 = await login('lead2');
    for (const p of proposed.proposals) {
      const who = p.ref === 'C4' ? lead2 : lead1;
      const waive = p.period === '2026-06';
      await ok(who.request('POST', `/api/calendar/late-proposals/${p.id}/decision`, { decision: waive ? 'waive' : 'confirm', reason: waive ? '端午假期系统停机，经核实免扣' : '系统记录逾期', version: p.version }));
    }
    // 甲镇 14.5 − 0.2 (2月迟报) = 14.3 优秀; 乙镇 14 − 0.5 (1月漏报) − 0.5 (12月漏报) − 0.3 (Q2 3 个工作日) = 12.7 良好 (June waived)
    expect(await results(await login('kpb'))).toEqual(['U1 14.3 A 1', 'U2 12.7 B 2']);
  });

  it('publishes after the 公示 with the same totals, grades and ranks, and the snapshot verifies', async () => {
    kpb = await login('kpb');
    const period = await ok<{ id: string }>(kpb.request('POST', `/api/assessments/${a}/publicity`, { days: 1 }));
    h.clock.advance(2 * 86_400_000);
    kpb = await login('kpb');
    const pub = await ok<{ id: string; sequence: number }>(kpb.request('POST', `/api/assessments/${a}/publications`, { periodId: period.id }));
    expect(pub.sequence).toBe(1);
    const published = await ok<{ results: Row[] }>(kpb.request('GET', `/api/publications/${pub.id}/results`));
    expect(published.results.map((r) => `${r.unitName} ${r.total} ${r.gradeName} ${r.rank}`).sort()).toEqual(['乙镇 12.7 良好 2', '甲镇 14.3 优秀 1']);
    expect(await ok(kpb.request('GET', `/api/publications/${pub.id}/verify`))).toMatchObject({ ok: true });
    const ledger = await ok<{ lines: { text?: string }[] }>(kpb.request('GET', `/api/publications/${pub.id}/units/${h.ids.units.U2}`));
    expect(JSON.stringify(ledger)).toContain('12月应于 2027-01-05 前报送，截至 2027-01-20 未报送');
  });
});
