import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasPermission, type RoutePermission } from '../access/roles';
import { AppError } from '../lib/app-error';
import { intlCryptoProvider } from '../lib/crypto-provider';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type PermissionHandler = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & {
  permission: RoutePermission;
};

/**
 * The permission a route needs, declared on the route. Also the CSRF gate: a state-changing
 * request made with a session must echo the session's token in `x-csrf-token`.
 */
export function requirePermission(permission: RoutePermission): PermissionHandler {
  const handler = async (request: FastifyRequest) => {
    const actor = request.actor;
    if (actor.kind === 'user' && stateChanging.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !intlCryptoProvider.equal(sent, actor.csrfToken)) {
        throw new AppError('csrf', '缺少或错误的 CSRF 令牌（x-csrf-token）');
      }
    }
    if (hasPermission(actor, permission)) return;
    if (actor.kind !== 'user') throw new AppError('unauthenticated', '请先登录');
    if (actor.stage === 'password-change') throw new AppError('password-change-required', '密码已过期，请先修改密码');
    if (actor.stage === 'totp-enrol') throw new AppError('totp-enrolment-required', '请先绑定动态口令（TOTP）');
    throw new AppError('forbidden', '无权执行此操作');
  };
  return Object.assign(handler, { permission });
}

export function permissionOf(route: Pick<RouteOptions, 'preHandler'>): RoutePermission | null {
  const handlers = Array.isArray(route.preHandler) ? route.preHandler : route.preHandler ? [route.preHandler] : [];
  for (const h of handlers) {
    const p = (h as Partial<PermissionHandler>).permission;
    if (p) return p;
  }
  return null;
}
