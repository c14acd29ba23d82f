import { eq, sql } from 'drizzle-orm';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context';
import { approverKeys, integritySeals } from '../../src/db/schema';
import { canonicalJson } from '../../src/lib/canonical-json';
import { createSoftHsm, gmSoftCryptoProvider, hsmApproverKeyProvider, intlCryptoProvider } from '../../src/lib/crypto';
import { recordApproverSignature, sealObject, signApproval, verifySealedObject } from '../../src/security/result-signing';
import { publicationSnapshot } from '../../src/services/publication.service';
import { createHarness, type Harness, type Session } from '../harness';
import { publishThroughPublicity } from '../publish-helper';
import { seedWork } from '../world-data';

type Verify = {
  ok: boolean;
  status: '完整' | '篡改';
  digest: string;
  problems: string[];
  signature: { algorithm: string; keyId: string; publicKey: string; signature: string; approvals: number } | null;
};

// a whole server in the gm-soft profile (SM2/SM3/SM4), on PGlite or on PostgreSQL when DATABASE_URL is set
let h: Harness;
let kpb: Session;
let publicationId = '';
const verify = async () => (await (await h.login('kpb')).request('GET', `/api/publications/${publicationId}/verify`)).json() as Verify;
const disableGuards = async (table: 'published_results' | 'publication_snapshots', edit: () => Promise<unknown>) => {
  // the append-only trigger refuses the edit; only the tables' owner can switch it off first
  await h.ctx.db.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`));
  await edit();
  await h.ctx.db.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
};

beforeAll(async () => {
  h = await createHarness({ CRYPTO_PROFILE: 'gm-soft' });
  expect(h.ctx.crypto.signatureAlgorithm).toBe('SM2-SM3');
  await seedWork(h);
  kpb = await h.login('kpb');
  const res = await publishThroughPublicity(h, kpb, h.ids.assessmentId);
  expect(res.statusCode, res.body).toBe(200);
  publicationId = (res.json() as { id: string }).id;
});
afterAll(async () => {
  await h?.close();
});

describe('publication seal (gm-soft)', () => {
  it('publishing stores an SM2 signature over the snapshot that sm-crypto verifies independently', async () => {
    const check = await verify();
    expect(check).toMatchObject({ ok: true, status: '完整', problems: [] });
    expect(check.signature).toMatchObject({ algorithm: 'SM2-SM3', approvals: 0 });
    // the signed text is the canonical JSON of the one stored snapshot (publication_snapshots.content)
    const snapshot = (await publicationSnapshot(h.ctx.db, publicationId))!;
    expect(snapshot.results.length).toBe(2);
    const text = canonicalJson(snapshot);
    const { publicKey, signature } = check.signature!;
    expect(smCrypto.sm2.doVerifySignature(text, signature, publicKey, { der: true, hash: true, userId: '1234567812345678' })).toBe(true);
    expect(smCrypto.sm2.doVerifySignature(`${text} `, signature, publicKey, { der: true, hash: true, userId: '1234567812345678' })).toBe(false);
    // the publication's digest is SM3 of the same text
    expect(smCrypto.sm3(text)).toBe(check.digest);
    const [seal] = await h.ctx.db.select().from(integritySeals).where(eq(integritySeals.objectId, publicationId));
    expect(seal).toMatchObject({ objectType: 'publication', purpose: 'seal', algorithm: 'SM2-SM3', digestAlgorithm: 'SM3', digest: check.digest });
  });

  it('an approver signs 审定 through the HSM adapter (UKey), stored with the publication', async () => {
    // the approver's key is checked against the 密码机 the server is attached to; the route test
    // (approval-signing.test.ts) signs the publication itself, here a sealed copy of its snapshot
    const snapshot = (await publicationSnapshot(h.ctx.db, publicationId))!;
    const soft = createSoftHsm();
    const withHsm = createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock: h.clock, crypto: gmSoftCryptoProvider, hsm: soft });
    await withHsm.fields.open();
    const object = { objectType: 'publication-copy', objectId: publicationId, snapshot };
    await withHsm.db.transaction((tx) => sealObject(withHsm, tx, object));
    const row = await withHsm.db.transaction((tx) => signApproval(withHsm, tx, hsmApproverKeyProvider(soft), h.ids.users.kpb!, '审定', object));
    expect(row.purpose).toBe('审定');
    expect(smCrypto.sm2.doVerifySignature(canonicalJson(snapshot), row.signature, row.publicKey!, { der: true, hash: true })).toBe(true);
    expect(await verifySealedObject(withHsm, 'publication-copy', publicationId, snapshot)).toMatchObject({ status: '完整', seals: 2 });
    // without the 密码机 the approver's key cannot be confirmed: flagged, never passed
    expect(await verifySealedObject(h.ctx, 'publication-copy', publicationId, snapshot)).toMatchObject({ status: '篡改' });
  });

  it("a client-side 发布 signature is accepted only with the approver's registered key", async () => {
    const snapshot = (await publicationSnapshot(h.ctx.db, publicationId))!;
    const ukey = gmSoftCryptoProvider.generateSigningKeyPair();
    const other = gmSoftCryptoProvider.generateSigningKeyPair();
    await h.ctx.db.insert(approverKeys).values({ userId: h.ids.users.kpb!, algorithm: 'SM2-SM3', publicKey: ukey.publicKey, createdAt: h.clock.now() });
    const object = { objectType: 'publication', objectId: publicationId, snapshot };
    const forged = gmSoftCryptoProvider.sign(other.privateKey, canonicalJson(snapshot));
    await expect(h.ctx.db.transaction((tx) => recordApproverSignature(h.ctx, tx, h.ids.users.kpb!, '发布', object, forged))).rejects.toThrow(/登记的公钥/);
    const real = gmSoftCryptoProvider.sign(ukey.privateKey, canonicalJson(snapshot));
    const row = await h.ctx.db.transaction((tx) => recordApproverSignature(h.ctx, tx, h.ids.users.kpb!, '发布', object, real));
    expect(row.purpose).toBe('发布');
    expect((await verify()).status).toBe('完整');
  });

  it('a direct SQL edit of a published score is reported as 篡改', async () => {
    await disableGuards('published_results', () => h.ctx.db.execute(sql`UPDATE published_results SET total = '9.5' WHERE unit_id = ${h.ids.units.U1}`));
    const edited = await verify();
    expect(edited).toMatchObject({ ok: false, status: '篡改' });
    expect(edited.problems).toEqual(['“甲镇”的公布结果与快照不符（快照总分 9，公布 9.5）']);

    // an attacker who edits the snapshot too and recomputes its SM3 digest is still caught by the seal
    const snapshot = (await publicationSnapshot(h.ctx.db, publicationId))!;
    const forged = { ...snapshot, results: snapshot.results.map((r) => (r.unitId === h.ids.units.U1 ? { ...r, total: '9.5' } : r)) };
    const forgedDigest = smCrypto.sm3(canonicalJson(forged));
    await disableGuards('publication_snapshots', () => h.ctx.db.execute(sql`UPDATE publication_snapshots SET content = ${JSON.stringify(forged)}::jsonb, digest = ${forgedDigest} WHERE publication_id = ${publicationId}`));
    const both = await verify();
    expect(both.status).toBe('篡改');
    expect(both.signature).toBeNull();
    expect(both.problems).toContain('服务器签名与当前内容不符：内容在签名后被修改');
    expect(both.problems).not.toContain('快照内容与其摘要不符：快照在发布后被修改');
  });

  it('a deleted seal is reported, never passed as unsigned-but-fine', async () => {
    await h.ctx.db.delete(integritySeals).where(eq(integritySeals.objectId, publicationId));
    const check = await verify();
    expect(check.status).toBe('篡改');
    expect(check.problems.some((p) => p.startsWith('快照没有服务器签名'))).toBe(true);
  });

  it("a seal whose public key is swapped for an attacker's is reported as 篡改", async () => {
    const snapshot = { x: 1 };
    await h.ctx.db.transaction((tx) => sealObject(h.ctx, tx, { objectType: 'ledger', objectId: 'L9', snapshot }));
    const attacker = gmSoftCryptoProvider.generateSigningKeyPair();
    await h.ctx.db
      .update(integritySeals)
      .set({ publicKey: attacker.publicKey, signature: gmSoftCryptoProvider.sign(attacker.privateKey, canonicalJson(snapshot)) })
      .where(eq(integritySeals.objectId, 'L9'));
    expect((await verifySealedObject(h.ctx, 'ledger', 'L9', snapshot)).status).toBe('篡改');
  });

  it('intl profile seals with Ed25519', async () => {
    const intl = createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock: h.clock, crypto: intlCryptoProvider });
    await intl.fields.open();
    const snapshot = { x: 1 };
    const seal = await intl.db.transaction((tx) => sealObject(intl, tx, { objectType: 'ledger', objectId: 'L1', snapshot }));
    expect(seal.algorithm).toBe('Ed25519');
    expect((await verifySealedObject(intl, 'ledger', 'L1', snapshot)).status).toBe('完整');
    expect((await verifySealedObject(intl, 'ledger', 'L1', { x: 2 })).status).toBe('篡改');
    expect((await verifySealedObject(intl, 'ledger', 'L2', snapshot)).status).toBe('未签名');
  });
});
