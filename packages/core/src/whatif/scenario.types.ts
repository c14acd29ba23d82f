import type { Dec } from '../points';
import type { Rule } from '../rules/rule.types';
import type { Fact } from '../scheme/fact.types';
import type { Code, Quota } from '../scheme/scheme.types';

/**
 * One change a what-if scenario makes to a copy of the scheme and facts (issue #10 item 5).
 * Every operation carries the reason a person gives for trying it; nothing here touches real data.
 */
export type ScenarioOp =
  /** A pending deduction or judgement upheld: the assessor's judgement (an amount at a clause) is added. */
  | { op: 'uphold-judgement'; unit: Code; ref: Code; amount: Dec; reason: string }
  /** A pending deduction, judgement or any fact waived: the fact is left out. */
  | { op: 'waive-fact'; fact: string; reason: string }
  /**
   * An appeal succeeding: the facts cited by the unit's ledger lines at `ref` are left out (the lines
   * reversed); with `line` (its index in the unit's ledger, as an appeal names it) only that line's.
   */
  | { op: 'appeal-upheld'; unit: Code; ref: Code; line?: number; reason: string }
  /** An ambiguous clause read the other way: the clause's rule is replaced. */
  | { op: 'replace-rule'; clause: Code; rule: Rule; reason: string }
  /** A quota changed (or added) for a grade; `max` and `maxPercent` absent removes the grade's quota. */
  | { op: 'set-quota'; grade: Code; max?: number; maxPercent?: Dec; scope?: Quota['scope']; reason: string }
  /** A grade band's lower edge changed. */
  | { op: 'set-band'; grade: Code; min: Dec; reason: string }
  /** A late deduction waived: the unit's lateness facts (at `ref`, or everywhere) are left out. */
  | { op: 'waive-late'; unit: Code; ref?: Code; reason: string }
  /** A fact changed: replaces the fact with the same id, or adds it. */
  | { op: 'set-fact'; fact: Fact; reason: string };

export type Scenario = { name: string; description?: string; ops: ScenarioOp[] };

/** What an operation did to the copy, for the report (fact ids left out or changed, clause replaced). */
export type AppliedOp = { index: number; op: ScenarioOp['op']; reason: string; summary: string; facts: string[] };

export type UnitOutcome = { total: Dec; grade: Code | null; rank: number | null };

/** One unit's row of the before/after table. */
export type UnitDiff = {
  unit: Code;
  name: string;
  before: UnitOutcome;
  after: UnitOutcome;
  /** after.total − before.total. */
  delta: Dec;
  changed: boolean;
};

export type WhatIfResult = { scenario: string; applied: AppliedOp[]; units: UnitDiff[] };
