import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, RoleClass, RoleGrant, SessionStage } from '../access/roles';
import { appendAudit, type AuditActor } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { sessions, userRoles, users } from '../db/schema';
import { days, hours, minutes } from '../lib/clock';

export const sessionCookieName = 'kaohe_session';

export type UserRow = typeof users.$inferSelect;

/** Which restricted stage a fresh login lands in, if any. */
export function stageFor(ctx: ServerContext, user: UserRow): SessionStage {
  const maxAge = ctx.config.passwordPolicy.maxAgeDays;
  if (maxAge > 0 && ctx.clock.now().getTime() - user.passwordChangedAt.getTime() > days(maxAge)) return 'password-change';
  const needsTotp = user.roleClass !== 'business' || ctx.config.totpRequiredForAll;
  if (needsTotp && !user.totpSecret) return 'totp-enrol';
  return 'full';
}

export async function createSession(
  tx: Db,
  ctx: ServerContext,
  user: UserRow,
  stage: SessionStage,
  sourceIp: string | null,
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = ctx.crypto.randomToken(32);
  const csrfToken = ctx.crypto.randomToken(24);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: ctx.crypto.digest(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + hours(ctx.config.session.absoluteHours)),
      stage,
      sourceIp,
    })
    .returning({ id: sessions.id });
  return { token, csrfToken, sessionId: row!.id };
}

export async function loadGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => ({
    id: r.id,
    role: r.role as RoleGrant['role'],
    assessmentId: r.assessmentId,
    unitId: r.unitId,
    divisionId: r.divisionId,
    leaderId: r.leaderId,
  }));
}

/** Idle refreshes are written at most this often, so a busy session is not a write per request. */
const touchInterval = 15_000;

/**
 * Turns a cookie token into an actor, enforcing the idle timeout and absolute lifetime on the
 * server; an expired session is revoked (and audited) rather than merely ignored.
 */
export async function resolveSession(ctx: ServerContext, token: string, sourceIp: string | null): Promise<Actor> {
  const now = ctx.clock.now();
  // one round trip: the session, its user and the user's roles (a row per role)
  const rows = await ctx.db
    .select({ session: sessions, user: users, grant: userRoles })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(sessions.tokenHash, ctx.crypto.digest(token)), isNull(sessions.revokedAt)));
  const row = rows[0];
  if (!row) return { kind: 'anonymous' };
  const { session, user } = row;
  const idleExpired = now.getTime() - session.lastSeenAt.getTime() > minutes(ctx.config.session.idleMinutes);
  const absoluteExpired = now.getTime() >= session.expiresAt.getTime();
  if (idleExpired || absoluteExpired || user.isDisabled) {
    await ctx.db.transaction(async (tx) => {
      await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, session.id));
      await appendAudit(tx, ctx.audit, { id: user.id, login: user.login, role: user.roleClass, sourceIp }, {
        action: 'auth.session-expired',
        objectType: 'session',
        objectId: session.id,
        after: { reason: user.isDisabled ? 'disabled' : absoluteExpired ? 'absolute' : 'idle' },
        outcome: 'success',
      });
    });
    return { kind: 'anonymous' };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchInterval) {
    await ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return {
    kind: 'user',
    userId: user.id,
    login: user.login,
    roleClass: user.roleClass as RoleClass,
    grants: rows.flatMap(({ grant: r }) =>
      r ? [{ id: r.id, role: r.role as RoleGrant['role'], assessmentId: r.assessmentId, unitId: r.unitId, divisionId: r.divisionId, leaderId: r.leaderId }] : [],
    ),
    sessionId: session.id,
    csrfToken: session.csrfToken,
    stage: session.stage as SessionStage,
  };
}

export async function revokeSession(ctx: ServerContext, actor: AuditActor, sessionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(eq(sessions.id, sessionId));
    await appendAudit(tx, ctx.audit, actor, { action: 'auth.logout', objectType: 'session', objectId: sessionId, outcome: 'success' });
  });
}
