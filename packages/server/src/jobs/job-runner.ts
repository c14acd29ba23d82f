import { and, eq, sql } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { queryRows } from '../db/database';
import { jobs } from '../db/schema';
import { AppError } from '../lib/app-error';
import type { Job, JobKind } from './job-queue';

/** What a handler may do while it runs: report progress, and finish in one transaction with its own writes. */
export type JobControl = {
  progress: (percent: number, stage: string) => Promise<void>;
};
/**
 * A handler works outside any transaction (file parsing must not hold PGlite's only connection)
 * and returns `commit`, run in the transaction that marks the job succeeded: its writes and the
 * job's completion land together or not at all, so a job re-run after a crash starts clean.
 */
export type JobHandler = (job: Job, control: JobControl) => Promise<(tx: Db) => Promise<Record<string, unknown>>>;

export type JobRunner = {
  /** Look for work now (called after an enqueue). */
  wake: () => void;
  /** Resolves when no job is queued or running in this process (tests). */
  drain: () => Promise<void>;
  close: () => Promise<void>;
};

export type JobRunnerOptions = {
  pollMs: number;
  leaseMs: number;
  /** PGlite has one owner process (lock file): at start every 'running' job is an orphan of the last run. */
  reclaimOnStart?: boolean;
};

/**
 * A small runner: claims one job at a time with `FOR UPDATE SKIP LOCKED` (several server processes
 * on PostgreSQL never take the same job; on PGlite the clause is accepted and there is one process),
 * holds it under a lease it renews with each progress report, and claims again any job whose lease
 * ran out — the worker died — until its attempts are used up.
 */
export function createJobRunner(ctx: ServerContext, handlers: Partial<Record<JobKind, JobHandler>>, options: JobRunnerOptions, onError: (error: unknown) => void): JobRunner {
  const workerId = `${process.pid}:${ctx.crypto.randomToken(6)}`;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;
  const timer = options.pollMs > 0 ? setInterval(() => wake(), options.pollMs) : null;
  timer?.unref();

  async function claim(): Promise<Job | null> {
    return ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id FROM jobs
            WHERE (status = 'queued' AND run_after <= ${now})
               OR (status = 'running' AND locked_until < ${now})
            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return null;
      const [job] = await tx
        .update(jobs)
        .set({ status: 'running', lockedBy: workerId, lockedUntil: new Date(now.getTime() + options.leaseMs), attempts: sql`${jobs.attempts} + 1`, startedAt: now, updatedAt: now, error: null })
        .where(eq(jobs.id, rows[0]!.id))
        .returning();
      return job!;
    });
  }

  /** Only the lease holder may write: a worker that lost its lease (paused too long) stops. */
  async function touch(job: Job, set: Partial<typeof jobs.$inferInsert>, tx: Db = ctx.db): Promise<void> {
    const now = ctx.clock.now();
    const updated = await tx
      .update(jobs)
      .set({ ...set, updatedAt: now, ...(set.status === undefined ? { lockedUntil: new Date(now.getTime() + options.leaseMs) } : {}) })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
      .returning({ id: jobs.id });
    if (updated.length === 0) throw new AppError('conflict', `任务 ${job.id} 已不由本进程处理`);
  }

  async function runOne(job: Job): Promise<void> {
    const handler = handlers[job.kind as JobKind];
    try {
      if (!handler) throw new AppError('bad-request', `未知的任务类型“${job.kind}”`);
      const commit = await handler(job, {
        progress: (percent, stage) => touch(job, { progress: Math.max(0, Math.min(99, Math.round(percent))), stage }),
      });
      await ctx.db.transaction(async (tx) => {
        const result = await commit(tx);
        await touch(job, { status: 'succeeded', progress: 100, stage: '完成', result, finishedAt: ctx.clock.now(), lockedBy: null, lockedUntil: null }, tx);
      });
    } catch (error) {
      // a bad file (AppError, OfficeError: a Chinese message naming the file) fails for good;
      // an internal error is logged and retried while attempts remain
      const isUser = error instanceof AppError || isUserError(error);
      const message = error instanceof AppError ? error.userMessage : isUser ? (error as Error).message : '处理失败（内部错误，已记录日志）';
      if (!isUser) onError(error);
      const final = isUser || job.attempts >= job.maxAttempts;
      await touch(job, final ? { status: 'failed', error: message, finishedAt: ctx.clock.now(), lockedBy: null, lockedUntil: null } : { status: 'queued', error: message, lockedBy: null, lockedUntil: null, runAfter: new Date(ctx.clock.now().getTime() + 1000 * job.attempts) }).catch(onError);
    }
  }

  let reclaimed = !options.reclaimOnStart;
  async function loop(): Promise<void> {
    if (!reclaimed) {
      reclaimed = true;
      await ctx.db.update(jobs).set({ status: 'queued', lockedBy: null, lockedUntil: null, stage: '重新排队（服务重启）', updatedAt: ctx.clock.now() }).where(eq(jobs.status, 'running'));
    }
    do {
      again = false;
      for (;;) {
        if (closed) return;
        const job = await claim();
        if (!job) break;
        await runOne(job);
      }
    } while (again && !closed);
  }

  function wake(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }

  return {
    wake,
    drain: async () => {
      wake();
      while (running) await running;
    },
    close: async () => {
      closed = true;
      if (timer) clearInterval(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}

function isUserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'OfficeError';
}
