/** P30 and §4.1–4.2: grade bands and edges, rank percentiles, quotas with tie policies, grade exceptions, rankings
 *  with ties and forced last place; and `rescore` after one fact changes equals a full `evaluate`. */
import { describe, expect, it } from 'vitest';
import type { Grading, Indicator } from '../../src/scheme/scheme.types';
import type { Fact } from '../../src/scheme/fact.types';
import type { EvaluationResult } from '../../src/scoring/result.types';
import { evaluate, evaluateWithState, rescore } from '../../src/scoring/evaluate';
import { buildScheme, clause, d, f, run, str, unitOf, type Build } from '../test-scheme';

const item: Indicator = { code: 'I1', title: '总分', points: d(100) };
/** Units U1..Un with the given totals (a judged leaf item of 100 points, plus optional extra facts). */
const withTotals = (totals: string[], b: Partial<Build> = {}, extra: Fact[] = []): EvaluationResult =>
  run(buildScheme({ indicators: [item], units: totals.length, ...b }), [...totals.map((t, i) => f.judge(t, { unit: `U${i + 1}`, ref: 'I1' })), ...extra]);
const grades = (r: EvaluationResult): (string | undefined)[] => r.units.map((u) => u.grade);

// 003:3721 得分90分及以上为优秀，75分及以上、90分以下为良好，60分及以上、75分以下为合格，60分以下为不合格
const river: Grading = {
  grades: [
    { code: '优秀', name: '优秀' },
    { code: '良好', name: '良好' },
    { code: '合格', name: '合格' },
    { code: '不合格', name: '不合格' },
  ],
  method: 'score-bands',
  bands: [
    { grade: '优秀', min: d(90) },
    { grade: '良好', min: d(75) },
    { grade: '合格', min: d(60) },
  ],
};

describe('grading: score bands', () => {
  it('003:3721 edges: 90 优秀, 89.99 良好, 75 良好, 74.99 合格, 60 合格, 59.99 不合格', () => {
    expect(grades(withTotals(['90', '89.99', '75', '74.99', '60', '59.99'], { grading: river }))).toEqual(['优秀', '良好', '良好', '合格', '合格', '不合格']);
  });

  // 003:4843 优秀（90分以上）、合格（70分以上）、不合格（69分以下）: “以上” read as exclusive, and 69 < s < 70 falls to the last grade
  it('003:4843 exclusive edges and the 69–70 gap', () => {
    const g: Grading = {
      grades: [
        { code: '优秀', name: '优秀' },
        { code: '合格', name: '合格' },
        { code: '不合格', name: '不合格' },
      ],
      method: 'score-bands',
      bands: [
        { grade: '优秀', min: d(90), minInclusive: false },
        { grade: '合格', min: d(70), minInclusive: false },
      ],
    };
    expect(grades(withTotals(['90.01', '90', '70', '69.5'], { grading: g }))).toEqual(['优秀', '合格', '不合格', '不合格']);
  });
});

describe('grading: rank percentiles within a group', () => {
  // 003:342 排名前30%左右的单位确定为“好”等次，排名30%以后至60%的确定为“较好”等次，排名60%至90%的确定为“一般”等次，其余…“差”
  const poverty: Grading = {
    grades: [
      { code: '好', name: '好' },
      { code: '较好', name: '较好' },
      { code: '一般', name: '一般' },
      { code: '差', name: '差' },
    ],
    method: 'rank-percentile',
    percentiles: [
      { grade: '好', upToPercent: d(30) },
      { grade: '较好', upToPercent: d(60) },
      { grade: '一般', upToPercent: d(90) },
    ],
  };
  it('10 units: 3 好, 3 较好, 3 一般, 1 差', () => {
    expect(grades(withTotals(['99', '98', '97', '96', '95', '94', '93', '92', '91', '90'], { grading: poverty }))).toEqual(['好', '好', '好', '较好', '较好', '较好', '一般', '一般', '一般', '差']);
  });

  it.each([
    { rounding: 'exact', want: ['好', '好', '较好', '较好', '一般', '一般', '差'] }, // 30% of 7 = 2.1 → 2; 60% = 4.2 → 4; 90% = 6.3 → 6
    { rounding: 'ceil', want: ['好', '好', '好', '较好', '较好', '一般', '一般'] }, // 2.1 → 3; 4.2 → 5; 6.3 → 7
    { rounding: 'floor', want: ['好', '好', '较好', '较好', '一般', '一般', '差'] },
  ] as const)('§8.1(3) 7 units, 30%左右 with $rounding counts', ({ rounding, want }) => {
    expect(grades(withTotals(['99', '98', '97', '96', '95', '94', '93'], { grading: { ...poverty, percentileRounding: rounding } }))).toEqual(want);
  });

  it('ties share a rank: two units tied at the 30% edge are both 好', () => {
    expect(grades(withTotals(['99', '98', '97', '97', '95', '94', '93', '92', '91', '90'], { grading: poverty })).slice(0, 5)).toEqual(['好', '好', '好', '好', '较好']);
  });

  it('percentiles are taken in each ranking group', () => {
    const r = run(buildScheme({ indicators: [item], groups: { A: 2, B: 2 }, grading: { ...poverty, percentiles: [{ grade: '好', upToPercent: d(50) }] } }), [
      f.judge('90', { unit: 'A1', ref: 'I1' }),
      f.judge('80', { unit: 'A2', ref: 'I1' }),
      f.judge('70', { unit: 'B1', ref: 'I1' }),
      f.judge('60', { unit: 'B2', ref: 'I1' }),
    ]);
    expect(grades(r)).toEqual(['好', '差', '好', '差']);
  });
});

describe('grading: quotas and tie policies', () => {
  // 优秀 at most 2 units; four units reach the 优秀 band (95, 92, 92, 80 ≥ 80)
  const g = (tiePolicy: Grading['tiePolicy']): Grading => ({ ...river, bands: [{ grade: '优秀', min: d(80) }, { grade: '良好', min: d(60) }], quotas: [{ grade: '优秀', max: 2, scope: 'all' }], tiePolicy });
  it.each([
    { policy: 'exclude-tied', want: ['优秀', '良好', '良好', '良好'] }, // admitting both 92s would make 3 > 2: neither
    { policy: 'include-tied', want: ['优秀', '优秀', '优秀', '良好'] }, // both 92s in, quota exceeded
    { policy: 'review', want: ['优秀', '良好', '良好', '良好'] }, // the lower grade meanwhile, flagged
  ] as const)('$policy → $want', ({ policy, want }) => {
    const r = withTotals(['95', '92', '92', '80'], { grading: g(policy) });
    expect(grades(r)).toEqual(want);
    if (policy !== 'include-tied') expect(unitOf(r, 'U2').gradeNotes.some((n) => n.startsWith(`grade.quota-tie|优秀|2|${policy}`))).toBe(true);
  });

  it('no tie at the edge: the quota cuts by rank', () => {
    expect(grades(withTotals(['95', '93', '92', '80'], { grading: g('exclude-tied') }))).toEqual(['优秀', '优秀', '良好', '良好']);
  });

  it('a percent quota: 50% of 4 = 2', () => {
    const q: Grading = { ...g('exclude-tied'), quotas: [{ grade: '优秀', maxPercent: d(50), scope: 'all' }] };
    expect(grades(withTotals(['95', '93', '92', '80'], { grading: q }))).toEqual(['优秀', '优秀', '良好', '良好']);
  });
});

describe('grading: exceptions (P30)', () => {
  // 003:3722-3730 有下列情形之一的，不能评定为优秀等级; 003:344-354 直接确定为“差”等次
  const g: Grading = {
    ...river,
    exceptions: [
      { when: { vetoed: true }, maxGrade: '良好', label: '一票否决' },
      { when: { deductionAtLeast: d(2) }, maxGrade: '良好', label: '扣分较多' },
      { when: { flag: '弄虚作假' }, forceGrade: '不合格', label: '弄虚作假' },
    ],
  };
  const b: Build = {
    indicators: [{ code: 'I1', title: 'I1', points: d(100), clauses: [clause('C1', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) })] }],
    units: 1,
    grading: g,
    vetoes: [{ code: 'V1', text: '发生重大水污染事故', effects: [{ type: 'deduct', amount: d(0) }] }],
  };
  it.each([
    { facts: [], want: '优秀' }, // 100
    { facts: [f.occ()], want: '优秀' }, // 99, deduction 1 < 2
    { facts: [f.occ({ count: 2 })], want: '良好' }, // 98, deduction 2 ≥ 2: not 优秀
    { facts: [f.flag(true, { ref: 'V1' })], want: '良好' }, // vetoed: not 优秀
    { facts: [f.flag(true, { ref: 'grading', variant: '弄虚作假' })], want: '不合格' }, // direct 差
    { facts: [f.flag(false, { ref: 'grading', variant: '弄虚作假' })], want: '优秀' },
  ])('→ $want', ({ facts, want }) => {
    const u = unitOf(run(buildScheme(b), facts));
    expect(u.grade).toBe(want);
  });

  it('a max-grade exception never raises a grade', () => {
    const u = unitOf(withTotals(['70'], { grading: { ...river, exceptions: [{ when: {}, maxGrade: '良好' }] } }));
    expect(u.grade).toBe('合格');
  });
});

describe('rankings', () => {
  it('competition ranks with ties: 95, 90, 90, 80 → 1, 2, 2, 4', () => {
    const r = withTotals(['95', '90', '90', '80']);
    expect(r.units.map((u) => u.ranks[0]!.rank)).toEqual([1, 2, 2, 4]);
    expect(r.units.map((u) => u.ranks[0]!.isTied)).toEqual([false, true, true, false]);
    expect(r.groups[0]!.units.map((u) => u.unit)).toEqual(['U1', 'U2', 'U3', 'U4']);
  });

  // 003:1658 直接列入考评总评最后一名
  it('forced last: the best total still ranks last; two forced units rank among themselves', () => {
    const veto = { vetoes: [{ code: 'V', text: '被点名批评并严重影响考核验收', effects: [{ type: 'force-last' as const }] }] };
    const r = withTotals(['95', '90', '85', '80'], veto, [f.flag(true, { unit: 'U1', ref: 'V' }), f.flag(true, { unit: 'U3', ref: 'V' })]);
    expect(r.units.map((u) => u.ranks[0]!.rank)).toEqual([3, 1, 4, 2]);
    expect(r.units.map((u) => str(u.total))).toEqual(['95', '90', '85', '80']);
  });

  it('ranks are per ranking group', () => {
    const r = run(buildScheme({ indicators: [item], groups: { A: 2, B: 2 } }), ['90', '80', '70', '75'].map((t, i) => f.judge(t, { unit: ['A1', 'A2', 'B1', 'B2'][i]!, ref: 'I1' })));
    expect(r.units.map((u) => `${u.ranks[0]!.group}:${u.ranks[0]!.rank}`)).toEqual(['A:1', 'A:2', 'B:2', 'B:1']);
  });
});

describe('rescore', () => {
  const tree: Indicator[] = [
    { code: 'I1', title: '问责', points: d(10), clauses: [clause('C1', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5') })] },
    {
      code: 'I2',
      title: '项目排名',
      points: d(30),
      clauses: [clause('C2', { kind: 'rank-bands', effect: 'score', metric: { of: 'value' }, order: 'desc', bands: [{ from: 1, to: 1, amount: d(30) }], otherwise: d(20) })],
    },
    { code: 'I3', title: '智慧城市', points: d(3), notApplicable: 'average-of-others', clauses: [clause('C3', { kind: 'completion' })] },
  ];
  const scheme = buildScheme({ indicators: tree, units: 3, grading: river });
  const base: Fact[] = [
    ...['U1', 'U2', 'U3'].flatMap((u, i) => [f.value(String(10 + i), { unit: u, ref: 'C2' }), f.flag(i !== 2, { unit: u, ref: 'C3' })]),
    f.occ({ unit: 'U1', ref: 'C1' }),
  ];
  const factsOf = (facts: Fact[], unit: string): Fact[] => facts.filter((x) => x.unit === unit);
  const strip = (r: EvaluationResult): string => JSON.stringify(r);

  it.each([
    { name: 'a deduction of one unit changes', change: (fs: Fact[]) => [...fs, f.occ({ unit: 'U2', ref: 'C1', count: 3 })], unit: 'U2' },
    { name: 'a cross-unit metric changes the whole group', change: (fs: Fact[]) => [...fs.filter((x) => !(x.unit === 'U1' && x.ref === 'C2')), f.value('99', { unit: 'U1', ref: 'C2' })], unit: 'U1' },
    { name: 'a scored item another unit averages from changes', change: (fs: Fact[]) => [...fs.filter((x) => !(x.unit === 'U2' && x.ref === 'C3')), f.flag(false, { unit: 'U2', ref: 'C3' })], unit: 'U2', na: true },
    { name: 'a unit becomes N/A under average-of-others', change: (fs: Fact[]) => [...fs, f.na({ unit: 'U3', ref: 'I3' })], unit: 'U3' },
    { name: 'a grading flag is removed', change: (fs: Fact[]) => fs.filter((x) => !(x.unit === 'U1' && x.ref === 'C1')), unit: 'U1' },
  ])('$name: rescore equals a full evaluate', ({ change, unit, na }) => {
    const before = na ? [...base, f.na({ unit: 'U1', ref: 'I3' })] : base;
    const after = change(before);
    const state = evaluateWithState(scheme, before);
    const next = rescore(state, unit, factsOf(after, unit));
    expect(strip(next.result)).toBe(strip(evaluate(scheme, after)));
  });

  it('a unit becomes N/A under average-of-others in a scheme with no cross-unit rule', () => {
    const plain = buildScheme({ indicators: [tree[0]!, tree[2]!], units: 3 });
    const before: Fact[] = [f.flag(true, { unit: 'U1', ref: 'C3' }), f.flag(false, { unit: 'U2', ref: 'C3' }), f.flag(true, { unit: 'U3', ref: 'C3' })];
    const after: Fact[] = [...before.filter((x) => x.unit !== 'U3'), f.na({ unit: 'U3', ref: 'I3' })];
    const next = rescore(evaluateWithState(plain, before), 'U3', factsOf(after, 'U3'));
    expect(str(unitOf(next.result, 'U3').total)).toBe('11.5'); // 10 + (3 + 0)/2
    expect(strip(next.result)).toBe(strip(evaluate(plain, after)));
  });
});
