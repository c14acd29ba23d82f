import * as P from '../points';
import type { Dec } from '../points';
import type { BottomKRule, ExternalRankRule, RankBandsRule, RelativeToBestRule, TopKRule } from './rule.types';
import type { PeerData, RuleContext, RuleOutcome } from './rule-context';
import { applyCapAndMinimum, applyEffect, empty, factsOf, firstOf, line, needsReview, pending, readMetric, roundSteps, scoreWithin } from './rule-helpers';
import type { RankFact } from '../scheme/fact.types';

/** Competition rank (1, 2, 2, 4) of `value` among the peer values. */
export function rankAmong(peers: PeerData, value: Dec, order: 'desc' | 'asc'): { rank: number; isTied: boolean } {
  let better = 0;
  let equal = 0;
  for (const v of peers.values.values()) {
    if (v === value) equal++;
    else if (order === 'desc' ? v > value : v < value) better++;
  }
  return { rank: better + 1, isTied: equal > 1 };
}

/** P20 workload / 12345: base + x / best · weight. */
export function evalRelativeToBest(rule: RelativeToBestRule, ctx: RuleContext): RuleOutcome {
  if (rule.denominatorOfBest) return relativeToBestDenominator(rule, ctx);
  const m = readMetric(rule.metric, ctx.facts);
  if (!m) return pending('metric.missing', { metric: rule.metric.of });
  let best: Dec | undefined;
  for (const v of ctx.peers?.values.values() ?? []) if (best === undefined || v > best) best = v;
  if (best === undefined || best === 0) return pending('conversion.no-peers');
  let v = P.add(rule.base ?? P.ZERO, P.mulDiv(m.value, rule.weight, best));
  if (rule.decimals !== undefined) v = P.round(v, rule.decimals);
  const out = empty();
  applyEffect(out, rule.effect, v, m.facts, 'relative.best', { ...m.detail, x: (m.value), best: (best), base: (rule.base ?? P.ZERO), weight: (rule.weight), result: (v) });
  return rule.effect === 'score' ? scoreWithin(out, ctx.points) : out;
}

/** P21: rank within the peer group, then band by rank. */
export function evalRankBands(rule: RankBandsRule, ctx: RuleContext): RuleOutcome {
  const m = readMetric(rule.metric, ctx.facts);
  if (!m || !ctx.peers) return pending('metric.missing', { metric: rule.metric.of });
  const { rank, isTied } = rankAmong(ctx.peers, m.value, rule.order);
  const band = rule.bands.find((b) => rank >= b.from && (b.to === undefined || rank <= b.to));
  const amount = band ? band.amount : (rule.otherwise ?? P.ZERO);
  const out = empty();
  applyEffect(out, rule.effect, amount, m.facts, 'rank.band', {
    ...m.detail,
    x: (m.value),
    rank,
    of: ctx.peers.size,
    tied: isTied ? 1 : 0,
    band: band ? `${band.from}-${band.to ?? ''}` : '其余',
    amount: (amount),
  });
  return rule.effect === 'score' ? scoreWithin(out, ctx.points) : out;
}

/** P23: the bottom k (or bottom p%) of the peer group are deducted. Ties at the edge are all in. */
export function evalBottomK(rule: BottomKRule, ctx: RuleContext): RuleOutcome {
  const m = readMetric(rule.metric, ctx.facts);
  if (!m || !ctx.peers) return pending('metric.missing', { metric: rule.metric.of });
  const n = ctx.peers.size;
  const k = rule.k ?? P.toNumber(roundSteps(P.mulInt(rule.percent ?? P.ZERO, n), P.HUNDRED, rule.countRounding ?? 'floor'));
  // Rank from the bottom: how many peers are strictly worse.
  const reversed = rule.order === 'desc' ? 'asc' : 'desc';
  const { rank: fromBottom } = rankAmong(ctx.peers, m.value, reversed);
  const out = empty();
  const params = { ...m.detail, x: (m.value), fromBottom, k, n, percent: rule.percent ? (rule.percent) : '' };
  if (fromBottom <= k) applyEffect(out, 'deduction', rule.amount, m.facts, 'rank.bottom', { ...params, amount: (rule.amount) });
  else out.lines.push(line('note', P.ZERO, m.facts, 'rank.not-bottom', params));
  return out;
}

/** P24 (internal ranking): bonus by rank. */
export function evalTopK(rule: TopKRule, ctx: RuleContext): RuleOutcome {
  const m = readMetric(rule.metric, ctx.facts);
  if (!m || !ctx.peers) return pending('metric.missing', { metric: rule.metric.of });
  const { rank, isTied } = rankAmong(ctx.peers, m.value, rule.order);
  const amount = rule.amounts[rank - 1];
  const out = empty();
  if (amount !== undefined) applyEffect(out, 'bonus', amount, m.facts, 'rank.top', { rank, of: ctx.peers.size, tied: isTied ? 1 : 0, amount: (amount) });
  return out;
}

/** P22 P24: external rank → per-place deduction beyond a safe rank, zero for the bottom, bonus for the top. */
export function evalExternalRank(rule: ExternalRankRule, ctx: RuleContext): RuleOutcome {
  const f = firstOf(ctx.facts, 'rank');
  if (!f) return pending('metric.missing', { metric: 'rank' });
  if (rule.fromBottom) return scoreFromBottom(rule.fromBottom, f, ctx);
  const out = empty();
  const role = f.role ?? '';
  if (rule.bottomZero !== undefined) {
    if (f.of === undefined) return pending('rank.no-total', { rank: f.rank, k: rule.bottomZero }, [f.id]);
    if (f.rank > f.of - rule.bottomZero) {
      return { ...empty(), zero: 'indicator', lines: [line('zero', P.ZERO, [f.id], 'rank.bottom-zero', { rank: f.rank, of: f.of, k: rule.bottomZero })] };
    }
  }
  const top = rule.topBonusByRole?.[role] ?? rule.topBonus;
  const bonus = top?.[f.rank - 1];
  if (bonus !== undefined) applyEffect(out, 'bonus', bonus, [f.id], 'rank.external-top', { rank: f.rank, role, amount: (bonus) });
  if (rule.safeRank !== undefined) {
    const per = rule.perPlaceByRole?.[role] ?? rule.perPlace;
    // 位列第6名之前不扣分: with safeInclusive the 6th place itself is safe.
    const safe = rule.safeInclusive === false ? rule.safeRank - 1 : rule.safeRank;
    const places = f.rank - safe;
    if (places > 0) {
      if (per === undefined) return pending('rank.no-amount', { role }, [f.id]);
      const d = P.mulInt(per, places);
      applyEffect(out, 'deduction', d, [f.id], 'rank.drop', { rank: f.rank, safe, places, role, per: (per), total: (d) });
      applyCapAndMinimum(out, 'deduction', rule.cap);
    }
  }
  return out;
}

/** 倒数第1名…分别计a、b、c分，倒数第n+1名及以上的，每进1名扣s分: the score by place counted from the bottom. */
function scoreFromBottom(spec: NonNullable<ExternalRankRule['fromBottom']>, f: RankFact, ctx: RuleContext): RuleOutcome {
  if (f.of === undefined) return pending('rank.from-bottom-no-total', { rank: f.rank }, [f.id]);
  if (f.rank < 1 || f.rank > f.of) return needsReview('rank.out-of-range', { rank: f.rank, of: f.of }, [f.id]);
  const place = f.of - f.rank + 1;
  const listed = spec.scores.length;
  const last = spec.scores[listed - 1]!;
  const up = Math.max(0, place - listed);
  const score = place <= listed ? spec.scores[place - 1]! : P.max(P.ZERO, P.sub(last, P.mulInt(spec.perPlaceUp, up)));
  const out = empty();
  // fromBottom / k / places are the explainer's integer parameters (explain.ts INTEGER_PARAMS).
  const params = { rank: f.rank, of: f.of, fromBottom: place, k: listed, last, places: up, per: spec.perPlaceUp, score };
  applyEffect(out, 'score', score, [f.id], place <= listed ? 'rank.from-bottom' : 'rank.from-bottom-up', params);
  return scoreWithin(out, ctx.points);
}

/** 工作量 = 办结数 ÷ (办结数最多的单位的应办结数) × 基数 (003:6097-6099, "本单位应办结数" read as the top unit's). */
function relativeToBestDenominator(rule: RelativeToBestRule, ctx: RuleContext): RuleOutcome {
  const f = firstOf(ctx.facts, 'rate');
  if (!f) return pending('metric.missing', { metric: 'rate' });
  let bestUnit: string | undefined;
  let bestNum: Dec | undefined;
  for (const [u, v] of ctx.peers?.values ?? []) {
    if (bestNum === undefined || v > bestNum) {
      bestNum = v;
      bestUnit = u;
    }
  }
  const den = bestUnit !== undefined ? ctx.peers?.denominators?.get(bestUnit) : undefined;
  if (den === undefined || den === 0) return pending('conversion.no-peers');
  let v = P.add(rule.base ?? P.ZERO, P.mulDiv(f.numerator, rule.weight, den));
  if (rule.decimals !== undefined) v = P.round(v, rule.decimals);
  const out = empty();
  applyEffect(out, rule.effect, v, [f.id], 'relative.best-denominator', { x: f.numerator, best: bestNum ?? P.ZERO, bestUnit: bestUnit ?? '', denominator: den, base: rule.base ?? P.ZERO, weight: rule.weight, result: v });
  return rule.effect === 'score' ? scoreWithin(out, ctx.points) : out;
}
