import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemes } from '../src/db/schema';
import { indexSchemeClauses } from '../src/services/assessment.service';
import type { SchemeDocument } from '../src/services/scheme-document';
import { calendarScheme, installCalendarScheme, ok } from './calendar-world';
import { createHarness, type Harness, type Session } from './harness';

/**
 * Report windows default from the scheme's own cadence (issue #10, calendar): a window may leave its
 * cadence out when the scheme states it (the clause's or an indicator's `cadence`, or the clause's words
 * 每月5日前报送… / 季度工作总结…); a cadence contradicting the scheme is refused naming both; the
 * 考评办's is used only when the scheme says nothing; generation refuses a window a republished
 * scheme now contradicts.
 */
let h: Harness;
let a = '';
let kpb: Session;
type WindowView = { id: string; ref: string; window: { cadence: string; dueDay?: number }; cadenceFrom: { from: string; at: string | null; words: string | null } };

async function publishVersion(version: number, doc: SchemeDocument) {
  const now = h.ctx.clock.now();
  const [row] = await h.ctx.db.insert(schemes).values({ assessmentId: a, version, status: 'published', document: doc, sha256: h.ctx.crypto.digest(JSON.stringify(doc)), createdAt: now, publishedAt: now }).returning();
  await indexSchemeClauses(h.ctx.db, h.ids.organisationId, row!.id, doc);
}

beforeAll(async () => {
  h = await createHarness();
  await installCalendarScheme(h);
  a = h.ids.assessmentId;
  kpb = await h.login('kpb');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('windows from the scheme’s cadence', () => {
  it('takes the cadence from the clause’s words when the window leaves it out', async () => {
    // C3 “每月5日前报送上月工作进展情况，迟报一次扣0.2分…”, C4 “季度工作总结每逾期1个工作日扣0.1分…” (fixtures/calendar-scheme.json)
    const c3 = await ok<WindowView>(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C3', window: { dueDay: 5 } }));
    expect(c3.window).toEqual({ cadence: 'monthly', dueDay: 5 });
    expect(c3.cadenceFrom).toEqual({ from: 'text', at: 'C3', words: '每月5日前报送上月工作进展情况' });
    const c4 = await ok<WindowView>(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C4', window: { dueDay: 10 } }));
    expect(c4.window.cadence).toBe('quarterly');
    const gen = await ok<{ total: number }>(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {}));
    expect(gen.total).toBe(2 * (12 + 4));
  });

  it('refuses a cadence the scheme contradicts, and one the scheme does not state when none is given', async () => {
    const wrong = await kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C4', window: { cadence: 'monthly', dueDay: 5 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('window.cadence: “C4”原文“季度工作总结每逾期1个工作日扣0.1分”为每季度报送，与设定的每月报送（monthly）不一致；请按方案设定，或先修改方案');
    const none = await kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C2', window: { dueDay: 5 } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('方案没有规定“C2”的报送周期，请设定 cadence');
    // the 考评办's default where the scheme says nothing (C2 “工作推进不力的，由牵头部门酌情扣0至5分”)
    const office = await ok<WindowView>(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C2', window: { cadence: 'half-yearly', dueDay: 15 } }));
    expect(office.cadenceFrom).toEqual({ from: 'office', at: null, words: null });
  });

  it('follows the stated cadence field of a republished scheme, and refuses to generate from a window it now contradicts', async () => {
    const doc = structuredClone(calendarScheme) as SchemeDocument & { indicators: { code: string; cadence?: string; clauses: { code: string; cadence?: string }[] }[] };
    doc.indicators.find((i) => i.code === 'I1')!.cadence = 'quarterly'; // C2 inherits it from its indicator
    await publishVersion(3, doc);
    const windows = await ok<WindowView[]>(kpb.request('GET', `/api/assessments/${a}/calendar/windows`));
    expect(windows.map((w) => `${w.ref} ${w.window.cadence} ${w.cadenceFrom.from}`).sort()).toEqual(['C2 half-yearly office', 'C3 monthly text', 'C4 quarterly text']);
    const refused = await kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^报送周期与现行方案不一致：windows\[\d\]\.window\.cadence: 方案为“I1”（“C2”所属指标）规定每季度报送（cadence），与设定的每半年报送（half-yearly）不一致；请按方案设定，或先修改方案（请删除该报送周期后重新设定）$/);
    await ok(kpb.request('DELETE', `/api/calendar/windows/${windows.find((w) => w.ref === 'C2')!.id}`));
    const c2 = await ok<WindowView>(kpb.request('POST', `/api/assessments/${a}/calendar/windows`, { ref: 'C2', window: { dueDay: 10 } }));
    expect([c2.window.cadence, c2.cadenceFrom]).toEqual(['quarterly', { from: 'scheme', at: 'I1', words: '每季度' }]);
    expect((await ok<{ total: number }>(kpb.request('POST', `/api/assessments/${a}/calendar/generate`, {}))).total).toBe(2 * (12 + 4 + 4));
  });
});
