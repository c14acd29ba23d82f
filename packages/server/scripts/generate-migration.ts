/**
 * `npm run db:generate -w packages/server -- --name <what>`: drizzle-kit generate, then drop the
 * "public". qualifier it writes, so the same migrations also install into another schema
 * (tests on PostgreSQL use a schema per test file; some sites install into a named schema).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(import.meta.dirname, '..', 'src', 'db', 'migrations');
execFileSync('npx', ['drizzle-kit', 'generate', ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(import.meta.dirname, '..') });
for (const file of readdirSync(folder)) {
  if (!file.endsWith('.sql')) continue;
  const path = join(folder, file);
  const text = readFileSync(path, 'utf8');
  const stripped = text.replaceAll('"public".', '');
  if (stripped !== text) writeFileSync(path, stripped);
  const banned = /\bMERGE\b|jsonb_path_|GENERATED\s+(ALWAYS|BY DEFAULT)\s+AS\s+IDENTITY|gen_random_uuid|server_version|\bINCLUDE\s*\(/i.exec(stripped);
  if (banned) throw new Error(`${file}: "${banned[0]}" is not portable to PostgreSQL 12 / 信创 databases`);
}
