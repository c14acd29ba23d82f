import { fromBase64, toBase64, utf8 } from './bytes';
import { gmSoftCryptoProvider } from './gm-soft';
import type { ApproverKeyProvider, CryptoProvider, SignatureAlgorithm } from './types';

/**
 * The operations Kaohe asks of a site's certified 服务器密码机 / 签名验签服务器. Keys never leave
 * it: they are named by a label configured on the device. The shape follows SDF (GM/T 0018)
 * calls as vendors expose them over HTTP: random, SM2 sign with an internal key, export of the
 * public key, and SM4 wrap/unwrap of data keys under an internal KEK.
 */
export type HsmAdapter = {
  readonly name: string;
  random: (bytes: number) => Promise<Uint8Array>;
  /** SM2 signature (DER hex, SM3 with Z value and the default ID) over `data` with key `keyLabel`. */
  sign: (keyLabel: string, data: Uint8Array) => Promise<string>;
  publicKey: (keyLabel: string) => Promise<string>;
  wrap: (keyLabel: string, plaintext: Uint8Array) => Promise<Uint8Array>;
  unwrap: (keyLabel: string, wrapped: Uint8Array) => Promise<Uint8Array>;
};

export type HttpHsmOptions = { url: string; token?: string | null; timeoutMs?: number; fetch?: typeof fetch };

export class HsmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HsmError';
  }
}

/**
 * JSON over HTTP: POST {url}/random|sign|public-key|wrap|unwrap, bytes as base64, bearer token.
 * A vendor whose API differs gets a small adapter of the same type; nothing else changes.
 */
export function createHttpHsmAdapter(options: HttpHsmOptions): HsmAdapter {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const call = async <T>(path: string, body: Record<string, unknown>): Promise<T> => {
    let response: Response;
    try {
      response = await doFetch(`${base}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new HsmError(`密码机不可达（${base}/${path}：${(error as Error).message}）`);
    }
    if (!response.ok) throw new HsmError(`密码机拒绝请求 ${path}：HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    name: `http:${base}`,
    random: async (bytes) => fromBase64((await call<{ random: string }>('random', { bytes })).random),
    sign: async (keyLabel, data) => (await call<{ signature: string }>('sign', { keyLabel, data: toBase64(data) })).signature,
    publicKey: async (keyLabel) => (await call<{ publicKey: string }>('public-key', { keyLabel })).publicKey,
    wrap: async (keyLabel, plaintext) => fromBase64((await call<{ wrapped: string }>('wrap', { keyLabel, data: toBase64(plaintext) })).wrapped),
    unwrap: async (keyLabel, wrapped) => fromBase64((await call<{ data: string }>('unwrap', { keyLabel, data: toBase64(wrapped) })).data),
  };
}

/**
 * The gm-hsm profile computes hashes, MACs and SM4 on data locally with keys the device unwraps
 * (the KEK stays in the device), and signs with device keys through `hsmSigner`.
 */
export const gmHsmCryptoProvider: CryptoProvider = { ...gmSoftCryptoProvider, profile: 'gm-hsm' };

/** A signer whose private key stays in the HSM. */
export function hsmSigner(adapter: HsmAdapter, keyLabel: string) {
  return {
    algorithm: 'SM2-SM3' as SignatureAlgorithm,
    keyId: `hsm:${keyLabel}`,
    publicKey: () => adapter.publicKey(keyLabel),
    sign: (data: string) => adapter.sign(keyLabel, utf8(data)),
  };
}

/** 审定/发布 signed with each approver's key in the HSM or UKey service, labelled by the approver's id. */
export function hsmApproverKeyProvider(adapter: HsmAdapter, labelOf: (signerId: string) => string = (id) => `approver-${id}`): ApproverKeyProvider {
  return {
    kind: `hsm:${adapter.name}`,
    sign: async (signerId, data) => {
      const label = labelOf(signerId);
      const [signature, publicKey] = await Promise.all([adapter.sign(label, utf8(data)), adapter.publicKey(label)]);
      return { algorithm: 'SM2-SM3', signature, publicKey };
    },
  };
}

/**
 * A test double of a 密码机: keys in memory, real SM2/SM4 from gm-soft. Used by the tests (and
 * `serveHsmDouble` in test/support) to exercise the HTTP adapter end to end.
 */
export function createSoftHsm(): HsmAdapter & { keys: Map<string, { privateKey: string; publicKey: string; sm4: Uint8Array }> } {
  const keys = new Map<string, { privateKey: string; publicKey: string; sm4: Uint8Array }>();
  const keyOf = (label: string) => {
    let key = keys.get(label);
    if (!key) {
      const pair = gmSoftCryptoProvider.generateSigningKeyPair();
      key = { privateKey: pair.privateKey, publicKey: pair.publicKey, sm4: gmSoftCryptoProvider.randomBytes(16) };
      keys.set(label, key);
    }
    return key;
  };
  const decoder = new TextDecoder();
  return {
    name: 'soft-hsm-double',
    keys,
    random: async (bytes) => gmSoftCryptoProvider.randomBytes(bytes),
    sign: async (label, data) => gmSoftCryptoProvider.sign(keyOf(label).privateKey, decoder.decode(data)),
    publicKey: async (label) => keyOf(label).publicKey,
    wrap: async (label, plaintext) => gmSoftCryptoProvider.encrypt(keyOf(label).sm4, plaintext, utf8(`wrap:${label}`)),
    unwrap: async (label, wrapped) => gmSoftCryptoProvider.decrypt(keyOf(label).sm4, wrapped, utf8(`wrap:${label}`)),
  };
}
