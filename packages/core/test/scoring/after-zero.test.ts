/**
 * Clause.afterZero: "此项不得分，并倒扣产区4分，非产区1分" (corpus 06 (26)). When the 倒扣 clause deducts, the item
 * is zeroed and the deduction is taken after it, below zero: the item scores −N, by the unit's category, and
 * the ledger (a note citing the clause) still reconciles with the unit total.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../../src/points';
import type { Clause, Scheme } from '../../src/scheme/scheme.types';
import { evaluate } from '../../src/scoring/evaluate';
import { lintScheme } from '../../src/scheme/lint-scheme';
import { describeLine } from '../../src/explain/explain';
import { describeClauseRule } from '../../src/explain/describe-rule';
import type { Fact } from '../../src/scheme/fact.types';
import { categoryScheme, reconciles } from './category-scheme';

const d = P.dec;
const REVERSE_TEXT = '出现挤占补贴等违规情形的，此项不得分，并倒扣产区4分，非产区1分';

function scheme(opts: { afterZero?: boolean; floor?: null; cap?: string } = {}): Scheme {
  const reverse: Clause = {
    code: 'C2',
    text: REVERSE_TEXT,
    rule: { kind: 'manual', effect: 'deduction', reason: '按单位类别给出规则' },
    ruleByCategory: { 产区: { kind: 'condition', effect: 'deduction', amount: d(4) }, 非产区: { kind: 'condition', effect: 'deduction', amount: d(1) } },
    ...(opts.afterZero === false ? {} : { afterZero: true }),
  };
  return categoryScheme('倒扣', [
    {
      code: 'I1',
      title: '粮食补贴发放',
      points: d(4),
      pointsByCategory: { 产区: d(4), 非产区: d(1) },
      ...(opts.floor === null ? { floor: null } : {}),
      ...(opts.cap ? { caps: { deduction: d(opts.cap) } } : {}),
      clauses: [
        { code: 'C1', text: '按规定兑付补助资金的，产区得4分、非产区得1分，否则不得分', rule: { kind: 'completion' } },
        // a 扣 clause that is not 倒扣: it stays under the item's floor
        { code: 'C3', text: '报送迟缓的，扣0.5分', rule: { kind: 'condition', effect: 'deduction', amount: d('0.5') } },
        reverse,
      ],
    },
  ]);
}

const flag = (unit: string, ref: string, value = true): Fact => ({ id: `${unit}-${ref}`, type: 'flag', unit, ref, value });
const totals = (r: ReturnType<typeof evaluate>) => Object.fromEntries(r.units.map((u) => [u.unit, P.toStr(u.total)]));

describe('Clause.afterZero (倒扣 after 此项不得分)', () => {
  it('zeroes the item and takes the 倒扣 below zero, by category: −4 for 产区, −1 for 非产区', () => {
    const r = evaluate(scheme(), [flag('A', 'C1'), flag('B', 'C1'), flag('A', 'C2'), flag('B', 'C2')]);
    expect(totals(r)).toEqual({ A: '-4', B: '-1' });
    reconciles(r);
    const a = r.units.find((u) => u.unit === 'A')!;
    const note = a.ledger.find((l) => l.msg === 'clause.after-zero')!;
    expect(note.ref).toBe('C2');
    expect(note.cite?.text).toBe(REVERSE_TEXT);
    expect(describeLine(note)).toBe('此项不得分之后倒扣 4 分（本项计零后再扣，可低于零分）');
    // the item's own points were cancelled by the zero line before the 倒扣
    expect(a.ledger.some((l) => l.msg === 'node.zero' && P.toStr(l.amount) === '-4')).toBe(true);
    const item = a.nodes[0]!;
    expect(P.toStr(item.score)).toBe('-4');
    expect(P.toStr(item.deduction)).toBe('4');
  });

  it('is −N whatever else the item lost, and the floor, caps and other deductions do not change it', () => {
    const r = evaluate(scheme({ cap: '1' }), [flag('A', 'C1'), flag('A', 'C3'), flag('A', 'C2'), flag('B', 'C1', false), flag('B', 'C2')]);
    expect(totals(r)).toEqual({ A: '-4', B: '-1' });
    reconciles(r);
  });

  it('changes nothing when the 倒扣 condition does not hold', () => {
    const r = evaluate(scheme(), [flag('A', 'C1'), flag('A', 'C3'), flag('B', 'C1'), flag('B', 'C2', false)]);
    expect(totals(r)).toEqual({ A: '3.5', B: '1' });
    expect(r.units.every((u) => !u.ledger.some((l) => l.msg === 'clause.after-zero'))).toBe(true);
    reconciles(r);
  });

  it('without afterZero the same clause stays under the floor (the reading the flag exists for)', () => {
    const r = evaluate(scheme({ afterZero: false }), [flag('A', 'C1'), flag('A', 'C2')]);
    // 4 − 4 = 0 with the floor at 0: not the −4 the words mean
    expect(totals(r).A).toBe('0');
  });

  it('describeClauseRule says the 倒扣 comes after the zeroing, once, after the rules by category', () => {
    const lines = describeClauseRule(scheme().indicators[0]!.clauses![2]!).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('扣分时本项先计零（此项不得分），再倒扣，可低于零分');
    expect(describeClauseRule(scheme({ afterZero: false }).indicators[0]!.clauses![2]!)).not.toContain('先计零');
  });

  it('lint: afterZero on a rule that does not deduct is an error', () => {
    const s = scheme();
    s.indicators[0]!.clauses![0]!.afterZero = true;
    expect(lintScheme(s).filter((i) => i.code === 'after-zero').map((i) => [i.path, i.severity])).toEqual([['indicators[0].clauses[0].afterZero', 'error']]);
    expect(lintScheme(scheme()).filter((i) => i.code === 'after-zero')).toEqual([]);
  });
});
