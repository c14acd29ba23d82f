import type { CompiledRule } from './compile.types';
import type { NumTok, Tok } from './rule-tokens';
import { DURATION_UNITS } from './vocabulary';

/**
 * The coverage check: a clause is `ok` only when every phrase that can change a score — an
 * amount (N分), a threshold (低于N / N以上), a step or per-unit phrase (每…N), a cap (最高/不超过N),
 * a rate (N%) and the words 分别 / 比例 / 加倍 — is accounted for by a compiled rule's parameters
 * (or by an item policy, an allocation or a reported issue). Whatever is left is named as unread
 * and the clause goes to review.
 */
export type Significant = { start: number; end: number; what: SignificantKind };
export type SignificantKind = 'amount' | 'threshold' | 'step' | 'cap' | 'rate' | 'word';

export const SIGNIFICANT_NAMES: Record<SignificantKind, string> = {
  amount: '分值',
  threshold: '门槛',
  step: '计量单位',
  cap: '上限',
  rate: '比率',
  word: '计分用语',
};

const isDuration = (token: NumTok): boolean => token.q.unit !== undefined && DURATION_UNITS.includes(token.q.unit);
const SIGNIFICANT_WORDS = new Set(['respectively', 'double']);

/** Whether a 按 (or 以) opens the phrase that ends at toks[index], with no punctuation between. */
function introducedByAn(toks: readonly Tok[], index: number): boolean {
  for (let back = index - 1; back >= Math.max(0, index - 8); back--) {
    const token = toks[back]!;
    if (token.kind === 'punct') return false;
    if (token.raw === '按' || token.raw === '以') return true;
  }
  return false;
}

/** The phrases of a token list that a compiled rule must account for. */
export function significantPhrases(toks: readonly Tok[]): Significant[] {
  const out: Significant[] = [];
  for (let index = 0; index < toks.length; index++) {
    const token = toks[index]!;
    const nextToken = toks[index + 1];
    if (token.kind === 'num') {
      if (token.q.unit === '分') out.push({ start: token.start, end: token.end, what: 'amount' });
      else if (token.q.percent !== undefined) out.push({ start: token.start, end: token.end, what: 'rate' });
      else if (nextToken?.kind === 'word' && (nextToken.raw === '以上' || nextToken.raw === '以下') && !isDuration(token)) {
        out.push({ start: token.start, end: nextToken.end, what: 'threshold' });
      }
      continue;
    }
    if (token.kind !== 'word') continue;
    if ((token.tag === 'below' || token.tag === 'above') && token.raw !== '以上' && token.raw !== '以下') {
      const figure = nextToken?.raw === '于' ? toks[index + 2] : nextToken;
      if (figure?.kind === 'num' && !isDuration(figure)) out.push({ start: token.start, end: figure.end, what: 'threshold' });
    } else if (token.tag === 'every') {
      for (let ahead = index + 1; ahead < Math.min(toks.length, index + 9); ahead++) {
        const candidate = toks[ahead]!;
        if (candidate.kind === 'punct') break;
        if (candidate.kind === 'num') {
          if (!isDuration(candidate) || ahead === index + 1) out.push({ start: token.start, end: candidate.end, what: 'step' });
          break;
        }
      }
    } else if (token.tag === 'cap' || token.tag === 'minimum') {
      for (let ahead = index + 1; ahead < Math.min(toks.length, index + 4); ahead++) {
        const candidate = toks[ahead]!;
        if (candidate.kind === 'punct') break;
        if (candidate.kind === 'num') {
          // 不超过4个月 (corpus 06 (43), inside a condition's definition): a limit on a duration, not on points,
          // like the durations of a threshold above; a rule that reads one (overLimit) names its phrase itself.
          if (!isDuration(candidate)) out.push({ start: token.start, end: candidate.end, what: 'cap' });
          break;
        }
      }
    } else if (token.tag === 'proportion') {
      // 按比例 / 按完成比例 scores by a proportion; 出现比例高于20% only names the measured rate.
      if (introducedByAn(toks, index)) out.push({ start: token.start, end: token.end, what: 'word' });
    } else if (SIGNIFICANT_WORDS.has(token.tag)) {
      out.push({ start: token.start, end: token.end, what: 'word' });
    }
  }
  return out;
}

/** Character ranges of a clause text that some rule, policy or issue accounts for. */
export class Consumed {
  private readonly ranges: [number, number][] = [];

  add(start: number, end: number): void {
    if (end > start) this.ranges.push([start, end]);
  }

  /** Marks the first occurrence of each part of `phrase` (parts joined by …) inside [from, to). */
  addPhrase(text: string, phrase: string, from: number, to: number): void {
    for (const part of phrase.split('…')) {
      const trimmed = part.trim();
      if (trimmed === '') continue;
      let at = text.indexOf(trimmed, from);
      while (at >= 0 && at + trimmed.length <= to && this.covers(at, at + trimmed.length)) at = text.indexOf(trimmed, at + 1);
      if (at < 0 || at + trimmed.length > to) at = text.indexOf(trimmed, from);
      if (at >= 0 && at + trimmed.length <= to) this.add(at, at + trimmed.length);
    }
  }

  addRule(text: string, rule: CompiledRule, from: number, to: number): void {
    for (const param of rule.params) {
      const before = this.ranges.length;
      this.addPhrase(text, param.phrase, rule.span[0], rule.span[1]);
      if (this.ranges.length === before) this.addPhrase(text, param.phrase, from, to);
    }
  }

  /** Whether [start, end) lies entirely inside consumed ranges. */
  covers(start: number, end: number): boolean {
    for (let at = start; at < end; at++) {
      if (!this.ranges.some(([from, to]) => from <= at && at < to)) return false;
    }
    return true;
  }

  /** Whether [start, end) overlaps a consumed range. */
  touches(start: number, end: number): boolean {
    return this.ranges.some(([from, to]) => from < end && start < to);
  }
}

/** The significant phrases of `toks` that nothing consumed. */
export function unreadPhrases(toks: readonly Tok[], consumed: Consumed): Significant[] {
  return significantPhrases(toks).filter((phrase) => !consumed.touches(phrase.start, phrase.end));
}
