import type { Dec, RoundingMode, StepRounding } from '../points';
import type { Rule } from '../rules/rule.types';

/** Where a definition came from: file, table, row, line (for citations and import reports). */
export type SourceRef = {
  file?: string;
  table?: number;
  row?: number;
  line?: number;
  sheet?: string;
  cell?: string;
};

export type Code = string;

/** Which units an indicator, negative-list entry or veto applies to. Empty scope = all units. */
export type Scope = {
  categories?: Code[];
  groups?: Code[];
  units?: Code[];
  exceptUnits?: Code[];
};

export type UnitCategory = { code: Code; name: string };

/** 被考核单位. */
export type Unit = {
  code: Code;
  name: string;
  category: Code;
  /** Ranking groups this unit belongs to besides those that select its category. */
  groups?: Code[];
  aliases?: string[];
};

/** 排名分组: units ranked and graded together (001: 6 department groups; 003: 3 poverty classes). */
export type RankingGroup = {
  code: Code;
  name: string;
  categories?: Code[];
  units?: Code[];
};

export type Division = { code: Code; name: string };
export type Leader = { code: Code; name: string };
export type Assessor = { code: Code; name: string };

export type Comparator = '>=' | '<=' | '=' | '>' | '<';

/** 目标值: the text as written plus, where numeric, the figure the rules compare against. */
export type Target = {
  text?: string;
  value?: Dec;
  unit?: string;
  comparator?: Comparator;
  /** P35 (000:1004): a published higher value replaces this target. */
  overrideWhenHigher?: boolean;
  /** Several named figures in one target text (粮食播种面积 24000 亩, 生猪存栏 1500 头…). */
  values?: Record<string, Dec>;
};

/**
 * A target cascade (catalogue §6): the per-unit targets of `indicator` (named figure `metric`)
 * must add up to at least the parent target, which itself should reach the upper level's target.
 */
export type Cascade = {
  code: Code;
  title: string;
  indicator: Code;
  metric?: string;
  unit?: string;
  parent: { text?: string; value: Dec; owner?: Code };
  upper?: { text?: string; value: Dec };
  source?: SourceRef;
};

export type Cadence = 'weekly' | 'monthly' | 'bimonthly' | 'quarterly' | 'half-yearly' | 'yearly' | 'event';

export type NotApplicablePolicy =
  /** 不涉及此项工作的不扣分: the indicator keeps its full points. */
  | 'full-points'
  /** 不涉及…得平均分 / 未列入考核的单位按平均分: average of the other units of the group. */
  | 'average-of-others'
  /** The indicator leaves the unit's scheme: the total is rescaled to the full points. */
  | 'rescale-total';

export type CapPolicy = {
  /** P07 item-level cap on the sum of deductions (总扣分不超过X). */
  deduction?: Dec;
  /** P26 item-level cap on bonuses (本项最高1.5分). */
  bonus?: Dec;
  /**
   * Cap on the item's net adjustment, bonuses minus deductions, in either direction
   * (累计加减分不超过N分): applied after the deduction and bonus caps; a net gain above N gives
   * back the excess bonus, a net loss beyond N gives back the excess deduction.
   */
  net?: Dec;
};

/**
 * 按百分制计分，按权重N分折算: the item is scored out of `from` points (100) — its clauses,
 * children, floor and ceiling all on that scale — and the result is converted to the item's own
 * points (its weight N): score × N / from, in one ledger line.
 */
export type Rescale = { from: Dec };

/** One indicator (一级/二级/三级指标, 项目, 考核内容) of any depth. */
export type Indicator = {
  code: Code;
  title: string;
  /** 分值 M. Absent for deduction-only lists, whose items emit −D into their parent (catalogue §3 Mode D). */
  points?: Dec;
  /** P48: points by unit category or by unit (店镇 乡村振兴 50 vs 20). Unit wins over category. */
  pointsByCategory?: Record<Code, Dec>;
  pointsByUnit?: Record<Code, Dec>;
  appliesTo?: Scope;
  /** 'bonus': outside the 100 points, added to the unit total under the scheme's bonus cap. */
  role?: 'bonus';
  target?: Target;
  /** Template with per-unit targets (001 gives each town its own figures). */
  targets?: Record<Code, Target>;
  leadAssessors?: Code[];
  divisions?: Code[];
  leaders?: Code[];
  evidence?: string[];
  cadence?: Cadence;
  /** P38: children averaged instead of summed. */
  aggregation?: 'sum' | 'average';
  caps?: CapPolicy;
  /** Scored on another scale and converted to `points` (see Rescale). Needs `points`. */
  rescale?: Rescale;
  /** P08: lowest score (default 0 when points are set: 扣完为止/不计负分); null lets it go negative. */
  floor?: Dec | null;
  /** P34/P42: highest score (default the points). */
  ceiling?: Dec | null;
  notApplicable?: NotApplicablePolicy;
  /** P41: the item's points split over dimensions by percent; clause deductions capped per dimension. */
  dimensions?: { code: Code; name: string; percent: Dec }[];
  /** P33: rounding of this indicator's score (前二项得分保留三位小数). */
  rounding?: Rounding;
  /** Text of the original row (目标要求/评分标准) when it is not itself a clause. */
  text?: string;
  children?: Indicator[];
  clauses?: Clause[];
  source?: SourceRef;
};

export type ClauseStatus = 'ok' | 'needs-review';

/** 细则条款: one scoring sentence with its typed rule and who answers for it. */
export type Clause = {
  code: Code;
  /** The original Chinese text, verbatim. */
  text: string;
  /** Clause ceiling for positive rules ("（1 分）", "(0.5)"). */
  points?: Dec;
  rule: Rule;
  /**
   * The rule by unit category (corpus 06 "每减少N个百分点，产区扣a分，非产区扣b分"): a unit whose category
   * is a key is scored by that rule, every other unit by `rule` (the fallback). A `manual` fallback
   * means no category-free reading exists: such a unit's clause is needs-review. Every rule here has
   * the effect of `rule` and none reads other units (lint).
   */
  ruleByCategory?: Record<Code, Rule>;
  /**
   * 此项不得分，同时倒扣N分 (corpus 06): when this deduction clause deducts, the item is zeroed and the
   * deduction is taken after the zeroing, below zero: the item's floor, ceiling and deduction caps do
   * not apply to it. The item then scores −N (−ΣN). Only on a deduction rule (lint).
   */
  afterZero?: boolean;
  leadAssessors?: Code[];
  /** 责任处室: the divisions that answer for the clause (统筹). */
  divisions?: Code[];
  /** 参与处室 / 相关处室落实: divisions that take part without answering for the points. */
  participatingDivisions?: Code[];
  leaders?: Code[];
  evidence?: string[];
  cadence?: Cadence;
  /** P41: which dimension of the indicator this clause deducts from. */
  dimension?: Code;
  /** P27: clauses sharing a group count the same event key once (highest). */
  dedupeGroup?: Code;
  /**
   * 最多报一次: the shared data item (metric × unit × period) this clause reads. Facts given at this
   * code are read by every clause naming it, so a unit reports the figure once; facts at the
   * clause's own code (a not-applicable, a judgement) come first. Not the code of anything else.
   */
  dataItem?: Code;
  status?: ClauseStatus;
  reviewReason?: string;
  source?: SourceRef;
};

/** 负面清单 (P31): a triggered entry subtracts from the responsible unit's total, outside category maxima. */
export type NegativeItem = {
  code: Code;
  title?: string;
  text: string;
  /** Default rule when none is given: condition with this amount. */
  amount?: Dec;
  rule?: Rule;
  /** Units the source names as responsible (informational; facts say who triggered it). */
  responsibleUnits?: Code[];
  /** The responsible body as written when it is not an assessed unit of this scheme (县政法委). */
  responsibleText?: string;
  appliesTo?: Scope;
  source?: SourceRef;
};

/** P28 P30: configurable veto effects. */
export type VetoEffect =
  | { type: 'zero-indicator'; indicator: Code }
  | { type: 'zero-total' }
  | { type: 'max-grade'; grade: Code }
  | { type: 'force-grade'; grade: Code }
  | { type: 'force-last' }
  | { type: 'bar-award'; award: string }
  /**
   * 一票否优 (corpus 07/08): the unit may not get this grade nor a better one; its grade is at most the
   * next grade of the scheme's grading. `grade` is the grade's code or its name as written (优秀), so an
   * imported scheme can state the veto before its grading is configured; without grading the effect is
   * recorded in the ledger and changes no grade.
   */
  | { type: 'bar-grade'; grade: string }
  | { type: 'deduct'; amount: Dec };

export type VetoItem = {
  code: Code;
  title?: string;
  text: string;
  effects: VetoEffect[];
  appliesTo?: Scope;
  source?: SourceRef;
};

/** A special-topic assessment (专项考核) scored elsewhere on its own base and converted by clauses (P25). */
export type SubAssessment = {
  code: Code;
  title: string;
  owner?: Code;
  base?: Dec;
  source?: SourceRef;
};

export type Rounding = { decimals: number; mode?: RoundingMode };

export type Grade = { code: Code; name: string };

/** Conditions of grade exceptions (§4.1). */
export type GradeCondition = {
  vetoed?: boolean;
  /** Total deductions (item deductions + negative list) at least this amount. */
  deductionAtLeast?: Dec;
  negativeListAtLeast?: Dec;
  /** A flag fact on the grading code ("存在突出问题", "弄虚作假") named here. */
  flag?: string;
  scoreBelow?: Dec;
};

export type GradeException = {
  when: GradeCondition;
  /** Not better than this grade (不能评定为优秀 → 良好). */
  maxGrade?: Code;
  /** Directly this grade (直接确定为"差"). */
  forceGrade?: Code;
  label?: string;
};

export type Quota = {
  grade: Code;
  /** At most this many units… */
  max?: number;
  /** …or this percent of the scope (rounded by `rounding`). */
  maxPercent?: Dec;
  rounding?: StepRounding;
  scope: 'group' | 'all';
};

/**
 * How a quota treats units tied at its edge (documented in docs/scheme-format.md):
 *  'exclude-tied' – if admitting all tied units would exceed the quota, none of them get the grade;
 *  'include-tied' – all tied units get it even if the quota is exceeded;
 *  'review'       – tied units at the edge are flagged for the office to decide, and get the lower grade meanwhile.
 */
export type TiePolicy = 'exclude-tied' | 'include-tied' | 'review';

export type Grading = {
  /** Best first. */
  grades: Grade[];
  method: 'score-bands' | 'rank-percentile';
  /** score-bands: grade when total ≥ min (or > min when minInclusive is false); checked best first. */
  bands?: { grade: Code; min: Dec; minInclusive?: boolean }[];
  /** rank-percentile: top `upToPercent`% of the group get the grade (排名前30%左右 → 好). */
  percentiles?: { grade: Code; upToPercent: Dec }[];
  percentileRounding?: StepRounding;
  quotas?: Quota[];
  tiePolicy?: TiePolicy;
  exceptions?: GradeException[];
  /** Grade for units no band reaches (default: the last grade). */
  otherwise?: Code;
};

export type SchemeSettings = {
  /** Rounding of unit totals (P33). Default 2 decimals, half-up. */
  rounding?: Rounding;
  /** Default for threshold/per-N rules that leave partial steps open (§8.1). */
  stepRounding?: StepRounding;
  /** P26: cap on all bonuses of a unit (加分最高0.5分). */
  unitBonusCap?: Dec;
  /** P34: total clamps. */
  totalMax?: Dec;
  totalMin?: Dec;
  /** P34 discontinuous cut-offs: a total below `below` becomes `to` (低于40分的按零分计分). */
  cutoffs?: { below: Dec; to: Dec }[];
  /** Assessment date used for deadlines when a fact has no completion date. */
  assessmentDate?: string;
  /** 折算为百分制: item totals of units whose indicators reach another maximum are scaled to this (e.g. 100). */
  normaliseTo?: Dec;
};

export type Scheme = {
  formatVersion: 1;
  code: Code;
  year: number;
  title: string;
  issuer?: string;
  docNo?: string;
  basis?: string;
  settings: SchemeSettings;
  unitCategories: UnitCategory[];
  units: Unit[];
  rankingGroups: RankingGroup[];
  divisions: Division[];
  leaders: Leader[];
  assessors: Assessor[];
  indicators: Indicator[];
  negativeList: NegativeItem[];
  vetoes: VetoItem[];
  subAssessments: SubAssessment[];
  cascades?: Cascade[];
  grading?: Grading;
};
