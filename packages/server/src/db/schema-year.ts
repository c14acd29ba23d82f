import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, unique, uuid } from 'drizzle-orm/pg-core';
import { assessments, organisations, publications, schemes, units, users } from './schema';
import { text, bytea, id, ts, ref, optionalRef } from './columns';

/**
 * Tables of the assessment year after the facts: background jobs, scheme uploads, unit aliases,
 * 公示 periods and objections, immutable publication snapshots, appeals (申诉/复核).
 * Same portability rules as schema.ts: ids from the application, no identity columns, PG12-level SQL.
 */

/**
 * Background jobs, claimed with FOR UPDATE SKIP LOCKED under a lease (`locked_until`): a job whose
 * worker died (restart, SIGKILL) is claimed again once its lease has run out. Kept to the columns
 * pg-boss also has (name, data, state, retry count, start/complete times) so it can replace this.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    payload: jsonb('payload').notNull(),
    progress: integer('progress').notNull().default(0),
    stage: text('stage'),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    runAfter: ts('run_after').notNull(),
    createdBy: optionalRef('created_by', () => users.id),
    createdAt: ts('created_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('jobs_status_valid', sql`${t.status} IN ('queued', 'running', 'succeeded', 'failed')`),
    check('jobs_progress_range', sql`${t.progress} BETWEEN 0 AND 100`),
    index('jobs_claim').on(t.status, t.runAfter),
  ],
);

/** An uploaded scheme file (kept in the database so a restarted job still has it) and what its import made. */
export const schemeUploads = pgTable(
  'scheme_uploads',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    jobId: ref('job_id', () => jobs.id),
    originalName: text('original_name').notNull(),
    extension: text('extension').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    clientKey: text('client_key').notNull(),
    schemeId: optionalRef('scheme_id', () => schemes.id),
    report: jsonb('report'),
    uploadedBy: ref('uploaded_by', () => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [unique('scheme_uploads_client_key').on(t.assessmentId, t.clientKey)],
);

/** Other names a unit is known by (a scheme's Chinese name next to a pinyin code); unique per organisation. */
export const unitAliases = pgTable(
  'unit_aliases',
  {
    organisationId: ref('organisation_id', () => organisations.id),
    alias: text('alias').notNull(),
    unitId: ref('unit_id', () => units.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.alias] }), index('unit_aliases_unit').on(t.unitId)],
);

/** 公示: a preview of the results, frozen with its digest, open to objections until it closes. */
export const publicityPeriods = pgTable(
  'publicity_periods',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    sequence: integer('sequence').notNull(),
    status: text('status').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    note: text('note'),
    preview: jsonb('preview').notNull(),
    previewDigest: text('preview_digest').notNull(),
    inputSha256: text('input_sha256').notNull(),
    openedBy: ref('opened_by', () => users.id),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
    publicationId: optionalRef('publication_id', () => publications.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('publicity_periods_sequence').on(t.assessmentId, t.sequence),
    check('publicity_periods_status_valid', sql`${t.status} IN ('open', 'published', 'withdrawn')`),
  ],
);

export const publicityObjections = pgTable(
  'publicity_objections',
  {
    id: id(),
    periodId: ref('period_id', () => publicityPeriods.id),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    ref: text('ref'),
    text: text('text').notNull(),
    status: text('status').notNull(),
    answer: text('answer'),
    answeredBy: optionalRef('answered_by', () => users.id),
    answeredAt: ts('answered_at'),
    createdBy: ref('created_by', () => users.id),
    createdAt: ts('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('publicity_objections_status_valid', sql`${t.status} IN ('open', 'answered')`), index('publicity_objections_period').on(t.periodId)],
);

/**
 * What a publication made public, whole: scheme version, the facts the engine read, every unit's
 * ledger, grade and rank. `digest` is over its canonical JSON (SHA-256 or SM3), `mac` keys that
 * digest with AUDIT_KEY; both are also in the audit record. Append-only (trigger in migrations).
 */
export const publicationSnapshots = pgTable('publication_snapshots', {
  publicationId: uuid('publication_id')
    .primaryKey()
    .references(() => publications.id),
  assessmentId: ref('assessment_id', () => assessments.id),
  sequence: integer('sequence').notNull(),
  content: jsonb('content').notNull(),
  digest: text('digest').notNull(),
  digestAlgorithm: text('digest_algorithm').notNull(),
  mac: text('mac').notNull(),
  macAlgorithm: text('mac_algorithm').notNull(),
  previousPublicationId: optionalRef('previous_publication_id', () => publications.id),
  diff: jsonb('diff'),
  reason: text('reason').notNull(),
  publicityPeriodId: optionalRef('publicity_period_id', () => publicityPeriods.id),
  appealsUntil: ts('appeals_until').notNull(),
});

/** 申诉/复核: a unit appeals one ledger line; the lead assessor, then the 考评办, decide with reasons. */
export const appeals = pgTable(
  'appeals',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    publicationId: ref('publication_id', () => publications.id),
    unitId: ref('unit_id', () => units.id),
    ref: text('ref').notNull(),
    lineIndex: integer('line_index').notNull(),
    line: jsonb('line').notNull(),
    reason: text('reason').notNull(),
    evidenceIds: jsonb('evidence_ids').notNull(),
    status: text('status').notNull(),
    leadUnitId: optionalRef('lead_unit_id', () => units.id),
    leadOpinion: text('lead_opinion'),
    leadReason: text('lead_reason'),
    leadBy: optionalRef('lead_by', () => users.id),
    leadAt: ts('lead_at'),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedBy: optionalRef('decided_by', () => users.id),
    decidedAt: ts('decided_at'),
    resultPublicationId: optionalRef('result_publication_id', () => publications.id),
    clientKey: text('client_key').notNull(),
    createdBy: ref('created_by', () => users.id),
    createdAt: ts('created_at').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('appeals_client_key').on(t.assessmentId, t.clientKey),
    check('appeals_status_valid', sql`${t.status} IN ('submitted', 'lead-reviewed', 'upheld', 'rejected')`),
    check('appeals_lead_opinion_valid', sql`${t.leadOpinion} IS NULL OR ${t.leadOpinion} IN ('uphold', 'reject')`),
    index('appeals_assessment').on(t.assessmentId, t.status),
  ],
);
