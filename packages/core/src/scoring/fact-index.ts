import type { Fact } from '../scheme/fact.types';
import type { Code } from '../scheme/scheme.types';

export type FactIndex = Map<Code, Map<Code, Fact[]>>;

const NONE: readonly Fact[] = Object.freeze([]);

/** Facts grouped by unit, then by the code they inform. */
export function indexFacts(facts: readonly Fact[]): FactIndex {
  const index: FactIndex = new Map();
  for (const f of facts) addFact(index, f);
  return index;
}

export function addFact(index: FactIndex, f: Fact): void {
  let byRef = index.get(f.unit);
  if (!byRef) {
    byRef = new Map();
    index.set(f.unit, byRef);
  }
  const list = byRef.get(f.ref);
  if (list) list.push(f);
  else byRef.set(f.ref, [f]);
}

export function factsFor(index: FactIndex, unit: Code, ref: Code): readonly Fact[] {
  return index.get(unit)?.get(ref) ?? NONE;
}
