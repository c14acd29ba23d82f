import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { text as pgText } from 'drizzle-orm/pg-core';
import { text, id, ts, ref, optionalRef } from './columns';

/**
 * One schema for PGlite and PostgreSQL. SQL stays at PostgreSQL 12 level so it also runs on
 * KingbaseES / 瀚高 / openGauss: ids are generated in the application (no gen_random_uuid,
 * no identity columns), timestamps come from the injectable clock, no MERGE, no jsonb_path.
 */



// ---------------------------------------------------------------- organisation

export const organisations = pgTable('organisations', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const unitCategories = pgTable(
  'unit_categories',
  {
    id: id(),
    organisationId: ref('organisation_id', () => organisations.id),
    name: text('name').notNull(),
  },
  (t) => [unique('unit_categories_org_name').on(t.organisationId, t.name)],
);

export const unitGroups = pgTable(
  'unit_groups',
  {
    id: id(),
    categoryId: ref('category_id', () => unitCategories.id),
    name: text('name').notNull(),
  },
  (t) => [unique('unit_groups_category_name').on(t.categoryId, t.name)],
);

/** Assessed units and lead departments alike (a 牵头考核部门 is itself a unit). */
export const units = pgTable(
  'units',
  {
    id: id(),
    organisationId: ref('organisation_id', () => organisations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    categoryId: optionalRef('category_id', () => unitCategories.id),
    groupId: optionalRef('group_id', () => unitGroups.id),
    isAssessed: boolean('is_assessed').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [unique('units_org_code').on(t.organisationId, t.code)],
);

/** 责任处室 inside a unit. */
export const divisions = pgTable(
  'divisions',
  {
    id: id(),
    unitId: ref('unit_id', () => units.id),
    name: text('name').notNull(),
  },
  (t) => [unique('divisions_unit_name').on(t.unitId, t.name)],
);

export const leaders = pgTable('leaders', {
  id: id(),
  organisationId: ref('organisation_id', () => organisations.id),
  name: text('name').notNull(),
  title: text('title'),
});

export const leaderUnits = pgTable(
  'leader_units',
  {
    leaderId: ref('leader_id', () => leaders.id),
    unitId: ref('unit_id', () => units.id),
  },
  (t) => [primaryKey({ columns: [t.leaderId, t.unitId] })],
);

// ---------------------------------------------------------------- accounts

/**
 * role_class fixes at creation which of the 三权分立 roles (or business) an account holds;
 * user_roles references (user_id, role_class) so the database itself refuses mixing them.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    login: text('login').notNull().unique(),
    displayName: text('display_name').notNull(),
    roleClass: text('role_class').notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: ts('password_changed_at').notNull(),
    /** Field-encrypted (enc1:…), never base32 in clear. */
    totpSecret: text('totp_secret'),
    /** Personal data, field-encrypted; shown masked unless the viewer holds pii:view. */
    phoneEnc: text('phone_enc'),
    idNumberEnc: text('id_number_enc'),
    emailEnc: text('email_enc'),
    lastLoginAt: ts('last_login_at'),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    isDisabled: boolean('is_disabled').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('users_id_role_class').on(t.id, t.roleClass),
    // Zhang and zhang are the same login (等保 身份标识唯一)
    uniqueIndex('users_login_lower').on(sql`lower(${t.login})`),
    check(
      'users_role_class_valid',
      sql`${t.roleClass} IN ('system-admin', 'security-admin', 'audit-admin', 'business')`,
    ),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: id(),
    userId: ref('user_id', () => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('password_history_user').on(t.userId, t.createdAt)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    id: id(),
    userId: uuid('user_id').notNull(),
    roleClass: text('role_class').notNull(),
    role: text('role').notNull(),
    assessmentId: optionalRef('assessment_id', () => assessments.id),
    unitId: optionalRef('unit_id', () => units.id),
    divisionId: optionalRef('division_id', () => divisions.id),
    leaderId: optionalRef('leader_id', () => leaders.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.userId, t.roleClass], foreignColumns: [users.id, users.roleClass] }).onUpdate(
      'restrict',
    ),
    // an administrator class holds exactly its own role; a business account holds business roles only
    check(
      'user_roles_class_matches',
      sql`(${t.roleClass} = 'business' AND ${t.role} IN ('assessment-admin', 'lead-assessor', 'unit-reporter', 'division-user', 'leader'))
        OR (${t.roleClass} <> 'business' AND ${t.role} = ${t.roleClass})`,
    ),
    check(
      'user_roles_scope_present',
      sql`(${t.role} <> 'lead-assessor' OR ${t.unitId} IS NOT NULL)
        AND (${t.role} <> 'unit-reporter' OR ${t.unitId} IS NOT NULL)
        AND (${t.role} <> 'division-user' OR (${t.unitId} IS NOT NULL AND ${t.divisionId} IS NOT NULL))
        AND (${t.role} <> 'leader' OR ${t.leaderId} IS NOT NULL)`,
    ),
    uniqueIndex('user_roles_one_admin_role')
      .on(t.userId)
      .where(sql`role_class <> 'business'`),
    index('user_roles_user').on(t.userId),
  ],
);

/** Failures are counted per login name, existing or not, so lockout reveals nothing. */
export const loginThrottle = pgTable('login_throttle', {
  login: text('login').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: ts('window_started_at').notNull(),
  lockedUntil: ts('locked_until'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    /** sha256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: ref('user_id', () => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    /** 'full', or a restricted stage: 'password-change' / 'totp-enrol'. */
    stage: text('stage').notNull(),
    sourceIp: text('source_ip'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

// ---------------------------------------------------------------- assessments

export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    organisationId: ref('organisation_id', () => organisations.id),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [unique('assessments_org_year_name').on(t.organisationId, t.year, t.name)],
);

/** Versioned scheme documents; a published version is immutable (trigger in migrations). */
export const schemes = pgTable(
  'schemes',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    document: jsonb('document').notNull(),
    sha256: text('sha256').notNull(),
    diff: jsonb('diff'),
    createdBy: optionalRef('created_by', () => users.id),
    createdAt: ts('created_at').notNull(),
    publishedAt: ts('published_at'),
  },
  (t) => [
    unique('schemes_assessment_version').on(t.assessmentId, t.version),
    check('schemes_status_valid', sql`${t.status} IN ('draft', 'published')`),
  ],
);

/** Clause index of a scheme version, for scoping queries by lead department and division. */
export const schemeClauses = pgTable(
  'scheme_clauses',
  {
    schemeId: ref('scheme_id', () => schemes.id),
    clauseKey: text('clause_key').notNull(),
    title: text('title').notNull(),
    maxPoints: text('max_points'),
    /** 'clause' (细则条款) or 'indicator' (a leaf indicator scored without a rule, 001's "target + points"). */
    refKind: pgText('ref_kind').notNull().default('clause'),
  },
  (t) => [primaryKey({ columns: [t.schemeId, t.clauseKey] })],
);

/** Lead departments (牵头考核部门, themselves units) of each clause of a scheme version. */
export const schemeClauseLeads = pgTable(
  'scheme_clause_leads',
  {
    schemeId: ref('scheme_id', () => schemes.id),
    clauseKey: text('clause_key').notNull(),
    leadUnitId: ref('lead_unit_id', () => units.id),
  },
  (t) => [
    primaryKey({ columns: [t.schemeId, t.clauseKey, t.leadUnitId] }),
    index('scheme_clause_leads_lead').on(t.leadUnitId),
  ],
);

/** Which 处室 of a unit answers for a clause. */
export const clauseAssignments = pgTable(
  'clause_assignments',
  {
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    divisionId: ref('division_id', () => divisions.id),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.unitId, t.clauseKey] })],
);

/**
 * 参与处室: a division taking part in a clause its 责任处室 (clause_assignments) answers for (seed 000:10,
 * "各参与处室…主动配合责任处室"). A participant reports its own part; the report is a contribution,
 * shown beside the 责任处室's, and never a fact of the unit (report.service).
 */
export const clauseParticipants = pgTable(
  'clause_participants',
  {
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    divisionId: ref('division_id', () => divisions.id),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.unitId, t.clauseKey, t.divisionId] })],
);

/** Decomposed targets per unit (目标分解). */
export const targets = pgTable(
  'targets',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    target: text('target').notNull(),
    value: jsonb('value'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [unique('targets_assessment_unit_clause').on(t.assessmentId, t.unitId, t.clauseKey)],
);

/**
 * The current value of each fact: one row per unit × fact key × period, whatever clause or
 * indicator (`clause_key`, the fact's ref) it informs. Every change is also a row of
 * fact_versions (schema-facts.ts); `version` counts them. `source` is who stated the value
 * (import = 考评办 official data, report = the unit, verification = the lead assessor) and
 * `state` where it is in its lifecycle (official, draft, submitted, returned, verified, withdrawn);
 * only official and verified values feed the published score.
 */
export const facts = pgTable(
  'facts',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    factKey: text('fact_key').notNull(),
    /** '全年' unless the fact is for a period (a quarter, a month); never '' (read as NULL on some engines). */
    period: pgText('period').notNull().default('全年'),
    value: jsonb('value').notNull(),
    source: text('source').notNull(),
    state: pgText('state').notNull().default('official'),
    version: integer('version').notNull().default(1),
    reportId: uuid('report_id'),
    reason: text('reason'),
    updatedBy: optionalRef('updated_by', () => users.id),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('facts_assessment_unit_key_period').on(t.assessmentId, t.unitId, t.factKey, t.period),
    index('facts_clause').on(t.assessmentId, t.clauseKey),
    check('facts_source_valid', sql`${t.source} IN ('import', 'report', 'verification')`),
    check('facts_state_valid', sql`${t.state} IN ('official', 'draft', 'submitted', 'returned', 'verified', 'withdrawn')`),
  ],
);

export const reports = pgTable(
  'reports',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    narrative: text('narrative'),
    facts: jsonb('facts').notNull(),
    clientKey: text('client_key').notNull(),
    /** The reporter and when the report was created. */
    submittedBy: ref('submitted_by', () => users.id),
    submittedAt: ts('submitted_at').notNull(),
    /** draft → submitted → verified | returned (→ submitted again) → locked. */
    state: pgText('state').notNull().default('submitted'),
    version: integer('version').notNull().default(1),
    /** Why it was returned (or any other reason given with the last change of state). */
    stateReason: text('state_reason'),
    updatedBy: optionalRef('updated_by', () => users.id),
    updatedAt: ts('updated_at'),
    /** Set when a 参与处室 reported its part of the clause: a contribution, not the unit's facts. */
    participantDivisionId: optionalRef('participant_division_id', () => divisions.id),
  },
  (t) => [
    unique('reports_client_key').on(t.assessmentId, t.clientKey),
    check('reports_state_valid', sql`${t.state} IN ('draft', 'submitted', 'returned', 'verified', 'locked')`),
    index('reports_unit_clause').on(t.assessmentId, t.unitId, t.clauseKey),
  ],
);

export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    reportId: optionalRef('report_id', () => reports.id),
    originalName: text('original_name').notNull(),
    storedName: text('stored_name').notNull().unique(),
    extension: text('extension').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    clientKey: text('client_key').notNull(),
    uploadedBy: ref('uploaded_by', () => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [unique('evidence_client_key').on(t.assessmentId, t.clientKey)],
);

/** Judgements, deductions and bonuses entered by assessors, each citing its clause. */
export const judgements = pgTable(
  'judgements',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    clauseKey: text('clause_key').notNull(),
    kind: text('kind').notNull(),
    points: numeric('points').notNull(),
    reason: text('reason').notNull(),
    clientKey: text('client_key'),
    enteredBy: ref('entered_by', () => users.id),
    enteredAt: ts('entered_at').notNull(),
    /** current | withdrawn; a correction is a new version of the same row. */
    status: pgText('status').notNull().default('current'),
    version: integer('version').notNull().default(1),
    /** The clause reads one judgement (manual, completion, a leaf indicator): at most one current. */
    isSingle: boolean('is_single').notNull().default(false),
    updatedBy: optionalRef('updated_by', () => users.id),
    updatedAt: ts('updated_at'),
  },
  (t) => [
    // 'judgement' is the kind of rows written before kinds were kept (read as the clause's own effect)
    check('judgements_kind_valid', sql`${t.kind} IN ('score', 'deduction', 'bonus', 'judgement')`),
    check('judgements_status_valid', sql`${t.status} IN ('current', 'withdrawn')`),
    uniqueIndex('judgements_one_current')
      .on(t.assessmentId, t.unitId, t.clauseKey)
      .where(sql`is_single AND status = 'current'`),
    unique('judgements_client_key').on(t.assessmentId, t.clientKey),
    index('judgements_unit').on(t.assessmentId, t.unitId),
  ],
);

/** Ledger snapshot per unit, replaced on every recompute. */
export const results = pgTable(
  'results',
  {
    assessmentId: ref('assessment_id', () => assessments.id),
    unitId: ref('unit_id', () => units.id),
    schemeId: ref('scheme_id', () => schemes.id),
    total: numeric('total').notNull(),
    grade: text('grade'),
    rank: integer('rank'),
    ledger: jsonb('ledger').notNull(),
    inputSha256: text('input_sha256').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.unitId] })],
);

export const publications = pgTable(
  'publications',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    schemeId: ref('scheme_id', () => schemes.id),
    sequence: integer('sequence').notNull(),
    publishedBy: ref('published_by', () => users.id),
    publishedAt: ts('published_at').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [unique('publications_assessment_sequence').on(t.assessmentId, t.sequence)],
);

export const publishedResults = pgTable(
  'published_results',
  {
    publicationId: ref('publication_id', () => publications.id),
    unitId: ref('unit_id', () => units.id),
    total: numeric('total').notNull(),
    grade: text('grade'),
    rank: integer('rank'),
    ledger: jsonb('ledger').notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.unitId] })],
);

// ---------------------------------------------------------------- audit

/** Append-only (trigger in migrations), hash-chained with a keyed hash. */
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  actorId: uuid('actor_id'),
  actorLogin: text('actor_login'),
  actorRole: text('actor_role'),
  sourceIp: text('source_ip'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  outcome: text('outcome').notNull(),
  algorithm: text('algorithm').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** Single row (id = 1) holding the chain's tip; locking it serialises appends. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** Keyed tag over (seq, hash): a head rewritten after deleting the tail does not verify. */
  mac: text('mac'),
});

/** Imports and other idempotent operations keyed by the client. */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    assessmentId: ref('assessment_id', () => assessments.id),
    kind: text('kind').notNull(),
    clientKey: text('client_key').notNull(),
    sha256: text('sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    importedBy: ref('imported_by', () => users.id),
    importedAt: ts('imported_at').notNull(),
  },
  (t) => [unique('imports_client_key').on(t.assessmentId, t.clientKey)],
);
export * from './schema-facts';
export * from './schema-year';

export * from './schema-security';
export * from './schema-compliance';
export * from './schema-calendar';
export * from './schema-whatif';
export * from './schema-idempotency';
