import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from './harness';

type Row = { unitCode: string; before: { total: string; grade: string | null; rank: number | null }; after: { total: string; grade: string | null; rank: number | null }; delta: string; changed: boolean };
const table = (rows: Row[]): string[] => rows.map((r) => `${r.unitCode} ${r.before.total} ${r.before.grade} ${r.before.rank} → ${r.after.total} ${r.after.grade} ${r.after.rank} Δ${r.delta}${r.changed ? ' *' : ''}`);

let h: Harness;
let kpb: Session;
let base: string;

/** Row count of every table in the database and a hash of the facts and results, to prove nothing real changed. */
async function fingerprint(): Promise<{ counts: Record<string, number>; facts: string; results: string }> {
  const rows = async (q: ReturnType<typeof sql.raw>): Promise<Record<string, unknown>[]> => ((await h.ctx.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const tables = (await rows(sql.raw(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`))) as { t: string }[];
  expect(tables.length).toBeGreaterThan(30);
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = Number((await rows(sql.raw(`SELECT count(*)::int AS n FROM "${t}"`)))[0]!['n']);
  const digest = async (q: string): Promise<string> => createHash('sha256').update(JSON.stringify(await rows(sql.raw(q)))).digest('hex');
  return { counts, facts: await digest('SELECT * FROM facts ORDER BY id'), results: await digest('SELECT * FROM results ORDER BY unit_id') };
}

// Test scheme: I1 党的建设 10 points; C1 每被通报批评一次扣0.5分 (cap 5); C2 酌情扣0至5分 (judgement); 优秀 A ≥ 9.5, else 良好 B.
// Data: U1 one 通报 and a judgement of 1 at C2 → 10 − 0.5 − 1 = 8.5; U2 three 通报 → 10 − 1.5 = 8.5 (tied, rank 1).
const appeal = { name: '乙镇申诉成立', ops: [{ op: 'appeal-upheld', unit: 'U2', ref: 'C1', reason: '三次通报系同一事项（申诉 1 号）' }] };
const waiveAndJudge = {
  name: '甲镇通报不计、乙镇酌情扣2分',
  ops: [
    { op: 'waive-fact', fact: 'u1-c1', reason: '通报已撤回' },
    { op: 'uphold-judgement', unit: 'U2', ref: 'C2', amount: '2', reason: '推进不力属实' },
  ],
};
const otherReading = {
  name: '通报按0.25分理解且优秀线9分',
  ops: [
    { op: 'replace-rule', clause: 'C1', rule: { kind: 'per-occurrence', effect: 'deduction', amount: '0.25', cap: '5' }, reason: '“扣0.5分”系两次合计' },
    { op: 'set-band', grade: 'A', min: '9', reason: '优秀线下调' },
  ],
};

beforeAll(async () => {
  h = await createHarness();
  kpb = await h.login('kpb');
  base = `/api/assessments/${h.ids.assessmentId}`;
  const imported = await kpb.request('POST', `${base}/facts/import`, {
    clientKey: 'whatif-facts-1',
    facts: [
      { id: 'u1-c1', unit: 'U1', ref: 'C1', type: 'occurrence' },
      { id: 'u2-c1', unit: 'U2', ref: 'C1', type: 'occurrence', count: 3 },
    ],
  });
  expect(imported.statusCode).toBe(200);
  const judged = await kpb.request('POST', `${base}/judgements`, { unitId: h.ids.units.U1, clauseKey: 'C2', kind: 'deduction', points: '1', reason: '推进不力' });
  expect(judged.statusCode).toBe(200);
  expect((await kpb.request('POST', `${base}/recompute`)).statusCode).toBe(200);
});
afterAll(async () => h?.close());

describe('what-if routes', () => {
  it('give the before/after table of three scenarios, exactly, and change nothing real', async () => {
    const before = await fingerprint();
    const run = async (s: unknown): Promise<Row[]> => {
      const res = await kpb.request('POST', `${base}/whatif/run`, s);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { units: Row[] }).units;
    };
    expect(table(await run(appeal))).toEqual(['U1 8.5 B 1 → 8.5 B 2 Δ0 *', 'U2 8.5 B 1 → 10 A 1 Δ1.5 *']);
    // U1 10 − 1 = 9; U2 8.5 − 2 = 6.5
    expect(table(await run(waiveAndJudge))).toEqual(['U1 8.5 B 1 → 9 B 1 Δ0.5 *', 'U2 8.5 B 1 → 6.5 B 2 Δ-2 *']);
    // U1 10 − 0.25 − 1 = 8.75; U2 10 − 3 × 0.25 = 9.25 ≥ 9 → A
    expect(table(await run(otherReading))).toEqual(['U1 8.5 B 1 → 8.75 B 2 Δ0.25 *', 'U2 8.5 B 1 → 9.25 A 1 Δ0.75 *']);
    expect(await fingerprint()).toEqual(before);
    const real = (await kpb.request('GET', `${base}/results`)).json() as { unitCode: string; total: string }[];
    expect(real.map((r) => `${r.unitCode} ${r.total}`).sort()).toEqual(['U1 8.5', 'U2 8.5']);
  });

  it('saves scenarios, lists them, runs a saved one and compares two side by side without changing real data', async () => {
    const ids: string[] = [];
    for (const s of [appeal, waiveAndJudge, otherReading]) {
      const res = await kpb.request('POST', `${base}/whatif/scenarios`, s);
      expect(res.statusCode, res.body).toBe(200);
      ids.push((res.json() as { id: string }).id);
    }
    expect((await kpb.request('POST', `${base}/whatif/scenarios`, appeal)).statusCode).toBe(409);
    const listed = (await kpb.request('GET', `${base}/whatif/scenarios`)).json() as { name: string; ops: unknown[] }[];
    expect(listed.map((s) => s.name).sort()).toEqual([appeal.name, otherReading.name, waiveAndJudge.name].sort());
    const before = await fingerprint();
    const saved = (await kpb.request('GET', `${base}/whatif/scenarios/${ids[0]}/result`)).json() as { units: Row[]; applied: { facts: string[] }[] };
    expect(table(saved.units)).toEqual(['U1 8.5 B 1 → 8.5 B 2 Δ0 *', 'U2 8.5 B 1 → 10 A 1 Δ1.5 *']);
    expect(saved.applied[0]!.facts).toEqual(['u2-c1']);
    const cmp = await kpb.request('GET', `${base}/whatif/compare?a=${ids[0]}&b=${ids[2]}`);
    expect(cmp.statusCode, cmp.body).toBe(200);
    const c = cmp.json() as { scenarios: { name: string; changedUnits: number }[]; units: { unitCode: string; before: { total: string }; after: { total: string; gradeName: string }[] }[] };
    expect(c.scenarios.map((s) => `${s.name}:${s.changedUnits}`)).toEqual([`${appeal.name}:2`, `${otherReading.name}:2`]);
    expect(c.units.map((u) => [u.unitCode, u.before.total, ...u.after.map((a) => `${a.total}${a.gradeName}`)])).toEqual([
      ['U1', '8.5', '8.5良好', '8.75良好'],
      ['U2', '8.5', '10优秀', '9.25优秀'],
    ]);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a scenario that names what the data lacks, in Chinese, and saves nothing', async () => {
    const before = await fingerprint();
    const bad = await kpb.request('POST', `${base}/whatif/scenarios`, { name: '错的', ops: [{ op: 'waive-fact', fact: 'no-such', reason: '试' }] });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toContain('没有编号为“no-such”的事实');
    const malformed = await kpb.request('POST', `${base}/whatif/run`, { name: '错的', ops: [{ op: 'set-band', grade: 'A', reason: '试' }] });
    expect(malformed.statusCode).toBe(400);
    expect((malformed.json() as { error: { message: string } }).error.message).toContain('ops[0].min');
    // the two refusals are audited (等保: every failed change attempt leaves a request.failed row); nothing else is written
    const after = await fingerprint();
    const added = ((await h.ctx.db.execute(sql.raw(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT ${after.counts['audit_log']! - before.counts['audit_log']!}`))) as unknown as { rows: { action: string }[] }).rows;
    expect(added.map((r) => r.action)).toEqual(['request.failed', 'request.failed']);
    expect({ ...after, counts: { ...after.counts, audit_log: 0, audit_head: 0 } }).toEqual({ ...before, counts: { ...before.counts, audit_log: 0, audit_head: 0 } });
  });

  it('is for the 考评办 only', async () => {
    const rep = await h.login('rep1');
    expect((await rep.request('POST', `${base}/whatif/run`, appeal)).statusCode).toBe(403);
    expect((await rep.request('GET', `${base}/whatif/scenarios`)).statusCode).toBe(403);
  });
});
