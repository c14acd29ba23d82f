import type { Dec } from '../points';
import type { Clause, Code } from '../scheme/scheme.types';
import type { ClauseResult, LedgerKind, LedgerLine, OutcomeStatus } from './result.types';

/**
 * The ledgers of one evaluation, kept compact: one row per line in typed arrays (kind, amount,
 * message shape, site, offsets into a pool of parameter values and a pool of fact ids). A province
 * has 880,000 lines; as objects (line, parameters, facts array) they survived every young-generation
 * collection and were copied before promotion, which was the largest share of an evaluation.
 * `UnitResult.ledger` materialises a unit's `LedgerLine` objects from here on first read, with the
 * same fields, values and key order the rules gave them.
 *
 * A message shape is a message key with its parameters' names in order (module-wide: there are a
 * few hundred). A site is where a line sits: path, ref and citation (per store, one per clause,
 * node, negative item or veto).
 */

const KINDS: readonly LedgerKind[] = ['score', 'deduction', 'bonus', 'cap', 'floor', 'ceiling', 'minimum', 'dedupe', 'dimension-cap', 'zero', 'veto', 'negative', 'not-applicable', 'impute', 'rescale', 'round', 'clamp', 'cutoff', 'pending', 'review', 'note'];
const KIND_ID: Record<string, number> = Object.fromEntries(KINDS.map((k, i) => [k, i]));

const STATUSES: readonly OutcomeStatus[] = ['scored', 'not-applicable', 'needs-judgement', 'needs-review', 'vetoed', 'clamped'];
const STATUS_ID: Record<string, number> = Object.fromEntries(STATUSES.map((k, i) => [k, i]));

export const CLAUSE_HAS_SCORE = 1;
export const CLAUSE_REVIEWED = 2;
/** `zero` of the outcome in bits 2–3: 1 indicator, 2 parent, 3 unit. */
export const CLAUSE_ZERO_SHIFT = 2;

type Shape = { msg: string; keys: readonly string[] };
const shapes: Shape[] = [];
const shapesByMsg = new Map<string, number[]>();

type Site = { path: readonly Code[]; ref: Code; cite: LedgerLine['cite']; hasCite: boolean };

/**
 * Sites by key (clause, node, negative item, veto or unit). Shared by the stores of one evaluation
 * (its own and each re-score's), so a site registered once keeps its number in all of them and a
 * re-score does not register the unit's 400 sites again.
 */
export type SiteTable = { readonly sites: Site[]; readonly ids: Map<object, number> };

export type Params = Record<string, string | number>;

export class LedgerStore {
  private kind: Uint8Array;
  private amount: Float64Array;
  private shape: Int32Array;
  private site: Int32Array;
  /** Start of each line's parameter values in its pool (as many as its shape has keys). */
  private pOff: Int32Array;
  /** Each line's fact ids in its pool: [fOff, fEnd). */
  private fOff: Int32Array;
  private fEnd: Int32Array;
  /**
   * Each line's pool: an index into `vPools`/`fPools`. 0 is this store's own (`values`, `factIds`);
   * a line copied from another store (a re-score's unchanged lines) keeps reading the pools it was
   * written to, so copying it moves six numbers, not its parameter values and fact ids.
   */
  private pool: Uint8Array;
  private readonly vPools: (string | number)[][];
  private readonly fPools: string[][];
  /** This store's own pools; `nv` and `nf` are how much of each is in use (a rolled-back shape leaves entries past `nv` that the next writes replace). */
  // Stryker disable next-line ArrayDeclaration: equivalent — pushValue writes at nv, which starts at 0: the first value overwrites the junk entry
  private readonly values: (string | number)[] = [];
  private readonly factIds: string[] = [];
  private nv = 0;
  private nf = 0;
  private readonly sites: Site[];
  private readonly siteIds: Map<object, number>;
  /** Where this store's site numbers point (give it to another store to share them). */
  readonly siteTable: SiteTable;
  /** Lines written so far. */
  size = 0;
  private cCap: number;
  private cStatus: Uint8Array;
  /** Score, deduction, bonus of each clause result. */
  private cValues: Float64Array;
  /** Clause results written so far. */
  clauseCount = 0;
  /** Per clause result: its lines [cLine0, cLine1), its clause plan's id, and flags (see `addClause`). */
  private cLine0: Int32Array;
  private cLine1: Int32Array;
  private cPlan: Int32Array;
  private cFlags: Uint8Array;

  /**
   * `cap`: room for this many lines before the arrays grow; `siteTable`: sites shared with other
   * stores; `clauseCap`: room for this many clause results (default `cap`; a re-score writes all of
   * its unit's lines but the results of only the clauses it scores again).
   */
  constructor(
    private cap = 1 << 12,
    siteTable: SiteTable = { sites: [], ids: new Map() },
    clauseCap = cap,
  ) {
    this.vPools = [this.values];
    this.fPools = [this.factIds];
    this.siteTable = siteTable;
    this.sites = siteTable.sites;
    this.siteIds = siteTable.ids;
    const cc = Math.max(1, clauseCap);
    // One buffer for the twelve arrays (a re-score makes a store per call: one allocation, not twelve).
    const buffer = new ArrayBuffer(8 * cap + 8 * 3 * cc + 4 * (5 * cap + 2) + 4 * 3 * cc + 2 * cap + 2 * cc);
    let at = 0;
    const f64 = (n: number): Float64Array => new Float64Array(buffer, (at += 8 * n) - 8 * n, n);
    const i32 = (n: number): Int32Array => new Int32Array(buffer, (at += 4 * n) - 4 * n, n);
    const u8 = (n: number): Uint8Array => new Uint8Array(buffer, (at += n) - n, n);
    this.amount = f64(cap);
    this.cValues = f64(3 * cc);
    this.shape = i32(cap);
    this.site = i32(cap);
    this.pOff = i32(cap + 1);
    this.fOff = i32(cap + 1);
    this.fEnd = i32(cap);
    this.cLine0 = i32(cc);
    this.cLine1 = i32(cc);
    this.cPlan = i32(cc);
    this.kind = u8(cap);
    this.pool = u8(cap);
    this.cStatus = u8(cc);
    this.cFlags = u8(cc);
    this.cCap = cc;
  }

  /**
   * Appends one clause's result (its node keeps where its clauses start). `lineStart` is where the
   * clause's own lines start (they end at the store's current size); `plan` names the clause within
   * its evaluation; `flags` is what a re-score needs to reuse the outcome without evaluating the rule
   * again: CLAUSE_HAS_SCORE (the outcome had a score), CLAUSE_REVIEWED (it counted a needs-review),
   * and the outcome's `zero` (CLAUSE_ZERO_*).
   */
  addClause(status: OutcomeStatus, score: Dec, deduction: Dec, bonus: Dec, lineStart = this.size, plan = -1, flags = 0): void {
    const i = this.clauseCount;
    if (i === this.cCap) {
      const n = (this.cCap *= 2);
      this.cStatus = widen(this.cStatus, n);
      this.cValues = widen(this.cValues, 3 * n);
      this.cLine0 = widen(this.cLine0, n);
      this.cLine1 = widen(this.cLine1, n);
      this.cPlan = widen(this.cPlan, n);
      this.cFlags = widen(this.cFlags, n);
    }
    this.cStatus[i] = STATUS_ID[status]!;
    this.cValues[3 * i] = score;
    this.cValues[3 * i + 1] = deduction;
    this.cValues[3 * i + 2] = bonus;
    this.cLine0[i] = lineStart;
    this.cLine1[i] = this.size;
    this.cPlan[i] = plan;
    this.cFlags[i] = flags;
    this.clauseCount = i + 1;
  }

  /** Clause result i's status, values, plan id and flags (a re-score reuses them). */
  clauseStatus(i: number): OutcomeStatus {
    return STATUSES[this.cStatus[i]!]!;
  }
  clauseValue(i: number, k: 0 | 1 | 2): Dec {
    return this.cValues[3 * i + k]! as Dec;
  }
  clausePlan(i: number): number {
    return this.cPlan[i]!;
  }
  clauseFlags(i: number): number {
    return this.cFlags[i]!;
  }

  /**
   * Copies clause result i of `from` (its lines and values) to the end of this store, its lines at
   * `site` (the clause's site here): a re-score's unchanged clauses, line for line as the rule gave them.
   */
  copyClause(from: LedgerStore, i: number, site: number): void {
    const lineStart = this.size;
    for (let l = from.cLine0[i]!, end = from.cLine1[i]!; l < end; l++) {
      const j = this.size;
      if (j === this.cap) this.grow();
      this.copyLine(from, l, j);
      this.site[j] = site;
      this.size = j + 1;
    }
    this.addClause(from.clauseStatus(i), from.clauseValue(i, 0), from.clauseValue(i, 1), from.clauseValue(i, 2), lineStart, from.cPlan[i]!, from.cFlags[i]!);
  }

  /**
   * Copies lines [start, end) of `from` to the end of this store, at the same sites (the stores share
   * one site table): a re-score's unchanged subtree, line for line. Clause results are not copied:
   * the reused node results still read theirs from `from`.
   */
  copyLines(from: LedgerStore, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    while (this.size + n > this.cap) this.grow();
    // element by element: a view per array and call (subarray) cost more than the copy at a node's dozen lines
    for (let l = start, j = this.size; l < end; l++, j++) {
      this.copyLine(from, l, j);
      this.site[j] = from.site[l]!;
    }
    this.size += n;
  }

  /** Line l of `from` as line j here (all but its site), reading the pools it was written to. */
  private copyLine(from: LedgerStore, l: number, j: number): void {
    this.kind[j] = from.kind[l]!;
    this.amount[j] = from.amount[l]!;
    this.shape[j] = from.shape[l]!;
    const vPool = from.vPools[from.pool[l]!]!;
    let p = this.lastPool;
    if (this.vPools[p] !== vPool) {
      p = this.vPools.indexOf(vPool);
      if (p < 0) {
        // Stryker disable next-line EqualityOperator: equivalent — no foreign pool is ever registered then, so the values are always copied into the store's own pool: the same values
        if (this.vPools.length === 256) {
          // no room for another pool number: the values and ids are copied into this store's own
          this.pOff[j] = this.nv;
          for (let k = 0, e = shapes[from.shape[l]!]!.keys.length; k < e; k++) this.pushValue(vPool[from.pOff[l]! + k]!);
          const fPool = from.fPools[from.pool[l]!]!;
          this.fOff[j] = this.nf;
          for (let k = from.fOff[l]!, e = from.fEnd[l]!; k < e; k++) this.pushFact(fPool[k]!);
          this.fEnd[j] = this.nf;
          this.pool[j] = 0;
          return;
        }
        p = this.vPools.length;
        this.vPools.push(vPool);
        this.fPools.push(from.fPools[from.pool[l]!]!);
      }
      this.lastPool = p;
    }
    this.pool[j] = p;
    this.pOff[j] = from.pOff[l]!;
    this.fOff[j] = from.fOff[l]!;
    this.fEnd[j] = from.fEnd[l]!;
  }
  /** The pool the last copied line was found in (lines come a subtree at a time, from one pool). */
  private lastPool = 0;

  /** The results of `clauses`, written from `start` on, as objects (fresh on every call). */
  clauseResults(clauses: readonly Clause[], start: number): ClauseResult[] {
    return clauses.map((c, k) => {
      const i = start + k;
      return { code: c.code, kind: c.rule.kind, status: STATUSES[this.cStatus[i]!]!, score: this.cValues[3 * i]! as Dec, deduction: this.cValues[3 * i + 1]! as Dec, bonus: this.cValues[3 * i + 2]! as Dec };
    });
  }

  /** The site of `key` (a clause, node, negative item, veto or unit), registered on first use. */
  siteOf(key: object, path: readonly Code[], ref: Code, cite?: LedgerLine['cite'], hasCite = true): number {
    let id = this.siteIds.get(key);
    if (id === undefined) {
      id = this.sites.length;
      this.sites.push({ path, ref, cite, hasCite });
      this.siteIds.set(key, id);
    }
    return id;
  }

  /** Appends one line; parameters and fact ids are copied, so the caller's objects can die young. */
  add(site: number, kind: LedgerKind, amount: Dec, msg: string, params: Params, facts: readonly string[]): void {
    const i = this.size;
    if (i === this.cap) this.grow();
    this.kind[i] = KIND_ID[kind]!;
    this.amount[i] = amount;
    this.site[i] = site;
    this.pool[i] = 0;
    this.pOff[i] = this.nv;
    this.shape[i] = this.shapeOf(msg, params);
    this.fOff[i] = this.nf;
    for (let k = 0; k < facts.length; k++) this.pushFact(facts[k]!);
    this.fEnd[i] = this.nf;
    this.size = i + 1;
  }

  private pushValue(v: string | number): void {
    const n = this.nv++;
    if (n < this.values.length) this.values[n] = v;
    else this.values.push(v);
  }

  private pushFact(id: string): void {
    this.factIds.push(id);
    this.nf++;
  }

  /** Pushes the parameter values and returns the shape id of (msg, parameter names in order). */
  private shapeOf(msg: string, params: Params): number {
    const start = this.nv;
    let list = shapesByMsg.get(msg);
    // Stryker disable next-line BlockStatement: equivalent — the shape is never looked up, so a new one is made per line: the same message and keys (only memory)
    if (list) {
      outer: for (let s = 0; s < list.length; s++) {
        const keys = shapes[list[s]!]!.keys;
        let n = 0;
        for (const k in params) {
          if (keys[n] !== k) {
            this.nv = start;
            continue outer;
          }
          this.pushValue(params[k]!);
          n++;
        }
        if (n === keys.length) return list[s]!;
        this.nv = start;
      }
    } else shapesByMsg.set(msg, (list = []));
    const keys: string[] = [];
    for (const k in params) {
      keys.push(k);
      this.pushValue(params[k]!);
    }
    const id = shapes.length;
    shapes.push({ msg, keys });
    list.push(id);
    return id;
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.kind = widen(this.kind, cap);
    this.amount = widen(this.amount, cap);
    this.shape = widen(this.shape, cap);
    this.site = widen(this.site, cap);
    this.pOff = widen(this.pOff, cap + 1);
    this.fOff = widen(this.fOff, cap + 1);
    this.fEnd = widen(this.fEnd, cap);
    this.pool = widen(this.pool, cap);
    this.cap = cap;
  }

  /** Lines [start, end) as ledger line objects (fresh objects on every call). */
  lines(start: number, end: number): LedgerLine[] {
    // Stryker disable next-line ArrayDeclaration: equivalent — the array is filled by index either way
    const out: LedgerLine[] = new Array<LedgerLine>(end - start);
    for (let i = start; i < end; i++) {
      const shape = shapes[this.shape[i]!]!;
      const site = this.sites[this.site[i]!]!;
      const params: Params = {};
      const p0 = this.pOff[i]!;
      const values = this.vPools[this.pool[i]!]!;
      for (let k = 0; k < shape.keys.length; k++) params[shape.keys[k]!] = values[p0 + k]!;
      const facts = this.fPools[this.pool[i]!]!.slice(this.fOff[i]!, this.fEnd[i]!);
      const l: LedgerLine = { path: site.path, ref: site.ref, kind: KINDS[this.kind[i]!]!, amount: this.amount[i]! as Dec, facts, msg: shape.msg, params };
      if (site.hasCite) l.cite = site.cite;
      out[i - start] = l;
    }
    return out;
  }
}

/** A copy of `a` with room for `n` elements (the rest zero). */
function widen<T extends Uint8Array | Int32Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * A property descriptor for `key` computed by `make` on first read, after which the object holds an
 * ordinary enumerable, writable value (results still spread, serialise, compare and can be replaced
 * as plain data). Define one per key and share it: objects given the same descriptor keep one
 * hidden class, where a descriptor per object turns each into a dictionary.
 */
export function lazyAccessor<T extends object, V>(key: string, make: (self: T) => V): PropertyDescriptor {
  const settle = (self: T, value: V): void => {
    Object.defineProperty(self, key, { value, enumerable: true, writable: true, configurable: true });
  };
  return {
    enumerable: true,
    configurable: true,
    get(this: T): V {
      const value = make(this);
      settle(this, value);
      return value;
    },
    set(this: T, value: V) {
      settle(this, value);
    },
  };
}
