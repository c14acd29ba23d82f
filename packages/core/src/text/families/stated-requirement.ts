import type { RuleParam } from '../compile.types';
import type { Tok } from '../rule-tokens';
import { findThresholds } from '../phrases';
import { FAILURE_WORDS } from '../vocabulary';

/**
 * The figures a completion's condition states as its requirement (corpus 06 (57) "…交易达到60%及以上的，
 * 产区得a分，非产区得b分，否则不得分"; (23) "…<一类项目>完成X%以上，其他项目完成…Y%的，产区得…"):
 * the points are earned when the requirement is met, otherwise 0, so the figures are what the
 * assessor checks to answer "complete" — they are part of the completion's condition, read as
 * `requirement` parameters. Only when the condition is a plain requirement: no step (每…), no failure
 * words (未达到 T 的 would be the opposite side), no 分 figure, and the figures are rates or thresholds.
 * Returns null when the condition is not of that shape (the coverage check then names the figure).
 */
export function requirementParams(ctx: { original: string; toks: readonly Tok[] }, from: number, to: number): RuleParam[] | null {
  const toks = ctx.toks.slice(from, to);
  // 至少 (at least) states the requirement itself ("至少提升1个百分点", corpus 06 2019 (9)), never a shortfall (phrases findShortfall).
  const atLeast = (at: number): boolean => ctx.toks[at]!.raw === '少' && ctx.toks[at - 1]?.raw === '至';
  if (toks.some((token, k) => token.kind === 'word' && (token.tag === 'every' || token.tag === 'proportion' || token.tag === 'fall' || (token.tag === 'less' && !atLeast(from + k))))) return null;
  const cond = ctx.original.slice(ctx.toks[from]?.start ?? 0, ctx.toks[to - 1]?.end ?? 0);
  if (FAILURE_WORDS.some((word) => cond.includes(word))) return null;
  const params: RuleParam[] = [];
  const thresholds = findThresholds(ctx.original, ctx.toks, from, to);
  // A threshold of the other side (低于 T / 不足 T) names where the points are lost, not the requirement.
  if (thresholds.some((entry) => entry.direction === 'below' && !entry.inclusive && entry.phrase.startsWith('低于'))) return null;
  for (const entry of thresholds) params.push({ name: 'requirement', value: `${entry.direction === 'above' ? '≥' : '≤'}${entry.tok.raw.trim()}`, phrase: entry.phrase });
  for (let at = from; at < to; at++) {
    const token = ctx.toks[at]!;
    if (token.kind !== 'num') continue;
    if (token.q.unit === '分') return null;
    if (token.q.percent === undefined || thresholds.some((entry) => entry.tok === token)) continue;
    params.push({ name: 'requirement', value: token.raw.trim(), phrase: ctx.original.slice(token.start, token.end) });
  }
  return params;
}
