/**
 * Mutation tests of scoring/ledger-store.ts (issue 14 item 6; docs/testing.md): the compact ledger
 * gives back exactly what the rules wrote — every kind and status, amounts, parameters in their
 * order (two shapes of one message key kept apart), fact ids, sites with and without a citation —
 * across growth of its arrays from a tiny capacity, copies of clause results between stores
 * sharing a site table, and the lazy accessor that materialises on first read.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Dec } from '../points';
import type { Clause } from '../scheme/scheme.types';
import type { LedgerKind, OutcomeStatus } from './result.types';
import { CLAUSE_HAS_SCORE, CLAUSE_REVIEWED, LedgerStore, lazyAccessor } from './ledger-store';

const ALL_KINDS: LedgerKind[] = ['score', 'deduction', 'bonus', 'cap', 'floor', 'ceiling', 'minimum', 'dedupe', 'dimension-cap', 'zero', 'veto', 'negative', 'not-applicable', 'impute', 'rescale', 'round', 'clamp', 'cutoff', 'pending', 'review', 'note'];
const ALL_STATUSES: OutcomeStatus[] = ['scored', 'not-applicable', 'needs-judgement', 'needs-review', 'vetoed', 'clamped'];
const d = (v: string | number): Dec => P.dec(v);

describe('lines', () => {
  it('every kind, amount, message, parameters in order and facts come back, past several growths of a capacity of 1', () => {
    const s = new LedgerStore(1);
    const site = s.siteOf({}, ['I1', 'I1.1'], 'C1', { text: '细则第3条' });
    ALL_KINDS.forEach((kind, i) => s.add(site, kind, d(`-${i}.5`), `m.${kind}`, { b: i, a: `x${i}` }, [`f${i}`, `g${i}`]));
    expect(s.size).toBe(ALL_KINDS.length);
    const lines = s.lines(0, s.size);
    expect(lines.map((l) => l.kind)).toEqual(ALL_KINDS);
    lines.forEach((l, i) => {
      expect(l).toEqual({ path: ['I1', 'I1.1'], ref: 'C1', kind: ALL_KINDS[i], amount: d(`-${i}.5`), facts: [`f${i}`, `g${i}`], msg: `m.${ALL_KINDS[i]}`, params: { b: i, a: `x${i}` }, cite: { text: '细则第3条' } });
      expect(Object.keys(l.params)).toEqual(['b', 'a']);
    });
    // a slice in the middle
    expect(s.lines(3, 5).map((l) => l.kind)).toEqual(['cap', 'floor']);
    expect(s.lines(4, 4)).toEqual([]);
  });

  it('one message key with different parameter names or order: separate shapes, each line its own values', () => {
    const s = new LedgerStore(2);
    const site = s.siteOf({}, [], 'C1');
    s.add(site, 'note', P.ZERO, 'shape.test', { a: 1, b: 2 }, []);
    s.add(site, 'note', P.ZERO, 'shape.test', { b: 3, a: 4 }, []);
    s.add(site, 'note', P.ZERO, 'shape.test', { a: 5 }, []);
    s.add(site, 'note', P.ZERO, 'shape.test', { a: 6, b: 7, c: 8 }, []);
    s.add(site, 'note', P.ZERO, 'shape.test', { a: 9, b: 10 }, ['z']);
    s.add(site, 'note', P.ZERO, 'shape.test', {}, []);
    const ps = s.lines(0, s.size).map((l) => l.params);
    expect(ps).toEqual([{ a: 1, b: 2 }, { b: 3, a: 4 }, { a: 5 }, { a: 6, b: 7, c: 8 }, { a: 9, b: 10 }, {}]);
    expect(ps.map((p) => Object.keys(p).join())).toEqual(['a,b', 'b,a', 'a', 'a,b,c', 'a,b', '']);
    expect(s.lines(4, 5)[0]!.facts).toEqual(['z']);
  });

  it('a site without a citation has no cite key; one with hasCite and an undefined cite keeps the key', () => {
    const s = new LedgerStore();
    const none = s.siteOf({}, ['N'], 'NEG1', undefined, false);
    const undef = s.siteOf({}, ['N'], 'C9');
    s.add(none, 'negative', d(-1), 'neg', {}, ['a']);
    s.add(undef, 'score', d(1), 'sc', {}, []);
    const [a, b] = s.lines(0, 2);
    expect('cite' in a!).toBe(false);
    expect('cite' in b!).toBe(true);
    expect(b!.cite).toBeUndefined();
  });

  it('fresh objects on every read: changing one read does not change the next', () => {
    const s = new LedgerStore();
    const site = s.siteOf({}, [], 'C1');
    s.add(site, 'bonus', d(1), 'b', { n: 1 }, ['f']);
    const first = s.lines(0, 1)[0]!;
    (first.params as Record<string, unknown>)['n'] = 99;
    (first.facts as string[]).push('x');
    expect(s.lines(0, 1)[0]!).toMatchObject({ params: { n: 1 }, facts: ['f'] });
  });

  it('the caller may reuse its params and facts objects after add', () => {
    const s = new LedgerStore();
    const site = s.siteOf({}, [], 'C1');
    const params: Record<string, string | number> = { k: 1 };
    const facts = ['a'];
    s.add(site, 'score', d(1), 'k', params, facts);
    params['k'] = 2;
    facts[0] = 'b';
    expect(s.lines(0, 1)[0]!).toMatchObject({ params: { k: 1 }, facts: ['a'] });
  });
});

describe('sites', () => {
  it('a key registers once; other keys get the next numbers; a store given the site table shares them', () => {
    const a = new LedgerStore();
    const k1 = {};
    const k2 = {};
    expect(a.siteOf(k1, ['P'], 'C1')).toBe(0);
    expect(a.siteOf(k2, ['P'], 'C2')).toBe(1);
    expect(a.siteOf(k1, ['other'], 'ignored')).toBe(0);
    const b = new LedgerStore(4, a.siteTable);
    expect(b.siteOf(k2, [], '')).toBe(1);
    expect(b.siteOf({}, ['Q'], 'C3')).toBe(2);
    expect(a.siteOf({}, [], 'C4')).toBe(3);
    b.add(1, 'score', d(2), 's', {}, []);
    expect(b.lines(0, 1)[0]!).toMatchObject({ path: ['P'], ref: 'C2' });
  });
});

describe('clause results', () => {
  const clauses = (n: number): Clause[] => Array.from({ length: n }, (_, i) => ({ code: `C${i}`, text: '', rule: { kind: 'manual', effect: 'score' } as Clause['rule'] }));

  it('every status, score, deduction, bonus, plan and flags kept, past growth from a capacity of 1', () => {
    const s = new LedgerStore(1);
    ALL_STATUSES.forEach((st, i) => s.addClause(st, d(i), d(`-${i}`), d(`0.${i}`), 0, 100 + i, i % 4));
    expect(s.clauseCount).toBe(ALL_STATUSES.length);
    ALL_STATUSES.forEach((st, i) => {
      expect(s.clauseStatus(i)).toBe(st);
      expect([s.clauseValue(i, 0), s.clauseValue(i, 1), s.clauseValue(i, 2)]).toEqual([d(i), d(`-${i}`), d(`0.${i}`)]);
      expect(s.clausePlan(i)).toBe(100 + i);
      expect(s.clauseFlags(i)).toBe(i % 4);
    });
    expect(s.clauseResults(clauses(3), 2)).toEqual([
      { code: 'C0', kind: 'manual', status: 'needs-judgement', score: d(2), deduction: d(-2), bonus: d('0.2') },
      { code: 'C1', kind: 'manual', status: 'needs-review', score: d(3), deduction: d(-3), bonus: d('0.3') },
      { code: 'C2', kind: 'manual', status: 'vetoed', score: d(4), deduction: d(-4), bonus: d('0.4') },
    ]);
  });

  it('defaults: lines start at the current size, plan −1, flags 0', () => {
    const s = new LedgerStore();
    s.addClause('scored', P.ZERO, P.ZERO, P.ZERO);
    expect([s.clausePlan(0), s.clauseFlags(0)]).toEqual([-1, 0]);
  });

  it('copyClause copies one clause result with its lines only, to a new site, into a store that grows', () => {
    const from = new LedgerStore();
    const s1 = from.siteOf({}, ['I'], 'C1', { text: 'x' });
    const s2 = from.siteOf({}, ['I'], 'C2');
    // clause 0: one line; clause 1: two lines; clause 2: none
    from.add(s1, 'deduction', d(-1), 'a', { n: 1 }, ['f1']);
    from.addClause('scored', d(4), d(-1), P.ZERO, 0, 7, CLAUSE_HAS_SCORE);
    from.add(s2, 'bonus', d('0.5'), 'b', { m: 'x', k: 2 }, ['f2', 'f3']);
    from.add(s2, 'cap', d('-0.2'), 'rule.cap', { cap: 3 }, []);
    from.addClause('clamped', P.ZERO, P.ZERO, d('0.3'), 1, 8, CLAUSE_REVIEWED);
    from.addClause('needs-review', P.ZERO, P.ZERO, P.ZERO, 3, 9, 0);
    const to = new LedgerStore(1, from.siteTable);
    const here = to.siteOf({}, ['J'], 'C7');
    to.add(here, 'note', P.ZERO, 'first', {}, ['n']);
    to.copyClause(from, 1, here);
    to.copyClause(from, 2, here);
    to.copyClause(from, 0, here);
    expect(to.size).toBe(4);
    expect(to.lines(0, 4)).toEqual([
      { path: ['J'], ref: 'C7', kind: 'note', amount: P.ZERO, facts: ['n'], msg: 'first', params: {}, cite: undefined },
      { path: ['J'], ref: 'C7', kind: 'bonus', amount: d('0.5'), facts: ['f2', 'f3'], msg: 'b', params: { m: 'x', k: 2 }, cite: undefined },
      { path: ['J'], ref: 'C7', kind: 'cap', amount: d('-0.2'), facts: [], msg: 'rule.cap', params: { cap: 3 }, cite: undefined },
      { path: ['J'], ref: 'C7', kind: 'deduction', amount: d(-1), facts: ['f1'], msg: 'a', params: { n: 1 }, cite: undefined },
    ]);
    expect(to.clauseCount).toBe(3);
    expect([to.clauseStatus(0), to.clauseValue(0, 2), to.clausePlan(0), to.clauseFlags(0)]).toEqual(['clamped', d('0.3'), 8, CLAUSE_REVIEWED]);
    expect([to.clauseStatus(1), to.clausePlan(1)]).toEqual(['needs-review', 9]);
    expect([to.clauseStatus(2), to.clauseValue(2, 0), to.clauseValue(2, 1), to.clauseFlags(2)]).toEqual(['scored', d(4), d(-1), CLAUSE_HAS_SCORE]);
    // a copy of the copy: its lines were recorded as [1, 3) in `to`
    const again = new LedgerStore(1, from.siteTable);
    again.copyClause(to, 0, here);
    expect(again.lines(0, again.size).map((l) => l.msg)).toEqual(['b', 'rule.cap']);
  });
});

describe('lazyAccessor', () => {
  it('computes on first read only, then holds a plain enumerable writable value; a write before the read wins', () => {
    let calls = 0;
    const desc = lazyAccessor<{ n: number }, number>('v', (self) => {
      calls++;
      return self.n * 2;
    });
    const a = Object.defineProperty({ n: 3 }, 'v', desc) as { n: number; v: number };
    expect(calls).toBe(0);
    expect(Object.keys(a)).toEqual(['n', 'v']);
    expect(a.v).toBe(6);
    expect(a.v).toBe(6);
    expect(calls).toBe(1);
    const own = Object.getOwnPropertyDescriptor(a, 'v')!;
    expect(own).toEqual({ value: 6, enumerable: true, writable: true, configurable: true });
    a.v = 10;
    expect(a.v).toBe(10);
    const b = Object.defineProperty({ n: 1 }, 'v', desc) as { n: number; v: number };
    b.v = 42;
    expect(b.v).toBe(42);
    expect(calls).toBe(1);
    expect(JSON.stringify(Object.defineProperty({ n: 5 }, 'v', desc))).toBe('{"n":5,"v":10}');
  });
});
