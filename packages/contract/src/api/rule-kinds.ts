import type { Rule } from '@kaohe/core';
import { ruleKindNamesZh } from '@kaohe/core/rule-kind-names';

/** A rule's kind as the scheme file writes it (`per-occurrence`, `manual`…). */
export type RuleKind = Rule['kind'];

/**
 * The Chinese name of every rule kind, for the web: core's own names (what `describeRule` writes),
 * from a module of core that imports types only, so the browser loads neither the scoring core nor
 * the rule schema. rule-kinds.test.ts keeps the list equal to the rule schema's kinds.
 */
export const ruleKindNames: Readonly<Record<RuleKind, string>> = ruleKindNamesZh;

export const ruleKinds = Object.keys(ruleKindNames) as RuleKind[];
export const isRuleKind = (kind: string): kind is RuleKind => Object.hasOwn(ruleKindNames, kind);
