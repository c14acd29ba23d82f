import type { Db } from '../db/database';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../access/roles';
import { encryptPersonalData, personalDataView } from '../security/personal-data';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkNewPassword } from '../auth/login.service';
import type { ServerContext } from '../context';
import { divisions, leaders, loginThrottle, passwordHistory, sessions, userRoles, users } from '../db/schema';
import { routeOf } from '../http/route-schema';
import { usersApi } from '@kaohe/contract/api';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { actorOf } from './route-helpers';
import type { RoleClass } from '../access/roles';

const view = (ctx: ServerContext, viewer: Actor, u: typeof users.$inferSelect) => ({
  ...personalDataView(ctx.fields, u, viewer),
  id: u.id,
  login: u.login,
  displayName: u.displayName,
  roleClass: u.roleClass as RoleClass,
  isDisabled: u.isDisabled,
  hasTotp: u.totpSecret !== null,
  passwordChangedAt: u.passwordChangedAt.toISOString(),
  createdAt: u.createdAt.toISOString(),
});
const grantView = (r: typeof userRoles.$inferSelect) => ({ ...r, createdAt: r.createdAt.toISOString() });
const lockoutView = (r: typeof loginThrottle.$inferSelect) => ({
  login: r.login,
  failures: r.failures,
  windowStartedAt: r.windowStartedAt.toISOString(),
  lockedUntil: r.lockedUntil?.toISOString() ?? null,
});

/**
 * Accounts (system administrator) and their roles and lockouts (security administrator).
 * Administrator accounts are created only by `kaohe admin create`, never over HTTP.
 */
export function userRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(usersApi.list.path, routeOf(usersApi.list), async (request) =>
      (await ctx.db.select().from(users).orderBy(asc(users.login))).map((u) => view(ctx, request.actor, u)),
    );
    app.post(usersApi.create.path, routeOf(usersApi.create), async (request) => {
      const { login, displayName, initialPassword, ...personal } = request.body;
      const [existing] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.login}) = ${login.toLowerCase()}`);
      if (existing) throw new AppError('conflict', '登录名已存在（登录名不区分大小写）');
      const hash = await checkNewPassword(ctx, ctx.db, { id: '00000000-0000-0000-0000-000000000000', login }, initialPassword);
      const now = ctx.clock.now();
      const row = await audited(ctx, actorOf(request), { action: 'user.create', objectType: 'user', objectIdOf: (r) => r.id, after: (r) => ({ login: r.login, displayName: r.displayName }) }, async (tx: Db) => {
        // an initial password set by someone else must be changed at first login
        const [u] = await tx
          .insert(users)
          .values({ login, displayName, roleClass: 'business', passwordHash: hash, passwordChangedAt: new Date(0), createdAt: now, ...encryptPersonalData(ctx.fields, personal) })
          .returning();
        await tx.insert(passwordHistory).values({ userId: u!.id, passwordHash: hash, createdAt: now });
        return u!;
      });
      return view(ctx, request.actor, row);
    });
    app.patch(usersApi.update.path, routeOf(usersApi.update), async (request) => {
      const user = await getBusinessUser(ctx, request, request.params.id, '停用、改名或修改');
      if (Object.keys(request.body).length === 0) throw new AppError('bad-request', '请求参数有误：body: 没有要修改的字段');
      const row = await audited(ctx, actorOf(request), { action: 'user.update', objectType: 'user', objectId: user.id, before: { displayName: user.displayName, isDisabled: user.isDisabled }, after: (r) => ({ displayName: r.displayName, isDisabled: r.isDisabled, personalData: ['phone', 'idNumber', 'email'].filter((k) => k in request.body) }) }, async (tx: Db) => {
        const { phone, idNumber, email, ...plain } = request.body;
        const [u] = await tx.update(users).set({ ...plain, ...encryptPersonalData(ctx.fields, { phone, idNumber, email }) }).where(eq(users.id, user.id)).returning();
        if (request.body.isDisabled) {
          await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
        }
        return u!;
      });
      return view(ctx, request.actor, row);
    });
    app.get(usersApi.roles.path, routeOf(usersApi.roles), async (request) => {
      await getUser(ctx, request.params.id);
      return (await ctx.db.select().from(userRoles).where(eq(userRoles.userId, request.params.id))).map(grantView);
    });
    app.post(usersApi.grantRole.path, routeOf(usersApi.grantRole), async (request) => {
      const user = await getUser(ctx, request.params.id);
      if (user.roleClass !== 'business') {
        throw new AppError('role-conflict', '三权分立：管理员账户不能再持有业务角色');
      }
      const body = request.body;
      if (body.role === 'division-user' && body.divisionId) {
        const [d] = await ctx.db.select().from(divisions).where(eq(divisions.id, body.divisionId));
        if (!d || d.unitId !== body.unitId) throw new AppError('bad-request', '处室不属于所选单位');
      }
      if (body.role === 'leader' && body.leaderId) {
        const [l] = await ctx.db.select().from(leaders).where(eq(leaders.id, body.leaderId));
        if (!l) throw new AppError('not-found', '领导不存在');
      }
      const granted = await audited(ctx, actorOf(request), { action: 'role.grant', objectType: 'user', objectId: user.id }, async (tx: Db) => {
        const [row] = await tx
          .insert(userRoles)
          .values({
            userId: user.id,
            roleClass: 'business',
            role: body.role,
            assessmentId: body.assessmentId ?? null,
            unitId: body.unitId ?? null,
            divisionId: body.divisionId ?? null,
            leaderId: body.leaderId ?? null,
            createdAt: ctx.clock.now(),
          })
          .returning();
        return row!;
      });
      return grantView(granted);
    });
    app.delete(usersApi.revokeRole.path, routeOf(usersApi.revokeRole), async (request) => {
      const [role] = await ctx.db
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.id, request.params.roleId), eq(userRoles.userId, request.params.id)));
      if (!role) throw new AppError('not-found', '角色不存在');
      if (role.roleClass !== 'business') throw new AppError('forbidden', '管理员角色只能随账户停用');
      return audited(ctx, actorOf(request), { action: 'role.revoke', objectType: 'user', objectId: role.userId, before: role }, async (tx: Db) => {
        await tx.delete(userRoles).where(eq(userRoles.id, role.id));
        return { revoked: role.id };
      });
    });
    app.get(usersApi.lockouts.path, routeOf(usersApi.lockouts), async () =>
      (await ctx.db.select().from(loginThrottle).where(gt(loginThrottle.lockedUntil, ctx.clock.now()))).map(lockoutView),
    );
    app.post(usersApi.clearLockout.path, routeOf(usersApi.clearLockout), async (request) => {
      const key = request.body.login.toLowerCase();
      return audited(ctx, actorOf(request), { action: 'lockout.clear', objectType: 'login', objectId: key }, async (tx: Db) => {
        const removed = await tx.delete(loginThrottle).where(eq(loginThrottle.login, key)).returning();
        return { cleared: removed.length };
      });
    });
    app.post(usersApi.resetTotp.path, routeOf(usersApi.resetTotp), async (request) => {
      const user = await getBusinessUser(ctx, request, request.params.id, '重置动态口令');
      return audited(ctx, actorOf(request), { action: 'user.totp-reset', objectType: 'user', objectId: user.id }, async (tx: Db) => {
        await tx.update(users).set({ totpSecret: null, totpLastStep: null }).where(eq(users.id, user.id));
        await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
        return { reset: true as const };
      });
    });
  };
}

/**
 * 三权分立: no administrator changes an administrator account over HTTP (disable, rename, reset
 * factors); that takes `kaohe admin …` on the host, which is audited. The refusal is audited too.
 */
async function getBusinessUser(ctx: ServerContext, request: FastifyRequest, id: string, what: string) {
  const user = await getUser(ctx, id);
  if (user.roleClass !== 'business') {
    await recordAudit(ctx.db, ctx.audit, actorOf(request), { action: 'user.admin-change-refused', objectType: 'user', objectId: user.id, outcome: 'denied', after: { what } });
    throw new AppError('forbidden', `三权分立：不能通过接口${what}管理员账户，请在服务器上使用 kaohe admin 命令`);
  }
  return user;
}

async function getUser(ctx: ServerContext, id: string) {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError('not-found', '用户不存在');
  return row;
}
