import type { Fact } from '../scheme/fact.types';
import type { Code } from '../scheme/scheme.types';

/** One unit's facts by the code they inform (a `Map` satisfies it). */
export interface UnitFacts {
  get(ref: Code): readonly Fact[] | undefined;
  keys(): Iterable<Code>;
  values(): Iterable<readonly Fact[]>;
}

const NONE: readonly Fact[] = Object.freeze([]);

/** Above this many (unit, code) cells the index keeps maps per unit instead of one offset table. */
const MAX_CELLS = 1 << 24;

/**
 * Facts grouped by unit, then by the code they inform, in the caller's order within each group.
 * Built once per evaluation into one array sorted by (unit, code) and one offset table (a counting
 * sort): a province's 2 million facts in 720,000 groups used to be 720,000 growing arrays and 2,000
 * maps, all surviving the young generation. A lookup slices the group (short-lived).
 * A unit whose facts are replaced (`set`, the re-score) keeps them in a map of its own.
 */
export class FactIndex {
  private readonly unitIdx = new Map<Code, number>();
  private readonly refIdx = new Map<Code, number>();
  // Stryker disable next-line ArrayDeclaration: equivalent — one more code column, always empty: every cell is found at its own code's number
  private readonly refCodes: Code[] = [];
  private sorted: Fact[] = [];
  /** Start of cell (unit u, ref r) in `sorted` at u * R + r; the cell ends where the next starts. */
  private start = new Int32Array(1);
  private readonly own = new Map<Code, UnitFacts>();

  constructor(facts: readonly Fact[]) {
    const n = facts.length;
    const ui = new Int32Array(n);
    const ri = new Int32Array(n);
    let lastUnit: Code | undefined;
    // Stryker disable next-line UnaryOperator: equivalent — overwritten for the first fact, whose unit differs from the initial undefined
    let lastU = -1;
    // Facts usually come a unit at a time and a code at a time: the last lookups are reused (a map
    // lookup per fact was the largest part of indexing).
    let lastRef: Code | undefined;
    let lastR = -1;
    for (let i = 0; i < n; i++) {
      const f = facts[i]!;
      // Stryker disable next-line ConditionalExpression: equivalent — the unit's number is looked up again: the same number
      if (f.unit !== lastUnit) {
        lastUnit = f.unit;
        let u = this.unitIdx.get(f.unit);
        if (u === undefined) this.unitIdx.set(f.unit, (u = this.unitIdx.size));
        lastU = u;
      }
      ui[i] = lastU;
      if (f.ref !== lastRef) {
        lastRef = f.ref;
        let r = this.refIdx.get(f.ref);
        if (r === undefined) {
          this.refIdx.set(f.ref, (r = this.refCodes.length));
          this.refCodes.push(f.ref);
        }
        lastR = r;
      }
      ri[i] = lastR;
    }
    const R = this.refCodes.length;
    const cells = this.unitIdx.size * R;
    // Stryker disable next-line ConditionalExpression, EqualityOperator, BlockStatement: equivalent — both layouts give the same facts in the same order; only memory differs
    if (cells > MAX_CELLS) {
      // Very many units × codes: per-unit maps (the offset table would be too large).
      for (let i = 0; i < n; i++) {
        const f = facts[i]!;
        let byRef = this.own.get(f.unit) as Map<Code, Fact[]> | undefined;
        if (!byRef) this.own.set(f.unit, (byRef = new Map()));
        const list = byRef.get(f.ref);
        if (list) list.push(f);
        else byRef.set(f.ref, [f]);
      }
      this.unitIdx.clear();
      return;
    }
    const start = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) start[ui[i]! * R + ri[i]! + 1]!++;
    for (let k = 0; k < cells; k++) start[k + 1]! += start[k]!;
    const next = start.slice(0, cells);
    // Stryker disable next-line ArrayDeclaration: equivalent — the array is filled by index either way
    const sorted = new Array<Fact>(n);
    for (let i = 0; i < n; i++) sorted[next[ui[i]! * R + ri[i]!]!++] = facts[i]!;
    this.sorted = sorted;
    this.start = start;
  }

  /** The unit's facts by code, or undefined when it has none. */
  get(unit: Code): UnitFacts | undefined {
    const own = this.own.get(unit);
    if (own) return own;
    const u = this.unitIdx.get(unit);
    return u === undefined ? undefined : new UnitCells(this, u);
  }

  /** Replaces a unit's facts. */
  set(unit: Code, byRef: UnitFacts): void {
    this.own.set(unit, byRef);
  }

  /** Every unit that has facts. */
  units(): Code[] {
    const codes = new Set<Code>([...this.unitIdx.keys(), ...this.own.keys()]);
    return [...codes];
  }

  /** The number of `ref` in the offset table (-1 when no fact has it): `UnitCells.at` takes it. */
  refOf(ref: Code): number {
    return this.refIdx.get(ref) ?? -1;
  }

  /** @internal the cell (u, ref) of the offset table. */
  cell(u: number, ref: Code): readonly Fact[] | undefined {
    const r = this.refIdx.get(ref);
    return r === undefined ? undefined : this.cellAt(u, r);
  }

  /** @internal the cell (u, r) of the offset table, r from `refOf` (≥ 0). */
  cellAt(u: number, r: number): readonly Fact[] | undefined {
    const k = u * this.refCodes.length + r;
    const a = this.start[k]!;
    const b = this.start[k + 1]!;
    return a === b ? undefined : this.sorted.slice(a, b);
  }

  /** @internal copies the cell (u, r) into `into` (its length becomes the cell's). */
  fillAt(u: number, r: number, into: Fact[]): void {
    const k = u * this.refCodes.length + r;
    const a = this.start[k]!;
    const n = this.start[k + 1]! - a;
    const sorted = this.sorted;
    for (let i = 0; i < n; i++) into[i] = sorted[a + i]!;
    into.length = n;
  }

  /** @internal the codes of unit u with facts. */
  codes(u: number): Code[] {
    const R = this.refCodes.length;
    const out: Code[] = [];
    for (let r = 0; r < R; r++) if (this.start[u * R + r + 1]! > this.start[u * R + r]!) out.push(this.refCodes[r]!);
    return out;
  }
}

/** One unit's cells of the offset table (what `FactIndex.get` gives for a unit it indexed). */
export class UnitCells implements UnitFacts {
  constructor(
    private readonly index: FactIndex,
    private readonly u: number,
  ) {}
  get(ref: Code): readonly Fact[] | undefined {
    return this.index.cell(this.u, ref);
  }
  /**
   * The facts at code number `r` of the index (`FactIndex.refOf`; -1: none) copied into `into`,
   * which is returned: no array per lookup, for a reader that keeps none of them (the clause rules).
   */
  fill(r: number, into: Fact[]): readonly Fact[] {
    if (r < 0) into.length = 0;
    else this.index.fillAt(this.u, r, into);
    return into;
  }

  /** The facts at code number `r` of the index (`FactIndex.refOf`; -1: none), without a map lookup. */
  at(r: number): readonly Fact[] {
    return r < 0 ? NONE : (this.index.cellAt(this.u, r) ?? NONE);
  }
  keys(): Code[] {
    return this.index.codes(this.u);
  }
  values(): (readonly Fact[])[] {
    return this.keys().map((c) => this.index.cell(this.u, c)!);
  }
}

/** Facts grouped by unit, then by the code they inform. */
export function indexFacts(facts: readonly Fact[]): FactIndex {
  return new FactIndex(facts);
}

export function factsFor(index: FactIndex, unit: Code, ref: Code): readonly Fact[] {
  return index.get(unit)?.get(ref) ?? NONE;
}
