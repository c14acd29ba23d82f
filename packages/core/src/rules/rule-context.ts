import type { Dec } from '../points';
import type { Fact } from '../scheme/fact.types';
import type { Clause, Code, SchemeSettings, SubAssessment, Target, Unit } from '../scheme/scheme.types';
import type { LedgerLine } from '../scoring/result.types';

/** What a rule evaluator sees: the unit, its clause, the facts about that clause, and the group data
 *  (peer metrics) for rules whose outcome depends on other units. */
export type RuleContext = {
  unit: Unit;
  clause: Clause;
  /** Ceiling for positive rules: the clause's points, else the indicator's points for this unit. */
  points: Dec | undefined;
  facts: readonly Fact[];
  target: Target | undefined;
  settings: SchemeSettings;
  subAssessments: ReadonlyMap<Code, SubAssessment>;
  /** Peer metric values for cross-unit rules (same peer group), computed before units are scored. */
  peers?: PeerData;
};

export type PeerData = {
  /** Metric value per unit of the peer group (units without a value are absent). */
  values: ReadonlyMap<Code, Dec>;
  size: number;
  /** For rate metrics read as numerators (relative-to-best `denominatorOfBest`): each unit's denominator. */
  denominators?: ReadonlyMap<Code, Dec>;
};

/** A line a rule emits. It already has the ledger line's shape; the engine fills path, ref and
 *  citation in place, so a line is allocated once on the hot path. */
export type RuleLine = LedgerLine;

export type RuleStatus = 'scored' | 'not-applicable' | 'needs-judgement' | 'needs-review' | 'clamped';

export type RuleOutcome = {
  status: RuleStatus;
  /** Positive allocation (effect 'score'); undefined for deduction/bonus rules. */
  score?: Dec;
  deduction: Dec;
  bonus: Dec;
  lines: RuleLine[];
  /** P29: the clause zeroes its indicator, the parent, or the unit. */
  zero?: 'indicator' | 'parent' | 'unit';
};
