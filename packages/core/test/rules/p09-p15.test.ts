/** P09–P15: shortfalls, threshold-gap steps, bands, change against a baseline, per-N blocks, lateness, doubling. */
import { describe, expect, it } from 'vitest';
import type { Band, Rule } from '../../src/rules/rule.types';
import { clause, clauseStatus, d, expectExplains, f, ledgerSum, linesOf, msgs, score, str, sumOf, total } from '../test-scheme';

describe('P09 shortfall against a required count', () => {
  // 000:162 理论学习中心组集中学习研讨全年未达到 4 次。少一次扣 0.1 分 (item 1)
  const rule: Rule = { kind: 'shortfall', effect: 'deduction', required: 4, amount: d('0.1') };
  it.each([
    { done: 5, want: '1' }, // more than required
    { done: 4, want: '1' }, // exactly required
    { done: 3, want: '0.9' }, // 1 short × 0.1
    { done: 0, want: '0.6' }, // 4 short × 0.1 (no special amount for none)
  ])('done $done of 4 → $want', ({ done, want }) => {
    expect(total(score({ rule, points: '1' }, [f.count(done)]))).toBe(want);
  });

  // 000:241 年度至少安排2 次专题学习，少一次扣 0.1 分，未开展专题学习扣 0.5 分
  const withNone: Rule = { kind: 'shortfall', effect: 'deduction', required: 2, amount: d('0.1'), noneAmount: d('0.5') };
  it.each([
    { done: 2, want: '1', msg: undefined },
    { done: 1, want: '0.9', msg: '要求 2 次，完成 1 次，少 1 次 × 0.1 分 = 0.1 分' },
    { done: 0, want: '0.5', msg: '要求 2 次，全年未开展，扣 0.5 分' }, // 0.5 instead of 2 × 0.1
  ])('000:241 done $done → $want', ({ done, want, msg }) => {
    const u = score({ rule: withNone, points: '1' }, [f.count(done)]);
    expect(total(u)).toBe(want);
    if (msg) expectExplains(linesOf(u, 'deduction')[0], msg);
  });

  it('no count reported is needs-judgement, not a silent full deduction', () => {
    const u = score({ rule: withNone, points: '1' }, []);
    expect(total(u)).toBe('1');
    expect(u.pendingJudgements).toBe(1);
    expect(clauseStatus(u)).toBe('needs-judgement');
  });

  // 003:3816-3818 每月至少开展1次巡河 … 每位镇级河长巡河次数少一次扣1分，扣完为止 (item 5, 12 per year)
  it.each([
    { done: [12, 12], want: '5' },
    { done: [12, 10, 11], want: '2' }, // 5 − (0 + 2 + 1)
    { done: [6, 6], want: '0' }, // 5 − 12 → floor 0
  ])('003:3816 per river chief $done → $want', ({ done, want }) => {
    const r: Rule = { kind: 'shortfall', effect: 'deduction', required: 12, amount: d(1), perSubject: true };
    expect(total(score({ rule: r, points: '5' }, done.map((n, i) => f.count(n, { subject: `河长${i + 1}` }))))).toBe(want);
  });

  it("required 'target' reads the unit's target (003:199 每年召开会议2次以上，少一次扣2分)", () => {
    const r: Rule = { kind: 'shortfall', effect: 'deduction', required: 'target', amount: d(2) };
    const u = score({ rule: r, points: '10', indicator: { target: { value: d(2) } } }, [f.count(1)]);
    expect(total(u)).toBe('8');
    const u2 = score({ rule: r, points: '10' }, [f.count(1, { required: 3 })]); // required on the fact
    expect(total(u2)).toBe('6');
  });
});

describe('P10 threshold-gap steps', () => {
  // 000:369 问题按时处置率未达 95%，扣 0.1 分，每低 5 个百分点扣 0.1 分 (item 1; rate = 按时处置数/应处置数)
  const rule: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d(95), direction: 'below', initial: d('0.1'), step: d(5), perStep: d('0.1') };
  it.each([
    { num: '96', den: '100', want: '1', note: '96% ≥ 95%: met' },
    { num: '95', den: '100', want: '1', note: 'exactly at 95%: met (未达 means below)' },
    { num: '949', den: '1000', want: '0.9', note: '94.9%: gap 0.1, 0 whole steps: 0.1' },
    { num: '90', den: '100', want: '0.8', note: '90%: gap 5, 1 step: 0.1 + 0.1' },
    { num: '899', den: '1000', want: '0.8', note: '89.9%: gap 5.1, still 1 step' },
    { num: '85', den: '100', want: '0.7', note: '85%: gap 10, 2 steps: 0.1 + 0.2' },
    { num: '0', den: '100', want: '0', note: '0%: gap 95, 19 steps: 0.1 + 1.9 = 2 → floor 0' },
  ])('$note → $want', ({ num, den, want }) => {
    expect(total(score({ rule, points: '1' }, [f.rate(num, den)]))).toBe(want);
  });

  // §8.1(1): partial steps are a parameter
  it.each([
    { mode: 'floor', want: '0.9' }, // 94.9%: 0.1 + 0 × 0.1
    { mode: 'ceil', want: '0.8' }, // 94.9%: 0.1 + 1 × 0.1
    { mode: 'exact', want: '0.898' }, // 94.9%: 0.1 + 0.02 × 0.1 = 0.102
  ] as const)('stepRounding $mode at 94.9% → $want', ({ mode, want }) => {
    expect(total(score({ rule: { ...rule, stepRounding: mode }, points: '1' }, [f.rate('949', '1000')]))).toBe(want);
  });

  it('the scheme-wide stepRounding applies when the rule leaves it open', () => {
    expect(total(score({ rule, points: '1', settings: { stepRounding: 'ceil' } }, [f.rate('949', '1000')]))).toBe('0.8');
  });

  it('explains the arithmetic in one line', () => {
    const u = score({ rule, points: '1' }, [f.rate('85', '100')]);
    expectExplains(linesOf(u, 'deduction')[0]!, '实际值 85 未达 95（差 10）：0.1，每 5 扣 0.1 分，计 2 档，合计 0.3 分');
    expect(str(ledgerSum(u))).toBe('0.7');
  });

  // 000:552 满意率低于 97%扣 0.1 分，每低 0.5 个百分点，再扣 0.1 分
  it.each([
    { v: '97', want: '1' },
    { v: '96.9', want: '0.9' }, // 0.1 + 0 steps
    { v: '96.5', want: '0.8' }, // 0.1 + 1 × 0.1
    { v: '96', want: '0.7' }, // 0.1 + 2 × 0.1
  ])('000:552 satisfaction $v% → $want', ({ v, want }) => {
    const r: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(97), direction: 'below', initial: d('0.1'), step: d('0.5'), perStep: d('0.1') };
    expect(total(score({ rule: r, points: '1' }, [f.value(v)]))).toBe(want);
  });

  it('missAtThreshold: "达不到 95%" read as missing at exactly 95 deducts the initial amount', () => {
    expect(total(score({ rule: { ...rule, missAtThreshold: true }, points: '1' }, [f.rate('95', '100')]))).toBe('0.9');
  });

  // 002:252 …每低1个百分点,扣0.01分,扣完为止 (M = 0.2, growth target 15%)
  it.each([
    { v: '15', want: '0.2' },
    { v: '14', want: '0.19' },
    { v: '0', want: '0.05' }, // 15 steps × 0.01
    { v: '-10', want: '0' }, // 25 steps = 0.25 → floor at 0
  ])('002:252 growth $v% → $want', ({ v, want }) => {
    const r: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(15), direction: 'below', step: d(1), perStep: d('0.01') };
    expect(total(score({ rule: r, points: '0.2' }, [f.value(v)]))).toBe(want);
  });

  // 003:1164 按…完成年度内金融扶贫贷款总目标100%计算，每低1个百分点扣0.5分 (percent of target as a rate; cap 3)
  it.each([
    { num: '100', want: '5' },
    { num: '97.5', want: '4' }, // 2 steps × 0.5
    { num: '50', want: '2' }, // 50 steps = 25 → cap 3
  ])('003:1164 completed $num of 100 → $want', ({ num, want }) => {
    const r: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'rate' }, threshold: d(100), direction: 'below', step: d(1), perStep: d('0.5'), cap: d(3) };
    expect(total(score({ rule: r, points: '5' }, [f.rate(num, '100')]))).toBe(want);
  });

  // 003:462 宣传知晓率90%、落实到位率98%、群众满意度90%的标准，每低1个百分点各扣0.5分: three independent rates
  it('003:462 three rates each stepped: 88 / 98 / 86.5 → 1 + 0 + 1.5', () => {
    const c = (code: string, t: number): ReturnType<typeof clause> =>
      clause(code, { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(t), direction: 'below', step: d(1), perStep: d('0.5') });
    const u = score({ points: '10', clauses: [c('知晓率', 90), c('落实率', 98), c('满意度', 90)] }, [f.value('88', { ref: '知晓率' }), f.value('98', { ref: '落实率' }), f.value('86.5', { ref: '满意度' })]);
    expect(total(u)).toBe('7.5');
  });

  it('a missing measurement is needs-judgement', () => {
    const u = score({ rule, points: '1' }, []);
    expect(u.pendingJudgements).toBe(1);
    expectExplains(linesOf(u, 'pending')[0]!, '缺少计分所需数据（rate），待报送或核实');
  });

  it('a zero denominator reads as 0% (and is explained), not a crash', () => {
    expect(total(score({ rule, points: '1' }, [f.rate('0', '0')]))).toBe('0');
  });
});

describe('P11 threshold bands', () => {
  // 002:434 满意度评价低于60%的扣0.05分,低于55%的扣0.1分,低于50%的不得分(0.2)
  const bands: Band[] = [
    { min: d(55), max: d(60), amount: d('0.05') },
    { min: d(50), max: d(55), amount: d('0.1') },
    { max: d(50), amount: d('0.2') },
  ];
  const rule: Rule = { kind: 'bands', effect: 'deduction', metric: { of: 'value' }, bands };
  it.each([
    { v: '60', want: '0.2' }, // not below 60
    { v: '59.99', want: '0.15' }, // 0.2 − 0.05
    { v: '55', want: '0.15' }, // 55 is not below 55
    { v: '54.99', want: '0.1' },
    { v: '50', want: '0.1' },
    { v: '49.99', want: '0' }, // 不得分
  ])('002:434 satisfaction $v% → $want', ({ v, want }) => {
    expect(total(score({ rule, points: '0.2' }, [f.value(v)]))).toBe(want);
  });

  // 003:3637 10亿元以上得40分，5亿元-10亿元（含10亿元）得30分，1亿元-5亿元（含5亿元）得20分，1亿元以下（含1亿元）得10分
  const invest: Rule = {
    kind: 'bands',
    effect: 'score',
    metric: { of: 'value' },
    bands: [
      { min: d(10), minInclusive: false, amount: d(40) },
      { min: d(5), minInclusive: false, max: d(10), maxInclusive: true, amount: d(30) },
      { min: d(1), minInclusive: false, max: d(5), maxInclusive: true, amount: d(20) },
      { max: d(1), maxInclusive: true, amount: d(10) },
    ],
  };
  it.each([
    { v: '10.01', want: '40' },
    { v: '10', want: '30' }, // （含10亿元）
    { v: '5.01', want: '30' },
    { v: '5', want: '20' }, // （含5亿元）
    { v: '1.000001', want: '20' },
    { v: '1', want: '10' }, // （含1亿元）
    { v: '0', want: '10' },
  ])('003:3637 investment $v 亿元 → $want', ({ v, want }) => {
    const u = score({ rule: invest, points: '40' }, [f.value(v)]);
    expect(total(u)).toBe(want);
  });

  it('003:3637 the line names the band', () => {
    const u = score({ rule: invest, points: '40' }, [f.value('10')]);
    expectExplains(linesOf(u, 'score')[0]!, '10 落在“>5 且 ≤10”档，计 30 分');
  });

  // 003:593 出现比例高于20%、30%、50%的，分别扣 0.5分、1分、2分
  it.each([
    { v: '20', want: '5' },
    { v: '20.5', want: '4.5' },
    { v: '30', want: '4.5' },
    { v: '30.1', want: '4' },
    { v: '50.1', want: '3' },
  ])('003:593 ratio $v% → $want', ({ v, want }) => {
    const r: Rule = {
      kind: 'bands',
      effect: 'deduction',
      metric: { of: 'value' },
      bands: [
        { min: d(50), minInclusive: false, amount: d(2) },
        { min: d(30), minInclusive: false, amount: d(1) },
        { min: d(20), minInclusive: false, amount: d('0.5') },
      ],
    };
    expect(total(score({ rule: r, points: '5' }, [f.value(v)]))).toBe(want);
  });

  // 003:1902 80%以下视情打分: a judgement band
  it('a 视情 band waits for a judgement, then takes it', () => {
    const r: Rule = { kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ min: d(80), amount: d(10) }, { max: d(80), amount: d(0), judgement: true }] };
    const pending = score({ rule: r, points: '10' }, [f.value('70')]);
    expect(pending.pendingJudgements).toBe(1);
    expect(total(pending)).toBe('0');
    expect(total(score({ rule: r, points: '10' }, [f.value('70'), f.judge('6')]))).toBe('6');
    expect(total(score({ rule: r, points: '10' }, [f.value('80')]))).toBe('10');
  });

  it('no band matches: the `otherwise` amount', () => {
    const r: Rule = { kind: 'bands', effect: 'score', metric: { of: 'value' }, bands: [{ min: d(90), amount: d(5) }], otherwise: d(1) };
    const u = score({ rule: r, points: '5' }, [f.value('10')]);
    expect(total(u)).toBe('1');
    expect(msgs(u)).toContain('bands.none');
  });
});

describe('P12 change relative to a prior period or baseline', () => {
  // 000:906 扣分较上一年增多每增加 1 个失分点扣 0.1 分
  const rule: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'change' }, threshold: d(0), direction: 'above', step: d(1), perStep: d('0.1') };
  it.each([
    { v: '8', base: '10', want: '1' }, // fewer than last year
    { v: '10', base: '10', want: '1' }, // unchanged
    { v: '11', base: '10', want: '0.9' }, // +1 point lost × 0.1
    { v: '13', base: '10', want: '0.7' }, // +3 × 0.1
  ])('000:906 $base → $v lost points → $want', ({ v, base, want }) => {
    expect(total(score({ rule, points: '1' }, [f.value(v, { baseline: d(base) })]))).toBe(want);
  });

  // 003:1044 孕产妇死亡率高于上一年度指标的扣1分 (boolean change)
  it.each([
    { v: '12.5', base: '12.5', want: '3' },
    { v: '12.51', base: '12.5', want: '2' },
  ])('003:1044 rate $base → $v → $want', ({ v, base, want }) => {
    const r: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'change' }, threshold: d(0), direction: 'above', initial: d(1) };
    expect(total(score({ rule: r, points: '3' }, [f.value(v, { baseline: d(base) })]))).toBe(want);
  });

  // 001:299 发生较大生产安全责任事故起数超过近三年平均数的 (baseline = mean of 2, 4, 6 = 4, entered on the fact)
  it.each([
    { v: '4', want: '2' },
    { v: '5', want: '1' },
  ])('001:299 $v accidents against a 3-year average of 4 → $want', ({ v, want }) => {
    const r: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'change', baseline: 'average' }, threshold: d(0), direction: 'above', initial: d(1) };
    expect(total(score({ rule: r, points: '2' }, [f.value(v, { baseline: d(4) })]))).toBe(want);
  });

  it('no baseline on the fact is needs-judgement', () => {
    expect(score({ rule, points: '1' }, [f.value('3')]).pendingJudgements).toBe(1);
  });
});

describe('P13 per-N occurrences', () => {
  // 000:912 对下属单位管理指导不严…被行政处罚或通报。每 3 例扣 0.1 分
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.1'), per: 3 };
  it.each([
    { n: 0, mode: 'floor', want: '1' },
    { n: 2, mode: 'floor', want: '1' }, // ⌊2/3⌋ = 0
    { n: 3, mode: 'floor', want: '0.9' }, // ⌊3/3⌋ = 1
    { n: 5, mode: 'floor', want: '0.9' }, // ⌊5/3⌋ = 1
    { n: 6, mode: 'floor', want: '0.8' }, // 2 blocks
    { n: 4, mode: 'ceil', want: '0.8' }, // ⌈4/3⌉ = 2
    { n: 4, mode: 'exact', want: '0.866667' }, // 4/3 × 0.1 = 0.1333333 → 0.133333
  ] as const)('$n cases ($mode) → $want', ({ n, mode, want }) => {
    const u = score({ rule: { ...rule, perRounding: mode }, points: '1' }, f.occs(n));
    expect(total(u)).toBe(want);
  });

  it('explains the blocks', () => {
    const u = score({ rule, points: '1' }, f.occs(7));
    expectExplains(linesOf(u, 'deduction')[0]!, '共 7 起，每 3 起计 0.1 分，计 2 档，合计 0.2 分');
  });

  // 002:586 80% 的机关基层党组织建成规范基层党组织,每少10%[扣]0.01分: per-N-percent
  it.each([
    { v: '80', want: '0.05' },
    { v: '75', want: '0.05' }, // gap 5 < 10: 0 blocks
    { v: '70', want: '0.04' }, // 1 block
    { v: '55', want: '0.03' }, // gap 25: 2 blocks
  ])('002:586 $v% → $want', ({ v, want }) => {
    const r: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: d(80), direction: 'below', step: d(10), perStep: d('0.01') };
    expect(total(score({ rule: r, points: '0.05' }, [f.value(v)]))).toBe(want);
  });

  // 003:4780 每提供扩展类信息20条加1分 (a bonus indicator outside the points)
  it.each([
    { n: 19, want: '0' },
    { n: 20, want: '1' },
    { n: 45, want: '2' },
  ])('003:4780 $n entries → +$want', ({ n, want }) => {
    const r: Rule = { kind: 'per-occurrence', effect: 'bonus', amount: d(1), per: 20 };
    expect(total(score({ rule: r, indicator: { role: 'bonus' } }, [f.occ({ count: n })]))).toBe(want);
  });
});

describe('P14 deduction per unit of lateness', () => {
  // 003:421 未在规定时间内上报投资建议计划和分解下达投资计划的，每超一天各扣1分 (item 10)
  const days: Rule = { kind: 'lateness', effect: 'deduction', amountPerPeriod: d(1), period: 'day' };
  it.each([
    { fact: { periods: 3 }, want: '7' },
    { fact: { due: '2020-03-31', done: '2020-03-31' }, want: '10' }, // on the day
    { fact: { due: '2020-03-31', done: '2020-03-20' }, want: '10' }, // early
    { fact: { due: '2020-03-31', done: '2020-04-01' }, want: '9' }, // 1 day
    { fact: { due: '2020-02-27', done: '2020-03-02' }, want: '6' }, // 2020 is a leap year: 4 days
    { fact: { due: '2020-03-01', done: '2020-03-21' }, want: '0' }, // 20 days → floor 0
  ])('days: $fact → $want', ({ fact, want }) => {
    expect(total(score({ rule: days, points: '10' }, [f.late(fact)]))).toBe(want);
  });

  // 000:515 …15 个工作日内… : workdays skip Saturday and Sunday
  it.each([
    { due: '2020-05-08', done: '2020-05-09', want: '1' }, // Fri → Sat: 0 workdays
    { due: '2020-05-08', done: '2020-05-11', want: '0.9' }, // Fri → Mon: 1
    { due: '2020-05-08', done: '2020-05-18', want: '0.4' }, // Fri → Mon a week later: 11–15 and 18 = 6 workdays × 0.1
  ])('workdays: $due → $done → $want', ({ due, done, want }) => {
    const r: Rule = { kind: 'lateness', effect: 'deduction', amountPerPeriod: d('0.1'), period: 'workday' };
    expect(total(score({ rule: r, points: '1' }, [f.late({ due, done })]))).toBe(want);
  });

  // 003:4445 以挂账金额足够分摊月份为准，每月扣3分: a started month counts
  it.each([
    { due: '2020-01-15', done: '2020-01-20', months: 1 },
    { due: '2020-01-15', done: '2020-02-15', months: 1 },
    { due: '2020-01-15', done: '2020-02-16', months: 2 },
    { due: '2020-01-31', done: '2020-02-29', months: 1 },
    { due: '2020-01-31', done: '2020-03-01', months: 2 },
    { due: '2019-11-30', done: '2020-01-30', months: 2 },
  ])('months: $due → $done is $months month(s) × 3', ({ due, done, months }) => {
    const r: Rule = { kind: 'lateness', effect: 'deduction', amountPerPeriod: d(3), period: 'month' };
    const u = score({ rule: r }, [f.late({ due, done })]);
    expect(total(u)).toBe(str(d(-3 * months)));
  });

  it('lateness without periods or dates is needs-review', () => {
    const u = score({ rule: days, points: '10' }, [f.late()]);
    expect(u.needsReview).toBe(1);
    expect(total(u)).toBe('10');
  });

  it('capped lateness: 2 × 3 days at 1 per day, cap 5', () => {
    const u = score({ rule: { ...days, cap: d(5) }, points: '10' }, [f.late({ periods: 3 }), f.late({ periods: 3 })]);
    expect(total(u)).toBe('5');
  });
});

describe('P15 doubling', () => {
  // 000:667 被国家、省、市在改革督察中发现问题并通报，分别扣 0.3 分、0.2 分、0.1 分（未按要求及时整改到位的加倍扣分）
  const rule: Rule = {
    kind: 'per-occurrence',
    effect: 'deduction',
    tiers: { by: 'level', amounts: { 国家: d('0.3'), 省: d('0.2'), 市: d('0.1') } },
    double: { flag: 'not-rectified' },
  };
  it.each([
    { facts: [{ level: '国家' }], want: '0.7' }, // 1 − 0.3
    { facts: [{ level: '国家', flags: ['not-rectified'] }], want: '0.4' }, // 1 − 0.6
    { facts: [{ level: '市', flags: ['not-rectified'] }, { level: '省' }], want: '0.6' }, // 1 − 0.2 − 0.2
    { facts: [{ level: '省', flags: ['other'] }], want: '0.8' }, // another flag does not double
  ])('$facts → $want', ({ facts, want }) => {
    const u = score({ rule, points: '1' }, facts.map((p) => f.occ(p)));
    expect(total(u)).toBe(want);
  });

  it('the doubled line says so', () => {
    const u = score({ rule, points: '1' }, [f.occ({ level: '国家', flags: ['not-rectified'] })]);
    expectExplains(linesOf(u, 'deduction')[0]!, '【国家】1 起 × 0.6 分（未按要求整改，加倍）= 0.6 分');
  });

  // 002:332 未能按规定开展应急联动处置的,每起扣0.05分;被省检查组扣分的,加倍扣分 — with a factor
  it.each([
    { factor: undefined, want: '0.85' }, // 1 − 0.05 − 0.1
    { factor: 3, want: '0.8' }, // 1 − 0.05 − 0.15
  ])('002:332 factor $factor → $want', ({ factor, want }) => {
    const r: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.05'), double: { flag: '省检查', ...(factor ? { factor } : {}) } };
    expect(total(score({ rule: r, points: '1' }, [f.occ(), f.occ({ flags: ['省检查'] })]))).toBe(want);
  });
});
