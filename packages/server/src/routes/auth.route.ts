import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword, confirmTotp, login } from '../auth/login.service';
import { resolveSession, revokeSession, sessionCookieName } from '../auth/session.service';
import { generateTotpSecret, otpauthUri } from '../auth/totp';
import type { ServerContext } from '../context';
import { requirePermission } from '../http/require-permission';
import { actorOf, userActor } from './route-helpers';
import { changePasswordBody, loginBody, sessionResponse, stageResponse, totpConfirmBody, totpEnrolResponse } from './auth.types';

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
      '/api/auth/login',
      { schema: { tags: ['auth'], body: loginBody, response: { 200: sessionResponse } }, preHandler: requirePermission('public') },
      async (request, reply) => {
        const result = await login(ctx, request.body, request.ip);
        setCookie(reply, result.token);
        const actor = await resolveSession(ctx, result.token, request.ip);
        if (actor.kind !== 'user') throw new Error('fresh session did not resolve');
        return sessionView(actor);
      },
    );

    app.get(
      '/api/auth/session',
      { schema: { tags: ['auth'], response: { 200: sessionResponse } }, preHandler: requirePermission('session') },
      async (request) => sessionView(userActor(request)),
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'] }, preHandler: requirePermission('session') },
      async (request, reply) => {
        const actor = userActor(request);
        await revokeSession(ctx, actorOf(request), actor.sessionId);
        reply.clearCookie(sessionCookieName, { path: '/' });
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/password',
      { schema: { tags: ['auth'], body: changePasswordBody, response: { 200: stageResponse } }, preHandler: requirePermission('session') },
      async (request) => {
        const actor = userActor(request);
        const stage = await changePassword(ctx, { ...actorOf(request), id: actor.userId }, actor.sessionId, request.body);
        return { stage };
      },
    );

    app.post(
      '/api/auth/totp/enrol',
      { schema: { tags: ['auth'], response: { 200: totpEnrolResponse } }, preHandler: requirePermission('session') },
      async (request) => {
        const actor = userActor(request);
        const secret = generateTotpSecret();
        return { secret, otpauthUri: otpauthUri(secret, actor.login) };
      },
    );

    app.post(
      '/api/auth/totp/confirm',
      { schema: { tags: ['auth'], body: totpConfirmBody, response: { 200: stageResponse } }, preHandler: requirePermission('session') },
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

