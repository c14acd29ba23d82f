import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, facts, results } from '../src/db/schema';
import { AppError } from '../src/lib/app-error';
import { withRetry } from '../src/services/retry';
import { createHarness, type Harness, schemeFixture, type Session } from './harness';
import { uniq } from './world-data';

/**
 * The fact lifecycle through the API, on the test scheme plus three refs of its own:
 *   I2  a leaf indicator "target + points" (5), scored by a lead assessor's judgement (001's kind);
 *   C4  on I4 (4 points): proportional to a value against a target of 100, led by LA1.
 * C1 (per-occurrence, 0.5 each, LA1) and C2 (discretionary 0–5, LA2) are the fixture's.
 * Full marks: I1 10 + I2 5 + I4 4 = 19.
 */
let h: Harness;
let kpb: Session;
let lead1: Session;
let rep1: Session;
let rep2: Session;
let div1: Session;
let a = '';
type Json = Record<string, unknown>;
type Res = { statusCode: number; json: () => unknown; body: string };
const ok = async (p: Promise<Res>) => {
  const res = await p;
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Json;
};
const errorOf = (res: Res) => (res.json() as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  h = await createHarness();
  a = h.ids.assessmentId;
  kpb = await h.login('kpb');
  lead1 = await h.login('lead1');
  rep1 = await h.login('rep1');
  rep2 = await h.login('rep2');
  div1 = await h.login('div1');
  const doc = structuredClone(schemeFixture) as Json & { indicators: Json[] };
  doc.indicators.push(
    { code: 'I2', title: '生产总值增长7%', points: '5', leadAssessors: ['LA1'] },
    { code: 'I4', title: '粮食产量', points: '4', leadAssessors: ['LA1'], clauses: [{ code: 'C4', text: '完成目标得4分，未完成按比例得分', rule: { kind: 'proportional', effect: 'score', target: '100' } }] },
  );
  const created = await ok(kpb.request('POST', `/api/assessments/${a}/schemes`, { document: doc }));
  await ok(kpb.request('POST', `/api/schemes/${created.id as string}/publish`));
});
afterAll(async () => {
  await h?.close();
});

async function recompute() {
  return ok(kpb.request('POST', `/api/assessments/${a}/recompute`));
}
async function resultOf(unit: 'U1' | 'U2') {
  const row = await ok(kpb.request('GET', `/api/assessments/${a}/results/${h.ids.units[unit]}`));
  const ledger = row.ledger as { total: string; selfAssessedTotal: string; warnings: { fact: string; kind: string; reason: string; readInstead?: string; message: string }[]; nodes: { code: string; score: string }[] };
  return { total: row.total as string, ledger };
}
const node = (r: Awaited<ReturnType<typeof resultOf>>, code: string) => r.ledger.nodes.find((n) => n.code === code)?.score;

describe('judgements', () => {
  it('score a leaf indicator with no rule, keep their kind, and change the total as the scheme says', async () => {
    // nothing yet: I1 10, I2 pending (0), C4 pending (0)
    await recompute();
    expect((await resultOf('U1')).total).toBe('10');
    const j = await ok(lead1.request('POST', `/api/assessments/${a}/judgements`, { unitId: h.ids.units.U1, clauseKey: 'I2', kind: 'score', points: '3', reason: '增长 5.6%，未达目标' }));
    expect(j).toMatchObject({ kind: 'score', points: '3', version: 1, status: 'current', enteredBy: 'lead1' });
    await recompute();
    const r = await resultOf('U1');
    expect(node(r, 'I2')).toBe('3');
    expect(r.total).toBe('13'); // 10 + 3
    // one judgement per unit on a one-judgement ref: a second is refused, the first is corrected
    const again = await lead1.request('POST', `/api/assessments/${a}/judgements`, { unitId: h.ids.units.U1, clauseKey: 'I2', kind: 'deduction', points: '1', reason: '再评' });
    expect(again.statusCode).toBe(409);
    const corrected = await ok(lead1.request('POST', `/api/judgements/${j.id as string}/correct`, { version: 1, kind: 'deduction', points: '1', reason: '数据核实后扣 1 分', changeReason: '统计局数据更新' }));
    expect(corrected).toMatchObject({ kind: 'deduction', points: '1', version: 2 });
    await recompute();
    expect(node(await resultOf('U1'), 'I2')).toBe('4'); // a deduction of 1 on a 5-point indicator
    expect((await resultOf('U1')).total).toBe('14');
  });

  it('answers a stale correction with 409 naming who changed it and when', async () => {
    const [j] = (await ok(kpb.request('GET', `/api/assessments/${a}/judgements?clauseKey=I2&unitId=${h.ids.units.U1}`))) as unknown as { id: string; version: number }[];
    const res = await kpb.request('POST', `/api/judgements/${j!.id}/correct`, { points: '2', reason: '改', changeReason: '复核' }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toMatch(/已被 lead1 于 \d{4}-\d\d-\d\dT[\d:.]+Z 修改（当前版本 2，提交所依据的版本 1）/);
  });

  it('is withdrawn with a reason: the indicator is pending again', async () => {
    const [j] = (await ok(kpb.request('GET', `/api/assessments/${a}/judgements?clauseKey=I2&unitId=${h.ids.units.U1}`))) as unknown as { id: string; version: number }[];
    const w = await ok(lead1.request('POST', `/api/judgements/${j!.id}/withdraw`, { version: j!.version, reason: '评错单位' }));
    expect(w).toMatchObject({ status: 'withdrawn', version: 3 });
    await recompute();
    expect(node(await resultOf('U1'), 'I2')).toBe('0');
    // and a new one may now be entered
    await ok(lead1.request('POST', `/api/assessments/${a}/judgements`, { unitId: h.ids.units.U1, clauseKey: 'I2', kind: 'score', points: '5', reason: '完成目标' }));
  });

  it('refuses amounts beyond the points, kinds the clause cannot take, and clauses that read no judgement, naming the clause', async () => {
    const U1 = h.ids.units.U1;
    const cases: [Json, RegExp][] = [
      [{ clauseKey: 'C2', kind: 'deduction', points: '6' }, /条款“C2”（工作推进不力的，由牵头部门酌情扣0至5分）的最高为 5 分，扣分 6 分超出该分值/],
      [{ clauseKey: 'C2', kind: 'bonus', points: '1' }, /条款“C2”.*为扣分项，不能作加分判定/],
      [{ clauseKey: 'I2', kind: 'score', points: '5.5', unitId: h.ids.units.U2 }, /指标“I2”（生产总值增长7%）的满分为 5 分，得分 5.5 分超出该分值/],
      [{ clauseKey: 'C1', kind: 'deduction', points: '0.5' }, /条款“C1”.*按所报事实计分，不读取评分判定/],
      [{ clauseKey: 'I1', kind: 'score', points: '1' }, /指标“I1”.*下设评分条款/],
    ];
    for (const [body, message] of cases) {
      const res = await kpb.request('POST', `/api/assessments/${a}/judgements`, { unitId: U1, reason: '测试', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).message).toMatch(message);
    }
    // P06 reads every judgement, each within 0–5; together they stay within the clause's points
    // (no cap and no points of its own: its indicator's 10)
    await ok(kpb.request('POST', `/api/assessments/${a}/judgements`, { unitId: U1, clauseKey: 'C2', kind: 'deduction', points: '3', reason: '推进不力' }));
    await ok(kpb.request('POST', `/api/assessments/${a}/judgements`, { unitId: U1, clauseKey: 'C2', kind: 'deduction', points: '5', reason: '再次推进不力' }));
    const over = await kpb.request('POST', `/api/assessments/${a}/judgements`, { unitId: U1, clauseKey: 'C2', kind: 'deduction', points: '2.5', reason: '第三次推进不力' });
    expect(errorOf(over).message).toMatch(/条款“C2”.*的分值为 10 分，已有判定合计 8 分，再扣分 2.5 分将超出该分值/);
    await recompute();
    expect((await resultOf('U1')).total).toBe('7'); // 10 − 3 − 5 + I2 5
  });
});

describe('reports and verification', () => {
  let reportId = '';
  it('keeps a submitted value out of the published score and shows it as self-assessed', async () => {
    const report = await ok(rep1.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: h.ids.units.U1, clauseKey: 'C4', narrative: '粮食产量完成 80%', facts: [{ id: 'c4-u1', type: 'value', value: '80' }] }));
    expect(report).toMatchObject({ state: 'submitted', version: 1 });
    reportId = report.id as string;
    await recompute();
    const r = await resultOf('U1');
    expect(r.total).toBe('7'); // C4 not verified: pending, 0
    expect(r.ledger.selfAssessedTotal).toBe('10.2'); // 7 + 4 × 80/100
  });

  it('puts the lead assessor’s verified (corrected) value in the score, superseding the reported one in the fact’s history', async () => {
    const queue = (await ok(lead1.request('GET', `/api/assessments/${a}/verification-queue`))) as { items: { report: { id: string }; unitName: string; clauseTitle: string }[] };
    expect(queue.items.map((i) => [i.report.id, i.unitName, i.clauseTitle])).toEqual([[reportId, '甲镇', '完成目标得4分，未完成按比例得分']]);
    const stale = await lead1.request('POST', `/api/reports/${reportId}/verify`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    const verified = await ok(lead1.request('POST', `/api/reports/${reportId}/verify`, { version: 1, corrections: [{ id: 'c4-u1', type: 'value', value: '90' }], reason: '按统计年鉴核定为 90%' }));
    expect(verified).toMatchObject({ state: 'verified', version: 2, stateReason: '按统计年鉴核定为 90%' });
    await recompute();
    const r = await resultOf('U1');
    expect(r.total).toBe('10.6'); // 7 + 4 × 90/100
    expect(r.ledger.selfAssessedTotal).toBe('10.6');
    const [fact] = (await ok(kpb.request('GET', `/api/assessments/${a}/facts?clauseKey=C4&unitId=${h.ids.units.U1}`))) as unknown as { id: string; source: string; state: string; version: number }[];
    expect(fact).toMatchObject({ source: 'verification', state: 'verified', version: 2 });
    const history = (await ok(kpb.request('GET', `/api/facts/${fact!.id}/versions`))) as unknown as Json[];
    expect(history.map((v) => [v.version, v.source, v.state, (v.value as Json).value, v.changedBy, v.reason])).toEqual([
      [1, 'report', 'submitted', '80', 'rep1', null],
      [2, 'verification', 'verified', '90', 'lead1', '按统计年鉴核定为 90%'],
    ]);
    // the unit cannot change a verified value
    const overwrite = await rep1.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: h.ids.units.U1, clauseKey: 'C4', facts: [{ id: 'c4-u1', type: 'value', value: '100' }] });
    expect(overwrite.statusCode).toBe(409);
  });

  it('returns a report with a reason; the returned value counts nowhere until edited and submitted again', async () => {
    const report = await ok(rep2.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: h.ids.units.U2, clauseKey: 'C4', facts: [{ id: 'c4-u2', type: 'value', value: '50' }] }));
    const returned = await ok(lead1.request('POST', `/api/reports/${report.id as string}/return`, { version: 1, reason: '缺少统计部门证明' }));
    expect(returned).toMatchObject({ state: 'returned', stateReason: '缺少统计部门证明' });
    await recompute();
    expect((await resultOf('U2')).ledger.selfAssessedTotal).toBe((await resultOf('U2')).total);
    const edited = await ok(rep2.request('PUT', `/api/reports/${report.id as string}`, { version: 2, facts: [{ id: 'c4-u2', type: 'value', value: '60' }] }));
    expect(edited).toMatchObject({ state: 'draft', version: 3 });
    expect((await rep2.request('POST', `/api/reports/${report.id as string}/submit`, {}, { 'if-match': '2' })).statusCode).toBe(409);
    await ok(rep2.request('POST', `/api/reports/${report.id as string}/submit`, { version: 3 }));
    await recompute();
    const r = await resultOf('U2');
    expect([r.total, r.ledger.selfAssessedTotal]).toEqual(['10', '12.4']); // + 4 × 60/100, self-assessed only
  });
});

describe('writes are scoped by the fact’s own unit, clause and source', () => {
  it('refuses (403) and audits a report that would overwrite a fact of another clause, or an official figure', async () => {
    const U1 = h.ids.units.U1;
    await ok(kpb.request('POST', `/api/assessments/${a}/facts/import`, { clientKey: uniq('imp'), facts: [{ id: 'official-c4', unit: 'U1', ref: 'C4', type: 'target-override', value: '100' }] }));
    // div1 answers for C1 of U1 only; it names C4's fact in a C1 report
    const crossClause = await div1.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: U1, clauseKey: 'C1', facts: [{ id: 'official-c4', type: 'occurrence', count: 1 }] });
    expect(crossClause.statusCode).toBe(403);
    expect(errorOf(crossClause).message).toBe('事实“official-c4”属于“C4”，不能经由“C1”的报送新建或修改');
    // rep1 may report C4 for U1, but not over the 考评办's official figure
    const official = await rep1.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('r'), unitId: U1, clauseKey: 'C4', facts: [{ id: 'official-c4', type: 'target-override', value: '50' }] });
    expect(official.statusCode).toBe(403);
    expect(errorOf(official).message).toMatch(/考评办导入的官方数据，单位报送不能覆盖/);
    const [fact] = await h.ctx.db.select().from(facts).where(and(eq(facts.assessmentId, a), eq(facts.factKey, 'official-c4')));
    expect(fact).toMatchObject({ clauseKey: 'C4', source: 'import', state: 'official', version: 1 });
    expect((fact!.value as Json).value).toBe('100');
    const denied = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'access.denied'));
    const refused = denied.map((d) => [d.actorLogin, d.outcome, (d.after as Json).refused]);
    expect(refused).toContainEqual(['div1', 'denied', { factKey: 'official-c4', period: '全年', factRef: 'C4', requestRef: 'C1' }]);
    expect(refused).toContainEqual(['rep1', 'denied', { factKey: 'official-c4', period: '全年', source: 'import' }]);
    // nothing of either attempt was written: no report row, no fact version
    expect((await ok(kpb.request('GET', `/api/assessments/${a}/reports?clauseKey=C1&unitId=${U1}`))) as unknown as unknown[]).toEqual([]);
  });

  it('refuses an import over a reported value (409), leaving the whole import unwritten', async () => {
    const res = await kpb.request('POST', `/api/assessments/${a}/facts/import`, {
      clientKey: uniq('imp'),
      facts: [
        { id: 'new-one', unit: 'U2', ref: 'C1', type: 'occurrence', count: 1 },
        { id: 'c4-u2', unit: 'U2', ref: 'C4', type: 'value', value: '70' },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toMatch(/事实“c4-u2”已单位报送，导入不能覆盖/);
    expect(await h.ctx.db.select().from(facts).where(eq(facts.factKey, 'new-one'))).toEqual([]);
  });
});

describe('the engine never drops a fact silently', () => {
  it('shows a conflicting value and a fact no rule reads as warnings in the unit’s result', async () => {
    await ok(
      kpb.request('POST', `/api/assessments/${a}/facts/import`, {
        clientKey: uniq('imp'),
        facts: [
          { id: 'c4-a', unit: 'U2', ref: 'I2', type: 'judgement', amount: '2', reason: '导入的判定' },
          { id: 'c4-b', unit: 'U2', ref: 'I2', type: 'judgement', amount: '4', reason: '另一份判定' },
          { id: 'stray', unit: 'U2', ref: 'C1', type: 'value', value: '3' },
        ],
      }),
    );
    await recompute();
    const r = await resultOf('U2');
    expect(node(r, 'I2')).toBe('2'); // the lifecycle's first: same source and time, then key order
    expect(r.ledger.warnings.map((w) => [w.fact, w.kind, w.reason, w.readInstead])).toEqual([
      ['stray', 'unread', 'type-not-read', undefined],
      ['c4-b', 'conflict', 'one-read', 'c4-a'],
    ]);
    expect(r.ledger.warnings[1]!.message).toBe('事实“c4-b”（I2）未计入：评分规则只读取一条此类事实，已采用“c4-a”，请核对后撤回或更正其中一条');
  });
});

describe('results are a pure function of the data', () => {
  it('gives the same totals and input hash after rewrites of the rows, ANALYZE and VACUUM', async () => {
    const first = await recompute();
    const before = await h.ctx.db.select({ unitId: results.unitId, total: results.total }).from(results).where(eq(results.assessmentId, a));
    // move every fact and judgement row in the heap without changing its data
    await h.ctx.db.execute(sql`UPDATE facts SET reason = reason`);
    await h.ctx.db.execute(sql`ANALYZE`);
    await h.ctx.db.execute(sql`VACUUM facts`);
    const second = await recompute();
    expect(second.inputSha256).toBe(first.inputSha256);
    const after = await h.ctx.db.select({ unitId: results.unitId, total: results.total }).from(results).where(eq(results.assessmentId, a));
    expect(new Map(after.map((r) => [r.unitId, r.total]))).toEqual(new Map(before.map((r) => [r.unitId, r.total])));
  });

  it('leaves one audit row per business change, and reports that race on the same facts both succeed', async () => {
    const U2 = h.ids.units.U2;
    const [x, y] = await Promise.all([
      rep2.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('race'), unitId: U2, clauseKey: 'C1', facts: [{ id: 'race-a', type: 'occurrence' }, { id: 'race-b', type: 'occurrence' }] }),
      rep2.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('race'), unitId: U2, clauseKey: 'C1', facts: [{ id: 'race-b', type: 'occurrence' }, { id: 'race-a', type: 'occurrence' }] }),
    ]);
    // the second one finds the facts submitted in the other report: a clear 409, never a 500
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const created = (x.statusCode === 200 ? x : y).json() as { id: string };
    const rows = await h.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'report.submit'), eq(auditLog.objectId, created.id)));
    expect(rows).toHaveLength(1);
  });
});

describe('contention', () => {
  it('lets imports of the same facts in opposite orders both succeed, each a version, no deadlock', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `lot-${String(i).padStart(2, '0')}`);
    const body = (order: string[], count: number) => ({ clientKey: uniq('lot'), facts: order.map((id) => ({ id, unit: 'U2', ref: 'C1', type: 'occurrence', count })) });
    const results = await Promise.all([
      kpb.request('POST', `/api/assessments/${a}/facts/import`, body(keys, 1)),
      kpb.request('POST', `/api/assessments/${a}/facts/import`, body([...keys].reverse(), 2)),
      kpb.request('POST', `/api/assessments/${a}/facts/import`, body([...keys.slice(15), ...keys.slice(0, 15)], 3)),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const rows = await h.ctx.db.select({ key: facts.factKey, version: facts.version }).from(facts).where(and(eq(facts.assessmentId, a), eq(facts.unitId, h.ids.units.U2)));
    const lots = rows.filter((r) => r.key.startsWith('lot-'));
    expect(lots).toHaveLength(30);
    expect(new Set(lots.map((r) => r.version))).toEqual(new Set([3]));
    // the lots are official occurrences the next tests do not need
    for (const id of keys) {
      const [f] = await h.ctx.db.select({ id: facts.id }).from(facts).where(and(eq(facts.assessmentId, a), eq(facts.factKey, id)));
      await ok(kpb.request('POST', `/api/facts/${f!.id}/withdraw`, { version: 3, reason: '测试数据' }));
    }
  });
});

describe('what each role sees of the outcome', () => {
  it('lists the verified and the self-assessed total side by side, with the count of warnings', async () => {
    await recompute();
    const rows = (await ok(kpb.request('GET', `/api/assessments/${a}/results`))) as unknown as { unitCode: string; total: string; selfAssessedTotal: string; warnings: number }[];
    const byCode = Object.fromEntries(rows.map((r) => [r.unitCode, r]));
    expect(byCode.U1).toMatchObject({ total: '10.6', selfAssessedTotal: '10.6', warnings: 0 });
    expect(byCode.U2!.warnings).toBe(2);
    expect(Number(byCode.U2!.selfAssessedTotal)).toBeGreaterThan(Number(byCode.U2!.total));
  });

  it('shows the lead assessor the ledger lines of its own judgement', async () => {
    const [j] = (await ok(lead1.request('GET', `/api/assessments/${a}/judgements?clauseKey=I2&unitId=${h.ids.units.U1}&state=current`))) as unknown as { id: string }[];
    const effect = await ok(lead1.request('GET', `/api/judgements/${j!.id}/effect`));
    expect(effect).toMatchObject({ isCurrent: true, judgement: { points: '5', kind: 'score' } });
    expect((effect.lines as { amount: string; text: string }[]).map((l) => l.amount)).toEqual(['5']);
    expect((effect.lines as { text: string }[])[0]!.text).toContain('完成目标');
  });

  it('lets a division report the clause assigned to it; once verified it counts in its unit’s result (000’s decomposition)', async () => {
    const before = (await resultOf('U1')).total;
    const report = await ok(div1.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('div'), unitId: h.ids.units.U1, clauseKey: 'C1', narrative: '党政办：被通报一次', facts: [{ id: 'div-occ', type: 'occurrence', note: '市通报' }] }));
    await ok(lead1.request('POST', `/api/reports/${report.id as string}/verify`, { version: 1 }));
    await recompute();
    expect(before).toBe('10.6');
    expect((await resultOf('U1')).total).toBe('10.1'); // − 0.5 per 通报 (C1)
    // the division cannot report a clause not assigned to it
    expect((await div1.request('POST', `/api/assessments/${a}/reports`, { clientKey: uniq('div'), unitId: h.ids.units.U1, clauseKey: 'C4', facts: [] })).statusCode).toBe(403);
  });
});

describe('withRetry', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
  it('runs a transaction again after a deadlock or serialization failure', async () => {
    let calls = 0;
    const value = await withRetry(async () => {
      calls++;
      if (calls < 3) throw deadlock;
      return 'done';
    }, { baseMs: 1 });
    expect([value, calls]).toEqual(['done', 3]);
  });
  it('gives up after a bounded number of attempts with a 503 in Chinese', async () => {
    let calls = 0;
    const error = await withRetry(async () => {
      calls++;
      throw Object.assign(new Error('could not serialize'), { code: '40001' });
    }, { attempts: 4, baseMs: 1 }).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unavailable');
    expect((error as AppError).userMessage).toMatch(/系统繁忙/);
  });
  it('does not retry other errors', async () => {
    let calls = 0;
    await withRetry(async () => {
      calls++;
      throw new AppError('conflict', 'x');
    }).catch(() => undefined);
    expect(calls).toBe(1);
  });
});
