import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, roleLabel } from '../access/roles';
import type { AuditActor } from '../audit/audit';
import { AppError } from '../lib/app-error';

export type UserActor = Extract<Actor, { kind: 'user' }>;

export function userActor(request: FastifyRequest): UserActor {
  if (request.actor.kind !== 'user') throw new AppError('unauthenticated', '请先登录');
  return request.actor;
}

/** Who did it, for the audit trail. */
export function actorOf(request: FastifyRequest): AuditActor {
  const actor = request.actor;
  if (actor.kind !== 'user') return { id: null, login: null, role: null, sourceIp: request.ip };
  return { id: actor.userId, login: actor.login, role: roleLabel(actor), sourceIp: request.ip };
}

export const uuidParam = (name: string) => z.string().uuid(`${name} 不是有效的编号`);
export const idParams = z.strictObject({ id: uuidParam('id') });
export const clientKey = z.string().trim().min(8, 'clientKey 至少 8 个字符').max(100).regex(/^[A-Za-z0-9._:-]+$/, 'clientKey 只能包含字母、数字和 ._:-');
export const nonEmpty = (max = 200) => z.string().trim().min(1, '不能为空').max(max);
export const clauseKeySchema = z.string().trim().min(1, '不能为空').max(100);
