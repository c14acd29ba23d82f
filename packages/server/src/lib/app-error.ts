/**
 * The one server error. Services throw it with a code and a message for the user; the HTTP
 * layer maps the code to a status in one exhaustive table.
 */
export const appErrorCodes = [
  'bad-request',
  'unauthenticated',
  'login-failed',
  'password-change-required',
  'totp-enrolment-required',
  'csrf',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'unsupported-media-type',
  'scheme-published',
  'role-conflict',
  'password-policy',
  'rate-limited',
  'unavailable',
  'idp-unavailable',
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly details?: unknown,
  ) {
    super(userMessage);
    this.name = 'AppError';
  }
}

export function httpStatusOf(code: AppErrorCode): number {
  switch (code) {
    case 'bad-request':
    case 'password-policy':
      return 400;
    case 'unauthenticated':
    case 'login-failed':
      return 401;
    case 'csrf':
    case 'forbidden':
    case 'password-change-required':
    case 'totp-enrolment-required':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
    case 'scheme-published':
    case 'role-conflict':
      return 409;
    case 'payload-too-large':
      return 413;
    case 'unsupported-media-type':
      return 415;
    case 'rate-limited':
      return 429;
    case 'unavailable':
    case 'idp-unavailable':
      return 503;
    default:
      return assertUnreachable(code);
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
