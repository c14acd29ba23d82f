import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import smCrypto from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpHsmAdapter,
  type CryptoProvider,
  CryptoSelfTestError,
  gmSoftCryptoProvider,
  hsmApproverKeyProvider,
  intlCryptoProvider,
  runCryptoSelfTest,
  utf8,
  vectors,
} from '../../src/lib/crypto';
import { hsmSelfTest } from '../../src/security/startup';
import { serveHsmDouble } from './hsm-double';

const soft: [string, CryptoProvider][] = [
  ['intl', intlCryptoProvider],
  ['gm-soft', gmSoftCryptoProvider],
];

describe.each(soft)('CryptoProvider contract: %s', (_name, provider) => {
  it('passes its start-up self-test', () => {
    expect(runCryptoSelfTest(provider).checks.length).toBeGreaterThanOrEqual(4);
  });

  it('encrypts with authentication: wrong key, wrong field or one flipped bit do not decrypt', () => {
    const key = provider.randomBytes(provider.cipherKeyBytes);
    const sealed = provider.encrypt(key, utf8('13800000000'), utf8('users.phone'));
    expect(new TextDecoder().decode(provider.decrypt(key, sealed, utf8('users.phone')))).toBe('13800000000');
    expect(Buffer.from(sealed).toString('latin1')).not.toContain('13800000000');
    expect(() => provider.decrypt(key, sealed, utf8('users.email'))).toThrow();
    expect(() => provider.decrypt(provider.randomBytes(provider.cipherKeyBytes), sealed, utf8('users.phone'))).toThrow();
    const flipped = new Uint8Array(sealed);
    flipped[13] = flipped[13]! ^ 0x80;
    expect(() => provider.decrypt(key, flipped, utf8('users.phone'))).toThrow();
    // two encryptions of the same text differ (random IV)
    expect(Buffer.from(provider.encrypt(key, utf8('x'))).equals(Buffer.from(provider.encrypt(key, utf8('x'))))).toBe(false);
  });

  it('signs and verifies; another key or another text does not verify', () => {
    const a = provider.generateSigningKeyPair();
    const b = provider.generateSigningKeyPair();
    const signature = provider.sign(a.privateKey, '{"total":"95.5"}');
    expect(provider.verify(a.publicKey, '{"total":"95.5"}', signature)).toBe(true);
    expect(provider.verify(a.publicKey, '{"total":"96.5"}', signature)).toBe(false);
    expect(provider.verify(b.publicKey, '{"total":"95.5"}', signature)).toBe(false);
    expect(provider.verify(a.publicKey, '{"total":"95.5"}', 'zz')).toBe(false);
  });
});

describe('gm-soft known answers', () => {
  it('SM3 and HMAC-SM3 match the standard and OpenSSL', () => {
    expect(gmSoftCryptoProvider.digest('abc')).toBe(vectors.sm3Abc);
    expect(gmSoftCryptoProvider.digest('abcd'.repeat(16))).toBe(vectors.sm3Abcd16);
    // HMAC-SM3 of the pure-JS library equals the one earlier audit rows were written with (RFC 2104 over SM3)
    expect(gmSoftCryptoProvider.mac('key', 'data')).toBe(smCrypto.sm3('data', { key: Buffer.from('key').toString('hex') } as never));
  });
});

describe('SM2 signatures verify with an independent implementation (sm-crypto, jsbn-based)', () => {
  it('a Kaohe signature (DER, SM3, Z with ID 1234567812345678) verifies in sm-crypto, and the reverse', () => {
    const pair = gmSoftCryptoProvider.generateSigningKeyPair();
    const text = '{"publication":"2026-1","units":[{"name":"甲镇","total":"95.50"}]}';
    const ours = gmSoftCryptoProvider.sign(pair.privateKey, text);
    expect(smCrypto.sm2.doVerifySignature(text, ours, pair.publicKey, { der: true, hash: true, userId: '1234567812345678' })).toBe(true);
    // with a different user ID the Z value differs and the signature must not verify: the default ID was used
    expect(smCrypto.sm2.doVerifySignature(text, ours, pair.publicKey, { der: true, hash: true, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    const theirs = smCrypto.sm2.doSignature(text, pair.privateKey, { der: true, hash: true });
    expect(gmSoftCryptoProvider.verify(pair.publicKey, text, theirs)).toBe(true);
  });

  it('the standard example signature verifies in sm-crypto too', () => {
    const v = vectors.sm2;
    expect((smCrypto.sm2 as unknown as { getPublicKeyFromPrivateKey: (k: string) => string }).getPublicKeyFromPrivateKey(v.privateKey)).toBe(v.publicKey);
    expect(smCrypto.sm2.doVerifySignature(v.message, v.signature, v.publicKey, { hash: true })).toBe(true);
  });
});

describe('start-up self-test', () => {
  it('names every failing check of a broken provider', () => {
    const broken: CryptoProvider = { ...gmSoftCryptoProvider, digest: () => '00', verify: () => true };
    expect(() => runCryptoSelfTest(broken)).toThrow(CryptoSelfTestError);
    try {
      runCryptoSelfTest(broken);
    } catch (error) {
      expect((error as CryptoSelfTestError).failures.join(' ')).toMatch(/SM3\("abc"\).*sign\/verify/);
    }
  });
});

describe('gm-hsm adapter over HTTP (loopback test double)', () => {
  let good: Awaited<ReturnType<typeof serveHsmDouble>>;
  let bad: Awaited<ReturnType<typeof serveHsmDouble>>;
  beforeAll(async () => {
    good = await serveHsmDouble({ token: 't0ken' });
    bad = await serveHsmDouble({ corruptSignatures: true });
  });
  afterAll(async () => {
    await good?.close();
    await bad?.close();
  });

  it('signs in the device, and the signature verifies locally and in sm-crypto', async () => {
    const adapter = createHttpHsmAdapter({ url: good.url, token: 't0ken' });
    await hsmSelfTest(gmSoftCryptoProvider, adapter, 'kaohe-seal', 'kaohe-kek');
    const approver = hsmApproverKeyProvider(adapter);
    const signed = await approver.sign('user-1', '审定：2026 年度');
    expect(gmSoftCryptoProvider.verify(signed.publicKey, '审定：2026 年度', signed.signature)).toBe(true);
    expect(smCrypto.sm2.doVerifySignature('审定：2026 年度', signed.signature, signed.publicKey, { der: true, hash: true })).toBe(true);
    expect(good.calls).toContain('sign');
  });

  it('a device with a wrong token, bad signatures or no answer fails the self-test', async () => {
    await expect(hsmSelfTest(gmSoftCryptoProvider, createHttpHsmAdapter({ url: good.url, token: 'wrong' }), 's', 'k')).rejects.toThrow(/HTTP 401/);
    await expect(hsmSelfTest(gmSoftCryptoProvider, createHttpHsmAdapter({ url: bad.url }), 's', 'k')).rejects.toThrow(/本地验签/);
    await expect(hsmSelfTest(gmSoftCryptoProvider, createHttpHsmAdapter({ url: 'http://127.0.0.1:9', timeoutMs: 1000 }), 's', 'k')).rejects.toThrow(/不可达/);
  });

  it('the server refuses to start when the self-test fails (exit code 1)', async () => {
    const main = join(import.meta.dirname, '..', '..', 'src', 'main.ts');
    const res = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, NODE_ENV: 'test', CRYPTO_PROFILE: 'gm-hsm', HSM_URL: bad.url, DATABASE_URL: '', DATA_DIR: join(import.meta.dirname, 'never-created'), PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/密码算法自检失败，服务器拒绝启动/);
  }, 90_000);
});
