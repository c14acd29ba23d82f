import { gmHsmCryptoProvider } from './gm-hsm';
import { gmSoftCryptoProvider } from './gm-soft';
import { intlCryptoProvider } from './intl';
import { runCryptoSelfTest } from './self-test';
import type { CryptoProfile, CryptoProvider, SignatureAlgorithm } from './types';

export * from './types';
export { intlCryptoProvider, protocolHmac, sha256Hex, randomUuid, randomBytesOf, constantTimeEqual, createSha256 } from './intl';
export { gmSoftCryptoProvider, sm2DefaultUserId } from './gm-soft';
export { createHttpHsmAdapter, createSoftHsm, gmHsmCryptoProvider, hsmApproverKeyProvider, hsmSigner, HsmError, type HsmAdapter } from './gm-hsm';
export { CryptoSelfTestError, runCryptoSelfTest, vectors } from './self-test';
export { fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes';

/** The provider of a profile ('gm' is the older name of 'gm-soft'); gm profiles are self-tested first. */
export function cryptoProviderFor(profile: CryptoProfile | 'gm'): CryptoProvider {
  if (profile === 'intl') return intlCryptoProvider;
  const provider = profile === 'gm-hsm' ? gmHsmCryptoProvider : gmSoftCryptoProvider;
  runCryptoSelfTest(provider);
  return provider;
}

/** Kept for callers of the first version: the self-tested gm-soft provider. */
export function createGmCryptoProvider(): CryptoProvider {
  return cryptoProviderFor('gm-soft');
}

/** The provider that verifies a tag recorded with this MAC name (audit rows, backup manifests). */
export function cryptoProviderByMac(algorithm: string): CryptoProvider {
  if (algorithm === 'HMAC-SM3') return gmSoftCryptoProvider;
  if (algorithm === 'HMAC-SHA256') return intlCryptoProvider;
  throw new Error(`unknown MAC algorithm ${algorithm}`);
}

/** The provider that verifies a signature recorded with this algorithm name. */
export function cryptoProviderBySignature(algorithm: string): CryptoProvider {
  if (algorithm === 'SM2-SM3') return gmSoftCryptoProvider;
  if (algorithm === 'Ed25519') return intlCryptoProvider;
  throw new Error(`unknown signature algorithm ${algorithm}`);
}

export const isSignatureAlgorithm = (value: string): value is SignatureAlgorithm => value === 'SM2-SM3' || value === 'Ed25519';
