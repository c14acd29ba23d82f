import type { Dec } from '../../points';
import * as P from '../../points';
import type { CompiledRule } from '../compile.types';
import { isWord, type NumTok, type Tok } from '../rule-tokens';
import { CADENCE_WORDS } from '../vocabulary';

/** One part of an item with its own points: the task, its points and its per-miss deduction floored at them. */
export type PointsPart = { start: number; end: number; points: Dec; amount: Dec; rules: CompiledRule[]; parenPoints?: NumTok };

const isPunct = (token: Tok | undefined, tag: string): boolean => token?.kind === 'punct' && token.tag === tag;
const isPoints = (token: Tok | undefined): token is NumTok => token?.kind === 'num' && token.q.unit === '分' && token.q.range === undefined && token.q.percent === undefined;
const isOnce = (token: Tok | undefined): boolean => token?.kind === 'num' && token.q.unit === '次' && token.q.range === undefined && token.q.value === P.ONE;
/** The only tagged words a task may contain (a task is what is to be done, not how it scores): 完成. */
const TASK_TAGS = new Set(['complete']);

/**
 * "按要求每月上报…，得N分，每少一次扣a分，扣完为止，参加…会议（M分，少一次扣b分，扣完为止）" (corpus 01 (1.4.1)):
 * an item made of parts that each have their own points and their own deduction per missed time, floored at
 * those points. Each part becomes, as a lone "得N分，每少一次扣x分" does, its points (completion, N) and a
 * per-occurrence deduction (the missed times are its occurrences) capped at N — the points as a score rule,
 * so the part keeps them beside other score rules of its indicator; the item's points are their sum. Read only when every token of the item belongs to
 * this shape — a task (no figure, no scoring word; a cadence such as 每月 is the task's, since the missed
 * times are counted), then 得N分，(每)少一次扣x分[，扣完为止] or （N分，(每)少一次扣x分[，扣完为止]） — and there are
 * at least two parts; anything else is left to the sentence readers.
 */
export function readPointsParts(text: string, toks: readonly Tok[]): PointsPart[] | null {
  let i = 0;
  // A leading ordinal (1. / （1） / 1、) is not part of the first task.
  if (toks[0]?.kind === 'num' && toks[0].q.unit === undefined && (toks[1]?.raw === '.' || isPunct(toks[1], 'enum'))) i = 2;
  else if (isPunct(toks[0], 'open') && toks[1]?.kind === 'num' && toks[1].q.unit === undefined && isPunct(toks[2], 'close')) i = 3;
  const parts: PointsPart[] = [];
  while (i < toks.length) {
    while (isPunct(toks[i], 'comma')) i++;
    if (i >= toks.length) break;
    const taskFrom = i;
    while (i < toks.length && isTaskToken(toks, i)) i++;
    if (i === taskFrom) return null;
    const start = toks[taskFrom]!.start;
    let paren = false;
    let pointsTok: NumTok;
    if (isPunct(toks[i], 'comma') && isWord(toks[i + 1], 'get') && isPoints(toks[i + 2])) {
      pointsTok = toks[i + 2] as NumTok;
      i += 3;
    } else if (isPunct(toks[i], 'open') && isPoints(toks[i + 1])) {
      pointsTok = toks[i + 1] as NumTok;
      paren = true;
      i += 2;
    } else return null;
    if (!isPunct(toks[i], 'comma')) return null;
    i++;
    if (isWord(toks[i], 'every')) i++;
    if (!isWord(toks[i], 'less') || !isOnce(toks[i + 1]) || !isWord(toks[i + 2], 'deduct') || !isPoints(toks[i + 3])) return null;
    const amountTok = toks[i + 3] as NumTok;
    const deductFrom = toks[i]!.start;
    i += 4;
    let floorPhrase = '';
    if (isPunct(toks[i], 'comma') && isWord(toks[i + 1], 'floor')) {
      floorPhrase = toks[i + 1]!.raw;
      i += 2;
    }
    if (paren) {
      if (!isPunct(toks[i], 'close')) return null;
      i++;
    }
    if (isPunct(toks[i], 'stop') || isPunct(toks[i], 'semi')) i++;
    const end = toks[i - 1]!.end;
    const points = pointsTok.q.value;
    const amount = amountTok.q.value;
    const pointsPhrase = text.slice(pointsTok.start, pointsTok.end);
    const rules: CompiledRule[] = [
      { rule: { kind: 'completion', points }, text: text.slice(start, pointsTok.end), span: [start, pointsTok.end], params: [{ name: 'points', value: P.toStr(points), phrase: pointsPhrase }], family: 'part-points' },
      {
        rule: { kind: 'per-occurrence', effect: 'deduction', amount, cap: points },
        text: text.slice(deductFrom, end),
        span: [deductFrom, end],
        params: [
          { name: 'amount', value: P.toStr(amount), phrase: text.slice(deductFrom, amountTok.end) },
          { name: 'cap', value: P.toStr(points), phrase: `${pointsPhrase}${floorPhrase ? `…${floorPhrase}` : ''}` },
        ],
        family: 'part-points',
      },
    ];
    parts.push({ start, end, points, amount, rules, ...(paren ? { parenPoints: pointsTok } : {}) });
    if (i < toks.length && !isPunct(toks[i], 'comma')) return null;
  }
  return parts.length >= 2 ? parts : null;
}

/** A token of a task: not a figure nor a scoring word; 每 only as a cadence (每月), 加 only inside a word (参加). */
function isTaskToken(toks: readonly Tok[], i: number): boolean {
  const token = toks[i]!;
  if (token.kind === 'num') return false;
  if (token.kind === 'punct') return token.tag === 'enum';
  if (token.kind === 'char') return true;
  if (token.tag === 'every') return CADENCE_WORDS.some((word) => word.startsWith(token.raw) && toks.slice(i, i + word.length).map((t) => t.raw).join('') === word);
  if (token.tag === 'add') return toks[i - 1]?.kind === 'char' && toks[i + 1]?.kind === 'char';
  return TASK_TAGS.has(token.tag);
}
