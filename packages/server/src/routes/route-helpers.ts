import type { FastifyRequest } from 'fastify';
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

export { clauseKeySchema, clientKey, idParams, nonEmpty, uuidParam } from '@kaohe/contract/api';
