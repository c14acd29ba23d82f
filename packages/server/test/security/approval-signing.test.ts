import { and, eq } from 'drizzle-orm';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context';
import { auditLog, integritySeals } from '../../src/db/schema';
import { buildApp, type App } from '../../src/http/app';
import { canonicalJson } from '../../src/lib/canonical-json';
import { createSoftHsm, gmSoftCryptoProvider } from '../../src/lib/crypto';
import { publicationSnapshot } from '../../src/services/publication.service';
import { createHarness, type Harness, type Session } from '../harness';
import { publishThroughPublicity } from '../publish-helper';
import { seedWork } from '../world-data';

// 审定/发布 signed by the approver through the API (gm-soft profile), on PGlite or PostgreSQL (DATABASE_URL).
type Approval = { action: string; signerLogin: string | null; keyId: string; status: '有效' | '无效'; reason: string | null };
type Summary = { action: '审定' | '发布'; status: '有效' | '无效' | '缺失' }[];
type Verify = { ok: boolean; status: string; problems: string[]; approvals: Approval[]; approvalSummary: Summary; signature: { approvals: number } | null };

let h: Harness;
let kpb: Session;
let secadmin: Session;
let publicationId = '';
let hsmApp: App;
const hsm = createSoftHsm();
const ukey = smCrypto.sm2.generateKeyPairHex();
const sm2Sign = (text: string, privateKey: string) => smCrypto.sm2.doSignature(text, privateKey, { der: true, hash: true, userId: '1234567812345678' });
const verify = async (app: App = h.app) => (await app.inject({ method: 'GET', url: `/api/publications/${publicationId}/verify`, headers: { cookie: kpb.cookie } })).json() as Verify;
const approve = (body: unknown, app: App = h.app) => app.inject({ method: 'POST', url: `/api/publications/${publicationId}/approvals`, headers: { cookie: kpb.cookie, 'x-csrf-token': kpb.csrf }, payload: body as object });
const failures = async () => (await h.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'publication.approval-sign'), eq(auditLog.outcome, 'failure')))).length;

beforeAll(async () => {
  h = await createHarness({ CRYPTO_PROFILE: 'gm-soft' });
  await seedWork(h);
  const res = await publishThroughPublicity(h, await h.login('kpb'), h.ids.assessmentId);
  expect(res.statusCode, res.body).toBe(200);
  publicationId = (res.json() as { id: string }).id;
  kpb = await h.login('kpb');
  secadmin = await h.login('secadmin');
  // the same server with a 密码机/UKey service attached (the HSM adapter's test double)
  hsmApp = await buildApp(createContext({ config: h.config, db: h.ctx.db, dbKind: h.ctx.dbKind, clock: h.clock, crypto: gmSoftCryptoProvider, hsm }));
}, 300_000); // a whole gm-soft server published once: minutes on a loaded machine
afterAll(async () => {
  await hsmApp?.close();
  await h?.close();
});

describe('approver signatures on 审定 and 发布', () => {
  it('the security administrator registers an approver key; nobody else can, and never for an administrator', async () => {
    expect((await kpb.request('POST', '/api/security/approver-keys', { userId: h.ids.users.kpb, algorithm: 'SM2-SM3', publicKey: ukey.publicKey })).statusCode).toBe(403);
    const admin = await secadmin.request('POST', '/api/security/approver-keys', { userId: h.ids.users.sysadmin, algorithm: 'SM2-SM3', publicKey: ukey.publicKey });
    expect(admin.statusCode).toBe(409);
    expect(admin.json().error.message).toBe('“sysadmin”是管理员账户，不能登记审批签名公钥（审定、发布由业务账户签署）');
    const bad = await secadmin.request('POST', '/api/security/approver-keys', { userId: h.ids.users.kpb, algorithm: 'SM2-SM3', publicKey: '04abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('SM2 公钥须为 04 开头的 130 位十六进制未压缩点');
    const ok = await secadmin.request('POST', '/api/security/approver-keys', { userId: h.ids.users.kpb, algorithm: 'SM2-SM3', publicKey: ukey.publicKey });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ login: 'kpb', algorithm: 'SM2-SM3', publicKey: ukey.publicKey, revokedAt: null });
    expect((await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'approver-key.register'))).length).toBe(1);
  });

  it('before anyone signs, verify reports both approvals 缺失', async () => {
    const check = await verify();
    expect(check).toMatchObject({ ok: true, status: '完整', approvals: [] });
    expect(check.approvalSummary).toEqual([
      { action: '审定', status: '缺失' },
      { action: '发布', status: '缺失' },
    ]);
  });

  it('a 审定 signature made with the UKey over the signing content (sm-crypto, independent of the server) is stored and verifies', async () => {
    const content = await kpb.request('GET', `/api/publications/${publicationId}/signing-content`);
    expect(content.statusCode).toBe(200);
    const { text, digest } = content.json() as { text: string; digest: string };
    expect(text).toBe(canonicalJson(await publicationSnapshot(h.ctx.db, publicationId)));
    expect(digest).toBe(smCrypto.sm3(text));
    const res = await approve({ action: '审定', signature: sm2Sign(text, ukey.privateKey) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ approval: { action: '审定', signerLogin: 'kpb', status: '有效', reason: null }, summary: [{ action: '审定', status: '有效' }, { action: '发布', status: '缺失' }] });
    const check = await verify();
    expect(check).toMatchObject({ ok: true, status: '完整', signature: { approvals: 1 } });
    expect(check.approvals).toMatchObject([{ action: '审定', status: '有效' }]);
    const [row] = await h.ctx.db.select().from(integritySeals).where(and(eq(integritySeals.objectId, publicationId), eq(integritySeals.purpose, '审定')));
    expect(row).toMatchObject({ publicKey: ukey.publicKey, signerUserId: h.ids.users.kpb, algorithm: 'SM2-SM3' });
    expect((await h.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'publication.approval-sign'), eq(auditLog.outcome, 'success')))).length).toBe(1);
  });

  it('a wrong signature is refused with a Chinese message, audited as a failure, and nothing is stored', async () => {
    const { text } = (await kpb.request('GET', `/api/publications/${publicationId}/signing-content`)).json() as { text: string };
    const before = await failures();
    const other = smCrypto.sm2.generateKeyPairHex();
    for (const signature of [sm2Sign(text, other.privateKey), sm2Sign(`${text} `, ukey.privateKey)]) {
      const res = await approve({ action: '发布', signature });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('签名与该审批人登记的公钥不符：签名不是用登记的 UKey 对本次发布的签名原文签署的');
    }
    expect(await failures()).toBe(before + 2);
    expect((await verify()).approvalSummary).toContainEqual({ action: '发布', status: '缺失' });
    const twice = await approve({ action: '审定', signature: sm2Sign(text, ukey.privateKey) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('您已对第 1 版发布签署过“审定”');
    // without a signature the server needs a 密码机/UKey service
    const none = await approve({ action: '发布' });
    expect(none.statusCode).toBe(503);
    expect(none.json().error.message).toContain('本服务器未配置密码机/UKey 服务');
  });

  it('a revoked key signs nothing new; the approval it made before stays valid', async () => {
    const [key] = (await secadmin.request('GET', '/api/security/approver-keys')).json() as { id: string }[];
    expect((await secadmin.request('POST', `/api/security/approver-keys/${key!.id}/revoke`)).statusCode).toBe(200);
    const { text } = (await kpb.request('GET', `/api/publications/${publicationId}/signing-content`)).json() as { text: string };
    const res = await approve({ action: '发布', signature: sm2Sign(text, ukey.privateKey) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('审批人没有登记有效的签名公钥，请先由安全管理员登记');
    expect((await verify()).approvals).toMatchObject([{ action: '审定', status: '有效' }]);
  });

  it('发布 signed through the 密码机/UKey service with the approver key it holds', async () => {
    const res = await approve({ action: '发布' }, hsmApp);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ approval: { action: '发布', status: '有效', keyId: 'hsm:soft-hsm-double' }, summary: [{ action: '审定', status: '有效' }, { action: '发布', status: '有效' }] });
    const [row] = await h.ctx.db.select().from(integritySeals).where(and(eq(integritySeals.objectId, publicationId), eq(integritySeals.purpose, '发布')));
    expect(row!.publicKey).toBe(hsm.keys.get(`approver-${h.ids.users.kpb}`)!.publicKey);
    expect(smCrypto.sm2.doVerifySignature(canonicalJson(await publicationSnapshot(h.ctx.db, publicationId)), row!.signature, row!.publicKey!, { der: true, hash: true })).toBe(true);
    expect(await verify(hsmApp)).toMatchObject({ ok: true, status: '完整', signature: { approvals: 2 } });
    // a server without that 密码机 cannot confirm the approver's key: flagged, never passed
    const elsewhere = await verify(h.app);
    expect(elsewhere.status).toBe('篡改');
    expect(elsewhere.approvals.find((a) => a.action === '发布')).toMatchObject({ status: '无效', reason: '发布签名由密码机（soft-hsm-double）签署，本服务器未连接该密码机，无法核实审批人公钥' });
  });

  it("an approval row inserted with an attacker's key pair is 无效 and the publication 篡改", async () => {
    const text = canonicalJson(await publicationSnapshot(h.ctx.db, publicationId));
    const attacker = gmSoftCryptoProvider.generateSigningKeyPair();
    const [real] = await h.ctx.db.select().from(integritySeals).where(and(eq(integritySeals.objectId, publicationId), eq(integritySeals.purpose, '审定')));
    await h.ctx.db.insert(integritySeals).values({ ...real!, id: undefined, purpose: '审定', signerUserId: h.ids.users.leader1!, publicKey: attacker.publicKey, signature: gmSoftCryptoProvider.sign(attacker.privateKey, text) });
    const check = await verify(hsmApp);
    expect(check).toMatchObject({ ok: false, status: '篡改' });
    expect(check.approvals.filter((a) => a.status === '无效')).toMatchObject([{ action: '审定', signerLogin: 'leader1', reason: '审定签名所用的公钥不是该审批人登记的公钥' }]);
    expect(check.approvalSummary).toContainEqual({ action: '审定', status: '无效' });
    expect(check.problems).toContain('审定签名所用的公钥不是该审批人登记的公钥');
  });
});
