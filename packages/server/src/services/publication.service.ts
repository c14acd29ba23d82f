import type { PublicationView } from '@kaohe/contract/api/publication';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { integritySeals } from '../db/schema-security';
import { assessments, publications, publicationSnapshots, publicityObjections, publicityPeriods, publishedResults, schemes, units } from '../db/schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { checkApprovals, predatesSigning, sealObject, unsignedLegacyNote, verifySealedObject } from '../security/result-signing';
import { audited } from './audited';
import { parseSchemeCached } from './evaluator';
import { currentResultRows, type FullRow, ledgerLines, named, namingOf, sortRows } from './result-rows';
import { gatherScoringInput } from './scoring-input';

type Assessment = typeof assessments.$inferSelect;
/**
 * The one definition of a publication's snapshot: what is digested, keyed (mac) and signed
 * (integrity_seals, objectType 'publication'), stored as publication_snapshots.content.
 */
export type SnapshotContent = {
  assessment: { id: string; year: number; name: string };
  scheme: { id: string; version: number; sha256: string; documentDigest: string };
  inputSha256: string;
  facts: unknown[];
  results: FullRow[];
};
type DiffLine = PublicationView['diff'][number];

const day = 24 * 60 * 60 * 1000;

/** Digest of what a 公示 shows or a publication makes public: the rows with their ledgers. */
export function resultsDigest(ctx: ServerContext, rows: FullRow[]): string {
  return ctx.crypto.digest(canonicalJson(rows.map((r) => ({ unitId: r.unitId, total: r.total, grade: r.grade, rank: r.rank, ledger: r.ledger }))));
}

/**
 * The results may be shown or published only when they are what the engine gives for the facts
 * as they stand now: the facts read again must hash to the input of the last recompute.
 */
async function assertResultsCurrent(ctx: ServerContext, tx: Db, assessment: Assessment) {
  const current = await currentResultRows(tx, assessment.id);
  if (current.rows.length === 0 || !current.schemeId) throw new AppError('bad-request', '尚无计算结果，请先重新计算');
  const [scheme] = await tx.select().from(schemes).where(eq(schemes.id, current.schemeId));
  const [latest] = await tx.select({ id: schemes.id }).from(schemes).where(and(eq(schemes.assessmentId, assessment.id), eq(schemes.status, 'published'))).orderBy(desc(schemes.version)).limit(1);
  if (!scheme || latest?.id !== scheme.id) throw new AppError('conflict', '结果不是按最新发布的方案计算的，请先重新计算');
  const parsed = parseSchemeCached(scheme.sha256, scheme.document);
  const { input } = await gatherScoringInput(tx, parsed, assessment.id, assessment.organisationId, 'published');
  const inputSha256 = ctx.crypto.digest(canonicalJson({ scheme: scheme.sha256, facts: input }));
  if (inputSha256 !== current.inputSha256) throw new AppError('conflict', '事实或评判在上次计算后有变化，请先重新计算');
  return { rows: current.rows, scheme, input, inputSha256 };
}

async function lockAssessment(tx: Db, id: string) {
  await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, id)).for('update');
}

export async function openPublicity(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, input: { days: number; note?: string | undefined }) {
  return audited(ctx, actor, { action: 'publicity.open', objectType: 'publicity', objectIdOf: (r) => r.id, after: (r) => ({ sequence: r.sequence, endsAt: r.endsAt, previewDigest: r.previewDigest }) }, async (tx: Db) => {
    await lockAssessment(tx, assessment.id);
    const [open] = await tx.select().from(publicityPeriods).where(and(eq(publicityPeriods.assessmentId, assessment.id), eq(publicityPeriods.status, 'open')));
    if (open) throw new AppError('conflict', `第 ${open.sequence} 次公示尚未结束，请先发布或撤回`);
    const { rows, inputSha256 } = await assertResultsCurrent(ctx, tx, assessment);
    const [last] = await tx.select({ sequence: publicityPeriods.sequence }).from(publicityPeriods).where(eq(publicityPeriods.assessmentId, assessment.id)).orderBy(desc(publicityPeriods.sequence)).limit(1);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(publicityPeriods)
      .values({ assessmentId: assessment.id, sequence: (last?.sequence ?? 0) + 1, status: 'open', startsAt: now, endsAt: new Date(now.getTime() + input.days * day), note: input.note ?? null, preview: rows, previewDigest: resultsDigest(ctx, rows), inputSha256, openedBy: userId, openedAt: now })
      .returning();
    return row!;
  });
}

export async function withdrawPublicity(ctx: ServerContext, actor: AuditActor, period: typeof publicityPeriods.$inferSelect, reason: string) {
  if (period.status !== 'open') throw new AppError('conflict', '该公示已结束，不能撤回');
  return audited(ctx, actor, { action: 'publicity.withdraw', objectType: 'publicity', objectId: period.id, after: () => ({ reason }) }, async (tx: Db) => {
    const [row] = await tx.update(publicityPeriods).set({ status: 'withdrawn', closedAt: ctx.clock.now(), version: period.version + 1 }).where(and(eq(publicityPeriods.id, period.id), eq(publicityPeriods.status, 'open'))).returning();
    if (!row) throw new AppError('conflict', '该公示已被他人处理，请刷新');
    return row;
  });
}

/** 发布 after 公示: the period has ended, every objection is answered and the results are still what was shown. */
export async function publishAfterPublicity(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, input: { periodId: string; appealDays: number }) {
  return audited(ctx, actor, { action: 'result.publish', objectType: 'publication', objectIdOf: (r) => r.id, after: (r) => ({ sequence: r.sequence, digest: r.digest, digestAlgorithm: r.digestAlgorithm, periodId: input.periodId }) }, async (tx: Db) => {
    await lockAssessment(tx, assessment.id);
    const [period] = await tx.select().from(publicityPeriods).where(and(eq(publicityPeriods.id, input.periodId), eq(publicityPeriods.assessmentId, assessment.id)));
    if (!period) throw new AppError('not-found', '公示不存在');
    if (period.status !== 'open') throw new AppError('conflict', `第 ${period.sequence} 次公示已${period.status === 'published' ? '发布' : '撤回'}`);
    const now = ctx.clock.now();
    if (now < period.endsAt) throw new AppError('conflict', `公示期至 ${period.endsAt.toISOString()} 结束，期满后才能发布`);
    const pending = await tx.select({ id: publicityObjections.id }).from(publicityObjections).where(and(eq(publicityObjections.periodId, period.id), eq(publicityObjections.status, 'open')));
    if (pending.length > 0) throw new AppError('conflict', `公示期间有 ${pending.length} 条异议尚未答复，答复后才能发布`);
    const current = await assertResultsCurrent(ctx, tx, assessment);
    if (resultsDigest(ctx, current.rows) !== period.previewDigest) throw new AppError('conflict', '公示后结果已有变化，请撤回本次公示并重新公示');
    const view = await writePublication(ctx, tx, assessment, userId, current, { reason: `第 ${period.sequence} 次公示期满发布`, periodId: period.id, appealDays: input.appealDays });
    await tx.update(publicityPeriods).set({ status: 'published', closedAt: now, publicationId: view.id, version: period.version + 1 }).where(eq(publicityPeriods.id, period.id));
    return view;
  });
}

/** A corrected version after an upheld appeal: the same snapshot machinery, its reason naming the appeal. */
export async function republishAfterAppeal(ctx: ServerContext, tx: Db, assessment: Assessment, userId: string, reason: string, appealDays: number) {
  await lockAssessment(tx, assessment.id);
  const current = await assertResultsCurrent(ctx, tx, assessment);
  return writePublication(ctx, tx, assessment, userId, current, { reason, periodId: null, appealDays });
}

async function writePublication(
  ctx: ServerContext,
  tx: Db,
  assessment: Assessment,
  userId: string,
  current: { rows: FullRow[]; scheme: typeof schemes.$inferSelect; input: unknown[]; inputSha256: string },
  meta: { reason: string; periodId: string | null; appealDays: number },
): Promise<PublicationView> {
  const now = ctx.clock.now();
  const [previous] = await tx.select().from(publications).where(eq(publications.assessmentId, assessment.id)).orderBy(desc(publications.sequence)).limit(1);
  const content: SnapshotContent = {
    assessment: { id: assessment.id, year: assessment.year, name: assessment.name },
    scheme: { id: current.scheme.id, version: current.scheme.version, sha256: current.scheme.sha256, documentDigest: ctx.crypto.digest(canonicalJson(current.scheme.document)) },
    inputSha256: current.inputSha256,
    facts: current.input,
    results: current.rows,
  };
  const digest = ctx.crypto.digest(canonicalJson(content));
  const sequence = (previous?.sequence ?? 0) + 1;
  const diff = previous ? diffRows((await snapshotOf(tx, previous.id)).content.results, current.rows) : [];
  if (previous && diff.length === 0) throw new AppError('conflict', `结果与第 ${previous.sequence} 版发布相同，无需重新发布`);
  const [publication] = await tx
    .insert(publications)
    .values({ assessmentId: assessment.id, schemeId: current.scheme.id, sequence, publishedBy: userId, publishedAt: now, sha256: digest })
    .returning();
  const id = publication!.id;
  for (let i = 0; i < current.rows.length; i += 200) {
    await tx.insert(publishedResults).values(current.rows.slice(i, i + 200).map((r) => ({ publicationId: id, unitId: r.unitId, total: r.total, grade: r.grade, rank: r.rank, ledger: r.ledger })));
  }
  const appealsUntil = new Date(now.getTime() + meta.appealDays * day);
  await tx.insert(publicationSnapshots).values({
    publicationId: id,
    assessmentId: assessment.id,
    sequence,
    content,
    digest,
    digestAlgorithm: ctx.crypto.digestAlgorithm,
    mac: sealOf(ctx, id, sequence, digest),
    macAlgorithm: ctx.crypto.macAlgorithm,
    previousPublicationId: previous?.id ?? null,
    diff,
    reason: meta.reason,
    publicityPeriodId: meta.periodId,
    appealsUntil,
  });
  // 密评 integrity: the server's SM2 (gm) or Ed25519 (intl) signature over the same content, in this transaction
  await sealObject(ctx, tx, { objectType: 'publication', objectId: id, snapshot: content });
  return { id, assessmentId: assessment.id, sequence, publishedAt: now.toISOString(), schemeVersion: current.scheme.version, digest, digestAlgorithm: ctx.crypto.digestAlgorithm, appealsUntil: appealsUntil.toISOString(), previousPublicationId: previous?.id ?? null, reason: meta.reason, diff, units: current.rows.length };
}

/** The digest keyed with AUDIT_KEY and bound to the publication: rewriting content and digest together is still caught. */
function sealOf(ctx: ServerContext, publicationId: string, sequence: number, digest: string): string {
  return ctx.crypto.mac(ctx.config.auditKey, canonicalJson({ publicationId, sequence, digest }));
}

/** Per unit: what changed in total, rank, grade and the ledger lines between two publications. */
export function diffRows(before: FullRow[], after: FullRow[]): DiffLine[] {
  const old = new Map(before.map((r) => [r.unitId, r]));
  const out: DiffLine[] = [];
  for (const r of after) {
    const b = old.get(r.unitId);
    const linesBefore = b ? ledgerLines(b.ledger).map((l) => `${l.ref}：${l.text}（${l.amount}）`) : [];
    const linesAfter = ledgerLines(r.ledger).map((l) => `${l.ref}：${l.text}（${l.amount}）`);
    const removed = linesBefore.filter((l) => !linesAfter.includes(l)).map((l) => `删去：${l}`);
    const added = linesAfter.filter((l) => !linesBefore.includes(l)).map((l) => `新增：${l}`);
    if (b && b.total === r.total && b.rank === r.rank && b.grade === r.grade && removed.length === 0 && added.length === 0) continue;
    out.push({
      unitId: r.unitId,
      unitName: r.unitName,
      group: r.group,
      before: { total: b?.total ?? '', rank: b?.rank ?? null, gradeName: b?.gradeName ?? null },
      after: { total: r.total, rank: r.rank, gradeName: r.gradeName },
      lines: [...removed, ...added],
    });
  }
  return out;
}

export async function snapshotOf(db: Db, publicationId: string) {
  const [row] = await db.select().from(publicationSnapshots).where(eq(publicationSnapshots.publicationId, publicationId));
  if (!row) throw new AppError('not-found', '发布快照不存在');
  return { ...row, content: row.content as SnapshotContent };
}

export async function publicationView(db: Db, publicationId: string): Promise<PublicationView> {
  const [p] = await db.select().from(publications).where(eq(publications.id, publicationId));
  if (!p) throw new AppError('not-found', '发布不存在');
  const s = await snapshotOf(db, p.id);
  return {
    id: p.id,
    assessmentId: p.assessmentId,
    sequence: p.sequence,
    publishedAt: p.publishedAt.toISOString(),
    schemeVersion: s.content.scheme.version,
    digest: s.digest,
    digestAlgorithm: s.digestAlgorithm,
    appealsUntil: s.appealsUntil.toISOString(),
    previousPublicationId: s.previousPublicationId ?? null,
    reason: s.reason,
    diff: (s.diff as DiffLine[] | null) ?? [],
    units: s.content.results.length,
  };
}

export async function latestPublication(db: Db, assessmentId: string) {
  const [p] = await db.select().from(publications).where(eq(publications.assessmentId, assessmentId)).orderBy(desc(publications.sequence)).limit(1);
  return p ?? null;
}

/**
 * Checks a publication against itself: the snapshot's digest recomputed from its content, the
 * keyed seal, the publications row, every published_results row against the snapshot, and the
 * scheme version it names. A direct SQL edit of any of them is reported, in Chinese.
 */
export async function verifyPublication(ctx: ServerContext, publicationId: string) {
  const [p] = await ctx.db.select().from(publications).where(eq(publications.id, publicationId));
  if (!p) throw new AppError('not-found', '发布不存在');
  const s = await snapshotOf(ctx.db, p.id);
  const problems: string[] = [];
  const recomputed = ctx.crypto.digest(canonicalJson(s.content));
  if (s.digestAlgorithm !== ctx.crypto.digestAlgorithm) problems.push(`快照摘要算法为 ${s.digestAlgorithm}，与本系统的 ${ctx.crypto.digestAlgorithm} 不同，无法校验`);
  else if (recomputed !== s.digest) problems.push('快照内容与其摘要不符：快照在发布后被修改');
  if (!ctx.crypto.equal(sealOf(ctx, p.id, s.sequence, s.digest), s.mac)) problems.push('快照摘要的密钥校验值不符：摘要在发布后被改写');
  if (p.sha256 !== s.digest || p.sequence !== s.sequence) problems.push('发布记录与快照的摘要或版本号不符');
  const rows = await ctx.db.select({ unitId: publishedResults.unitId, total: publishedResults.total, grade: publishedResults.grade, rank: publishedResults.rank, ledger: publishedResults.ledger, unitName: units.name }).from(publishedResults).innerJoin(units, eq(units.id, publishedResults.unitId)).where(eq(publishedResults.publicationId, p.id)).orderBy(asc(units.code));
  const byUnit = new Map(s.content.results.map((r) => [r.unitId, r]));
  for (const r of rows) {
    const snap = byUnit.get(r.unitId);
    if (!snap) problems.push(`公布结果中的“${r.unitName}”不在快照中`);
    else if (snap.total !== r.total || snap.grade !== r.grade || snap.rank !== r.rank || canonicalJson(snap.ledger) !== canonicalJson(r.ledger)) problems.push(`“${r.unitName}”的公布结果与快照不符（快照总分 ${snap.total}，公布 ${r.total}）`);
  }
  if (rows.length !== s.content.results.length) problems.push(`公布结果有 ${rows.length} 个单位，快照有 ${s.content.results.length} 个`);
  const [scheme] = await ctx.db.select().from(schemes).where(eq(schemes.id, s.content.scheme.id));
  if (!scheme || scheme.sha256 !== s.content.scheme.sha256 || ctx.crypto.digest(canonicalJson(scheme.document)) !== s.content.scheme.documentDigest) problems.push(`快照引用的方案第 ${s.content.scheme.version} 版已被修改或删除`);
  // a missing seal is a problem too: deleting the integrity_seals row must not make an edit pass
  const sealCheck = await verifySealedObject(ctx, 'publication', p.id, s.content);
  // unsigned and otherwise intact, published before signing existed: 未签名 (re-sign on the host), never 完整
  const legacy = sealCheck.status === '未签名' && problems.length === 0 && (await predatesSigning(ctx, p.publishedAt));
  if (legacy) problems.push(unsignedLegacyNote);
  else if (sealCheck.status !== '完整') problems.push(sealCheck.status === '未签名' ? `快照没有服务器签名（${sealCheck.reason}）` : sealCheck.reason);
  const seal = await publicationSeal(ctx.db, p.id);
  const { approvals, summary } = await checkApprovals(ctx, 'publication', p.id, s.content);
  return {
    ok: problems.length === 0,
    status: problems.length === 0 ? ('完整' as const) : legacy ? ('未签名' as const) : ('篡改' as const),
    approvals,
    approvalSummary: summary,
    publicationId: p.id,
    sequence: s.sequence,
    digest: s.digest,
    recomputedDigest: recomputed,
    problems,
    signature: sealCheck.status === '完整' && seal ? { algorithm: seal.algorithm, keyId: seal.keyId, publicKey: seal.publicKey ?? '', signature: seal.signature, signedAt: seal.signedAt.toISOString(), approvals: sealCheck.seals - 1 } : null,
  };
}

/** The server's seal of a publication (the first one stored), for independent verification. */
async function publicationSeal(db: Db, publicationId: string) {
  const [row] = await db
    .select()
    .from(integritySeals)
    .where(and(eq(integritySeals.objectType, 'publication'), eq(integritySeals.objectId, publicationId), eq(integritySeals.purpose, 'seal')))
    .orderBy(asc(integritySeals.signedAt))
    .limit(1);
  return row ?? null;
}

/** The signed snapshot of a publication as stored (the content the seal covers). */
export async function publicationSnapshot(db: Db, publicationId: string): Promise<SnapshotContent | null> {
  const [row] = await db.select({ content: publicationSnapshots.content }).from(publicationSnapshots).where(eq(publicationSnapshots.publicationId, publicationId));
  return row ? (row.content as SnapshotContent) : null;
}

/** Rows of a publication with names, for reading and for exports. */
export async function publicationRows(db: Db, publicationId: string): Promise<FullRow[]> {
  const s = await snapshotOf(db, publicationId);
  const [scheme] = await db.select({ document: schemes.document }).from(schemes).where(eq(schemes.id, s.content.scheme.id));
  const naming = namingOf(scheme?.document);
  return sortRows(s.content.results.map((r) => named(r, naming)), naming);
}

