import { calendarApi } from '@kaohe/contract/api';
import { eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../access/roles';
import { scopePredicate } from '../access/scope';
import type { ServerContext } from '../context';
import { dueItems, reportWindows } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { getVisibleAssessment } from '../services/assessment.service';
import { completion } from '../services/calendar/completion';
import { listDueItems } from '../services/calendar/due-items';
import { generateDueItems } from '../services/calendar/generate';
import { decideProposal, listProposals, proposeLateDeductions } from '../services/calendar/late-deductions';
import { getCalendarSettings, instantOf, settingsView, updateCalendarSettings } from '../services/calendar/settings';
import { addReportWindow, listReportWindows, removeReportWindow } from '../services/calendar/windows';
import { deliveryState } from '../services/notify/status';
import { actorOf, userActor } from './route-helpers';

const dueScope = (actor: Actor) => scopePredicate(actor, { assessmentId: sql`${dueItems.assessmentId}`, unitId: sql`${dueItems.unitId}`, clauseKey: sql`${dueItems.ref}` }, 'read');

/** The year's calendar: settings and holiday list, report windows, due items, completion, late deductions (docs/calendar.md). */
export function calendarRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(calendarApi.settings.path, routeOf(calendarApi.settings), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return { ...settingsView(await getCalendarSettings(ctx.db, a.id)), delivery: await deliveryState(ctx) };
    });
    app.put(calendarApi.updateSettings.path, routeOf(calendarApi.updateSettings), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return { ...settingsView(await updateCalendarSettings(ctx, actorOf(request), userActor(request).userId, a.id, request.body)), delivery: await deliveryState(ctx) };
    });
    app.get(calendarApi.windows.path, routeOf(calendarApi.windows), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return listReportWindows(ctx.db, a.id);
    });
    app.post(calendarApi.addWindow.path, routeOf(calendarApi.addWindow), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return addReportWindow(ctx, actorOf(request), userActor(request).userId, a.id, request.body);
    });
    app.delete(calendarApi.removeWindow.path, routeOf(calendarApi.removeWindow), async (request) => {
      const [w] = await ctx.db.select({ assessmentId: reportWindows.assessmentId }).from(reportWindows).where(eq(reportWindows.id, request.params.id));
      if (!w) throw new AppError('not-found', '报送周期不存在');
      await getVisibleAssessment(ctx, request.actor, w.assessmentId);
      return removeReportWindow(ctx, actorOf(request), request.params.id);
    });
    app.post(calendarApi.generate.path, routeOf(calendarApi.generate), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const result = await generateDueItems(ctx, actorOf(request), userActor(request).userId, a.id, request.body);
      ctx.jobs?.wake();
      return result;
    });
    app.get(calendarApi.dueItems.path, routeOf(calendarApi.dueItems), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return listDueItems(ctx.db, a.id, ctx.clock.now(), { ...request.query, scope: dueScope(request.actor) });
    });
    app.get(calendarApi.completion.path, routeOf(calendarApi.completion), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      const settings = await getCalendarSettings(ctx.db, a.id);
      const at = request.query.asOf ? instantOf(request.query.asOf, '23:59', settings.utcOffsetMinutes) : ctx.clock.now();
      return completion(ctx.db, a.id, at, dueScope(request.actor));
    });
    app.post(calendarApi.propose.path, routeOf(calendarApi.propose), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return proposeLateDeductions(ctx, actorOf(request), a.id, request.body);
    });
    app.get(calendarApi.proposals.path, routeOf(calendarApi.proposals), async (request) => {
      const a = await getVisibleAssessment(ctx, request.actor, request.params.id);
      return listProposals(ctx.db, request.actor, a.id);
    });
    app.post(calendarApi.decide.path, routeOf(calendarApi.decide), async (request) => {
      return decideProposal(ctx, actorOf(request), request.actor, userActor(request).userId, request.params.id, request.body);
    });
  };
}
