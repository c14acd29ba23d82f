import { ssoApi } from '@kaohe/contract';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resolveSession, sessionCookieName } from '../auth/session.service';
import type { ServerContext } from '../context';
import { ssoLinks, ssoProviders, users } from '../db/schema';
import { requirePermission } from '../http/require-permission';
import { AppError } from '../lib/app-error';
import { actorOf } from '../routes/route-helpers';
import { audited } from '../services/audited';
import { adapterFor, completeSsoLogin, makeState } from './sso.service';

/** SSO login (public) and the security administrator's provider and link management. */
export function ssoRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['sso'];
    app.get('/api/sso/providers', { schema: { tags }, preHandler: requirePermission('public') }, async () =>
      (await ctx.db.select().from(ssoProviders).where(eq(ssoProviders.enabled, true))).map((p) => ({ id: p.id, kind: p.kind, displayName: p.displayName })),
    );
    app.get('/api/sso/:provider/start', { schema: { tags, params: ssoApi.ssoProviderParams }, preHandler: requirePermission('public') }, async (request, reply) => {
      const adapter = await adapterFor(ctx, request.params.provider);
      return reply.redirect(adapter.authorizeUrl(makeState(ctx, request.params.provider)), 302);
    });
    app.get('/api/sso/:provider/callback', { schema: { tags, params: ssoApi.ssoProviderParams, querystring: ssoApi.ssoCallbackQuery }, preHandler: requirePermission('public') }, async (request, reply) => {
      const session = await completeSsoLogin(ctx, request.params.provider, request.query, request.ip);
      reply.setCookie(sessionCookieName, session.token, { signed: true, httpOnly: true, sameSite: 'lax', secure: ctx.config.session.cookieSecure, path: '/' });
      const actor = await resolveSession(ctx, session.token, request.ip);
      if (actor.kind !== 'user') throw new Error('fresh session did not resolve');
      return { userId: actor.userId, login: actor.login, stage: actor.stage, csrfToken: actor.csrfToken };
    });

    app.put('/api/security/sso-providers/:provider', { schema: { tags, params: ssoApi.ssoProviderParams, body: ssoApi.ssoProviderBody }, preHandler: requirePermission('security:manage') }, async (request) => {
      const { provider } = request.params;
      const body = request.body;
      const secretEnc = body.secret ? ctx.fields.encrypt('sso_providers.secret', body.secret) : null;
      return audited(ctx, actorOf(request), { action: 'sso.provider-save', objectType: 'sso-provider', objectId: provider, after: () => ({ kind: body.kind, config: body.config, secret: body.secret ? '（已加密保存）' : null }) }, async (tx) => {
        const [existing] = await tx.select().from(ssoProviders).where(eq(ssoProviders.id, provider));
        const values = { kind: body.kind, displayName: body.displayName, config: body.config, enabled: body.enabled, secretEnc: secretEnc ?? existing?.secretEnc ?? null };
        if (existing) await tx.update(ssoProviders).set(values).where(eq(ssoProviders.id, provider));
        else await tx.insert(ssoProviders).values({ id: provider, ...values, createdAt: ctx.clock.now() });
        return { id: provider, kind: body.kind, hasSecret: values.secretEnc !== null };
      });
    });
    app.get('/api/security/sso-links', { schema: { tags, querystring: ssoApi.ssoLinksQuery }, preHandler: requirePermission('security:manage') }, async (request) =>
      ctx.db.select().from(ssoLinks).where(request.query.status ? eq(ssoLinks.status, request.query.status) : undefined),
    );
    app.post('/api/security/sso-links/:id/link', { schema: { tags, params: ssoApi.ssoLinkParams, body: ssoApi.ssoLinkBody }, preHandler: requirePermission('security:manage') }, async (request) => {
      const [user] = await ctx.db.select().from(users).where(eq(users.id, request.body.userId));
      if (!user) throw new AppError('not-found', '用户不存在');
      if (user.roleClass !== 'business') throw new AppError('role-conflict', '三权分立：统一身份认证账户不能关联管理员账户');
      return audited(ctx, actorOf(request), { action: 'sso.link', objectType: 'sso-link', objectId: request.params.id, after: () => ({ userId: user.id }) }, async (tx) => {
        const [row] = await tx.update(ssoLinks).set({ status: 'linked', userId: user.id }).where(eq(ssoLinks.id, request.params.id)).returning();
        if (!row) throw new AppError('not-found', '关联记录不存在');
        return row;
      });
    });
    app.post('/api/security/sso-links/:id/reject', { schema: { tags, params: ssoApi.ssoLinkParams }, preHandler: requirePermission('security:manage') }, async (request) =>
      audited(ctx, actorOf(request), { action: 'sso.reject', objectType: 'sso-link', objectId: request.params.id }, async (tx) => {
        const [row] = await tx.update(ssoLinks).set({ status: 'rejected', userId: null }).where(and(eq(ssoLinks.id, request.params.id))).returning();
        if (!row) throw new AppError('not-found', '关联记录不存在');
        return row;
      }),
    );
  };
}
