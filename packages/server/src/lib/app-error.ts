/**
 * The one server error. Services throw it with a code and a message for the user; the HTTP
 * layer maps the code to a status in one exhaustive table (the contract's `apiErrorStatus`).
 */
import { apiErrorCodes, apiErrorStatus, type ApiErrorCode } from '@kaohe/contract/api';

/** The codes are the contract's error codes (the web maps them to screens); 'internal' is the handler's own. */
export const appErrorCodes = apiErrorCodes.filter((c): c is Exclude<ApiErrorCode, 'internal'> => c !== 'internal');
export type AppErrorCode = Exclude<ApiErrorCode, 'internal'>;

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
  return apiErrorStatus[code];
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
