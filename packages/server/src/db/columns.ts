import { customType, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Column helpers every schema file shares (one definition, so the portability rules hold the same
 * way in each table): ids generated in the application (no gen_random_uuid, no identity columns),
 * timestamps with time zone from the injectable clock.
 */

/**
 * Text that is written as NULL when empty. Oracle-mode engines (Kingbase, openGauss A-mode)
 * read '' as NULL; normalising on write makes both behaviours give the same results.
 * Tables whose '' must survive as written (replayed responses, history texts) use drizzle's own `text`.
 */
export const text = customType<{ data: string; driverData: string | null }>({
  dataType: () => 'text',
  toDriver: (value) => (value === '' ? null : value),
});

/** Binary data (sealed snapshots): always a Buffer on read, whichever driver returned it. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A uuid primary key named `id`, generated in the application. */
export const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => globalThis.crypto.randomUUID());

/** A timestamp with time zone, read as a Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A required reference to another table's uuid key (`uuid(name).notNull().references(target)`). */
export const ref = (name: string, target: () => AnyPgColumn) => uuid(name).notNull().references(target);

/** An optional reference to another table's uuid key: NULL when there is none. */
export const optionalRef = (name: string, target: () => AnyPgColumn) => uuid(name).references(target);
