import { CoreError } from '../errors';
import { dayNumber, isoOf, type IsoDate, weekday } from './days';

/**
 * The office's working calendar: statutory holidays (放假) and make-up working days (调休上班) as
 * data — the State Council's yearly notice, edited by the administrator — over the Monday–Friday week.
 */
export type HolidayList = {
  name?: string;
  source?: string;
  holidays: { name: string; from: IsoDate; to: IsoDate }[];
  workdays: { name: string; date: IsoDate }[];
};

export type WorkCalendar = {
  isBusinessDay: (iso: IsoDate) => boolean;
  /** The holiday's name on a holiday, the 调休 name on a make-up working day, else null. */
  noteOf: (iso: IsoDate) => string | null;
};

export function workCalendar(list: HolidayList): WorkCalendar {
  const off = new Map<number, string>();
  const on = new Map<number, string>();
  list.holidays.forEach((h, i) => {
    const a = dayNumber(h.from, `holidays[${i}].from`);
    const b = dayNumber(h.to, `holidays[${i}].to`);
    if (b < a) throw new CoreError('calendar-invalid', `“${h.name}”的结束日 ${h.to} 早于开始日 ${h.from}`, `holidays[${i}]`);
    for (let d = a; d <= b; d++) off.set(d, h.name);
  });
  list.workdays.forEach((w, i) => {
    const d = dayNumber(w.date, `workdays[${i}].date`);
    if (off.has(d)) throw new CoreError('calendar-invalid', `${w.date} 既是放假日（${off.get(d)}）又是调休上班日（${w.name}）`, `workdays[${i}]`);
    on.set(d, w.name);
  });
  return {
    isBusinessDay: (iso) => {
      const d = dayNumber(iso);
      if (on.has(d)) return true;
      if (off.has(d)) return false;
      const wd = weekday(d);
      return wd !== 0 && wd !== 6;
    },
    noteOf: (iso) => {
      const d = dayNumber(iso);
      return off.get(d) ?? on.get(d) ?? null;
    },
  };
}

/** The date itself when it is a business day, else the next one (遇节假日顺延). */
export function nextBusinessDay(cal: WorkCalendar, iso: IsoDate): IsoDate {
  let d = dayNumber(iso);
  for (let guard = 0; guard < 400; guard++, d++) if (cal.isBusinessDay(isoOf(d))) return isoOf(d);
  throw new CoreError('calendar-invalid', `${iso} 之后一年内没有工作日`);
}

/** n business days after (n > 0) or before (n < 0) the date; 0 returns the date unchanged. */
export function addBusinessDays(cal: WorkCalendar, iso: IsoDate, n: number): IsoDate {
  let d = dayNumber(iso);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d += step;
    if (cal.isBusinessDay(isoOf(d))) left--;
  }
  return isoOf(d);
}

/** The n-th business day of a month (1-based). */
export function nthBusinessDay(cal: WorkCalendar, year: number, month: number, n: number): IsoDate {
  const first = dayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
  let count = 0;
  for (let d = first; d < first + 31; d++) {
    const iso = isoOf(d);
    if (Number(iso.slice(5, 7)) !== month) break;
    if (cal.isBusinessDay(iso) && ++count === n) return iso;
  }
  throw new CoreError('calendar-invalid', `${year} 年 ${month} 月没有第 ${n} 个工作日`);
}

/** Business days d with from < d ≤ to (0 when to ≤ from). */
export function businessDaysAfter(cal: WorkCalendar, from: IsoDate, to: IsoDate): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (cal.isBusinessDay(isoOf(d))) n++;
  return n;
}
