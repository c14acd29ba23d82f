import { and, eq } from 'drizzle-orm';
import { appendAudit, type AuditActor, recordAudit } from '../audit/audit';
import { createSession, stageFor } from '../auth/session.service';
import type { ServerContext } from '../context';
import { ssoLinks, ssoProviders, users } from '../db/schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { type IdpAdapter, IdpError } from './adapter';
import { casAdapter, type CasConfig } from './cas';
import { oidcAdapter, type OidcConfig } from './oidc';
import { zzdAdapter, type ZzdConfig } from './zzd';

const stateTtlMs = 10 * 60_000;

export async function adapterFor(ctx: ServerContext, providerId: string): Promise<IdpAdapter> {
  const [row] = await ctx.db.select().from(ssoProviders).where(eq(ssoProviders.id, providerId));
  if (!row || !row.enabled) throw new AppError('not-found', `身份源“${providerId}”不存在或未启用`);
  const secret = ctx.fields.decryptOptional('sso_providers.secret', row.secretEnc) ?? '';
  const timeout = ctx.config.ssoTimeoutMs;
  if (row.kind === 'oidc') return oidcAdapter(row.config as OidcConfig, secret, timeout);
  if (row.kind === 'cas') return casAdapter(row.config as CasConfig, timeout);
  if (row.kind === 'zzd') return zzdAdapter(row.config as ZzdConfig, secret, timeout, () => ctx.clock.now());
  throw new AppError('bad-request', `未知的身份源类型 ${row.kind}`);
}

/** state = provider.expiry.nonce.mac: the callback must come back to the provider it left for, in time. */
export function makeState(ctx: ServerContext, providerId: string): string {
  const body = `${providerId}.${ctx.clock.now().getTime() + stateTtlMs}.${ctx.crypto.randomToken(12)}`;
  return `${body}.${ctx.crypto.mac(ctx.config.sessionSecret, `sso-state:${body}`)}`;
}

function checkState(ctx: ServerContext, providerId: string, state: string) {
  const parts = state.split('.');
  const mac = parts.pop() ?? '';
  const body = parts.join('.');
  const ok = parts.length === 3 && parts[0] === providerId && Number(parts[1]) > ctx.clock.now().getTime() && ctx.crypto.equal(ctx.crypto.mac(ctx.config.sessionSecret, `sso-state:${body}`), mac);
  if (!ok) throw new AppError('bad-request', '登录状态无效或已过期，请重新发起统一身份认证登录');
}

/**
 * Completes an SSO login. The external identity is looked up in sso_links: a link made by the
 * security administrator logs in that (business) account; an unknown identity is recorded as
 * pending and gets no session and no privilege. SSO never logs in an administrator account.
 */
export async function completeSsoLogin(ctx: ServerContext, providerId: string, query: { state: string; code?: string | undefined; ticket?: string | undefined; authCode?: string | undefined }, sourceIp: string | null) {
  checkState(ctx, providerId, query.state);
  const adapter = await adapterFor(ctx, providerId);
  const attempt: AuditActor = { id: null, login: null, role: null, sourceIp };
  let identity;
  try {
    identity = await adapter.exchange(query);
  } catch (error) {
    if (!(error instanceof IdpError)) throw error;
    await recordAudit(ctx.db, ctx.audit, attempt, { action: 'auth.sso-login', objectType: 'sso-provider', objectId: providerId, outcome: 'failure', after: { reason: error.message } });
    throw new AppError(error.unreachable ? 'idp-unavailable' : 'login-failed', error.message);
  }
  const now = ctx.clock.now();
  const [link] = await ctx.db.select().from(ssoLinks).where(and(eq(ssoLinks.providerId, providerId), eq(ssoLinks.externalId, identity.externalId)));
  const external = { ...attempt, login: `${providerId}:${identity.externalId}`.slice(0, 100) };
  if (!link || link.status !== 'linked' || !link.userId) {
    if (!link) await ctx.db.insert(ssoLinks).values({ providerId, externalId: identity.externalId, externalName: identity.name, status: 'pending', createdAt: now, lastSeenAt: now });
    else await ctx.db.update(ssoLinks).set({ lastSeenAt: now }).where(eq(ssoLinks.id, link.id));
    await recordAudit(ctx.db, ctx.audit, external, { action: 'auth.sso-login', objectType: 'sso-link', objectId: canonicalJson([providerId, identity.externalId]), outcome: 'denied', after: { status: link?.status ?? 'pending' } });
    throw new AppError('forbidden', link?.status === 'rejected' ? '该统一身份认证账户已被拒绝关联' : '该统一身份认证账户尚未关联考核通账户，已提交安全管理员审核');
  }
  const [user] = await ctx.db.select().from(users).where(eq(users.id, link.userId));
  if (!user || user.isDisabled || user.roleClass !== 'business') {
    await recordAudit(ctx.db, ctx.audit, external, { action: 'auth.sso-login', objectType: 'user', objectId: link.userId, outcome: 'denied', after: { reason: user?.roleClass !== 'business' ? 'admin-account' : 'disabled' } });
    throw new AppError('forbidden', user && user.roleClass !== 'business' ? '管理员账户不能通过统一身份认证登录' : '账户已停用');
  }
  const stage = stageFor(ctx, { ...user, passwordChangedAt: now }); // the IdP authenticated: no local password-expiry stage
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await tx.update(ssoLinks).set({ lastSeenAt: now }).where(eq(ssoLinks.id, link.id));
    const session = await createSession(tx, ctx, user, stage, sourceIp);
    await appendAudit(tx, ctx.audit, { id: user.id, login: user.login, role: user.roleClass, sourceIp }, { action: 'auth.sso-login', objectType: 'session', objectId: session.sessionId, outcome: 'success', after: { provider: providerId } });
    return session;
  });
}
