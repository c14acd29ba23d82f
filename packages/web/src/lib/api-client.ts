import {
  apiErrorMeaning,
  errorBodySchema,
  pathOf,
  type ApiErrorCode,
  type ApiIssue,
  type BodyOf,
  type Operation,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@kaohe/contract/api';

/** An error the user reads: always a Chinese message; issues name the fields of a 400. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network' | 'bad-response',
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type AuthScreen = 'login' | 'change-password' | 'totp-enrol';

let csrfToken: string | null = null;
let redirect: (screen: AuthScreen) => void = () => {};

/** The session's CSRF token lives in memory only (never in storage); set on login and session load. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** Where the client sends the user when the server says: not logged in, change password, enrol TOTP. */
export const onAuthRedirect = (fn: (screen: AuthScreen) => void) => {
  redirect = fn;
};

const screenOf: Partial<Record<ApiErrorCode, AuthScreen>> = {
  unauthenticated: 'login',
  'password-change-required': 'change-password',
  'totp-enrolment-required': 'totp-enrol',
};

export type CallInput<O extends Operation> = { params?: ParamsOf<O>; query?: QueryOf<O>; body?: BodyOf<O>; signal?: AbortSignal };

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function urlOf<O extends Operation>(operation: O, input: Pick<CallInput<O>, 'params' | 'query'> = {}): string {
  return pathOf(operation, (input.params ?? {}) as Record<string, string>) + queryString(input.query as Record<string, unknown> | undefined);
}

/**
 * The one way the web talks to the server: same origin, the session cookie, the CSRF header on
 * writes, the error body turned into an ApiError with a Chinese message, and the three session
 * states that need another screen sent there.
 */
export async function callApi<O extends Operation>(operation: O, input: CallInput<O> = {}): Promise<ResponseOf<O>> {
  const headers: Record<string, string> = { accept: operation.produces ?? 'application/json' };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  if (operation.method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(urlOf(operation, input), {
      method: operation.method,
      headers,
      credentials: 'same-origin',
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal: input.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) throw await errorOf(operation, response);
  if (operation.produces) return (await response.text()) as ResponseOf<O>;
  const parsed = operation.response.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'bad-response', `服务器返回的数据不符合约定（${operation.summary}），请联系管理员`);
  return parsed.data as ResponseOf<O>;
}

async function errorOf(operation: Operation, response: Response): Promise<ApiError> {
  const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) {
    return new ApiError(response.status, response.status >= 500 ? 'internal' : 'bad-request', `服务器返回错误 ${response.status}（${operation.summary}）`);
  }
  const { code, message, issues, requestId } = body.data.error;
  const screen = screenOf[code];
  // the login form reports its own failure; every other 401/403 of these kinds goes to its screen
  if (screen && operation.permission !== 'public') redirect(screen);
  return new ApiError(response.status, code, message || apiErrorMeaning[code], issues ?? [], requestId);
}

/** Issues of a 400 keyed by field name (`body.login` → `login`), for showing beside the field. */
export function fieldErrors(error: unknown): { name: string; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const match = /^(?:body|querystring)\.(\w+)/.exec(issue.path);
    if (!match) continue;
    byField.set(match[1]!, [...(byField.get(match[1]!) ?? []), issue.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/** Puts a 400's issues under the fields of an antd form they name (the rest stay in the message area). */
export function showFieldErrors(form: { setFields: (fields: never[]) => void }, error: unknown): void {
  form.setFields(fieldErrors(error) as never[]);
}

export const messageOf = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error ? `出现意外错误：${error.message}` : '出现意外错误';

export type UploadInput<O extends Operation> = {
  params?: ParamsOf<O>;
  /** Form fields, sent before the file (the server checks them before storing anything). */
  fields: Record<string, string | undefined>;
  file: Blob & { name?: string };
  /** 0–100 as the bytes leave the browser. */
  onProgress?: (percent: number) => void;
};

/**
 * A multipart upload (evidence, facts sheet) through XMLHttpRequest, the one browser API that
 * reports upload progress; same origin, cookie, CSRF header and error mapping as callApi.
 */
export function uploadFile<O extends Operation>(operation: O, input: UploadInput<O>): Promise<ResponseOf<O>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(input.fields)) if (value !== undefined) form.append(name, value);
  form.append('file', input.file, input.file.name ?? 'file');
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(operation.method, urlOf(operation, { params: input.params }));
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) input.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    request.onerror = () => reject(new ApiError(0, 'network', '上传中断：无法连接服务器，请检查网络后重试'));
    request.onload = () => {
      const response = new Response(request.responseText, { status: request.status, headers: { 'content-type': 'application/json' } });
      if (request.status < 200 || request.status >= 300) return void errorOf(operation, response).then(reject);
      const parsed = operation.response.safeParse(JSON.parse(request.responseText || 'null'));
      if (!parsed.success) return void reject(new ApiError(request.status, 'bad-response', `服务器返回的数据不符合约定（${operation.summary}），请联系管理员`));
      input.onProgress?.(100);
      resolve(parsed.data as ResponseOf<O>);
    };
    request.send(form);
  });
}

/** A file the browser downloads from a contract operation's URL (same origin; the cookie goes with it). */
export function downloadUrl<O extends Operation>(operation: O, input: Pick<CallInput<O>, 'params' | 'query'> = {}): string {
  return urlOf(operation, input);
}

/** Downloads a file the server answers as an attachment (template, evidence) under the given name. */
export async function downloadFile<O extends Operation>(operation: O, input: Pick<CallInput<O>, 'params' | 'query'>, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(urlOf(operation, input), { method: 'GET', credentials: 'same-origin', headers: { accept: operation.produces ?? '*/*' } });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) throw await errorOf(operation, response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh idempotency key for one user action (a retried request replays instead of duplicating). */
export const newClientKey = (prefix: string) => `${prefix}-${globalThis.crypto.randomUUID()}`;
