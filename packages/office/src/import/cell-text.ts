import { dec, type Dec } from '@kaohe/core';

/**
 * Small readers for the text of table cells as the seeds write them: titles with their points,
 * numbering markers of the hierarchy, lists of names. Pure functions; each says which forms it accepts.
 */

const FULL_DIGITS = /[０-９．]/g;

/** Full-width digits and point → ASCII (分值 "１５" is common in Word tables). */
export function halfWidth(text: string): string {
  return text.replace(FULL_DIGITS, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const HAN = '\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20“”‘’';

/**
 * Joins the pieces of a cell that narrow columns or vertical text broke up: "乡村⏎振兴" → "乡村振兴",
 * "政 府 数字化转型" → "政府数字化转型". Whitespace between two Latin/digit characters is kept ("G60 科创" stays).
 */
export function joinCell(text: string): string {
  return text
    .replace(new RegExp(`(?<=[${HAN}])\\s+|\\s+(?=[${HAN}])`, 'gu'), '')
    .replace(/\s+/g, ' ')
    .trim();
}

export type TitlePoints = { title: string; points?: Dec; pointsText?: string; repaired?: string };

const NUMBER = '(\\d+(?:\\.\\d+)?)';
const POINT_FORMS: RegExp[] = [
  // "（20分）" "(0.5)" "（1 分）" "(10分）": brackets of either width, mixed
  new RegExp(`[（(]\\s*${NUMBER}\\s*分?\\s*[)）]$`),
  // "分值：3" "分值:3分"
  new RegExp(`分值\\s*[:：]?\\s*${NUMBER}\\s*分?$`),
  // "乡村振兴 20分" "农业农村工作5分"
  new RegExp(`${NUMBER}\\s*分$`),
];

/**
 * Splits "title + points" as the seeds write it at the end of a cell. Returns the title without the
 * points; "脱贫攻坚分5分" (001:521, a stray 分) gives 脱贫攻坚 and says what was repaired.
 */
export function splitTitlePoints(raw: string): TitlePoints {
  const text = joinCell(halfWidth(raw));
  if (/^-?\d+(\.\d+)?$/.test(text)) return { title: '', points: dec(text), pointsText: text };
  for (const form of POINT_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    let title = text.slice(0, m.index).trim();
    let repaired: string | undefined;
    if (/[\p{Script=Han}]分$/u.test(title) && form === POINT_FORMS[2]) {
      repaired = `“${text}”中多出的“分”字已去掉`;
      title = title.slice(0, -1);
    }
    title = title.replace(/[：:，,\s]+$/, '');
    return { title, points: dec(m[1]!), pointsText: m[0].trim(), ...(repaired ? { repaired } : {}) };
  }
  return { title: text };
}

/** A plain number in a points column ("10", "-1.5", "１５"); undefined for anything else. */
export function readPointsCell(raw: string): Dec | undefined {
  const text = halfWidth(raw).replace(/\s+/g, '').replace(/分$/, '');
  // Beyond 9 digits it is a phone or ID number, never points.
  return /^[-+]?\d{1,9}(\.\d+)?$/.test(text) ? dec(text) : undefined;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 (numbering of headings never goes further). */
export function chineseOrdinal(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return undefined;
  const tens = m[2] ? (m[1] ? CN_DIGIT[m[1]]! : 1) : 0;
  const ones = m[2] ? (m[3] ? CN_DIGIT[m[3]]! : 0) : m[1] ? CN_DIGIT[m[1]]! : undefined;
  if (ones === undefined) return undefined;
  return tens * 10 + ones;
}

/**
 * Levels of the numbering the seeds use: 一、(1) （一）(2) 1. 1．1、(3) （1）(4) ①(5).
 * "l." (a letter l for 1, 000:1033) is read as 1 and reported.
 */
export type Marker = { level: 1 | 2 | 3 | 4 | 5; n: number; raw: string; rest: string; repaired?: string };

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

export function readMarker(line: string): Marker | undefined {
  const text = halfWidth(line).replace(/^\s+/, '');
  let m = /^([一二三四五六七八九十]{1,3})\s*[、.](?!\d)\s*/.exec(text);
  if (m) {
    const n = chineseOrdinal(m[1]!);
    if (n !== undefined) return { level: 1, n, raw: m[0].trim(), rest: text.slice(m[0].length) };
  }
  m = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*/.exec(text);
  if (m) {
    const n = chineseOrdinal(m[1]!);
    if (n !== undefined) return { level: 2, n, raw: m[0].trim(), rest: text.slice(m[0].length) };
  }
  m = /^(\d{1,3})\s*[.、](?!\d)\s*/.exec(text);
  if (m) return { level: 3, n: Number(m[1]), raw: m[0].trim(), rest: text.slice(m[0].length) };
  m = /^l\s*[.、](?!\d)\s*/.exec(text);
  if (m) return { level: 3, n: 1, raw: m[0].trim(), rest: text.slice(m[0].length), repaired: `编号“${m[0].trim()}”按“1.”读取` };
  m = /^[（(]\s*(\d{1,3})\s*[)）]\s*/.exec(text);
  if (m) return { level: 4, n: Number(m[1]), raw: m[0].trim(), rest: text.slice(m[0].length) };
  const c = CIRCLED.indexOf(text[0] ?? '');
  if (c >= 0) return { level: 5, n: c + 1, raw: text[0]!, rest: text.slice(1).trim() };
  return undefined;
}

/** Splits a cell naming several bodies: 、，, ; / and line breaks; drops stray brackets (000:1042 "）"). */
export function splitNames(text: string): string[] {
  return splitOutsideBrackets(text)
    .map((s) => s.replace(/^[\s）)]+|[\s（(]+$/g, '').trim())
    .map((s) => (/^[（(]/.test(s) || /[）)]$/.test(s) ? balance(s) : s))
    .filter((s) => s !== '' && !/^[）)（(]+$/.test(s));
}

/** Splits on 、，,；;／/ line breaks and wide gaps, but not inside brackets: 各县（市、区）政府 is one name. */
function splitOutsideBrackets(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '（' || c === '(') depth++;
    if ((c === '）' || c === ')') && depth > 0) depth--;
    const gap = c === ' ' && text[i + 1] === ' ';
    if (depth === 0 && ('、，,；;／/\n'.includes(c) || gap)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function balance(s: string): string {
  const open = (s.match(/[（(]/g) ?? []).length;
  const close = (s.match(/[）)]/g) ?? []).length;
  if (close > open) return s.replace(/^[）)]+/, '').replace(/[）)]+$/, '');
  return s;
}

/** A short clipped title for an indicator whose cell is a whole sentence (004 tasks, 001 department rows). */
export function titleOf(text: string, max = 30): string {
  const flat = joinCell(text);
  const first = /^[^，。；;,！？]+/.exec(flat)?.[0] ?? flat;
  return first.length > max ? `${first.slice(0, max)}…` : first;
}
