import type { CompiledRule } from '../compile.types';
import type { NumTok } from '../rule-tokens';
import { tokenize } from '../rule-tokens';

/**
 * "…全部完成的，得a分，完成X%以上、不到100%的，得b分，完成X%以下的，不得分" (corpus 06 (14)): after
 * graded options, a 不得分 below the lowest option's figure is the options' otherwise (none met → 0),
 * not a rule of its own whose figure is left unread. Only when the 不得分 follows the options
 * directly, names a figure below (以下 / 低于 / 不到), and that figure is written in the last option.
 */
export function absorbBelowOptions(norm: string, original: string, itemRules: CompiledRule[]): void {
  for (let k = itemRules.length - 1; k > 0; k--) {
    const zero = itemRules[k]!;
    const options = itemRules[k - 1]!;
    if (zero.rule.kind !== 'zero' || options.rule.kind !== 'any-of' || !options.rule.optionPoints) continue;
    const toks = tokenize(norm, zero.span[0], zero.span[1]);
    const below = toks.findIndex((token, at) => token.kind === 'num' && token.q.percent !== undefined
      && ((toks[at + 1]?.raw === '以下') || ['低于', '不到', '不足'].includes(toks[at - 1]?.raw ?? '')));
    if (below < 0) continue;
    const figure = (toks[below] as NumTok).raw.trim();
    const last = options.rule.options[options.rule.options.length - 1]!;
    if (!last.includes(figure)) continue;
    options.params.push({ name: 'otherwise', value: '0', phrase: original.slice(zero.span[0], zero.span[1]) });
    options.span = [options.span[0], zero.span[1]];
    itemRules.splice(k, 1);
  }
}
