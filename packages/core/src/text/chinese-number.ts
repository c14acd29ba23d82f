import * as P from '../points';
import type { Dec } from '../points';

/**
 * Numbers as rule text writes them: Arabic (half- or full-width), Chinese numerals (十五, 二十一,
 * 一百零五, 两万, 〇点五, 零点零五), 百分之X, X%, X‰, X个百分点, ranges (0.1-0.5分, 1～3分,
 * 0.5—1分) and a unit (分, 万元, 次, 个工作日…).
 *
 * Written in-house: nzh reads 两万 as 0 and 百分之九十五 as 195 (STACK.md §6). Everything here is
 * exact (`Dec`), never floating point.
 */

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
const CN_NUMERAL_CHARS = new Set([...Object.keys(CN_DIGITS), ...Object.keys(CN_SMALL_UNITS), ...Object.keys(CN_BIG_UNITS), '点']);

const FULLWIDTH_DIGITS = /[０-９．]/g;
/** Full-width digits and point to ASCII, one character for one (spans stay valid). */
export const toHalfWidthDigits = (s: string): string =>
  s.replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Integer part of a Chinese numeral ("一百零五" → 105, "两万" → 20000, "十五" → 15); undefined when malformed. */
function parseChineseInteger(s: string): number | undefined {
  if (s.length === 0) return undefined;
  let total = 0; // completed 亿/万 sections
  let section = 0; // below 万
  let digit: number | undefined;
  let lastSmallUnit = Infinity;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      // 二三 is not a number, nor 五零 (a digit before 零 was dropped: 扣五零分 read as 0); 一百零五's 零 follows a unit
      if (digit !== undefined && digit !== 0) return undefined;
      digit = CN_DIGITS[ch];
    } else if (ch in CN_SMALL_UNITS) {
      const unit = CN_SMALL_UNITS[ch]!;
      if (unit >= lastSmallUnit) return undefined; // 十百, 百百
      // A bare 十 at the start of a section is 一十 (十五 = 15).
      section += (digit === undefined || digit === 0 ? (ch === '十' || ch === '拾' ? 1 : NaN) : digit) * unit;
      if (Number.isNaN(section)) return undefined;
      digit = undefined;
      lastSmallUnit = unit;
    } else if (ch in CN_BIG_UNITS) {
      const unit = CN_BIG_UNITS[ch]!;
      const value = section + (digit ?? 0);
      if (value === 0 && total === 0) return undefined;
      total = unit === 100_000_000 ? (total + value) * unit : total + value * unit;
      section = 0;
      digit = undefined;
      lastSmallUnit = Infinity;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** Parses a standalone Chinese numeral, with 点 for decimals ("零点零五" → 0.05). */
export function parseChineseNumeral(s: string): Dec | undefined {
  const [intPart, fracPart, extra] = s.split('点');
  if (extra !== undefined || intPart === undefined) return undefined;
  const int = intPart === '' ? undefined : parseChineseInteger(intPart);
  if (int === undefined) return undefined;
  if (fracPart === undefined) return P.fromInt(int);
  if (fracPart === '' || ![...fracPart].every((c) => c in CN_DIGITS)) return undefined;
  const frac = [...fracPart].map((c) => String(CN_DIGITS[c])).join('');
  return P.dec(`${int}.${frac}`);
}

/**
 * Parses one standalone number in any form: "15.5", "１５．５", "十五", "两万", "1.5万", "〇点五".
 * Percent forms ("95%", "百分之九十五") return the percent figure (95); use `readQuantity` to keep the unit.
 */
export function parseNumber(input: string): Dec | undefined {
  const s = toHalfWidthDigits(input.trim()).replace(/\s+/g, '');
  const q = readQuantity(s, 0, { standalone: true });
  if (!q || q.end !== s.length || q.range) return undefined;
  return q.value;
}

export type PercentKind = 'percent' | 'percent-points' | 'permille';

/** A number found in text, with the unit written after it. */
export type Quantity = {
  value: Dec;
  /** Unit as written after the number: 分, 次, 万元, %, 个百分点… (absent for a bare number). */
  unit?: string;
  /** For %, ％, 百分之X (percent), X个百分点 (percent-points), ‰ (permille). */
  percent?: PercentKind;
  /** "0.1-0.5分": both ends (value is the lower end). */
  range?: { min: Dec; max: Dec };
  /** The number was written with Chinese numerals. */
  chinese?: boolean;
  start: number;
  end: number;
  raw: string;
};

/** Units recognised after a number, longest first. */
const UNITS = [
  '个百分点', '百分点', '个工作日', '工作日', '个自然日', '个月', '人次', '批次', '万元', '亿元', '千元', '分钟', '小时', '季度', '公里',
  '%', '％', '‰', '分', '元', '万', '亿', '亩', '人', '次', '件', '起', '天', '日', '个', '名', '位', '项', '例', '条', '处', '篇', '家', '年',
  '月', '周', '档', '倍', '户', '宗', '单', '所', '座', '米', '吨', '头', '只', '场', '期', '本', '轮', '类', '样', '票', '届',
].sort((a, b) => b.length - a.length);

/** Units after which a Chinese numeral is certainly a number (so 一票否决, 三会一课, 十分重视 are not). */
const CN_SAFE_COUNTERS = new Set(UNITS.filter((u) => !['分', '票', '类', '样', '届', '轮', '期', '本', '单', '所', '座', '场'].includes(u)));
/** Characters after which a Chinese numeral is read as a number even before an ambiguous unit (扣十分, 缺一样). */
const CN_TRIGGERS = new Set([...'扣加得计记减少每低高达于前后第至到超过共为满足约近余逾下降增长各别内缺、-—～~（(：:']);

const RANGE_SEPARATORS = new Set(['-', '—', '–', '－', '~', '～', '至', '到']);

function percentOf(unit: string | undefined): PercentKind | undefined {
  if (unit === '%' || unit === '％') return 'percent';
  if (unit === '个百分点' || unit === '百分点') return 'percent-points';
  if (unit === '‰') return 'permille';
  return undefined;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

function prevNonSpace(s: string, i: number): string | undefined {
  let j = i - 1;
  while (j >= 0 && isSpace(s[j])) j--;
  return j >= 0 ? s[j] : undefined;
}

type Bare = { value: Dec; end: number; chinese: boolean };

/** Reads a bare number (no unit) at i: Arabic digits or a Chinese numeral run. */
function readBare(s: string, i: number, multiply = false): Bare | undefined {
  const arabic = /^\d+(?:\.\d+)?/.exec(s.slice(i, i + 40));
  if (arabic) {
    let end = i + arabic[0].length;
    let value: Dec;
    try {
      value = P.dec(arabic[0]);
    } catch {
      return undefined;
    }
    // "1.5万" (not 万元, which is a unit): a multiplier for a standalone number; in running text
    // "100万以上…50—100万" keeps 万 as the unit, like 万元, so both ends of a range agree.
    if (multiply && (s[end] === '万' || s[end] === '亿') && s[end + 1] !== '元') {
      value = P.mul(value, P.fromInt(s[end] === '万' ? 10_000 : 100_000_000));
      end++;
    }
    return { value, end, chinese: false };
  }
  let j = i;
  while (j < s.length && CN_NUMERAL_CHARS.has(s[j]!)) j++;
  // 两万元 / 五亿元: the 万/亿 belongs to the unit.
  if (j > i + 1 && (s[j - 1] === '万' || s[j - 1] === '亿') && s[j] === '元') j--;
  while (j > i && s[j - 1] === '点') j--;
  if (j === i) return undefined;
  const run = s.slice(i, j);
  // Beyond what points can hold exactly (一万亿): no number here, so the clause goes to review instead of the
  // import failing on a thrown decimal-range error (Arabic digits are guarded the same way above).
  let value: ReturnType<typeof parseChineseNumeral>;
  try {
    value = parseChineseNumeral(run);
  } catch {
    return undefined;
  }
  if (value === undefined) return undefined;
  return { value, end: j, chinese: true };
}

function readUnit(s: string, i: number): { unit: string; end: number } | undefined {
  const j = skipSpaces(s, i);
  for (const u of UNITS) {
    if (s.startsWith(u, j)) {
      if (u === '分' && (s[j + 1] === '别' || s[j + 1] === '管' || s[j + 1] === '值' || s[j + 1] === '钟')) continue;
      if (u === '个' && s.startsWith('个百分点', j)) continue;
      return { unit: u, end: j + u.length };
    }
  }
  return undefined;
}

/**
 * Reads the quantity starting exactly at `i` (after normalisation: ASCII digits), or undefined.
 * Chinese numerals are accepted only where they are clearly numbers: after a trigger such as
 * 扣/每/少/低于, or before a counting unit (次, 起, 个百分点…).
 */
export function readQuantity(text: string, i: number, opts: { standalone?: boolean } = {}): Quantity | undefined {
  const s = text;
  let pos = i;
  let percentPrefix = false;
  if (s.startsWith('百分之', pos)) {
    percentPrefix = true;
    pos = skipSpaces(s, pos + 3);
  }
  const first = readBare(s, pos, opts.standalone === true);
  if (!first) return undefined;
  let end = first.end;
  let unit = percentPrefix ? '%' : undefined;
  if (!percentPrefix) {
    const u = readUnit(s, end);
    if (u) {
      unit = u.unit;
      end = u.end;
    }
  }
  if (first.chinese && !percentPrefix && !opts.standalone) {
    const prev = prevNonSpace(s, i);
    const trusted = (prev !== undefined && CN_TRIGGERS.has(prev)) || (unit !== undefined && CN_SAFE_COUNTERS.has(unit));
    // A lone 十/百 without digits ("十分重视", "百姓") is not a number unless triggered.
    if (!trusted) return undefined;
  }
  const q: Quantity = { value: first.value, start: i, end, raw: s.slice(i, end) };
  if (unit) q.unit = unit;
  if (first.chinese) q.chinese = true;
  // Range: "0.1-0.5分", "5亿元-10亿元", "95%至80%", "1～3分".
  const sepAt = skipSpaces(s, end);
  const sep = s[sepAt];
  if (sep !== undefined && RANGE_SEPARATORS.has(sep)) {
    let p2 = skipSpaces(s, sepAt + 1);
    let pct2 = false;
    if (s.startsWith('百分之', p2)) {
      pct2 = true;
      p2 += 3;
    }
    const second = readBare(s, p2);
    const isWordSep = sep === '至' || sep === '到';
    if (second && (!second.chinese || !isWordSep || first.chinese)) {
      let end2 = second.end;
      let unit2 = pct2 ? '%' : undefined;
      if (!pct2) {
        const u2 = readUnit(s, end2);
        if (u2) {
          unit2 = u2.unit;
          end2 = u2.end;
        }
      }
      const compatible = unit === undefined || unit2 === undefined || unit === unit2;
      if (compatible && (unit !== undefined || unit2 !== undefined || !isWordSep)) {
        const lo = P.min(first.value, second.value);
        const hi = P.max(first.value, second.value);
        q.range = { min: lo, max: hi };
        q.value = first.value;
        const u = unit ?? unit2;
        if (u) q.unit = u;
        q.end = end2;
        q.raw = s.slice(i, end2);
      }
    }
  }
  const pk = percentOf(q.unit);
  if (pk) q.percent = pk;
  return q;
}

/** Every quantity in a text, left to right (for tests and diagnostics). */
export function scanQuantities(input: string): Quantity[] {
  const s = toHalfWidthDigits(input);
  const out: Quantity[] = [];
  let i = 0;
  while (i < s.length) {
    const prev = s[i - 1];
    // Start of a number only: not inside "12" or after a decimal point.
    const startsHere = !(prev !== undefined && /[\d.]/.test(prev) && /\d/.test(s[i]!));
    const q = startsHere ? readQuantity(s, i) : undefined;
    if (q) {
      out.push(q);
      i = q.end;
    } else {
      i++;
    }
  }
  return out;
}
