import { and, eq, isNull, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { sessions, users } from '../db/schema';
import { notificationOutbox } from '../db/schema-security';
import { cliActor } from '../services/account.service';

export type InactiveAccount = { id: string; login: string; roleClass: string; lastActiveAt: Date | null; isDisabled: boolean };

/**
 * Accounts with no login for more than INACTIVE_ACCOUNT_DAYS (等保 访问控制 c: 及时删除或停用多余的、
 * 过期的账户). An account that never logged in counts from its creation.
 */
export async function listInactiveAccounts(ctx: ServerContext, db: Db = ctx.db): Promise<InactiveAccount[]> {
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.config.inactiveAccounts.days * 86_400_000);
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.isDisabled, false), sql`coalesce(${users.lastLoginAt}, ${users.createdAt}) < ${cutoff.toISOString()}`))
    .orderBy(users.login);
  return rows.map((u) => ({ id: u.id, login: u.login, roleClass: u.roleClass, lastActiveAt: u.lastLoginAt, isDisabled: u.isDisabled }));
}

async function disableAccount(ctx: ServerContext, tx: Db, actor: ReturnType<typeof cliActor>, account: InactiveAccount) {
  await tx.update(users).set({ isDisabled: true }).where(eq(users.id, account.id));
  await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, account.id), isNull(sessions.revokedAt)));
  await appendAudit(tx, ctx.audit, actor, { action: 'user.disable-inactive', objectType: 'user', objectId: account.id, before: { isDisabled: false }, after: { isDisabled: true, days: ctx.config.inactiveAccounts.days }, outcome: 'success' });
  account.isDisabled = true;
}

/**
 * The host command (`kaohe accounts inactive [--disable]`): lists the inactive accounts and, when
 * enabled (INACTIVE_AUTO_DISABLE or --disable), disables each one in its own audited transaction
 * and ends its sessions. On the host this is the 三权分立 path, so administrators are included.
 */
export async function runInactiveAccountJob(ctx: ServerContext, options: { disable?: boolean } = {}) {
  const accounts = await listInactiveAccounts(ctx);
  const disable = options.disable ?? ctx.config.inactiveAccounts.autoDisable;
  if (disable) {
    const actor = cliActor('inactive-account-job');
    for (const account of accounts) await ctx.db.transaction((tx) => disableAccount(ctx, tx, actor, account));
  }
  return { accounts, disabled: disable ? accounts.length : 0 };
}

/**
 * The scheduled check inside the server (job `inactive-accounts`, docs/security.md): in one
 * transaction it disables the inactive business accounts when INACTIVE_AUTO_DISABLE is set —
 * never an administrator account, which only the host command changes (三权分立) — audits the run
 * and each disable, and queues a message for the security administrator listing every account,
 * the administrators to be handled on the host among them.
 */
export async function scheduledInactiveAccountCheck(ctx: ServerContext, tx: Db) {
  const accounts = await listInactiveAccounts(ctx, tx);
  const autoDisable = ctx.config.inactiveAccounts.autoDisable;
  const actor = cliActor('inactive-account-job');
  const disabled: string[] = [];
  const admins: string[] = [];
  for (const account of accounts) {
    if (account.roleClass !== 'business') admins.push(account.login);
    else if (autoDisable) {
      await disableAccount(ctx, tx, actor, account);
      disabled.push(account.login);
    }
  }
  const days = ctx.config.inactiveAccounts.days;
  const now = ctx.clock.now();
  if (accounts.length > 0) {
    const lines = [
      `以下 ${accounts.length} 个账户超过 ${days} 天未登录：${accounts.map((a) => a.login).join('、')}。`,
      autoDisable ? (disabled.length > 0 ? `已自动停用业务账户：${disabled.join('、')}。` : '') : '未开启自动停用（INACTIVE_AUTO_DISABLE），请核实后处理。',
      admins.length > 0 ? `其中管理员账户 ${admins.join('、')} 不由任务停用（三权分立），如需停用请在主机上执行 kaohe admin disable --login <名称>。` : '',
    ].filter((l) => l !== '');
    await tx.insert(notificationOutbox).values({ createdAt: now, recipientRole: 'security-admin', subject: `长期未登录账户：${accounts.length} 个`, body: lines.join('\n') });
  }
  const result = { days, inactive: accounts.map((a) => a.login), disabled, administrators: admins, autoDisable };
  await appendAudit(tx, ctx.audit, actor, { action: 'accounts.inactive-check', objectType: 'job', objectId: 'inactive-accounts', after: result, outcome: 'success' });
  return result;
}

