import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema';
import { backedUpTables, tablesNotBackedUp } from './backup';

describe('backup', () => {
  it('archives every table of the schema, except the ones it leaves out on purpose', () => {
    // a table added by a new feature and forgotten here would be lost by backup → restore
    const all = Object.values(schema).filter((v) => is(v, PgTable)).map((t) => getTableName(t as PgTable)).sort();
    const covered = new Set([...backedUpTables(), ...tablesNotBackedUp]);
    expect(all.filter((t) => !covered.has(t))).toEqual([]);
    expect(backedUpTables().filter((t) => !all.includes(t))).toEqual([]);
  });
});
