import type { Dec } from '../points';
import type { Code, SourceRef } from './scheme.types';

/**
 * Facts: what the rules need per unit, each tied to the clause/indicator/negative/veto/grading code
 * it informs (`ref`) and carrying its source (who entered it, from which document).
 */
export type FactSource = {
  /** Document, report or system the fact comes from (通报文号, 台账, 系统数据). */
  doc?: string;
  by?: string;
  at?: string;
  ref?: SourceRef;
};

type FactBase = {
  id: string;
  unit: Code;
  /** Code of the clause, indicator, negative-list item, veto item, sub-assessment or 'grading'. */
  ref: Code;
  source?: FactSource;
  note?: string;
};

/** A scoring event (通报, 问责, 事故, 表彰, 投诉…): P01–P06, P13–P15, P26, P27, P37, P44. */
export type OccurrenceFact = FactBase & {
  type: 'occurrence';
  date?: string;
  /** Tier keys. */
  level?: string;
  severity?: string;
  rank?: string;
  role?: string;
  variant?: string;
  kind?: string;
  /** Same event key = same matter (同一事项). */
  eventKey?: string;
  /** Locality/person the occurrence is about (P01 每个问题镇, P09 per subject). */
  subject?: string;
  /** Number of occurrences this record stands for (default 1). */
  count?: number;
  /** Flags such as 'not-rectified' (P15). */
  flags?: string[];
  /** P44: how long it took, in the rule's unit. */
  duration?: Dec;
  /** P06 per occurrence: the judged amount. */
  amount?: Dec;
};

/** A measured value (x), optionally with its baseline (P12). */
export type ValueFact = FactBase & { type: 'value'; value: Dec; baseline?: Dec; period?: string };

/** A rate as numerator/denominator (P20), e.g. 办结数/应办结数. `parts` holds extra named counts (返工次数). */
export type RateFact = FactBase & {
  type: 'rate';
  numerator: Dec;
  denominator: Dec;
  parts?: Record<string, Dec>;
  period?: string;
};

/** Counts done vs required (P09), or elements present (P43). */
export type CountFact = FactBase & { type: 'count'; done: number; required?: number; subject?: string; present?: string[] };

/** Boolean condition / completion (P02, P17, P19, P29, veto trigger). `variant` grades it. */
export type FlagFact = FactBase & {
  type: 'flag';
  value: boolean;
  variant?: string;
  /** P19: which option was achieved. */
  option?: string;
  /** P18: progress in [0, 1] when incomplete. */
  progress?: Dec;
  /** P45: completion date. */
  date?: string;
};

/** An external rank (provincial ranking, P22/P24). */
export type RankFact = FactBase & { type: 'rank'; rank: number; of?: number; role?: string };

/** An assessor's judgement (P06, P17 partial, manual rules): an amount with its reason. */
export type JudgementFact = FactBase & { type: 'judgement'; amount: Dec; reason: string; by?: string };

/** A sub-assessment / external score (P25), per channel or period when split. */
export type SubScoreFact = FactBase & { type: 'sub-score'; score: Dec; channel?: string; period?: string };

/** Survey result of one rater group, in percent (P47). */
export type SurveyFact = FactBase & { type: 'survey'; group: string; value: Dec };

/** Lateness (P14): periods late, or due and done dates. */
export type LatenessFact = FactBase & { type: 'lateness'; periods?: number; due?: string; done?: string };

/** Not applicable, with its reason and evidence (P32: N/A must be evidenced). */
export type NotApplicableFact = FactBase & { type: 'not-applicable'; reason: string; evidence?: string };

/** A published target that replaces the scheme target when higher (P35). */
export type TargetOverrideFact = FactBase & { type: 'target-override'; value: Dec };

export type Fact =
  | OccurrenceFact
  | ValueFact
  | RateFact
  | CountFact
  | FlagFact
  | RankFact
  | JudgementFact
  | SubScoreFact
  | SurveyFact
  | LatenessFact
  | NotApplicableFact
  | TargetOverrideFact;

export type FactType = Fact['type'];
