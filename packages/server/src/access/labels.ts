import { labelledKindsZh, sensitivityLabels, sensitivityLabelsZh, type LabelledKind, type Permission, type SensitivityLabel } from '@kaohe/contract/api';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { securityLabels } from '../db/schema-security';
import { AppError } from '../lib/app-error';
import { hasPermission, type Actor } from './roles';

/**
 * Sensitivity labels (草稿/内部/公开), enforced here and only here: routes call `assertReadable`
 * for one object and `readablePredicate` in the WHERE of a list, so a list leaves out what the
 * actor may not read (a limit still fills) and a single read answers 403 naming the label.
 *
 * Clearance: 公开 anyone who reached the route (its read permission, or the public route);
 * 内部 business accounts of the organisation (the route's read permission and data scope still
 * apply); 草稿 only holders of the write permission for that kind of object (the 考评办, and for
 * evidence the uploading unit within its write scope, which the list's scope predicate keeps).
 * Administrator accounts (三权分立) read no business object at any label.
 */
export type { LabelledKind, SensitivityLabel };

const draftWriters: Record<LabelledKind, Permission> = {
  scheme: 'scheme:write',
  results: 'result:recompute',
  publication: 'result:publish',
  evidence: 'evidence:upload',
};

/** Default labels when none was set: a draft scheme 草稿, a published one 内部; current results and evidence 内部; a publication 公开. */
export function defaultLabel(kind: LabelledKind, status?: string | null): SensitivityLabel {
  if (kind === 'scheme') return status === 'published' ? 'internal' : 'draft';
  if (kind === 'publication') return 'public';
  return 'internal';
}

/** The labels this actor may read on objects of this kind. */
export function clearance(actor: Actor, kind: LabelledKind): SensitivityLabel[] {
  return sensitivityLabels.filter((label) => {
    if (label === 'public') return true;
    if (actor.kind !== 'user' || actor.roleClass !== 'business' || actor.stage !== 'full') return false;
    return label === 'internal' || hasPermission(actor, draftWriters[kind]);
  });
}

/** The label in force on one object: the one set, else the default. */
export async function labelOf(db: Db, kind: LabelledKind, objectId: string, fallback: SensitivityLabel): Promise<SensitivityLabel> {
  const [row] = await db
    .select({ label: securityLabels.label })
    .from(securityLabels)
    .where(and(eq(securityLabels.objectType, kind), eq(securityLabels.objectId, objectId)));
  return (row?.label as SensitivityLabel | undefined) ?? fallback;
}

/** Throws 403 (audited by the forbidden hook) unless the actor's clearance covers the object's label. */
export async function assertReadable(db: Db, actor: Actor, object: { kind: LabelledKind; id: string; status?: string | null }): Promise<SensitivityLabel> {
  const label = await labelOf(db, object.kind, object.id, defaultLabel(object.kind, object.status));
  if (!clearance(actor, object.kind).includes(label)) {
    throw new AppError('forbidden', `该${labelledKindsZh[object.kind]}的密级为“${sensitivityLabelsZh[label]}”，您无权查看`);
  }
  return label;
}

/**
 * SQL for a list's WHERE: the row's label (set, else `fallback`, a SQL expression over the row
 * such as the scheme's status) is within the actor's clearance.
 */
export function readablePredicate(actor: Actor, kind: LabelledKind, idColumn: SQL, fallback: SQL): SQL {
  const allowed = clearance(actor, kind);
  if (allowed.length === 0) return sql`FALSE`;
  const label = sql`COALESCE((SELECT sl.label FROM security_labels sl WHERE sl.object_type = ${kind} AND sl.object_id = CAST(${idColumn} AS text)), ${fallback})`;
  return sql`(${label} IN (${sql.join(allowed.map((l) => sql`${l}`), sql`, `)}))`;
}

/** The default label of a scheme row as SQL (草稿 while draft, 内部 once published). */
export const schemeDefaultSql = (status: SQL): SQL => sql`CASE WHEN ${status} = 'published' THEN 'internal' ELSE 'draft' END`;
export const constantLabelSql = (label: SensitivityLabel): SQL => sql`CAST(${label} AS text)`;
