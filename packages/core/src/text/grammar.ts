import type { NumTok, PunctTag, Tok, WordTag } from './rule-tokens';

/**
 * Pattern combinators over tokens. A pattern tries to match at token index i and returns the
 * value it built and the index after it, or null. Patterns are small and composable, so the
 * grammar of scoring phrases reads like the phrases themselves:
 *   seq(word('deduct'), num(isPoints))            扣 0.5 分
 *   seq(word('every'), counter)                   每起 / 每人次 / 每 3 例
 */
export type Match<T> = { value: T; next: number };
export type Pattern<T> = (toks: readonly Tok[], i: number) => Match<T> | null;
type ValueOf<P> = P extends Pattern<infer T> ? T : never;

export const word =
  (...tags: WordTag[]): Pattern<Tok> =>
  (toks, i) => {
    const token = toks[i];
    return token && token.kind === 'word' && tags.includes(token.tag) ? { value: token, next: i + 1 } : null;
  };

export const punct =
  (...tags: PunctTag[]): Pattern<Tok> =>
  (toks, i) => {
    const token = toks[i];
    return token && token.kind === 'punct' && tags.includes(token.tag) ? { value: token, next: i + 1 } : null;
  };

export const num =
  (pred: (token: NumTok) => boolean = () => true): Pattern<NumTok> =>
  (toks, i) => {
    const token = toks[i];
    return token && token.kind === 'num' && pred(token) ? { value: token, next: i + 1 } : null;
  };

/** A literal phrase spread over consecutive char/word tokens ("逾期", "未开展"). */
export const lit =
  (...forms: string[]): Pattern<string> =>
  (toks, i) => {
    for (const form of forms) {
      let acc = '';
      let j = i;
      while (acc.length < form.length && j < toks.length && toks[j]!.kind !== 'num' && toks[j]!.kind !== 'punct') {
        acc += toks[j]!.raw;
        j++;
        if (!form.startsWith(acc)) break;
      }
      if (acc === form) return { value: form, next: j };
    }
    return null;
  };

export function seq<Ps extends Pattern<unknown>[]>(...patterns: Ps): Pattern<{ [K in keyof Ps]: ValueOf<Ps[K]> }> {
  return (toks, i) => {
    const values: unknown[] = [];
    let j = i;
    for (const pattern of patterns) {
      const found = pattern(toks, j);
      if (!found) return null;
      values.push(found.value);
      j = found.next;
    }
    return { value: values as { [K in keyof Ps]: ValueOf<Ps[K]> }, next: j };
  };
}

export function alt<Ps extends Pattern<unknown>[]>(...patterns: Ps): Pattern<ValueOf<Ps[number]>> {
  return (toks, i) => {
    for (const pattern of patterns) {
      const found = pattern(toks, i);
      if (found) return found as Match<ValueOf<Ps[number]>>;
    }
    return null;
  };
}

export function opt<T>(pattern: Pattern<T>): Pattern<T | undefined> {
  return (toks, i) => pattern(toks, i) ?? { value: undefined, next: i };
}

/** One or more p, separated by sep when given. */
export function many1<T>(pattern: Pattern<T>, sep?: Pattern<unknown>): Pattern<T[]> {
  return (toks, i) => {
    const first = pattern(toks, i);
    if (!first) return null;
    const out = [first.value];
    let j = first.next;
    for (;;) {
      const decimalText = sep ? sep(toks, j) : { value: null, next: j };
      if (!decimalText) break;
      const found = pattern(toks, decimalText.next);
      if (!found) break;
      out.push(found.value);
      j = found.next;
    }
    return { value: out, next: j };
  };
}

export function map<T, U>(pattern: Pattern<T>, frame: (verb: T, toks: readonly Tok[], from: number, to: number) => U): Pattern<U> {
  return (toks, i) => {
    const found = pattern(toks, i);
    return found ? { value: frame(found.value, toks, i, found.next), next: found.next } : null;
  };
}

/** Up to n tokens that are not punctuation (the free words between two keywords: 每[发生]一起). */
export const gap =
  (figure: number): Pattern<number> =>
  (toks, i) => {
    let j = i;
    while (j - i < figure && toks[j] && toks[j]!.kind !== 'punct' && toks[j]!.kind !== 'num') j++;
    return { value: j - i, next: j };
  };

/** Tries p at i, i+1, … (skipping up to n non-punctuation tokens first), lazily. */
export function after<T>(figure: number, pattern: Pattern<T>): Pattern<T> {
  return (toks, i) => {
    for (let j = i; j <= i + figure && j <= toks.length; j++) {
      const found = pattern(toks, j);
      if (found) return found;
      const token = toks[j];
      if (!token || token.kind === 'punct') break;
    }
    return null;
  };
}

/** All non-overlapping matches of p, scanning left to right. */
export function findAll<T>(pattern: Pattern<T>, toks: readonly Tok[], from = 0, to = toks.length): (Match<T> & { at: number })[] {
  const out: (Match<T> & { at: number })[] = [];
  let i = from;
  while (i < to) {
    const found = pattern(toks.slice(0, to), i);
    if (found && found.next > i) {
      out.push({ ...found, at: i });
      i = found.next;
    } else {
      i++;
    }
  }
  return out;
}

/** First match of p anywhere in [from, to). */
export function findFirst<T>(pattern: Pattern<T>, toks: readonly Tok[], from = 0, to = toks.length): (Match<T> & { at: number }) | null {
  return findAll(pattern, toks, from, to)[0] ?? null;
}
