/** P35–P50: target overrides, role amounts, accumulation, averaging, lead bonuses, minimum deduction, dimension matrix,
 *  base+bonus−deduction clamp, element counting, response times, deadlines, attribution, surveys, variants, split assessors, assessors' own process. */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import type { Indicator } from '../../src/scheme/scheme.types';
import { buildScheme, clause, clauseStatus, d, expectExplains, f, ledgerSum, linesOf, msgs, nodeOf, run, score, str, sumOf, total, unitOf } from '../test-scheme';

describe('P35 target override', () => {
  // 000:1004 如健康浙江建设 2020 年公布指标值高于本考核指标值的，以健康浙江建设 2020 年公布的指标值进行考核
  const rule: Rule = { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'value' }, threshold: 'target', direction: 'below', step: d(1), perStep: d('0.1') };
  const target = { value: d(90), overrideWhenHigher: true };
  it.each([
    { override: undefined, v: '88', want: '0.8' }, // target 90: 2 steps
    { override: '95', v: '88', want: '0.3' }, // published 95 > 90 replaces it: 7 steps
    { override: '85', v: '88', want: '0.8' }, // published 85 is lower: 90 stays
    { override: '95', v: '95', want: '1' },
  ])('published $override, actual $v → $want', ({ override, v, want }) => {
    const facts = [f.value(v), ...(override ? [f.target(override)] : [])];
    expect(total(score({ rule, points: '1', indicator: { target } }, facts))).toBe(want);
  });

  it('per-unit targets (001 gives each town its own figure) and the override reach proportional rules too', () => {
    const b = { rule: { kind: 'proportional', effect: 'score' } as Rule, points: '2', units: 2, indicator: { targets: { U1: { value: d(100) }, U2: { value: d(50), overrideWhenHigher: true } } } };
    const res = run(buildScheme(b), [f.value('80'), f.value('40', { unit: 'U2' }), f.target('80', { unit: 'U2' })]);
    expect(str(unitOf(res, 'U1').total)).toBe('1.6'); // 80/100 × 2
    expect(str(unitOf(res, 'U2').total)).toBe('1'); // 40/80 × 2 (target 50 overridden by 80)
  });

  it('without a target the rule waits: needs-judgement', () => {
    expect(score({ rule, points: '1' }, [f.value('88')]).pendingJudgements).toBe(1);
  });
});

describe('P36 differentiated deduction by role', () => {
  // 003:3965 未按照台账要求时限标准要求完成排污口整治的，发现1处扣牵头单位1分，扣相关配合单位0.5分，扣完为止
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'role', amounts: { 牵头: d(1), 配合: d('0.5') } } };
  it('one outfall found: lead loses 1, cooperating unit 0.5; 扣完为止 at 2 points', () => {
    const res = run(buildScheme({ rule, points: '2', units: 2 }), [
      f.occ({ role: '牵头', eventKey: '排污口7' }),
      f.occ({ unit: 'U2', role: '配合', eventKey: '排污口7' }),
      f.occ({ role: '牵头', count: 2 }),
    ]);
    expect(str(unitOf(res, 'U1').total)).toBe('0'); // 2 − 3 → 0
    expect(str(unitOf(res, 'U2').total)).toBe('1.5'); // 2 − 0.5
  });
});

describe('P37 open-ended point accumulation (积分)', () => {
  // 003:4155-4183 快报类信息每报送一条，得0.5分；专报类信息每报送一篇，得2分；…被《专报信息》采用的，每篇得5分; 未报送的每次扣10分
  const items = { 快报: d('0.5'), 专报: d(2), 参考: d(2), 快报采用: d(2), 专报采用: d(5) };
  const b = {
    indicators: [
      {
        code: 'I1',
        title: '政务信息',
        clauses: [clause('C1', { kind: 'accumulate', effect: 'score', items }), clause('C2', { kind: 'per-occurrence', effect: 'deduction', amount: d(10) })],
      } as Indicator,
    ],
  };
  it.each([
    { facts: [], want: '0' },
    { facts: [f.occ({ kind: '快报', count: 10 }), f.occ({ kind: '专报', count: 2 }), f.occ({ kind: '专报采用' })], want: '14' }, // 5 + 4 + 5, no maximum
    { facts: [f.occ({ kind: '快报', count: 40 }), f.occ({ kind: '专报采用', count: 3 })], want: '35' }, // 20 + 15
    { facts: [f.occ({ kind: '快报', count: 10 }), f.occ({ kind: '专报', count: 2 }), f.occ({ kind: '专报采用' }), f.occ({ ref: 'C2' })], want: '4' }, // 14 − 10
  ])('→ $want', ({ facts, want }) => {
    const u = score(b, facts);
    expect(total(u)).toBe(want);
    expect(str(ledgerSum(u))).toBe(want);
  });

  it('an item not in the list is needs-review', () => {
    const u = score(b, [f.occ({ kind: '其他' })]);
    expect(u.needsReview).toBe(1);
    expect(clauseStatus(u)).toBe('needs-review');
  });

  // 003:1704/1735 信息每条计0.1分，专题报道每篇计0.5分…本项最高1.5分
  it.each([
    { n: 5, m: 1, want: '1' }, // 0.5 + 0.5
    { n: 10, m: 1, want: '1.5' }, // 1 + 0.5: cap reached exactly
    { n: 10, m: 2, want: '1.5' }, // 2 → 1.5
  ])('003:1735 capped: $n × 0.1 + $m × 0.5 → $want', ({ n, m, want }) => {
    const r: Rule = { kind: 'accumulate', effect: 'score', items: { 信息: d('0.1'), 专题: d('0.5') }, cap: d('1.5') };
    expect(total(score({ rule: r, points: '1.5' }, [f.occ({ kind: '信息', count: n }), f.occ({ kind: '专题', count: m })]))).toBe(want);
  });
});

describe('P38 multi-indicator averaging', () => {
  // 003:1716 有多项指标任务的责任单位，先算出每项指标的得分，最终得分为各指标得分的平均分
  it.each([
    { scores: ['8', '9', '10'], want: '9' },
    { scores: ['7', '8'], want: '7.5' },
    { scores: ['10', '10', '9'], want: '9.666667' }, // 29/3
  ])('average rule over $scores → $want', ({ scores, want }) => {
    const u = score({ rule: { kind: 'average' }, points: '10' }, scores.map((s, i) => f.sub(s, { channel: `指标${i + 1}` })));
    expect(total(u)).toBe(want);
  });

  it('no sub-scores: needs-judgement', () => {
    expect(score({ rule: { kind: 'average' }, points: '10' }, []).pendingJudgements).toBe(1);
  });

  it("aggregation 'average' on an indicator: children 8 and 9 → 8.5, and the ledger still adds up", () => {
    const node: Indicator = { code: 'I', title: '营商', points: d(10), aggregation: 'average', children: [{ code: 'A', title: 'A', points: d(10) }, { code: 'B', title: 'B', points: d(10) }] };
    const u = score({ indicators: [node] }, [f.judge('8', { ref: 'A' }), f.judge('9', { ref: 'B' })]);
    expect(total(u)).toBe('8.5');
    expect(msgs(u)).toContain('node.average');
    expect(str(ledgerSum(u))).toBe('8.5');
  });
});

describe('P39 bonus per lead responsibility', () => {
  // 003:1716 一类责任单位每牵头一项指标任务增加0.2分
  it.each([
    { n: 0, want: '0' },
    { n: 1, want: '0.2' },
    { n: 4, want: '0.8' },
  ])('$n lead tasks → +$want', ({ n, want }) => {
    const r: Rule = { kind: 'per-occurrence', effect: 'bonus', amount: d('0.2') };
    expect(total(score({ rule: r, indicator: { role: 'bonus' } }, n ? [f.occ({ count: n })] : []))).toBe(want);
  });
});

describe('P40 minimum deduction', () => {
  // 000:1094 未完成全年信息考核基本分的，按未完成比例相应扣分，最少扣 0.1 分
  const rule: Rule = { kind: 'proportional', effect: 'deduction', target: d(100), points: d(1), minimum: d('0.1') };
  it.each([
    { v: '100', want: '1', min: false }, // nothing missing: no minimum
    { v: '98', want: '0.9', min: true }, // 0.02 → at least 0.1
    { v: '90', want: '0.9', min: false }, // exactly 0.1
    { v: '50', want: '0.5', min: false },
  ])('$v of 100 → $want', ({ v, want, min }) => {
    const u = score({ rule, points: '1' }, [f.value(v)]);
    expect(total(u)).toBe(want);
    expect(linesOf(u, 'minimum')).toHaveLength(min ? 1 : 0);
    if (min) expectExplains(linesOf(u, 'minimum')[0], '扣分不足最少扣分 0.1 分（原 0.02 分），按最少扣分计');
  });
});

describe('P41 dimension matrix', () => {
  // 003:412-422 做好易地扶贫搬迁工作 30分 × 组织领导情况（15%）| 工作谋划情况（10%）| 精准落实情况（30%）| 工作成效情况（45%）
  const dims = [
    { code: 'org', name: '组织领导情况', percent: d(15) },
    { code: 'plan', name: '工作谋划情况', percent: d(10) },
    { code: 'do', name: '精准落实情况', percent: d(30) },
    { code: 'effect', name: '工作成效情况', percent: d(45) },
  ];
  const c = (code: string, dim: string): ReturnType<typeof clause> => clause(code, { kind: 'discretionary', effect: 'deduction', min: d(0) }, { dimension: dim });
  it.each([
    { org: '4', plan: '2', want: '24' }, // 30 − 4 − 2
    { org: '4.5', plan: '3', want: '22.5' }, // each dimension exactly at its share (4.5, 3)
    { org: '5', plan: '2', want: '23.5' }, // 组织 capped at 4.5
    { org: '6', plan: '4', want: '22.5' }, // 4.5 + 3
  ])('组织 −$org, 谋划 −$plan → $want', ({ org, plan, want }) => {
    const u = score({ points: '30', clauses: [c('A', 'org'), c('B', 'plan')], indicator: { dimensions: dims } }, [f.judge(org, { ref: 'A' }), f.judge(plan, { ref: 'B' })]);
    expect(total(u)).toBe(want);
  });

  it('the dimension cap line names the dimension and its share', () => {
    const u = score({ points: '30', clauses: [c('A', 'org')], indicator: { dimensions: dims } }, [f.judge('5', { ref: 'A' })]);
    expectExplains(linesOf(u, 'dimension-cap')[0], '“组织领导情况”（15%，4.5 分）扣分 5 分超过该部分分值，按 4.5 分计');
    expect(str(linesOf(u, 'dimension-cap')[0]!.amount)).toBe('0.5');
  });
});

describe('P42 base + bonus − deduction with a clamp', () => {
  // 003:2536-2537 基础考核指标得分+加分指标得分-减分指标得分=实际得分。实际得分超过2分的，按2分计。
  const node = (ceiling?: string): Indicator => ({
    code: 'I1',
    title: '双拥',
    points: d(2),
    ...(ceiling ? { ceiling: d(ceiling) } : {}),
    clauses: [
      clause('base', { kind: 'manual', effect: 'score' }),
      clause('plus', { kind: 'manual', effect: 'bonus' }),
      clause('minus', { kind: 'manual', effect: 'deduction' }),
    ],
  });
  it.each([
    { base: '1.8', plus: '0.1', minus: '0.1', want: '1.8' },
    { base: '1.8', plus: '0.3', minus: '0.1', want: '2' }, // 2.0 exactly
    { base: '1.8', plus: '0.5', minus: '0.1', want: '2' }, // 2.2 → 2
    { base: '0.2', plus: '0', minus: '0.5', want: '0' }, // −0.3 → 0
  ])('$base + $plus − $minus → $want', ({ base, plus, minus, want }) => {
    const u = score({ indicators: [node()] }, [f.judge(base, { ref: 'base' }), f.judge(plus, { ref: 'plus' }), f.judge(minus, { ref: 'minus' })]);
    expect(total(u)).toBe(want);
  });
});

describe('P43 element counting', () => {
  // 002:840 密码设备、密码电报存放环境符合“三铁一器”要求(铁门、铁窗、铁柜和报警器),缺一样扣0.05分
  const rule: Rule = { kind: 'shortfall', effect: 'deduction', required: 4, amount: d('0.05'), elements: ['铁门', '铁窗', '铁柜', '报警器'] };
  it.each([
    { present: ['铁门', '铁窗', '铁柜', '报警器'], want: '0.2' },
    { present: ['铁门', '铁柜'], want: '0.1' }, // 缺铁窗、报警器: 2 × 0.05
    { present: [], want: '0' }, // 4 × 0.05 = 0.2
  ])('present $present → $want', ({ present, want }) => {
    const u = score({ rule, points: '0.2' }, [f.count(present.length, { present })]);
    expect(total(u)).toBe(want);
  });

  it('the line lists what is missing', () => {
    const u = score({ rule, points: '0.2' }, [f.count(2, { present: ['铁门', '铁柜'] })]);
    expectExplains(linesOf(u, 'deduction')[0], '应具备 4 项，缺少 铁窗、报警器（2 项）× 0.05 分 = 0.1 分');
    expect(describeText(u)).toContain('铁窗、报警器');
  });
});

const describeText = (u: ReturnType<typeof score>): string => JSON.stringify(u.ledger.map((l) => l.params));

describe('P44 response-time violations', () => {
  // 002:324 网络、短信指令5分钟未接收或回复的…每起扣0.05分
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.05'), overLimit: d(5) };
  it.each([
    { minutes: [3, 5], want: '0.5' }, // within 5 minutes (5 itself is within)
    { minutes: [3, 5, 6, 30], want: '0.4' }, // 2 late × 0.05
    { minutes: [], want: '0.5' },
  ])('$minutes minutes → $want', ({ minutes, want }) => {
    expect(total(score({ rule, points: '0.5' }, minutes.map((m) => f.occ({ duration: d(m) }))))).toBe(want);
  });

  it('an occurrence without a duration cannot be judged late and is not counted', () => {
    expect(total(score({ rule, points: '0.5' }, [f.occ()]))).toBe('0.5');
  });
});

describe('P45 fixed-date deadlines', () => {
  // 000:833 行政执法部门未在 1 月 31 日前公开上年度行政执法统计年报的，扣 0.1 分
  const rule: Rule = { kind: 'deadline', effect: 'deduction', deadline: '2020-01-31', amount: d('0.1') };
  it.each([
    { facts: [f.flag(true, { date: '2020-01-15' })], want: '1', pending: 0 },
    { facts: [f.flag(true, { date: '2020-01-31' })], want: '1', pending: 0 }, // on the day (前 read as inclusive)
    { facts: [f.flag(true, { date: '2020-02-01' })], want: '0.9', pending: 0 },
    { facts: [f.flag(false)], want: '0.9', pending: 0 }, // not done at all
    { facts: [f.flag(true)], want: '1', pending: 1 }, // done, date missing
    { facts: [], want: '1', pending: 1 },
  ])('→ $want (pending $pending)', ({ facts, want, pending }) => {
    const u = score({ rule, points: '1' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });

  it('000:833-835 three milestones are three clauses', () => {
    const dl = (code: string, date: string): ReturnType<typeof clause> => clause(code, { kind: 'deadline', effect: 'deduction', deadline: date, amount: d('0.1') });
    const u = score({ points: '1', clauses: [dl('年报', '2020-01-31'), dl('报告', '2020-03-01'), dl('公开', '2020-04-01')] }, [
      f.flag(true, { ref: '年报', date: '2020-02-03' }),
      f.flag(true, { ref: '报告', date: '2020-02-20' }),
      f.flag(false, { ref: '公开' }),
    ]);
    expect(total(u)).toBe('0.8');
  });
});

describe('P46 retrospective attribution across units', () => {
  // 002:672 违纪违法问题延续发生在原单位和现单位的,对两个单位都实行…: the same matter is a fact for each unit
  it('one matter recorded for the original and the current unit deducts both', () => {
    const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'rank', amounts: { 班子成员: d(1), 一般干部: d('0.1') } } };
    const res = run(buildScheme({ rule, points: '5', units: 3 }), [f.occ({ rank: '班子成员', eventKey: 'A1' }), f.occ({ unit: 'U2', rank: '班子成员', eventKey: 'A1' })]);
    expect(res.units.map((u) => str(u.total))).toEqual(['4', '4', '5']);
  });
});

describe('P47 subjective multi-rater surveys', () => {
  // 002:988-1020 eight rater groups weighted 5/3/2/3/3/2/2/2 (22 points)
  const groups = { 市领导: d(5), 人大代表: d(3), 政协委员: d(2), 部门: d(3), 县区: d(3), 企业: d(2), 群众: d(2), 服务对象: d(2) };
  const all = (v: string) => Object.keys(groups).map((g) => f.survey(g, v));
  it.each([
    { facts: all('100'), want: '22' },
    { facts: all('90'), want: '19.8' }, // 22 × 0.9
    { facts: [...all('100').slice(1), f.survey('市领导', '80')], want: '21' }, // 22 − 5 × 0.2
    { facts: all('33.3'), want: '7.326' },
  ])('→ $want', ({ facts, want }) => {
    expect(total(score({ rule: { kind: 'survey', groups }, points: '22' }, facts))).toBe(want);
  });

  it('decimals: 7.326 kept to 2 decimals → 7.33 with a round line', () => {
    const u = score({ rule: { kind: 'survey', groups, decimals: 2 }, points: '22' }, all('33.3'));
    expect(total(u)).toBe('7.33');
    expect(str(linesOf(u, 'round')[0]!.amount)).toBe('0.004');
  });

  it('a missing rater group is needs-judgement', () => {
    const u = score({ rule: { kind: 'survey', groups }, points: '22' }, all('90').slice(1));
    expect(u.pendingJudgements).toBe(1);
    expectExplains(linesOf(u, 'pending')[0], '缺少以下测评组的结果：市领导');
  });

  // 003:1902 测评结果95%（含）以上为满分，95%至80%（含）每降1%扣0.5分，80%以下视情打分 (10 points)
  const sat: Rule = { kind: 'threshold-steps', effect: 'score', metric: { of: 'value' }, threshold: d(95), direction: 'below', step: d(1), perStep: d('0.5'), judgementBeyond: d(80) };
  it.each([
    { facts: [f.value('96')], want: '10', pending: 0 },
    { facts: [f.value('95')], want: '10', pending: 0 },
    { facts: [f.value('94')], want: '9.5', pending: 0 },
    { facts: [f.value('80')], want: '2.5', pending: 0 }, // 15 steps × 0.5 = 7.5: 80 is still stepped (80（含）)
    { facts: [f.value('79.9')], want: '0', pending: 1 }, // 视情打分
    { facts: [f.value('70'), f.judge('3')], want: '3', pending: 0 },
  ])('003:1902 → $want', ({ facts, want, pending }) => {
    const u = score({ rule: sat, points: '10' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });
});

describe('P48 variant point allocations by unit type', () => {
  // 003:4970 vs 003:5453 健全会议预公开…制度: 1 point for departments, 3 for towns; 001 店镇 乡村振兴 50 vs 20
  const b = {
    rule: { kind: 'completion' } as Rule,
    groups: { dept: 1, town: 2 },
    indicator: { pointsByCategory: { dept: d(1), town: d(3) }, pointsByUnit: { town2: d(50) } },
  };
  it('dept 1, town 3, the named town 50', () => {
    const res = run(buildScheme(b), [f.flag(true, { unit: 'dept1' }), f.flag(true, { unit: 'town1' }), f.flag(true, { unit: 'town2' })]);
    expect(res.units.map((u) => str(u.total))).toEqual(['1', '3', '50']);
  });
  it('the same failure costs each its own points', () => {
    const res = run(buildScheme(b), [f.flag(false, { unit: 'dept1' }), f.flag(false, { unit: 'town1' }), f.flag(false, { unit: 'town2' })]);
    expect(res.units.map((u) => sumOf(u, 'deduction'))).toEqual(['-1', '-3', '-50']);
  });
});

describe('P49 multi-evaluator split of one category', () => {
  // 003:1795 组织振兴、人才振兴工作20分，由组织部负责；文化振兴工作10分，由宣传部负责；产业振兴工作10分，由农业农村局负责
  const node: Indicator = {
    code: 'R',
    title: '乡村振兴',
    points: d(40),
    children: [
      { code: 'R1', title: '组织振兴、人才振兴', points: d(20), leadAssessors: ['组织部'], clauses: [clause('R1.c', { kind: 'manual', effect: 'score' }, { leadAssessors: ['组织部'] })] },
      { code: 'R2', title: '文化振兴', points: d(10), leadAssessors: ['宣传部'], clauses: [clause('R2.c', { kind: 'manual', effect: 'score' }, { leadAssessors: ['宣传部'] })] },
      { code: 'R3', title: '产业振兴', points: d(10), leadAssessors: ['农业农村局'], clauses: [clause('R3.c', { kind: 'manual', effect: 'score' }, { leadAssessors: ['农业农村局'] })] },
    ],
  };
  it('each assessor scores its part; the category is their sum, and a missing part is pending', () => {
    const facts = [f.judge('18', { ref: 'R1.c', by: '组织部' }), f.judge('9', { ref: 'R2.c', by: '宣传部' })];
    const u = score({ indicators: [node] }, facts);
    expect(total(u)).toBe('27');
    expect(u.pendingJudgements).toBe(1); // 农业农村局 has not scored
    expect(nodeOf(u, 'R3').status).toBe('needs-judgement');
    expect(u.ledger.filter((l) => l.kind === 'score').map((l) => l.params.by)).toEqual(['组织部', '宣传部']);
    expect(total(score({ indicators: [node] }, [...facts, f.judge('7', { ref: 'R3.c', by: '农业农村局' })]))).toBe('34');
  });
});

describe("P50 assessment of the assessors' own process", () => {
  // 002:310 年底前对县(市、区)平安考核核准分值与省平安考核扣分分值不一致的,扣0.1分
  // 003:1125 未按时完成年度考评任务的扣3分；考评结果出现偏差的扣1—3分
  const b = {
    points: '10',
    clauses: [
      clause('mismatch', { kind: 'condition', effect: 'deduction', amount: d('0.1') }),
      clause('late', { kind: 'condition', effect: 'deduction', amount: d(3) }),
      clause('bias', { kind: 'discretionary', effect: 'deduction', min: d(1), max: d(3) }),
    ],
  };
  it.each([
    { facts: [], want: '10', pending: 0 },
    { facts: [f.flag(true, { ref: 'mismatch' })], want: '9.9', pending: 0 },
    { facts: [f.flag(true, { ref: 'late' }), f.flag(true, { ref: 'bias' })], want: '7', pending: 1 }, // bias awaits its 1–3 judgement
    { facts: [f.flag(true, { ref: 'late' }), f.flag(true, { ref: 'bias' }), f.judge('2', { ref: 'bias' })], want: '5', pending: 0 },
  ])('→ $want', ({ facts, want, pending }) => {
    const u = score(b, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });
});
