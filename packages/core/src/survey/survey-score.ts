import * as P from '../points';
import type { Dec } from '../points';
import type { Code } from '../scheme/scheme.types';

/** One rater's answer in a 满意度测评: the unit rated, the rater group, a satisfaction score in percent. */
export type SurveyResponse = { unit: Code; group: string; score: Dec; rater?: string };

export type GroupAverage = { group: string; responses: number; total: Dec; average: Dec };

/**
 * Averages per unit and rater group (the group's satisfaction, in percent): the sum of the scores
 * divided by the number of responses, rounded once half-up to millionths. The weights are the
 * survey rule's (P47: S = Σ weight_g × satisfaction_g / 100), applied when the clause is scored, so
 * the ledger shows each group's average and weight.
 */
export function surveyAverages(responses: readonly SurveyResponse[]): Map<Code, GroupAverage[]> {
  const acc = new Map<Code, Map<string, { n: number; total: Dec }>>();
  for (const r of responses) {
    let byGroup = acc.get(r.unit);
    if (!byGroup) acc.set(r.unit, (byGroup = new Map()));
    const g = byGroup.get(r.group) ?? { n: 0, total: P.ZERO };
    byGroup.set(r.group, { n: g.n + 1, total: P.add(g.total, r.score) });
  }
  const out = new Map<Code, GroupAverage[]>();
  for (const [unit, byGroup] of acc) out.set(unit, [...byGroup].map(([group, g]) => ({ group, responses: g.n, total: g.total, average: P.div(g.total, P.fromInt(g.n)) })));
  return out;
}
