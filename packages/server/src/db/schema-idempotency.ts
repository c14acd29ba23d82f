import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys (`clientKey`), claimed by the write itself: `services/client-key.ts` inserts the
 * row with `ON CONFLICT DO NOTHING` in the write's own transaction and stores the response there, so
 * a concurrent second request with the same key waits for the first to commit and then replays its
 * response, through any process. `scope` names the kind of write and its assessment
 * (`report:<assessment id>`); `request_sha256` is the digest of the request as the server read it
 * (fields and file digest); `response` is the JSON text sent the first time (text, not jsonb, so a
 * replay keeps its key order). The user is a column of its own (no foreign key: this file does not
 * import schema.ts, which re-exports it).
 */
export const clientKeys = pgTable(
  'client_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestSha256: text('request_sha256').notNull(),
    userId: uuid('user_id').notNull(),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ name: 'client_keys_pkey', columns: [t.scope, t.key] })],
);
