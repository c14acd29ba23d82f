import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/database';
import { pgErrorOf } from '../src/db/pg-error';
import * as schema from '../src/db/schema';
import { openTestDatabase } from './test-database';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('openDatabase', () => {
  it('stores an empty string as NULL', async () => {
    const [org] = await database.db
      .insert(schema.organisations)
      .values({ code: 'jx', name: '佳县', createdAt: new Date() })
      .returning();
    await database.db.insert(schema.leaders).values({ organisationId: org!.id, name: '张三', title: '' });
    const rows = await queryRows(database.db, sql`SELECT title IS NULL AS is_null FROM leaders`);
    expect(rows[0]).toEqual({ is_null: true });
  });

  it('refuses UPDATE and DELETE on the audit log', async () => {
    await database.db.execute(
      sql`INSERT INTO audit_log (seq, at, action, outcome, algorithm, prev_hash, hash) VALUES (1, now(), 'x', 'success', 'a', 'b', 'c')`,
    );
    for (const statement of [sql`UPDATE audit_log SET action = 'y'`, sql`DELETE FROM audit_log`, sql`TRUNCATE audit_log`]) {
      const error = await database.db.execute(statement).then(() => null, (e: unknown) => e);
      expect(pgErrorOf(error)?.message).toMatch(/audit_log is append-only/);
    }
  });
});
