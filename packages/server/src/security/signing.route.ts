import { signingApi } from '@kaohe/contract/api/signing';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../audit/audit';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { users } from '../db/schema';
import { approverKeys, integritySeals } from '../db/schema-security';
import { routeOf } from '../http/route-schema';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { hsmApproverKeyProvider } from '../lib/crypto';
import { actorOf, userActor } from '../routes/route-helpers';
import { getVisibleAssessment } from '../services/assessment.service';
import { audited } from '../services/audited';
import { publicationSnapshot, publicationView, verifyPublication } from '../services/publication.service';
import { approverLabel, checkApprovals, recordApproverSignature, signApproval } from './result-signing';

const sm2PublicKey = /^04[0-9a-fA-F]{128}$/;

/** 审定/发布 signatures by approvers, and the approver keys the security administrator registers. */
export function signingRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const keyView = async (db: Db, k: typeof approverKeys.$inferSelect) => {
      const [u] = await db.select({ login: users.login }).from(users).where(eq(users.id, k.userId));
      return { id: k.id, userId: k.userId, login: u?.login ?? '', algorithm: k.algorithm, publicKey: k.publicKey, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null };
    };

    app.post(signingApi.registerApproverKey.path, routeOf(signingApi.registerApproverKey), async (request) => {
      const body = request.body;
      const [user] = await ctx.db.select().from(users).where(eq(users.id, body.userId));
      if (!user) throw new AppError('not-found', '审批人账户不存在');
      if (user.roleClass !== 'business') throw new AppError('conflict', `“${user.login}”是管理员账户，不能登记审批签名公钥（审定、发布由业务账户签署）`);
      const publicKey = body.algorithm === 'SM2-SM3' ? body.publicKey.toLowerCase() : body.publicKey;
      if (body.algorithm === 'SM2-SM3' && !sm2PublicKey.test(publicKey)) throw new AppError('bad-request', 'publicKey：SM2 公钥须为 04 开头的 130 位十六进制未压缩点');
      if (body.algorithm === 'Ed25519' && !/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey)) throw new AppError('bad-request', 'publicKey：Ed25519 公钥须为 SPKI DER 的 Base64');
      const existing = await ctx.db.select().from(approverKeys).where(and(eq(approverKeys.userId, user.id), eq(approverKeys.publicKey, publicKey)));
      if (existing.some((k) => !k.revokedAt)) throw new AppError('conflict', `该公钥已为“${user.login}”登记`);
      const row = await audited(ctx, actorOf(request), { action: 'approver-key.register', objectType: 'approver-key', objectIdOf: (r) => r.id, after: (r) => ({ userId: r.userId, algorithm: r.algorithm, publicKey: r.publicKey }) }, async (tx: Db) => {
        const [k] = await tx.insert(approverKeys).values({ userId: user.id, algorithm: body.algorithm, publicKey, certificate: body.certificate ?? null, createdAt: ctx.clock.now() }).returning();
        return k!;
      });
      return keyView(ctx.db, row);
    });

    app.get(signingApi.listApproverKeys.path, routeOf(signingApi.listApproverKeys), async () => {
      const rows = await ctx.db.select().from(approverKeys).orderBy(asc(approverKeys.createdAt), asc(approverKeys.id));
      return Promise.all(rows.map((k) => keyView(ctx.db, k)));
    });

    app.post(signingApi.revokeApproverKey.path, routeOf(signingApi.revokeApproverKey), async (request) => {
      const [key] = await ctx.db.select().from(approverKeys).where(eq(approverKeys.id, request.params.id));
      if (!key) throw new AppError('not-found', '审批人公钥不存在');
      if (key.revokedAt) throw new AppError('conflict', `该公钥已于 ${key.revokedAt.toISOString()} 吊销`);
      const row = await audited(ctx, actorOf(request), { action: 'approver-key.revoke', objectType: 'approver-key', objectId: key.id, before: { revokedAt: null }, after: (r) => ({ revokedAt: r.revokedAt }) }, async (tx: Db) => {
        const [k] = await tx.update(approverKeys).set({ revokedAt: ctx.clock.now() }).where(eq(approverKeys.id, key.id)).returning();
        return k!;
      });
      return keyView(ctx.db, row);
    });

    const visiblePublication = async (actor: Parameters<typeof getVisibleAssessment>[1], id: string) => {
      const view = await publicationView(ctx.db, id);
      await getVisibleAssessment(ctx, actor, view.assessmentId);
      const snapshot = await publicationSnapshot(ctx.db, view.id);
      if (!snapshot) throw new AppError('not-found', '发布快照不存在');
      return { view, snapshot };
    };

    app.get(signingApi.signingContent.path, routeOf(signingApi.signingContent), async (request) => {
      const { view, snapshot } = await visiblePublication(request.actor, request.params.id);
      const text = canonicalJson(snapshot);
      return { publicationId: view.id, text, digest: ctx.crypto.digest(text), digestAlgorithm: ctx.crypto.digestAlgorithm, userId: '1234567812345678' };
    });

    app.post(signingApi.signApproval.path, routeOf(signingApi.signApproval), async (request) => {
      const { view, snapshot } = await visiblePublication(request.actor, request.params.id);
      const user = userActor(request);
      const { action, signature } = request.body;
      const actor = actorOf(request);
      const refuse = async (error: AppError) => {
        // a refused signature is on record too (不可否认性: who tried to sign what, and why it failed)
        await recordAudit(ctx.db, ctx.audit, actor, { action: 'publication.approval-sign', objectType: 'publication', objectId: view.id, after: { action, message: error.userMessage }, outcome: 'failure' });
        return error;
      };
      const check = await verifyPublication(ctx, view.id);
      if (check.status !== '完整') throw await refuse(new AppError('conflict', `发布快照校验未通过（${check.status}），不能签名：${check.problems.join('；')}`));
      const signed = await ctx.db.select({ id: integritySeals.id }).from(integritySeals).where(and(eq(integritySeals.objectType, 'publication'), eq(integritySeals.objectId, view.id), eq(integritySeals.purpose, action), eq(integritySeals.signerUserId, user.userId)));
      if (signed.length > 0) throw await refuse(new AppError('conflict', `您已对第 ${view.sequence} 版发布签署过“${action}”`));
      if (signature === undefined && !ctx.hsm) throw await refuse(new AppError('unavailable', '本服务器未配置密码机/UKey 服务：请用 UKey 对签名原文签名后提交 signature'));
      const object = { objectType: 'publication', objectId: view.id, snapshot };
      let row: typeof integritySeals.$inferSelect;
      try {
        row = await audited(ctx, actor, { action: 'publication.approval-sign', objectType: 'publication', objectId: view.id, after: (r) => ({ action, keyId: r.keyId, algorithm: r.algorithm, digest: r.digest }) }, (tx) =>
          signature === undefined ? signApproval(ctx, tx, hsmApproverKeyProvider(ctx.hsm!, approverLabel), user.userId, action, object) : recordApproverSignature(ctx, tx, user.userId, action, object, signature.toLowerCase()),
        );
      } catch (error) {
        if (error instanceof AppError) throw await refuse(error);
        throw error;
      }
      const { approvals, summary } = await checkApprovals(ctx, 'publication', view.id, snapshot);
      return { publicationId: view.id, approval: approvals.find((a) => a.signedAt === row.signedAt.toISOString() && a.keyId === row.keyId && a.signerUserId === user.userId && a.action === action)!, summary };
    });
  };
}
