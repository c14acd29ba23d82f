import { and, asc, eq } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/database';
import { approverKeys, integritySeals, signingKeys } from '../db/schema-security';
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
    let ok = false;
    try {
      ok = cryptoProviderBySignature(row.algorithm).verify(publicKey, text, row.signature);
    } catch {
      ok = false;
    }
    if (!ok) {
      return { status: '篡改', reason: `${row.purpose === 'seal' ? '服务器签名' : `${row.purpose}签名`}与当前内容不符：内容在签名后被修改` };
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
    throw new Error('审批签名无法验证（密钥提供方返回的签名与公钥不符）');
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
  if (!key) throw new Error('签名与该审批人登记的公钥不符，或审批人没有登记有效的公钥');
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
