import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { pgErrorOf } from '../db/pg-error';
import type { ApiErrorCode, ErrorBody } from '@kaohe/contract/api';
import { AppError, httpStatusOf } from '../lib/app-error';

/** One mapping from anything thrown to a response; unknown errors are 500 with a request id in the log. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, body: Omit<ErrorBody['error'], 'requestId'>) =>
    reply.status(status).send({ error: { ...body, requestId: String(request.id) } } satisfies ErrorBody);

  if (error instanceof AppError) {
    return send(httpStatusOf(error.code), {
      code: error.code,
      message: error.userMessage,
      ...(error.details && typeof error.details === 'object' && 'issues' in error.details
        ? { issues: (error.details as { issues: { path: string; message: string }[] }).issues }
        : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'invalid',
    }));
    return send(400, {
      code: 'bad-request',
      message: `请求参数有误：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`,
      issues,
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return send(500, { code: 'internal', message: `服务器内部错误（请求编号 ${request.id}）` });
  }
  const pg = pgErrorOf(error);
  if (pg) {
    if (pg.code === '23505') return send(409, { code: 'conflict', message: '数据已存在（唯一性冲突）' });
    if (pg.code === '23503') return send(404, { code: 'not-found', message: '引用的对象不存在' });
    // class 22 = data exception (bad number, date, encoding, NUL in text…): the input's fault
    if (pg.code.startsWith('22') || pg.code === '23514' || pg.code === '23502') {
      return send(400, { code: 'bad-request', message: '数据格式或取值不合法' });
    }
    if (pg.code === '42501' && /published/.test(pg.message)) {
      return send(409, { code: 'scheme-published', message: '已发布的方案不可修改，请创建新版本' });
    }
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code: ApiErrorCode =
      status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : 'bad-request';
    return send(status, { code, message: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(500, { code: 'internal', message: `服务器内部错误（请求编号 ${request.id}）` });
}
