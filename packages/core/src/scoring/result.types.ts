import type { Dec } from '../points';
import type { Code, SourceRef } from '../scheme/scheme.types';

export type LedgerKind =
  | 'score'
  | 'deduction'
  | 'bonus'
  | 'cap'
  | 'floor'
  | 'ceiling'
  | 'minimum'
  | 'dedupe'
  | 'dimension-cap'
  | 'zero'
  | 'veto'
  | 'negative'
  | 'not-applicable'
  | 'impute'
  | 'rescale'
  | 'round'
  | 'clamp'
  | 'cutoff'
  | 'pending'
  | 'review'
  | 'note';

/**
 * One line of a unit's ledger: one point gained or lost (or a note that explains a zero, a
 * cap, a pending judgement). `msg`/`params` are rendered to words by explain/ (zh-CN);
 * `amount` is the signed effect on the node named by `path`/`ref`.
 */
export type LedgerLine = {
  /** Indicator codes from the top; filled by the engine when a rule's line joins the ledger. */
  path: readonly Code[];
  ref: Code;
  kind: LedgerKind;
  amount: Dec;
  facts: readonly string[];
  msg: string;
  params: Record<string, string | number>;
  cite?: { text: string; source?: SourceRef | undefined };
};

export type OutcomeStatus = 'scored' | 'not-applicable' | 'needs-judgement' | 'needs-review' | 'vetoed' | 'clamped';

export type ClauseResult = {
  code: Code;
  kind: string;
  status: OutcomeStatus;
  score: Dec;
  deduction: Dec;
  bonus: Dec;
};

export type NodeResult = {
  code: Code;
  title: string;
  points?: Dec;
  score: Dec;
  deduction: Dec;
  bonus: Dec;
  status: OutcomeStatus;
  isBonus: boolean;
  children: NodeResult[];
  clauses: ClauseResult[];
};

export type GroupRank = { group: Code; rank: number; of: number; isTied: boolean };

export type UnitResult = {
  unit: Code;
  name: string;
  category: Code;
  /** Final total after bonuses, negative list, vetoes, clamps and rounding. */
  total: Dec;
  itemsTotal: Dec;
  bonusTotal: Dec;
  negativeTotal: Dec;
  /** All deductions (items + negative list + veto deductions), for grade exceptions. */
  deductionTotal: Dec;
  vetoes: Code[];
  barredAwards: string[];
  isForcedLast: boolean;
  maxGrade?: Code;
  forcedGrade?: Code;
  pendingJudgements: number;
  needsReview: number;
  nodes: NodeResult[];
  ledger: LedgerLine[];
  ranks: GroupRank[];
  grade?: Code;
  gradeNotes: string[];
};

export type GroupResult = { code: Code; name: string; units: { unit: Code; total: Dec; rank: number; isTied: boolean }[] };

export type EvaluationResult = {
  scheme: Code;
  units: UnitResult[];
  groups: GroupResult[];
};
