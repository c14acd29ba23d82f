import type { Fact } from '../scheme/fact.types';
import type { Code } from '../scheme/scheme.types';

export type FactIndex = Map<Code, Map<Code, Fact[]>>;

const NONE: readonly Fact[] = Object.freeze([]);

/** Facts grouped by unit, then by the code they inform. */
export function indexFacts(facts: readonly Fact[]): FactIndex {
  const index: FactIndex = new Map();
  // Facts usually arrive grouped by unit (a unit's report, a CSV sorted by unit): remember the last
  // unit's map and the last list so a run of the same unit and ref costs no lookup.
  let lastUnit: Code | undefined;
  let byRef: Map<Code, Fact[]> | undefined;
  let lastRef: Code | undefined;
  let list: Fact[] | undefined;
  for (const f of facts) {
    if (f.unit !== lastUnit || byRef === undefined) {
      lastUnit = f.unit;
      byRef = index.get(f.unit);
      if (!byRef) index.set(f.unit, (byRef = new Map()));
      lastRef = undefined;
    }
    if (f.ref !== lastRef || list === undefined) {
      lastRef = f.ref;
      list = byRef.get(f.ref);
      if (!list) byRef.set(f.ref, (list = []));
    }
    list.push(f);
  }
  return index;
}

export function factsFor(index: FactIndex, unit: Code, ref: Code): readonly Fact[] {
  return index.get(unit)?.get(ref) ?? NONE;
}
