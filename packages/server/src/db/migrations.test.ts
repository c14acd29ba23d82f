import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './database';

/** Constructs that KingbaseES / 瀚高 / openGauss or PostgreSQL 12 lack, or that tie us to one server. */
const banned = [/\bMERGE\b/i, /jsonb_path_/i, /GENERATED\s+(ALWAYS|BY DEFAULT)\s+AS\s+IDENTITY/i, /gen_random_uuid/i, /uuidv7/i, /server_version/i, /\bINCLUDE\s*\(/i, /EXECUTE\s+FUNCTION/i, /"public"\./];

describe('migrations', () => {
  const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
  it('are timestamped and listed in the journal', () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    expect(files.map((f) => f.replace(/\.sql$/, ''))).toEqual(journal.entries.map((e) => e.tag));
    for (const f of files) expect(f).toMatch(/^\d{14}_[a-z0-9_]+\.sql$/);
  });
  it.each(files)('%s uses only portable SQL', (file) => {
    const text = readFileSync(join(migrationsFolder, file), 'utf8');
    for (const pattern of banned) expect(text, `${file} ${pattern}`).not.toMatch(pattern);
  });
});
