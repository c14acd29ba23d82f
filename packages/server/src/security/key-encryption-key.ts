import { readFileSync } from 'node:fs';
import type { Config } from '../config/env';
import { type CryptoProvider, fromBase64, fromHex, gmSoftCryptoProvider, type HsmAdapter, intlCryptoProvider, utf8 } from '../lib/crypto';

/** Wraps and unwraps data keys; the KEK itself never reaches the database. */
export type KekSource = {
  /** Stable name of this KEK (a digest of it, or hsm:<label>), stored next to each wrapped key. */
  readonly id: string;
  /** `algorithm` is the data key's cipher (AES-256-GCM or SM4-GCM); a local KEK wraps with the same cipher. */
  wrap: (dataKey: Uint8Array, algorithm: string) => Promise<Uint8Array>;
  unwrap: (wrapped: Uint8Array, algorithm: string) => Promise<Uint8Array>;
};

export class KekError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KekError';
  }
}

/** A KEK given as 32 bytes in base64 or hex (64 hex digits), from the environment or a file. */
export function parseKek(text: string, origin: string): Uint8Array {
  const value = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? fromHex(value) : fromBase64(value);
  if (bytes.length !== 32) throw new KekError(`${origin}：密钥加密密钥须为 32 字节（base64 或 64 位十六进制），现为 ${bytes.length} 字节`);
  return bytes;
}

/** A KEK held by the process; the wrapping key is derived per cipher with that cipher's MAC. */
export function localKek(kek: Uint8Array): KekSource {
  const aad = utf8('kaohe:data-key');
  const forCipher = (algorithm: string): { provider: CryptoProvider; key: Uint8Array } => {
    const provider = algorithm === 'SM4-GCM' ? gmSoftCryptoProvider : intlCryptoProvider;
    return { provider, key: fromHex(provider.mac(kek, 'kaohe:kek-wrap:v1')).subarray(0, provider.cipherKeyBytes) };
  };
  return {
    id: `kek-${intlCryptoProvider.mac(kek, 'kaohe:kek-id:v1').slice(0, 16)}`,
    wrap: async (dataKey, algorithm) => {
      const { provider, key } = forCipher(algorithm);
      return provider.encrypt(key, dataKey, aad);
    },
    unwrap: async (wrapped, algorithm) => {
      const { provider, key } = forCipher(algorithm);
      try {
        return provider.decrypt(key, wrapped, aad);
      } catch {
        throw new KekError('数据密钥无法用当前密钥加密密钥解开（KEK 错误或数据被改动）');
      }
    },
  };
}

/** The KEK stays inside the HSM; wrap/unwrap are device calls. */
export function hsmKek(adapter: HsmAdapter, label: string): KekSource {
  return { id: `hsm:${label}`, wrap: (k) => adapter.wrap(label, k), unwrap: (w) => adapter.unwrap(label, w) };
}

export function kekFromConfig(config: Config, hsm: HsmAdapter | null): KekSource {
  const kek = config.kek;
  switch (kek.source) {
    case 'env':
      return localKek(parseKek(kek.value, 'KEK'));
    case 'file':
      return localKek(parseKek(readFileSync(kek.path, 'utf8'), `KEK_FILE ${kek.path}`));
    case 'hsm':
      if (!hsm || !config.hsm) throw new KekError('CRYPTO_PROFILE=gm-hsm 需要 HSM_URL');
      return hsmKek(hsm, config.hsm.kekLabel);
    case 'dev':
      // development only (loadConfig refuses production without KEK): derived from the data folder
      return localKek(fromHex(intlCryptoProvider.mac(kek.value, 'kaohe:dev-kek')));
  }
}
