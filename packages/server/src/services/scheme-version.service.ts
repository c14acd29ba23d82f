import { eq, sql } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { assessments, schemeClauses, schemes } from '../db/schema';
import { AppError } from '../lib/app-error';
import { indexSchemeClauses, latestScheme } from './assessment.service';
import { parseSchemeDocument as parseWithContract } from './evaluator';
import { diffSchemes, schemeDocumentSchema, type SchemeDocument } from './scheme-document';

type Assessment = typeof assessments.$inferSelect;

/** Full validation by the contract (path-precise issues), then the outline the server indexes. */
export function parseSchemeDocument(document: unknown): SchemeDocument {
  parseWithContract(document);
  const parsed = schemeDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: `document.${i.path.join('.')}`, message: i.message }));
    throw new AppError('bad-request', `方案文件有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`, { issues });
  }
  return parsed.data;
}

/** A new draft version, numbered under a lock on the assessment row so two writers cannot collide. */
export async function createSchemeVersion(ctx: ServerContext, tx: Db, assessment: Assessment, document: SchemeDocument, userId: string | null) {
  await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, assessment.id)).for('update');
  const previous = await latestScheme(tx, assessment.id);
  const diff = previous ? diffSchemes(previous.document as SchemeDocument, document) : null;
  const [row] = await tx
    .insert(schemes)
    .values({
      assessmentId: assessment.id,
      version: (previous?.version ?? 0) + 1,
      status: 'draft',
      document,
      sha256: ctx.crypto.digest(JSON.stringify(document)),
      diff,
      createdBy: userId,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: schemes.id, version: schemes.version, status: schemes.status, diff: schemes.diff });
  await indexSchemeClauses(tx, assessment.organisationId, row!.id, document);
  return row!;
}

/** Replaces a draft's document and its clause index (refused for a published version). */
export async function replaceDraftDocument(ctx: ServerContext, tx: Db, scheme: typeof schemes.$inferSelect, organisationId: string, document: SchemeDocument) {
  if (scheme.status === 'published') throw new AppError('scheme-published', '已发布的方案不可修改，请创建新版本');
  await tx.delete(schemeClauses).where(eq(schemeClauses.schemeId, scheme.id));
  await tx.execute(sql`DELETE FROM scheme_clause_leads WHERE scheme_id = ${scheme.id}`);
  await tx.update(schemes).set({ document, sha256: ctx.crypto.digest(JSON.stringify(document)) }).where(eq(schemes.id, scheme.id));
  await indexSchemeClauses(tx, organisationId, scheme.id, document);
}

export async function getScheme(db: Db, id: string) {
  const [row] = await db.select().from(schemes).where(eq(schemes.id, id));
  if (!row) throw new AppError('not-found', '方案不存在');
  return row;
}
