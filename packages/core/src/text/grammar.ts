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
    const t = toks[i];
    return t && t.kind === 'word' && tags.includes(t.tag) ? { value: t, next: i + 1 } : null;
  };

export const punct =
  (...tags: PunctTag[]): Pattern<Tok> =>
  (toks, i) => {
    const t = toks[i];
    return t && t.kind === 'punct' && tags.includes(t.tag) ? { value: t, next: i + 1 } : null;
  };

export const num =
  (pred: (t: NumTok) => boolean = () => true): Pattern<NumTok> =>
  (toks, i) => {
    const t = toks[i];
    return t && t.kind === 'num' && pred(t) ? { value: t, next: i + 1 } : null;
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

export function seq<Ps extends Pattern<unknown>[]>(...ps: Ps): Pattern<{ [K in keyof Ps]: ValueOf<Ps[K]> }> {
  return (toks, i) => {
    const values: unknown[] = [];
    let j = i;
    for (const p of ps) {
      const m = p(toks, j);
      if (!m) return null;
      values.push(m.value);
      j = m.next;
    }
    return { value: values as { [K in keyof Ps]: ValueOf<Ps[K]> }, next: j };
  };
}

export function alt<Ps extends Pattern<unknown>[]>(...ps: Ps): Pattern<ValueOf<Ps[number]>> {
  return (toks, i) => {
    for (const p of ps) {
      const m = p(toks, i);
      if (m) return m as Match<ValueOf<Ps[number]>>;
    }
    return null;
  };
}

export function opt<T>(p: Pattern<T>): Pattern<T | undefined> {
  return (toks, i) => p(toks, i) ?? { value: undefined, next: i };
}

/** One or more p, separated by sep when given. */
export function many1<T>(p: Pattern<T>, sep?: Pattern<unknown>): Pattern<T[]> {
  return (toks, i) => {
    const first = p(toks, i);
    if (!first) return null;
    const out = [first.value];
    let j = first.next;
    for (;;) {
      const s = sep ? sep(toks, j) : { value: null, next: j };
      if (!s) break;
      const m = p(toks, s.next);
      if (!m) break;
      out.push(m.value);
      j = m.next;
    }
    return { value: out, next: j };
  };
}

export function map<T, U>(p: Pattern<T>, f: (v: T, toks: readonly Tok[], from: number, to: number) => U): Pattern<U> {
  return (toks, i) => {
    const m = p(toks, i);
    return m ? { value: f(m.value, toks, i, m.next), next: m.next } : null;
  };
}

/** Up to n tokens that are not punctuation (the free words between two keywords: 每[发生]一起). */
export const gap =
  (n: number): Pattern<number> =>
  (toks, i) => {
    let j = i;
    while (j - i < n && toks[j] && toks[j]!.kind !== 'punct' && toks[j]!.kind !== 'num') j++;
    return { value: j - i, next: j };
  };

/** Tries p at i, i+1, … (skipping up to n non-punctuation tokens first), lazily. */
export function after<T>(n: number, p: Pattern<T>): Pattern<T> {
  return (toks, i) => {
    for (let j = i; j <= i + n && j <= toks.length; j++) {
      const m = p(toks, j);
      if (m) return m;
      const t = toks[j];
      if (!t || t.kind === 'punct') break;
    }
    return null;
  };
}

/** All non-overlapping matches of p, scanning left to right. */
export function findAll<T>(p: Pattern<T>, toks: readonly Tok[], from = 0, to = toks.length): (Match<T> & { at: number })[] {
  const out: (Match<T> & { at: number })[] = [];
  let i = from;
  while (i < to) {
    const m = p(toks.slice(0, to), i);
    if (m && m.next > i) {
      out.push({ ...m, at: i });
      i = m.next;
    } else {
      i++;
    }
  }
  return out;
}

/** First match of p anywhere in [from, to). */
export function findFirst<T>(p: Pattern<T>, toks: readonly Tok[], from = 0, to = toks.length): (Match<T> & { at: number }) | null {
  return findAll(p, toks, from, to)[0] ?? null;
}
