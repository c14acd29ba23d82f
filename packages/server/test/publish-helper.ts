import type { Harness, Session } from './harness';

/** 公示 of the current results for a day, the clock past its end, then 发布: what publishing takes now. Earlier sessions have expired afterwards. */
export async function publishThroughPublicity(h: Harness, kpb: Session, assessmentId: string) {
  const periods = (await kpb.request('GET', `/api/assessments/${assessmentId}/publicity`)).json() as { id: string; status: string }[];
  let period = periods.find((p) => p.status === 'open');
  if (!period) {
    const opened = await kpb.request('POST', `/api/assessments/${assessmentId}/publicity`, { days: 1 });
    if (opened.statusCode !== 200) throw new Error(`publicity failed: ${opened.statusCode} ${opened.body}`);
    period = opened.json() as { id: string; status: string };
  }
  h.clock.advance(2 * 24 * 60 * 60 * 1000);
  // sessions expire after 30 idle minutes: log in again after the days have passed
  const fresh = await h.login(kpb.login);
  return fresh.request('POST', `/api/assessments/${assessmentId}/publications`, { periodId: period.id });
}
