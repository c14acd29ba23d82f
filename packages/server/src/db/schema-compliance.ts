import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Where the audit chain starts after a retention purge (security/audit-retention.ts): the last
 * purged record's seq and hash, keyed with AUDIT_KEY ("algorithm:tag"), so verification resumes
 * from it and a forged or removed anchor is detected. One row (id = 1), absent until a purge.
 */
export const auditAnchor = pgTable('audit_anchor', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  mac: text('mac').notNull(),
  purgedBefore: timestamp('purged_before', { withTimezone: true, mode: 'date' }).notNull(),
  purgedAt: timestamp('purged_at', { withTimezone: true, mode: 'date' }).notNull(),
  purgedRecords: bigint('purged_records', { mode: 'number' }).notNull(),
});
