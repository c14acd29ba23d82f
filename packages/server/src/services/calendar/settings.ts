import { holidaysCn2026, type HolidayList, workCalendar, type WorkCalendar } from '@kaohe/core';
import { eq } from 'drizzle-orm';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { assessments, calendarSettings } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { audited } from '../audited';
import { staleVersion } from '../fact-lifecycle';

/** Reminder times in the office's local time: days before and after a due date, send time, quiet hours. */
export type ReminderSettings = { beforeDays: number[]; afterDays: number[]; sendAt: string; quietFrom: string; quietTo: string };
export type CalendarSettings = { assessmentId: string; holidays: HolidayList; roundsCap: number | null; reminders: ReminderSettings; utcOffsetMinutes: number; version: number; updatedAt: Date };

export const defaultReminders: ReminderSettings = { beforeDays: [3, 1], afterDays: [1, 3], sendAt: '09:00', quietFrom: '22:00', quietTo: '08:00' };

/** The State Council's list for the assessment's year when Kaohe ships it; otherwise weekends only, said in the list's name. */
function defaultHolidays(year: number): HolidayList {
  if (year === 2026) return holidaysCn2026;
  return { name: `（未设置 ${year} 年节假日：仅按周末计算，请考评办录入当年放假安排）`, holidays: [], workdays: [] };
}

export async function getCalendarSettings(db: Db, assessmentId: string): Promise<CalendarSettings> {
  const [row] = await db.select().from(calendarSettings).where(eq(calendarSettings.assessmentId, assessmentId));
  if (row) return { assessmentId, holidays: row.holidays as HolidayList, roundsCap: row.roundsCap, reminders: row.reminders as ReminderSettings, utcOffsetMinutes: row.utcOffsetMinutes, version: row.version, updatedAt: row.updatedAt };
  const [a] = await db.select({ year: assessments.year, createdAt: assessments.createdAt }).from(assessments).where(eq(assessments.id, assessmentId));
  if (!a) throw new AppError('not-found', '考核不存在');
  return { assessmentId, holidays: defaultHolidays(a.year), roundsCap: null, reminders: defaultReminders, utcOffsetMinutes: 480, version: 0, updatedAt: a.createdAt };
}

/** The office's working calendar; a bad list (a 调休 day that is also a holiday) is a 400 naming the entry. */
export function calendarOf(settings: Pick<CalendarSettings, 'holidays'>): WorkCalendar {
  try {
    return workCalendar(settings.holidays);
  } catch (error) {
    throw new AppError('bad-request', `节假日清单有误：${(error as Error).message}`);
  }
}

export function settingsView(s: CalendarSettings) {
  return { assessmentId: s.assessmentId, holidays: s.holidays, roundsCap: s.roundsCap, reminders: s.reminders, utcOffsetMinutes: s.utcOffsetMinutes, version: s.version, updatedAt: s.updatedAt.toISOString() };
}

export async function updateCalendarSettings(
  ctx: ServerContext,
  actor: AuditActor,
  userId: string,
  assessmentId: string,
  body: { holidays?: HolidayList | undefined; roundsCap?: number | null | undefined; reminders?: ReminderSettings | undefined; utcOffsetMinutes?: number | undefined; version?: number | undefined },
) {
  if (body.holidays) calendarOf({ holidays: body.holidays });
  return audited<CalendarSettings>(ctx, actor, { action: 'calendar.settings', objectType: 'assessment', objectId: assessmentId, after: (s: CalendarSettings) => ({ holidays: s.holidays, roundsCap: s.roundsCap, reminders: s.reminders, utcOffsetMinutes: s.utcOffsetMinutes, version: s.version }) }, async (tx) => {
    const [locked] = await tx.select().from(calendarSettings).where(eq(calendarSettings.assessmentId, assessmentId)).for('update');
    const current = await getCalendarSettings(tx, assessmentId);
    if (body.version !== undefined && body.version !== current.version) await staleVersion(tx, '日历设置', { version: current.version, updatedBy: locked?.updatedBy ?? null, updatedAt: current.updatedAt }, body.version);
    const now = ctx.clock.now();
    const next = {
      holidays: body.holidays ?? current.holidays,
      roundsCap: body.roundsCap === undefined ? current.roundsCap : body.roundsCap,
      reminders: body.reminders ?? current.reminders,
      utcOffsetMinutes: body.utcOffsetMinutes ?? current.utcOffsetMinutes,
      version: current.version + 1,
      updatedBy: userId,
      updatedAt: now,
    };
    if (locked) await tx.update(calendarSettings).set(next).where(eq(calendarSettings.assessmentId, assessmentId));
    else await tx.insert(calendarSettings).values({ assessmentId, ...next });
    return { assessmentId, ...next };
  });
}

/** The office's local date of an instant (China: UTC+8, no daylight saving). */
export function localDateOf(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant of a local date and HH:MM. */
export function instantOf(date: string, time: string, utcOffsetMinutes: number): Date {
  return new Date(Date.parse(`${date}T${time}:00Z`) - utcOffsetMinutes * 60_000);
}
