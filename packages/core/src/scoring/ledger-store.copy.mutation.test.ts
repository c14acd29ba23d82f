/**
 * Mutation tests of scoring/ledger-store.ts, second file (docs/testing.md, sixth session): the
 * copies a re-score makes — `copyLines` of an unchanged subtree (same sites, growth, empty and
 * reversed ranges), lines read back through the pools of the stores they were written to (several
 * source stores, copies of copies), and the fallback past 255 foreign pools, where the values and
 * fact ids are copied into the store's own pools.
 */
import { describe, expect, it } from 'vitest';
import * as P from '../points';
import type { Dec } from '../points';
import { LedgerStore, type SiteTable } from './ledger-store';

const d = (v: string | number): Dec => P.dec(v);

/** A store sharing `table` with `n` lines: amount i, message `${tag}`, params {i, t: tag}, facts [tag-i]. */
function source(table: SiteTable, tag: string, n: number, site: number): LedgerStore {
  const s = new LedgerStore(4, table);
  for (let i = 0; i < n; i++) s.add(site, 'score', d(i), `m.${tag}`, { i, t: tag }, [`${tag}-${i}`, `${tag}-x`]);
  return s;
}
const view = (s: LedgerStore): string[] => s.lines(0, s.size).map((l) => `${l.ref}|${l.amount}|${l.msg}|${JSON.stringify(l.params)}|${l.facts.join('+')}`);

describe('copyLines', () => {
  it('copies [start, end) at their own sites, after the lines already there, growing from a capacity of 1', () => {
    const a = new LedgerStore(8);
    const s1 = a.siteOf({}, ['I'], 'C1', { text: '一' });
    const s2 = a.siteOf({}, ['I'], 'C2');
    a.add(s1, 'deduction', d(-1), 'a', { n: 1 }, ['f1']);
    a.add(s2, 'bonus', d('0.5'), 'b', { m: 'x', k: 2 }, ['f2', 'f3']);
    a.add(s1, 'cap', d('-0.2'), 'c', {}, []);
    a.add(s2, 'note', P.ZERO, 'n', { z: 0 }, ['f4']);
    const b = new LedgerStore(1, a.siteTable);
    const s3 = b.siteOf({}, ['J'], 'C3');
    b.add(s3, 'note', P.ZERO, 'first', {}, []);
    b.copyLines(a, 0, 4);
    expect(b.size).toBe(5);
    expect(b.lines(1, 5)).toEqual(a.lines(0, 4));
    expect(b.lines(0, 1)[0]!.ref).toBe('C3');
    // a second copy, of a middle range, lands after the first
    b.copyLines(a, 1, 3);
    expect(b.size).toBe(7);
    expect(b.lines(5, 7)).toEqual(a.lines(1, 3));
    expect(b.lines(5, 7).map((l) => l.ref)).toEqual(['C2', 'C1']);
  });

  it('an empty or reversed range copies nothing', () => {
    const a = source({ sites: [], ids: new Map() }, 'a', 3, 0);
    a.siteOf({}, ['I'], 'C0');
    const b = new LedgerStore(1, a.siteTable);
    b.copyLines(a, 2, 2);
    expect(b.size).toBe(0);
    b.copyLines(a, 2, 1);
    expect(b.size).toBe(0);
    b.copyLines(a, 0, 1);
    expect(b.size).toBe(1);
    b.copyLines(a, 3, 0);
    expect(b.size).toBe(1);
    expect(view(b)).toEqual(['C0|0|m.a|{"i":0,"t":"a"}|a-0+a-x']);
  });

  it('exactly filling the capacity does not overrun; one more line grows', () => {
    const table: SiteTable = { sites: [], ids: new Map() };
    const a = source(table, 'a', 4, 0);
    a.siteOf({}, ['I'], 'C0');
    const b = new LedgerStore(4, table);
    b.copyLines(a, 0, 4);
    expect(b.size).toBe(4);
    b.copyLines(a, 0, 4);
    expect(b.size).toBe(8);
    expect(view(b)).toEqual([...view(a), ...view(a)]);
    b.add(0, 'note', P.ZERO, 'own', { q: 1 }, ['o']);
    expect(view(b).at(-1)).toBe('C0|0|own|{"q":1}|o');
  });
});

describe('pools', () => {
  it('lines from several stores, interleaved and copied again, each read from its own pools', () => {
    const table: SiteTable = { sites: [], ids: new Map() };
    const a = source(table, 'a', 3, 0);
    a.siteOf({}, ['I'], 'C0');
    const b = source(table, 'b', 3, 0);
    const c = new LedgerStore(2, table);
    c.add(0, 'note', P.ZERO, 'own', { o: 'c' }, ['c-own']);
    c.copyLines(a, 0, 2);
    c.copyLines(b, 0, 3);
    c.copyLines(a, 2, 3);
    c.add(0, 'note', P.ZERO, 'own', { o: 'c2' }, ['c-own2']);
    const expected = ['C0|0|own|{"o":"c"}|c-own', ...view(a).slice(0, 2), ...view(b), view(a)[2]!, 'C0|0|own|{"o":"c2"}|c-own2'];
    expect(view(c)).toEqual(expected);
    // a copy of the copy reads the same values from the same pools
    const e = new LedgerStore(1, table);
    e.copyLines(c, 0, c.size);
    expect(view(e)).toEqual(expected);
    const g = new LedgerStore(1, table);
    g.copyLines(c, 3, 6);
    g.copyLines(e, 1, 2);
    expect(view(g)).toEqual([...view(b), view(a)[0]!]);
  });

  it('past 255 foreign pools the values and fact ids are copied into the store’s own', () => {
    const table: SiteTable = { sites: [], ids: new Map() };
    const to = new LedgerStore(1, table);
    to.siteOf({}, ['I'], 'C0');
    to.add(0, 'note', P.ZERO, 'own', { o: 1 }, ['own']);
    const expected = ['C0|0|own|{"o":1}|own'];
    for (let k = 0; k < 260; k++) {
      const s = source(table, `s${k}`, 2, 0);
      to.copyLines(s, 0, 2);
      expected.push(...view(s));
      if (k % 50 === 0) to.add(0, 'bonus', d(k), 'own', { o: k }, [`own${k}`]), expected.push(`C0|${d(k)}|own|{"o":${k}}|own${k}`);
    }
    expect(view(to)).toEqual(expected);
    // and a store copying those lines again reads them right, wherever they are kept
    const again = new LedgerStore(1, table);
    again.copyLines(to, 0, to.size);
    expect(view(again)).toEqual(expected);
    // the own pool still takes new lines after the fallback's writes
    to.add(0, 'note', P.ZERO, 'last', { a: 'x', b: 'y' }, ['l1', 'l2']);
    expect(view(to).at(-1)).toBe('C0|0|last|{"a":"x","b":"y"}|l1+l2');
    expect(view(to).slice(0, -1)).toEqual(expected);
  });

  it('the fallback copies parameters and fact ids of lines with no parameters or no facts too', () => {
    const table: SiteTable = { sites: [], ids: new Map() };
    const to = new LedgerStore(1, table);
    to.siteOf({}, ['I'], 'C0');
    const expected: string[] = [];
    for (let k = 0; k < 258; k++) {
      const s = new LedgerStore(2, table);
      s.add(0, 'score', d(k), 'empty', {}, []);
      s.add(0, 'score', d(k), 'three', { x: k, y: 'y', z: -k }, [`a${k}`, `b${k}`, `c${k}`]);
      to.copyLines(s, 0, 2);
      expected.push(...view(s));
    }
    expect(view(to)).toEqual(expected);
  });
});

describe('growth to the last slot', () => {
  it('lines written one by one from a capacity of 1 up to exactly a power of two, then one more', () => {
    const s = new LedgerStore(1);
    s.siteOf({}, ['I'], 'C0');
    const expected: string[] = [];
    for (let i = 0; i < 33; i++) {
      s.add(0, 'score', d(i), `m${i % 3}`, { i }, [`f${i}`]);
      expected.push(`C0|${d(i)}|m${i % 3}|{"i":${i}}|f${i}`);
      if (i === 31) expect(view(s)).toEqual(expected);
    }
    expect(view(s)).toEqual(expected);
  });

  it('many lines and clause results from a capacity of 1 (each growth doubles once, not on every write)', () => {
    const table: SiteTable = { sites: [], ids: new Map() };
    const from = new LedgerStore(1, table);
    from.siteOf({}, ['I'], 'C0');
    for (let i = 0; i < 64; i++) from.add(0, 'deduction', d(-i), 'x', { i }, []);
    from.addClause('scored', d(1), d(-2), P.ZERO, 0, 5, 0);
    for (let k = 0; k < 63; k++) from.addClause('needs-review', d(k), P.ZERO, P.ZERO, 64, k, 0);
    expect(from.clauseCount).toBe(64);
    expect([from.clauseStatus(63), from.clauseValue(63, 0), from.clausePlan(63)]).toEqual(['needs-review', d(62), 62]);
    const to = new LedgerStore(1, table, 1);
    for (let r = 0; r < 64; r++) to.copyClause(from, 0, 0);
    expect(to.size).toBe(64 * 64);
    expect(to.clauseCount).toBe(64);
    expect(view(to).slice(-2)).toEqual(view(from).slice(-2));
    expect([to.clauseStatus(63), to.clauseValue(63, 1), to.clausePlan(63)]).toEqual(['scored', d(-2), 5]);
  });

  it('a clause capacity of 0 is taken as 1', () => {
    const s = new LedgerStore(1, undefined, 0);
    s.addClause('vetoed', d(3), P.ZERO, P.ZERO);
    s.addClause('clamped', d(4), P.ZERO, P.ZERO);
    expect([s.clauseStatus(0), s.clauseStatus(1), s.clauseValue(1, 0)]).toEqual(['vetoed', 'clamped', d(4)]);
  });
});
