import { and, asc, eq } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import { publications, publicationSnapshots } from '../db/schema';
import { integritySeals } from '../db/schema-security';
import { canonicalJson } from '../lib/canonical-json';
import { verifyPublication } from '../services/publication.service';
import { sealObject } from './result-signing';

export type ResignReport = {
  signed: { id: string; sequence: number; digest: string }[];
  refused: { id: string; sequence: number; problems: string[] }[];
  alreadySigned: number;
};

/**
 * Maintenance on the host (`kaohe publications re-sign`): seals the publications written before
 * signing existed. Only a snapshot whose verify says 未签名 — published before the first signing
 * key, its digest, keyed check value, published rows and scheme all intact — is signed, over the
 * content read again inside the signing transaction and compared with the checked digest. A
 * snapshot with any other problem (篡改, or a seal missing from a publication written after
 * signing began) is refused and listed: signing it would certify a change.
 */
export async function resignLegacyPublications(ctx: ServerContext, actor: AuditActor, options: { dryRun?: boolean } = {}): Promise<ResignReport> {
  const report: ResignReport = { signed: [], refused: [], alreadySigned: 0 };
  const rows = await ctx.db.select({ id: publications.id, sequence: publications.sequence }).from(publications).orderBy(asc(publications.publishedAt), asc(publications.sequence), asc(publications.id));
  for (const p of rows) {
    const seals = await ctx.db.select({ id: integritySeals.id }).from(integritySeals).where(and(eq(integritySeals.objectType, 'publication'), eq(integritySeals.objectId, p.id), eq(integritySeals.purpose, 'seal')));
    const check = await verifyPublication(ctx, p.id);
    if (seals.length > 0 && check.status === '完整') {
      report.alreadySigned++;
      continue;
    }
    if (check.status !== '未签名') {
      report.refused.push({ id: p.id, sequence: p.sequence, problems: check.problems });
      continue;
    }
    if (options.dryRun) {
      report.signed.push({ id: p.id, sequence: p.sequence, digest: check.digest });
      continue;
    }
    const signed = await ctx.db.transaction(async (tx) => {
      const [snap] = await tx.select().from(publicationSnapshots).where(eq(publicationSnapshots.publicationId, p.id));
      // the content signed is the content just checked: re-read in this transaction, same digest
      if (!snap || snap.digest !== check.digest || ctx.crypto.digest(canonicalJson(snap.content)) !== check.digest) return false;
      const seal = await sealObject(ctx, tx, { objectType: 'publication', objectId: p.id, snapshot: snap.content });
      await appendAudit(tx, ctx.audit, actor, { action: 'publication.re-sign', objectType: 'publication', objectId: p.id, before: { seal: null }, after: { sequence: p.sequence, digest: seal.digest, algorithm: seal.algorithm, keyId: seal.keyId }, outcome: 'success' });
      return true;
    });
    if (signed) report.signed.push({ id: p.id, sequence: p.sequence, digest: check.digest });
    else report.refused.push({ id: p.id, sequence: p.sequence, problems: ['快照在校验后被修改，未补签'] });
  }
  return report;
}
