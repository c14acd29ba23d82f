import { eq } from 'drizzle-orm';
import type { ServerContext } from '../context';
import { assessments } from '../db/schema';
import { cliActor } from './account.service';
import { latestScheme } from './assessment.service';
import { recomputeResults } from './results.service';

/**
 * Recomputes an assessment's results shortly after its facts change: the first change starts a
 * timer and later changes join it, so a burst costs one evaluation and a steady stream of reports
 * still gets fresh results every RECOMPUTE_DELAY_MS. Requests never wait for it; an explicit
 * POST …/recompute is still available (and is what publication should follow).
 */
export function createRecomputeScheduler(ctx: ServerContext, onError: (error: unknown) => void) {
  const timers = new Map<string, NodeJS.Timeout>();
  let running: Promise<unknown> = Promise.resolve();
  let closed = false;

  const run = async (assessmentId: string) => {
    const [assessment] = await ctx.db.select().from(assessments).where(eq(assessments.id, assessmentId));
    if (!assessment || !(await latestScheme(ctx.db, assessmentId, 'published'))) return;
    await recomputeResults(ctx, cliActor('system'), assessment);
  };

  return {
    schedule: (assessmentId: string) => {
      if (closed || ctx.config.recomputeDelayMs === 0 || timers.has(assessmentId)) return;
      timers.set(
        assessmentId,
        setTimeout(() => {
          timers.delete(assessmentId);
          running = running.then(() => run(assessmentId)).catch(onError);
        }, ctx.config.recomputeDelayMs).unref(),
      );
    },
    /** Waits for recomputes already started (tests, shutdown). */
    idle: () => running,
    close: async () => {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await running;
    },
  };
}
