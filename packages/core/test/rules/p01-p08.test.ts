/** P01–P08: per-occurrence deductions, conditions, tiers by authority/severity/person, discretionary ranges, caps and floors. */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import { clause, clauseStatus, d, expectExplains, f, kinds, ledgerSum, linesOf, msgs, score, str, sumOf, total } from '../test-scheme';

describe('P01 fixed deduction per occurrence', () => {
  // 000:106 推进重点项目建设不力被上级问责的，每起扣 0.2 分 (item worth 1 point, 扣完为止 by default)
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.2') };
  it.each([
    { n: 0, want: '1', note: '1 − 0 × 0.2 = 1' },
    { n: 1, want: '0.8', note: '1 − 1 × 0.2 = 0.8' },
    { n: 3, want: '0.4', note: '1 − 3 × 0.2 = 0.4' },
    { n: 5, want: '0', note: '1 − 5 × 0.2 = 0: floor reached exactly, no floor line' },
    { n: 6, want: '0', note: '1 − 6 × 0.2 = −0.2 → floor 0 (+0.2 floor line)' },
  ])('$n occurrences → $want ($note)', ({ n, want }) => {
    const u = score({ rule, points: '1' }, f.occs(n));
    expect(total(u)).toBe(want);
    expect(sumOf(u, 'deduction')).toBe(str(d((-2 * n) / 10))); // every occurrence is on a deduction line
    expect(sumOf(u, 'floor')).toBe(n > 5 ? str(d((2 * (n - 5)) / 10)) : '0');
  });

  it('one record with count 3 is three occurrences: 1 − 3 × 0.2 = 0.4, explained as "3 起 × 0.2 分"', () => {
    const u = score({ rule, points: '1' }, [f.occ({ count: 3, date: '2020-05-01' })]);
    expect(total(u)).toBe('0.4');
    const l = linesOf(u, 'deduction')[0]!;
    expect(str(l.amount)).toBe('-0.6');
    expectExplains(l, '3 起 × 0.2 分 = 0.6 分（2020-05-01）');
    expect(str(ledgerSum(u))).toBe(total(u));
  });

  // 002:894 应公开而未公开的,每件扣0.01分 (item 0.2): exact hundredths, no float drift
  it.each([
    { n: 7, want: '0.13' }, // 0.2 − 7 × 0.01
    { n: 10, want: '0.1' }, // 0.2 − 10 × 0.01
    { n: 20, want: '0' }, // 0.2 − 20 × 0.01
  ])('002:894 $n × 0.01 from 0.2 → $want', ({ n, want }) => {
    expect(total(score({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.01') }, points: '0.2' }, f.occs(n)))).toBe(want);
  });

  // 003:461 每发现1个问题镇扣0.2分: the count is towns with a problem, not problems
  it.each([
    { subjects: ['甲镇'], want: '-0.2' }, // 1 town
    { subjects: ['甲镇', '甲镇', '甲镇'], want: '-0.2' }, // 3 problems, 1 town
    { subjects: ['甲镇', '乙镇', '甲镇'], want: '-0.4' }, // 2 towns × 0.2
  ])('003:461 problems in $subjects → $want (deduction-only list, no points: emits −D)', ({ subjects, want }) => {
    const u = score({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.2'), countDistinct: 'subject' } }, subjects.map((subject) => f.occ({ subject })));
    expect(total(u)).toBe(want);
  });

  it('a deduction-only list without points goes negative (it emits −D into its parent): 2 × 0.2 → −0.4', () => {
    const u = score({ rule }, f.occs(2));
    expect(total(u)).toBe('-0.4');
    expect(new Set(kinds(u))).toEqual(new Set(['deduction']));
    expect(sumOf(u, 'deduction')).toBe('-0.4');
  });
});

describe('P02 fixed deduction on a boolean condition', () => {
  // 000:48 未组织领导班子进行学习传达，未研究部署落实的，扣 1 分 (item 2)
  const rule: Rule = { kind: 'condition', effect: 'deduction', amount: d(1) };
  it.each([
    { facts: [], want: '2', note: 'no fact: nothing to deduct' },
    { facts: [f.flag(false)], want: '2', note: 'condition does not hold' },
    { facts: [f.flag(true)], want: '1', note: '2 − 1' },
    { facts: [f.flag(true), f.flag(true)], want: '1', note: 'a condition counts once: 2 − 1' },
    { facts: [f.occ()], want: '1', note: 'an occurrence also triggers it' },
  ])('$note → $want', ({ facts, want }) => {
    const u = score({ rule, points: '2' }, facts);
    expect(total(u)).toBe(want);
  });

  // 000:49 未在规定时限内办结的，扣 1 分；确因实际情况未能按时办结的，但未及时说明原因的，扣 0.5 分
  const graded: Rule = { kind: 'condition', effect: 'deduction', tiers: { by: 'variant', amounts: { 未办结: d(1), 未说明原因: d('0.5') } } };
  it.each([
    { variant: '未办结', want: '1' }, // 2 − 1
    { variant: '未说明原因', want: '1.5' }, // 2 − 0.5
  ])('000:49 graded boolean: $variant → $want', ({ variant, want }) => {
    expect(total(score({ rule: graded, points: '2' }, [f.flag(true, { variant })]))).toBe(want);
  });

  it('000:49 an unlisted variant is data: needs-review, nothing deducted', () => {
    const u = score({ rule: graded, points: '2' }, [f.flag(true, { variant: '其他' })]);
    expect(total(u)).toBe('2');
    expect(u.needsReview).toBe(1);
    expect(clauseStatus(u)).toBe('needs-review');
    expectExplains(linesOf(u, 'review')[0]!, '情形“其他”不在条款列明的情形中，需人工复核');
  });

  // 003:419 未建立领导组织扣1分，不是主要负责人任组长扣1分，没有分管负责人专抓扣1分，未对脱贫攻坚进行部署扣1分:
  // four independent conditions = four clauses on one item (points 5)
  it('003:419 four conditions, three hold: 5 − 3 × 1 = 2', () => {
    const c = (code: string): ReturnType<typeof clause> => clause(code, { kind: 'condition', effect: 'deduction', amount: d(1) });
    const u = score({ points: '5', clauses: [c('A'), c('B'), c('C'), c('D')] }, [f.flag(true, { ref: 'A' }), f.flag(true, { ref: 'B' }), f.flag(false, { ref: 'C' }), f.flag(true, { ref: 'D' })]);
    expect(total(u)).toBe('2');
  });
});

describe('P03 deduction tiered by the level of the notifying authority', () => {
  // 000:68 中央和省委省政府、市委市政府督查通报问题未按要求整改到位的，每件分别扣 0.5 分、0.3 分、0.2 分
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 中央: d('0.5'), 省: d('0.3'), 市: d('0.2') } } };
  it.each([
    { levels: ['中央'], want: '-0.5' },
    { levels: ['省', '省'], want: '-0.6' }, // 2 × 0.3
    { levels: ['中央', '省', '省', '市'], want: '-1.3' }, // 0.5 + 0.6 + 0.2
  ])('$levels → $want', ({ levels, want }) => {
    expect(total(score({ rule }, levels.map((level) => f.occ({ level }))))).toBe(want);
  });

  it('an unlisted level (县) is flagged for review and not priced; the listed ones still count', () => {
    const u = score({ rule }, [f.occ({ level: '县' }), f.occ({ level: '市' })]);
    expect(total(u)).toBe('-0.2');
    expect(u.needsReview).toBe(1);
    expectExplains(linesOf(u, 'review')[0]!, '发生事项的level“县”不在条款列明的档次中，需人工复核');
  });

  it('001:421 an `otherwise` amount prices unlisted levels instead of asking', () => {
    const r: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 省: d('1.5'), 市: d(1) }, otherwise: d('0.5') } };
    expect(total(score({ rule: r }, [f.occ({ level: '县' }), f.occ({ level: '省' })]))).toBe('-2'); // 0.5 + 1.5
  });

  // 000:69 同一问题被中央和省委、省政府督查通报两次以上的，分别扣 0.5 分、0.3 分 (minRepeat 2, counted once per problem)
  const repeat: Rule = { kind: 'per-occurrence', effect: 'deduction', minRepeat: 2, tiers: { by: 'level', amounts: { 中央: d('0.5'), 省: d('0.3') } } };
  it.each([
    { facts: [['Q1', '省']], want: '0', note: 'once: below 两次以上' },
    { facts: [['Q1', '省'], ['Q1', '省']], want: '-0.3', note: 'twice: counts once at 0.3' },
    { facts: [['Q1', '中央'], ['Q1', '中央'], ['Q1', '中央']], want: '-0.5', note: 'three times: still once' },
    { facts: [['Q1', '省'], ['Q2', '省']], want: '0', note: 'two different problems once each' },
    { facts: [['Q1', '省'], ['Q1', '中央']], want: '-0.5', note: 'repeated at mixed levels: the highest, once' },
  ])('000:69 $note → $want', ({ facts, want }) => {
    const u = score({ rule: repeat }, facts.map(([eventKey, level]) => f.occ({ eventKey: eventKey!, level: level! })));
    expect(total(u)).toBe(want);
    if (want === '0') expect(msgs(u)).toContain('occurrence.below-repeat');
  });
});

describe('P04 deduction tiered by severity', () => {
  // 000:121 被诫勉谈话的扣 0.1 分，被党纪政务轻处分的扣 0.2 分，被党纪政务重处分的扣 0.3 分
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'severity', amounts: { 诫勉谈话: d('0.1'), 轻处分: d('0.2'), 重处分: d('0.3') } } };
  it.each([
    { sev: ['诫勉谈话'], want: '0.9' }, // 1 − 0.1
    { sev: ['轻处分', '重处分'], want: '0.5' }, // 1 − 0.2 − 0.3
    { sev: ['重处分', '重处分', '重处分', '重处分'], want: '0' }, // 1 − 1.2 → floor 0
  ])('$sev → $want', ({ sev, want }) => {
    expect(total(score({ rule, points: '1' }, sev.map((severity) => f.occ({ severity }))))).toBe(want);
  });

  it('003:3150 一般 2 / 较大 5 per event, with the tier shown in the line', () => {
    const r: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'severity', amounts: { 一般: d(2), 较大: d(5) } } };
    const u = score({ rule: r, points: '10' }, [f.occ({ severity: '较大' }), f.occ({ severity: '一般', count: 2 })]);
    expect(total(u)).toBe('1'); // 10 − 5 − 2 × 2
    const [severe, general] = linesOf(u, 'deduction');
    expectExplains(severe, '【较大】1 起 × 5 分 = 5 分');
    expectExplains(general, '【一般】2 起 × 2 分 = 4 分');
  });
});

describe('P05 deduction tiered by the rank of the person', () => {
  // 002:676 领导班子成员被查处的…每人次扣1分;副处级干部…每人次扣0.5分;科级领导干部…每人次扣0.25分;一般干部…每人次扣0.1分
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'rank', amounts: { 班子成员: d(1), 副处级: d('0.5'), 科级: d('0.25'), 一般干部: d('0.1') } } };
  it.each([
    { ranks: ['一般干部'], want: '-0.1' },
    { ranks: ['科级', '科级', '一般干部'], want: '-0.6' }, // 0.25 × 2 + 0.1
    { ranks: ['班子成员', '副处级', '科级', '一般干部'], want: '-1.85' }, // 1 + 0.5 + 0.25 + 0.1
  ])('$ranks → $want', ({ ranks, want }) => {
    expect(total(score({ rule }, ranks.map((rank) => f.occ({ rank }))))).toBe(want);
  });
});

describe('P06 discretionary range', () => {
  // 000:265 有当钉子户、做群众尾巴、拖工作后腿等现象的，扣 0.1-0.2 分 (item 1)
  const rule: Rule = { kind: 'discretionary', effect: 'deduction', min: d('0.1'), max: d('0.2') };
  it.each([
    { judged: '0.1', want: '0.9' }, // lower edge
    { judged: '0.15', want: '0.85' },
    { judged: '0.2', want: '0.8' }, // upper edge
    { judged: '0.3', want: '0.8', out: true }, // above range → 0.2, noted
    { judged: '0.05', want: '0.9', out: true }, // below range → 0.1, noted
  ])('judged $judged → $want', ({ judged, want, out }) => {
    const u = score({ rule, points: '1' }, [f.occ(), f.judge(judged, { reason: '拖工作后腿' })]);
    expect(total(u)).toBe(want);
    expect(msgs(u).includes('discretionary.out-of-range')).toBe(out === true);
    expect(u.pendingJudgements).toBe(0);
  });

  it('a trigger without a judgement is needs-judgement, deducts nothing yet', () => {
    const u = score({ rule, points: '1' }, [f.occ()]);
    expect(total(u)).toBe('1');
    expect(u.pendingJudgements).toBe(1);
    expect(clauseStatus(u)).toBe('needs-judgement');
    expectExplains(linesOf(u, 'pending')[0]!, '已发生扣分情形，待考核牵头部门在 0.1–0.2 分范围内酌情认定');
  });

  it('no trigger and no judgement: nothing to decide', () => {
    const u = score({ rule, points: '1' }, []);
    expect(total(u)).toBe('1');
    expect(u.pendingJudgements).toBe(0);
  });

  it('the judgement line carries the reason (a justification must be recorded)', () => {
    const u = score({ rule, points: '1' }, [f.judge('0.15', { reason: '拖工作后腿', by: '督查室' })]);
    expectExplains(linesOf(u, 'deduction')[0]!, '考核牵头部门酌情认定 0.15 分（范围 0.1–0.2），理由：拖工作后腿，认定人：督查室');
  });

  // 002:846 …存在失泄密隐患的,酌情扣分 (item 0.5): without a stated range the points bound it
  it('002:846 酌情扣分 without max is bounded by the points: judged 0.7 of 0.5 → 0.5 deducted', () => {
    const u = score({ rule: { kind: 'discretionary', effect: 'deduction', min: d(0) }, points: '0.5' }, [f.judge('0.7')]);
    expect(total(u)).toBe('0');
  });

  // 003:5111 视情况得分 (positive allocation, 3 points)
  it.each([
    { facts: [], want: '0', pending: 1 },
    { facts: [f.judge('2.5')], want: '2.5', pending: 0 },
    { facts: [f.judge('4')], want: '3', pending: 0 }, // clamped to the points
  ])('003:5111 视情况得分 → $want (pending $pending)', ({ facts, want, pending }) => {
    const u = score({ rule: { kind: 'discretionary', effect: 'score', min: d(0) }, points: '3' }, facts);
    expect(total(u)).toBe(want);
    expect(u.pendingJudgements).toBe(pending);
  });

  // 000:353 未完成的每项最高 0.1 分: a judged amount per occurrence, each bounded
  it('000:353 per-occurrence judged amounts 0.05 and 0.2 (→ 0.1): 0.15 deducted', () => {
    const r: Rule = { kind: 'discretionary', effect: 'deduction', min: d(0), max: d('0.1'), perOccurrence: true };
    const u = score({ rule: r, points: '1' }, [f.occ({ amount: d('0.05') }), f.occ({ amount: d('0.2') })]);
    expect(total(u)).toBe('0.85');
  });

  it('000:353 a per-occurrence trigger without amounts waits for judgement', () => {
    const r: Rule = { kind: 'discretionary', effect: 'deduction', min: d(0), max: d('0.1'), perOccurrence: true };
    expect(score({ rule: r, points: '1' }, [f.occ()]).pendingJudgements).toBe(1);
  });

  // 003:419 领导班子深入基层推进不扎实的扣0.5—1分 with a clause cap
  it('several judgements add up and respect the clause cap: 0.8 + 0.9 capped at 1', () => {
    const r: Rule = { kind: 'discretionary', effect: 'deduction', min: d('0.5'), max: d(1), cap: d(1) };
    const u = score({ rule: r, points: '5' }, [f.judge('0.8'), f.judge('0.9')]);
    expect(total(u)).toBe('4');
    expect(clauseStatus(u)).toBe('clamped');
  });
});

describe('P07 caps on deductions', () => {
  // 000:764 各项事故考核指标每超过一人扣 0.1 分。最高扣 1 分 (item 2)
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d('0.1'), cap: d(1) };
  it.each([
    { n: 9, want: '1.1', clamped: false }, // 2 − 0.9
    { n: 10, want: '1', clamped: false }, // 2 − 1.0: cap reached exactly, no cap line
    { n: 11, want: '1', clamped: true }, // 2 − 1.1 → cap 1 (+0.1 cap line)
    { n: 30, want: '1', clamped: true }, // 2 − 3 → cap 1 (+2 cap line)
  ])('$n persons → $want', ({ n, want, clamped }) => {
    const u = score({ rule, points: '2' }, f.occs(n));
    expect(total(u)).toBe(want);
    expect(clauseStatus(u)).toBe(clamped ? 'clamped' : 'scored');
    expect(linesOf(u, 'cap')).toHaveLength(clamped ? 1 : 0);
  });

  it('the cap line explains the cut: 1.1 over 1', () => {
    const u = score({ rule, points: '2' }, f.occs(11));
    const cap = linesOf(u, 'cap')[0]!;
    expect(str(cap.amount)).toBe('0.1');
    expectExplains(cap, '合计 1.1 分超过上限 1 分，按 1 分计');
  });

  // 000:422 未完成一项扣 0.1 分，总扣分不超过 0.5 分: an item-level cap across its clauses
  it.each([
    { a: 2, b: 3, want: '0.5' }, // 1 − 0.5: reached exactly
    { a: 4, b: 3, want: '0.5' }, // 1 − 0.7 → item cap 0.5
  ])('000:422 item cap: $a + $b items → $want', ({ a, b, want }) => {
    const c = (code: string): ReturnType<typeof clause> => clause(code, { kind: 'per-occurrence', effect: 'deduction', amount: d('0.1') });
    const u = score({ points: '1', clauses: [c('A'), c('B')], indicator: { caps: { deduction: d('0.5') } } }, [...f.occs(a, { ref: 'A' }), ...f.occs(b, { ref: 'B' })]);
    expect(total(u)).toBe(want);
    expect(msgs(u).includes('node.deduction-cap')).toBe(a + b > 5);
  });

  // 003:4393 每个单位最多扣一分: a cap over a whole topic of several clauses
  it('003:4393 every unit loses at most 1 on the topic: 0.6 + 0.8 → 1', () => {
    const u = score(
      { points: '3', clauses: [clause('A', { kind: 'condition', effect: 'deduction', amount: d('0.6') }), clause('B', { kind: 'condition', effect: 'deduction', amount: d('0.8') })], indicator: { caps: { deduction: d(1) } } },
      [f.flag(true, { ref: 'A' }), f.flag(true, { ref: 'B' })],
    );
    expect(total(u)).toBe('2');
  });

  // 003:4605 未按时报送监测数据一次扣5分，最多扣10分 (emits −D, no points)
  it.each([
    { n: 1, want: '-5' },
    { n: 2, want: '-10' },
    { n: 3, want: '-10' },
  ])('003:4605 $n late reports → $want', ({ n, want }) => {
    expect(total(score({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(5), cap: d(10) } }, f.occs(n)))).toBe(want);
  });
});

describe('P08 floor at zero (扣完为止)', () => {
  // 003:3790 发现一个小微水体未纳入河长制管理范围或未设立河长公示牌的扣1分，扣完为止 (M = 4)
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', amount: d(1) };
  it.each([
    { n: 3, want: '1', floor: false }, // 4 − 3
    { n: 4, want: '0', floor: false }, // 4 − 4: floor reached exactly
    { n: 5, want: '0', floor: true }, // 4 − 5 → 0 (+1 floor line)
  ])('$n water bodies → $want', ({ n, want, floor }) => {
    const u = score({ rule, points: '4' }, f.occs(n));
    expect(total(u)).toBe(want);
    const lines = linesOf(u, 'floor');
    expect(lines).toHaveLength(floor ? 1 : 0);
    if (floor) expectExplains(lines[0]!, '得分 -1 分低于 0 分，扣完为止');
  });

  it('floor: null lets the item go negative (a scheme that says nothing about 扣完为止): 1 − 3 × 0.5 = −0.5', () => {
    const u = score({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5') }, points: '1', indicator: { floor: null } }, f.occs(3));
    expect(total(u)).toBe('-0.5');
  });

  // 003:5985 其他考核合计得分：10-（前3项得分的和），小于0分的以0分计算
  it('003:5985 10 − (4 + 3.5 + 3) → 0, not −0.5', () => {
    const c = (code: string): ReturnType<typeof clause> => clause(code, { kind: 'discretionary', effect: 'deduction', min: d(0) });
    const u = score({ points: '10', clauses: [c('A'), c('B'), c('C')] }, [f.judge('4', { ref: 'A' }), f.judge('3.5', { ref: 'B' }), f.judge('3', { ref: 'C' })]);
    expect(total(u)).toBe('0');
    expect(str(linesOf(u, 'floor')[0]!.amount)).toBe('0.5');
  });
});
