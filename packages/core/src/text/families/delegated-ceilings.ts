import * as P from '../../points';
import type { CompiledRule, RuleParam } from '../compile.types';
import type { NumTok } from '../rule-tokens';
import { tokenize } from '../rule-tokens';
import { DEDUCTION_CEILING_WORDS, DELEGATED_DEDUCTION_WORDS, delegatedTo, firstOf } from '../vocabulary';

/**
 * "对乙方在安全环保、节能方面未达甲方要求的，甲方依据《…办法》，相应给予减分（扣分上限：安全环保15分，节能5分）"
 * (written after corpus 11's 约束性指标; own words in the tests): a deduction whose amount another document sets,
 * with a ceiling per area. Each area is a deduction the assessor enters, from 0 to its ceiling (discretionary,
 * deduction, max = the ceiling), the document named as its basis. Read only when every figure of the sentence
 * outside the document's name is a ceiling, each area named before the ceilings (or one ceiling without an area),
 * and nothing follows the list but its closing parenthesis and the sentence's end; otherwise null (the sentence
 * stays for review with the delegation's reason).
 */
export type DelegatedCeilings = { rules: CompiledRule[]; warning: string };

export function readDelegatedCeilings(text: string, norm: string, from: number, to: number): DelegatedCeilings | null {
  const sentence = norm.slice(from, to);
  const basis = delegatedTo(sentence);
  const verb = firstOf(sentence, DELEGATED_DEDUCTION_WORDS);
  const opener = firstOf(sentence, DEDUCTION_CEILING_WORDS);
  if (!basis || !verb || !opener) return null;
  const openAt = from + sentence.indexOf(opener);
  if (sentence.indexOf(verb) > sentence.indexOf(opener)) return null;
  // The document's name (《…（2015版）》) holds figures that are not amounts.
  const nameStart = from + sentence.indexOf(basis);
  const nameEnd = nameStart + basis.length;
  const toks = tokenize(norm, from, to);
  const figures = toks.filter((token): token is NumTok => token.kind === 'num' && !(token.start >= nameStart && token.end <= nameEnd));
  if (figures.length === 0 || figures.some((token) => token.start < openAt + opener.length || token.q.unit !== '分' || token.q.range !== undefined)) return null;
  const before = norm.slice(from, openAt);
  // Each ceiling: its area (the words before its figure) and where its phrase starts (the area, or the opener).
  const ceilings: { area?: string; tok: NumTok; phraseFrom: number }[] = [];
  let at = openAt + opener.length;
  for (const figure of figures) {
    const words = norm.slice(at, figure.start);
    const area = words.replace(/^[：:，,、\s]+/, '').trim();
    if (area !== '' && !before.includes(area)) return null;
    ceilings.push(area !== '' ? { area, tok: figure, phraseFrom: at + words.indexOf(area) } : { tok: figure, phraseFrom: openAt });
    at = figure.end;
  }
  // Nothing after the last ceiling but its closing parenthesis and the stop.
  if (norm.slice(at, to).replace(/[）)。；;\s]/g, '') !== '') return null;
  if (ceilings.length > 1 && ceilings.some((entry) => entry.area === undefined)) return null;
  const clauseText = text.slice(from, to).replace(/[。；;\s]+$/, '');
  const rules = ceilings.map((entry): CompiledRule => {
    const params: RuleParam[] = [
      { name: 'min', value: '0', phrase: verb },
      { name: 'max', value: P.toStr(entry.tok.q.value), phrase: text.slice(entry.phraseFrom, entry.tok.end) },
      { name: 'basis', value: basis, phrase: basis },
      ...(entry.area !== undefined ? [{ name: 'area', value: entry.area, phrase: entry.area }] : []),
    ];
    return { rule: { kind: 'discretionary', effect: 'deduction', min: P.dec('0'), max: entry.tok.q.value }, text: clauseText, span: [from, from + clauseText.length], params, family: 'delegated-ceilings' };
  });
  const areas = ceilings.map((entry) => `${entry.area ?? '本项'}最多扣${P.toStr(entry.tok.q.value)}分`).join('，');
  return { rules, warning: `扣分数额按${basis}确定（该文件未随本方案提供），本方案只写明上限：${areas}；考核部门按该文件录入扣分` };
}
