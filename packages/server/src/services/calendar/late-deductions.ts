import type { Rule } from '@kaohe/core';
import type { ProposalView } from '@kaohe/contract/api';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import { assertInScope, scopePredicate } from '../../access/scope';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { dueItems, lateProposals, units } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { audited } from '../audited';
import { staleVersion, writeFacts } from '../fact-lifecycle';
import { schemeIndexOf } from '../scheme-refs';
import { calendarFactPrefix, listDueItems } from './due-items';
import { calendarScheme } from './scheme-units';
import { getCalendarSettings, instantOf, localDateOf } from './settings';

/**
 * Automatic late / missing deductions (catalogue §5.3). A clause qualifies when its rule penalises
 * lateness (`lateness`, P14), a fixed deadline (`deadline`, P45), or counts occurrences
 * (`per-occurrence`) and its text speaks of late or missing reports. Which of late and missing
 * an occurrence clause covers is read from its words; a clause that says neither is skipped and
 * listed, never guessed. Each proposal carries the exact fact the rule will read; the lead
 * assessor confirms it (the fact is written as a verification, so the engine scores it and the
 * ledger line cites the due date and the submission time) or waives it, both with a reason.
 */
const lateWords = /迟报|迟交|延迟报送|延迟上报|逾期报送|逾期上报|未按时|不按时|未及时|超时报送/;
const missingWords = /漏报|缺报|未报送|未上报|未报|少报|每少一次|不报送/;

export type Coverage = { late: boolean; missing: boolean; rule: Rule } | { skip: string };

export function lateCoverage(rule: Rule, text: string): Coverage {
  if (rule.kind === 'lateness' || rule.kind === 'deadline') return { late: true, missing: true, rule };
  if (rule.kind !== 'per-occurrence' || rule.effect !== 'deduction') return { skip: '条款的计分规则不是迟报、漏报或逾期扣分' };
  const late = lateWords.test(text);
  const missing = missingWords.test(text);
  if (!late && !missing) return { skip: '条款原文未提到迟报、漏报或未按时报送，不自动扣分' };
  return { late, missing, rule };
}

const kindNames = { late: '迟报', missing: '漏报' } as const;
const statusNames = { proposed: '待确认', confirmed: '已确认扣分', waived: '已免扣' } as const;

function localStamp(at: Date, offset: number): string {
  return new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The fact the clause's rule reads for one late or missing item. */
export function proposalFact(rule: Rule, p: { id: string; label: string; due: string; submitted: string | null; submittedStamp: string | null; asOf: string; daysLate: number; businessDaysLate: number }): Record<string, unknown> | { skip: string } {
  const when = p.submittedStamp ? `实际于 ${p.submittedStamp} 提交（逾期 ${p.daysLate} 天，${p.businessDaysLate} 个工作日）` : `截至 ${p.asOf} 未报送`;
  const note = `${p.label}应于 ${p.due} 前报送，${when}`;
  if (rule.kind === 'lateness') {
    const periods = rule.period === 'workday' ? { periods: p.businessDaysLate } : rule.period === 'day' ? { periods: p.daysLate } : {};
    return { id: p.id, type: 'lateness', ...periods, due: p.due, done: p.submitted ?? p.asOf, note };
  }
  if (rule.kind === 'deadline') {
    if (rule.deadline !== p.due) return { skip: `条款期限 ${rule.deadline} 与报送周期的截止日 ${p.due} 不一致，请核对报送周期` };
    return p.submitted ? { id: p.id, type: 'flag', value: true, date: p.submitted, note } : { id: p.id, type: 'flag', value: false, note };
  }
  const kind = p.submitted ? kindNames.late : kindNames.missing;
  return { id: p.id, type: 'occurrence', date: p.due, kind, variant: kind, note };
}

export async function proposeLateDeductions(ctx: ServerContext, actor: AuditActor, assessmentId: string, body: { asOf?: string | undefined }) {
  const settings = await getCalendarSettings(ctx.db, assessmentId);
  const asOf = body.asOf ?? localDateOf(ctx.clock.now(), settings.utcOffsetMinutes);
  const scheme = await calendarScheme(ctx.db, assessmentId);
  const index = schemeIndexOf(scheme);
  const items = await listDueItems(ctx.db, assessmentId, instantOf(asOf, '23:59', settings.utcOffsetMinutes));
  const existing = new Set((await ctx.db.select({ id: lateProposals.dueItemId }).from(lateProposals).where(eq(lateProposals.assessmentId, assessmentId))).map((r) => r.id));
  // fact ids are unique across the whole assessment's input (the engine's facts file): unit, ref and period
  const codes = new Map((await ctx.db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.id, [...new Set(items.map((i) => i.unitId))].concat(['00000000-0000-4000-8000-000000000000'])))).map((u) => [u.id, u.code]));
  const skipped = new Map<string, string>();
  const rows: (typeof lateProposals.$inferInsert)[] = [];
  const now = ctx.clock.now();
  for (const it of items) {
    if (it.daysLate <= 0 || existing.has(it.id)) continue;
    // late: submitted after the unit's due date; missing: nothing by the as-of date
    const kind = it.submittedAt ? 'late' : 'missing';
    if (kind === 'missing' && it.state !== 'missing') continue;
    const site = index.clauses.get(it.ref);
    if (!site) {
      skipped.set(it.ref, '指标没有计分条款，迟报漏报由考核牵头部门评分');
      continue;
    }
    const cover = lateCoverage(site.clause.rule, site.clause.text);
    if ('skip' in cover) {
      skipped.set(it.ref, cover.skip);
      continue;
    }
    if (!cover[kind]) continue;
    const submitted = it.submittedAt ? new Date(it.submittedAt) : null;
    const fact = proposalFact(cover.rule, {
      id: `${calendarFactPrefix}${codes.get(it.unitId) ?? it.unitId}:${it.ref}:${it.period}`,
      label: it.label,
      due: it.unitDue,
      submitted: submitted ? localDateOf(submitted, settings.utcOffsetMinutes) : null,
      submittedStamp: submitted ? localStamp(submitted, settings.utcOffsetMinutes) : null,
      asOf,
      daysLate: it.daysLate,
      businessDaysLate: it.businessDaysLate,
    });
    if ('skip' in fact) {
      skipped.set(it.ref, fact.skip as string);
      continue;
    }
    rows.push({ assessmentId, dueItemId: it.id, unitId: it.unitId, ref: it.ref, period: it.period, kind, dueDate: it.unitDue, submittedAt: submitted, asOf, daysLate: it.daysLate, businessDaysLate: it.businessDaysLate, fact, status: 'proposed', createdAt: now });
  }
  const created = await audited<{ id: string }[]>(ctx, actor, { action: 'calendar.late-proposals', objectType: 'assessment', objectId: assessmentId, after: (r: { id: string }[]) => ({ asOf, created: r.length }) }, async (tx) => {
    if (rows.length === 0) return [];
    const out: { id: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) out.push(...(await tx.insert(lateProposals).values(rows.slice(i, i + 500)).onConflictDoNothing().returning({ id: lateProposals.id })));
    return out;
  });
  const proposals = created.length > 0 ? await proposalViews(ctx.db, inArray(lateProposals.id, created.map((c) => c.id))) : [];
  return { created: created.length, skipped: [...skipped].map(([ref, reason]) => ({ ref, reason })), proposals };
}

export async function proposalViews(db: Db, where: SQL | undefined): Promise<ProposalView[]> {
  const rows = await db.select({ p: lateProposals, unitName: units.name }).from(lateProposals).innerJoin(units, eq(units.id, lateProposals.unitId)).where(where).orderBy(asc(lateProposals.dueDate), asc(units.code), asc(lateProposals.ref));
  return rows.map(({ p, unitName }) => ({
    id: p.id,
    unitId: p.unitId,
    unitName,
    ref: p.ref,
    period: p.period,
    kind: p.kind as 'late' | 'missing',
    kindName: kindNames[p.kind as 'late' | 'missing'],
    dueDate: p.dueDate,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    asOf: p.asOf,
    daysLate: p.daysLate,
    businessDaysLate: p.businessDaysLate,
    fact: p.fact as Record<string, unknown>,
    status: p.status as ProposalView['status'],
    statusName: statusNames[p.status as ProposalView['status']],
    reason: p.reason,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    factId: p.factId,
    version: p.version,
  }));
}

/** The proposals the actor may see: a lead assessor those of the clauses it leads. */
export function listProposals(db: Db, actor: Actor, assessmentId: string) {
  const scope = scopePredicate(actor, { assessmentId: sql`${lateProposals.assessmentId}`, unitId: sql`${lateProposals.unitId}`, clauseKey: sql`${lateProposals.ref}` }, 'read');
  return proposalViews(db, and(eq(lateProposals.assessmentId, assessmentId), scope));
}

export async function decideProposal(ctx: ServerContext, audit: AuditActor, actor: Actor, userId: string, id: string, body: { decision: 'confirm' | 'waive'; reason: string; version: number }) {
  const [found] = await ctx.db.select().from(lateProposals).where(eq(lateProposals.id, id));
  if (!found) throw new AppError('not-found', '扣分建议不存在');
  await assertInScope(ctx.db, actor, { assessmentId: found.assessmentId, unitId: found.unitId, clauseKey: found.ref }, 'write');
  await audited<typeof lateProposals.$inferSelect>(ctx, audit, { action: body.decision === 'confirm' ? 'calendar.late-proposal.confirm' : 'calendar.late-proposal.waive', objectType: 'late-proposal', objectId: id, before: { status: found.status, fact: found.fact }, after: (r: { status: string; factId: string | null }) => ({ status: r.status, factId: r.factId, reason: body.reason }) }, async (tx) => {
    const [p] = await tx.select().from(lateProposals).where(eq(lateProposals.id, id)).for('update');
    if (p!.version !== body.version) await staleVersion(tx, '该扣分建议', { version: p!.version, updatedBy: p!.decidedBy, updatedAt: p!.decidedAt }, body.version);
    if (p!.status !== 'proposed') throw new AppError('conflict', `该扣分建议已${statusNames[p!.status as ProposalView['status']]}，不能再次处理`);
    const now = ctx.clock.now();
    let factId: string | null = null;
    if (body.decision === 'confirm') {
      const [item] = await tx.select({ factPeriod: dueItems.factPeriod }).from(dueItems).where(eq(dueItems.id, p!.dueItemId));
      const fact = p!.fact as Record<string, unknown>;
      const written = await writeFacts(tx, p!.assessmentId, userId, now, [{ unitId: p!.unitId, ref: p!.ref, factKey: String(fact['id']), period: item!.factPeriod, value: fact, source: 'verification', state: 'verified', reportId: null, reason: `迟报漏报扣分确认：${body.reason}` }]);
      factId = written.rows[0]?.id ?? null;
    }
    const [updated] = await tx.update(lateProposals).set({ status: body.decision === 'confirm' ? 'confirmed' : 'waived', reason: body.reason, decidedBy: userId, decidedAt: now, factId, version: p!.version + 1 }).where(eq(lateProposals.id, id)).returning();
    return updated!;
  });
  if (body.decision === 'confirm') ctx.factsChanged?.(found.assessmentId);
  const [view] = await proposalViews(ctx.db, eq(lateProposals.id, id));
  return view!;
}
