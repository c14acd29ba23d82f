import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword, confirmTotp, login } from '../auth/login.service';
import { resolveSession, revokeSession, sessionCookieName } from '../auth/session.service';
import { generateTotpSecret, otpauthUri } from '../auth/totp';
import type { ServerContext } from '../context';
import { routeOf } from '../http/route-schema';
import { authApi } from '@kaohe/contract/api';
import { actorOf, userActor } from './route-helpers';

export function authRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(sessionCookieName, token, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.session.cookieSecure,
      path: '/',
    });

  return async (app) => {
    app.post(
      authApi.login.path,
      routeOf(authApi.login),
      async (request, reply) => {
        const result = await login(ctx, request.body, request.ip);
        setCookie(reply, result.token);
        const actor = await resolveSession(ctx, result.token, request.ip);
        if (actor.kind !== 'user') throw new Error('fresh session did not resolve');
        return sessionView(actor);
      },
    );

    app.get(
      authApi.session.path,
      routeOf(authApi.session),
      async (request) => sessionView(userActor(request)),
    );

    app.post(
      authApi.logout.path,
      routeOf(authApi.logout),
      async (request, reply) => {
        const actor = userActor(request);
        await revokeSession(ctx, actorOf(request), actor.sessionId);
        reply.clearCookie(sessionCookieName, { path: '/' });
        return { ok: true as const };
      },
    );

    app.post(
      authApi.changePassword.path,
      routeOf(authApi.changePassword),
      async (request) => {
        const actor = userActor(request);
        const stage = await changePassword(ctx, { ...actorOf(request), id: actor.userId }, actor.sessionId, request.body);
        return { stage };
      },
    );

    app.post(
      authApi.totpEnrol.path,
      routeOf(authApi.totpEnrol),
      async (request) => {
        const actor = userActor(request);
        const secret = generateTotpSecret();
        return { secret, otpauthUri: otpauthUri(secret, actor.login) };
      },
    );

    app.post(
      authApi.totpConfirm.path,
      routeOf(authApi.totpConfirm),
      async (request) => {
        const actor = userActor(request);
        const stage = await confirmTotp(ctx, { ...actorOf(request), id: actor.userId }, actor.sessionId, request.body);
        return { stage };
      },
    );
  };
}

function sessionView(actor: Extract<import('../access/roles').Actor, { kind: 'user' }>) {
  return {
    userId: actor.userId,
    login: actor.login,
    roleClass: actor.roleClass,
    roles: actor.grants.map(({ role, assessmentId, unitId, divisionId, leaderId }) => ({ role, assessmentId, unitId, divisionId, leaderId })),
    stage: actor.stage,
    csrfToken: actor.csrfToken,
  };
}

