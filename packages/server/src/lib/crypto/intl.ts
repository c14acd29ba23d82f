import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, timingSafeEqual, verify } from 'node:crypto';
import { concatBytes, utf8 } from './bytes';
import type { CryptoProvider } from './types';

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** AES-256-GCM, HMAC-SHA256, SHA-256 and Ed25519 from Node's OpenSSL. */
export const intlCryptoProvider: CryptoProvider = {
  profile: 'intl',
  macAlgorithm: 'HMAC-SHA256',
  digestAlgorithm: 'SHA-256',
  cipherAlgorithm: 'AES-256-GCM',
  signatureAlgorithm: 'Ed25519',
  cipherKeyBytes: 32,
  mac: (key, data) => createHmac('sha256', utf8(key)).update(utf8(data)).digest('hex'),
  digest: (data) => createHash('sha256').update(data).digest('hex'),
  randomToken,
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
  equal: constantTimeEqual,
  encrypt: (key, plaintext, aad) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    if (aad) cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return concatBytes(iv, body, cipher.getAuthTag());
  },
  decrypt: (key, sealed, aad) => {
    if (sealed.length < 28) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]));
  },
  generateSigningKeyPair: () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return {
      algorithm: 'Ed25519',
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    };
  },
  sign: (privateKey, data) =>
    sign(null, utf8(data), createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' })).toString('hex'),
  verify: (publicKey, data, signature) => {
    try {
      const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
      return verify(null, utf8(data), key, Buffer.from(signature, 'hex'));
    } catch {
      return false;
    }
  },
};

/** Plain hashes and HMACs Node offers, for protocols that fix the algorithm (TOTP's HMAC-SHA1, 浙政钉's HMAC-SHA256). */
export function protocolHmac(algorithm: 'sha1' | 'sha256', key: Uint8Array | string, data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHmac(algorithm, utf8(key)).update(utf8(data)).digest());
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

export function randomBytesOf(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

/** Streaming SHA-256 (evidence files record it whatever the profile, as their content address). */
export function createSha256() {
  return createHash('sha256');
}
