import type { Db } from '../db/database';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context';
import { divisions, leaders, leaderUnits, organisations, unitCategories, unitGroups, units } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { orgApi } from '@kaohe/contract/api';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { actorOf } from './route-helpers';

const iso = (d: Date) => d.toISOString();
const organisationView = (r: typeof organisations.$inferSelect) => ({ ...r, createdAt: iso(r.createdAt) });
const unitView = (r: typeof units.$inferSelect) => ({ ...r, createdAt: iso(r.createdAt) });

/** Organisations, unit categories/groups, units, divisions and leaders (system administrator). */
export function orgRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(orgApi.organisations.path, routeOf(orgApi.organisations), async () =>
      (await ctx.db.select().from(organisations).orderBy(asc(organisations.code))).map(organisationView),
    );
    app.post(orgApi.createOrganisation.path, routeOf(orgApi.createOrganisation), async (request) =>
      organisationView(await audited(ctx, actorOf(request), { action: 'organisation.create', objectType: 'organisation', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(organisations).values({ ...request.body, createdAt: ctx.clock.now() }).returning();
        return row!;
      })),
    );
    app.get(orgApi.categories.path, routeOf(orgApi.categories), async (request) => {
      await getOrganisation(ctx, request.params.id);
      const categories = await ctx.db.select().from(unitCategories).where(eq(unitCategories.organisationId, request.params.id));
      const groups = await ctx.db
        .select({ id: unitGroups.id, categoryId: unitGroups.categoryId, name: unitGroups.name })
        .from(unitGroups)
        .innerJoin(unitCategories, eq(unitCategories.id, unitGroups.categoryId))
        .where(eq(unitCategories.organisationId, request.params.id));
      return categories.map((c) => ({ ...c, groups: groups.filter((g) => g.categoryId === c.id) }));
    });
    app.post(orgApi.createCategory.path, routeOf(orgApi.createCategory), async (request) => {
      await getOrganisation(ctx, request.params.id);
      return audited(ctx, actorOf(request), { action: 'category.create', objectType: 'unit-category', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(unitCategories).values({ organisationId: request.params.id, name: request.body.name }).returning();
        return row!;
      });
    });
    app.post(orgApi.createGroup.path, routeOf(orgApi.createGroup), async (request) => {
      const [category] = await ctx.db.select().from(unitCategories).where(eq(unitCategories.id, request.params.id));
      if (!category) throw new AppError('not-found', '单位类别不存在');
      return audited(ctx, actorOf(request), { action: 'group.create', objectType: 'unit-group', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(unitGroups).values({ categoryId: category.id, name: request.body.name }).returning();
        return row!;
      });
    });
    app.get(orgApi.units.path, routeOf(orgApi.units), async (request) =>
      (
        await ctx.db
          .select()
          .from(units)
          .where(request.query.organisationId ? eq(units.organisationId, request.query.organisationId) : undefined)
          .orderBy(asc(units.code))
      ).map(unitView),
    );
    app.post(orgApi.createUnit.path, routeOf(orgApi.createUnit), async (request) => {
      await getOrganisation(ctx, request.body.organisationId);
      await checkCategoryAndGroup(ctx, request.body.organisationId, request.body.categoryId ?? null, request.body.groupId ?? null);
      const created = await audited(ctx, actorOf(request), { action: 'unit.create', objectType: 'unit', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(units).values({ ...request.body, createdAt: ctx.clock.now() }).returning();
        return row!;
      });
      return unitView(created);
    });
    app.patch(orgApi.updateUnit.path, routeOf(orgApi.updateUnit), async (request) => {
      const unit = await getUnit(ctx, request.params.id);
      if (Object.keys(request.body).length === 0) throw new AppError('bad-request', '请求参数有误：body: 没有要修改的字段');
      const next = { ...unit, ...request.body };
      await checkCategoryAndGroup(ctx, unit.organisationId, next.categoryId, next.groupId);
      const updated = await audited(ctx, actorOf(request), { action: 'unit.update', objectType: 'unit', objectId: unit.id, before: unit }, async (tx: Db) => {
        const [row] = await tx.update(units).set(request.body).where(eq(units.id, unit.id)).returning();
        return row!;
      });
      return unitView(updated);
    });
    app.get(orgApi.divisions.path, routeOf(orgApi.divisions), async (request) => {
      await getUnit(ctx, request.params.id);
      return ctx.db.select().from(divisions).where(eq(divisions.unitId, request.params.id)).orderBy(asc(divisions.name));
    });
    app.post(orgApi.createDivision.path, routeOf(orgApi.createDivision), async (request) => {
      const unit = await getUnit(ctx, request.params.id);
      return audited(ctx, actorOf(request), { action: 'division.create', objectType: 'division', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(divisions).values({ unitId: unit.id, name: request.body.name }).returning();
        return row!;
      });
    });
    app.get(orgApi.leaders.path, routeOf(orgApi.leaders), async () => {
      const rows = await ctx.db.select().from(leaders).orderBy(asc(leaders.name));
      const links = await ctx.db.select().from(leaderUnits);
      return rows.map((l) => ({ ...l, unitIds: links.filter((x) => x.leaderId === l.id).map((x) => x.unitId) }));
    });
    app.post(orgApi.createLeader.path, routeOf(orgApi.createLeader), async (request) => {
      await getOrganisation(ctx, request.body.organisationId);
      const leader = await audited(ctx, actorOf(request), { action: 'leader.create', objectType: 'leader', objectIdOf: (r) => r.id }, async (tx: Db) => {
        const [row] = await tx.insert(leaders).values(request.body).returning();
        return row!;
      });
      return { ...leader, unitIds: [] };
    });
    app.post(orgApi.linkLeaderUnit.path, routeOf(orgApi.linkLeaderUnit), async (request) => {
      const [leader] = await ctx.db.select().from(leaders).where(eq(leaders.id, request.params.id));
      if (!leader) throw new AppError('not-found', '领导不存在');
      await getUnit(ctx, request.body.unitId);
      return audited(ctx, actorOf(request), { action: 'leader.link-unit', objectType: 'leader', objectId: leader.id }, async (tx: Db) => {
        await tx.insert(leaderUnits).values({ leaderId: leader.id, unitId: request.body.unitId }).onConflictDoNothing();
        return { leaderId: leader.id, unitId: request.body.unitId };
      });
    });
  };
}

async function getOrganisation(ctx: ServerContext, id: string) {
  const [row] = await ctx.db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new AppError('not-found', '组织不存在');
  return row;
}

export async function getUnit(ctx: ServerContext, id: string) {
  const [row] = await ctx.db.select().from(units).where(eq(units.id, id));
  if (!row) throw new AppError('not-found', '单位不存在');
  return row;
}

async function checkCategoryAndGroup(ctx: ServerContext, organisationId: string, categoryId: string | null, groupId: string | null) {
  if (categoryId) {
    const [c] = await ctx.db.select().from(unitCategories).where(and(eq(unitCategories.id, categoryId), eq(unitCategories.organisationId, organisationId)));
    if (!c) throw new AppError('not-found', '单位类别不存在');
  }
  if (groupId) {
    if (!categoryId) throw new AppError('bad-request', '指定分组时须同时指定类别');
    const [g] = await ctx.db.select().from(unitGroups).where(and(eq(unitGroups.id, groupId), eq(unitGroups.categoryId, categoryId)));
    if (!g) throw new AppError('not-found', '单位分组不存在或不属于该类别');
  }
}
