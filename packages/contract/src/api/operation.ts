import type { z } from 'zod';
import { apiErrorStatus, type ApiErrorCode } from './errors';
import type { RoutePermission } from './permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP operation as both sides see it: the server registers it (schema, permission, OpenAPI
 * text) and the web calls it (path, method, response parsing). Chinese summary and description
 * are what the OpenAPI page shows.
 */
export type Operation = {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  description: string;
  permission: RoutePermission;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Content type when the answer is not JSON (an export file). */
  produces?: string;
  /** Content type of the request when it is not JSON (a multipart upload: no body schema, fields read by the handler). */
  consumes?: string;
  /** Codes this operation answers with besides those its permission and inputs imply. */
  errors: readonly ApiErrorCode[];
};

export const defineOperation = <const O extends Operation>(operation: O): O => operation;

const stateChanging = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every error code an operation can answer with: its own, plus what its permission and inputs imply. */
export function errorCodesOf(operation: Operation): ApiErrorCode[] {
  const codes = new Set<ApiErrorCode>(operation.errors);
  if (operation.params || operation.querystring || operation.body) codes.add('bad-request');
  if (operation.permission !== 'public') {
    codes.add('unauthenticated');
    if (stateChanging.has(operation.method)) codes.add('csrf');
  }
  if (operation.permission !== 'public' && operation.permission !== 'session') {
    codes.add('forbidden');
    codes.add('password-change-required');
    codes.add('totp-enrolment-required');
  }
  codes.add('internal');
  return [...codes].sort((a, b) => apiErrorStatus[a] - apiErrorStatus[b] || a.localeCompare(b));
}

/** Fills `:name` segments of an operation's path. */
export function pathOf(operation: Pick<Operation, 'path'>, params: Record<string, string> = {}): string {
  return operation.path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

type Maybe<T> = T extends z.ZodType ? z.input<T> : undefined;
export type ParamsOf<O extends Operation> = Maybe<O['params']>;
export type QueryOf<O extends Operation> = Maybe<O['querystring']>;
export type BodyOf<O extends Operation> = Maybe<O['body']>;
export type ResponseOf<O extends Operation> = z.output<O['response']>;
