import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Every keyed hash and digest the server relies on for integrity goes through this interface,
 * so the 国密 profile swaps SHA-256 for SM3 in one place (Node's OpenSSL 3 provides 'sm3').
 */
export type CryptoProvider = {
  /** Name recorded next to each tag so a verifier knows what produced it. */
  readonly macAlgorithm: 'HMAC-SHA256' | 'HMAC-SM3';
  readonly digestAlgorithm: 'SHA-256' | 'SM3';
  mac: (key: string, data: string) => string;
  digest: (data: Uint8Array | string) => string;
  randomToken: (bytes?: number) => string;
  equal: (a: string, b: string) => boolean;
};

function makeProvider(hash: 'sha256' | 'sm3'): CryptoProvider {
  return {
    macAlgorithm: hash === 'sha256' ? 'HMAC-SHA256' : 'HMAC-SM3',
    digestAlgorithm: hash === 'sha256' ? 'SHA-256' : 'SM3',
    mac: (key, data) => createHmac(hash, key).update(data, 'utf8').digest('hex'),
    digest: (data) => createHash(hash).update(data).digest('hex'),
    randomToken: (bytes = 32) => randomBytes(bytes).toString('base64url'),
    equal: (a, b) => {
      const x = Buffer.from(a);
      const y = Buffer.from(b);
      return x.length === y.length && timingSafeEqual(x, y);
    },
  };
}

export const intlCryptoProvider: CryptoProvider = makeProvider('sha256');

/** Refuses to start when SM3 is missing or wrong: the known-answer vector from GB/T 32905. */
export function createGmCryptoProvider(): CryptoProvider {
  const provider = makeProvider('sm3');
  const abc = provider.digest('abc');
  if (abc !== '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0') {
    throw new Error('SM3 self-test failed: this Node/OpenSSL build cannot serve the 国密 profile');
  }
  return provider;
}

export function cryptoProviderFor(profile: 'intl' | 'gm'): CryptoProvider {
  return profile === 'gm' ? createGmCryptoProvider() : intlCryptoProvider;
}

export function cryptoProviderByMac(algorithm: string): CryptoProvider {
  if (algorithm === 'HMAC-SM3') return createGmCryptoProvider();
  if (algorithm === 'HMAC-SHA256') return intlCryptoProvider;
  throw new Error(`unknown MAC algorithm ${algorithm}`);
}
