import { businessDaysAfter, type WorkCalendar } from './business-days';
import { dayNumber, type IsoDate } from './days';

/**
 * Lateness of a submission against its due date (the due date itself is on time):
 * - on-time: submitted on or before the due date;
 * - late: submitted after it, `daysLate` calendar days and `businessDaysLate` business days after;
 * - missing: nothing submitted and the as-of date is past the due date (the days so far are given);
 * - open: nothing submitted and the due date has not passed.
 */
export type LatenessState = 'on-time' | 'late' | 'missing' | 'open';
export type Lateness = { state: LatenessState; daysLate: number; businessDaysLate: number };

export function latenessOf(cal: WorkCalendar, due: IsoDate, submitted: IsoDate | null, asOf: IsoDate): Lateness {
  const end = submitted ?? asOf;
  const days = Math.max(0, dayNumber(end) - dayNumber(due));
  const business = days > 0 ? businessDaysAfter(cal, due, end) : 0;
  if (submitted !== null) return days > 0 ? { state: 'late', daysLate: days, businessDaysLate: business } : { state: 'on-time', daysLate: 0, businessDaysLate: 0 };
  return days > 0 ? { state: 'missing', daysLate: days, businessDaysLate: business } : { state: 'open', daysLate: 0, businessDaysLate: 0 };
}

/** Report rounds per unit and month of their due dates (the 考评办's cap on 报送 rounds, 基层减负). */
export function roundsPerMonth(items: readonly { unit: string; due: IsoDate }[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const it of items) {
    const month = it.due.slice(0, 7);
    const m = out.get(it.unit) ?? new Map<string, number>();
    m.set(month, (m.get(month) ?? 0) + 1);
    out.set(it.unit, m);
  }
  return out;
}

/** The unit × month pairs with more rounds than the cap, in unit then month order. */
export function roundsOverCap(items: readonly { unit: string; due: IsoDate }[], cap: number): { unit: string; month: string; rounds: number }[] {
  const out: { unit: string; month: string; rounds: number }[] = [];
  for (const [unit, months] of roundsPerMonth(items)) for (const [month, rounds] of months) if (rounds > cap) out.push({ unit, month, rounds });
  return out.sort((a, b) => (a.unit === b.unit ? a.month.localeCompare(b.month) : a.unit.localeCompare(b.unit)));
}
