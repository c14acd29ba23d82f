import { CoreError } from '../errors';
import { addBusinessDays, nextBusinessDay, nthBusinessDay, type WorkCalendar } from './business-days';
import { dayNumber, daysInMonth, isoFromParts, type IsoDate } from './days';

/**
 * Report windows (报送周期) and their due dates. A window says how often a clause is reported and
 * by when; `periodsOf` lists the year's periods with their due dates on the office's calendar.
 *
 * - monthly / bimonthly / quarterly / half-yearly: due on day `dueDay` of the month after the
 *   period (次月5日前, `dueIn: 'following-month'`, the default) or of the period's last month
 *   (`dueIn: 'last-month'`: 每月25日前报送当月…); `dayKind: 'business'` counts business days
 *   (每月第3个工作日). A day past the month's end is its last day (31 → 2月28日).
 * - annual: due on `dueDate` (which may be in the next year: 次年1月15日前).
 * - one-off: due on `dueDate`, the period named by `period` (default the due date).
 * A calendar due date on a holiday or weekend moves to the next business day (遇节假日顺延) unless
 * `roll: 'none'`; the nominal date is kept beside it.
 */
export type Cadence = 'monthly' | 'bimonthly' | 'quarterly' | 'half-yearly' | 'annual' | 'one-off';
export const cadences: readonly Cadence[] = ['monthly', 'bimonthly', 'quarterly', 'half-yearly', 'annual', 'one-off'];

export type ReportWindow = {
  cadence: Cadence;
  dueDay?: number;
  dayKind?: 'calendar' | 'business';
  dueIn?: 'following-month' | 'last-month';
  dueDate?: IsoDate;
  /** one-off: the period's name (e.g. 自查报告). */
  period?: string;
  roll?: 'next-business-day' | 'none';
};

export type DuePeriod = {
  /** Stable key of the period: 2026-03, 2026-B2, 2026-Q1, 2026-H1, 2026, or the one-off's name. */
  period: string;
  /** Chinese label: 3月, 3-4月, 第一季度, 上半年, 全年. */
  label: string;
  from: IsoDate;
  to: IsoDate;
  /** The date on the window before rolling (次月5日). */
  nominalDue: IsoDate;
  /** The due date after rolling to a business day. */
  due: IsoDate;
};

const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度'];
const pad = (n: number) => String(n).padStart(2, '0');

function span(cadence: Cadence): number {
  return cadence === 'monthly' ? 1 : cadence === 'bimonthly' ? 2 : cadence === 'quarterly' ? 3 : cadence === 'half-yearly' ? 6 : 12;
}

function periodName(cadence: Cadence, year: number, index: number, firstMonth: number, lastMonth: number): { period: string; label: string } {
  switch (cadence) {
    case 'monthly':
      return { period: `${year}-${pad(firstMonth)}`, label: `${firstMonth}月` };
    case 'bimonthly':
      return { period: `${year}-B${index + 1}`, label: `${firstMonth}-${lastMonth}月` };
    case 'quarterly':
      return { period: `${year}-Q${index + 1}`, label: quarterNames[index]! };
    case 'half-yearly':
      return { period: `${year}-H${index + 1}`, label: index === 0 ? '上半年' : '下半年' };
    default:
      return { period: String(year), label: '全年' };
  }
}

export function validateWindow(w: ReportWindow, path = 'window'): void {
  if (!cadences.includes(w.cadence)) throw new CoreError('calendar-invalid', `未知的报送周期“${String(w.cadence)}”`, `${path}.cadence`);
  if (w.cadence === 'annual' || w.cadence === 'one-off') {
    if (!w.dueDate) throw new CoreError('calendar-invalid', `${w.cadence === 'annual' ? '年度' : '一次性'}报送须给出截止日期 dueDate`, `${path}.dueDate`);
    dayNumber(w.dueDate, `${path}.dueDate`);
    return;
  }
  const max = w.dayKind === 'business' ? 23 : 31;
  if (w.dueDay === undefined || !Number.isInteger(w.dueDay) || w.dueDay < 1 || w.dueDay > max) {
    throw new CoreError('calendar-invalid', `截止日 dueDay 须为 1 到 ${max} 的整数${w.dayKind === 'business' ? '（第几个工作日）' : ''}`, `${path}.dueDay`);
  }
}

/** The year's periods of a window with their due dates, in order. */
export function periodsOf(w: ReportWindow, year: number, cal: WorkCalendar): DuePeriod[] {
  validateWindow(w);
  const roll = (iso: IsoDate) => (w.roll === 'none' ? iso : nextBusinessDay(cal, iso));
  if (w.cadence === 'annual' || w.cadence === 'one-off') {
    const due = w.dueDate!;
    const name = w.cadence === 'annual' ? { period: String(year), label: '全年' } : { period: w.period ?? due, label: w.period ?? `${due} 截止` };
    return [{ ...name, from: `${year}-01-01`, to: w.cadence === 'annual' ? `${year}-12-31` : due, nominalDue: due, due: roll(due) }];
  }
  const months = span(w.cadence);
  const out: DuePeriod[] = [];
  for (let index = 0; index * months < 12; index++) {
    const firstMonth = index * months + 1;
    const lastMonth = firstMonth + months - 1;
    const dueYear = w.dueIn === 'last-month' ? year : lastMonth === 12 ? year + 1 : year;
    const dueMonth = w.dueIn === 'last-month' ? lastMonth : (lastMonth % 12) + 1;
    let nominalDue: IsoDate;
    let due: IsoDate;
    if (w.dayKind === 'business') {
      nominalDue = due = nthBusinessDay(cal, dueYear, dueMonth, w.dueDay!);
    } else {
      nominalDue = isoFromParts(dueYear, dueMonth, Math.min(w.dueDay!, daysInMonth(dueYear, dueMonth)));
      due = roll(nominalDue);
    }
    out.push({ ...periodName(w.cadence, year, index, firstMonth, lastMonth), from: `${year}-${pad(firstMonth)}-01`, to: isoFromParts(year, lastMonth, daysInMonth(year, lastMonth)), nominalDue, due });
  }
  return out;
}

/**
 * Cascaded due dates (层层报送): the lead department's date is the window's; the unit reports
 * `unitBeforeLead` business days before it, and the unit's divisions `divisionBeforeUnit` business
 * days before the unit.
 */
export type DueCascade = { unitBeforeLead: number; divisionBeforeUnit: number };
export type CascadedDue = { lead: IsoDate; unit: IsoDate; division: IsoDate };

export function cascadeDue(cal: WorkCalendar, leadDue: IsoDate, c: DueCascade): CascadedDue {
  for (const [k, v] of Object.entries(c)) {
    if (!Number.isInteger(v) || v < 0) throw new CoreError('calendar-invalid', `提前工作日数 ${k} 须为非负整数`, `cascade.${k}`);
  }
  const unit = addBusinessDays(cal, leadDue, -c.unitBeforeLead);
  return { lead: leadDue, unit, division: addBusinessDays(cal, unit, -c.divisionBeforeUnit) };
}
