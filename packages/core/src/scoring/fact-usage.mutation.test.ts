/**
 * Mutation tests of scoring/fact-usage.ts (issue 14 item 6; docs/testing.md): which fact types
 * each rule kind reads, one or many (`readsOf`, mirrored from rules/*.rules.ts), where a fact is
 * read (clause, leaf indicator, negative list, veto, grading, shared data item) and when it is
 * out of scope, when a judgement or a second fact is reported, and the exact Chinese warnings.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../scheme/fact.types';
import type { Rule } from '../rules/rule.types';
import type { Scheme } from '../scheme/scheme.types';
import { indexScheme } from '../scheme/scheme-index';
import { describeFactWarning, factWarnings, readsOf, type FactWarning } from './fact-usage';
import { buildScheme, clause, d, f, run, unitOf } from '../../test/test-scheme';

const rule = (r: Record<string, unknown>): Rule => r as unknown as Rule;
const reads = (r: Record<string, unknown>) => Object.fromEntries(readsOf(rule(r)));
const value = { of: 'value' };

describe('readsOf: the fact types each rule kind reads', () => {
  it.each([
    ['per-occurrence', {}, { occurrence: 'many' }],
    ['accumulate', {}, { occurrence: 'many' }],
    ['condition', {}, { flag: 'many', occurrence: 'many' }],
    ['zero', {}, { flag: 'many', occurrence: 'many' }],
    ['discretionary', {}, { judgement: 'many', occurrence: 'many', flag: 'many' }],
    ['shortfall', {}, { count: 'many' }],
    ['threshold-steps', { metric: value }, { value: 'one', 'target-override': 'one' }],
    ['threshold-steps', { metric: { of: 'change' } }, { value: 'one', 'target-override': 'one' }],
    ['threshold-steps', { metric: { of: 'rate' }, judgementBeyond: 0 }, { rate: 'one', 'target-override': 'one', judgement: 'one' }],
    ['proportional', {}, { value: 'one', 'target-override': 'one' }],
    ['proportional', { metric: { of: 'sub-score' } }, { 'sub-score': 'one', 'target-override': 'one' }],
    ['bands', { metric: { of: 'count' }, bands: [{}] }, { count: 'one' }],
    ['bands', { metric: value, bands: [{}, { judgement: true }] }, { value: 'one', judgement: 'one' }],
    ['relative-to-best', { metric: value }, { value: 'one' }],
    ['relative-to-best', { metric: value, denominatorOfBest: true }, { rate: 'one' }],
    ['rank-bands', { metric: { of: 'rank' } }, { rank: 'one' }],
    ['bottom-k', { metric: { of: 'rate' } }, { rate: 'one' }],
    ['top-k', { metric: { of: 'change' } }, { value: 'one' }],
    ['lateness', {}, { lateness: 'many' }],
    ['deadline', {}, { flag: 'one' }],
    ['partial-credit', {}, { flag: 'one' }],
    ['completion', {}, { flag: 'one', judgement: 'one' }],
    ['any-of', {}, { flag: 'many' }],
    ['rate-formula', {}, { rate: 'one' }],
    ['external-rank', {}, { rank: 'one' }],
    ['conversion', { method: { type: 'linear' } }, { 'sub-score': 'many' }],
    ['conversion', { method: { type: 'deduction-range' } }, { 'sub-score': 'many', judgement: 'one' }],
    ['conversion', { method: { type: 'bands', bands: [{}] } }, { 'sub-score': 'many' }],
    ['conversion', { method: { type: 'bands', bands: [{}, { judgement: true }] } }, { 'sub-score': 'many', judgement: 'one' }],
    ['survey', {}, { survey: 'many' }],
    ['average', {}, { 'sub-score': 'many' }],
    ['manual', {}, { judgement: 'one' }],
  ])('%s %j', (kind, extra, want) => {
    expect(reads({ kind, ...extra })).toEqual({ 'not-applicable': 'one', ...want });
  });
});

// ---- where a fact is read -------------------------------------------------------------------

const scheme: Scheme = {
  ...buildScheme({
    units: 2,
    indicators: [
      {
        code: 'I1',
        title: '一',
        points: d(10),
        clauses: [
          clause('C1', { kind: 'proportional', effect: 'score', target: d(100) }, { dataItem: 'D1' }),
          clause('C2', { kind: 'per-occurrence', effect: 'deduction', amount: d(1) }, { dataItem: 'D1' }),
        ],
      },
      { code: 'I2', title: '二', points: d(5), appliesTo: { units: ['U2'] }, clauses: [clause('C3', { kind: 'completion' }, { dataItem: 'D2' })] },
      { code: 'I3', title: '叶', points: d(2) },
      { code: 'I4', title: '无分值叶' },
      { code: 'I5', title: '父', points: d(3), children: [{ code: 'I6', title: '子', points: d(3) }] },
      { code: 'I7', title: '仅乙', points: d(2), appliesTo: { units: ['U2'] } },
    ],
    negativeList: [
      { code: 'N1', text: '负面一', amount: d(1) },
      { code: 'N2', text: '负面二', rule: { kind: 'lateness', effect: 'deduction', amountPerPeriod: d(1), period: 'day' } },
      { code: 'N3', text: '负面三', amount: d(1), appliesTo: { units: ['U2'] } },
    ],
    vetoes: [
      { code: 'V1', text: '否决一', effects: [{ type: 'zero-total' }] },
      { code: 'V2', text: '否决二', effects: [{ type: 'zero-total' }], appliesTo: { units: ['U2'] } },
    ],
  }),
};
const index = indexScheme(scheme);
const warnings = (facts: Fact[], unit = 'U1'): FactWarning[] => {
  const u = unitOf(run(scheme, facts), unit);
  return factWarnings(index, index.units.get(unit)!, facts, u.ledger);
};
const brief = (ws: FactWarning[]) => ws.map((w) => [w.fact, w.ref, w.kind, w.reason, ...(w.readInstead ? [w.readInstead] : [])]);

describe('factWarnings: where a fact is read', () => {
  it('a clause reads its rule’s types; another type is unread unless a line cites it', () => {
    expect(brief(warnings([f.value('50', { id: 'v', ref: 'C1' }), f.occ({ id: 'o', ref: 'C2' }), f.count(1, { id: 'c', ref: 'C1' })]))).toEqual([['c', 'C1', 'unread', 'type-not-read']]);
  });
  it('an out-of-scope clause, indicator, negative item or veto: every fact unread out-of-scope, even of a type it reads', () => {
    expect(brief(warnings([f.flag(true, { id: 'a', ref: 'C3' }), f.flag(true, { id: 'b', ref: 'C3' }), f.judge('1', { id: 'c', ref: 'I7' }), f.occ({ id: 'd', ref: 'N3' }), f.flag(true, { id: 'e', ref: 'V2' })]))).toEqual([
      ['a', 'C3', 'unread', 'out-of-scope'],
      ['b', 'C3', 'unread', 'out-of-scope'],
      ['c', 'I7', 'unread', 'out-of-scope'],
      ['d', 'N3', 'unread', 'out-of-scope'],
      ['e', 'V2', 'unread', 'out-of-scope'],
    ]);
    // the same facts for the unit in scope are read
    expect(brief(warnings([f.flag(true, { id: 'a', unit: 'U2', ref: 'C3' }), f.judge('1', { id: 'c', unit: 'U2', ref: 'I7' }), f.occ({ id: 'd', unit: 'U2', ref: 'N3' }), f.flag(true, { id: 'e', unit: 'U2', ref: 'V2' })], 'U2'))).toEqual([]);
  });
  it('a leaf indicator with points reads one judgement and not-applicable; without points or with children, only not-applicable', () => {
    expect(brief(warnings([f.judge('1', { id: 'a', ref: 'I3' })]))).toEqual([]);
    expect(brief(warnings([f.na({ id: 'n', ref: 'I3' })]))).toEqual([]);
    // not applicable wins: the judgement is then not used, and said so
    expect(brief(warnings([f.judge('1', { id: 'a', ref: 'I3' }), f.na({ id: 'n', ref: 'I3' })]))).toEqual([['a', 'I3', 'unread', 'not-used']]);
    expect(brief(warnings([f.judge('1', { id: 'a', ref: 'I3' }), f.judge('2', { id: 'b', ref: 'I3' })]))).toEqual([['b', 'I3', 'conflict', 'one-read', 'a']]);
    expect(brief(warnings([f.judge('1', { id: 'a', ref: 'I4' })]))).toEqual([['a', 'I4', 'unread', 'type-not-read']]);
    expect(brief(warnings([f.judge('1', { id: 'a', ref: 'I5' }), f.na({ id: 'n', ref: 'I5' })]))).toEqual([['a', 'I5', 'unread', 'type-not-read']]);
    expect(brief(warnings([f.judge('1', { id: 'a', ref: 'I1' })]))).toEqual([['a', 'I1', 'unread', 'type-not-read']]);
  });
  it('a negative item reads its rule’s types, or flags and occurrences (many) without a rule; a veto reads flags and occurrences', () => {
    expect(brief(warnings([f.occ({ id: 'a', ref: 'N1' }), f.occ({ id: 'b', ref: 'N1' }), f.flag(true, { id: 'c', ref: 'N1' }), f.value('1', { id: 'x', ref: 'N1' })]))).toEqual([['x', 'N1', 'unread', 'type-not-read']]);
    expect(brief(warnings([f.late({ id: 'a', ref: 'N2', periods: 1 }), f.occ({ id: 'b', ref: 'N2' })]))).toEqual([['b', 'N2', 'unread', 'type-not-read']]);
    expect(brief(warnings([f.flag(false, { id: 'a', ref: 'V1' }), f.occ({ id: 'b', ref: 'V1' }), f.count(1, { id: 'x', ref: 'V1' })]))).toEqual([['x', 'V1', 'unread', 'type-not-read']]);
  });
  it('grading reads flags only; an unknown code reads nothing', () => {
    expect(brief(warnings([f.flag(true, { id: 'a', ref: 'grading' }), f.flag(true, { id: 'b', ref: 'grading' }), f.value('1', { id: 'x', ref: 'grading' }), f.value('1', { id: 'y', ref: 'NOPE' })]))).toEqual([
      ['x', 'grading', 'unread', 'type-not-read'],
      ['y', 'NOPE', 'unread', 'unknown-ref'],
    ]);
  });
  it('a shared data item reads what its in-scope clauses read (many wins over one); out of scope for all: unread', () => {
    // D1: C1 reads one value, C2 reads many occurrences
    expect(brief(warnings([f.occ({ id: 'a', ref: 'D1' }), f.occ({ id: 'b', ref: 'D1' }), f.count(1, { id: 'x', ref: 'D1' })]))).toEqual([['x', 'D1', 'unread', 'type-not-read']]);
    expect(brief(warnings([f.flag(true, { id: 'a', ref: 'D2' })]))).toEqual([['a', 'D2', 'unread', 'out-of-scope']]);
    expect(brief(warnings([f.flag(true, { id: 'a', unit: 'U2', ref: 'D2' })], 'U2'))).toEqual([]);
  });
});

describe('factWarnings: judgements and second facts', () => {
  const s2 = buildScheme({
    indicators: [
      {
        code: 'I1',
        title: '一',
        points: d(10),
        clauses: [
          clause('C1', { kind: 'completion' }, { points: d(2) }),
          clause('C2', { kind: 'discretionary', effect: 'deduction', min: d(0), max: d(1) }),
          clause('C3', { kind: 'proportional', effect: 'score', target: d(100) }, { points: d(2) }),
        ],
      },
    ],
  });
  const i2 = indexScheme(s2);
  const w2 = (facts: Fact[]) => brief(factWarnings(i2, i2.units.get('U1')!, facts, unitOf(run(s2, facts)).ledger));
  it('a judgement no line cites is reported not-used, where one is read (a single one) or many are', () => {
    expect(w2([f.flag(true, { id: 'g', ref: 'C1' }), f.judge('1', { id: 'j', ref: 'C1' })])).toEqual([['j', 'C1', 'unread', 'not-used']]);
    expect(w2([f.judge('1', { id: 'j', ref: 'C1' })])).toEqual([]);
    // two judgements on a one-judgement clause: the second is a conflict, not "not used"
    expect(w2([f.judge('1', { id: 'j', ref: 'C1' }), f.judge('2', { id: 'k', ref: 'C1' })])).toEqual([['k', 'C1', 'conflict', 'one-read', 'j']]);
    // a discretionary clause reads many judgements: each is cited, but a judged 0 writes no line and is named
    expect(w2([f.occ({ id: 'o', ref: 'C2' }), f.judge('0.5', { id: 'j', ref: 'C2' }), f.judge('0.2', { id: 'k', ref: 'C2' })])).toEqual([]);
    expect(w2([f.occ({ id: 'o', ref: 'C2' }), f.judge('0.5', { id: 'j', ref: 'C2' }), f.judge('0', { id: 'k', ref: 'C2' })])).toEqual([['k', 'C2', 'unread', 'not-used']]);
  });
  it('of two facts read one at a time, the cited one is read and the other named; the first when none is cited', () => {
    expect(w2([f.value('50', { id: 'a', ref: 'C3' }), f.value('60', { id: 'b', ref: 'C3' }), f.value('70', { id: 'c', ref: 'C3' })])).toEqual([
      ['b', 'C3', 'conflict', 'one-read', 'a'],
      ['c', 'C3', 'conflict', 'one-read', 'a'],
    ]);
    // C3 without a target override reads no override: both are unread? no — it reads one override; none cited → the first
    expect(w2([f.value('50', { id: 'a', ref: 'C3' }), f.target('40', { id: 't', ref: 'C3' }), f.target('30', { id: 'u', ref: 'C3' })])).toEqual([['u', 'C3', 'conflict', 'one-read', 't']]);
    // the second flag is the one cited (completion reads one flag; the engine cites the first)
    expect(w2([f.flag(true, { id: 'g', ref: 'C1' }), f.flag(false, { id: 'h', ref: 'C1' })])).toEqual([['h', 'C1', 'conflict', 'one-read', 'g']]);
  });
  it('a fact of another type beside them does not count as a second one', () => {
    expect(w2([f.value('50', { id: 'a', ref: 'C3' }), f.target('140', { id: 't', ref: 'C3' })])).toEqual([]);
  });
});

describe('factWarnings: nested scope and shared data items read by several clauses', () => {
  const s3 = buildScheme({
    units: 2,
    indicators: [
      { code: 'P1', title: '父', points: d(4), appliesTo: { units: ['U2'] }, children: [{ code: 'Q1', title: '子', points: d(4), clauses: [clause('C7', { kind: 'completion' })] }] },
      {
        code: 'I9',
        title: '共用',
        points: d(10),
        clauses: [
          clause('C4', { kind: 'condition', effect: 'deduction', amount: d(1) }, { dataItem: 'D3' }),
          clause('C5', { kind: 'completion' }, { points: d(2), dataItem: 'D3' }),
          clause('C6', { kind: 'proportional', effect: 'score', target: d(100) }, { points: d(2), dataItem: 'D4' }),
        ],
      },
    ],
  });
  const i3 = indexScheme(s3);
  const w3 = (facts: Fact[], unit = 'U1') => brief(factWarnings(i3, i3.units.get(unit)!, facts, unitOf(run(s3, facts), unit).ledger));
  it('a clause under an out-of-scope parent is out of scope, though its own indicator names no scope', () => {
    expect(w3([f.flag(true, { id: 'a', ref: 'C7' })])).toEqual([['a', 'C7', 'unread', 'out-of-scope']]);
    expect(w3([f.flag(true, { id: 'a', unit: 'U2', ref: 'C7' })], 'U2')).toEqual([]);
  });
  it('a data item read as many by one clause and as one by a later one stays many: a second flag is no conflict', () => {
    expect(w3([f.flag(true, { id: 'a', ref: 'D3' }), f.flag(true, { id: 'b', ref: 'D3' })])).toEqual([]);
  });
  it('a data item read as one: a second value is a conflict naming the first', () => {
    expect(w3([f.value('50', { id: 'a', ref: 'D4' }), f.value('60', { id: 'b', ref: 'D4' })])).toEqual([['b', 'D4', 'conflict', 'one-read', 'a']]);
  });
});

describe('describeFactWarning: the exact Chinese text of each reason', () => {
  const base = { unit: 'U1', fact: 'f1', ref: 'C1', type: 'value' } as const;
  it.each([
    [{ ...base, kind: 'unread', reason: 'unknown-ref' }, '事实“f1”（C1）未被任何评分规则读取：方案中没有该编码，请核对'],
    [{ ...base, kind: 'unread', reason: 'out-of-scope' }, '事实“f1”（C1）未被任何评分规则读取：该项不适用于本单位，请核对'],
    [{ ...base, kind: 'unread', reason: 'type-not-read' }, '事实“f1”（C1）未被任何评分规则读取：该条款（指标）的评分规则不读取此类事实，请核对'],
    [{ ...base, kind: 'conflict', reason: 'one-read', readInstead: 'f0' }, '事实“f1”（C1）未计入：评分规则只读取一条此类事实，已采用“f0”，请核对后撤回或更正其中一条'],
    [{ ...base, type: 'judgement', kind: 'unread', reason: 'not-used' }, '判定“f1”（C1）未计入得分：评分规则在本单位的情形下没有采用这项判定（得分已由其他事实决定，例如已报“完成”），请核对后撤回，或更正所依据的事实'],
  ] as [FactWarning, string][])('%j', (w, text) => {
    expect(describeFactWarning(w)).toBe(text);
  });
});
