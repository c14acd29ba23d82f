import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/env';
import type { ServerContext } from '../src/context';
import { queryRows } from '../src/db/database';
import { jobs } from '../src/db/schema';
import { enqueueJob } from '../src/jobs/job-queue';
import { createJobRunner } from '../src/jobs/job-runner';
import { systemClock } from '../src/lib/clock';
import { intlCryptoProvider } from '../src/lib/crypto-provider';
import { openTestDatabase } from './test-database';

/**
 * Several server processes share the job table on PostgreSQL (issue #10: the PostgreSQL-native queue
 * instead of pg-boss, docs/calendar.md). Two real runners, one in this process and one in a child
 * process, each on its own connections, drain 60 jobs at once: every job is done exactly once.
 * The child stops mid-job and is killed (SIGKILL): its job is not lost — when the lease runs out the
 * other runner claims it again and finishes it. PostgreSQL only: PGlite has one connection and one owner.
 */
const onPostgres = loadConfig({ ...process.env, NODE_ENV: 'test' }).database.kind === 'postgres';
const LEASE_MS = 1500;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let child: ChildProcess | null = null;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await openTestDatabase();
  await database.db.execute(sql`CREATE TABLE job_runs_test (job_id uuid NOT NULL, worker text NOT NULL)`);
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await database?.close();
});

describe.skipIf(!onPostgres)('jobs shared by two processes on PostgreSQL (skipped on PGlite: set DATABASE_URL)', () => {
  it('does each job exactly once, and finishes the job of a runner killed mid-job after its lease', async () => {
    const ctx = { db: database.db, clock: systemClock, crypto: intlCryptoProvider } as unknown as ServerContext;
    child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'job-worker.ts')], {
      env: { ...process.env, DATABASE_URL: database.url!, TEST_SCHEMA: database.schemaName!, HANG_AT: '4', LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const waitFor = async (re: RegExp, ms: number) => {
      const end = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > end) throw new Error(`child did not print ${re}: ${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return re.exec(out)!;
    };
    await waitFor(/READY/, 90_000);

    const ids: string[] = [];
    for (let n = 0; n < 60; n++) ids.push((await enqueueJob(database.db, systemClock, { kind: 'calendar-reminders', payload: { n }, createdBy: null })).id);
    const runner = createJobRunner(
      ctx,
      {
        'calendar-reminders': async (job) => {
          await new Promise((r) => setTimeout(r, 40));
          return async (tx) => {
            await tx.execute(sql`INSERT INTO job_runs_test (job_id, worker) VALUES (${job.id}, 'parent')`);
            return { by: 'parent' };
          };
        },
      },
      { pollMs: 0, leaseMs: LEASE_MS },
      (error) => {
        throw error;
      },
    );
    const hung = (await waitFor(/HUNG (\S+)/, 60_000))[1]!;
    // the child holds the job under its lease
    const [held] = await database.db.select().from(jobs).where(eq(jobs.id, hung));
    expect(held!.status).toBe('running');
    expect(held!.lockedBy).toMatch(new RegExp(`^${child.pid}:`));
    const leaseEnd = held!.lockedUntil!;
    await runner.drain();
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    // the survivor takes the dead runner's job once its lease has run out, never before
    const end = Date.now() + 60_000;
    while ((await database.db.select().from(jobs).where(eq(jobs.id, hung)))[0]!.status !== 'succeeded') {
      if (Date.now() > end) throw new Error('the killed runner’s job was never finished');
      await new Promise((r) => setTimeout(r, 300));
      await runner.drain();
    }
    await runner.close();
    const [done] = await database.db.select().from(jobs).where(eq(jobs.id, hung));
    expect([done!.attempts, done!.status]).toEqual([2, 'succeeded']);
    expect(done!.startedAt!.getTime()).toBeGreaterThanOrEqual(leaseEnd.getTime());

    const statuses = await queryRows<{ status: string; n: number }>(database.db, sql`SELECT status, count(*)::int AS n FROM jobs GROUP BY status`);
    expect(statuses).toEqual([{ status: 'succeeded', n: 60 }]);
    const runs = await queryRows<{ job_id: string; worker: string }>(database.db, sql`SELECT job_id, worker FROM job_runs_test`);
    const perJob = new Map<string, number>();
    for (const r of runs) perJob.set(r.job_id, (perJob.get(r.job_id) ?? 0) + 1);
    expect(runs).toHaveLength(60);
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
    expect([...perJob.keys()].sort()).toEqual([...ids].sort());
    // both processes did work; the hung job was done by the survivor on its second attempt
    const byChild = runs.filter((r) => r.worker === 'child').length;
    expect(byChild).toBe(3);
    expect(runs.find((r) => r.job_id === hung)!.worker).toBe('parent');
  }, 180_000);
});
