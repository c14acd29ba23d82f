/** The PostgreSQL error behind a driver or drizzle error (drizzle wraps it as `cause`). */
export type PgErrorInfo = { code: string; message: string; constraint: string | null; detail: string | null };

export function pgErrorOf(error: unknown): PgErrorInfo | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current === 'object' && current !== null) {
      const e = current as { code?: unknown; message?: unknown; constraint?: unknown; detail?: unknown; cause?: unknown };
      if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
        return {
          code: e.code,
          message: String(e.message ?? ''),
          constraint: typeof e.constraint === 'string' ? e.constraint : null,
          detail: typeof e.detail === 'string' ? e.detail : null,
        };
      }
      current = e.cause;
    } else {
      return null;
    }
  }
  return null;
}
