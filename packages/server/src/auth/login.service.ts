import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { SessionStage } from '../access/roles';
import { appendAudit, type AuditActor, recordAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { loginThrottle, passwordHistory, sessions, users } from '../db/schema';
import { AppError } from '../lib/app-error';
import { minutes } from '../lib/clock';
import { burnVerifyTime, hashPassword, passwordPolicyProblems, passwordSchemeFor, verifyPassword } from './password';
import { createSession, stageFor, type UserRow } from './session.service';
import { verifyTotp } from './totp';

/** One message for every failure, so a response never tells whether the login name exists. */
export const loginFailedMessage = '登录名、密码或动态口令错误';
export const lockedMessage = '登录失败次数过多，请稍后再试';

export type LoginInput = { login: string; password: string; totp?: string | undefined };
export type LoginResult = { token: string; csrfToken: string; stage: SessionStage; userId: string };

const throttleKey = (login: string) => login.trim().toLowerCase();

export async function login(ctx: ServerContext, input: LoginInput, sourceIp: string | null): Promise<LoginResult> {
  const now = ctx.clock.now();
  const key = throttleKey(input.login);
  const [throttle] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.login, key));
  const attemptActor: AuditActor = { id: null, login: input.login.slice(0, 100), role: null, sourceIp };
  if (throttle?.lockedUntil && throttle.lockedUntil.getTime() > now.getTime()) {
    await burnVerifyTime(input.password, passwordSchemeFor(ctx.crypto.profile, ctx.config.pbkdf2Iterations));
    await recordAudit(ctx.db, ctx.audit, attemptActor, { action: 'auth.login', outcome: 'denied', after: { reason: 'locked' } });
    throw new AppError('login-failed', lockedMessage);
  }

  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.login}) = ${input.login.trim().toLowerCase()}`);
  let reason: string | null = null;
  let totpStep: number | null = null;
  if (!user || user.isDisabled) {
    await burnVerifyTime(input.password, passwordSchemeFor(ctx.crypto.profile, ctx.config.pbkdf2Iterations));
    reason = user ? 'disabled' : 'unknown-login';
  } else if (!(await verifyPassword(user.passwordHash, input.password))) {
    reason = 'bad-password';
  } else if (user.totpSecret) {
    const seed = ctx.fields.decrypt('users.totp_secret', user.totpSecret);
    totpStep = input.totp ? verifyTotp(seed, input.totp, now, user.totpLastStep) : null;
    if (totpStep === null) reason = input.totp ? 'bad-totp' : 'totp-missing';
  }

  if (reason !== null || !user) {
    const locked = await recordFailure(ctx, key, attemptActor, reason ?? 'unknown-login');
    throw new AppError('login-failed', locked ? lockedMessage : loginFailedMessage);
  }

  const stage = stageFor(ctx, user);
  const actor: AuditActor = { id: user.id, login: user.login, role: user.roleClass, sourceIp };
  return ctx.db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.login, key));
    await tx
      .update(users)
      .set({ lastLoginAt: now, ...(totpStep !== null ? { totpLastStep: totpStep } : {}) })
      .where(eq(users.id, user.id));
    const session = await createSession(tx, ctx, user, stage, sourceIp);
    await appendAudit(tx, ctx.audit, actor, {
      action: 'auth.login',
      objectType: 'session',
      objectId: session.sessionId,
      after: { stage },
      outcome: 'success',
    });
    return { token: session.token, csrfToken: session.csrfToken, stage, userId: user.id };
  });
}

/** Counts a failure in the sliding window; returns true when this failure locks the login. */
async function recordFailure(ctx: ServerContext, key: string, actor: AuditActor, reason: string): Promise<boolean> {
  const now = ctx.clock.now();
  const { threshold, windowMinutes, durationMinutes } = ctx.config.lockout;
  return ctx.db.transaction(async (tx) => {
    await tx.insert(loginThrottle).values({ login: key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.login, key)).for('update');
    const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() <= minutes(windowMinutes);
    const failures = windowOpen ? row.failures + 1 : 1;
    const locked = failures >= threshold;
    await tx
      .update(loginThrottle)
      .set({
        failures: locked ? 0 : failures,
        windowStartedAt: windowOpen ? row.windowStartedAt : now,
        lockedUntil: locked ? new Date(now.getTime() + minutes(durationMinutes)) : null,
      })
      .where(eq(loginThrottle.login, key));
    await appendAudit(tx, ctx.audit, actor, { action: 'auth.login', outcome: 'failure', after: { reason, failures } });
    if (locked) {
      await appendAudit(tx, ctx.audit, actor, {
        action: 'auth.lockout',
        outcome: 'success',
        after: { until: new Date(now.getTime() + minutes(durationMinutes)).toISOString() },
      });
    }
    return locked;
  });
}

/** Validates a new password against the policy and the last N passwords; returns its hash. */
export async function checkNewPassword(ctx: ServerContext, db: Db, user: Pick<UserRow, 'id' | 'login'> & { passwordHash?: string }, password: string): Promise<string> {
  const problems = passwordPolicyProblems(password, user.login, ctx.config.passwordPolicy);
  if (problems.length > 0) throw new AppError('password-policy', problems.join('；'), { problems });
  const history = ctx.config.passwordPolicy.history;
  if (history > 0) {
    const previous = await db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, user.id))
      .orderBy(desc(passwordHistory.createdAt))
      .limit(history);
    for (const p of previous) {
      if (await verifyPassword(p.hash, password)) {
        throw new AppError('password-policy', `新密码不得与最近 ${history} 次使用过的密码相同`);
      }
    }
  }
  return hashPassword(password, passwordSchemeFor(ctx.crypto.profile, ctx.config.pbkdf2Iterations));
}

export async function changePassword(
  ctx: ServerContext,
  actor: AuditActor & { id: string },
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<SessionStage> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(ctx.db, ctx.audit, actor, { action: 'auth.password-change', objectType: 'user', objectId: actor.id, outcome: 'failure' });
    // a wrong current password is a guess like a failed login: it counts toward the lockout,
    // and reaching the threshold ends every session of the account
    const locked = user ? await recordFailure(ctx, throttleKey(user.login), actor, 'bad-current-password') : false;
    if (locked && user) {
      await ctx.db
        .update(sessions)
        .set({ revokedAt: ctx.clock.now() })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
      throw new AppError('unauthenticated', lockedMessage);
    }
    throw new AppError('login-failed', '当前密码错误');
  }
  const newHash = await checkNewPassword(ctx, ctx.db, user, input.newPassword);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: newHash, passwordChangedAt: now }).where(eq(users.id, user.id));
    await tx.insert(passwordHistory).values({ userId: user.id, passwordHash: newHash, createdAt: now });
    const stage = stageFor(ctx, { ...user, passwordChangedAt: now });
    await tx.update(sessions).set({ stage }).where(eq(sessions.id, sessionId));
    // every other session of this account ends with the old password
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, sessionId), isNull(sessions.revokedAt)));
    await appendAudit(tx, ctx.audit, actor, { action: 'auth.password-change', objectType: 'user', objectId: user.id, outcome: 'success' });
    return stage;
  });
}

export async function confirmTotp(
  ctx: ServerContext,
  actor: AuditActor & { id: string },
  sessionId: string,
  input: { secret: string; code: string },
): Promise<SessionStage> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.id));
  if (!user) throw new AppError('not-found', '用户不存在');
  if (user.totpSecret) throw new AppError('conflict', '已绑定动态口令；如需重置请联系安全管理员');
  let step: number | null = null;
  try {
    step = verifyTotp(input.secret, input.code, ctx.clock.now(), null);
  } catch {
    step = null;
  }
  if (step === null) {
    await recordAudit(ctx.db, ctx.audit, actor, { action: 'auth.totp-enrol', objectType: 'user', objectId: user.id, outcome: 'failure' });
    throw new AppError('bad-request', '动态口令不正确');
  }
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: ctx.fields.encrypt('users.totp_secret', input.secret), totpLastStep: step })
      .where(eq(users.id, user.id));
    const stage = stageFor(ctx, { ...user, totpSecret: input.secret });
    await tx.update(sessions).set({ stage }).where(eq(sessions.id, sessionId));
    await appendAudit(tx, ctx.audit, actor, { action: 'auth.totp-enrol', objectType: 'user', objectId: user.id, outcome: 'success' });
    return stage;
  });
}
