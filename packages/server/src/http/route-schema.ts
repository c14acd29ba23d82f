import { apiErrorMeaning, apiErrorStatus, errorBodySchema, errorCodesOf, type Operation } from '@kaohe/contract/api';
import { requirePermission } from './require-permission';

type Inputs<O extends Operation> = (O['params'] extends object ? { params: O['params'] } : object) &
  (O['querystring'] extends object ? { querystring: O['querystring'] } : object) &
  (O['body'] extends object ? { body: O['body'] } : object);

/** The error responses of an operation, one per status, each listing its codes and their meaning. */
function errorResponses(operation: Operation): Record<number, typeof errorBodySchema> {
  const byStatus = new Map<number, string[]>();
  for (const code of errorCodesOf(operation)) {
    const status = apiErrorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `${code}：${apiErrorMeaning[code]}`]);
  }
  return Object.fromEntries([...byStatus].map(([status, lines]) => [status, errorBodySchema.describe(lines.join('；'))]));
}

/**
 * Route options from a contract operation: the request and response schemas, the Chinese
 * summary and description, the documented error responses and the permission gate. A route
 * is `app.get(op.path, routeOf(op), handler)`, so what is served is what the contract says.
 */
export function routeOf<O extends Operation>(operation: O, extra: { bodyLimit?: number } = {}) {
  const inputs: Record<string, unknown> = {};
  if (operation.params) inputs.params = operation.params;
  if (operation.querystring) inputs.querystring = operation.querystring;
  if (operation.body) inputs.body = operation.body;
  const schema = {
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.description,
    ...(operation.produces ? { produces: [operation.produces] } : {}),
    ...(operation.consumes ? { consumes: [operation.consumes] } : {}),
    ...inputs,
    response: { 200: operation.response as O['response'], ...errorResponses(operation) },
  } as { tags: string[]; summary: string; description: string; response: { 200: O['response'] } } & Inputs<O>;
  return { schema, preHandler: requirePermission(operation.permission), ...extra };
}
