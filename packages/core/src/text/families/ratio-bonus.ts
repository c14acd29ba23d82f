import type { Tok } from '../rule-tokens';
import { findFirst, lit, many1, num, punct, seq, word } from '../grammar';
import { levelsIn } from '../phrases';

/**
 * "…得N分，多<一件>按x：y：z比例加分" (corpus 02 (5.1)): a bonus per extra article in a ratio by level. The ratio is
 * written, the points one part of it is worth are not (2 分 per 省级 article, or 2 parts of some amount?), so the
 * clause stays in review — with a reason naming the ratio and the levels, and the plain reading as the suggestion.
 */
export function ratioBonusIssue(toks: readonly Tok[], words: string, sentence: string): { reason: string; suggestion?: string } | null {
  const pattern = seq(lit('按'), many1(num((token) => token.q.unit === undefined && token.q.range === undefined), punct('colon')), word('proportion'), word('add'));
  const found = findFirst(pattern, toks, 0);
  if (!found) return null;
  const parts = found.value[1];
  if (parts.length < 2) return null;
  const ratio = parts.map((token) => token.raw).join('：');
  const levels = levelsIn(sentence).map((level) => level.key);
  const byLevel = levels.length === parts.length ? `（${levels.join('：')}）` : '';
  return {
    reason: `“${words.replace(/^[\s，,]+|[\s。；;]+$/gu, '')}”：加分比例为${ratio}${byLevel}，每份比例合多少分未写明，需人工确认`,
    ...(levels.length === parts.length ? { suggestion: `按每多一篇${levels.map((level, k) => `${level}${parts[k]!.raw}分`).join('、')}加分` } : {}),
  };
}
