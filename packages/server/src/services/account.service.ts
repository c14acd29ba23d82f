import { sql } from 'drizzle-orm';
import type { BusinessRole, RoleClass } from '../access/roles';
import type { AuditActor } from '../audit/audit';
import { checkNewPassword } from '../auth/login.service';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { passwordHistory, userRoles, users } from '../db/schema';
import { AppError } from '../lib/app-error';
import { audited } from './audited';

export type NewAccount = {
  login: string;
  displayName: string;
  roleClass: RoleClass;
  password: string;
  totpSecret?: string | null;
  /** Epoch forces a password change at first login (initial passwords set by someone else). */
  passwordChangedAt?: Date;
};

/**
 * Creates an account; an administrator class also gets its single role row. Used by
 * `kaohe admin create` and the demo loader (HTTP creates business accounts only).
 */
export async function createAccount(ctx: ServerContext, actor: AuditActor, input: NewAccount) {
  await ctx.fields.open(); // idempotent; outside the transaction (PGlite has one connection)
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.login}) = ${input.login.toLowerCase()}`);
  if (existing) throw new AppError('conflict', `登录名“${input.login}”已存在`);
  const hash = await checkNewPassword(ctx, ctx.db, { id: '00000000-0000-0000-0000-000000000000', login: input.login }, input.password);
  const now = ctx.clock.now();
  return audited(ctx, actor, { action: 'user.create', objectType: 'user', objectIdOf: (u) => u.id, after: (u) => ({ login: u.login, roleClass: u.roleClass }) }, async (tx: Db) => {
    const [user] = await tx
      .insert(users)
      .values({
        login: input.login,
        displayName: input.displayName,
        roleClass: input.roleClass,
        passwordHash: hash,
        passwordChangedAt: input.passwordChangedAt ?? now,
        totpSecret: ctx.fields.encryptOptional('users.totp_secret', input.totpSecret),
        createdAt: now,
      })
      .returning();
    await tx.insert(passwordHistory).values({ userId: user!.id, passwordHash: hash, createdAt: now });
    if (input.roleClass !== 'business') {
      await tx.insert(userRoles).values({ userId: user!.id, roleClass: input.roleClass, role: input.roleClass, createdAt: now });
    }
    return user!;
  });
}

export type Grant = {
  role: BusinessRole;
  assessmentId?: string | null;
  unitId?: string | null;
  divisionId?: string | null;
  leaderId?: string | null;
};

export async function grantBusinessRole(ctx: ServerContext, actor: AuditActor, userId: string, grant: Grant) {
  return audited(ctx, actor, { action: 'role.grant', objectType: 'user', objectId: userId }, async (tx: Db) => {
    const [row] = await tx
      .insert(userRoles)
      .values({
        userId,
        roleClass: 'business',
        role: grant.role,
        assessmentId: grant.assessmentId ?? null,
        unitId: grant.unitId ?? null,
        divisionId: grant.divisionId ?? null,
        leaderId: grant.leaderId ?? null,
        createdAt: ctx.clock.now(),
      })
      .returning();
    return row!;
  });
}

export const cliActor = (login: string | null): AuditActor => ({ id: null, login: login ?? 'cli', role: 'cli', sourceIp: 'local' });
