import { and, asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context';
import { auditLog, jobs, notificationOutbox, users } from '../../src/db/schema';
import { buildApp, type App } from '../../src/http/app';
import { intlCryptoProvider } from '../../src/lib/crypto';
import { createFakeClock } from '../../src/lib/clock';
import { createHarness, type Harness } from '../harness';

// The inactive-account check as a recurring job in the job table, driven by the runner on a fake clock.
const harnesses: Harness[] = [];
const apps: App[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const h of harnesses) await h.close();
});
const make = async (env: Record<string, string>) => {
  const h = await createHarness(env);
  harnesses.push(h);
  await h.app.ready();
  return h;
};
const HOUR = 3_600_000;
const queued = (h: Harness) => h.ctx.db.select().from(jobs).where(eq(jobs.kind, 'inactive-accounts')).orderBy(asc(jobs.createdAt));
const disabledLogins = async (h: Harness) => (await h.ctx.db.select({ login: users.login }).from(users).where(eq(users.isDisabled, true))).map((u) => u.login).sort();

describe('scheduled inactive-account check', () => {
  it('runs from the scheduler at the configured interval, disables only business accounts, audits and tells the security administrator', async () => {
    const h = await make({ INACTIVE_ACCOUNT_DAYS: '30', INACTIVE_ACCOUNT_CHECK_HOURS: '24', INACTIVE_AUTO_DISABLE: 'true' });
    const [first, ...more] = await queued(h);
    expect(more).toEqual([]);
    expect(first).toMatchObject({ status: 'queued' });
    expect(first!.runAfter.getTime() - h.clock.now().getTime()).toBe(24 * HOUR);

    // not due yet: nothing happens
    await h.app.jobRunner.drain();
    expect(await disabledLogins(h)).toEqual([]);

    await h.login('kpb');
    h.clock.advance(31 * 86_400_000);
    await h.login('rep1'); // active: stays enabled
    await h.app.jobRunner.drain();

    const [done, next] = await queued(h);
    expect(done).toMatchObject({ status: 'succeeded' });
    expect(next).toMatchObject({ status: 'queued' });
    expect(next!.runAfter.getTime() - done!.finishedAt!.getTime()).toBe(24 * HOUR);
    const result = done!.result as { inactive: string[]; disabled: string[]; administrators: string[] };
    expect(result.inactive).toContain('kpb');
    expect(result.inactive).not.toContain('rep1');
    // the administrators (三权分立) are reported, never disabled by the job
    expect(result.administrators.sort()).toEqual(['auditor', 'secadmin', 'sysadmin']);
    expect(await disabledLogins(h)).toEqual(result.disabled.sort());
    expect(result.disabled).toContain('kpb');
    expect(result.disabled).not.toContain('sysadmin');

    const disables = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'user.disable-inactive'));
    expect(disables.length).toBe(result.disabled.length);
    expect((await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'accounts.inactive-check'))).length).toBe(1);
    const [message] = await h.ctx.db.select().from(notificationOutbox).where(and(eq(notificationOutbox.recipientRole, 'security-admin')));
    expect(message!.subject).toBe(`长期未登录账户：${result.inactive.length} 个`);
    expect(message!.body).toContain('其中管理员账户 auditor、secadmin、sysadmin 不由任务停用（三权分立）');
    await expect(h.login('kpb')).rejects.toThrow(/login kpb failed: 4/);
  });

  it('without INACTIVE_AUTO_DISABLE it lists and notifies but disables nobody', async () => {
    const h = await make({ INACTIVE_ACCOUNT_DAYS: '30', INACTIVE_ACCOUNT_CHECK_HOURS: '12' });
    h.clock.advance(31 * 86_400_000);
    await h.app.jobRunner.drain();
    expect(await disabledLogins(h)).toEqual([]);
    const [message] = await h.ctx.db.select().from(notificationOutbox).where(eq(notificationOutbox.recipientRole, 'security-admin'));
    expect(message!.body).toContain('未开启自动停用（INACTIVE_AUTO_DISABLE），请核实后处理。');
    expect((await queued(h)).map((j) => j.status)).toEqual(['succeeded', 'queued']);
  });

  it('is off unless configured (standard profile) and on by default in the level-3 profile', async () => {
    const off = await make({});
    expect(await queued(off)).toEqual([]);
    expect(off.config.inactiveAccounts.checkHours).toBe(0);
    const level3 = await make({ SECURITY_PROFILE: 'level3' });
    expect(level3.config.inactiveAccounts.checkHours).toBe(24);
    expect((await queued(level3)).length).toBe(1);
  });

  it('survives a restart: the queued run stays in the table, a new process adds no second one and runs it when due', async () => {
    const h = await make({ INACTIVE_ACCOUNT_DAYS: '30', INACTIVE_ACCOUNT_CHECK_HOURS: '24', INACTIVE_AUTO_DISABLE: 'true' });
    const [before] = await queued(h);
    await h.app.close();

    const clock = createFakeClock(new Date(h.clock.now().getTime() + 31 * 86_400_000));
    const ctx = createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock, crypto: intlCryptoProvider });
    const app2 = await buildApp(ctx);
    apps.push(app2);
    await app2.ready();
    const again = await buildApp(createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock, crypto: intlCryptoProvider }));
    await again.ready(); // a second process starting on the same database queues nothing either
    await again.close();
    await app2.jobRunner.drain();
    const rows = await queued(h);
    expect(rows.map((j) => j.id)[0]).toBe(before!.id);
    expect(rows.map((j) => j.status)).toEqual(['succeeded', 'queued']);
    expect((rows[0]!.result as { disabled: string[] }).disabled).toContain('kpb');
  });
});
