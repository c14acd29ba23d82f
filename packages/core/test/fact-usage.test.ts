import { describe, expect, it } from 'vitest';
import * as P from '../src/points';
import { indexScheme } from '../src/scheme/scheme-index';
import { describeFactWarning, factWarnings } from '../src/scoring/fact-usage';
import type { Fact } from '../src/scheme/fact.types';
import { buildScheme, clause, d, f, run, unitOf } from './test-scheme';

const scheme = buildScheme({
  units: 2,
  indicators: [
    {
      code: 'I1',
      title: '党建',
      points: d('10'),
      clauses: [
        clause('C1', { kind: 'per-occurrence', effect: 'deduction', amount: d('0.5') }),
        clause('C2', { kind: 'proportional', effect: 'score', points: d('4'), target: d('100') }),
      ],
    },
    { code: 'I4', title: '完成危房改造任务', points: d('2'), clauses: [clause('C4', { kind: 'completion' })] },
    { code: 'I2', title: '生产总值增长7%', points: d('2') },
    { code: 'I3', title: '仅乙单位', points: d('3'), appliesTo: { units: ['U2'] } },
  ],
});
const index = indexScheme(scheme);

function warningsFor(facts: Fact[]) {
  const u = unitOf(run(scheme, facts));
  return factWarnings(index, index.units.get('U1')!, facts, u.ledger);
}

describe('factWarnings', () => {
  it('reports nothing when every fact is read (occurrences all counted, one value, a leaf judgement)', () => {
    expect(warningsFor([f.occ({ id: 'o1' }), f.occ({ id: 'o2' }), f.value('80', { id: 'v1', ref: 'C2' }), f.judge('1.5', { id: 'j1', ref: 'I2' })])).toEqual([]);
  });

  it('names a second value on a one-value clause as a conflict, and the value that was read', () => {
    const w = warningsFor([f.value('80', { id: 'v1', ref: 'C2' }), f.value('90', { id: 'v2', ref: 'C2' })]);
    expect(w).toEqual([{ unit: 'U1', fact: 'v2', ref: 'C2', type: 'value', kind: 'conflict', reason: 'one-read', readInstead: 'v1' }]);
    expect(describeFactWarning(w[0]!)).toContain('已采用“v1”');
  });

  it('names as unread: a type the rule does not read, a judgement on an indicator with clauses, an out-of-scope item, an unknown code', () => {
    const w = warningsFor([
      f.value('3', { id: 'v-on-occ', ref: 'C1' }),
      f.judge('2', { id: 'j-on-I1', ref: 'I1' }),
      f.judge('2', { id: 'j-on-I3', ref: 'I3' }),
      f.flag(true, { id: 'x', ref: 'NOPE' }),
    ]);
    expect(w.map((x) => [x.fact, x.kind, x.reason])).toEqual([
      ['v-on-occ', 'unread', 'type-not-read'],
      ['j-on-I1', 'unread', 'type-not-read'],
      ['j-on-I3', 'unread', 'out-of-scope'],
      ['x', 'unread', 'unknown-ref'],
    ]);
  });

  it('warns about a second judgement on a leaf indicator: only the first is scored', () => {
    const facts = [f.judge('1.5', { id: 'j1', ref: 'I2' }), f.judge('0.5', { id: 'j2', ref: 'I2' })];
    const u = unitOf(run(scheme, facts));
    // 10 (I1: C2 pending) … the leaf I2 scores the first judgement only
    expect(P.toStr(u.nodes.find((n) => n.code === 'I2')!.score)).toBe('1.5');
    expect(factWarnings(index, index.units.get('U1')!, facts, u.ledger).map((x) => [x.fact, x.kind, x.readInstead])).toEqual([['j2', 'conflict', 'j1']]);
  });

  it('reads the first of two not-applicable facts (as every one-fact reader does) and warns about the second', () => {
    const facts = [f.na({ id: 'na1', ref: 'C2', reason: '不涉及' }), f.na({ id: 'na2', ref: 'C2', reason: '另一理由' })];
    const u = unitOf(run(scheme, facts));
    expect(u.ledger.filter((l) => l.kind === 'not-applicable').map((l) => l.facts)).toEqual([['na1']]);
    expect(factWarnings(index, index.units.get('U1')!, facts, u.ledger).map((x) => [x.fact, x.kind, x.readInstead])).toEqual([['na2', 'conflict', 'na1']]);
  });

  it('names a judgement the rule did not use: a completion clause already decided by its flag', () => {
    // the official 是否完成 = 是 gives C4 its 2 points; the assessor's judgement of 1.5 changes nothing, and says so
    const facts = [f.flag(true, { id: 'done', ref: 'C4' }), f.judge('1.5', { id: 'j-c4', ref: 'C4' })];
    const u = unitOf(run(scheme, facts));
    expect(P.toStr(u.nodes.find((n) => n.code === 'I4')!.score)).toBe('2');
    const w = factWarnings(index, index.units.get('U1')!, facts, u.ledger);
    expect(w.map((x) => [x.fact, x.kind, x.reason])).toEqual([['j-c4', 'unread', 'not-used']]);
    expect(describeFactWarning(w[0]!)).toContain('未计入得分');
    // without the flag the same judgement is the score, and no warning
    const judged = [f.judge('1.5', { id: 'j-c4', ref: 'C4' })];
    const v = unitOf(run(scheme, judged));
    expect(P.toStr(v.nodes.find((n) => n.code === 'I4')!.score)).toBe('1.5');
    expect(factWarnings(index, index.units.get('U1')!, judged, v.ledger)).toEqual([]);
  });

  it('ignores other units’ facts', () => {
    expect(warningsFor([f.flag(true, { id: 'x', ref: 'NOPE', unit: 'U2' })])).toEqual([]);
  });
});
