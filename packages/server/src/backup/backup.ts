import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import * as schema from '../db/schema';
import { type CryptoProvider, cryptoProviderByMac } from '../lib/crypto-provider';

/**
 * `kaohe backup` / `kaohe restore`: one file holding every table (as JSON, so a PGlite backup
 * restores into PostgreSQL and back) and every evidence file, with a manifest of sizes and
 * digests that is itself keyed (HMAC with the audit key). Restore checks all of it before
 * touching the database, so a truncated or edited archive is refused.
 */
const magic = 'KAOHE-BACKUP/1\n';
const optionalTables = new Set(['audit_anchor', 'data_keys', 'signing_keys', 'approver_keys', 'security_labels', 'sso_providers', 'sso_links', 'notification_channels', 'alert_events', 'integrity_seals', 'calendar_settings', 'report_windows', 'due_items', 'late_proposals', 'notifications', 'whatif_scenarios', 'survey_responses', 'indicator_mappings', 'client_keys']);

/** Restore order respects foreign keys; sessions and login throttles are deliberately not kept. */
const tables: [string, PgTable][] = [
  ['organisations', schema.organisations],
  ['unit_categories', schema.unitCategories],
  ['unit_groups', schema.unitGroups],
  ['units', schema.units],
  ['divisions', schema.divisions],
  ['leaders', schema.leaders],
  ['leader_units', schema.leaderUnits],
  ['users', schema.users],
  ['password_history', schema.passwordHistory],
  ['assessments', schema.assessments],
  ['user_roles', schema.userRoles],
  ['schemes', schema.schemes],
  ['scheme_clauses', schema.schemeClauses],
  ['scheme_clause_leads', schema.schemeClauseLeads],
  ['clause_assignments', schema.clauseAssignments],
  ['clause_participants', schema.clauseParticipants],
  ['targets', schema.targets],
  ['reports', schema.reports],
  ['facts', schema.facts],
  ['fact_versions', schema.factVersions],
  ['evidence', schema.evidence],
  ['judgements', schema.judgements],
  ['judgement_versions', schema.judgementVersions],
  ['results', schema.results],
  ['publications', schema.publications],
  // security tables (absent from archives written before them): data keys are needed to read encrypted fields
  ['data_keys', schema.dataKeys],
  ['signing_keys', schema.signingKeys],
  ['approver_keys', schema.approverKeys],
  ['security_labels', schema.securityLabels],
  ['sso_providers', schema.ssoProviders],
  ['sso_links', schema.ssoLinks],
  ['notification_channels', schema.notificationChannels],
  ['alert_events', schema.alertEvents],
  ['integrity_seals', schema.integritySeals],
  ['published_results', schema.publishedResults],
  ['imports', schema.imports],
  ['jobs', schema.jobs],
  ['scheme_uploads', schema.schemeUploads],
  ['unit_aliases', schema.unitAliases],
  ['publicity_periods', schema.publicityPeriods],
  ['publicity_objections', schema.publicityObjections],
  ['publication_snapshots', schema.publicationSnapshots],
  ['appeals', schema.appeals],
  // the year's calendar (absent from archives written before it)
  ['calendar_settings', schema.calendarSettings],
  ['report_windows', schema.reportWindows],
  ['due_items', schema.dueItems],
  ['late_proposals', schema.lateProposals],
  ['notifications', schema.notifications],
  // planning: saved what-if scenarios, survey responses, year-to-year indicator mappings
  ['whatif_scenarios', schema.whatifScenarios],
  ['survey_responses', schema.surveyResponses],
  ['indicator_mappings', schema.indicatorMappings],
  ['client_keys', schema.clientKeys],
  ['audit_log', schema.auditLog],
  ['audit_head', schema.auditHead],
  ['audit_anchor', schema.auditAnchor],
];

/** Tables an archive deliberately leaves out: sessions and throttles, and the outbox of messages not yet sent (re-queued by their jobs). */
export const tablesNotBackedUp = ['sessions', 'login_throttle', 'notification_outbox'] as const;
export const backedUpTables = (): string[] => tables.map(([name]) => name);

type Entry = { name: string; size: number; digest: string };
type Manifest = { format: 1; createdAt: string; mac: string; digest: string; entries: Entry[] };

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export async function createBackup(db: Db, evidenceDir: string, crypto: CryptoProvider, key: string, outPath: string, now: Date) {
  const entries: { name: string; data: Buffer }[] = [];
  // one snapshot of every table
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    for (const [name, table] of tables) {
      const rows = await tx.select().from(table);
      entries.push({ name: `db/${name}.json`, data: Buffer.from(JSON.stringify(rows)) });
    }
  });
  if (existsSync(evidenceDir)) {
    for (const file of readdirSync(evidenceDir).sort()) {
      if (file.endsWith('.partial')) continue;
      entries.push({ name: `evidence/${file}`, data: readFileSync(join(evidenceDir, file)) });
    }
  }
  const manifest: Manifest = {
    format: 1,
    createdAt: now.toISOString(),
    mac: crypto.macAlgorithm,
    digest: crypto.digestAlgorithm,
    entries: entries.map((e) => ({ name: e.name, size: e.data.length, digest: crypto.digest(e.data) })),
  };
  const manifestText = JSON.stringify(manifest);
  const tag = crypto.mac(key, manifestText);
  const header = Buffer.from(`${magic}${Buffer.byteLength(manifestText)} ${tag}\n${manifestText}`);
  const partial = `${outPath}.partial`;
  writeFileSync(partial, Buffer.concat([header, ...entries.map((e) => e.data)]), { mode: 0o600 });
  renameSync(partial, outPath);
  return { entries: entries.length, bytes: header.length + entries.reduce((n, e) => n + e.data.length, 0) };
}

/** Reads and checks the whole archive; throws a BackupError naming the first problem. */
export function readBackup(path: string, key: string): { manifest: Manifest; files: Map<string, Buffer> } {
  const data = readFileSync(path);
  if (data.subarray(0, magic.length).toString('latin1') !== magic) throw new BackupError('not a Kaohe backup (bad header)');
  const lineEnd = data.indexOf(0x0a, magic.length);
  if (lineEnd < 0) throw new BackupError('archive truncated in its header');
  const [lengthText, tag] = data.subarray(magic.length, lineEnd).toString('latin1').split(' ');
  const manifestLength = Number(lengthText);
  if (!Number.isSafeInteger(manifestLength) || !tag) throw new BackupError('archive header is damaged');
  const manifestText = data.subarray(lineEnd + 1, lineEnd + 1 + manifestLength).toString('utf8');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    throw new BackupError('archive manifest is damaged or truncated');
  }
  let crypto: CryptoProvider;
  try {
    crypto = cryptoProviderByMac(manifest.mac);
  } catch {
    throw new BackupError(`archive uses an unknown algorithm ${String(manifest.mac)}`);
  }
  if (!crypto.equal(crypto.mac(key, manifestText), tag)) {
    throw new BackupError('archive manifest does not match its keyed hash: edited, or made with another AUDIT_KEY');
  }
  let offset = lineEnd + 1 + manifestLength;
  const expectedEnd = offset + manifest.entries.reduce((n, e) => n + e.size, 0);
  if (data.length < expectedEnd) throw new BackupError(`archive truncated: ${expectedEnd - data.length} bytes missing`);
  if (data.length > expectedEnd) throw new BackupError(`archive has ${data.length - expectedEnd} unexpected trailing bytes`);
  const files = new Map<string, Buffer>();
  for (const entry of manifest.entries) {
    const body = data.subarray(offset, offset + entry.size);
    offset += entry.size;
    if (!crypto.equal(crypto.digest(body), entry.digest)) throw new BackupError(`archive entry ${entry.name} was altered (digest mismatch)`);
    if (!/^(db\/[a-z_]+\.json|evidence\/[0-9a-f-]{36})$/.test(entry.name)) throw new BackupError(`archive entry ${entry.name} has an unexpected name`);
    files.set(entry.name, body);
  }
  return { manifest, files };
}

/** Loads a verified archive into an empty, migrated database (one transaction) and its evidence folder. */
export async function restoreBackup(db: Db, evidenceDir: string, archive: ReturnType<typeof readBackup>) {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM audit_head`);
    // a data key the restoring process may have created in the empty database gives way to the archive's
    await tx.execute(sql`DELETE FROM data_keys`);
    for (const [name, table] of tables) {
      const file = archive.files.get(`db/${name}.json`);
      if (!file && optionalTables.has(name)) continue;
      if (!file) throw new BackupError(`archive has no table ${name}`);
      const columns = getTableColumns(table);
      const dateKeys = Object.entries(columns)
        .filter(([, c]) => c.columnType === 'PgTimestamp')
        .map(([k]) => k);
      const rows = (JSON.parse(file.toString('utf8')) as Record<string, unknown>[]).map((row) => {
        for (const k of dateKeys) if (typeof row[k] === 'string') row[k] = new Date(row[k] as string);
        // bytea (an uploaded scheme file) went out as JSON's { type: 'Buffer', data: [...] }
        for (const [k, v] of Object.entries(row)) if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) row[k] = Buffer.from((v as { data: number[] }).data);
        return row;
      });
      for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never);
      counts[name] = rows.length;
    }
  });
  mkdirSync(evidenceDir, { recursive: true, mode: 0o700 });
  for (const [name, body] of archive.files) {
    if (!name.startsWith('evidence/')) continue;
    const target = join(evidenceDir, name.slice('evidence/'.length));
    writeFileSync(`${target}.partial`, body, { mode: 0o600 });
    renameSync(`${target}.partial`, target);
  }
  return counts;
}
