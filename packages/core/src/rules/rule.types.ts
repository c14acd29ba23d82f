import type { Dec, RoundingMode, StepRounding } from '../points';

/**
 * Typed scoring rules: one discriminated union covering the rule families P01–P50 of the
 * domain catalogue. Every rule states what it produces (`effect`):
 *  - 'score'     a positive allocation for its clause/indicator (Mode P: 0 ≤ S ≤ points),
 *  - 'deduction' an amount subtracted from its indicator (Mode D: S = M − D),
 *  - 'bonus'     an amount added on top (capped by the indicator or unit bonus caps).
 * Parameters a source text leaves open (step rounding, band edges, over-completion) are
 * explicit fields here, never a hidden choice (catalogue §8.1).
 */
export type Effect = 'score' | 'deduction' | 'bonus';

/** Which fact attribute selects a tier amount (P03 authority level, P04 severity, P05 person rank, P36 role/class). */
export type TierDimension = 'level' | 'severity' | 'rank' | 'role' | 'variant' | 'type';

export type Tiers = {
  by: TierDimension;
  amounts: Record<string, Dec>;
  /** Amount for a fact whose tier key is not listed; absent means such a fact needs review. */
  otherwise?: Dec;
};

/** A numeric band. Edges are explicit: min ≤ x (or <) and x ≤ max (or <). */
export type Band = {
  min?: Dec;
  minInclusive?: boolean; // default true
  max?: Dec;
  maxInclusive?: boolean; // default false
  amount: Dec;
  /** 'judgement' when the source says 视情打分 for this band. */
  judgement?: boolean;
  label?: string;
};

/** Which measured quantity a threshold or band rule reads. */
export type Metric =
  | { of: 'value' } // a measured value fact (x)
  | { of: 'rate'; percent?: boolean } // numerator/denominator facts (× 100 when percent, default true)
  | { of: 'change'; baseline?: 'previous' | 'average' } // x_this − x_baseline (P12)
  | { of: 'sub-score' } // a sub-assessment or external score (P25)
  | { of: 'count' } // a count fact (done)
  | { of: 'rank' }; // an external rank fact (P22)

export type Rule =
  | PerOccurrenceRule
  | ConditionRule
  | DiscretionaryRule
  | ShortfallRule
  | ThresholdStepsRule
  | BandsRule
  | LatenessRule
  | DeadlineRule
  | ProportionalRule
  | CompletionRule
  | PartialCreditRule
  | AnyOfRule
  | RateFormulaRule
  | RelativeToBestRule
  | RankBandsRule
  | ExternalRankRule
  | BottomKRule
  | TopKRule
  | ConversionRule
  | AccumulateRule
  | ZeroRule
  | SurveyRule
  | AverageRule
  | ManualRule;

export type RuleKind = Rule['kind'];

type Capped = {
  /** P07: the most this clause can deduct/add (最高扣X / 最多扣X). */
  cap?: Dec;
  /** P40: the least it deducts once it deducts at all (最少扣 0.1 分). */
  minimum?: Dec;
};

/** P01 P03 P04 P05 P13 P15 P27 P36 P44: amount per occurrence, optionally tiered, blocked, doubled, de-duplicated. */
export type PerOccurrenceRule = Capped & {
  kind: 'per-occurrence';
  effect: 'deduction' | 'bonus';
  amount?: Dec;
  tiers?: Tiers;
  /** P13: one amount per `per` occurrences (每 3 例扣 0.1 分); default 1. */
  per?: number;
  perRounding?: StepRounding;
  /** P15: multiply when the occurrence carries this flag (未整改到位的加倍扣分 → 'not-rectified'). */
  double?: { flag: string; factor?: number };
  /** P26/P27: the same event key counts once, at its highest amount (同一事项不重复扣分/加分). */
  dedupe?: 'event-key';
  /** P26: only the single highest occurrence counts (获奖以获最高奖等级1项作为加分依据). */
  highestOnly?: boolean;
  /** P01 sub-variant: count distinct localities/subjects, not occurrences (每发现1个问题镇). */
  countDistinct?: 'subject';
  /** "两次以上": an event key counts only from its n-th occurrence on (000:69). */
  minRepeat?: number;
  /** P44: only occurrences whose duration exceeds this limit count (5分钟未回复, 15 天内未办结). */
  overLimit?: Dec;
  /**
   * 如果事件整改后获得复核通过，此事件可以不扣分 (made up after corpus 03 (4.1)): an occurrence carrying `flag` is an exempt
   * case (`when`, the case as written) and is not counted; the ledger names the exempted occurrences.
   */
  exempt?: { flag: string; when: string };
  /**
   * 加1分，每月最多2分 (corpus 10): the most the occurrences of one period (their `date`'s month or quarter) add or
   * take; each period is capped on its own, then `cap` bounds the sum. Occurrences without a date go to review.
   */
  periodCap?: { period: 'month' | 'quarter'; amount: Dec };
};

/** P02 P12(boolean) P29-like amounts: fixed amount when a condition holds (未…的，扣X分). */
export type ConditionRule = Capped & {
  kind: 'condition';
  effect: 'deduction' | 'bonus';
  amount?: Dec;
  /** Graded boolean (未说明原因扣 0.5 分): the fact's `variant` picks the amount. */
  tiers?: Tiers;
};

/** P06: the assessor picks an amount in [min, max] (扣 0.1-0.2 分, 酌情扣分). */
export type DiscretionaryRule = {
  kind: 'discretionary';
  effect: Effect;
  min: Dec;
  /** Absent for 酌情/视情 without a stated range: bounded by the clause/indicator points. */
  max?: Dec;
  /** Per occurrence: each occurrence gets its own judged amount. */
  perOccurrence?: boolean;
  cap?: Dec;
};

/** P09 P43: deduction per missing unit against a required count, with a special amount for none held. */
export type ShortfallRule = Capped & {
  kind: 'shortfall';
  effect: 'deduction';
  /** Required count; 'target' reads the unit's target value. */
  required: number | 'target';
  amount: Dec;
  /** 未开展专题学习扣 0.5 分: used instead of the per-shortfall amount when nothing was done. */
  noneAmount?: Dec;
  /** P43: named required elements (铁门、铁窗、铁柜和报警器); the fact lists those present. */
  elements?: string[];
  /** Requirement per subject (each river chief, each month): facts carry `subject`. */
  perSubject?: boolean;
};

/** P10 P12 P25c P47: below a threshold, deduct an initial amount and/or an amount per step of the gap. */
export type ThresholdStepsRule = Capped & {
  kind: 'threshold-steps';
  effect: Effect;
  metric: Metric;
  /** 'target' reads the unit's target (with override, P35). */
  threshold: Dec | 'target';
  /** With 'target': the named figure of a multi-figure target (target.values). */
  figure?: string;
  /** 'below': 未达/每低; 'above': 超过/每增加. */
  direction: 'below' | 'above';
  /** Whether x equal to the threshold already misses it ("未达 95%": 95 meets; default false). */
  missAtThreshold?: boolean;
  /** a: deducted once when the threshold is missed. */
  initial?: Dec;
  /** s and b: b per s of gap. */
  step?: Dec;
  perStep?: Dec;
  /** §8.1: partial steps (floor = whole steps only, the catalogue's reading). */
  stepRounding?: StepRounding;
  /** P47 "80%以下视情打分": beyond this value the amount needs judgement. */
  judgementBeyond?: Dec;
  /** For effect 'score': points − deduction, floored at zero. */
};

/** P11 P25b: band lookup on a metric. */
export type BandsRule = {
  kind: 'bands';
  effect: Effect;
  metric: Metric;
  bands: Band[];
  /** Value when no band matches (default 0). */
  otherwise?: Dec;
};

/** P14: amount per day/workday/month late; facts give the lateness or the due/done dates. */
export type LatenessRule = Capped & {
  kind: 'lateness';
  effect: 'deduction';
  amountPerPeriod: Dec;
  period: 'day' | 'workday' | 'month';
};

/** P45: a fixed calendar deadline (1 月 31 日前公开…). */
export type DeadlineRule = {
  kind: 'deadline';
  effect: 'deduction';
  deadline: string; // YYYY-MM-DD, inclusive
  amount: Dec;
};

/** P16: S = M·min(1, actual/target) or D = M·(1 − min(1, actual/target)). */
export type ProportionalRule = Capped & {
  kind: 'proportional';
  effect: 'score' | 'deduction';
  /** Points the proportion applies to; default the clause/indicator points. */
  points?: Dec;
  /** 'target' (unit target, P35 override) or a fixed number. */
  target?: Dec | 'target';
  /** The named figure of a multi-figure target (粮食播种面积 in "粮食播种面积24000亩，生猪存栏1500头…"). */
  figure?: string;
  /** §8.1 over-completion: capped at 100% unless allowed. */
  allowOver?: boolean;
  /** "未完成比例扣分" based on a sub-assessment basic score. */
  metric?: Metric;
};

/** P17: full points when judged complete, else 0 or a judged partial score. */
export type CompletionRule = {
  kind: 'completion';
  allowPartial?: boolean;
  points?: Dec;
};

/** P18: complete → M; incomplete → min(C, M·progress) ('capped') or C·progress ('scaled'). */
export type PartialCreditRule = {
  kind: 'partial-credit';
  points?: Dec;
  incompleteCeiling: Dec;
  mode: 'capped' | 'scaled';
};

/** P19: full marks when any listed option is achieved. */
export type AnyOfRule = {
  kind: 'any-of';
  options: string[];
  points?: Dec;
  /**
   * Graded options (…的，得3分；…的，得2分；否则不得分, the highest being the item's points): option k
   * earns optionPoints[k] instead of the full points, and only the highest option achieved counts.
   * Same length as `options`.
   */
  optionPoints?: Dec[];
};

/** P20: S = rate·W (or (1 − rate)·W, plus offset), clamped, rounded as stated. */
export type RateFormulaRule = {
  kind: 'rate-formula';
  effect: 'score' | 'deduction';
  weight: Dec;
  invert?: boolean;
  /** "(1-延期率+5%)×10": added to the rate before weighting. */
  offset?: Dec;
  /** "一次办结率=（办结数-返工次数）/应办结数": subtract the `rework` fact from the numerator. */
  subtractFromNumerator?: string;
  floor?: Dec;
  ceiling?: Dec;
  decimals?: number;
  rounding?: RoundingMode;
};

/** P20 workload / P25d: S = base + x / best(x in group) · weight — depends on other units. */
export type RelativeToBestRule = {
  kind: 'relative-to-best';
  effect: 'score' | 'bonus';
  metric: Metric;
  base?: Dec;
  weight: Dec;
  decimals?: number;
  /**
   * 数字城管 workload (003:6097-6099): with a rate metric, divide this unit's numerator (办结数) by the
   * denominator (应办结数) of the unit with the largest numerator, instead of by the best value.
   */
  denominatorOfBest?: boolean;
};

/** P21: rank units of the group by a metric and score by rank bands. */
export type RankBandsRule = {
  kind: 'rank-bands';
  effect: Effect;
  metric: Metric;
  order: 'desc' | 'asc';
  bands: { from: number; to?: number; amount: Dec }[];
  otherwise?: Dec;
};

/** P22 P24: an external rank (provincial ranking) → deduction per place below a safe rank, zero for the bottom, bonus for the top. */
export type ExternalRankRule = {
  kind: 'external-rank';
  /** Ranks ≤ safeRank are not deducted (位列第6名之前不扣分 → 6 with `safeInclusive`). */
  safeRank?: number;
  safeInclusive?: boolean;
  perPlace?: Dec;
  perPlaceByRole?: Record<string, Dec>;
  /** 后三名…该单项不得分. */
  bottomZero?: number;
  /** 前三位分别加0.5、0.4、0.3 (by role when given). */
  topBonus?: Dec[];
  topBonusByRole?: Record<string, Dec[]>;
  cap?: Dec;
  /**
   * 倒数第1名…第n名的分别计a、b、c分，倒数第n+1名及以上的，每进1名扣s分 (corpus 08 (3.1)): the
   * score by place counted from the bottom (of − rank + 1, so the rank fact must give `of`).
   * `scores[k]` is the score of the (k+1)-th place from the bottom; every place above the listed
   * ones takes `perPlaceUp` off the last listed score, never below 0. The item's points bound it.
   */
  fromBottom?: { scores: Dec[]; perPlaceUp: Dec };
};

/** P23: bottom k or bottom p% of the group get a deduction. */
export type BottomKRule = {
  kind: 'bottom-k';
  metric: Metric;
  order: 'desc' | 'asc';
  k?: number;
  percent?: Dec;
  /** §8.1 non-integer N: how p% of n becomes a count. */
  countRounding?: StepRounding;
  amount: Dec;
};

/** P24 internal ranking: bonus by rank. */
export type TopKRule = {
  kind: 'top-k';
  metric: Metric;
  order: 'desc' | 'asc';
  amounts: Dec[];
};

/** P25a–k: a sub-assessment score converted into this clause's weight. */
export type ConversionRule = {
  kind: 'conversion';
  effect: Effect;
  /** Sub-assessment code (scheme.subAssessments) or omitted: a sub-score fact on this clause. */
  from?: string;
  method: ConversionMethod;
};

export type ConversionMethod =
  | { type: 'linear'; base?: Dec; weight: Dec } // P25a S = s/base·W
  | { type: 'bands'; bands: Band[]; otherwise?: Dec } // P25b
  | { type: 'grade-steps'; good: Dec; width: Dec; perStep: Dec; stepRounding?: StepRounding } // P25c
  | { type: 'best-normalised'; weight: Dec } // P25d, needs the group
  | { type: 'deduction-proportional'; base?: Dec; weight: Dec } // P25f D = (base − s)/base·W
  | { type: 'weighted'; weights: Record<string, Dec> } // P25g/j: Σ w_k·s_k over channels (weights as fractions)
  | { type: 'rescale'; rawBase: Dec; base?: Dec; weight?: Dec } // P25h
  | { type: 'period-average'; factor?: Dec; divisor?: number } // P25i mean·factor or Σ/divisor
  | { type: 'deduction-range'; min: Dec; max: Dec }; // P25k judged

/** P37 P39: open-ended accumulation of points per occurrence type (积分), optionally capped. */
export type AccumulateRule = {
  kind: 'accumulate';
  effect: 'score' | 'bonus';
  items: Record<string, Dec>;
  cap?: Dec;
};

/** P29: a condition zeroes the item, its parent topic or the unit total. */
export type ZeroRule = {
  kind: 'zero';
  scope: 'indicator' | 'parent' | 'unit';
};

/** P47: weighted rater groups; S = Σ weight_g · satisfaction_g / 100. */
export type SurveyRule = {
  kind: 'survey';
  groups: Record<string, Dec>;
  decimals?: number;
};

/** P38: the clause's score is the average of several sub-indicator scores (facts: sub-score per `channel`). */
export type AverageRule = {
  kind: 'average';
  points?: Dec;
};

/** A clause whose scoring the source leaves to the assessor (见专项责任书, 视情况得分) or that the
 *  rule-text compiler could not compile: an assessor-entered judgement in [0, points]. */
export type ManualRule = {
  kind: 'manual';
  effect: Effect;
  max?: Dec;
  reason?: string;
};
