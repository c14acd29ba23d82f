import type { Scheme, Unit } from '@kaohe/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { assertInScope } from '../access/scope';
import type { AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { reports } from '../db/schema';
import { AppError } from '../lib/app-error';
import { assertUnitInOrganisation, latestScheme } from './assessment.service';
import { audited } from './audited';
import { withClientKey } from './client-key';
import { parseSchemeCached, validateFacts } from './evaluator';
import { writeFacts } from './fact-lifecycle';
import { factsTemplate, readFactsSheet, templateRows } from './facts-sheet.service';
import { factWrites, type FactInput } from './report.service';
import { withRetry } from './retry';
import { visibleRefs } from './work-items';

const stateText: Record<string, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', verified: '已核定', locked: '已锁定' };

/**
 * The unit's facts sheet as its reports (docs/server.md, "Unit-side facts sheet"): the rows are cut
 * to the refs the caller may write for that unit (its own unit; a division user only its assigned
 * clauses), and an upload becomes one submitted report per filled ref, all in one transaction.
 */
async function writableSheet(db: Db, actor: Actor, assessment: { id: string; organisationId: string }, unitId: string) {
  const dbUnit = await assertUnitInOrganisation(db, assessment.organisationId, unitId);
  const row = await latestScheme(db, assessment.id, 'published');
  if (!row) throw new AppError('bad-request', '该考核尚无已发布的考核方案，暂无应报送事项');
  const scheme: Scheme = parseSchemeCached(row.sha256, row.document);
  const unit: Unit | undefined = scheme.units.find((u) => u.code === dbUnit.code);
  if (!unit) throw new AppError('not-found', `单位“${dbUnit.name}”不在考核方案中`);
  const refs = templateRows(scheme, unit).map((r) => r.ref);
  const writable = refs.length === 0 ? new Set<string>() : await visibleRefs(db, actor, assessment.id, dbUnit.id, refs, 'write');
  // nothing writable: another unit (403, audited by the error hook) or a unit that owes nothing
  if (writable.size === 0) await assertInScope(db, actor, { assessmentId: assessment.id, unitId: dbUnit.id, clauseKey: null }, 'write');
  return { dbUnit, scheme, unit, writable };
}

export async function reportTemplate(db: Db, actor: Actor, assessment: { id: string; organisationId: string }, unitId: string) {
  const { unit, scheme, writable } = await writableSheet(db, actor, assessment, unitId);
  return { unitName: unit.name, bytes: await factsTemplate(scheme, unit, writable) };
}

type Uploaded = { unitId: string; rows: number; reports: { id: string; clauseKey: string; row: number; state: 'submitted'; facts: number }[]; replayed: boolean };

export async function uploadReportSheet(
  ctx: ServerContext,
  who: { userId: string; audit: AuditActor; actor: Actor },
  assessment: { id: string; organisationId: string },
  input: { clientKey: string; unitId: string; fileName: string; bytes: Buffer },
): Promise<Uploaded> {
  const { dbUnit, scheme, unit, writable } = await writableSheet(ctx.db, who.actor, assessment, input.unitId);
  const { facts, rows, rowOf } = await readFactsSheet(input.bytes, input.fileName, scheme, unit, writable);
  const byRef = new Map<string, FactInput[]>();
  for (const f of facts) {
    const { ref, ...value } = f as { ref: string } & FactInput;
    byRef.set(ref, [...(byRef.get(ref) ?? []), value as FactInput]);
  }
  const claim = { kind: 'report' as const, assessmentId: assessment.id, key: input.clientKey, userId: who.userId, request: { unit: unit.code, sheet: facts }, what: '另一次报送表上传' };
  const { response } = await withClientKey<Uploaded, Uploaded>(ctx, claim, async (_tx, r) => r, async (key) => {
    validateFacts(facts.map((f) => ({ ...f, unit: unit.code })), scheme);
    const out = await withRetry(() =>
      audited(ctx, who.audit, { action: 'report.upload-sheet', objectType: 'unit', objectId: dbUnit.id, after: (r: Uploaded) => ({ file: input.fileName, unit: unit.code, reports: r.reports }) }, async (tx: Db) => {
        await key.claim(tx);
        // a ref that already has a report is changed in that report (edit, resubmit), not by a second one
        const existing = await tx
          .select({ clauseKey: reports.clauseKey, state: reports.state })
          .from(reports)
          .where(and(eq(reports.assessmentId, assessment.id), eq(reports.unitId, dbUnit.id), inArray(reports.clauseKey, [...byRef.keys()])))
          .for('update');
        if (existing.length > 0) {
          const issues = [...new Map(existing.map((e) => [e.clauseKey, e.state])).entries()].map(([ref, state]) => ({
            path: `第${rowOf.get(ref)}行.编码`,
            message: `第 ${rowOf.get(ref)} 行「编码」列：“${ref}”已有报送（${stateText[state] ?? state}），请在该报送中修改`,
          }));
          throw new AppError('conflict', `文件 ${input.fileName} 有 ${issues.length} 处错误，未导入任何数据：${issues.map((i) => i.message).join('；')}`, { issues });
        }
        const now = ctx.clock.now();
        const made: Uploaded['reports'] = [];
        for (const [ref, list] of byRef) {
          const stored = list.map((f) => ({ ...f, unit: unit.code, ref }));
          const [report] = await tx
            .insert(reports)
            .values({ assessmentId: assessment.id, unitId: dbUnit.id, clauseKey: ref, narrative: `报送表 ${input.fileName} 第 ${rowOf.get(ref)} 行`, facts: stored, clientKey: `${input.clientKey}#${ref}`, submittedBy: who.userId, submittedAt: now, state: 'submitted', version: 1, updatedBy: who.userId, updatedAt: now })
            .returning();
          await writeFacts(tx, assessment.id, who.userId, now, factWrites(report!, list, 'submitted', 'report', null));
          made.push({ id: report!.id, clauseKey: ref, row: rowOf.get(ref)!, state: 'submitted', facts: list.length });
        }
        return key.respond(tx, { unitId: dbUnit.id, rows, reports: made, replayed: false });
      }),
    );
    return out;
  });
  ctx.factsChanged?.(assessment.id);
  return response;
}
