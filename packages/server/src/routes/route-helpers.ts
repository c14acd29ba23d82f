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

/** The text fields sent before the file part of a multipart upload (the first value of each name). */
export function multipartFields(fields: Record<string, unknown>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    const f = (Array.isArray(field) ? field[0] : field) as { type?: string; value?: unknown } | undefined;
    if (f && f.type === 'field' && typeof f.value === 'string') raw[name] = f.value;
  }
  return raw;
}
