import { readFileSync } from 'node:fs';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { generateTotpSecret, otpauthUri } from '../auth/totp';
import type { Config } from '../config/env';
import type { ServerContext } from '../context';
import { dataKeys } from '../db/schema-security';
import { sessions, users } from '../db/schema';
import { AppError } from '../lib/app-error';
import { audited } from '../services/audited';
import { cliActor } from '../services/account.service';
import { purgeAuditRecords } from './audit-retention';
import { resignLegacyPublications } from './re-sign';
import { listInactiveAccounts, runInactiveAccountJob } from './inactive-accounts';
import { kekFromConfig, localKek, parseKek } from './key-encryption-key';
import { rotateKek } from './field-encryption';
import { appRoleGrantsSql } from './pg-app-role';

export const securityUsage = `  kaohe admin disable|enable --login <名称>          停用/启用任一账户（含管理员；仅在主机上，留审计）
  kaohe admin rename --login <名称> --to <新名称>
  kaohe admin reset-totp --login <名称>              重置动态口令并显示新密钥
  kaohe keys status | keys rotate-kek --new-kek-file <文件>
  kaohe accounts inactive [--disable]                列出（并停用）长期未登录的账户
  kaohe audit purge [--days <天数>] [--dry-run]        清理超过保存期的审计记录（至少保存 184 天，审计链仍可校验）
  kaohe db app-role-sql --role <应用角色> [--schema <模式>]
  kaohe publications re-sign [--dry-run]             为启用签名之前的发布补签（只补签内容与摘要一致的快照，留审计）`;

type Deps = {
  option: (name: string) => string | null;
  flags: { options: Map<string, string | true> };
  config: Config;
  env: Record<string, string | undefined>;
  withContext: <T>(run: (ctx: ServerContext) => Promise<T>) => Promise<T>;
  usage: (message: string) => Error;
};

async function userByLogin(ctx: ServerContext, login: string) {
  const [row] = await ctx.db.select().from(users).where(sql`lower(${users.login}) = ${login.toLowerCase()}`);
  if (!row) throw new AppError('not-found', `账户“${login}”不存在`);
  return row;
}

const needLogin = (d: Deps) => {
  const login = d.option('login');
  if (!login) throw d.usage('needs --login <名称>');
  return login;
};

/** Host-side account and key commands: the only way to change an administrator account (三权分立). */
export const securityCommands: Record<string, (d: Deps) => Promise<number>> = {
  'audit purge': async (d) => {
    const daysText = d.option('days');
    const days = daysText === null ? undefined : Number(daysText);
    if (days !== undefined && !Number.isInteger(days)) throw d.usage('--days 须为整数天数');
    const dryRun = d.flags.options.get('dry-run') === true;
    const result = await d.withContext((ctx) => purgeAuditRecords(ctx, cliActor(d.env.USER ?? null), { ...(days === undefined ? {} : { retentionDays: days }), dryRun }));
    const when = result.before.toISOString().slice(0, 10);
    console.log(result.purged === 0 ? `没有 ${when} 之前的审计记录需要清理` : `${dryRun ? '将清理' : '已清理'} ${when} 之前的审计记录 ${result.purged} 条（至第 ${result.throughSeq} 条）；审计链从该处继续校验`);
    return 0;
  },
  'admin disable': (d) => setDisabled(d, true),
  'admin enable': (d) => setDisabled(d, false),
  'admin rename': async (d) => {
    const login = needLogin(d);
    const to = d.option('to');
    if (!to) throw d.usage('admin rename needs --to <新名称>');
    await d.withContext(async (ctx) => {
      const user = await userByLogin(ctx, login);
      const [clash] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.login}) = ${to.toLowerCase()}`);
      if (clash && clash.id !== user.id) throw new AppError('conflict', `登录名“${to}”已存在`);
      await audited(ctx, cliActor(d.env.USER ?? null), { action: 'user.rename', objectType: 'user', objectId: user.id, before: { login: user.login }, after: () => ({ login: to }) }, async (tx) => {
        await tx.update(users).set({ login: to }).where(eq(users.id, user.id));
      });
    });
    console.log(`已将 ${login} 改名为 ${to}`);
    return 0;
  },
  'admin reset-totp': async (d) => {
    const login = needLogin(d);
    const secret = generateTotpSecret();
    await d.withContext(async (ctx) => {
      const user = await userByLogin(ctx, login);
      await audited(ctx, cliActor(d.env.USER ?? null), { action: 'user.totp-reset', objectType: 'user', objectId: user.id }, async (tx) => {
        await tx.update(users).set({ totpSecret: ctx.fields.encrypt('users.totp_secret', secret), totpLastStep: null }).where(eq(users.id, user.id));
        await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
      });
    });
    console.log(`已重置 ${login} 的动态口令（只显示这一次）：\n  TOTP 密钥：${secret}\n  ${otpauthUri(secret, login)}`);
    return 0;
  },
  'keys status': async (d) => {
    const rows = await d.withContext((ctx) => ctx.db.select().from(dataKeys));
    for (const r of rows) console.log(`${r.id}\t${r.algorithm}\t${r.active ? '使用中' : '仅解密'}\tKEK ${r.kekId}`);
    return 0;
  },
  'keys rotate-kek': async (d) => {
    const file = d.option('new-kek-file');
    if (!file) throw d.usage('keys rotate-kek needs --new-kek-file <文件>');
    const newKek = localKek(parseKek(readFileSync(file, 'utf8'), `--new-kek-file ${file}`));
    const result = await d.withContext(async (ctx) => {
      const oldKek = kekFromConfig(d.config, ctx.hsm);
      const r = await rotateKek(ctx.db, oldKek, newKek, ctx.clock.now());
      await audited(ctx, cliActor(d.env.USER ?? null), { action: 'keys.rotate-kek', objectType: 'kek', objectId: newKek.id, before: { kek: oldKek.id }, after: () => r }, async () => r);
      return r;
    });
    console.log(`已用新 KEK（${newKek.id}）重新包裹 ${result.rewrapped} 个数据密钥。请把 KEK_FILE 指向新文件后重启。`);
    return 0;
  },
  'accounts inactive': async (d) => {
    const disable = d.flags.options.get('disable') === true;
    const rows = await d.withContext(async (ctx) => (disable ? (await runInactiveAccountJob(ctx, { disable: true })).accounts : listInactiveAccounts(ctx)));
    for (const r of rows) console.log(`${r.login}\t${r.roleClass}\t最后登录 ${r.lastActiveAt?.toISOString() ?? '从未'}${disable ? '\t已停用' : ''}`);
    console.log(`共 ${rows.length} 个账户超过 ${d.config.inactiveAccounts.days} 天未登录`);
    return 0;
  },
  'publications re-sign': async (d) => {
    const dryRun = d.flags.options.get('dry-run') === true;
    const report = await d.withContext((ctx) => resignLegacyPublications(ctx, cliActor(d.env.USER ?? null), { dryRun }));
    for (const s of report.signed) console.log(`${dryRun ? '将补签' : '已补签'}\t第 ${s.sequence} 版\t${s.id}\t摘要 ${s.digest}`);
    for (const r of report.refused) console.log(`未补签\t第 ${r.sequence} 版\t${r.id}\t${r.problems.join('；')}`);
    console.log(`${dryRun ? '将补签' : '补签'} ${report.signed.length} 个，拒绝 ${report.refused.length} 个（内容与摘要不符或签名被删除，须人工核查），已有签名 ${report.alreadySigned} 个`);
    return report.refused.length > 0 ? 1 : 0;
  },
  'db app-role-sql': async (d) => {
    const role = d.option('role');
    if (!role) throw d.usage('db app-role-sql needs --role <应用角色>');
    console.log(appRoleGrantsSql(role, d.option('schema') ?? 'public'));
    return 0;
  },
};

async function setDisabled(d: Deps, disabled: boolean): Promise<number> {
  const login = needLogin(d);
  await d.withContext(async (ctx) => {
    const user = await userByLogin(ctx, login);
    await audited(ctx, cliActor(d.env.USER ?? null), { action: disabled ? 'user.disable' : 'user.enable', objectType: 'user', objectId: user.id }, async (tx) => {
      await tx.update(users).set({ isDisabled: disabled }).where(eq(users.id, user.id));
      if (disabled) await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    });
  });
  console.log(`${disabled ? '已停用' : '已启用'}账户 ${login}`);
  return 0;
}
