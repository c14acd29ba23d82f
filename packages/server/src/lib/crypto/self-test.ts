import { fromHex, toHex, utf8 } from './bytes';
import { sm2PublicKeyOf, sm2SignWithFixedK, sm2VerifyRaw, sm4EcbBlock } from './gm-soft';
import type { CryptoProvider } from './types';

/** Known-answer vectors from the standards. */
export const vectors = {
  /** GB/T 32905-2016 附录 A.1 */
  sm3Abc: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  /** GB/T 32905-2016 附录 A.2: "abcd" × 16 */
  sm3Abcd16: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  /** GB/T 32907-2016 附录 A.1: key = plaintext = 0123456789abcdeffedcba9876543210 */
  sm4Key: '0123456789abcdeffedcba9876543210',
  sm4Cipher: '681edf34d206965e86b3e94f536e4246',
  /** SM2 signature over "message digest" with the recommended curve, ID 1234567812345678 (GM/T 0003 example values). */
  sm2: {
    privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
    publicKey:
      '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
    k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
    message: 'message digest',
    signature:
      'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  },
  /** FIPS 180-2 */
  sha256Abc: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
} as const;

export class CryptoSelfTestError extends Error {
  constructor(readonly failures: string[]) {
    super(`密码算法自检失败，服务器拒绝启动：${failures.join('；')}`);
    this.name = 'CryptoSelfTestError';
  }
}

/**
 * Runs the known-answer tests of the provider's profile and a round trip of each operation it
 * offers; throws CryptoSelfTestError naming every failure. Called at start-up (main.ts, cli.ts).
 */
export function runCryptoSelfTest(provider: CryptoProvider): { checks: string[] } {
  const failures: string[] = [];
  const checks: string[] = [];
  const check = (name: string, ok: () => boolean) => {
    checks.push(name);
    try {
      if (!ok()) failures.push(`${name} 结果不符`);
    } catch (error) {
      failures.push(`${name} 出错（${(error as Error).message}）`);
    }
  };
  if (provider.digestAlgorithm === 'SM3') {
    check('SM3("abc")', () => provider.digest('abc') === vectors.sm3Abc);
    check('SM3("abcd"×16)', () => provider.digest('abcd'.repeat(16)) === vectors.sm3Abcd16);
    check('SM4 GB/T 32907', () => sm4EcbBlock(fromHex(vectors.sm4Key), fromHex(vectors.sm4Key)) === vectors.sm4Cipher);
    const v = vectors.sm2;
    check('SM2 public key', () => sm2PublicKeyOf(v.privateKey) === v.publicKey);
    check('SM2 sign (fixed k)', () => sm2SignWithFixedK(v.privateKey, v.message, BigInt(`0x${v.k}`)) === v.signature);
    check('SM2 verify (standard signature)', () => sm2VerifyRaw(v.publicKey, v.message, v.signature));
    check('SM2 rejects an altered message', () => !sm2VerifyRaw(v.publicKey, `${v.message}!`, v.signature));
  } else {
    check('SHA-256("abc")', () => provider.digest('abc') === vectors.sha256Abc);
  }
  check(`${provider.signatureAlgorithm} sign/verify`, () => {
    const pair = provider.generateSigningKeyPair();
    const signature = provider.sign(pair.privateKey, '自检 self-test');
    return provider.verify(pair.publicKey, '自检 self-test', signature) && !provider.verify(pair.publicKey, '自检 self-test.', signature);
  });
  check(`${provider.cipherAlgorithm} round trip`, () => {
    const key = provider.randomBytes(provider.cipherKeyBytes);
    const aad = utf8('users.totp_secret');
    const sealed = provider.encrypt(key, utf8('自检明文'), aad);
    if (new TextDecoder().decode(provider.decrypt(key, sealed, aad)) !== '自检明文') return false;
    const altered = new Uint8Array(sealed);
    altered[14] = altered[14]! ^ 1;
    try {
      provider.decrypt(key, altered, aad);
      return false; // an altered ciphertext must not decrypt
    } catch {
      return true;
    }
  });
  check(`${provider.macAlgorithm} keyed`, () => provider.mac('k1', 'x') !== provider.mac('k2', 'x') && provider.mac('k1', 'x').length === 64);
  if (failures.length > 0) throw new CryptoSelfTestError(failures);
  return { checks };
}

export const hex = toHex;
