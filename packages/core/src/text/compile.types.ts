import type { Dec } from '../points';
import type { Rule } from '../rules/rule.types';
import type { SourceRef } from '../scheme/scheme.types';

/** Which phrase of the text produced which rule parameter (values as `P.toStr` strings). */
export type RuleParam = { name: string; value: string; phrase: string };

/** One rule compiled from one sub-sentence of a clause text. */
export type CompiledRule = {
  rule: Rule;
  /** The sub-sentence the rule came from, verbatim. */
  text: string;
  /** [start, end) offsets of `text` in the clause text. */
  span: [number, number];
  params: RuleParam[];
  /** Set when the rule was built but a person must confirm a reading (扣11分, a missing 再). */
  review?: string;
  /** The phrase family that read it (see families.ts), for coverage per family in import reports. */
  family?: string;
  /**
   * The rule by unit category in the document's words (families/category-rules): `rule` is then a
   * `manual` fallback for units of any other category. The clause's `ruleByCategory`.
   */
  ruleByCategory?: Record<string, Rule>;
  /** A 倒扣 after 此项不得分 ("此项不得分，同时倒扣N分"): the clause's `afterZero` (zeroes the item, then deducts below zero). */
  afterZero?: true;
};

/** One family's reading of a part of the text, kept when two families disagree. */
export type Reading = { family: string; rules: Rule[] };

/** A part of the text that was not (fully) understood, with the reason in Chinese. */
export type CompileIssue = {
  text: string;
  span: [number, number];
  reason: string;
  /** The phrase no compiled rule accounts for (an amount, threshold, step, cap or rate), verbatim. */
  unread?: string;
  /** Two or more families read this text differently: each reading, for a person to choose. */
  readings?: Reading[];
  /** A reading the compiler suggests, in Chinese, where it has one. */
  suggestion?: string;
};

/** "（N分）" written after a task: the points of a sub-item, not a scoring rule. */
export type Allocation = { text: string; span: [number, number]; points: Dec };

export type CompileOptions = {
  /** Clause or indicator points, when the caller knows them (for 不得分 bands, plausibility checks). */
  points?: Dec;
  source?: SourceRef;
};

export type CompileResult = {
  status: 'ok' | 'needs-review';
  rules: CompiledRule[];
  /** All review reasons joined with "；" (absent when ok). */
  reason?: string;
  issues: CompileIssue[];
  /** Readings of defective text that were repaired (口→扣, O→0, missing 扣); status stays ok for these. */
  warnings: string[];
  /** Text with no scoring content (introductions, evidence notes): listed, never silently dropped. */
  ignored: { text: string; span: [number, number] }[];
  /** Sub-items with their own points and no scoring rule ("1.建立台账（5分）；2.…（10分）"). */
  allocations?: Allocation[];
  /** Indicator-level policies found in the text (总扣分不超过X with several rules, 扣完为止). */
  indicator?: {
    deductionCap?: Dec;
    bonusCap?: Dec;
    /** 累计加减分不超过N分: cap on the item's net adjustment, bonuses minus deductions, either way (scheme `caps.net`). */
    netCap?: Dec;
    floorAtZero?: boolean;
    /** 倒扣: deductions go below zero (the item's floor is null). */
    allowNegative?: boolean;
    points?: Dec;
    /** "产区得a分，非产区得b分": the item's points by unit category, keyed by the document's words. */
    pointsByCategory?: Record<string, Dec>;
    dedupe?: 'event-key' | 'highest-only';
    /**
     * "其余站所得分为一线站所得分的平均分": the units the rules are not about (`who`, marked not applicable) take the
     * average of the others' scores (`of`): the indicator's N/A policy 'average-of-others'.
     */
    notApplicable?: { policy: 'average-of-others'; who: string; of: string };
    /**
     * "未新设窗口，涉及新设窗口指标按县直部门平均分得分" (corpus 08 (3.7)): the N/A policy average-of-others of *other* indicators,
     * those whose text names `subject`; `when` is the units' situation as written, `of` the units averaged. The importer
     * sets it on those indicators (families/peer-average readAverageForIndicators).
     */
    averageForIndicators?: { when: string; subject: string; of: string };
  };
  source?: SourceRef;
};
