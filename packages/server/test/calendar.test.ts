import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema';
import { listDueItems } from '../src/services/calendar/due-items';
import { installCalendarScheme, ok, periodReport } from './calendar-world';
import { createHarness, type Harness, type Session } from './harness';

let h: Harness;
let a = '';
let kpb: Session;
const at = (iso: string) => h.clock.set(new Date(iso));
beforeAll(async () => {
  h = await createHarness();
  await installCalendarScheme(h);
  a = h.ids.assessmentId;
  kpb = await h.login('kpb');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

type Item = { unitId: string; ref: string; period: string; label: string; dueDate: string; unitDue: string; state: string; daysLate: number; businessDaysLate: number; submittedAt: string | null };

describe('calendar settings', () => {
  it('defaults to the State Council’s 2026 list for a 2026 assessment, and refuses a contradictory edit naming the entry', async () => {
    const s = await ok<{ holidays: { holidays: unknown[]; workdays: unknown[] }; version: number; reminders: { quietFrom: string } }>(kpb.request('GET', `/api/assessments/${a}/calendar/settings`));
    expect(s.holidays.holidays).toHaveLength(7);
    expect(s.holidays.workdays).toHaveLength(6);
    expect(s.version).toBe(0);
    const bad = await kpb.request('PUT', `/api/assessments/${a}/calendar/settings`, { holidays: { holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }], workdays: [{ name: '调休', date: '2026-10-03' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/workdays\[0\]: 2026-10-03 既是放假日（国庆节）又是调休上班日/);
    const rep = await h.login('rep1');
    expect((await rep.request('PUT', `/api/assessments/${a}/calendar/settings`, { roundsCap: 1 })).statusCode).toBe(403);
  });

  it('refuses a window on an unknown ref or without its due day', async () => {
    const unknown = await kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C9', window: { cadence: 'monthly', dueDay: 5 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('方案中没有条款或指标“C9”');
    const noDay = await kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', window: { cadence: 'monthly' } });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.json().error.message).toContain('window.dueDay');
    const badCategory = await kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', unitCategory: 'dept', window: { cadence: 'monthly', dueDay: 5 } });
    expect(badCategory.json().error.message).toContain('方案中没有单位类别“dept”');
  });
});

describe('generating the due items', () => {
  it('needs a reason once a unit gets more rounds in a month than the cap, and audits it', async () => {
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', window: { cadence: 'monthly', dueDay: 5 } }));
    await ok(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C4', window: { cadence: 'quarterly', dueDay: 10 }, cascade: { unitBeforeLead: 2, divisionBeforeUnit: 1 } }));
    await ok(kpb.request('PUT', `/api/assessments/${a}/calendar/settings`, { roundsCap: 1, version: 0 }));
    const refused = await kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {});
    expect(refused.statusCode).toBe(409);
    // per unit: April (3月 monthly 04-07, Q1 unit date 04-08), July (07-06, 07-08), October (10-08 both), January 2027 (01-05, 01-07)
    expect(refused.json().error.message).toMatch(/超过每月报送轮次上限 1 轮：.*共 2 轮.* 等 8 处。如确需增加，请填写理由/);
    const done = await ok<{ total: number; created: number; overCap: { month: string }[]; reason: string }>(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, { reason: '季度总结与月报同月，经考评办会议同意' }));
    // 2 units × (12 monthly + 4 quarterly)
    expect(done).toMatchObject({ total: 32, created: 32, reason: '季度总结与月报同月，经考评办会议同意' });
    expect(done.overCap.map((o) => o.month).sort()).toEqual(['2026-04', '2026-04', '2026-07', '2026-07', '2026-10', '2026-10', '2027-01', '2027-01']);
    const audit = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'calendar.generate.over-cap'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain('季度总结与月报同月');
    // regenerating changes nothing
    expect(await ok(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, { reason: '同上' }))).toMatchObject({ total: 32, created: 0, removed: 0 });
  });

  it('gives cascaded quarterly dates on the 2026 calendar', async () => {
    const items = await ok<Item[]>(kpb.request('GET', `/api/assessments/${a}/calendar/due-items?unitId=${h.ids.units.U1}`));
    const c4 = items.filter((i) => i.ref === 'C4').map((i) => `${i.period} ${i.dueDate} ${i.unitDue}`);
    // lead 04-10 → unit 2 business days before: 04-08; Q3 lead 10-10 (调休 Saturday) → 10-08; Q4 lead 2027-01-11 → 01-07
    expect(c4).toEqual(['2026-Q1 2026-04-10 2026-04-08', '2026-Q2 2026-07-10 2026-07-08', '2026-Q3 2026-10-10 2026-10-08', '2026-Q4 2027-01-11 2027-01-07']);
    const march = items.find((i) => i.ref === 'C3' && i.period === '2026-03')!;
    expect(march).toMatchObject({ label: '3月', dueDate: '2026-04-07', state: 'due' }); // 04-05 Sunday in 清明
  });
});

describe('due items, late deductions and the completion dashboard', () => {
  it('tracks submissions against the due dates and proposes, confirms and waives deductions', async () => {
    // sessions idle out after 30 minutes: sign in again after each jump of the clock
    at('2026-02-04T01:59:30Z'); // 10:00 in 县 (UTC+8) after the login, the day before the 02-05 due date
    await ok(periodReport(await h.login('rep1'), a, h.ids.units.U1, 'C3', '2026-01'));
    at('2026-03-09T01:59:30Z'); // February's report, due 03-05 (Thu): 4 days, 2 business days (03-06, 03-09) late
    await ok(periodReport(await h.login('rep1'), a, h.ids.units.U1, 'C3', '2026-02'));
    at('2026-03-10T02:00:00Z');
    const rep1 = await h.login('rep1');
    const lead1 = await h.login('lead1');
    kpb = await h.login('kpb');
    const u1 = (await listDueItems(h.ctx.db, a, h.clock.now(), { unitId: h.ids.units.U1 })).filter((i) => i.ref === 'C3').slice(0, 3);
    expect(u1.map((i) => [i.period, i.state, i.daysLate, i.businessDaysLate])).toEqual([
      ['2026-01', 'submitted', 0, 0],
      ['2026-02', 'late', 4, 2],
      ['2026-03', 'due', 0, 0],
    ]);
    const u2 = await ok<Item[]>(kpb.request('GET', `/api/assessments/${a}/calendar/due-items?unitId=${h.ids.units.U2}&state=missing`));
    // January due 02-05 → 03-10: 33 days; business days after 02-05: 02-06 (1), 09–13 (5), 14 调休 (1), 24–27 (4), 28 调休 (1), 03-02..06 (5), 09, 10 (2) = 19
    expect(u2.map((i) => [i.period, i.daysLate, i.businessDaysLate])).toEqual([
      ['2026-01', 33, 19],
      ['2026-02', 5, 3],
    ]);
    // a unit reporter sees only its own unit's items
    const mine = await ok<Item[]>(rep1.request('GET', `/api/assessments/${a}/calendar/due-items`));
    expect(new Set(mine.map((i) => i.unitId))).toEqual(new Set([h.ids.units.U1]));

    const proposed = await ok<{ created: number; proposals: { id: string; unitId: string; kind: string; period: string; fact: Record<string, unknown>; version: number }[] }>(kpb.request('POST', `/api/assessments/${a}/calendar/late-proposals`, { asOf: '2026-03-10' }));
    expect(proposed.created).toBe(3);
    const byKey = new Map(proposed.proposals.map((p) => [`${p.unitId === h.ids.units.U1 ? 'U1' : 'U2'} ${p.period}`, p]));
    expect(byKey.get('U1 2026-02')!.fact).toEqual({ id: 'calendar:U1:C3:2026-02', type: 'occurrence', date: '2026-03-05', kind: '迟报', variant: '迟报', note: '2月应于 2026-03-05 前报送，实际于 2026-03-09 10:00 提交（逾期 4 天，2 个工作日）' });
    expect(byKey.get('U2 2026-01')!.fact).toMatchObject({ kind: '漏报', note: '1月应于 2026-02-05 前报送，截至 2026-03-10 未报送' });
    // nothing twice
    expect((await ok<{ created: number }>(kpb.request('POST', `/api/assessments/${a}/calendar/late-proposals`, { asOf: '2026-03-10' }))).created).toBe(0);

    // only the lead department of C3 (LA1) decides; a unit cannot
    expect((await rep1.request('POST', `/api/calendar/late-proposals/${byKey.get('U1 2026-02')!.id}/decision`, { decision: 'waive', reason: '自己免', version: 1 })).statusCode).toBe(403);
    const confirmed = await ok<{ status: string; factId: string }>(lead1.request('POST', `/api/calendar/late-proposals/${byKey.get('U1 2026-02')!.id}/decision`, { decision: 'confirm', reason: '系统记录迟报', version: 1 }));
    expect(confirmed.status).toBe('confirmed');
    // both towns' February facts are confirmed: their fact ids differ by unit (the engine reads one facts file)
    await ok(lead1.request('POST', `/api/calendar/late-proposals/${byKey.get('U2 2026-02')!.id}/decision`, { decision: 'confirm', reason: '未报送', version: 1 }));
    await ok(lead1.request('POST', `/api/calendar/late-proposals/${byKey.get('U2 2026-01')!.id}/decision`, { decision: 'waive', reason: '春节假期系统故障，经核实免扣', version: 1 }));
    const again = await lead1.request('POST', `/api/calendar/late-proposals/${byKey.get('U2 2026-01')!.id}/decision`, { decision: 'confirm', reason: '改判', version: 2 });
    expect(again.statusCode).toBe(409);
    const stale = await lead1.request('POST', `/api/calendar/late-proposals/${byKey.get('U2 2026-01')!.id}/decision`, { decision: 'confirm', reason: '改判', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(await h.ctx.db.select().from(auditLog).where(like(auditLog.action, 'calendar.late-proposal.%'))).toHaveLength(3);

    // the engine scores the confirmed facts; the ledger line cites the due date and the submission time
    await ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
    const card = async (unit: 'U1' | 'U2') => ok<{ total: string; lines?: unknown }>(kpb.request('GET', `/api/assessments/${a}/results/${h.ids.units[unit]}`));
    const c1 = JSON.stringify(await card('U1'));
    const c2 = JSON.stringify(await card('U2'));
    expect(c1).toContain('2月应于 2026-03-05 前报送，实际于 2026-03-09 10:00 提交（逾期 4 天，2 个工作日）');
    expect(c2).toContain('2月应于 2026-03-05 前报送，截至 2026-03-10 未报送');
    expect(c2).not.toContain('1月应于 2026-02-05');
    // I1 10 (no occurrence, C2 awaiting judgement counts 0) + I2 5 − 0.2 (U1: one 迟报) / − 0.5 (U2: February 漏报; January waived)
    expect((await card('U1')).total).toBe('14.8');
    expect((await card('U2')).total).toBe('14.5');

    // the lead assessor verifies U1's January report: verified
    const queue = await ok<{ items: { report: { id: string; unitId: string; facts: { period?: string }[] } }[] }>(lead1.request('GET', `/api/assessments/${a}/verification-queue`));
    const jan = queue.items.find((r) => r.report.unitId === h.ids.units.U1 && r.report.facts[0]?.period === '2026-01')!;
    await ok(lead1.request('POST', `/api/reports/${jan.report.id}/verify`, { corrections: [] }));
    const dash = await ok<{ units: { unitName: string; due: number; dueByNow: number; submitted: number; verified: number; late: number; missing: number }[]; leadDepartments: { unitName: string; due: number }[]; total: { due: number } }>(kpb.request('GET', `/api/assessments/${a}/calendar/completion?asOf=2026-03-10`));
    expect(dash.total.due).toBe(32);
    expect(dash.units.find((u) => u.unitName === '甲镇')).toMatchObject({ due: 16, dueByNow: 2, submitted: 2, verified: 1, late: 1, missing: 0 });
    expect(dash.units.find((u) => u.unitName === '乙镇')).toMatchObject({ due: 16, dueByNow: 2, submitted: 0, verified: 0, late: 0, missing: 2 });
    expect(dash.leadDepartments.map((l) => [l.unitName, l.due]).sort()).toEqual([
      ['县委组织部', 24],
      ['县政府督查室', 8],
    ]);
  });
});
