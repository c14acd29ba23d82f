import { index, integer, jsonb, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, ts } from './columns';

/**
 * History of facts and judgements: one append-only row per change (who, when, from which source,
 * why). The current value lives in `facts` / `judgements`; these rows are never updated or
 * deleted (trigger in the *_fact_history_guards migration).
 *
 * Their foreign keys (to facts, judgements, reports, assessments, units, users) are declared in
 * that migration rather than here, so this file does not import schema.ts, which re-exports it.
 */

export const factVersions = pgTable(
  'fact_versions',
  {
    id: id(),
    factId: uuid('fact_id')
      .notNull(),
    version: integer('version').notNull(),
    assessmentId: uuid('assessment_id')
      .notNull(),
    unitId: uuid('unit_id')
      .notNull(),
    clauseKey: text('clause_key').notNull(),
    factKey: text('fact_key').notNull(),
    period: text('period').notNull(),
    value: jsonb('value').notNull(),
    source: text('source').notNull(),
    state: text('state').notNull(),
    reportId: uuid('report_id'),
    reason: text('reason'),
    changedBy: uuid('changed_by'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [unique('fact_versions_fact_version').on(t.factId, t.version), index('fact_versions_assessment').on(t.assessmentId, t.unitId)],
);

export const judgementVersions = pgTable(
  'judgement_versions',
  {
    id: id(),
    judgementId: uuid('judgement_id')
      .notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    points: numeric('points').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    /** Why it was corrected or withdrawn (null for the first version). */
    changeReason: text('change_reason'),
    changedBy: uuid('changed_by')
      .notNull(),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [unique('judgement_versions_version').on(t.judgementId, t.version)],
);
