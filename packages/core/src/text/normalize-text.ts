import { toHalfWidthDigits } from './chinese-number';
import { KOU_WORDS } from './vocabulary';

/** A repair made while reading the text (catalogue §8.3): kept so a person can confirm it. */
export type TextRepair = { at: number; from: string; to: string; message: string };


/**
 * Length-preserving normalisation, so every span found later indexes the original text too:
 * full-width digits to ASCII; the extraction defects of §8.3 that have one safe reading
 * (口 for 扣 before an amount, O for 0 in a number, l. for 1. as an item number).
 */
export function normalizeRuleText(text: string): { text: string; repairs: TextRepair[] } {
  const repairs: TextRepair[] = [];
  // UTF-16 indexing throughout: only BMP characters are ever replaced.
  const decimalText = toHalfWidthDigits(text);
  const out = decimalText.split('');
  const set = (i: number, to: string, message: string): void => {
    repairs.push({ at: i, from: out[i]!, to, message });
    out[i] = to;
  };
  for (let i = 0; i < out.length; i++) {
    const character = out[i]!;
    const next = nextNonSpace(out, i + 1);
    const prev = out[i - 1];
    if (character === '口') {
      const word = KOU_WORDS.some((wordToken) => decimalText.startsWith(wordToken, i - wordToken.indexOf('口')) && wordToken.indexOf('口') <= i);
      const beforeAmount = next !== undefined && /\d/.test(next);
      if (beforeAmount && !word) set(i, '扣', '“口”按“扣”读取（疑为录入错误）');
    } else if (character === 'O' || character === 'o' || character === 'Ｏ') {
      const digitNear = (prev !== undefined && /[\d.]/.test(prev)) || (out[i + 1] !== undefined && /[\d.]/.test(out[i + 1]!));
      const asValue = (prev === '为' || prev === '扣' || prev === '得') && !/[A-Za-z]/.test(out[i + 1] ?? '');
      if (digitNear || asValue) set(i, '0', `“${character}”按数字“0”读取（疑为录入错误）`);
    } else if (character === 'l' || character === 'I') {
      const atItemStart = (i === 0 || /[\s。；;]/.test(prev ?? '')) && (out[i + 1] === '.' || out[i + 1] === '、') && !/\d/.test(out[i + 2] ?? '');
      if (atItemStart) set(i, '1', `条目序号“${character}.”按“1.”读取`);
    }
  }
  // "扣 0.1；分党员…" (000:221): the 分 of the amount slipped behind the semicolon; swap them back.
  const joined = out.join('');
  for (const found of joined.matchAll(/\d([；;])分(?!别|值|管)/g)) {
    const at = found.index + 1;
    repairs.push({ at, from: `${found[1]}分`, to: `分${found[1]}`, message: `“${found[1]}分”按“分${found[1]}”读取（分号错位）` });
    out[at] = '分';
    out[at + 1] = found[1]!;
  }
  return { text: out.join(''), repairs };
}

function nextNonSpace(chars: string[], i: number): string | undefined {
  let j = i;
  while (j < chars.length && /\s/.test(chars[j]!)) j++;
  return chars[j];
}

/** Text without the punctuation and spaces around it (a condition as a key: "，非产区" → "非产区"). */
export function trimPunctuation(text: string): string {
  return text.replace(/^[，,、；;：:。\s]+/u, '').replace(/[，,、；;：:。\s]+$/u, '');
}

/** Text without its parenthesised asides ("重点省份（河北、辽宁…）：" → "重点省份：", corpus 06 (80)). */
export function withoutParentheticals(text: string): string {
  return text.replace(/（[^（）]*）|\([^()]*\)/gu, '');
}
