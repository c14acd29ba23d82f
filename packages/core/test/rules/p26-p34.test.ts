/** P26–P34: bonus caps and de-duplication, deduction de-duplication, vetoes, direct zero, negative list, N/A, rounding, total clamps. */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.types';
import type { Grading, Indicator, VetoEffect } from '../../src/scheme/scheme.types';
import type { Fact } from '../../src/scheme/fact.types';
import { buildScheme, clause, clauseStatus, d, expectExplains, f, fourGrades, kinds, ledgerSum, linesOf, msgs, nodeOf, run, score, str, sumOf, total, type Build, unitOf } from '../test-scheme';

/** A leaf indicator the assessor scores directly (no clause), so a test can set a unit's item total. */
const judged = (code: string, points: string): Indicator => ({ code, title: code, points: d(points) });
/** A bonus indicator (outside the points) with one judged bonus clause. */
const bonusItem = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  title: code,
  role: 'bonus',
  clauses: [clause(`${code}.c`, { kind: 'manual', effect: 'bonus' })],
  ...extra,
});

describe('P26 bonus items: caps, de-duplication, highest-only', () => {
  // 003:3891 被市级媒体报道的，每次加0.5分，被省级媒体报告的，每次加1分（同一事项被多家媒体报道，以最高级媒体计分）；
  //          同一事项不重复加分，加分最高不超过5分
  const media: Rule = { kind: 'per-occurrence', effect: 'bonus', tiers: { by: 'level', amounts: { 市级: d('0.5'), 省级: d(1) } }, dedupe: 'event-key', cap: d(5) };
  const b: Build = { rule: media, indicator: { role: 'bonus' } };
  it.each([
    { facts: [['E1', '市级'], ['E1', '省级']], want: '1', note: 'one matter in two media: the highest, once' },
    { facts: [['E1', '市级'], ['E2', '市级']], want: '1', note: 'two matters: 0.5 + 0.5' },
    { facts: [['E1', '省级'], ['E2', '省级'], ['E3', '省级'], ['E4', '省级'], ['E5', '省级']], want: '5', note: 'cap reached exactly' },
    { facts: [['E1', '省级'], ['E2', '省级'], ['E3', '省级'], ['E4', '省级'], ['E5', '省级'], ['E6', '市级']], want: '5', note: '5.5 → cap 5' },
  ])('003:3891 $note → +$want', ({ facts, want }) => {
    const u = score(b, facts.map(([eventKey, level]) => f.occ({ eventKey: eventKey!, level: level! })));
    expect(total(u)).toBe(want);
  });

  it('003:3891 the de-duplication is a line', () => {
    const u = score(b, [f.occ({ eventKey: 'E1', level: '市级' }), f.occ({ eventKey: 'E1', level: '省级' })]);
    expectExplains(linesOf(u, 'dedupe')[0]!, '同一事项“E1”记录 2 次，按最高 1 分计一次，不重复计分');
  });

  // 002:1072 获奖以获最高奖等级1项作为加分依据 with 002:1024 加分(最高0.5分)
  it.each([
    { levels: ['市级', '省级', '市级'], want: '0.2' },
    { levels: ['国家级', '省级'], want: '0.3' },
    { levels: ['市级'], want: '0.1' },
  ])('002:1072 highest only of $levels → +$want', ({ levels, want }) => {
    const r: Rule = { kind: 'per-occurrence', effect: 'bonus', tiers: { by: 'level', amounts: { 国家级: d('0.3'), 省级: d('0.2'), 市级: d('0.1') } }, highestOnly: true };
    expect(total(score({ rule: r, indicator: { role: 'bonus' } }, levels.map((level) => f.occ({ level }))))).toBe(want);
  });

  // 002:1024 加分(最高0.5分): the unit bonus cap over all bonus items
  it.each([
    { a: '0.2', b: '0.3', want: '90.5', capped: false }, // 90 + 0.5: reached exactly
    { a: '0.4', b: '0.3', want: '90.5', capped: true }, // 90 + 0.7 → 90 + 0.5
  ])('unit bonus cap 0.5: +$a +$b → $want', ({ a, b: bb, want, capped }) => {
    const u = score({ indicators: [judged('I1', '100'), bonusItem('B1'), bonusItem('B2')], settings: { unitBonusCap: d('0.5') } }, [f.judge('90', { ref: 'I1' }), f.judge(a, { ref: 'B1.c' }), f.judge(bb, { ref: 'B2.c' })]);
    expect(total(u)).toBe(want);
    expect(msgs(u).includes('unit.bonus-cap')).toBe(capped);
    expect(str(u.bonusTotal)).toBe(capped ? '0.5' : '0.5');
  });

  it('the unit bonus cap also counts bonus clauses inside ordinary items, at any depth', () => {
    const tree: Indicator = {
      code: 'I1',
      title: '一级',
      points: d(100),
      ceiling: null,
      children: [{ code: 'I1a', title: '二级', points: d(100), ceiling: null, clauses: [clause('B', { kind: 'manual', effect: 'bonus' }), clause('J', { kind: 'manual', effect: 'deduction' })] }],
    };
    // 100 + 0.4 (nested bonus clause) + 0.3 (bonus item) = 100.7 → bonuses capped at 0.5 → 100.5
    const u = score({ indicators: [tree, bonusItem('B2')], settings: { unitBonusCap: d('0.5') } }, [f.judge('0.4', { ref: 'B' }), f.judge('0.3', { ref: 'B2.c' })]);
    expect(total(u)).toBe('100.5');
    expect(str(u.bonusTotal)).toBe('0.5');
  });

  it('a bonus already cut by its item ceiling does not count again against the unit cap', () => {
    // I1 scores its full 10; its +0.4 bonus clause is cut by the item ceiling (10). Only the bonus item's 0.3 is a bonus.
    const u = score(
      { indicators: [{ code: 'I1', title: 'I1', points: d(10), clauses: [clause('B', { kind: 'manual', effect: 'bonus' })] }, bonusItem('B2')], settings: { unitBonusCap: d('0.5') } },
      [f.judge('0.4', { ref: 'B' }), f.judge('0.3', { ref: 'B2.c' })],
    );
    expect(total(u)).toBe('10.3'); // not 10.3 − (0.7 − 0.5) = 10.1
    expect(str(u.bonusTotal)).toBe('0.3');
  });

  // 003:1735 本项最高1.5分: an item bonus cap
  it('item bonus cap 1.5: 1 + 0.5 + 0.5 → 1.5', () => {
    const r: Rule = { kind: 'per-occurrence', effect: 'bonus', amount: d('0.5') };
    const u = score({ rule: r, clauses: [clause('C2', { kind: 'per-occurrence', effect: 'bonus', amount: d(1) })], indicator: { role: 'bonus', caps: { bonus: d('1.5') } } }, [...f.occs(2), f.occ({ ref: 'C2' })]);
    expect(total(u)).toBe('1.5');
    expectExplains(linesOf(u, 'cap')[0]!, '本项加分合计 2 分超过上限 1.5 分，按 1.5 分计');
  });

  // 003:296 每单位累计加减分不超过5分 read as net (§8.1(9)): a bonus node without points, floor −5 and ceiling 5
  it.each([
    { plus: ['4', '3'], minus: '1', want: '5' }, // net +6 → 5
    { plus: ['1'], minus: '7', want: '-5' }, // net −6 → −5
    { plus: ['2'], minus: '1', want: '1' },
  ])('003:296 net adjustment +$plus −$minus → $want', ({ plus, minus, want }) => {
    const node: Indicator = {
      code: 'ADJ',
      title: '加减分',
      role: 'bonus',
      floor: d(-5),
      ceiling: d(5),
      clauses: [clause('P', { kind: 'accumulate', effect: 'bonus', items: { 加分: d(1) } }), clause('M', { kind: 'manual', effect: 'deduction' })],
    };
    const facts: Fact[] = [...plus.map((n) => f.occ({ ref: 'P', kind: '加分', count: Number(n) })), f.judge(minus, { ref: 'M' })];
    expect(total(score({ indicators: [node] }, facts))).toBe(want);
  });
});

describe('P27 deduction de-duplication and cumulation', () => {
  // 003:243 同一扣分事项取最高分，不重复扣分；扣分项最多扣5分
  const rule: Rule = { kind: 'per-occurrence', effect: 'deduction', tiers: { by: 'level', amounts: { 国家: d(5), 省: d(3), 市: d(1) } }, dedupe: 'event-key', cap: d(5) };
  it.each([
    { facts: [['E1', '市'], ['E1', '省']], want: '7' }, // 10 − 3 (one matter, highest)
    { facts: [['E1', '市'], ['E2', '省']], want: '6' }, // 10 − 1 − 3
    { facts: [['E1', '国家'], ['E2', '市']], want: '5' }, // 10 − 6 → cap 5
  ])('003:243 $facts → $want', ({ facts, want }) => {
    expect(total(score({ rule, points: '10' }, facts.map(([eventKey, level]) => f.occ({ eventKey: eventKey!, level: level! }))))).toBe(want);
  });

  // 003:3897 同一事项不重复扣分 across clauses: 通报 (1) and 约谈 (2) of the same matter count once, in the dearer clause
  const c = (code: string, amount: string): ReturnType<typeof clause> => clause(code, { kind: 'per-occurrence', effect: 'deduction', amount: d(amount) }, { dedupeGroup: 'G' });
  it.each([
    { facts: [['通报', 'E1'], ['约谈', 'E1']], want: '8', note: 'same matter: only 约谈 2' },
    { facts: [['通报', 'E1'], ['约谈', 'E2']], want: '7', note: 'different matters: 1 + 2' },
    { facts: [['通报', 'E1'], ['通报', 'E2'], ['约谈', 'E2']], want: '7', note: 'E1 in 通报 1, E2 in 约谈 2' },
    { facts: [['通报', ''], ['约谈', '']], want: '7', note: 'no event key: cannot be matched, both count' },
  ])('dedupeGroup: $note → $want', ({ facts, want }) => {
    const u = score({ points: '10', clauses: [c('通报', '1'), c('约谈', '2')] }, facts.map(([ref, key]) => f.occ({ ref: ref!, ...(key ? { eventKey: key } : {}) })));
    expect(total(u)).toBe(want);
  });

  it('dedupeGroup with equal amounts counts the matter in the first clause only', () => {
    const u = score({ points: '10', clauses: [c('A', '1'), c('B', '1')] }, [f.occ({ ref: 'A', eventKey: 'E1' }), f.occ({ ref: 'B', eventKey: 'E1' })]);
    expect(total(u)).toBe('9');
  });

  // 003:4530 如果扣分同时符合多项扣分情形的累计扣分，1分扣完为止 (explicit cumulation)
  it('003:4530 cumulation: 0.5 + 0.3 + 0.4 from 1 → 0', () => {
    const k = (code: string, a: string): ReturnType<typeof clause> => clause(code, { kind: 'condition', effect: 'deduction', amount: d(a) });
    const u = score({ points: '1', clauses: [k('A', '0.5'), k('B', '0.3'), k('C', '0.4')] }, [f.flag(true, { ref: 'A' }), f.flag(true, { ref: 'B' }), f.flag(true, { ref: 'C' })]);
    expect(total(u)).toBe('0');
    expect([...kinds(u)].sort()).toEqual(['deduction', 'deduction', 'deduction', 'floor', 'score']); // base 1, three deductions, floor +0.2
  });
});

describe('P28 one-vote veto and its effects', () => {
  const grading = fourGrades;
  const vetoScheme = (effects: VetoEffect[]): Build => ({
    indicators: [judged('I1', '60'), judged('I2', '40')],
    units: 2,
    grading,
    vetoes: [{ code: 'V1', text: '发生较大以上生产安全事故，一票否决', effects }],
  });
  // U1: 55 + 40 = 95; U2: 50 + 30 = 80
  const base: Fact[] = [f.judge('55', { ref: 'I1' }), f.judge('40', { ref: 'I2' }), f.judge('50', { ref: 'I1', unit: 'U2' }), f.judge('30', { ref: 'I2', unit: 'U2' })];
  const vetoU1 = [...base, f.flag(true, { ref: 'V1' })];
  const u1 = (effects: VetoEffect[], facts = vetoU1) => unitOf(run(buildScheme(vetoScheme(effects)), facts), 'U1');

  it('no trigger (flag false): no effect', () => {
    const u = u1([{ type: 'zero-total' }], [...base, f.flag(false, { ref: 'V1' })]);
    expect(total(u)).toBe('95');
    expect(u.vetoes).toEqual([]);
    expect(u.grade).toBe('A');
  });

  it.each([
    { effects: [{ type: 'zero-indicator', indicator: 'I2' }], want: '55', grade: 'D' }, // 55 + 0 < 60; 本项不得分 (002:346 (a))
    { effects: [{ type: 'zero-total' }], want: '0', grade: 'D' }, // (c)
    { effects: [{ type: 'max-grade', grade: 'B' }], want: '95', grade: 'B' }, // (b) blocked from 优秀
    { effects: [{ type: 'force-grade', grade: 'D' }], want: '95', grade: 'D' },
    { effects: [{ type: 'deduct', amount: d(1) }], want: '94', grade: 'A' }, // (d) 000:961 扣 1 分
    { effects: [{ type: 'bar-award', award: '一等奖' }], want: '95', grade: 'A' }, // 002:672 评选一等奖“一票否决”
    { effects: [{ type: 'bar-award', award: '一等奖' }, { type: 'deduct', amount: d('0.5') }], want: '94.5', grade: 'A' }, // …和扣分
    { effects: [{ type: 'bar-grade', grade: '优秀' }], want: '95', grade: 'B' }, // 一票否优 (corpus 07 3.1): not 优秀, points kept
    { effects: [{ type: 'bar-grade', grade: 'A' }, { type: 'max-grade', grade: 'C' }], want: '95', grade: 'C' }, // the stricter cap holds
  ] as { effects: VetoEffect[]; want: string; grade: string }[])('$effects.0.type → $want, grade $grade', ({ effects, want, grade }) => {
    const u = u1(effects);
    expect(total(u)).toBe(want);
    expect(u.grade).toBe(grade);
    expect(u.vetoes).toEqual(['V1']);
    expect(linesOf(u, 'veto').length).toBeGreaterThan(0);
  });

  it('zero-indicator marks the item vetoed and explains it', () => {
    const u = u1([{ type: 'zero-indicator', indicator: 'I2' }]);
    expect(nodeOf(u, 'I2').status).toBe('vetoed');
    expectExplains(u.ledger.find((l) => l.msg === 'node.veto-zero')!, '触发一票否决，本项计零（原 40 分）');
  });

  it('bar-grade names the barred grade and the cap in the ledger', () => {
    expectExplains(linesOf(u1([{ type: 'bar-grade', grade: '优秀' }]), 'veto')[0]!, '触发一票否优，不得评为“优秀”，等次至多为“良好”');
  });

  it('bar-grade leaves a unit already below the barred grade as it is (U2: 80 → B)', () => {
    const u = unitOf(run(buildScheme(vetoScheme([{ type: 'bar-grade', grade: '优秀' }])), [...base, f.flag(true, { ref: 'V1', unit: 'U2' })]), 'U2');
    expect(u.grade).toBe('B');
    expect(u.vetoes).toEqual(['V1']);
  });

  it('bar-award records the award; deduct counts in the deduction total', () => {
    const u = u1([{ type: 'bar-award', award: '一等奖' }, { type: 'deduct', amount: d('0.5') }]);
    expect(u.barredAwards).toEqual(['一等奖']);
    expect(str(u.deductionTotal)).toBe('0.5');
  });

  it('force-last puts the vetoed unit last whatever its total', () => {
    const res = run(buildScheme(vetoScheme([{ type: 'force-last' }])), vetoU1);
    expect(unitOf(res, 'U1').ranks[0]).toMatchObject({ rank: 2, of: 2 });
    expect(unitOf(res, 'U2').ranks[0]).toMatchObject({ rank: 1 });
    expect(str(unitOf(res, 'U1').total)).toBe('95');
  });

  it('a veto outside its scope does nothing', () => {
    const b = vetoScheme([{ type: 'zero-total' }]);
    b.vetoes![0]!.appliesTo = { units: ['U2'] };
    expect(total(unitOf(run(buildScheme(b), vetoU1), 'U1'))).toBe('95');
  });

  it('an occurrence fact also triggers a veto', () => {
    expect(total(u1([{ type: 'zero-total' }], [...base, f.occ({ ref: 'V1' })]))).toBe('0');
  });
});

describe('P29 direct zero', () => {
  // 003:422 在省年度工作成效考核中，被列为“差”等次的，本项分值为0
  it.each([
    { hit: true, want: '0' },
    { hit: false, want: '28' }, // 30 − 2
  ])('003:422 zero the item (hit $hit) → $want', ({ hit, want }) => {
    const u = score({ points: '30', clauses: [clause('Z', { kind: 'zero', scope: 'indicator' }), clause('D', { kind: 'condition', effect: 'deduction', amount: d(2) })] }, [f.flag(hit, { ref: 'Z' }), f.flag(true, { ref: 'D' })]);
    expect(total(u)).toBe(want);
  });

  it('a clause that zeroes its parent topic zeroes the siblings too', () => {
    const topic: Indicator = {
      code: 'T',
      title: '专项',
      points: d(20),
      children: [
        { code: 'T1', title: 'T1', points: d(10), clauses: [clause('Z', { kind: 'zero', scope: 'parent' })] },
        { code: 'T2', title: 'T2', points: d(10) },
      ],
    };
    const u = score({ indicators: [topic, judged('I2', '10')] }, [f.flag(true, { ref: 'Z' }), f.judge('8', { ref: 'T2' }), f.judge('6', { ref: 'I2' })]);
    expect(total(u)).toBe('6'); // T: (10 + 8) → 0; I2 6
    expect(str(nodeOf(u, 'T').score)).toBe('0');
  });

  // 003:67 凡出现重大旅游安全生产责任事故…的单位在年度考核中直接计零分 — the whole result, bonuses included
  it('003:67 zero the unit: 90 + 3 bonus → 0', () => {
    const u = score(
      { indicators: [{ ...judged('I1', '100'), clauses: undefined }, { code: 'Z', title: '直接计零', clauses: [clause('Z.c', { kind: 'zero', scope: 'unit' })] }, bonusItem('B1')] },
      [f.judge('90', { ref: 'I1' }), f.judge('3', { ref: 'B1.c' }), f.flag(true, { ref: 'Z.c' })],
    );
    expect(total(u)).toBe('0');
    expectExplains(linesOf(u, 'zero').at(-1)!, '直接计零分（原 93 分）');
  });

  // 002:700 发现有下列违反财政财务规定行为之一的,不得分。但第6项至第7项违规行为,数额在限额以下的,每一项行为扣0.5分,累计扣分不超过0.5分
  it.each([
    { zero: false, minor: 0, want: '2' },
    { zero: false, minor: 2, want: '1.5' }, // 2 × 0.5 → cap 0.5
    { zero: true, minor: 1, want: '0' },
  ])('002:700 mixed rule: zero $zero, minor $minor → $want', ({ zero, minor, want }) => {
    const u = score(
      { points: '2', clauses: [clause('Z', { kind: 'zero', scope: 'indicator' }), clause('M', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d('0.5') })] },
      [f.flag(zero, { ref: 'Z' }), ...f.occs(minor, { ref: 'M' })],
    );
    expect(total(u)).toBe(want);
  });
});

describe('P31 negative-list deductions from the unit total', () => {
  // 001:219-221 未完成全面建成小康社会补短板工作年度任务的 | 县委办 | -1.5
  // 001:264-266 扫黑除恶专项斗争考评未达到84分的 | 县政法委 | -0.5 (a threshold on another assessment)
  const b: Build = {
    indicators: [judged('I1', '100')],
    negativeList: [
      { code: 'N1', text: '未完成全面建成小康社会补短板工作年度任务的', amount: d('1.5') },
      { code: 'N2', text: '扫黑除恶专项斗争考评未达到84分的', rule: { kind: 'threshold-steps', effect: 'deduction', metric: { of: 'sub-score' }, threshold: d(84), direction: 'below', initial: d('0.5') } },
    ],
  };
  it.each([
    { facts: [], want: '100', neg: '0' },
    { facts: [f.flag(true, { ref: 'N1' })], want: '98.5', neg: '1.5' }, // outside the 100-point maximum
    { facts: [f.sub('84', { ref: 'N2' })], want: '100', neg: '0' }, // 84 reaches 84
    { facts: [f.sub('83.9', { ref: 'N2' })], want: '99.5', neg: '0.5' },
    { facts: [f.flag(true, { ref: 'N1' }), f.sub('70', { ref: 'N2' })], want: '98', neg: '2' },
  ])('→ $want (negative $neg)', ({ facts, want, neg }) => {
    const u = score(b, [f.judge('100', { ref: 'I1' }), ...facts]);
    expect(total(u)).toBe(want);
    expect(str(u.negativeTotal)).toBe(neg);
    expect(linesOf(u, 'negative').length).toBe(neg === '0' ? 0 : facts.length);
  });

  it('an entry scoped to other units does not apply', () => {
    const scoped: Build = { ...b, negativeList: [{ code: 'N1', text: '…', amount: d('1.5'), appliesTo: { units: ['U2'] } }] };
    expect(total(score(scoped, [f.judge('100', { ref: 'I1' }), f.flag(true, { ref: 'N1' })]))).toBe('100');
  });
});

describe('P32 imputation and non-applicability', () => {
  const two: Indicator[] = [judged('I1', '60'), judged('I2', '40')];
  // 003:3928 不涉及此项工作的不扣分
  it("'full-points': 45 + 40 (N/A keeps its points) = 85", () => {
    const u = score({ indicators: two }, [f.judge('45', { ref: 'I1' }), f.na({ ref: 'I2', reason: '无河道' })]);
    expect(total(u)).toBe('85');
    expect(nodeOf(u, 'I2').status).toBe('not-applicable');
    expectExplains(linesOf(u, 'not-applicable')[0]!, '不涉及此项工作（无河道），不扣分，计 40 分');
  });

  // 002:468 未列入考核的单位按平均分计算得分; 003:177 不涉及智慧城市工作的单位得平均分
  it("'average-of-others': U1 takes the mean of U2 and U3 (30 + 25)/2 = 27.5", () => {
    const b: Build = { indicators: [judged('I1', '60'), { ...judged('I2', '40'), notApplicable: 'average-of-others' }], units: 3 };
    const res = run(buildScheme(b), [
      f.judge('45', { ref: 'I1' }),
      f.na({ ref: 'I2' }),
      f.judge('50', { ref: 'I1', unit: 'U2' }),
      f.judge('30', { ref: 'I2', unit: 'U2' }),
      f.judge('40', { ref: 'I1', unit: 'U3' }),
      f.judge('25', { ref: 'I2', unit: 'U3' }),
    ]);
    const u = unitOf(res, 'U1');
    expect(total(u)).toBe('72.5'); // 45 + 27.5
    expectExplains(linesOf(u, 'impute')[0]!, '不涉及此项工作（不涉及此项工作），按同组其他单位平均分 27.5 分计');
    expect(u.pendingJudgements).toBe(0);
  });

  it("'average-of-others' averages only within the unit's ranking group", () => {
    const b: Build = { indicators: [{ ...judged('I2', '40'), notApplicable: 'average-of-others' }], groups: { A: 2, B: 1 } };
    const res = run(buildScheme(b), [f.na({ ref: 'I2', unit: 'A1' }), f.judge('20', { ref: 'I2', unit: 'A2' }), f.judge('40', { ref: 'I2', unit: 'B1' })]);
    expect(str(unitOf(res, 'A1').total)).toBe('20');
  });

  it("'average-of-others' with nobody else scored is needs-judgement, not a silent 0", () => {
    const b: Build = { indicators: [{ ...judged('I2', '40'), notApplicable: 'average-of-others' }] };
    const u = score(b, [f.na({ ref: 'I2' })]);
    expect(total(u)).toBe('0');
    expect(u.pendingJudgements).toBe(1);
  });

  it("'rescale-total': the N/A item leaves the scheme, 45 of 60 → 75 of 100", () => {
    const u = score({ indicators: [judged('I1', '60'), { ...judged('I2', '40'), notApplicable: 'rescale-total' }] }, [f.judge('45', { ref: 'I1' }), f.na({ ref: 'I2' })]);
    expect(total(u)).toBe('75');
    expectExplains(linesOf(u, 'rescale')[0]!, '不适用指标 40 分不计入，得分 45 ÷（100 − 40）× 100 = 75 分');
  });

  it.each([
    { rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, want: '5' }, // deduction clause: nothing deducted
    { rule: { kind: 'completion' }, want: '5' }, // positive clause: keeps its points
  ] as { rule: Rule; want: string }[])('a clause N/A ($rule.kind) → $want with status not-applicable', ({ rule, want }) => {
    const u = score({ rule, points: '5' }, [f.na(), f.occ()]);
    expect(total(u)).toBe(want);
    expect(clauseStatus(u)).toBe('not-applicable');
  });
});

describe('P33 rounding and precision', () => {
  // 002:468 前二项得分保留三位小数 (node rounding); 003:1897 最终得分精确到小数点后两位 (total rounding)
  it('node rounding to 3 decimals then total rounding to 2: 2/3 × 1 = 0.666667 → 0.667 → 0.67', () => {
    const r: Rule = { kind: 'proportional', effect: 'score', target: d(3) };
    const u = score({ rule: r, points: '1', indicator: { rounding: { decimals: 3 } }, settings: { rounding: { decimals: 2 } } }, [f.value('2')]);
    expect(total(u)).toBe('0.67');
    expect(linesOf(u, 'round').map((l) => str(l.amount))).toEqual(['0.000333', '0.003']);
  });

  it.each([
    { mode: 'half-up', want: '0.13' }, // 0.125 → 0.13
    { mode: 'half-even', want: '0.12' },
    { mode: 'down', want: '0.12' },
  ] as const)('total rounding $mode: 1/8 → $want', ({ mode, want }) => {
    const r: Rule = { kind: 'proportional', effect: 'score', target: d(8) };
    expect(total(score({ rule: r, points: '1', settings: { rounding: { decimals: 2, mode } } }, [f.value('1')]))).toBe(want);
  });

  it('the default total rounding is 2 decimals half-up', () => {
    const scheme = buildScheme({ rule: { kind: 'proportional', effect: 'score', target: d(3) }, points: '1' });
    delete scheme.settings.rounding;
    expect(str(unitOf(run(scheme, [f.value('2')])).total)).toBe('0.67');
  });
});

describe('P34 clamping of totals', () => {
  // 003:4562 考核指标高于100分的按满分计分，考核指标低于40分的按零分计分 — 40 stays 40, 39.9 becomes 0
  const b: Build = { indicators: [judged('I1', '100'), bonusItem('B1')], settings: { totalMax: d(100), cutoffs: [{ below: d(40), to: d(0) }] } };
  it.each([
    { item: '40', bonus: '0', want: '40', kind: undefined },
    { item: '39.9', bonus: '0', want: '0', kind: 'cutoff' },
    { item: '39.9', bonus: '0.1', want: '40', kind: undefined },
    { item: '0', bonus: '0', want: '0', kind: undefined },
    { item: '100', bonus: '0', want: '100', kind: undefined },
    { item: '99', bonus: '1.5', want: '100', kind: 'clamp' },
  ])('$item + $bonus → $want', ({ item, bonus, want, kind }) => {
    const u = score(b, [f.judge(item, { ref: 'I1' }), f.judge(bonus, { ref: 'B1.c' })]);
    expect(total(u)).toBe(want);
    expect(u.ledger.filter((l) => l.kind === 'cutoff' || l.kind === 'clamp').map((l) => l.kind)).toEqual(kind ? [kind] : []);
  });

  it('the cut-off line explains the discontinuity', () => {
    const u = score(b, [f.judge('39.9', { ref: 'I1' })]);
    expectExplains(linesOf(u, 'cutoff')[0]!, '总分 39.9 低于 40 分，按 0 分计');
  });

  it('totalMin: a negative total (deductions beyond the points) is held at the minimum', () => {
    const u = score({ rule: { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, settings: { totalMin: d(0) } }, f.occs(3));
    expect(total(u)).toBe('0');
    expect(str(ledgerSum(u))).toBe('0');
  });
});
