/** P16–P20: proportional completion, complete-or-not, partial credit with a ceiling, any-of, rate formulas. */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import type { Indicator } from '../../src/scheme/scheme.types';
import { buildScheme, clause, clauseStatus, d, expectExplains, f, ledgerSum, linesOf, msgs, nodeOf, run, score, str, sumOf, total, unitOf } from '../test-scheme';

describe('P16 proportional completion', () => {
  // 000:1176 新建智慧书房 20 家（1 分）…按完成比例计分
  const rule: Rule = { kind: 'proportional', effect: 'score', target: d(20) };
  it.each([
    { v: '0', want: '0' },
    { v: '10', want: '0.5' }, // 10/20 × 1
    { v: '19', want: '0.95' },
    { v: '20', want: '1' },
    { v: '25', want: '1' }, // over-completion capped at 100% (§8.1(4) default)
    { v: '7', want: '0.35' },
  ])('$v of 20 → $want', ({ v, want }) => {
    expect(total(score({ rule, points: '1' }, [f.value(v)]))).toBe(want);
  });

  it('the capped line says 超额按 100% 计', () => {
    const u = score({ rule, points: '1' }, [f.value('25')]);
    expectExplains(linesOf(u, 'score')[0]!, '完成 25 / 目标 20（超额按 100% 计） × 1 分 = 1 分');
  });

  it('an inexact proportion is rounded once at 6 decimals: 1 of 3 × 1 = 0.333333', () => {
    const u = score({ rule: { kind: 'proportional', effect: 'score', target: d(3) }, points: '1' }, [f.value('1')]);
    expect(total(u)).toBe('0.333333');
    expect(linesOf(u, 'score')[0]!.params.exact).toBe(0);
  });

  // §8.1(4): over-completion allowed is an explicit parameter; the indicator ceiling is another
  it.each([
    { ceiling: undefined, want: '1' }, // allowed by the rule, but the item ceiling (its points) still holds
    { ceiling: null, want: '1.25' }, // 25/20 × 1 with no ceiling
    { ceiling: '1.2', want: '1.2' },
  ])('allowOver with indicator ceiling $ceiling: 25 of 20 → $want', ({ ceiling, want }) => {
    const u = score({ rule: { ...rule, allowOver: true }, points: '1', indicator: ceiling === undefined ? {} : { ceiling: ceiling === null ? null : d(ceiling) } }, [f.value('25')]);
    expect(total(u)).toBe(want);
  });

  it("target 'target' reads the indicator target", () => {
    const u = score({ rule: { kind: 'proportional', effect: 'score' }, points: '2', indicator: { target: { value: d(50) } } }, [f.value('40')]);
    expect(total(u)).toBe('1.6'); // 40/50 × 2
  });

  it.each([
    { facts: [], pending: 1, note: 'no measurement' },
    { facts: [f.value('3')], pending: 1, note: 'no target' },
  ])('$note → needs-judgement', ({ facts, pending }) => {
    const u = score({ rule: { kind: 'proportional', effect: 'score' }, points: '1' }, facts);
    expect(u.pendingJudgements).toBe(pending);
    expect(total(u)).toBe('0');
  });

  it('a zero target cannot be divided by: needs-judgement, not a crash', () => {
    const u = score({ rule: { kind: 'proportional', effect: 'score', target: d(0) }, points: '1' }, [f.value('3')]);
    expect(u.pendingJudgements).toBe(1);
  });

  // 000:326 按完成年度计划的比例折算扣分 + 000:352 最高扣 0.5 分 (deduction worth 1, item 2)
  it.each([
    { v: '100', want: '2' },
    { v: '60', want: '1.6' }, // D = 1 × (1 − 0.6) = 0.4
    { v: '50', want: '1.5' }, // D = 0.5: cap reached
    { v: '40', want: '1.5' }, // D = 0.6 → cap 0.5
  ])('000:326/352 $v% of plan → $want', ({ v, want }) => {
    const r: Rule = { kind: 'proportional', effect: 'deduction', points: d(1), target: d(100), cap: d('0.5') };
    expect(total(score({ rule: r, points: '2' }, [f.value(v)]))).toBe(want);
  });

  // 000:1087 年度党委信息得分未达到基本参评分的，按未完成比例折算扣分 (metric = sub-score, basic score 60)
  it('000:1087 sub-score 45 of basic 60 → D = 0.5 × 15/60 = 0.125', () => {
    const r: Rule = { kind: 'proportional', effect: 'deduction', metric: { of: 'sub-score' }, target: d(60), points: d('0.5') };
    expect(total(score({ rule: r, points: '1' }, [f.sub('45')]))).toBe('0.875');
  });
});

describe('P17 complete-or-not', () => {
  // 003:4001 各相关单位完成年度工程任务的，得5分，否则不得分
  const rule: Rule = { kind: 'completion' };
  it.each([
    { facts: [f.flag(true)], want: '5', pending: 0 },
    { facts: [f.flag(false)], want: '0', pending: 0 },
    { facts: [], want: '0', pending: 1 },
  ])('$facts.0.value → $want', ({ facts, want, pending }) => {
    const u = score({ rule, points: '5' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });

  it('not done is shown as earned then lost, so the ledger adds up', () => {
    const u = score({ rule, points: '5' }, [f.flag(false, { note: '未完成' })]);
    expect(linesOf(u, 'deduction')).toHaveLength(1);
    expectExplains(linesOf(u, 'deduction')[0], '未完成，失 5 分');
    expect(str(ledgerSum(u))).toBe('0');
  });

  // 000:1137 完成兰溪会馆选址及方案研究（1 分）。以上均按完成情况计分 — a judged partial score
  it.each([
    { facts: [f.flag(false), f.judge('0.6')], want: '0.6' },
    { facts: [f.judge('0.6')], want: '0.6' },
    { facts: [f.judge('1.5')], want: '1' }, // bounded by the points
    { facts: [f.flag(true), f.judge('0.6')], want: '1' }, // complete wins
  ])('000:1137 allowPartial → $want', ({ facts, want }) => {
    expect(total(score({ rule: { kind: 'completion', allowPartial: true }, points: '1' }, facts))).toBe(want);
  });

  it('without allowPartial, not done plus a judgement still scores 0', () => {
    expect(total(score({ rule, points: '1' }, [f.flag(false), f.judge('0.6')]))).toBe('0');
  });

  // 003:4872 资料齐全得1分 inside a bigger item: the clause carries its own points
  it('003:4872 clause points: 资料齐全得1分 in a 3-point item', () => {
    const u = score({ rule, points: '3', clause: { points: d(1) }, clauses: [clause('C2', { kind: 'completion' }, { points: d(2) })] }, [f.flag(true), f.flag(false, { ref: 'C2' })]);
    expect(total(u)).toBe('1');
  });
});

describe('P18 partial credit for incomplete, with its own ceiling', () => {
  // 003:30 民生实事任务完成得满分；民生实事任务未完成，根据完成程度得分，最高60分 (M = 80, C = 60)
  it.each([
    { mode: 'capped', value: true, progress: undefined, want: '80' },
    { mode: 'capped', value: false, progress: '0.5', want: '40' }, // min(60, 80 × 0.5)
    { mode: 'capped', value: false, progress: '0.75', want: '60' }, // min(60, 60): ceiling reached
    { mode: 'capped', value: false, progress: '0.9', want: '60' }, // min(60, 72): ceiling exceeded
    { mode: 'capped', value: false, progress: '1', want: '60' }, // 'incomplete' at 100% still ≤ 60
    { mode: 'scaled', value: false, progress: '0.5', want: '30' }, // 60 × 0.5
    { mode: 'scaled', value: false, progress: '0.9', want: '54' }, // 60 × 0.9
    { mode: 'scaled', value: false, progress: '1.2', want: '60' }, // progress clamped to 1
    { mode: 'scaled', value: false, progress: '0', want: '0' },
  ] as const)('$mode, done=$value, progress $progress → $want', ({ mode, value, progress, want }) => {
    const r: Rule = { kind: 'partial-credit', incompleteCeiling: d(60), mode };
    const u = score({ rule: r, points: '80' }, [f.flag(value, progress ? { progress: d(progress) } : {})]);
    expect(total(u)).toBe(want);
  });

  it('incomplete without progress waits for judgement', () => {
    const u = score({ rule: { kind: 'partial-credit', incompleteCeiling: d(60), mode: 'capped' }, points: '80' }, [f.flag(false)]);
    expect(u.pendingJudgements).toBe(1);
    expectExplains(linesOf(u, 'pending')[0]!, '未完成且未填写完成进度，待评定（最高 60 分）');
  });

  it('the line explains the capped mode', () => {
    const u = score({ rule: { kind: 'partial-credit', incompleteCeiling: d(60), mode: 'capped' }, points: '80' }, [f.flag(false, { progress: d('0.9') })]);
    expectExplains(linesOf(u, 'score')[0]!, '未完成，进度 90% × 80 分，最高 60 分，得 60 分');
  });
});

describe('P19 any-of → full marks', () => {
  // 003:118-124 涉旅重大项目推进有力；获得国家、省涉旅相关荣誉；开展涉旅重大活动成效显著；…以上完成一项可得满分 (20)
  const rule: Rule = { kind: 'any-of', options: ['重大项目', '荣誉', '重大活动'] };
  it.each([
    { facts: [f.flag(true, { option: '荣誉' })], want: '20', pending: 0 },
    { facts: [f.flag(false, { option: '重大项目' }), f.flag(true, { option: '重大活动' })], want: '20', pending: 0 },
    { facts: [f.flag(true, { option: '重大项目' }), f.flag(true, { option: '荣誉' })], want: '20', pending: 0 }, // two do not give more
    { facts: [f.flag(false, { option: '重大项目' }), f.flag(false, { option: '荣誉' })], want: '0', pending: 0 },
    // Done, but naming an option that is not listed (a typo, another wording): neither hit nor miss, a person decides.
    { facts: [f.flag(true, { option: '其他' })], want: '0', pending: 1 },
    { facts: [], want: '0', pending: 1 },
  ])('→ $want', ({ facts, want, pending }) => {
    const u = score({ rule, points: '20' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });
});

describe('P20 rate formulas', () => {
  // 003:5875-5881 12345 quarterly: 办结 = 已办结数量/受理量*60; 按期 = 按期办结数量/受理量*30;
  // 回退 = 5 − 0.5 per re-returned ticket (本项5分，扣完为止); 工作量 = 基准分2+单位受理量/最大受理量*3
  const hotline: Indicator = {
    code: 'H',
    title: '12345',
    points: d(100),
    children: [
      { code: 'H1', title: '办结', points: d(60), clauses: [clause('办结', { kind: 'rate-formula', effect: 'score', weight: d(60) })] },
      { code: 'H2', title: '按期', points: d(30), clauses: [clause('按期', { kind: 'rate-formula', effect: 'score', weight: d(30) })] },
      { code: 'H3', title: '回退', points: d(5), clauses: [clause('回退', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5') })] },
      { code: 'H4', title: '工作量', points: d(5), clauses: [clause('工作量', { kind: 'relative-to-best', effect: 'score', metric: { of: 'value' }, base: d(2), weight: d(3) })] },
    ],
  };
  const unitFacts = (unit: string, accepted: string, done: string, onTime: string, returned: number) => [
    f.rate(done, accepted, { unit, ref: '办结' }),
    f.rate(onTime, accepted, { unit, ref: '按期' }),
    f.occ({ unit, ref: '回退', count: returned }),
    f.value(accepted, { unit, ref: '工作量' }),
  ];
  it.each([
    // unit, total, arithmetic
    { unit: 'U1', want: '92.2' }, // 97/100×60 = 58.2; 90/100×30 = 27; 5 − 3×0.5 = 3.5; 2 + 100/200×3 = 3.5
    { unit: 'U2', want: '92' }, // 200/200×60 = 60; 180/200×30 = 27; 5 − 12×0.5 → 0; 2 + 200/200×3 = 5
    { unit: 'U3', want: '73.75' }, // 40/50×60 = 48; 30/50×30 = 18; 5 − 0 = 5; 2 + 50/200×3 = 2.75
  ])('003:5875 12345 $unit → $want', ({ unit, want }) => {
    const scheme = buildScheme({ indicators: [hotline], units: 3 });
    const res = run(scheme, [...unitFacts('U1', '100', '97', '90', 3), ...unitFacts('U2', '200', '200', '180', 12), ...unitFacts('U3', '50', '40', '30', 0)]);
    expect(str(unitOf(res, unit).total)).toBe(want);
  });

  it('003:5881 the workload line explains the comparison with the best unit', () => {
    const res = run(buildScheme({ indicators: [hotline], units: 2 }), [...unitFacts('U1', '100', '100', '100', 0), ...unitFacts('U2', '300', '300', '300', 0)]);
    const l = unitOf(res, 'U1').ledger.find((x) => x.ref === '工作量')!;
    expectExplains(l, '基准分 2 + 100 ÷ 同组最高 300 × 3 = 3 分');
  });

  it.each([
    { facts: [], msg: 'metric.missing' }, // the unit reported nothing
    { facts: [f.value('0', { ref: '工作量' }), f.value('0', { ref: '工作量', unit: 'U2' })], msg: 'conversion.no-peers' }, // best is 0: no ratio
  ])('relative-to-best without a usable best is needs-judgement ($msg)', ({ facts, msg }) => {
    const u = unitOf(run(buildScheme({ indicators: [hotline], units: 2 }), facts), 'U1');
    expect(msgs(u)).toContain(msg);
    expect(nodeOf(u, 'H4').status).toBe('needs-judgement');
  });

  // 003:6037-6131 数字城管 monthly
  it.each([
    // 办结率×20
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(20) }, fact: f.rate('45', '50'), want: '18' }, // 45/50 × 20
    // (1−超期未办结率)×10
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true }, fact: f.rate('3', '50'), want: '9.4' }, // (1 − 0.06) × 10
    // 一次办结率=（办结数-返工次数）/应办结数 × 20
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(20), subtractFromNumerator: 'rework', floor: d(0) }, fact: f.rate('50', '50', { parts: { rework: d(10) } }), want: '16' }, // (50 − 10)/50 × 20
    // …floored at 0 (此项得分扣完为止，不计负分)
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(20), subtractFromNumerator: 'rework', floor: d(0) }, fact: f.rate('50', '50', { parts: { rework: d(60) } }), want: '0' }, // (50 − 60)/50 × 20 = −4 → 0
    // （1-延期率+5%）×10，不计负分，也不高于10分
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true, offset: d('0.05') }, fact: f.rate('10', '100'), want: '9.5' }, // (1 − 0.10 + 0.05) × 10
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true, offset: d('0.05') }, fact: f.rate('5', '100'), want: '10' }, // exactly 10
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true, offset: d('0.05') }, fact: f.rate('3', '100'), want: '10' }, // 10.2 → 10
    // (1−案件积压率)×5
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(5), invert: true }, fact: f.rate('1', '8'), want: '4.375' }, // (1 − 0.125) × 5
    // 处置通应用率×5 with a rate above 100% (more uses than cases) is held at the weight
    { rule: { kind: 'rate-formula', effect: 'score', weight: d(5) }, fact: f.rate('11', '10'), want: '5' },
  ] as { rule: Rule; fact: ReturnType<typeof f.rate>; want: string }[])('003:6037 $rule.weight-point formula → $want', ({ rule, fact, want }) => {
    expect(total(score({ rule, points: '20' }, [fact]))).toBe(want);
  });

  it('003:6091 above the ceiling the clause is clamped and says what the raw value was', () => {
    const u = score({ rule: { kind: 'rate-formula', effect: 'score', weight: d(10), invert: true, offset: d('0.05') }, points: '10' }, [f.rate('3', '100')]);
    expect(clauseStatus(u)).toBe('clamped');
    expectExplains(linesOf(u, 'score')[0], '(1 − 3/100 + 0.05) × 10 = 10.2 → 10');
  });

  // 002:460-468 处置率0.2分…前二项得分保留三位小数…第三项每次主动处置一次加0.01分，最高值0.1分，三项合计为最终得分
  it.each([
    { num: '97', den: '113', want: '0.172' }, // 97/113 × 0.2 = 0.171681… → 0.172
    { num: '100', den: '113', want: '0.177' }, // 0.176991… → 0.177
    { num: '113', den: '113', want: '0.2' },
  ])('002:468 处置率 $num/$den × 0.2 at three decimals → $want', ({ num, den, want }) => {
    const r: Rule = { kind: 'rate-formula', effect: 'score', weight: d('0.2'), decimals: 3 };
    expect(total(score({ rule: r, points: '0.2' }, [f.rate(num, den)]))).toBe(want);
  });

  it.each([
    { n: 9, want: '0.09' },
    { n: 10, want: '0.1' },
    { n: 11, want: '0.1' },
  ])('002:466 主动发现 $n × 0.01, max 0.1 → $want', ({ n, want }) => {
    const r: Rule = { kind: 'accumulate', effect: 'score', items: { 主动处置: d('0.01') }, cap: d('0.1') };
    expect(total(score({ rule: r, points: '0.1' }, [f.occ({ kind: '主动处置', count: n })]))).toBe(want);
  });

  it('a rate deduction: (1 − 已整改/应整改) × 2 deducted', () => {
    const r: Rule = { kind: 'rate-formula', effect: 'deduction', weight: d(2), invert: true };
    expect(total(score({ rule: r, points: '5' }, [f.rate('3', '4')]))).toBe('4.5'); // 5 − (1 − 0.75) × 2
  });

  it('a zero denominator scores 0 with a note', () => {
    const u = score({ rule: { kind: 'rate-formula', effect: 'score', weight: d(20) }, points: '20' }, [f.rate('0', '0')]);
    expect(total(u)).toBe('0');
    expect(msgs(u)).toContain('rate.zero-denominator');
  });

  it('the 12345 tree reconciles node by node', () => {
    const res = run(buildScheme({ indicators: [hotline], units: 3 }), [...unitFacts('U1', '100', '97', '90', 3), ...unitFacts('U2', '200', '200', '180', 12), ...unitFacts('U3', '50', '40', '30', 0)]);
    const u = unitOf(res, 'U2');
    expect(str(nodeOf(u, 'H3').score)).toBe('0');
    expect(str(ledgerSum(u))).toBe('92');
  });
});
