import type { Metric, Rule } from './rule.types';
import type { RuleContext, RuleOutcome } from './rule-context';
import { evalAccumulate, evalCondition, evalDiscretionary, evalPerOccurrence } from './occurrence.rules';
import { evalBands, evalDeadline, evalLateness, evalProportional, evalRateFormula, evalShortfall, evalSurvey, evalThresholdSteps } from './measure.rules';
import { evalAnyOf, evalAverage, evalCompletion, evalManual, evalPartialCredit, evalZero } from './completion.rules';
import { evalConversion } from './conversion.rules';
import { evalBottomK, evalExternalRank, evalRankBands, evalRelativeToBest, evalTopK } from './ranking.rules';

/** Evaluates one typed rule for one unit. Exhaustive over the rule union. */
export function evaluateRule(rule: Rule, ctx: RuleContext): RuleOutcome {
  switch (rule.kind) {
    case 'per-occurrence':
      return evalPerOccurrence(rule, ctx);
    case 'condition':
      return evalCondition(rule, ctx);
    case 'discretionary':
      return evalDiscretionary(rule, ctx);
    case 'shortfall':
      return evalShortfall(rule, ctx);
    case 'threshold-steps':
      return evalThresholdSteps(rule, ctx);
    case 'bands':
      return evalBands(rule, ctx);
    case 'lateness':
      return evalLateness(rule, ctx);
    case 'deadline':
      return evalDeadline(rule, ctx);
    case 'proportional':
      return evalProportional(rule, ctx);
    case 'completion':
      return evalCompletion(rule, ctx);
    case 'partial-credit':
      return evalPartialCredit(rule, ctx);
    case 'any-of':
      return evalAnyOf(rule, ctx);
    case 'rate-formula':
      return evalRateFormula(rule, ctx);
    case 'relative-to-best':
      return evalRelativeToBest(rule, ctx);
    case 'rank-bands':
      return evalRankBands(rule, ctx);
    case 'external-rank':
      return evalExternalRank(rule, ctx);
    case 'bottom-k':
      return evalBottomK(rule, ctx);
    case 'top-k':
      return evalTopK(rule, ctx);
    case 'conversion':
      return evalConversion(rule, ctx);
    case 'accumulate':
      return evalAccumulate(rule, ctx);
    case 'zero':
      return evalZero(rule, ctx);
    case 'survey':
      return evalSurvey(rule, ctx);
    case 'average':
      return evalAverage(rule, ctx);
    case 'manual':
      return evalManual(rule, ctx);
  }
}

/** The metric other units' values are needed for, when the rule's outcome depends on its peer group. */
export function peerMetric(rule: Rule): Metric | undefined {
  switch (rule.kind) {
    case 'relative-to-best':
      // Numerators of the peers; their denominators are kept beside them (see computePeers).
      return rule.denominatorOfBest ? { of: 'rate', percent: false } : rule.metric;
    case 'rank-bands':
    case 'bottom-k':
    case 'top-k':
      return rule.metric;
    case 'conversion':
      return rule.method.type === 'best-normalised' ? { of: 'sub-score' } : undefined;
    default:
      return undefined;
  }
}

/** What the rule adds to its indicator: used to decide between Mode P (allocation) and Mode D (deduction). */
export function ruleEffect(rule: Rule): 'score' | 'deduction' | 'bonus' | 'zero' {
  switch (rule.kind) {
    case 'completion':
    case 'partial-credit':
    case 'any-of':
    case 'survey':
    case 'average':
      return 'score';
    case 'zero':
      return 'zero';
    case 'external-rank':
      // 倒数第1名…分别计a、b、c分: the place from the bottom sets the score (Mode P).
      return rule.fromBottom ? 'score' : 'deduction';
    case 'bottom-k':
    case 'lateness':
    case 'deadline':
    case 'shortfall':
      return 'deduction';
    case 'top-k':
      return 'bonus';
    default:
      return rule.effect;
  }
}
