import * as P from '../../points';
import type { CompiledRule } from '../compile.types';
import type { NumTok, Tok } from '../rule-tokens';
import { MONEY_UNITS } from '../vocabulary';

const isMoney = (token: Tok | undefined): token is NumTok => token?.kind === 'num' && token.q.unit !== undefined && MONEY_UNITS[token.q.unit] !== undefined;
const money = (token: NumTok, value: P.Dec): string => `${P.toStr(value)}${token.q.unit}`;

/**
 * "捐款<下限>—<上限>元的，每m元加a分", "捐款1万元以上的，每1000元加1分", "N元以下的，每m元加a分" (corpus 10): steps of money
 * inside a bracket of amounts. Neither where the steps start (0 元 or the bracket's floor) nor what happens to the
 * amount outside the bracket is written, and no rule holds a step only inside a bracket; the item goes to review
 * with that reason (instead of a generic unread unit) and, for a bracket from 0, the plain reading as the suggestion.
 * Only for an item of one amount rule whose words hold one money bracket and one 每N元 step.
 */
export function moneyBracketIssue(text: string, toks: readonly Tok[], itemRules: CompiledRule[]): { span: [number, number]; reason: string; suggestion?: string } | null {
  if (itemRules.length !== 1) return null;
  const steps = toks.flatMap((token, k) => (isMoney(token) && toks[k - 1]?.kind === 'word' && (toks[k - 1] as { tag: string }).tag === 'every' ? [token] : []));
  const brackets = toks.flatMap((token, k) => {
    if (!isMoney(token) || steps.includes(token)) return [];
    const next = toks[k + 1];
    const side = next?.kind === 'word' && (next.tag === 'above' || next.tag === 'below') ? next.tag : undefined;
    return token.q.range || side ? [{ token, side }] : [];
  });
  if (steps.length !== 1 || brackets.length !== 1) return null;
  const step = steps[0]!;
  const { token, side } = brackets[0]!;
  const stepText = text.slice(step.start - 1, itemRules[0]!.span[1]);
  const bracket = text.slice(token.start, side ? toks[toks.indexOf(token) + 1]!.end : token.end);
  const span: [number, number] = [Math.min(token.start, step.start), itemRules[0]!.span[1]];
  if (side === 'below') {
    return {
      span,
      reason: `按金额分档逐档计分（“${bracket}”，“${stepText}”）：本档从0元起算，但规则格式不能把逐档计分限定在本档之内（档外金额按其他档计），需人工确认`,
      suggestion: `本档内：金额 ÷ ${money(step, step.q.value)} 取整 × 每档分值`,
    };
  }
  const floor = token.q.range ? token.q.range.min : token.q.value;
  return {
    span,
    reason: `按金额分档逐档计分（“${bracket}”，“${stepText}”）：“每${money(step, step.q.value)}”是从0元起算还是从本档下限${money(token, floor)}起算未写明，规则格式也不能把逐档计分限定在本档之内，需人工确认`,
  };
}
