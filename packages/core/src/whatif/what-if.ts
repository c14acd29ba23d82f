import * as P from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Scheme } from '../scheme/scheme.types';
import { evaluate } from '../scoring/evaluate';
import type { EvaluationResult, UnitResult } from '../scoring/result.types';
import { applyScenario } from './apply-scenario';
import type { Scenario, UnitDiff, UnitOutcome, WhatIfResult } from './scenario.types';

/**
 * Runs a scenario on copies: evaluates the inputs as they are and as the scenario changes them,
 * and gives every unit's total, grade and rank (its first ranking group) before and after.
 * `before` may be passed when the caller already evaluated the unchanged inputs.
 */
export function runWhatIf(scheme: Scheme, facts: readonly Fact[], scenario: Scenario, before: EvaluationResult = evaluate(scheme, facts)): WhatIfResult {
  const changed = applyScenario(scheme, facts, scenario, before);
  const after = evaluate(changed.scheme, changed.facts);
  return { scenario: scenario.name, applied: changed.applied, units: diffResults(before, after) };
}

export function outcomeOf(u: UnitResult): UnitOutcome {
  return { total: u.total, grade: u.grade ?? null, rank: u.ranks[0]?.rank ?? null };
}

/** Before/after rows in the scheme's unit order. */
export function diffResults(before: EvaluationResult, after: EvaluationResult): UnitDiff[] {
  const next = new Map(after.units.map((u) => [u.unit, u]));
  return before.units.map((b) => {
    const a = next.get(b.unit)!;
    const x = outcomeOf(b);
    const y = outcomeOf(a);
    return { unit: b.unit, name: b.name, before: x, after: y, delta: P.sub(y.total, x.total), changed: x.total !== y.total || x.grade !== y.grade || x.rank !== y.rank };
  });
}

/** Two scenarios side by side: per unit, the common before and each scenario's after. */
export type ScenarioComparison = { scenarios: [string, string]; units: { unit: string; name: string; before: UnitOutcome; after: [UnitOutcome, UnitOutcome] }[] };

export function compareWhatIfs(a: WhatIfResult, b: WhatIfResult): ScenarioComparison {
  const other = new Map(b.units.map((u) => [u.unit, u]));
  return { scenarios: [a.scenario, b.scenario], units: a.units.map((u) => ({ unit: u.unit, name: u.name, before: u.before, after: [u.after, other.get(u.unit)!.after] })) };
}
