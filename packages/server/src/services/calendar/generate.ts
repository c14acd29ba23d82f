import { CoreError, type DueCascade, planCalendar, type ReportWindow, roundsOverCap } from '@kaohe/core';
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { assessments, dueItems, lateProposals, reportWindows } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { audited } from '../audited';
import { scheduleReminders } from '../notify/reminders';
import { calendarScheme, unitIdsByCode } from './scheme-units';
import { calendarOf, getCalendarSettings } from './settings';

type Planned = {
  windowId: string;
  unitId: string;
  unitName: string;
  ref: string;
  period: string;
  factPeriod: string;
  label: string;
  dueDate: string;
  nominalDue: string;
  unitDue: string;
  divisionDue: string;
};

/** The due items the windows give on the office's calendar (core planCalendar, units mapped to the system's). */
export async function planDueItems(db: Db, assessmentId: string): Promise<{ planned: Planned[]; missingUnits: string[] }> {
  const [assessment] = await db.select().from(assessments).where(eq(assessments.id, assessmentId));
  if (!assessment) throw new AppError('not-found', '考核不存在');
  const settings = await getCalendarSettings(db, assessmentId);
  const windows = await db.select().from(reportWindows).where(eq(reportWindows.assessmentId, assessmentId)).orderBy(asc(reportWindows.createdAt), asc(reportWindows.id));
  if (windows.length === 0) return { planned: [], missingUnits: [] };
  const scheme = await calendarScheme(db, assessmentId);
  let plan: ReturnType<typeof planCalendar>;
  try {
    plan = planCalendar(scheme, windows.map((w) => ({ ref: w.ref, unitCategory: w.unitCategory, window: w.window as ReportWindow, cascade: w.cascade as DueCascade | null })), calendarOf(settings));
  } catch (error) {
    // a window set before the scheme stated (or changed) the ref's cadence: never planned against the scheme
    if (error instanceof CoreError) throw new AppError('conflict', `报送周期与现行方案不一致：${error.message}（请删除该报送周期后重新设定）`);
    throw error;
  }
  const { items, unknownRefs } = plan;
  if (unknownRefs.length > 0) throw new AppError('conflict', `报送周期的条款或指标“${unknownRefs.join('、')}”已不在方案中，请删除该报送周期`);
  const unitIds = await unitIdsByCode(db, assessment.organisationId, scheme.units.map((u) => u.code));
  const planned: Planned[] = [];
  const missing = new Set<string>();
  for (const it of items) {
    const unit = unitIds.get(it.unit.code);
    if (!unit) {
      missing.add(`${it.unit.code} ${it.unit.name}`);
      continue;
    }
    planned.push({ windowId: windows[it.window]!.id, unitId: unit.id, unitName: unit.name, ref: it.ref, period: it.period, factPeriod: it.factPeriod, label: it.label, dueDate: it.due, nominalDue: it.nominalDue, unitDue: it.unitDue, divisionDue: it.divisionDue });
  }
  return { planned, missingUnits: [...missing] };
}

/**
 * Generates (or regenerates) the year's due items: new items are created, moved dates updated, and
 * items no window gives any more removed — unless a late proposal rests on one. More report
 * rounds than the cap for a unit in a month need a reason (audited with the list). Reminders are
 * scheduled as jobs in the same transaction.
 */
export async function generateDueItems(ctx: ServerContext, actor: AuditActor, userId: string, assessmentId: string, body: { reason?: string | undefined }) {
  const { planned, missingUnits } = await planDueItems(ctx.db, assessmentId);
  if (missingUnits.length > 0) throw new AppError('conflict', `方案中的单位尚未建立：${missingUnits.join('、')}（请先从方案建立单位）`);
  const dup = new Set<string>();
  for (const p of planned) {
    const k = `${p.unitId} ${p.ref} ${p.period}`;
    if (dup.has(k)) throw new AppError('conflict', `单位“${p.unitName}”的“${p.ref}”${p.label}有两个报送周期，请删除其一`);
    dup.add(k);
  }
  const settings = await getCalendarSettings(ctx.db, assessmentId);
  const names = new Map(planned.map((p) => [p.unitId, p.unitName]));
  const overCap = settings.roundsCap === null ? [] : roundsOverCap(planned.map((p) => ({ unit: p.unitId, due: p.unitDue })), settings.roundsCap).map((o) => ({ unitId: o.unit, unitName: names.get(o.unit) ?? o.unit, month: o.month, rounds: o.rounds }));
  if (overCap.length > 0 && !body.reason) {
    const list = overCap.slice(0, 5).map((o) => `${o.unitName} ${o.month} 共 ${o.rounds} 轮`).join('、');
    throw new AppError('conflict', `超过每月报送轮次上限 ${settings.roundsCap} 轮：${list}${overCap.length > 5 ? ` 等 ${overCap.length} 处` : ''}。如确需增加，请填写理由（reason）`);
  }
  return audited<{ total: number; created: number; removed: number; roundsCap: number | null; overCap: typeof overCap; reason: string | null; reminderJobs: number }>(
    ctx,
    actor,
    { action: overCap.length > 0 ? 'calendar.generate.over-cap' : 'calendar.generate', objectType: 'assessment', objectId: assessmentId, after: (r) => ({ total: r.total, created: r.created, removed: r.removed, roundsCap: r.roundsCap, overCap: r.overCap, reason: r.reason }) },
    async (tx) => {
      const now = ctx.clock.now();
      const existing = await tx.select().from(dueItems).where(eq(dueItems.assessmentId, assessmentId)).for('update');
      const byKey = new Map(existing.map((e) => [`${e.unitId} ${e.ref} ${e.period}`, e]));
      let created = 0;
      const keep: string[] = [];
      const inserts: (typeof dueItems.$inferInsert)[] = [];
      for (const p of planned) {
        const { unitName: _n, ...row } = p;
        const old = byKey.get(`${p.unitId} ${p.ref} ${p.period}`);
        if (old) {
          keep.push(old.id);
          if (old.dueDate !== p.dueDate || old.unitDue !== p.unitDue || old.divisionDue !== p.divisionDue || old.windowId !== p.windowId || old.label !== p.label) {
            await tx.update(dueItems).set({ ...row, generatedAt: now }).where(eq(dueItems.id, old.id));
          }
        } else {
          inserts.push({ assessmentId, ...row, generatedAt: now });
          created++;
        }
      }
      for (let i = 0; i < inserts.length; i += 500) await tx.insert(dueItems).values(inserts.slice(i, i + 500));
      const stale = existing.filter((e) => !keep.includes(e.id)).map((e) => e.id);
      let removed = 0;
      if (stale.length > 0) {
        const gone = await tx
          .delete(dueItems)
          .where(and(inArray(dueItems.id, stale), notInArray(dueItems.id, tx.select({ id: lateProposals.dueItemId }).from(lateProposals).where(eq(lateProposals.assessmentId, assessmentId)))))
          .returning({ id: dueItems.id });
        removed = gone.length;
      }
      const reminders = await scheduleReminders(tx, ctx, assessmentId, settings, planned.map((p) => p.unitDue), userId);
      return { total: planned.length, created, removed, roundsCap: settings.roundsCap, overCap, reason: overCap.length > 0 ? (body.reason ?? null) : null, reminderJobs: reminders };
    },
  );
}
