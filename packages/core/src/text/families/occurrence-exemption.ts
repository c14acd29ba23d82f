import type { CompileIssue, CompiledRule } from '../compile.types';
import { CONDITION_OPENERS, EXEMPTION_WORDS, EXEMPT_OCCURRENCE_REFS, PEER_AVERAGE_WORDS, firstOf } from '../vocabulary';

/**
 * "每起违规事件扣3分，如果事件整改后获得复核通过，此事件可以不扣分" (made up after corpus 03 (4.1)), a share above
 * the average share plus a margin that "可不扣分" (corpus 07 (4.1)): a case that is not deducted. The deduction before it is compiled; an exemption that
 * `occurrenceExemption` cannot attach goes to a person, named, never read as an amount or a proportion.
 */
export function exemptionIssue(words: string): { reason: string; extra: Partial<CompileIssue> } | undefined {
  const shown = words.replace(/^[\s，,；;。]+|[\s。；;]+$/gu, '');
  const peer = firstOf(words, PEER_AVERAGE_WORDS);
  if (peer) {
    // A score that is the other units' average (corpus 08 (3.7) (3.8)), e.g. "其余站所得分为一线站所得分的平均分".
    return { reason: `“${shown}”：得分取其他单位得分的平均分，规则无法按其他单位的得分计分，需人工确认`, extra: { unread: shown, suggestion: '其他单位的得分算出后，按其平均分人工录入本单位得分' } };
  }
  const exempt = firstOf(words, EXEMPTION_WORDS);
  if (!exempt) return undefined;
  return { reason: `免扣情形“${shown}”：规则无法表示“${exempt}”的条件，计数时是否剔除这些情形需人工确认`, extra: { unread: shown, suggestion: `按前文扣分规则计，符合该情形的不扣分（${exempt}）` } };
}

/**
 * "每起违规事件扣3分，如果事件整改后获得复核通过，此事件可以不扣分" (made up after corpus 03 (4.1)): the exemption names the
 * occurrence (此事件) of the one per-occurrence deduction of its sentence, so each occurrence of that case is not
 * deducted. `when` is the case as written, without its opener (如果) and without the 此事件可以不扣分 it ends with.
 * Null for anything else (a case of the whole item, several rules, a bonus): that stays flagged.
 */
export function occurrenceExemption(words: string, sentenceRules: CompiledRule[]): { rule: CompiledRule; when: string } | null {
  if (sentenceRules.length !== 1) return null;
  const only = sentenceRules[0]!;
  if (only.rule.kind !== 'per-occurrence' || only.rule.effect !== 'deduction' || only.rule.exempt) return null;
  if (firstOf(words, PEER_AVERAGE_WORDS)) return null;
  const ref = firstOf(words, EXEMPT_OCCURRENCE_REFS);
  const exemptWord = firstOf(words, EXEMPTION_WORDS);
  if (!ref || !exemptWord || words.indexOf(ref) > words.indexOf(exemptWord)) return null;
  // Nothing but punctuation may follow the exemption words: anything after them is unread.
  if (words.slice(words.indexOf(exemptWord) + exemptWord.length).replace(/[\s。；;，,]/gu, '') !== '') return null;
  let when = words.slice(0, words.indexOf(ref)).replace(/^[\s，,；;]+|[\s，,的时]+$/gu, '');
  const opener = CONDITION_OPENERS.find((word) => when.startsWith(word));
  if (opener) when = when.slice(opener.length).replace(/^[\s，,]+/u, '');
  return when ? { rule: only, when } : null;
}
