import { eq, sql } from 'drizzle-orm';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type ServerContext } from '../../src/context';
import { approverKeys, integritySeals, publishedResults } from '../../src/db/schema';
import { canonicalJson } from '../../src/lib/canonical-json';
import { createSoftHsm, gmSoftCryptoProvider, hsmApproverKeyProvider } from '../../src/lib/crypto';
import { publicationSnapshot, recordApproverSignature, sealObject, signApproval, verifySealedObject } from '../../src/security/result-signing';
import { createHarness, type Harness } from '../harness';
import { publishThroughPublicity } from '../publish-helper';
import { seedWork } from '../world-data';

let h: Harness;
let gm: ServerContext;
let publicationId = '';
beforeAll(async () => {
  h = await createHarness();
  await seedWork(h);
  const kpb = await h.login('kpb');
  // publishing goes through a 公示 now (test/publish-helper.ts)
  const res = await publishThroughPublicity(h, kpb, h.ids.assessmentId);
  expect(res.statusCode, res.body).toBe(200);
  publicationId = (res.json() as { id: string }).id;
  // the same database seen by a gm-soft server
  gm = createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock: h.clock, crypto: gmSoftCryptoProvider });
  await gm.fields.open();
});
afterAll(async () => {
  await h?.close();
});

describe('publication seal (gm-soft)', () => {
  it('is an SM2 signature over the canonical JSON that sm-crypto verifies independently', async () => {
    const snapshot = (await publicationSnapshot(gm.db, publicationId))!;
    expect(snapshot.results.length).toBe(2);
    const seal = await gm.db.transaction((tx) => sealObject(gm, tx, { objectType: 'publication', objectId: publicationId, snapshot }));
    expect(seal.algorithm).toBe('SM2-SM3');
    expect(seal.digestAlgorithm).toBe('SM3');
    const text = canonicalJson(snapshot);
    expect(smCrypto.sm2.doVerifySignature(text, seal.signature, seal.publicKey!, { der: true, hash: true, userId: '1234567812345678' })).toBe(true);
    expect(smCrypto.sm3(text)).toBe(seal.digest);
    expect(await verifySealedObject(gm, 'publication', publicationId, snapshot)).toMatchObject({ status: '完整', algorithm: 'SM2-SM3' });
  });

  it('an approver signs 审定 through the HSM adapter (UKey), stored with the publication', async () => {
    const snapshot = (await publicationSnapshot(gm.db, publicationId))!;
    const provider = hsmApproverKeyProvider(createSoftHsm());
    const row = await gm.db.transaction((tx) => signApproval(gm, tx, provider, h.ids.users.kpb!, '审定', { objectType: 'publication', objectId: publicationId, snapshot }));
    expect(row.purpose).toBe('审定');
    expect(smCrypto.sm2.doVerifySignature(canonicalJson(snapshot), row.signature, row.publicKey!, { der: true, hash: true })).toBe(true);
    expect(await verifySealedObject(gm, 'publication', publicationId, snapshot)).toMatchObject({ status: '完整', seals: 2 });
  });

  it('a client-side 发布 signature is accepted only with the approver\'s registered key', async () => {
    const snapshot = (await publicationSnapshot(gm.db, publicationId))!;
    const ukey = gmSoftCryptoProvider.generateSigningKeyPair();
    const other = gmSoftCryptoProvider.generateSigningKeyPair();
    await gm.db.insert(approverKeys).values({ userId: h.ids.users.kpb!, algorithm: 'SM2-SM3', publicKey: ukey.publicKey, createdAt: h.clock.now() });
    const object = { objectType: 'publication', objectId: publicationId, snapshot };
    const forged = gmSoftCryptoProvider.sign(other.privateKey, canonicalJson(snapshot));
    await expect(gm.db.transaction((tx) => recordApproverSignature(gm, tx, h.ids.users.kpb!, '发布', object, forged))).rejects.toThrow(/登记的公钥/);
    const real = gmSoftCryptoProvider.sign(ukey.privateKey, canonicalJson(snapshot));
    const row = await gm.db.transaction((tx) => recordApproverSignature(gm, tx, h.ids.users.kpb!, '发布', object, real));
    expect(row.purpose).toBe('发布');
  });

  it('a direct SQL edit of a published score is reported as 篡改', async () => {
    await h.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE published_results DISABLE TRIGGER USER`);
      await tx.execute(sql`UPDATE published_results SET total = total + 1 WHERE publication_id = ${publicationId}`);
      await tx.execute(sql`ALTER TABLE published_results ENABLE TRIGGER USER`);
    });
    const edited = (await publicationSnapshot(gm.db, publicationId))!;
    const check = await verifySealedObject(gm, 'publication', publicationId, edited);
    expect(check.status).toBe('篡改');
    if (check.status === '篡改') expect(check.reason).toMatch(/签名后被修改/);
    const rows = await h.ctx.db.select().from(publishedResults).where(eq(publishedResults.publicationId, publicationId));
    expect(rows.length).toBe(2);
  });

  it('a seal whose public key is swapped for an attacker\'s is reported as 篡改', async () => {
    const snapshot = (await publicationSnapshot(gm.db, publicationId))!;
    const attacker = gmSoftCryptoProvider.generateSigningKeyPair();
    await gm.db
      .update(integritySeals)
      .set({ publicKey: attacker.publicKey, signature: gmSoftCryptoProvider.sign(attacker.privateKey, canonicalJson(snapshot)) })
      .where(eq(integritySeals.purpose, 'seal'));
    expect((await verifySealedObject(gm, 'publication', publicationId, snapshot)).status).toBe('篡改');
  });

  it('intl profile seals with Ed25519', async () => {
    const snapshot = { x: 1 };
    const seal = await h.ctx.db.transaction((tx) => sealObject(h.ctx, tx, { objectType: 'ledger', objectId: 'L1', snapshot }));
    expect(seal.algorithm).toBe('Ed25519');
    expect((await verifySealedObject(h.ctx, 'ledger', 'L1', snapshot)).status).toBe('完整');
    expect((await verifySealedObject(h.ctx, 'ledger', 'L1', { x: 2 })).status).toBe('篡改');
    expect((await verifySealedObject(h.ctx, 'ledger', 'L2', snapshot)).status).toBe('未签名');
  });
});
