import * as P from '../../points';
import type { Dec } from '../../points';
import type { CompiledRule } from '../compile.types';
import { trimPunctuation } from '../normalize-text';

/** The one word that puts a situation on top of the one before it (另外 / 此外 add a situation, they do not stack it). */
const ON_TOP = '在此基础上';
/** Words that open the negation of another situation's words (未实现全覆盖的省份). */
const NEGATIONS = ['未', '没有', '尚未'];

/** A situation's words without its amount: "…考核指标的，得3分" → "…考核指标的". */
function optionText(entry: CompiledRule): string {
  const phrase = entry.params.find((param) => param.name === 'points')?.phrase;
  const cut = phrase ? entry.text.lastIndexOf(phrase) : -1;
  return trimPunctuation(cut > 0 ? entry.text.slice(0, cut) : entry.text);
}

/**
 * Graded situations one of which stacks on the one before it (corpus 06 (4), made up here: "…全部完成改厕的乡镇，得2分。未全部
 * 完成改厕的乡镇，…比上年提高的，得1.5分；在此基础上，…提高20%以上的，再得0.5分" on an item of 2 分): the stacked one is
 * earned only with the one it stacks on, so the two together are one option worth their sum (1.5 + 0.5); the others
 * are options of their own. Read as graded options (the highest met counts, `any-of` with `optionPoints`) only when
 * the item's points are the highest option, some situation other than the stacked pair reaches them alone (so the
 * situations cannot be parts that add up), and no two options sum to the points. Null otherwise (review).
 */
export function readStackedOptions(norm: string, original: string, scoring: CompiledRule[], itemPoints: Dec | undefined): CompiledRule | null {
  if (itemPoints === undefined || scoring.length < 3) return null;
  const each: Dec[] = [];
  for (const entry of scoring) {
    if (entry.rule.kind !== 'completion' || entry.rule.points === undefined || entry.rule.allowPartial) return null;
    each.push(entry.rule.points);
  }
  const stackedAt = scoring.flatMap((entry, k) => (k > 0 && norm.slice(scoring[k - 1]!.span[1], entry.span[1]).includes(ON_TOP) ? [k] : []));
  if (stackedAt.length !== 1) return null;
  const j = stackedAt[0]!;
  const options: string[] = [];
  const optionPoints: Dec[] = [];
  for (let k = 0; k < scoring.length; k++) {
    if (k === j) {
      // The words from the situation stacked on to the end of the stacked one's condition, as written.
      const stacked = scoring[j]!;
      const words = optionText(stacked);
      const end = stacked.span[0] + stacked.text.indexOf(words) + words.length;
      options.push(trimPunctuation(original.slice(scoring[j - 1]!.span[0], end)));
      optionPoints.push(P.add(each[j - 1]!, each[j]!));
    } else {
      options.push(optionText(scoring[k]!));
      optionPoints.push(each[k]!);
    }
  }
  const max = optionPoints.reduce((a, b) => (P.cmp(a, b) >= 0 ? a : b));
  if (P.cmp(max, itemPoints) !== 0) return null;
  // A situation outside the stacked pair that is worth the item's points alone, and the pair's words opening with its
  // negation ("全部完成改厕的乡镇" … "未全部完成改厕的乡镇，…"): the pair is for the units the other does not cover, so the two
  // never add up. Without that negation the relation is not written (score-parts.test.ts: stacked words never one-of).
  const alone = scoring.filter((_, k) => k !== j && k !== j - 1 && P.cmp(each[k]!, itemPoints) === 0);
  const head = optionText(scoring[j - 1]!).split(/[，,]/)[0]!;
  const negated = NEGATIONS.find((word) => head.startsWith(word));
  if (!negated || head.length - negated.length < 2) return null;
  if (!alone.some((entry) => optionText(entry).endsWith(head.slice(negated.length)))) return null;
  for (let a = 0; a < optionPoints.length; a++) {
    for (let b = a + 1; b < optionPoints.length; b++) if (P.cmp(P.add(optionPoints[a]!, optionPoints[b]!), itemPoints) === 0) return null;
  }
  const span: [number, number] = [scoring[0]!.span[0], scoring[scoring.length - 1]!.span[1]];
  return {
    rule: { kind: 'any-of', options, points: itemPoints, optionPoints },
    text: original.slice(span[0], span[1]),
    span,
    params: [...scoring.flatMap((entry) => entry.params), { name: 'optionPoints', value: optionPoints.map(P.toStr).join('、'), phrase: original.slice(span[0], span[1]) }],
    family: 'stacked-options',
  };
}
