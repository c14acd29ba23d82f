import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { importScheme, schemeToFile, coverageLine, type ImportReport } from '@kaohe/office/import';
import type { SchemeUploadView } from '@kaohe/contract/api/scheme-upload';
import { and, eq } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { assessments, schemes, schemeUploads, users } from '../db/schema';
import { enqueueJob, findJob, jobView, type Job } from '../jobs/job-queue';
import type { JobHandler } from '../jobs/job-runner';
import { AppError } from '../lib/app-error';
import { audited } from './audited';
import { withClientKey } from './client-key';
import { withRetry } from './retry';
import { needsReviewClauses } from './scheme-review.service';
import { createSchemeVersion, parseSchemeDocument } from './scheme-version.service';
import type { SchemeDocument } from './scheme-document';

type Assessment = typeof assessments.$inferSelect;
type Upload = typeof schemeUploads.$inferSelect;

export const schemeExtensions = ['docx', 'xlsx', 'doc', 'txt'] as const;
const maxSchemeBytes = 50 * 1024 * 1024;

/** Reads an upload stream into memory (the importer needs the whole file), refusing beyond the limit. */
export async function readUpload(stream: Readable & { truncated?: boolean }, fileName: string): Promise<Buffer> {
  const ext = extname(fileName).slice(1).toLowerCase();
  if (!(schemeExtensions as readonly string[]).includes(ext)) {
    stream.resume();
    throw new AppError('unsupported-media-type', `文件 ${fileName}：方案只能上传 .docx、.xlsx、.doc 或 .txt 文件`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxSchemeBytes) {
      stream.resume();
      throw new AppError('payload-too-large', `文件 ${fileName} 超过 ${maxSchemeBytes / 1024 / 1024} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  if (stream.truncated) throw new AppError('payload-too-large', `文件 ${fileName} 超过上传大小限制`);
  if (size === 0) throw new AppError('bad-request', `文件 ${fileName} 为空`);
  return Buffer.concat(chunks);
}

/** Stores the file and queues its import in one audited transaction; the same clientKey replays. */
export async function createSchemeUpload(ctx: ServerContext, actor: AuditActor, userId: string, assessment: Assessment, input: { clientKey: string; fileName: string; bytes: Buffer }) {
  const sha256 = ctx.crypto.digest(input.bytes);
  const claim = { kind: 'scheme-upload' as const, assessmentId: assessment.id, key: input.clientKey, userId, request: { fileName: input.fileName, sha256, sizeBytes: input.bytes.length }, what: '另一次上传' };
  const out = await withClientKey(ctx, claim, (tx, row: Upload) => uploadView(tx, row, false), (key) =>
    withRetry(() =>
      audited(ctx, actor, { action: 'scheme.upload', objectType: 'scheme-upload', objectIdOf: (r) => r.id, after: (r) => ({ file: r.originalName, sizeBytes: r.sizeBytes, sha256: r.sha256, jobId: r.jobId }) }, async (tx: Db) => {
        await key.claim(tx);
        const job = await enqueueJob(tx, ctx.clock, { kind: 'scheme-import', payload: { assessmentId: assessment.id }, createdBy: userId });
        const [row] = await tx
          .insert(schemeUploads)
          .values({
            assessmentId: assessment.id,
            jobId: job.id,
            originalName: input.fileName.slice(0, 255),
            extension: extname(input.fileName).slice(1).toLowerCase(),
            sizeBytes: input.bytes.length,
            sha256,
            content: input.bytes,
            clientKey: input.clientKey,
            uploadedBy: userId,
            uploadedAt: ctx.clock.now(),
          })
          .returning();
        await key.respond(tx, row!);
        return row!;
      }),
    ),
  );
  if (!out.replayed) ctx.jobs?.wake();
  return { view: out.response, replayed: out.replayed };
}

/**
 * The import job: reads the stored file with the office package's importScheme (outside any
 * transaction), then in the transaction that completes the job writes the draft scheme version,
 * the import report and the audit record. A crash anywhere before that commit leaves nothing but
 * the queued job, which the runner claims again.
 */
export function schemeImportHandler(ctx: ServerContext): JobHandler {
  return async (job, control) => {
    const [upload] = await ctx.db.select().from(schemeUploads).where(eq(schemeUploads.jobId, job.id));
    if (!upload) throw new AppError('not-found', '上传的方案文件不存在');
    const [assessment] = await ctx.db.select().from(assessments).where(eq(assessments.id, upload.assessmentId));
    await control.progress(10, '读取文件');
    const imported = await importScheme({ name: upload.originalName, bytes: new Uint8Array(upload.content) }, { year: assessment!.year, title: undefined });
    await control.progress(70, '校验方案');
    const document = parseSchemeDocument(JSON.parse(JSON.stringify(schemeToFile(imported.scheme)))) as SchemeDocument;
    const report = summariseReport(imported.report);
    await control.progress(90, '保存方案草稿');
    const [uploader] = await ctx.db.select({ login: users.login }).from(users).where(eq(users.id, upload.uploadedBy));
    return async (tx) => {
        const row = await createSchemeVersion(ctx, tx, assessment!, document, upload.uploadedBy);
        await tx.update(schemeUploads).set({ schemeId: row.id, report }).where(eq(schemeUploads.id, upload.id));
        await appendAudit(tx, ctx.audit, { id: upload.uploadedBy, login: uploader?.login ?? null, role: 'assessment-admin', sourceIp: null }, {
          action: 'scheme.import',
          objectType: 'scheme',
          objectId: row.id,
          after: { uploadId: upload.id, jobId: job.id, version: row.version, coverage: report.coverage, diff: row.diff },
          outcome: 'success',
        });
        return { uploadId: upload.id, schemeId: row.id, schemeVersion: row.version, coverage: report.coverage };
    };
  };
}

export type StoredReport = { coverage: string; counts: Record<string, number>; units: string[]; issues: { severity: string; message: string }[]; work?: { code: string; unread: string[]; suggestion?: string; source: string | null }[] };

function summariseReport(report: ImportReport): StoredReport {
  return {
    coverage: coverageLine(report.coverage),
    counts: report.counts,
    units: report.units,
    issues: report.issues.slice(0, 200).map((i) => ({ severity: i.severity, message: i.message })),
    // what the compiler could not read, per clause, for the review screen (the document keeps only the reason)
    work: report.workList.slice(0, 2000).map((w) => ({ code: w.code, unread: w.unread, ...(w.suggestion ? { suggestion: w.suggestion } : {}), source: w.source.file ? `${w.source.file}${w.source.line !== undefined ? `:${w.source.line}` : ''}` : null })),
  };
}

export async function getUpload(db: Db, id: string): Promise<Upload> {
  const [row] = await db.select().from(schemeUploads).where(eq(schemeUploads.id, id));
  if (!row) throw new AppError('not-found', '上传记录不存在');
  return row;
}

export async function uploadView(db: Db, upload: Upload, replayed?: boolean): Promise<SchemeUploadView> {
  const job = (await findJob(db, upload.jobId)) as Job;
  const scheme = upload.schemeId ? (await db.select().from(schemes).where(eq(schemes.id, upload.schemeId)))[0] : undefined;
  const report = upload.report as StoredReport | null;
  return {
    id: upload.id,
    assessmentId: upload.assessmentId,
    originalName: upload.originalName,
    sizeBytes: upload.sizeBytes,
    sha256: upload.sha256,
    uploadedAt: upload.uploadedAt.toISOString(),
    job: jobView(job),
    schemeId: scheme?.id ?? null,
    schemeVersion: scheme?.version ?? null,
    coverage: report?.coverage ?? null,
    counts: report?.counts ?? null,
    units: report?.units ?? [],
    issues: report?.issues ?? [],
    needsReview: scheme ? withWork(needsReviewClauses(scheme.document as SchemeDocument), report?.work ?? []) : [],
    ...(replayed === undefined ? {} : { replayed }),
  };
}

/** A needs-review clause with the phrases the import could not read and its suggested reading (a rule split into -a/-b shares its source clause's entry). */
function withWork<C extends { code: string }>(clauses: C[], work: NonNullable<StoredReport['work']>): (C & { unread?: string[]; suggestion?: string; source?: string | null })[] {
  const byCode = new Map(work.map((w) => [w.code, w]));
  return clauses.map((c) => {
    const w = byCode.get(c.code) ?? byCode.get(c.code.replace(/-[a-z]\d*$/, ''));
    return w ? { ...c, unread: w.unread, ...(w.suggestion ? { suggestion: w.suggestion } : {}), source: w.source } : c;
  });
}
