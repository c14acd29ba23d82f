/** P21–P25: rank bands, external rank drops and bonuses, bottom-k, top-k, and every conversion P25a–k. */
import { describe, expect, it } from 'vitest';
import type { ConversionMethod, Rule } from '../../src/rules/rule.types';
import type { Fact } from '../../src/scheme/fact.types';
import { buildScheme, clauseStatus, d, expectExplains, f, ledgerSum, linesOf, msgs, run, score, str, sumOf, total, type Build, unitOf } from '../test-scheme';

/** Totals of every unit, in unit order. */
const totals = (b: Build, facts: readonly Fact[]): string[] => run(buildScheme(b), facts).units.map((u) => str(u.total));

describe('P21 rank-band scoring', () => {
  // 003:3635 按项目谋划个数排名计分，1-5名得30分，6-10名得20分，其余得10分
  const rule: Rule = {
    kind: 'rank-bands',
    effect: 'score',
    metric: { of: 'value' },
    order: 'desc',
    bands: [
      { from: 1, to: 5, amount: d(30) },
      { from: 6, to: 10, amount: d(20) },
    ],
    otherwise: d(10),
  };
  const values = (vs: number[]): Fact[] => vs.map((v, i) => f.value(String(v), { unit: `U${i + 1}` }));

  it('12 distinct values: ranks 1–5 → 30, 6–10 → 20, 11–12 → 10', () => {
    expect(totals({ rule, points: '30', units: 12 }, values([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]))).toEqual(['30', '30', '30', '30', '30', '20', '20', '20', '20', '20', '10', '10']);
  });

  it('a tie across the 5/6 edge: both rank 5 (1,2,3,4,5,5,7…) and both get 30', () => {
    expect(totals({ rule, points: '30', units: 12 }, values([12, 11, 10, 9, 8, 8, 6, 5, 4, 3, 2, 1]))).toEqual(['30', '30', '30', '30', '30', '30', '20', '20', '20', '20', '10', '10']);
  });

  it('the line says the rank and the tie', () => {
    const res = run(buildScheme({ rule, points: '30', units: 6 }), values([9, 8, 7, 6, 5, 5]));
    expectExplains(linesOf(unitOf(res, 'U6'), 'score')[0]!, '5 在同组 6 个单位中排第 5 名（并列），属“1-5”名档，计 30 分');
  });

  it('ranks are taken within each ranking group, not across groups', () => {
    const facts = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((u, i) => f.value(String(10 - i), { unit: u }));
    const r: Rule = { ...rule, bands: [{ from: 1, to: 1, amount: d(30) }] };
    expect(totals({ rule: r, points: '30', groups: { A: 3, B: 3 } }, facts)).toEqual(['30', '10', '10', '30', '10', '10']);
  });

  it("order 'asc' ranks the smallest first", () => {
    expect(totals({ rule: { ...rule, order: 'asc' }, points: '30', units: 7 }, values([1, 2, 3, 4, 5, 6, 7]))).toEqual(['30', '30', '30', '30', '30', '20', '20']);
  });

  it('a unit without a value is needs-judgement and is not ranked', () => {
    const res = run(buildScheme({ rule, points: '30', units: 3 }), values([5, 4]));
    expect(unitOf(res, 'U3').pendingJudgements).toBe(1);
    expect(str(unitOf(res, 'U2').total)).toBe('30');
  });
});

describe('P22/P24 external rank: drop deduction by role, bottom zero, top bonus by role', () => {
  // 003:1686 评价指标在位列全省第6名之前不扣分；位列全省第6名之后，排名每下降1位一类责任单位扣0.1分、二类责任单位扣0.05分，
  //          后三名责任单位和配合单位该单项不得分
  // 003:1708 一级指标位列全省前三位的一类责任单位分别加0.5分、0.4分、0.3分，二类责任单位分别加0.3分、0.2分、0.1分
  const rule: Rule = {
    kind: 'external-rank',
    safeRank: 6,
    safeInclusive: true,
    perPlaceByRole: { 一类: d('0.1'), 二类: d('0.05') },
    bottomZero: 3,
    topBonusByRole: { 一类: [d('0.5'), d('0.4'), d('0.3')], 二类: [d('0.3'), d('0.2'), d('0.1')] },
  };
  it.each([
    { rank: 1, role: '一类', want: '2.5' }, // 2 + 0.5 (item ceiling lifted)
    { rank: 3, role: '二类', want: '2.1' }, // 2 + 0.1
    { rank: 4, role: '一类', want: '2' },
    { rank: 6, role: '一类', want: '2' }, // 第6名 itself is safe (safeInclusive)
    { rank: 7, role: '一类', want: '1.9' }, // 1 place × 0.1
    { rank: 10, role: '二类', want: '1.8' }, // 4 places × 0.05
    { rank: 15, role: '一类', want: '1.1' }, // 9 places × 0.1; 15 is not in the bottom 3 of 18
    { rank: 16, role: '一类', want: '0' }, // bottom 3 of 18: 该单项不得分
    { rank: 18, role: '配合', want: '0' }, // …责任单位和配合单位
  ])('rank $rank of 18 ($role) → $want', ({ rank, role, want }) => {
    const u = score({ rule, points: '2', indicator: { ceiling: null } }, [f.rank(rank, { of: 18, role })]);
    expect(total(u)).toBe(want);
  });

  it('§8.1(2) "第6名之后" read as 6th penalised: safeInclusive false', () => {
    expect(total(score({ rule: { ...rule, safeInclusive: false }, points: '2' }, [f.rank(6, { of: 18, role: '一类' })]))).toBe('1.9');
  });

  it('§8.1(9) with the default ceiling the top bonus cannot lift a 2-point item above 2', () => {
    const u = score({ rule, points: '2' }, [f.rank(1, { of: 18, role: '一类' })]);
    expect(total(u)).toBe('2');
    expect(linesOf(u, 'ceiling')).toHaveLength(1);
  });

  it('the bottom-zero line explains itself', () => {
    const u = score({ rule, points: '2' }, [f.rank(17, { of: 18, role: '二类' })]);
    const [rankLine, zeroLine] = linesOf(u, 'zero');
    expect(rankLine!.msg).toBe('rank.bottom-zero');
    expectExplains(rankLine, '全省 18 个中排第 17 名，属后 3 名，该单项不得分');
    expectExplains(zeroLine, '本项直接计零（原 2 分）');
    expect(str(zeroLine!.amount)).toBe('-2');
  });

  it.each([
    { fact: f.rank(8, { of: 18, role: '三类' }), why: 'a role without a per-place amount' },
    { fact: f.rank(8, { role: '一类' }), why: 'bottom-zero needs the number ranked' },
  ])('$why → needs-judgement', ({ fact }) => {
    const u = score({ rule, points: '2' }, [fact]);
    expect(u.pendingJudgements).toBe(1);
    expect(total(u)).toBe('2');
  });

  it('a cap on the drop deduction: 12 places × 0.1 capped at 1', () => {
    const u = score({ rule: { ...rule, bottomZero: undefined, cap: d(1) }, points: '2' }, [f.rank(18, { of: 18, role: '一类' })]);
    expect(total(u)).toBe('1');
  });
});

describe('P23 bottom-k or bottom-percentile deduction', () => {
  // 000:699-703 分类别评价…排名后 20%的扣 0.1 分
  const rule: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', percent: d(20), amount: d('0.1') };
  const values = (vs: number[]): Fact[] => vs.map((v, i) => f.value(String(v), { unit: `U${i + 1}` }));
  it.each([
    { vs: [5, 4, 3, 2, 1], rounding: 'floor', want: ['1', '1', '1', '1', '0.9'] }, // 20% of 5 = 1
    { vs: [7, 6, 5, 4, 3, 2, 1], rounding: 'floor', want: ['1', '1', '1', '1', '1', '1', '0.9'] }, // 20% of 7 = 1.4 → 1
    { vs: [7, 6, 5, 4, 3, 2, 1], rounding: 'ceil', want: ['1', '1', '1', '1', '1', '0.9', '0.9'] }, // 1.4 → 2
    { vs: [7, 6, 5, 4, 3, 2, 1], rounding: 'exact', want: ['1', '1', '1', '1', '1', '1', '0.9'] }, // 1.4: only rank-from-bottom 1 is ≤ 1.4
    { vs: [4, 3, 2, 1], rounding: 'floor', want: ['1', '1', '1', '1'] }, // 20% of 4 = 0.8 → 0: nobody
    { vs: [4, 3, 2, 1], rounding: 'ceil', want: ['1', '1', '1', '0.9'] }, // 0.8 → 1
    { vs: [5, 4, 3, 2, 2], rounding: 'floor', want: ['1', '1', '1', '0.9', '0.9'] }, // tie at the bottom edge: both in
  ] as const)('$vs ($rounding) → $want', ({ vs, rounding, want }) => {
    expect(totals({ rule: { ...rule, countRounding: rounding }, points: '1', units: vs.length }, values([...vs]))).toEqual(want);
  });

  // 003:4118-4126 条目信息 … 年度排名后5名，扣0.1分 (k = 5 of 8)
  it('003:4118 后5名 of 8', () => {
    const r: Rule = { kind: 'bottom-k', metric: { of: 'value' }, order: 'desc', k: 5, amount: d('0.1') };
    expect(totals({ rule: r, points: '1', units: 8 }, values([8, 7, 6, 5, 4, 3, 2, 1]))).toEqual(['1', '1', '1', '0.9', '0.9', '0.9', '0.9', '0.9']);
  });

  it('per ranking group (分类别评价): the bottom 20% of each class', () => {
    const facts = ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'B3', 'B4', 'B5'].map((u, i) => f.value(String(10 - i), { unit: u }));
    expect(totals({ rule, points: '1', groups: { A: 5, B: 5 } }, facts)).toEqual(['1', '1', '1', '1', '0.9', '1', '1', '1', '1', '0.9']);
  });

  it('the line explains the position from the bottom', () => {
    const res = run(buildScheme({ rule, points: '1', units: 5 }), values([5, 4, 3, 2, 1]));
    expectExplains(unitOf(res, 'U5').ledger.find((l) => l.kind === 'deduction')!, '1 在同组 5 个单位中排倒数第 1 名，属后 1 名（后 20%），扣 0.1 分');
  });
});

describe('P24 top-k bonus (internal ranking)', () => {
  // 003:3633 前5名进行加分 — amounts by rank, here 0.5 / 0.4 / 0.3
  const rule: Rule = { kind: 'top-k', metric: { of: 'value' }, order: 'desc', amounts: [d('0.5'), d('0.4'), d('0.3')] };
  it.each([
    { vs: [9, 8, 7, 6], want: ['0.5', '0.4', '0.3', '0'] },
    { vs: [9, 8, 8, 6], want: ['0.5', '0.4', '0.4', '0'] }, // tie at 2: both 0.4, next is rank 4
    { vs: [9, 9, 9, 9], want: ['0.5', '0.5', '0.5', '0.5'] },
  ])('$vs → $want', ({ vs, want }) => {
    expect(totals({ rule, indicator: { role: 'bonus' }, units: vs.length }, vs.map((v, i) => f.value(String(v), { unit: `U${i + 1}` })))).toEqual(want);
  });
});

describe('P25 conversion of a sub-assessment into the master score', () => {
  const conv = (method: ConversionMethod, effect: 'score' | 'deduction' = 'score', from?: string): Rule => ({ kind: 'conversion', effect, method, ...(from ? { from } : {}) });

  // P25a 003:26 民生实事实行百分制，权重10分; 003:3721 考核得分以实际得分÷100报
  it.each([
    { s: '85', want: '8.5' },
    { s: '100', want: '10' },
    { s: '0', want: '0' },
    { s: '66.67', want: '6.667' },
  ])('P25a linear: $s/100 × 10 → $want', ({ s, want }) => {
    expect(total(score({ rule: conv({ type: 'linear', weight: d(10) }), points: '10' }, [f.sub(s)]))).toBe(want);
  });

  it('P25a the base comes from the sub-assessment (a 1000-point topic): 850/1000 × 10 = 8.5', () => {
    const u = score({ rule: conv({ type: 'linear', weight: d(10) }, 'score', 'S1'), points: '10', subAssessments: [{ code: 'S1', title: '专项', base: d(1000) }] }, [f.sub('850')]);
    expect(total(u)).toBe('8.5');
    expectExplains(linesOf(u, 'score')[0]!, '专项得分 850 ÷ 1000 × 权重 10 = 8.5 分');
  });

  it('P25a a missing sub-score is needs-judgement', () => {
    expect(score({ rule: conv({ type: 'linear', weight: d(10) }), points: '10' }, []).pendingJudgements).toBe(1);
  });

  // P25b 003:2959 80分以下的，不得分；80-85分的，按0.5分计…85-90分的，按1分计…90-95分的，按2分计…95分以上的，按3分计
  const food = conv({
    type: 'bands',
    bands: [
      { min: d(95), amount: d(3) },
      { min: d(90), max: d(95), amount: d(2) },
      { min: d(85), max: d(90), amount: d(1) },
      { min: d(80), max: d(85), amount: d('0.5') },
    ],
    otherwise: d(0),
  });
  it.each([
    { s: '79.99', want: '0' },
    { s: '80', want: '0.5' },
    { s: '84.99', want: '0.5' },
    { s: '85', want: '1' },
    { s: '94.99', want: '2' },
    { s: '95', want: '3' },
    { s: '100', want: '3' },
  ])('P25b bands: $s → $want', ({ s, want }) => {
    expect(total(score({ rule: food, points: '3' }, [f.sub(s)]))).toBe(want);
  });

  // P25c 000:1016 良好（含）以上不扣分；良好以下的，每 5 分为一档，每档扣 0.1 分 (良好 = 80, an external definition)
  it.each([
    { s: '85', rounding: 'ceil', want: '1' },
    { s: '80', rounding: 'ceil', want: '1' }, // 良好（含）
    { s: '79.9', rounding: 'ceil', want: '0.9' }, // ⌈0.1/5⌉ = 1 band
    { s: '75', rounding: 'ceil', want: '0.9' }, // ⌈5/5⌉ = 1
    { s: '74.9', rounding: 'ceil', want: '0.8' }, // ⌈5.1/5⌉ = 2
    { s: '60', rounding: 'ceil', want: '0.6' }, // 4 bands
    { s: '79.9', rounding: 'floor', want: '1' }, // a partial band not counted
  ] as const)('P25c grade steps: $s ($rounding) → $want', ({ s, rounding, want }) => {
    const r = conv({ type: 'grade-steps', good: d(80), width: d(5), perStep: d('0.1'), stepRounding: rounding }, 'deduction');
    expect(total(score({ rule: r, points: '1' }, [f.sub(s)]))).toBe(want);
  });

  // P25d 003:4454 以总分最高分为基准，视为满分1分 (the formula is missing in the source: S/max × W assumed)
  it('P25d best-normalised: 90, 60, 45 → 1, 0.666667, 0.5', () => {
    const facts = ['90', '60', '45'].map((s, i) => f.sub(s, { unit: `U${i + 1}` }));
    expect(totals({ rule: conv({ type: 'best-normalised', weight: d(1) }), points: '1', units: 3 }, facts)).toEqual(['1', '0.666667', '0.5']);
  });

  // P25e 000:309 根据…人才工作…考核得分情况折算扣分 (f unspecified: proportional to the shortfall, W = 0.5)
  it('P25e 折算扣分 read as proportional: (100 − 85)/100 × 0.5 = 0.075', () => {
    expect(total(score({ rule: conv({ type: 'deduction-proportional', weight: d('0.5') }, 'deduction'), points: '0.5' }, [f.sub('85')]))).toBe('0.425');
  });

  // P25f 003:4567 社会信用体系建设考核扣分值按比例在示范区目标绩效考核中相应扣分 (W = 5)
  it.each([
    { s: '92', want: '4.6' }, // 5 − 8/100 × 5
    { s: '100', want: '5' },
    { s: '105', want: '5' }, // above the base: nothing lost
  ])('P25f deduction-proportional: $s → $want', ({ s, want }) => {
    expect(total(score({ rule: conv({ type: 'deduction-proportional', weight: d(5) }, 'deduction'), points: '5' }, [f.sub(s)]))).toBe(want);
  });

  // P25g 003:340 最终得分=（现场核查得分×80%）+（综合评价×20%）±增减分
  it('P25g weighted: 90 × 0.8 + 80 × 0.2 = 88', () => {
    const r = conv({ type: 'weighted', weights: { 现场核查: d('0.8'), 综合评价: d('0.2') } });
    const u = score({ rule: r, points: '100' }, [f.sub('90', { channel: '现场核查' }), f.sub('80', { channel: '综合评价' })]);
    expect(total(u)).toBe('88');
    expectExplains(linesOf(u, 'score')[0]!, '加权：现场核查 90×0.8=72；综合评价 80×0.2=16，合计 88 分');
  });

  // 003:1897 日常工作分值为30分，实地考核分值为60分，群众满意度测评分值为10分 (channels on 100, weights 0.3/0.6/0.1)
  it('P25g 依法治区 three channels: 90 × 0.3 + 80 × 0.6 + 95 × 0.1 = 84.5; a missing channel is needs-judgement', () => {
    const r = conv({ type: 'weighted', weights: { 日常: d('0.3'), 实地: d('0.6'), 满意度: d('0.1') } });
    const facts = [f.sub('90', { channel: '日常' }), f.sub('80', { channel: '实地' }), f.sub('95', { channel: '满意度' })];
    expect(total(score({ rule: r, points: '100' }, facts))).toBe('84.5');
    const u = score({ rule: r, points: '100' }, facts.slice(0, 2));
    expect(u.pendingJudgements).toBe(1);
    expectExplains(linesOf(u, 'pending')[0]!, '缺少以下部分的得分：满意度');
  });

  // P25h 003:2482 此项考核表总分值为1000，最终得分换算成百分制
  it.each([
    { s: '873', weight: undefined, want: '87.3' },
    { s: '873', weight: '5', want: '4.365' }, // 87.3 × 5/100
    { s: '1000', weight: undefined, want: '100' },
  ])('P25h rescale $s/1000 (weight $weight) → $want', ({ s, weight, want }) => {
    const r = conv({ type: 'rescale', rawBase: d(1000), ...(weight ? { weight: d(weight) } : {}) });
    expect(total(score({ rule: r, points: weight ?? '100' }, [f.sub(s)]))).toBe(want);
  });

  // P25i 003:5803 日常考核得分为四个季度考核平均分的90%; 003:6032 年度考评得分=月度考评累计得分/12
  it.each([
    { scores: ['80', '90', '85', '95'], method: { type: 'period-average', factor: d('0.9') }, want: '78.75' }, // 87.5 × 0.9
    { scores: ['80', '90', '85'], method: { type: 'period-average', factor: d('0.9'), divisor: 4 }, want: '57.375' }, // a missing quarter counts 0: 255/4 × 0.9
    { scores: Array(12).fill('90'), method: { type: 'period-average', divisor: 12 }, want: '90' },
    { scores: Array(11).fill('90'), method: { type: 'period-average', divisor: 12 }, want: '82.5' }, // 990/12
  ] as { scores: string[]; method: ConversionMethod; want: string }[])('P25i period average of $scores.length periods → $want', ({ scores, method, want }) => {
    const facts = scores.map((s, i) => f.sub(s, { period: `P${i + 1}` }));
    expect(total(score({ rule: conv(method), points: '100' }, facts))).toBe(want);
  });

  it('P25i without period facts is needs-judgement', () => {
    expect(score({ rule: conv({ type: 'period-average' }), points: '100' }, [f.sub('80')]).pendingJudgements).toBe(1);
  });

  // P25j 003:9104 上级转移支付资金占50%，扶贫资金和危改资金共占50% (rates in percent, item 10)
  it('P25j multi-fund weighting: (96 × 0.5 + 90 × 0.5) / 100 × 10 = 9.3', () => {
    const r: Rule = { kind: 'conversion', effect: 'score', method: { type: 'weighted', weights: { 转移支付: d('0.05'), 扶贫危改: d('0.05') } } };
    expect(total(score({ rule: r, points: '10' }, [f.sub('96', { channel: '转移支付' }), f.sub('90', { channel: '扶贫危改' })]))).toBe('9.3');
  });

  // P25k 003:4503 直接在…目标考核定量指标体系得分中扣减0.1-1分
  it.each([
    { facts: [f.sub('70'), f.judge('0.5')], want: '9.5', pending: 0 },
    { facts: [f.sub('70'), f.judge('1.5')], want: '9', pending: 0 }, // bounded by 1
    { facts: [f.sub('70'), f.judge('0')], want: '9.9', pending: 0 }, // at least 0.1 once judged
    { facts: [f.sub('70')], want: '10', pending: 1 },
    { facts: [], want: '10', pending: 0 },
  ])('P25k deduction range → $want (pending $pending)', ({ facts, want, pending }) => {
    const u = score({ rule: conv({ type: 'deduction-range', min: d('0.1'), max: d(1) }, 'deduction'), points: '10' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
    expect(str(ledgerSum(u))).toBe(want);
  });

  it('P25 a converted score above the clause points is clamped to them', () => {
    const u = score({ rule: conv({ type: 'linear', base: d(100), weight: d(10) }), points: '10' }, [f.sub('120')]);
    expect(total(u)).toBe('10');
    expect(clauseStatus(u)).toBe('clamped');
  });
});
