import { type DueCascade, type ReportWindow, resolveWindow, type Scheme, statedCadence, type WindowInput } from '@kaohe/core';
import { and, asc, eq, notInArray } from 'drizzle-orm';
import type { AuditActor } from '../../audit/audit';
import type { ServerContext } from '../../context';
import type { Db } from '../../db/database';
import { dueItems, lateProposals, reportWindows } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { audited } from '../audited';
import { schemeIndexOf } from '../scheme-refs';
import { calendarScheme, refUnits } from './scheme-units';

export type WindowRow = typeof reportWindows.$inferSelect;

export async function addReportWindow(
  ctx: ServerContext,
  actor: AuditActor,
  userId: string,
  assessmentId: string,
  body: { ref: string; unitCategory?: string | null | undefined; window: WindowInput; cascade?: DueCascade | null | undefined; note?: string | undefined },
) {
  const scheme = await calendarScheme(ctx.db, assessmentId);
  const target = refUnits(scheme, body.ref);
  if (!target) throw new AppError('bad-request', `ref: 方案中没有条款或指标“${body.ref}”`);
  if (body.unitCategory && !scheme.unitCategories.some((c) => c.code === body.unitCategory)) {
    throw new AppError('bad-request', `unitCategory: 方案中没有单位类别“${body.unitCategory}”（有：${scheme.unitCategories.map((c) => `${c.code} ${c.name}`).join('、')}）`);
  }
  // the scheme's stated cadence, the 考评办's only when the scheme says nothing (core resolveWindow)
  let window: ReportWindow;
  try {
    window = resolveWindow(scheme, body.ref, body.window, 'window', schemeIndexOf(scheme)).window;
  } catch (error) {
    throw new AppError('bad-request', (error as Error).message);
  }
  const row = await audited<WindowRow>(ctx, actor, { action: 'calendar.window.add', objectType: 'report-window', objectIdOf: (r: WindowRow) => r.id, after: (r: WindowRow) => ({ ref: r.ref, unitCategory: r.unitCategory, window: r.window, cascade: r.cascade }) }, async (tx) => {
    const [created] = await tx
      .insert(reportWindows)
      .values({ assessmentId, ref: body.ref, unitCategory: body.unitCategory ?? null, window, cascade: body.cascade ?? null, note: body.note ?? null, createdBy: userId, createdAt: ctx.clock.now() })
      .returning();
    return created!;
  });
  return windowView(row, target.title, scheme);
}

export async function listReportWindows(db: Db, assessmentId: string) {
  const rows = await db.select().from(reportWindows).where(eq(reportWindows.assessmentId, assessmentId)).orderBy(asc(reportWindows.createdAt), asc(reportWindows.id));
  const scheme = rows.length > 0 ? await calendarScheme(db, assessmentId) : null;
  return rows.map((r) => windowView(r, scheme ? (refUnits(scheme, r.ref)?.title ?? null) : null, scheme));
}

/** Removes a window and its due items; refused while a late proposal rests on one of them. */
export async function removeReportWindow(ctx: ServerContext, actor: AuditActor, id: string) {
  await audited<WindowRow>(ctx, actor, { action: 'calendar.window.remove', objectType: 'report-window', objectId: id, after: () => ({ removed: true }) }, async (tx) => {
    const [row] = await tx.select().from(reportWindows).where(eq(reportWindows.id, id)).for('update');
    if (!row) throw new AppError('not-found', '报送周期不存在');
    const held = await tx.select({ id: lateProposals.id }).from(lateProposals).innerJoin(dueItems, eq(dueItems.id, lateProposals.dueItemId)).where(eq(dueItems.windowId, id)).limit(1);
    if (held.length > 0) throw new AppError('conflict', '该报送周期的应报事项已有迟报漏报扣分建议，不能删除');
    await tx.delete(dueItems).where(and(eq(dueItems.windowId, id), notInArray(dueItems.id, tx.select({ id: lateProposals.dueItemId }).from(lateProposals))));
    await tx.delete(reportWindows).where(eq(reportWindows.id, id));
    return row;
  });
  return { ok: true as const };
}

/** Where a window's cadence comes from: the scheme's field, the clause's words, or the 考评办 (the scheme says nothing). */
function cadenceFrom(scheme: Scheme | null, ref: string, window: ReportWindow) {
  const stated = scheme && window.cadence !== 'one-off' ? statedCadence(scheme, ref, schemeIndexOf(scheme)) : null;
  if (stated && stated.from !== 'unsupported' && stated.cadence === window.cadence) return { from: stated.from, at: stated.at, words: stated.words };
  return { from: 'office' as const, at: null, words: null };
}

export function windowView(r: WindowRow, refTitle: string | null, scheme: Scheme | null) {
  return { id: r.id, ref: r.ref, refTitle, unitCategory: r.unitCategory, window: r.window as ReportWindow, cadenceFrom: cadenceFrom(scheme, r.ref, r.window as ReportWindow), cascade: (r.cascade as DueCascade | null) ?? null, note: r.note, createdAt: r.createdAt.toISOString() };
}
