import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ServerContext } from '../context';
import { sessions, users } from '../db/schema';
import { audited } from '../services/audited';
import { cliActor } from '../services/account.service';

export type InactiveAccount = { id: string; login: string; roleClass: string; lastActiveAt: Date | null; isDisabled: boolean };

/**
 * Accounts with no login for more than INACTIVE_ACCOUNT_DAYS (等保 访问控制 c: 及时删除或停用多余的、
 * 过期的账户). An account that never logged in counts from its creation.
 */
export async function listInactiveAccounts(ctx: ServerContext): Promise<InactiveAccount[]> {
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.config.inactiveAccounts.days * 86_400_000);
  const rows = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.isDisabled, false), sql`coalesce(${users.lastLoginAt}, ${users.createdAt}) < ${cutoff.toISOString()}`))
    .orderBy(users.login);
  return rows.map((u) => ({ id: u.id, login: u.login, roleClass: u.roleClass, lastActiveAt: u.lastLoginAt, isDisabled: u.isDisabled }));
}

/**
 * The job: lists the inactive accounts and, when enabled (INACTIVE_AUTO_DISABLE or --disable),
 * disables each one in its own audited transaction and ends its sessions.
 */
export async function runInactiveAccountJob(ctx: ServerContext, options: { disable?: boolean } = {}) {
  const accounts = await listInactiveAccounts(ctx);
  const disable = options.disable ?? ctx.config.inactiveAccounts.autoDisable;
  if (disable) {
    for (const account of accounts) {
      await audited(ctx, cliActor('inactive-account-job'), { action: 'user.disable-inactive', objectType: 'user', objectId: account.id, after: () => ({ days: ctx.config.inactiveAccounts.days }) }, async (tx) => {
        await tx.update(users).set({ isDisabled: true }).where(eq(users.id, account.id));
        await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, account.id), isNull(sessions.revokedAt)));
      });
      account.isDisabled = true;
    }
  }
  return { accounts, disabled: disable ? accounts.length : 0 };
}
