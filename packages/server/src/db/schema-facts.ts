import { randomUUID } from 'node:crypto';
import { index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { assessments, facts, judgements, reports, units, users } from './schema';

/**
 * History of facts and judgements: one append-only row per change (who, when, from which source,
 * why). The current value lives in `facts` / `judgements`; these rows are never updated or
 * deleted (trigger in the *_fact_history_guards migration).
 */
const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => randomUUID());
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const factVersions = pgTable(
  'fact_versions',
  {
    id: id(),
    factId: uuid('fact_id')
      .notNull()
      .references(() => facts.id),
    version: integer('version').notNull(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    clauseKey: text('clause_key').notNull(),
    factKey: text('fact_key').notNull(),
    period: text('period').notNull(),
    value: jsonb('value').notNull(),
    source: text('source').notNull(),
    state: text('state').notNull(),
    reportId: uuid('report_id').references(() => reports.id),
    reason: text('reason'),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [unique('fact_versions_fact_version').on(t.factId, t.version), index('fact_versions_assessment').on(t.assessmentId, t.unitId)],
);

export const judgementVersions = pgTable(
  'judgement_versions',
  {
    id: id(),
    judgementId: uuid('judgement_id')
      .notNull()
      .references(() => judgements.id),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    points: numeric('points').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    /** Why it was corrected or withdrawn (null for the first version). */
    changeReason: text('change_reason'),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [unique('judgement_versions_version').on(t.judgementId, t.version)],
);
