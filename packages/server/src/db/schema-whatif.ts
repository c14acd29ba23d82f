import { index, jsonb, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { assessments, units, users } from './schema';
import { id, ts, ref } from './columns';

/**
 * Tables of the planning tools (docs/whatif.md): saved what-if scenarios, survey (满意度测评)
 * responses, and the indicator mapping between one year's scheme and the next.
 * Same portability rules as schema.ts: ids from the application, no identity columns, PG12-level SQL.
 */

/** A what-if scenario as written (name, description, operations); running it never changes real data. */
export const whatifScenarios = pgTable(
  'whatif_scenarios',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    name: text('name').notNull(),
    document: jsonb('document').notNull(),
    createdBy: ref('created_by', () => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [unique('whatif_scenarios_name').on(t.assessmentId, t.name)],
);

/** One rater's answer in a 满意度测评: the unit rated, the survey clause, the rater group, the score in percent. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    groupKey: text('group_key').notNull(),
    rater: text('rater'),
    score: numeric('score').notNull(),
    /** File and row the response came from ("测评.xlsx 测评结果!5"). */
    source: text('source').notNull(),
    importedBy: ref('imported_by', () => users.id),
    importedAt: ts('imported_at').notNull(),
  },
  (t) => [index('survey_responses_clause').on(t.assessmentId, t.clauseKey, t.unitId)],
);

/**
 * How an indicator or clause of one year's scheme maps to the next year's: kept, changed (renamed
 * or re-weighted), split (one → several rows with the same `from`), merged (several → one) or removed.
 */
export const indicatorMappings = pgTable(
  'indicator_mappings',
  {
    id: id(),
    fromAssessmentId: ref('from_assessment_id', () => assessments.id),
    toAssessmentId: ref('to_assessment_id', () => assessments.id),
    fromCode: text('from_code').notNull(),
    toCode: text('to_code'),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  (t) => [index('indicator_mappings_pair').on(t.fromAssessmentId, t.toAssessmentId)],
);
