/**
 * Text measured in CJK character widths (一个汉字 = 1): ASCII letters, digits and half-width punctuation
 * count 0.5, everything else (汉字, full-width punctuation 、，（）) counts 1. This is how Word and
 * LibreOffice set Chinese text in a CJK font with Latin in Times New Roman, within a few per cent.
 */
export function cjkWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c < 0x2e80 && !(c >= 0x2014 && c <= 0x2015) && !(c >= 0x2018 && c <= 0x201d) && c !== 0x2026 ? 0.5 : 1;
  }
  return w;
}

/** The width of the longest line of a cell. */
export function longestLine(text: string): number {
  return text.split('\n').reduce((m, line) => Math.max(m, cjkWidth(line)), 0);
}

/** The width of the longest unbreakable run (a number, a Latin word): a column narrower than this breaks it mid-word. */
export function longestWord(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/[A-Za-z0-9.\-%/（）()]+/g)) best = Math.max(best, cjkWidth(m[0]));
  return Math.max(best, /[^\x00-\x7f]/.test(text) ? 1 : 0);
}

/** How many lines a cell of `width` characters needs for `text` (each explicit line wraps on its own). */
export function linesNeeded(text: string, width: number): number {
  if (width <= 0) return 1;
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(cjkWidth(line) / width - 1e-9)), 0);
}
