import * as P from '../points';
import type { Grade } from '../scheme/scheme.types';
import type { LedgerLine } from '../scoring/result.types';
import { gradeNotesZh, zhCN } from './messages.zh-CN';

const OPTIONAL = /\{(\w+)\?((?:[^{}]|\{\w+\})*)\}/g;
const PLAIN = /\{(\w+)\}/g;

/** Parameters that are whole counts; every other number parameter is an exact decimal (Dec). */
const INTEGER_PARAMS = new Set(['count', 'n', 'required', 'done', 'short', 'periods', 'rank', 'of', 'k', 'fromBottom', 'places', 'safe', 'decimals', 'tied', 'capped', 'exact', 'invert', 'repeat', 'perN', 'divisor']);

/** True for parameters that are whole counts (not exact decimals). */
export const isIntegerParam = (key: string): boolean => INTEGER_PARAMS.has(key);

/** A parameter as words: decimals are kept as exact millionths in the ledger and formatted only here. */
export function formatParam(key: string, v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number' && !INTEGER_PARAMS.has(key)) return P.toStr(v as P.Dec);
  return String(v);
}

function fill(template: string, params: Record<string, string | number>): string {
  const present = (k: string): boolean => params[k] !== undefined && params[k] !== '' && params[k] !== 0 && params[k] !== '0';
  return template
    .replace(OPTIONAL, (_m, key: string, body: string) => (present(key) ? body : ''))
    .replace(PLAIN, (_m, key: string) => formatParam(key, params[key]));
}

/** The words of one ledger line, in Chinese. Unknown keys print the key and parameters, never nothing. */
export function describeLine(line: LedgerLine): string {
  const t = zhCN[line.msg];
  if (!t) return `${line.msg} ${JSON.stringify(line.params)}`;
  return fill(t, line.params);
}

export function describeGradeNote(note: string, grades: readonly Grade[]): string {
  const [key, ...args] = note.split('|');
  const t = gradeNotesZh[key ?? ''];
  if (!t) return note;
  const name = (c: string): string => grades.find((g) => g.code === c)?.name ?? c;
  return t.replace(/\{(\d)\}/g, (_m, i: string) => {
    const v = args[Number(i) - 1] ?? '';
    // {1} is always a grade code; {2} is one too in grade.capped (from → to).
    return i === '1' || (key === 'grade.capped' && i === '2') ? name(v) : v;
  });
}

export const signed = (d: P.Dec): string => (d > 0 ? `+${P.toStr(d)}` : P.toStr(d));
