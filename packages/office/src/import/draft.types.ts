import type { Dec, Rule, Scope, Target } from '@kaohe/core';
import type { ImportIssue, SourceRef } from '../document';
import type { CompiledRule } from './rule-text';
import type { GradeDeduction } from './grade-effects';

/** A clause as read from a rule cell, before codes are given. */
export type ClauseDraftNode = {
  n?: number;
  text: string;
  /** What was compiled: the text plus a shared method sentence ("以上均按完成情况计分"), when one applies. */
  compiledFrom: string;
  sharedMethod?: string;
  status: 'ok' | 'needs-review';
  reason?: string;
  /** Phrases of the text the compiler could not read, with the reason for each. */
  unread?: { text: string; reason: string; suggestion?: string }[];
  rules: CompiledRule[];
  /** Rule used when the text did not compile (the assessor scores it by hand). */
  manualEffect: 'score' | 'deduction';
  points?: Dec;
  divisions?: string[];
  leaders?: string[];
  warnings: string[];
  source: SourceRef;
  /**
   * A row under a "一票否优" heading (07 3.1–3.4, 08 4.1–4.5): a situation, not a way of scoring. It becomes
   * a veto of the scheme (`scheme.vetoes`, effect: not 优秀), not a clause; `heading` is the word as written.
   */
  veto?: { heading: string; grade: string };
};

export type NodeKind = 'list' | 'section' | 'group' | 'unit' | 'category' | 'item' | 'indicator' | 'part';

/** A node of the indicator tree being built; becomes an Indicator. */
export type DraftNode = {
  kind: NodeKind;
  title: string;
  n?: number;
  points?: Dec;
  text?: string;
  children: DraftNode[];
  clauses: ClauseDraftNode[];
  divisions?: string[];
  leaders?: string[];
  assessors?: string[];
  appliesTo?: Scope;
  /** Unit whose own table this node came from (before template merging). */
  unit?: string;
  /** Set on common blocks (共性考核指标): the heading that names their units' category. */
  commonFor?: string;
  /** Points by unit category as the document words them (产区/非产区). */
  pointsByCategory?: Record<string, Dec>;
  /** Template with per-unit variants (set by the template merge). */
  pointsByUnit?: Record<string, Dec>;
  targets?: Record<string, Target>;
  caps?: { deduction?: Dec; bonus?: Dec; net?: Dec };
  /** 倒扣 (corpus 06): the item may go below zero (the scheme's `floor: null`). */
  noFloor?: boolean;
  /** "其余站所得分为一线站所得分的平均分" (corpus 08 (3.8)): units marked not applicable take the others' average. */
  notApplicable?: { policy: 'average-of-others'; who: string; of: string };
  isDeductionList?: boolean;
  /** Set on parts common to every unit of a table that has a 被考核单位 column (01 一、通用考核项目). */
  allUnits?: boolean;
  source: SourceRef;
};

export type NegativeDraft = { title?: string; text: string; amount?: Dec; rule?: Rule; units: string[]; source: SourceRef; status: 'ok' | 'needs-review'; reason?: string };

/** What the importer did with one row of a table or one paragraph (the report's row list). */
export type RowRecord = {
  source: SourceRef;
  kind: 'header' | 'heading' | 'total' | 'unit' | 'group' | 'indicator' | 'clauses' | 'negative' | 'merged' | 'ignored' | 'unrecognised';
  summary: string;
};

export type UnitDraft = { name: string; category: string; group?: string; source: SourceRef };
export type GroupDraft = { name: string; members: string[]; source: SourceRef; kind: 'ranking' | 'member-list' };

export type BuildState = {
  file: string;
  roots: DraftNode[];
  negative: NegativeDraft[];
  units: UnitDraft[];
  groups: GroupDraft[];
  rows: RowRecord[];
  issues: ImportIssue[];
  title?: string;
  docNo?: string;
  year?: number;
  issuer?: string;
  /** 总分 / 合计 rows: what the document says its points add up to (checked, never imported as indicators). */
  totals?: { value: Dec; label: string; source: SourceRef; within?: string }[];
  /** Which layout recogniser read the document (its Chinese label). */
  layout?: string;
  /** Grade effects in points columns (降B级) the document converts to a deduction (see grade-effects.ts). */
  gradeDeductions?: Map<string, GradeDeduction>;
};
