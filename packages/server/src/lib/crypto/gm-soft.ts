import { randomBytes } from 'node:crypto';
import { sm2, sm3, sm4 } from 'sm-crypto-v2';
import { concatBytes, toHex, utf8 } from './bytes';
import { constantTimeEqual, randomToken } from './intl';
import type { CryptoProvider } from './types';

/** GB/T 32918 default user ID (1234567812345678); sm-crypto-v2 uses it when no userId is given, named here to be explicit. */
export const sm2DefaultUserId = '1234567812345678';

/**
 * SM2/SM3/SM4 from sm-crypto-v2 (pure JavaScript on @noble/curves). Node's own crypto is never
 * used for SM2: its SM2 signatures do not follow the standard Z value (nodejs/node#53761).
 */
export const gmSoftCryptoProvider: CryptoProvider = {
  profile: 'gm-soft',
  macAlgorithm: 'HMAC-SM3',
  digestAlgorithm: 'SM3',
  cipherAlgorithm: 'SM4-GCM',
  signatureAlgorithm: 'SM2-SM3',
  cipherKeyBytes: 16,
  mac: (key, data) => sm3(utf8(data), { key: utf8(key), mode: 'hmac' }),
  digest: (data) => sm3(utf8(data)),
  randomToken,
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
  equal: constantTimeEqual,
  encrypt: (key, plaintext, aad) => {
    if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
    const iv = new Uint8Array(randomBytes(12));
    const { output, tag } = sm4.encrypt(plaintext, key, { mode: 'gcm', iv, output: 'array', outputTag: true, ...(aad ? { associatedData: aad } : {}) });
    if (!tag) throw new Error('SM4-GCM produced no tag');
    return concatBytes(iv, output, tag);
  },
  decrypt: (key, sealed, aad) => {
    if (sealed.length < 28) throw new Error('ciphertext too short');
    return sm4.decrypt(sealed.subarray(12, sealed.length - 16), key, {
      mode: 'gcm',
      iv: sealed.subarray(0, 12),
      tag: sealed.subarray(sealed.length - 16),
      output: 'array',
      ...(aad ? { associatedData: aad } : {}),
    });
  },
  generateSigningKeyPair: () => {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    return { algorithm: 'SM2-SM3', privateKey, publicKey };
  },
  sign: (privateKey, data) =>
    sm2.doSignature(utf8(data), privateKey, { hash: true, der: true, userId: sm2DefaultUserId, publicKey: sm2.getPublicKeyFromPrivateKey(privateKey) }),
  verify: (publicKey, data, signature) => {
    try {
      return sm2.doVerifySignature(utf8(data), signature, publicKey, { hash: true, der: true, userId: sm2DefaultUserId });
    } catch {
      return false;
    }
  },
};

/** SM2 signature with a fixed k, only for the known-answer self-test (GB/T 32918 example). */
export function sm2SignWithFixedK(privateKey: string, data: string, k: bigint): string {
  const kG = sm2.getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0'));
  const x1 = BigInt(`0x${kG.slice(2, 66)}`);
  return sm2.doSignature(utf8(data), privateKey, { hash: true, der: false, userId: sm2DefaultUserId, pointPool: [{ k, x1 }], publicKey: sm2.getPublicKeyFromPrivateKey(privateKey) });
}

export function sm2PublicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

export function sm2VerifyRaw(publicKey: string, data: string, signatureRS: string): boolean {
  return sm2.doVerifySignature(utf8(data), signatureRS, publicKey, { hash: true, der: false, userId: sm2DefaultUserId });
}

export function sm4EcbBlock(key: Uint8Array, block: Uint8Array): string {
  return toHex(sm4.encrypt(block, key, { padding: 'none', output: 'array' }));
}
