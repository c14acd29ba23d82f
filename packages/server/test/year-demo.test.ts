import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import { createContext } from '../src/context';
import { runYearDemo } from '../src/demo/year-demo';
import { buildApp, type App } from '../src/http/app';
import { createFakeClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { openTestDatabase } from './test-database';

/** Exact decimal sum of decimal strings, in millionths. */
const sum = (values: string[]): string => {
  const total = values.reduce((a, v) => {
    const negative = v.startsWith('-');
    const [i, f = ''] = v.replace(/^-/, '').split('.');
    const abs = BigInt(i!) * 1_000_000n + BigInt((f + '000000').slice(0, 6));
    return a + (negative ? -abs : abs);
  }, 0n);
  const abs = total < 0n ? -total : total;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${total < 0n ? '-' : ''}${abs / 1_000_000n}${frac ? `.${frac}` : ''}`;
};

let app: App;
let close: () => Promise<void>;
let demo: Awaited<ReturnType<typeof runYearDemo>>;
beforeAll(async () => {
  const database = await openTestDatabase();
  const config = loadConfig({ ...process.env, DATABASE_URL: '', NODE_ENV: 'test', DEMO_ON_EMPTY: 'false', RECOMPUTE_DELAY_MS: '0', JOB_POLL_MS: '0' });
  const clock = createFakeClock(new Date('2021-01-05T01:00:00Z'));
  const ctx = createContext({ config, db: database.db, dbKind: database.kind, clock, crypto: intlCryptoProvider });
  app = await buildApp(ctx);
  close = async () => {
    await app.close();
    await database.close();
  };
  const seed = join(import.meta.dirname, '..', '..', 'office', 'test', 'fixtures', 'seeds', '001_c9fa6fd301574412.txt');
  demo = await runYearDemo(app, ctx, clock, seed, () => undefined);
}, 600_000);
afterAll(async () => {
  await close?.();
});

type Row = { unitId: string; unitName: string; group: string | null; total: string; rank: number | null; gradeName: string | null };

/** Competition ranking within each group (1, 2, 2, 4) and the 考评办's percentile grades (30 % / 70 % / rest). */
function expectRanksAndGrades(rows: Row[]) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) if (r.group) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  expect(groups.size).toBe(9);
  for (const [, list] of groups) {
    for (const r of list) {
      const rank = 1 + list.filter((o) => Number(o.total) > Number(r.total)).length;
      expect(r.rank, `${r.unitName}`).toBe(rank);
      // percentile grades count half-up (docs/scheme-format.md): 30 % of 9 units = 2.7 → the first 3
      const upTo = (percent: number) => Math.floor((list.length * percent) / 100 + 0.5);
      expect(r.gradeName, `${r.unitName} 名次 ${rank}/${list.length}`).toBe(rank <= upTo(30) ? '优秀' : rank <= upTo(70) ? '良好' : '合格');
    }
  }
}

describe('npm run year:demo (seed 001 through the HTTP API)', () => {
  it('imports the scheme upload and makes its units in one call, matching the pinyin-coded 螅镇', () => {
    expect(demo.imported.units).toHaveLength(87);
    expect(demo.imported.needsReview).toEqual([]);
    expect(demo.imported.coverage).toBe('评分条款 0 条（本文件没有评分标准列）；目标+分值指标 586 项（原文未写评分方法，由考核牵头部门评分）；负面清单 40 项');
    expect(demo.units.matched).toEqual([expect.objectContaining({ schemeName: '螅镇', unitCode: 'xizhen', by: 'name' })]);
    expect(demo.units.created).toHaveLength(86);
    expect(demo.unitList.filter((u) => u.name === '螅镇')).toHaveLength(1);
  });

  it('dates the reports against the calendar: 螅镇 on time, 坑镇 late, then returned, then verified with its lateness kept', () => {
    // one annual window on each of the two town indicators (001's 镇级指标 3 applies to its 20 towns)
    expect(demo.dueDate).toBe('2021-01-15');
    expect(demo.generated.total).toBe(40);
    const view = (d: (typeof demo.due)[string]) => [d.unitName, d.ref, d.unitDue, d.state, d.stateName, d.daysLate];
    expect(view(demo.due.xizhenSubmitted!)).toEqual(['螅镇', demo.judged[0]!.ref, '2021-01-15', 'submitted', '已报送', 0]);
    // submitted on 2021-01-17, two days after the due date
    expect(view(demo.due.kengzhenLate!)).toEqual(['坑镇', demo.returnedRef.ref, '2021-01-15', 'late', '逾期报送', 2]);
    expect(view(demo.due.kengzhenReturned!)).toEqual(['坑镇', demo.returnedRef.ref, '2021-01-15', 'returned', '已退回', 2]);
    // verified after the resubmission: the first submission's date still decides the lateness
    expect(view(demo.due.kengzhenVerified!)).toEqual(['坑镇', demo.returnedRef.ref, '2021-01-15', 'verified', '已核定', 2]);
    expect(demo.due.kengzhenVerified!.submittedAt).toBe(demo.due.kengzhenLate!.submittedAt);
    expect(view(demo.due.xizhenVerified!)).toEqual(['螅镇', demo.judged[0]!.ref, '2021-01-15', 'verified', '已核定', 0]);
  });

  it('shows the units’ completion flags as facts no rule reads, for exactly the two reporting towns', () => {
    expect([...demo.warnings.keys()].sort()).toEqual([demo.xizhenUnitId, demo.kengzhenUnit].sort());
    expect(demo.warnings.get(demo.xizhenUnitId)).toEqual([expect.objectContaining({ fact: `完成情况-${demo.judged[0]!.ref}`, reason: 'type-not-read' })]);
    expect(demo.warnings.get(demo.kengzhenUnit)).toEqual([expect.objectContaining({ fact: `完成情况-${demo.returnedRef.ref}`, reason: 'type-not-read' })]);
  });

  it('scores every unit as the sum of its judged leaves, exactly', () => {
    expect(demo.current).toHaveLength(87);
    for (const r of demo.current) {
      // every other non-zero line is the 民生保障 ceiling of the towns (3.5 at most 35, 001:552), giving back what is above it
      const others = demo.ledgers.get(r.unitId)!.filter((l) => l.msg !== 'node.judged' && l.amount !== '0');
      for (const l of others) {
        expect(l).toMatchObject({ msg: 'node.ceiling', ref: '3.5' });
        expect(sum([l.amount, (l as unknown as { params: { score: string } }).params.score])).toBe('35');
      }
      expect(r.total, r.unitId).toBe(sum([...(demo.fed.get(r.unitId) ?? []), ...others.map((l) => l.amount)]));
    }
    expect(demo.current.filter((r) => demo.ledgers.get(r.unitId)!.some((l) => l.msg === 'node.ceiling'))).toHaveLength(20);
    // the two towns the lead assessor judged through the API: 螅镇 full 5 on 3.1.1, 坑镇 4.65 of 5 on 3.1.2
    expect(demo.judged.map((j) => j.ref)).toEqual(['3.1.1', '3.1.2']);
  });

  it('publishes after the 公示 with ranks and grades as the scheme says, each unit seeing only its own preview', () => {
    expect(demo.mine.map((r) => r.unitName)).toEqual(['螅镇']);
    expect(demo.mine[0]!.total).toBe(demo.current.find((r) => r.unitId === demo.xizhenUnitId)!.total);
    expect(demo.verify1).toMatchObject({ ok: true });
    expect(demo.first.sequence).toBe(1);
    const byUnit = new Map(demo.current.map((r) => [r.unitId, r.total]));
    for (const r of demo.published1) expect(r.total).toBe(byUnit.get(r.unitId));
    // the published ranks are the ranks computed before the 公示
    const rankBefore = new Map(demo.current.map((r) => [r.unitId, r.rank]));
    for (const r of demo.published1) expect(r.rank, r.unitName).toBe(rankBefore.get(r.unitId) ?? null);
    expectRanksAndGrades(demo.published1.filter((r) => r.group !== null));
    expect(demo.published1.filter((r) => r.group === null).map((r) => r.unitName)).toEqual(['本级']);
  });

  it('publishes the upheld appeal as version 2: only 坑镇’s line changes (+0.35), and the knock-on rank and grade show in the diff', () => {
    expect(demo.second.sequence).toBe(2);
    expect(demo.verify2).toMatchObject({ ok: true });
    const before = new Map(demo.published1.map((r) => [r.unitId, r]));
    for (const r of demo.published2) {
      const b = before.get(r.unitId)!;
      expect(r.total, r.unitName).toBe(r.unitId === demo.kengzhenUnit ? sum([b.total, '0.35']) : b.total);
    }
    expectRanksAndGrades(demo.published2.filter((r) => r.group !== null));
    const changed = demo.published2.filter((r) => {
      const b = before.get(r.unitId)!;
      return b.total !== r.total || b.rank !== r.rank || b.gradeName !== r.gradeName;
    });
    expect(demo.second.diff.map((d) => d.unitName).sort()).toEqual(changed.map((r) => r.unitName).sort());
    const k = demo.second.diff.find((d) => d.unitName === '坑镇')!;
    expect(k.lines).toEqual([expect.stringMatching(/^删去：3\.1\.2：评定 4\.65 分（分值 5 分）/), expect.stringMatching(/^新增：3\.1\.2：评定 5 分（分值 5 分）/)]);
  });
});
