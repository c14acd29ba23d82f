import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('start-up with several openers on PostgreSQL', () => {
  it('three openers racing on an empty schema all migrate it once, without a duplicate-type error', async () => {
    const schemaName = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schemaName}`);
    try {
      const opened = await Promise.allSettled(
        [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: url!, poolSize: 2, searchPath: schemaName })),
      );
      const failures = opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
      expect(failures).toEqual([]);
      const applied = await admin.query(`SELECT count(*)::int AS n FROM ${schemaName}.__drizzle_migrations`);
      const files = await admin.query(`SELECT count(DISTINCT hash)::int AS n FROM ${schemaName}.__drizzle_migrations`);
      expect(applied.rows[0].n).toBe(files.rows[0].n);
      expect(applied.rows[0].n).toBeGreaterThan(0);
      for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
    } finally {
      await admin.query(`DROP SCHEMA ${schemaName} CASCADE`);
      await admin.end();
    }
  }, 60_000);
});
