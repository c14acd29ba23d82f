import { pgErrorOf } from '../db/pg-error';
import { AppError } from '../lib/app-error';

/** Serialization failure and deadlock: the transaction rolled back as a whole and may run again. */
const retryable = new Set(['40001', '40P01']);

/** Thrown inside a transaction when a concurrent writer got there first (an insert lost a race). */
export class RetryableConflict extends Error {
  constructor(what: string) {
    super(`concurrent write: ${what}`);
    this.name = 'RetryableConflict';
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  const pg = pgErrorOf(error);
  return pg !== null && retryable.has(pg.code);
}

/**
 * Runs a whole transaction (its audit record included) again after a serialization failure or a
 * deadlock, a bounded number of times with jittered backoff, then answers 503 in Chinese. A
 * retried attempt rolled back completely, so one business change still leaves one audit row.
 */
export async function withRetry<T>(run: () => Promise<T>, options: { attempts?: number; baseMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseMs ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= attempts) throw new AppError('unavailable', '系统繁忙：数据正被同时修改，已重试仍未成功，请稍后再试');
      const wait = base * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * wait));
    }
  }
}
