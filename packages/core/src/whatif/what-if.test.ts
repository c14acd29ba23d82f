import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import * as P from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Scheme } from '../scheme/scheme.types';
import { evaluate } from '../scoring/evaluate';
import type { Scenario, WhatIfResult } from './scenario.types';
import { isLateDeduction } from './apply-scenario';
import { compareWhatIfs, runWhatIf } from './what-if';

const d = P.dec;

/**
 * I1 (10 points): C1 扣 1 分/次 (最多扣 5 分), C2 视情扣分 (at most 3, an assessor's judgement),
 * C3 每迟报一天扣 0.5 分. Grades: 优秀 ≥ 9 (at most 1 unit), 良好 ≥ 7, otherwise 一般.
 */
function world(): { scheme: Scheme; facts: Fact[] } {
  const scheme: Scheme = {
    formatVersion: 1,
    code: 'W',
    year: 2026,
    title: '情景测试方案',
    settings: {},
    unitCategories: [{ code: 'town', name: '镇' }],
    units: ['甲镇', '乙镇', '丙镇', '丁镇'].map((name, i) => ({ code: `U${i + 1}`, name, category: 'town' })),
    rankingGroups: [],
    divisions: [],
    leaders: [],
    assessors: [],
    indicators: [
      {
        code: 'I1',
        title: '重点工作',
        points: d('10'),
        clauses: [
          { code: 'C1', text: '被通报一次扣1分，最多扣5分', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('1'), cap: d('5') } },
          { code: 'C2', text: '工作不到位的视情扣分，最多扣3分', rule: { kind: 'manual', effect: 'deduction', max: d('3') } },
          { code: 'C3', text: '每迟报一天扣0.5分', rule: { kind: 'lateness', effect: 'deduction', amountPerPeriod: d('0.5'), period: 'day' } },
        ],
      },
    ],
    negativeList: [],
    vetoes: [],
    subAssessments: [],
    grading: {
      grades: [
        { code: 'A', name: '优秀' },
        { code: 'B', name: '良好' },
        { code: 'C', name: '一般' },
      ],
      method: 'score-bands',
      bands: [
        { grade: 'A', min: d('9') },
        { grade: 'B', min: d('7') },
      ],
      quotas: [{ grade: 'A', max: 1, scope: 'all' }],
    },
  };
  const occ = (id: string, unit: string): Fact => ({ id, type: 'occurrence', unit, ref: 'C1' });
  const facts: Fact[] = [
    occ('u1-c1-a', 'U1'),
    occ('u2-c1-a', 'U2'),
    occ('u2-c1-b', 'U2'),
    { id: 'u2-c3', type: 'lateness', unit: 'U2', ref: 'C3', periods: 2 },
    occ('u4-c1-a', 'U4'),
    occ('u4-c1-b', 'U4'),
    occ('u4-c1-c', 'U4'),
  ];
  return { scheme, facts };
}

/** The before/after table as text rows: unit, total, grade, rank before → after. */
function table(r: WhatIfResult): string[] {
  const o = (x: { total: P.Dec; grade: string | null; rank: number | null }): string => `${P.toStr(x.total)} ${x.grade ?? '-'} ${x.rank ?? '-'}`;
  return r.units.map((u) => `${u.unit} ${o(u.before)} → ${o(u.after)} Δ${P.toStr(u.delta)}${u.changed ? ' *' : ''}`);
}

const appealAndLate: Scenario = {
  name: '乙镇申诉成立并免除迟报',
  ops: [
    { op: 'appeal-upheld', unit: 'U2', ref: 'C1', reason: '通报系误报（申诉 2026-3 号）' },
    { op: 'waive-late', unit: 'U2', reason: '系统故障致迟报' },
  ],
};
const judgementUpheld: Scenario = { name: '甲镇待认定扣分成立', ops: [{ op: 'uphold-judgement', unit: 'U1', ref: 'C2', amount: d('2'), reason: '台账缺失两项' }] };
const readOtherWay: Scenario = {
  name: '通报条款按每次0.5分理解且优秀名额为2',
  ops: [
    { op: 'replace-rule', clause: 'C1', rule: { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5'), cap: d('5') }, reason: '“扣1分”另一读法：每次0.5分' },
    { op: 'set-quota', grade: 'A', max: 2, reason: '优秀名额放宽至2个' },
  ],
};

describe('runWhatIf', () => {
  // before: U1 10−1 = 9, U2 10−2−2×0.5 = 7, U3 10, U4 10−3 = 7; 优秀 quota 1 → only U3 (10) is A, U1 falls to B
  it('gives the before/after table of an appeal upheld with a late deduction waived', () => {
    const { scheme, facts } = world();
    const r = runWhatIf(scheme, facts, appealAndLate);
    // after: U2 has no C1 and no C3 facts → 10, tied with U3 at rank 1; the 优秀 quota of 1 cannot hold both tied units
    expect(table(r)).toEqual(['U1 9 B 2 → 9 B 3 Δ0 *', 'U2 7 B 3 → 10 B 1 Δ3 *', 'U3 10 A 1 → 10 B 1 Δ0 *', 'U4 7 B 3 → 7 B 4 Δ0 *']);
    expect(r.applied.map((a) => a.facts)).toEqual([['u2-c1-a', 'u2-c1-b'], ['u2-c3']]);
  });

  it('gives the before/after table of a pending judgement upheld', () => {
    const { scheme, facts } = world();
    const r = runWhatIf(scheme, facts, judgementUpheld);
    // U1 9 − 2 = 7: tied with U2 and U4 at rank 2
    expect(table(r)).toEqual(['U1 9 B 2 → 7 B 2 Δ-2 *', 'U2 7 B 3 → 7 B 2 Δ0 *', 'U3 10 A 1 → 10 A 1 Δ0', 'U4 7 B 3 → 7 B 2 Δ0 *']);
  });

  it('gives the before/after table of a clause read the other way with a wider quota', () => {
    const { scheme, facts } = world();
    const r = runWhatIf(scheme, facts, readOtherWay);
    // U1 10 − 0.5 = 9.5 (A with 2 places), U2 10 − 1 − 1 = 8, U4 10 − 1.5 = 8.5
    expect(table(r)).toEqual(['U1 9 B 2 → 9.5 A 2 Δ0.5 *', 'U2 7 B 3 → 8 B 4 Δ1 *', 'U3 10 A 1 → 10 A 1 Δ0', 'U4 7 B 3 → 8.5 B 3 Δ1.5 *']);
  });

  it('leaves the scheme and facts it was given unchanged', () => {
    const { scheme, facts } = world();
    const snapshot = JSON.stringify({ scheme, facts });
    const before = evaluate(scheme, facts).units.map((u) => u.total);
    for (const s of [appealAndLate, judgementUpheld, readOtherWay]) runWhatIf(scheme, facts, s);
    expect(JSON.stringify({ scheme, facts })).toBe(snapshot);
    expect(evaluate(scheme, facts).units.map((u) => u.total)).toEqual(before);
  });

  it('refuses an operation naming a fact, unit or grade the inputs lack, naming the operation', () => {
    const { scheme, facts } = world();
    const bad = (s: Scenario): unknown => {
      try {
        runWhatIf(scheme, facts, s);
      } catch (e) {
        return e instanceof CoreError ? e.message : e;
      }
      return 'no error';
    };
    expect(bad({ name: 'x', ops: [{ op: 'waive-fact', fact: 'nope', reason: 'r' }] })).toBe('ops[0]: 情景“x”第 1 项（waive-fact）：没有编号为“nope”的事实');
    expect(bad({ name: 'x', ops: [{ op: 'waive-late', unit: 'U1', reason: 'r' }] })).toBe('ops[0]: 情景“x”第 1 项（waive-late）：单位“U1”没有迟报记录');
    expect(bad({ name: 'x', ops: [{ op: 'set-band', grade: 'Z', min: d('1'), reason: 'r' }] })).toBe('ops[0]: 情景“x”第 1 项（set-band）：方案中没有等次“Z”');
    expect(bad({ name: 'x', ops: [{ op: 'appeal-upheld', unit: 'U3', ref: 'C1', reason: 'r' }] })).toBe('ops[0]: 情景“x”第 1 项（appeal-upheld）：单位“U3”在“C1”没有引用事实的得失分行，无法按申诉撤销');
  });

  it('sets a fact and a band', () => {
    const { scheme, facts } = world();
    const r = runWhatIf(scheme, facts, {
      name: '丁镇少一次通报且良好线降到6.5',
      ops: [
        { op: 'set-fact', fact: { id: 'u4-c1-c', type: 'occurrence', unit: 'U4', ref: 'C1', count: 0 }, reason: '核实后第三次不成立' },
        { op: 'set-band', grade: 'B', min: d('6.5'), reason: '良好线下调' },
      ],
    });
    expect(r.units.find((u) => u.unit === 'U4')!.after.total).toBe(d('8'));
    expect(r.applied.map((a) => a.summary)).toEqual(['修改事实 u4-c1-c', '等次 B 分数线改为 6.5']);
  });
});

describe('compareWhatIfs', () => {
  it('puts two scenarios side by side per unit', () => {
    const { scheme, facts } = world();
    const c = compareWhatIfs(runWhatIf(scheme, facts, judgementUpheld), runWhatIf(scheme, facts, readOtherWay));
    expect(c.scenarios).toEqual(['甲镇待认定扣分成立', '通报条款按每次0.5分理解且优秀名额为2']);
    expect(c.units.map((u) => [u.unit, P.toStr(u.before.total), P.toStr(u.after[0].total), P.toStr(u.after[1].total)])).toEqual([
      ['U1', '9', '7', '9.5'],
      ['U2', '7', '7', '8'],
      ['U3', '10', '10', '10'],
      ['U4', '7', '7', '8.5'],
    ]);
  });
});

describe('applyScenario appeal-upheld with a line', () => {
  it('reverses only the ledger line the appeal names', () => {
    const { scheme, facts } = world();
    const ledger = evaluate(scheme, facts).units.find((u) => u.unit === 'U2')!.ledger;
    const line = ledger.findIndex((l) => l.ref === 'C3');
    const r = runWhatIf(scheme, facts, { name: 'a', ops: [{ op: 'appeal-upheld', unit: 'U2', ref: 'C3', line, reason: '迟报系系统故障' }] });
    // 7 + 2 × 0.5 = 8: the two C1 deductions stay
    expect(P.toStr(r.units.find((u) => u.unit === 'U2')!.after.total)).toBe('8');
    expect(r.applied[0]!.facts).toEqual(['u2-c3']);
    expect(() => runWhatIf(scheme, facts, { name: 'a', ops: [{ op: 'appeal-upheld', unit: 'U2', ref: 'C1', line, reason: 'r' }] })).toThrow(`单位“U2”得分说明第 ${line} 行不属于“C1”`);
  });
});

describe('waive-late on the calendar’s confirmed deductions', () => {
  it('leaves out a 迟报 occurrence and a calendar fact, never an ordinary 通报 at the same clause', () => {
    const { scheme, facts } = world();
    // 丁镇: three 通报 (C1 −3) plus a 迟报 the calendar confirmed at C1 (−1) and a missed deadline's flag (ignored by C1's rule)
    const late: Fact[] = [
      ...facts,
      { id: 'calendar:U4:C1:2026-03', type: 'occurrence', unit: 'U4', ref: 'C1', kind: '迟报', variant: '迟报', note: '3月应于 2026-04-07 前报送，实际于 2026-04-09 10:00 提交' },
      { id: 'calendar:U4:C1:2026-04', type: 'flag', unit: 'U4', ref: 'C1', value: false },
    ];
    expect(isLateDeduction(late.find((f) => f.id === 'u4-c1-a')!)).toBe(false);
    const r = runWhatIf(scheme, late, { name: '丁镇迟报免扣', ops: [{ op: 'waive-late', unit: '丁镇', ref: 'C1', reason: '系统停机' }] });
    expect(r.applied[0]!.facts).toEqual(['calendar:U4:C1:2026-03', 'calendar:U4:C1:2026-04']);
    // 丁镇 10 − 3 − 1 = 6 → 10 − 3 = 7
    expect(r.units.find((u) => u.unit === 'U4')!.before.total).toBe(P.dec('6'));
    expect(r.units.find((u) => u.unit === 'U4')!.after.total).toBe(P.dec('7'));
  });
});
