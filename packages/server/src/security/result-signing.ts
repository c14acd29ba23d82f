import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { users } from '../db/schema';
import { approverKeys, integritySeals, signingKeys } from '../db/schema-security';
import { AppError } from '../lib/app-error';
import { canonicalJson } from '../lib/canonical-json';
import { type ApproverKeyProvider, cryptoProviderBySignature, hsmSigner, type SignatureAlgorithm } from '../lib/crypto';

/**
 * Integrity of published results (等保 数据完整性, 密评 8.4 g/h). The publication service calls:
 *
 *   const seal = await sealObject(ctx, tx, { objectType: 'publication', objectId, snapshot });
 *
 * inside the publishing transaction (services/publication.service.ts writePublication), with
 * `snapshot` = the publication's one snapshot definition (`SnapshotContent`: scheme version,
 * facts, ledgers, grades, ranks), the same content that is digested and stored. The seal is an SM2 (gm) or Ed25519 (intl) signature by the
 * server's key over the canonical JSON of the snapshot, stored in integrity_seals. Later
 *
 *   const check = await verifySealedObject(ctx, 'publication', objectId, snapshotReadBackFromTheTables);
 *
 * gives { status: '完整' } or { status: '篡改', reason } — a score edited by SQL without
 * re-signing no longer matches. `verifyPublication` (GET /api/publications/:id/verify) does this
 * with the stored snapshot and also compares published_results with it. Approvers may add their own signature of the 审定/发布 action
 * (`signApproval` with a key provider such as a UKey through the HSM adapter, or
 * `recordApproverSignature` for a signature made on the client with a registered key).
 */
export type SealedObject = { objectType: string; objectId: string; snapshot: unknown };
export type SealCheck =
  | { status: '完整'; seals: number; algorithm: string; digest: string }
  | { status: '篡改'; reason: string }
  | { status: '未签名'; reason: string };

type Signer = { algorithm: SignatureAlgorithm; keyId: string; publicKey: string; sign: (data: string) => Promise<string> };

const signers = new WeakMap<object, Promise<Signer>>();

/**
 * The server's seal key: in the HSM (gm-hsm), else a key pair whose private half is
 * field-encrypted. Inside a transaction pass it as `db` (PGlite has one connection): a key
 * created there is cached only when loaded outside a transaction.
 */
export function serverSigner(ctx: ServerContext, db: Db = ctx.db): Promise<Signer> {
  const cached = signers.get(ctx.db);
  if (cached) return cached;
  const signer = loadSigner(ctx, db);
  if (db === ctx.db) {
    signers.set(ctx.db, signer);
    signer.catch(() => signers.delete(ctx.db));
  }
  return signer;
}

async function loadSigner(ctx: ServerContext, db: Db): Promise<Signer> {
  if (ctx.hsm && ctx.config.hsm) {
    const device = hsmSigner(ctx.hsm, ctx.config.hsm.signLabel);
    const publicKey = await device.publicKey();
    await db
      .insert(signingKeys)
      .values({ id: device.keyId, algorithm: device.algorithm, publicKey, privateKeyEnc: null, active: true, createdAt: ctx.clock.now() })
      .onConflictDoNothing();
    return { algorithm: device.algorithm, keyId: device.keyId, publicKey, sign: device.sign };
  }
  const algorithm = ctx.crypto.signatureAlgorithm;
  let [row] = await db.select().from(signingKeys).where(and(eq(signingKeys.active, true), eq(signingKeys.algorithm, algorithm)));
  if (!row) {
    const pair = ctx.crypto.generateSigningKeyPair();
    [row] = await db
      .insert(signingKeys)
      .values({
        id: `sk-${ctx.crypto.randomToken(9)}`,
        algorithm,
        publicKey: pair.publicKey,
        privateKeyEnc: ctx.fields.encrypt('signing_keys.private_key', pair.privateKey),
        active: true,
        createdAt: ctx.clock.now(),
      })
      .returning();
  }
  const privateKey = ctx.fields.decrypt('signing_keys.private_key', row!.privateKeyEnc!);
  const crypto = ctx.crypto;
  return { algorithm, keyId: row!.id, publicKey: row!.publicKey, sign: async (data) => crypto.sign(privateKey, data) };
}

/** Signs the canonical JSON of a snapshot and stores the seal in the caller's transaction. */
export async function sealObject(ctx: ServerContext, tx: Db, object: SealedObject) {
  const signer = await serverSigner(ctx, tx);
  const text = canonicalJson(object.snapshot);
  const signature = await signer.sign(text);
  const [row] = await tx
    .insert(integritySeals)
    .values({
      objectType: object.objectType,
      objectId: object.objectId,
      purpose: 'seal',
      algorithm: signer.algorithm,
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      digestAlgorithm: ctx.crypto.digestAlgorithm,
      digest: ctx.crypto.digest(text),
      signature,
      signedAt: ctx.clock.now(),
    })
    .returning();
  return row!;
}

/** Checks every signature stored for the object against the snapshot as it is now. */
export async function verifySealedObject(ctx: ServerContext, objectType: string, objectId: string, snapshot: unknown): Promise<SealCheck> {
  const rows = await ctx.db
    .select()
    .from(integritySeals)
    .where(and(eq(integritySeals.objectType, objectType), eq(integritySeals.objectId, objectId)))
    .orderBy(asc(integritySeals.signedAt));
  if (!rows.some((r) => r.purpose === 'seal')) return { status: '未签名', reason: '该对象没有服务器签名' };
  const text = canonicalJson(snapshot);
  const keys = await ctx.db.select().from(signingKeys);
  for (const row of rows) {
    const publicKey = row.publicKey ?? '';
    if (row.purpose === 'seal' && !keys.some((k) => k.id === row.keyId && k.publicKey === publicKey)) {
      return { status: '篡改', reason: `签名所用的公钥不是本系统的签名密钥（${row.keyId}）` };
    }
    if (!signatureHolds(row, text)) {
      return { status: '篡改', reason: `${row.purpose === 'seal' ? '服务器签名' : `${row.purpose}签名`}与当前内容不符：内容在签名后被修改` };
    }
    if (row.purpose !== 'seal') {
      const problem = await approverKeyProblem(ctx, row);
      if (problem) return { status: '篡改', reason: `${row.purpose}签名${problem}` };
    }
  }
  const seal = rows.find((r) => r.purpose === 'seal')!;
  return { status: '完整', seals: rows.length, algorithm: seal.algorithm, digest: seal.digest };
}

/** 审定/发布 signed by the approver's key through a provider (UKey via the HSM adapter). */
export async function signApproval(ctx: ServerContext, tx: Db, provider: ApproverKeyProvider, approverUserId: string, action: '审定' | '发布', object: SealedObject) {
  const text = canonicalJson(object.snapshot);
  const signed = await provider.sign(approverUserId, text);
  if (!cryptoProviderBySignature(signed.algorithm).verify(signed.publicKey, text, signed.signature)) {
    throw new AppError('bad-request', '审批签名无法验证（密钥提供方返回的签名与公钥不符）');
  }
  return storeApproval(ctx, tx, { ...object, action, approverUserId, keyId: provider.kind, ...signed });
}

/**
 * A signature the approver made on the client (UKey plug-in) over the canonical JSON: accepted
 * only if it verifies with the approver's registered, unrevoked public key.
 */
export async function recordApproverSignature(ctx: ServerContext, tx: Db, approverUserId: string, action: '审定' | '发布', object: SealedObject, signature: string) {
  const keys = await tx.select().from(approverKeys).where(eq(approverKeys.userId, approverUserId));
  const text = canonicalJson(object.snapshot);
  const key = keys.find((k) => !k.revokedAt && cryptoProviderBySignature(k.algorithm).verify(k.publicKey, text, signature));
  if (!key) throw new AppError('bad-request', keys.some((k) => !k.revokedAt) ? '签名与该审批人登记的公钥不符：签名不是用登记的 UKey 对本次发布的签名原文签署的' : '审批人没有登记有效的签名公钥，请先由安全管理员登记');
  return storeApproval(ctx, tx, {
    ...object,
    action,
    approverUserId,
    keyId: `approver-key:${key.id}`,
    algorithm: key.algorithm as SignatureAlgorithm,
    publicKey: key.publicKey,
    certificate: key.certificate,
    signature,
  });
}

async function storeApproval(
  ctx: ServerContext,
  tx: Db,
  a: SealedObject & { action: string; approverUserId: string; keyId: string; algorithm: SignatureAlgorithm; publicKey: string; certificate?: string | null; signature: string },
) {
  const text = canonicalJson(a.snapshot);
  const [row] = await tx
    .insert(integritySeals)
    .values({
      objectType: a.objectType,
      objectId: a.objectId,
      purpose: a.action,
      signerUserId: a.approverUserId,
      algorithm: a.algorithm,
      keyId: a.keyId,
      publicKey: a.publicKey,
      certificate: a.certificate ?? null,
      digestAlgorithm: ctx.crypto.digestAlgorithm,
      digest: ctx.crypto.digest(text),
      signature: a.signature,
      signedAt: ctx.clock.now(),
    })
    .returning();
  return row!;
}

type SealRow = typeof integritySeals.$inferSelect;

function signatureHolds(row: SealRow, text: string): boolean {
  try {
    return cryptoProviderBySignature(row.algorithm).verify(row.publicKey ?? '', text, row.signature);
  } catch {
    return false;
  }
}

/**
 * Whether the key of an approval signature really is the approver's: a registered key of that
 * user, unrevoked when it signed, or the key the 密码机/UKey service holds for that user. A row
 * whose key cannot be traced (inserted with some other key pair) is never valid.
 */
async function approverKeyProblem(ctx: ServerContext, row: SealRow): Promise<string | null> {
  if (!row.signerUserId) return '没有记录审批人';
  if (row.keyId.startsWith('approver-key:')) {
    const [key] = await ctx.db.select().from(approverKeys).where(eq(approverKeys.id, row.keyId.slice('approver-key:'.length)));
    if (!key || key.userId !== row.signerUserId || key.publicKey !== row.publicKey) return '所用的公钥不是该审批人登记的公钥';
    // signing refuses a revoked key in its own transaction: a revocation at the same instant came after
    if (key.revokedAt && key.revokedAt < row.signedAt) return '所用的公钥在签名时已被吊销';
    return null;
  }
  if (row.keyId.startsWith('hsm:')) {
    if (!ctx.hsm || row.keyId !== `hsm:${ctx.hsm.name}`) return `由密码机（${row.keyId.slice(4)}）签署，本服务器未连接该密码机，无法核实审批人公钥`;
    const publicKey = await ctx.hsm.publicKey(approverLabel(row.signerUserId));
    return publicKey === row.publicKey ? null : '所用的公钥不是密码机中该审批人的密钥';
  }
  return `的密钥来源未知（${row.keyId}）`;
}

/** The label of an approver's key in the 密码机/UKey service (hsmApproverKeyProvider's default). */
export const approverLabel = (userId: string) => `approver-${userId}`;

export type ApprovalCheck = {
  action: string;
  signerUserId: string | null;
  signerLogin: string | null;
  algorithm: string;
  keyId: string;
  signedAt: string;
  status: '有效' | '无效';
  reason: string | null;
};

/** Every approval signature of the object checked one by one, and per action 有效 / 无效 / 缺失. */
export async function checkApprovals(ctx: ServerContext, objectType: string, objectId: string, snapshot: unknown) {
  const rows = (
    await ctx.db
      .select()
      .from(integritySeals)
      .where(and(eq(integritySeals.objectType, objectType), eq(integritySeals.objectId, objectId)))
      .orderBy(asc(integritySeals.signedAt), asc(integritySeals.id))
  ).filter((r) => r.purpose !== 'seal');
  const text = canonicalJson(snapshot);
  const signerIds = [...new Set(rows.map((r) => r.signerUserId).filter((id): id is string => id !== null))];
  const logins = new Map(signerIds.length === 0 ? [] : (await ctx.db.select({ id: users.id, login: users.login }).from(users).where(inArray(users.id, signerIds))).map((u) => [u.id, u.login]));
  const approvals: ApprovalCheck[] = [];
  for (const row of rows) {
    const reason = signatureHolds(row, text) ? await approverKeyProblem(ctx, row) : '与当前快照内容不符';
    approvals.push({
      action: row.purpose,
      signerUserId: row.signerUserId,
      signerLogin: row.signerUserId ? (logins.get(row.signerUserId) ?? null) : null,
      algorithm: row.algorithm,
      keyId: row.keyId,
      signedAt: row.signedAt.toISOString(),
      status: reason === null ? '有效' : '无效',
      reason: reason === null ? null : `${row.purpose}签名${reason}`,
    });
  }
  const summary = (['审定', '发布'] as const).map((action) => {
    const mine = approvals.filter((a) => a.action === action);
    return { action, status: mine.length === 0 ? ('缺失' as const) : mine.every((a) => a.status === '有效') ? ('有效' as const) : ('无效' as const) };
  });
  return { approvals, summary };
}

/**
 * A publication written before this server signed anything (no signing key older than it): its
 * missing seal is a gap of the old version, reported as 未签名, not as 篡改 — as long as its
 * digest, keyed check value and published rows still hold. A publication written after the first
 * signing key existed must carry a seal; a missing one is 篡改.
 */
export async function predatesSigning(ctx: ServerContext, publishedAt: Date): Promise<boolean> {
  const keys = await ctx.db.select({ createdAt: signingKeys.createdAt }).from(signingKeys);
  return keys.every((k) => publishedAt < k.createdAt);
}

export const unsignedLegacyNote = '快照发布于启用签名之前，没有服务器签名；摘要、密钥校验值和公布结果均与快照一致。可在主机上执行 kaohe publications re-sign 补签';
