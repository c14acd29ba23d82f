/**
 * The one crypto interface of the server. Three profiles implement it:
 * - `intl`    AES-256-GCM, HMAC-SHA256, SHA-256, Ed25519 (node:crypto; development and trials)
 * - `gm-soft` SM4-GCM, HMAC-SM3, SM3, SM2 with SM3 and the default ID (sm-crypto-v2, pure JS)
 * - `gm-hsm`  the gm algorithms with keys held by a certified 密码机 behind an adapter (gm-hsm.ts)
 * No module outside lib/crypto imports a crypto library or node:crypto (.dependency-cruiser.cjs).
 */
export type CryptoProfile = 'intl' | 'gm-soft' | 'gm-hsm';
export type MacAlgorithm = 'HMAC-SHA256' | 'HMAC-SM3';
export type DigestAlgorithm = 'SHA-256' | 'SM3';
export type CipherAlgorithm = 'AES-256-GCM' | 'SM4-GCM';
export type SignatureAlgorithm = 'Ed25519' | 'SM2-SM3';

/** A key pair as text: hex for SM2 (uncompressed 04‖x‖y public key), base64 DER for Ed25519. */
export type SigningKeyPair = { algorithm: SignatureAlgorithm; privateKey: string; publicKey: string };

export type CryptoProvider = {
  readonly profile: CryptoProfile;
  /** Name recorded next to each tag so a verifier knows what produced it. */
  readonly macAlgorithm: MacAlgorithm;
  readonly digestAlgorithm: DigestAlgorithm;
  readonly cipherAlgorithm: CipherAlgorithm;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** Key length in bytes for `encrypt`/`decrypt` (32 for AES-256, 16 for SM4). */
  readonly cipherKeyBytes: number;
  /** Keyed hash, hex. A string key is used as its UTF-8 bytes. */
  mac: (key: string | Uint8Array, data: string) => string;
  digest: (data: Uint8Array | string) => string;
  randomToken: (bytes?: number) => string;
  randomBytes: (bytes: number) => Uint8Array;
  equal: (a: string, b: string) => boolean;
  /** Authenticated encryption; returns iv(12) ‖ ciphertext ‖ tag(16). `aad` binds the ciphertext to its place. */
  encrypt: (key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array) => Uint8Array;
  /** Throws when the key, the aad or any byte is wrong. */
  decrypt: (key: Uint8Array, sealed: Uint8Array, aad?: Uint8Array) => Uint8Array;
  generateSigningKeyPair: () => SigningKeyPair;
  /** Signature over the UTF-8 bytes of `data`, hex (SM2: DER, Z value with the default ID 1234567812345678). */
  sign: (privateKey: string, data: string) => string;
  verify: (publicKey: string, data: string, signature: string) => boolean;
};

/** 审定/发布 signatures by a person: a UKey through the HSM adapter, or a key the approver holds. */
export type ApproverKeyProvider = {
  readonly kind: string;
  /** Signs `data` with the key of `signerId`; returns the signature and the public key (or certificate) to store. */
  sign: (signerId: string, data: string) => Promise<{ algorithm: SignatureAlgorithm; signature: string; publicKey: string; certificate?: string | null }>;
};
