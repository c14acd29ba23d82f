import { sql } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { queryRows } from '../db/database';
import { scheduledInactiveAccountCheck } from '../security/inactive-accounts';
import { enqueueJob } from './job-queue';
import type { JobHandler } from './job-runner';

/**
 * Recurring jobs in the job table: each kind has exactly one queued (or running) row, due at the
 * next run; the run queues its successor in the transaction that completes it, so the schedule
 * survives restarts (the row stays in the table) and a crashed run is claimed again by the runner.
 * Several processes starting together serialise on a transaction advisory lock, so they never
 * queue two.
 */
export type RecurringKind = 'inactive-accounts';

/** Hours between runs; 0 switches the schedule off. */
export function recurringIntervals(ctx: ServerContext): Record<RecurringKind, number> {
  return { 'inactive-accounts': ctx.config.inactiveAccounts.checkHours };
}

/** Queues the next run of `kind` unless one is queued or running already. */
export async function scheduleNext(ctx: ServerContext, tx: Db, kind: RecurringKind, options: { exceptJobId?: string } = {}): Promise<boolean> {
  const hours = recurringIntervals(ctx)[kind];
  if (hours <= 0) return false;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`kaohe:schedule:${kind}`}))`);
  const pending = await queryRows<{ id: string }>(tx, sql`SELECT id FROM jobs WHERE kind = ${kind} AND status IN ('queued', 'running') AND id::text <> ${options.exceptJobId ?? ''}`);
  if (pending.length > 0) return false;
  await enqueueJob(tx, ctx.clock, { kind, payload: { everyHours: hours }, createdBy: null, runAfter: new Date(ctx.clock.now().getTime() + hours * 3_600_000) });
  return true;
}

/** At start-up: every configured schedule has its next run queued. */
export async function ensureSchedules(ctx: ServerContext): Promise<void> {
  for (const kind of Object.keys(recurringIntervals(ctx)) as RecurringKind[]) {
    await ctx.db.transaction((tx) => scheduleNext(ctx, tx, kind));
  }
}

/** The inactive-accounts run: the check and the next run land in the job's completing transaction. */
export function inactiveAccountsHandler(ctx: ServerContext): JobHandler {
  return async (job) => async (tx) => {
    const result = await scheduledInactiveAccountCheck(ctx, tx);
    await scheduleNext(ctx, tx, 'inactive-accounts', { exceptJobId: job.id });
    return result;
  };
}
