import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { assessments, units, users } from './schema';
import { text, id, ts, ref, optionalRef } from './columns';

/**
 * The year's calendar (docs/calendar.md): the office's holiday list and reminder settings per
 * assessment, report windows per clause / indicator (optionally one unit category), the due items
 * generated from them, late / missing deduction proposals, and in-app notifications.
 * Same portability rules as schema.ts: ids from the application, PG12-level SQL, '' written as NULL.
 */

/** Per assessment: the holiday and 调休 list (data the administrator edits), round cap, reminders. */
export const calendarSettings = pgTable('calendar_settings', {
  assessmentId: uuid('assessment_id')
    .primaryKey()
    .references(() => assessments.id),
  holidays: jsonb('holidays').notNull(),
  /** Most report rounds a unit may be asked for in one month; null: no cap. */
  roundsCap: integer('rounds_cap'),
  /** { beforeDays: number[], afterDays: number[], sendAt: 'HH:MM', quietFrom: 'HH:MM', quietTo: 'HH:MM' } in local time. */
  reminders: jsonb('reminders').notNull(),
  /** The office's offset from UTC in minutes (China: 480); submission times become local dates with it. */
  utcOffsetMinutes: integer('utc_offset_minutes').notNull().default(480),
  version: integer('version').notNull().default(1),
  updatedBy: optionalRef('updated_by', () => users.id),
  updatedAt: ts('updated_at').notNull(),
});

/** A report window (报送周期) of one clause or indicator, for all its units or one unit category. */
export const reportWindows = pgTable(
  'report_windows',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    ref: text('ref').notNull(),
    unitCategory: text('unit_category'),
    window: jsonb('window').notNull(),
    /** { unitBeforeLead, divisionBeforeUnit } business days; null: everyone has the window's date. */
    cascade: jsonb('cascade'),
    note: text('note'),
    createdBy: optionalRef('created_by', () => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('report_windows_assessment').on(t.assessmentId)],
);

/** One thing a unit owes: unit × ref × period with its due dates (ISO dates, the office's calendar). */
export const dueItems = pgTable(
  'due_items',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    windowId: ref('window_id', () => reportWindows.id),
    unitId: ref('unit_id', () => units.id),
    ref: text('ref').notNull(),
    period: text('period').notNull(),
    /** The period a reported fact carries for this item ('全年' for an annual window). */
    factPeriod: text('fact_period').notNull(),
    label: text('label').notNull(),
    dueDate: text('due_date').notNull(),
    nominalDue: text('nominal_due').notNull(),
    unitDue: text('unit_due').notNull(),
    divisionDue: text('division_due').notNull(),
    generatedAt: ts('generated_at').notNull(),
  },
  (t) => [unique('due_items_unit_ref_period').on(t.assessmentId, t.unitId, t.ref, t.period), index('due_items_due').on(t.assessmentId, t.dueDate)],
);

/** A late or missing report the calendar found, proposed to the lead assessor: confirmed (→ a fact) or waived. */
export const lateProposals = pgTable(
  'late_proposals',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    dueItemId: ref('due_item_id', () => dueItems.id),
    unitId: ref('unit_id', () => units.id),
    ref: text('ref').notNull(),
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    dueDate: text('due_date').notNull(),
    submittedAt: ts('submitted_at'),
    asOf: text('as_of').notNull(),
    daysLate: integer('days_late').notNull(),
    businessDaysLate: integer('business_days_late').notNull(),
    /** The fact the rule reads, exactly as it will be written on confirmation. */
    fact: jsonb('fact').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    decidedBy: optionalRef('decided_by', () => users.id),
    decidedAt: ts('decided_at'),
    factId: uuid('fact_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('late_proposals_due_item').on(t.dueItemId),
    check('late_proposals_kind_valid', sql`${t.kind} IN ('late', 'missing')`),
    check('late_proposals_status_valid', sql`${t.status} IN ('proposed', 'confirmed', 'waived')`),
  ],
);

/** In-app notifications (reminders); e-mail and push copies go through notification_outbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: ref('user_id', () => users.id),
    assessmentId: optionalRef('assessment_id', () => assessments.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    dueItemId: optionalRef('due_item_id', () => dueItems.id),
    /** Deduplicates a reminder re-run after a crash: one per user and key. */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [unique('notifications_user_key').on(t.userId, t.dedupeKey), index('notifications_user').on(t.userId, t.createdAt)],
);
