import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { jobs } from '../db/schema';
import type { Clock } from '../lib/clock';

export type Job = typeof jobs.$inferSelect;
export type JobKind = 'scheme-import' | 'calendar-reminders' | 'notify-deliver' | 'inactive-accounts';

/**
 * The queue as the rest of the server sees it: enqueue inside the caller's transaction (so a job
 * exists exactly when the row that needs it does) and read a job's state. Only this file and
 * job-runner.ts know the table, so pg-boss (send / work / getJobById) can replace both.
 */
export async function enqueueJob(tx: Db, clock: Clock, input: { kind: JobKind; payload: Record<string, unknown>; createdBy: string | null; maxAttempts?: number; runAfter?: Date }): Promise<Job> {
  const now = clock.now();
  const [row] = await tx
    .insert(jobs)
    .values({ kind: input.kind, status: 'queued', payload: input.payload, createdBy: input.createdBy, maxAttempts: input.maxAttempts ?? 3, runAfter: input.runAfter ?? now, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function findJob(db: Db, id: string): Promise<Job | null> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** A job as the API shows it: state, progress and its current step in Chinese. */
export function jobView(job: Job) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status as 'queued' | 'running' | 'succeeded' | 'failed',
    statusName: jobStatusNames[job.status as keyof typeof jobStatusNames] ?? job.status,
    progress: job.progress,
    stage: job.stage ?? null,
    error: job.error ?? null,
    attempts: job.attempts,
    result: (job.result ?? null) as Record<string, unknown> | null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export const jobStatusNames = { queued: '排队中', running: '处理中', succeeded: '已完成', failed: '失败' } as const;
