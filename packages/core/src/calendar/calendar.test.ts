import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { addBusinessDays, businessDaysAfter, nthBusinessDay, workCalendar } from './business-days';
import { addDays, dayNumber, isoOf, weekday } from './days';
import { holidaysCn2026 } from './holiday-data';
import { latenessOf, roundsOverCap } from './lateness';
import { cascadeDue, periodsOf, type ReportWindow } from './windows';

// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), as data in holidays/cn-2026.json
const cal = workCalendar(holidaysCn2026);

describe('days', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2026-01-01', 20454, 4], // a Thursday (通知: 1月1日（周四）)
    ['2026-02-15', 20499, 0], // 春节 starts on a Sunday (通知: 2月15日（周日）)
    ['2026-10-10', 20736, 6], // 调休 Saturday
    ['2024-02-29', 19782, 4],
  ])('%s is day %i, weekday %i', (iso, n, wd) => {
    expect(dayNumber(iso)).toBe(n);
    expect(isoOf(n)).toBe(iso);
    expect(weekday(n)).toBe(wd);
  });
  it('refuses impossible dates naming them', () => {
    expect(() => dayNumber('2026-02-29')).toThrow(/2026-02-29.*不存在/);
    expect(() => dayNumber('2026/3/1')).toThrow(CoreError);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('workCalendar (2026)', () => {
  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-02', false, '元旦'],
    ['2026-01-04', true, '元旦调休上班'], // a Sunday worked
    ['2026-01-05', true, null],
    ['2026-02-14', true, '春节调休上班'], // Saturday worked
    ['2026-02-16', false, '春节'], // Monday off
    ['2026-02-23', false, '春节'],
    ['2026-02-24', true, null],
    ['2026-02-28', true, '春节调休上班'],
    ['2026-03-07', false, null], // an ordinary Saturday
    ['2026-04-06', false, '清明节'],
    ['2026-05-05', false, '劳动节'],
    ['2026-05-09', true, '劳动节调休上班'],
    ['2026-06-19', false, '端午节'],
    ['2026-09-20', true, '国庆节调休上班'],
    ['2026-09-25', false, '中秋节'],
    ['2026-10-07', false, '国庆节'],
    ['2026-10-08', true, null],
    ['2026-10-10', true, '国庆节调休上班'],
    ['2026-10-11', false, null],
  ])('%s business day: %s (%s)', (iso, isBusiness, note) => {
    expect(cal.isBusinessDay(iso)).toBe(isBusiness);
    expect(cal.noteOf(iso)).toBe(note);
  });

  it('counts 248 business days in 2026', () => {
    // 365 days, 2026-01-01 a Thursday: 104 weekend days, 261 weekdays; weekday holidays
    // 元旦 2 + 春节 6 + 清明 1 + 劳动 3 + 端午 1 + 中秋 1 + 国庆 5 = 19; 调休 weekend workdays 6 → 261 − 19 + 6 = 248
    expect(businessDaysAfter(cal, '2025-12-31', '2026-12-31')).toBe(248);
  });

  it('adds and subtracts business days across 春节 and 国庆', () => {
    expect(addBusinessDays(cal, '2026-02-13', 1)).toBe('2026-02-14'); // the 调休 Saturday
    expect(addBusinessDays(cal, '2026-02-14', 1)).toBe('2026-02-24'); // 15–23 off
    expect(addBusinessDays(cal, '2026-10-09', -2)).toBe('2026-09-30'); // 10-08, then 09-30
    expect(addBusinessDays(cal, '2026-03-02', 0)).toBe('2026-03-02');
    expect(nthBusinessDay(cal, 2026, 1, 3)).toBe('2026-01-06'); // 01-04 (调休), 01-05, 01-06
    expect(nthBusinessDay(cal, 2026, 10, 3)).toBe('2026-10-10'); // 10-08, 10-09, 10-10 (调休)
  });

  it('refuses a 调休 day that is also a holiday, and a holiday ending before it starts', () => {
    expect(() => workCalendar({ holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }], workdays: [{ name: '错', date: '2026-10-03' }] })).toThrow(/2026-10-03 既是放假日（国庆节）又是调休上班日/);
    expect(() => workCalendar({ holidays: [{ name: '春节', from: '2026-02-23', to: '2026-02-15' }], workdays: [] })).toThrow(/早于开始日/);
  });
});

describe('periodsOf', () => {
  const dues = (w: ReportWindow) => periodsOf(w, 2026, cal).map((p) => `${p.period} ${p.label} ${p.due}`);

  it('monthly by the 5th of the next month, rolled past weekends and holidays (每月5日前报送上月情况)', () => {
    expect(dues({ cadence: 'monthly', dueDay: 5 })).toEqual([
      '2026-01 1月 2026-02-05',
      '2026-02 2月 2026-03-05',
      '2026-03 3月 2026-04-07', // 04-05 is a Sunday in 清明 (04-04..06)
      '2026-04 4月 2026-05-06', // 05-05 is 劳动节
      '2026-05 5月 2026-06-05',
      '2026-06 6月 2026-07-06', // Sunday
      '2026-07 7月 2026-08-05',
      '2026-08 8月 2026-09-07', // Saturday
      '2026-09 9月 2026-10-08', // 国庆 01..07
      '2026-10 10月 2026-11-05',
      '2026-11 11月 2026-12-07', // Saturday
      '2026-12 12月 2027-01-05', // a Tuesday (the 2027 list is not loaded)
    ]);
    const april = periodsOf({ cadence: 'monthly', dueDay: 5 }, 2026, cal)[3]!;
    expect(april).toMatchObject({ from: '2026-04-01', to: '2026-04-30', nominalDue: '2026-05-05', due: '2026-05-06' });
    expect(periodsOf({ cadence: 'monthly', dueDay: 5, roll: 'none' }, 2026, cal)[2]!.due).toBe('2026-04-05');
  });

  it('monthly within the month, day 31 as the month’s last day (每月底前)', () => {
    const p = periodsOf({ cadence: 'monthly', dueDay: 31, dueIn: 'last-month', roll: 'none' }, 2026, cal);
    expect(p.map((x) => x.due).slice(0, 4)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('the 3rd business day of the next month', () => {
    expect(dues({ cadence: 'monthly', dueDay: 3, dayKind: 'business' }).slice(0, 2)).toEqual(['2026-01 1月 2026-02-04', '2026-02 2月 2026-03-04']);
    expect(dues({ cadence: 'monthly', dueDay: 3, dayKind: 'business' })[8]).toBe('2026-09 9月 2026-10-10');
  });

  it('bimonthly, quarterly, half-yearly, annual and one-off', () => {
    expect(dues({ cadence: 'bimonthly', dueDay: 5 })).toEqual(['2026-B1 1-2月 2026-03-05', '2026-B2 3-4月 2026-05-06', '2026-B3 5-6月 2026-07-06', '2026-B4 7-8月 2026-09-07', '2026-B5 9-10月 2026-11-05', '2026-B6 11-12月 2027-01-05']);
    // Q3 due 10-10, a Saturday worked (调休): no roll; Q4 due 2027-01-10, a Sunday → Monday
    expect(dues({ cadence: 'quarterly', dueDay: 10 })).toEqual(['2026-Q1 第一季度 2026-04-10', '2026-Q2 第二季度 2026-07-10', '2026-Q3 第三季度 2026-10-10', '2026-Q4 第四季度 2027-01-11']);
    expect(dues({ cadence: 'half-yearly', dueDay: 15 })).toEqual(['2026-H1 上半年 2026-07-15', '2026-H2 下半年 2027-01-15']);
    expect(dues({ cadence: 'annual', dueDate: '2027-01-15' })).toEqual(['2026 全年 2027-01-15']);
    expect(dues({ cadence: 'one-off', dueDate: '2026-10-01', period: '自查报告' })).toEqual(['自查报告 自查报告 2026-10-08']);
  });

  it('refuses a window without its due day or date, naming the field', () => {
    expect(() => periodsOf({ cadence: 'monthly' }, 2026, cal)).toThrow(/window\.dueDay: 截止日 dueDay 须为 1 到 31 的整数/);
    expect(() => periodsOf({ cadence: 'annual' }, 2026, cal)).toThrow(/window\.dueDate/);
    expect(() => periodsOf({ cadence: 'monthly', dueDay: 24, dayKind: 'business' }, 2026, cal)).toThrow(/1 到 23/);
  });
});

describe('cascadeDue', () => {
  it('division before unit before lead department, in business days', () => {
    // lead 10-09 (Fri); 2 business days before: 10-08, then 09-30 (國庆 01..07 off); 1 before that: 09-29
    expect(cascadeDue(cal, '2026-10-09', { unitBeforeLead: 2, divisionBeforeUnit: 1 })).toEqual({ lead: '2026-10-09', unit: '2026-09-30', division: '2026-09-29' });
    // lead 02-26: 02-25, 02-24, then the 调休 Saturday 02-14 (15..23 off); division 02-13
    expect(cascadeDue(cal, '2026-02-26', { unitBeforeLead: 3, divisionBeforeUnit: 1 })).toEqual({ lead: '2026-02-26', unit: '2026-02-14', division: '2026-02-13' });
    expect(cascadeDue(cal, '2026-03-10', { unitBeforeLead: 0, divisionBeforeUnit: 0 })).toEqual({ lead: '2026-03-10', unit: '2026-03-10', division: '2026-03-10' });
    expect(() => cascadeDue(cal, '2026-03-10', { unitBeforeLead: -1, divisionBeforeUnit: 0 })).toThrow(/unitBeforeLead/);
  });
});

describe('latenessOf', () => {
  it.each([
    ['2026-09-30', '2026-09-30', '2026-12-31', 'on-time', 0, 0],
    ['2026-09-30', '2026-09-01', '2026-12-31', 'on-time', 0, 0],
    // 9 calendar days; business days after the due date: 10-08, 10-09
    ['2026-09-30', '2026-10-09', '2026-12-31', 'late', 9, 2],
    // the 调休 Saturday counts as a business day
    ['2026-02-13', '2026-02-14', '2026-12-31', 'late', 1, 1],
    ['2026-02-13', '2026-02-24', '2026-12-31', 'late', 11, 2],
    // nothing submitted by 10-12: 12 days so far, business 10-08, 10-09, 10-10, 10-12
    ['2026-09-30', null, '2026-10-12', 'missing', 12, 4],
    ['2026-09-30', null, '2026-09-30', 'open', 0, 0],
  ] as const)('due %s, submitted %s, as of %s: %s (%i days, %i business days)', (due, submitted, asOf, state, days, business) => {
    expect(latenessOf(cal, due, submitted, asOf)).toEqual({ state, daysLate: days, businessDaysLate: business });
  });
});

describe('roundsOverCap', () => {
  it('names each unit × month over the cap', () => {
    const items = [
      { unit: 'A', due: '2026-03-05' },
      { unit: 'A', due: '2026-03-10' },
      { unit: 'A', due: '2026-03-31' },
      { unit: 'A', due: '2026-04-05' },
      { unit: 'B', due: '2026-03-05' },
    ];
    expect(roundsOverCap(items, 2)).toEqual([{ unit: 'A', month: '2026-03', rounds: 3 }]);
    expect(roundsOverCap(items, 3)).toEqual([]);
  });
});
