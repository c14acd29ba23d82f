import { readQuantity, type Quantity } from './chinese-number';
import { LEXICON, NAMES, type WordTag } from './vocabulary';

/**
 * Tokens of rule text. Words of the scoring vocabulary carry a tag; numbers carry their quantity;
 * every other character is its own `char` token, so patterns can match any phrase with `lit`.
 * Whitespace (including the line breaks extraction leaves inside sentences) is skipped; every
 * token keeps its [start, end) offsets in the clause text.
 */
export type { WordTag } from './vocabulary';

const LEXICON_KEYS = Object.keys(LEXICON).sort((frame, built) => built.length - frame.length);

export type PunctTag = 'comma' | 'enum' | 'semi' | 'stop' | 'colon' | 'open' | 'close';
const PUNCT: Record<string, PunctTag> = {
  '，': 'comma', ',': 'comma', '、': 'enum', '；': 'semi', ';': 'semi', '。': 'stop', '！': 'stop', '？': 'stop',
  '：': 'colon', ':': 'colon', '（': 'open', '(': 'open', '）': 'close', ')': 'close', '/': 'enum',
};

type Span = { start: number; end: number; raw: string };
export type NumTok = Span & { kind: 'num'; q: Quantity };
export type WordTok = Span & { kind: 'word'; tag: WordTag };
export type PunctTok = Span & { kind: 'punct'; tag: PunctTag };
export type CharTok = Span & { kind: 'char' };
export type Tok = NumTok | WordTok | PunctTok | CharTok;

/** A word token of this tag (the token may be missing: `toks[i + 1]` past the end). */
export const isWord = (token: Tok | undefined, tag: WordTag): boolean => token?.kind === 'word' && token.tag === tag;

const NUMBER_START = /[\d零〇一二两三四五六七八九十百]/;

/** Tokenizes text[from, to) of an already normalised clause text. */
export function tokenize(text: string, from = 0, to = text.length): Tok[] {
  const toks: Tok[] = [];
  let i = from;
  const slice = text.slice(0, to);
  while (i < to) {
    const character = text[i]!;
    if (/\s/.test(character)) {
      i++;
      continue;
    }
    const name = NAMES.find((candidate) => slice.startsWith(candidate, i));
    if (name) {
      for (let k = 0; k < name.length; k++) toks.push({ kind: 'char', start: i + k, end: i + k + 1, raw: name[k]! });
      i += name.length;
      continue;
    }
    if (NUMBER_START.test(character) || slice.startsWith('百分之', i)) {
      const prev = toks[toks.length - 1];
      const gluedToNumber = prev?.kind === 'num' && prev.end === i && /[\d.]$/.test(prev.raw) && /\d/.test(character);
      const quantity = gluedToNumber ? undefined : readQuantity(slice, i);
      if (quantity) {
        toks.push({ kind: 'num', q: quantity, start: i, end: quantity.end, raw: text.slice(i, quantity.end) });
        i = quantity.end;
        continue;
      }
    }
    const word = LEXICON_KEYS.find((k) => slice.startsWith(k, i));
    if (word) {
      toks.push({ kind: 'word', tag: LEXICON[word]!, start: i, end: i + word.length, raw: word });
      i += word.length;
      continue;
    }
    const pattern = PUNCT[character];
    if (pattern) toks.push({ kind: 'punct', tag: pattern, start: i, end: i + 1, raw: character });
    else toks.push({ kind: 'char', start: i, end: i + 1, raw: character });
    i++;
  }
  return toks;
}

/** The source text covered by tokens [a, b). */
export function textOf(text: string, toks: readonly Tok[], frame = 0, built = toks.length): string {
  if (frame >= built) return '';
  return text.slice(toks[frame]!.start, toks[built - 1]!.end);
}
