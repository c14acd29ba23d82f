import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { dataKeys } from '../db/schema-security';
import { type CryptoProvider, fromBase64, gmSoftCryptoProvider, intlCryptoProvider, toBase64, utf8 } from '../lib/crypto';
import type { KekSource } from './key-encryption-key';

/**
 * Field encryption (等保 数据保密性, 密评 8.4 e): secrets and personal data are stored as
 * `enc1:<data key id>:<base64 iv‖ciphertext‖tag>`, encrypted with AES-256-GCM (intl) or SM4-GCM
 * (gm) under a data key. Data keys are stored wrapped by the KEK (env, file or HSM). The field
 * name is authenticated data, so a ciphertext copied into another column does not decrypt.
 */
export type FieldName =
  | 'users.totp_secret'
  | 'users.phone'
  | 'users.id_number'
  | 'users.email'
  | 'sso_providers.secret'
  | 'notification_channels.secret'
  | 'signing_keys.private_key';

export type FieldCipher = {
  /** Loads and unwraps the data keys, creating the first one; call once before use (buildApp, CLI). */
  open: () => Promise<void>;
  readonly isOpen: boolean;
  encrypt: (field: FieldName, plaintext: string) => string;
  decrypt: (field: FieldName, stored: string) => string;
  encryptOptional: (field: FieldName, plaintext: string | null | undefined) => string | null;
  decryptOptional: (field: FieldName, stored: string | null | undefined) => string | null;
};

const prefix = 'enc1:';
export const isEncrypted = (value: string | null | undefined) => typeof value === 'string' && value.startsWith(prefix);

const providerForCipher = (algorithm: string): CryptoProvider => {
  if (algorithm === 'SM4-GCM') return gmSoftCryptoProvider;
  if (algorithm === 'AES-256-GCM') return intlCryptoProvider;
  throw new Error(`unknown data-key algorithm ${algorithm}`);
};

export function createFieldCipher(db: Db, provider: CryptoProvider, kek: KekSource, now: () => Date): FieldCipher {
  const keys = new Map<string, { algorithm: string; key: Uint8Array }>();
  let activeId: string | null = null;
  let opening: Promise<void> | null = null;

  const load = async () => {
    const rows = await db.select().from(dataKeys);
    for (const row of rows) {
      if (row.kekId !== kek.id) {
        throw new Error(`数据密钥 ${row.id} 由密钥加密密钥 ${row.kekId} 包裹，当前配置的是 ${kek.id}：请配置原 KEK，或用 kaohe keys rotate-kek 轮换`);
      }
      keys.set(row.id, { algorithm: row.algorithm, key: await kek.unwrap(fromBase64(row.wrapped), row.algorithm) });
      if (row.active && row.algorithm === provider.cipherAlgorithm) activeId = row.id;
    }
    if (!activeId) {
      // first start, or the profile changed cipher: a new active key; older keys still decrypt
      const key = provider.randomBytes(provider.cipherKeyBytes);
      const id = `dk-${provider.randomToken(9)}`;
      const wrapped = toBase64(await kek.wrap(key, provider.cipherAlgorithm));
      await db.transaction(async (tx) => {
        await tx.update(dataKeys).set({ active: false }).where(eq(dataKeys.active, true));
        await tx.insert(dataKeys).values({ id, algorithm: provider.cipherAlgorithm, kekId: kek.id, wrapped, active: true, createdAt: now() });
      });
      keys.set(id, { algorithm: provider.cipherAlgorithm, key });
      activeId = id;
    }
  };

  const cipher: FieldCipher = {
    open: () => (opening ??= load().catch((error) => {
      opening = null;
      throw error;
    })),
    get isOpen() {
      return activeId !== null;
    },
    encrypt: (field, plaintext) => {
      if (!activeId) throw new Error('field cipher used before open()');
      const { key } = keys.get(activeId)!;
      return `${prefix}${activeId}:${toBase64(provider.encrypt(key, utf8(plaintext), utf8(field)))}`;
    },
    decrypt: (field, stored) => {
      if (!stored.startsWith(prefix)) throw new Error(`${field}: value is not encrypted`);
      const rest = stored.slice(prefix.length);
      const colon = rest.indexOf(':');
      const entry = keys.get(rest.slice(0, colon));
      if (!entry) throw new Error(`${field}: unknown data key ${rest.slice(0, colon)}`);
      const plain = providerForCipher(entry.algorithm).decrypt(entry.key, fromBase64(rest.slice(colon + 1)), utf8(field));
      return new TextDecoder().decode(plain);
    },
    encryptOptional: (field, plaintext) => (plaintext === null || plaintext === undefined || plaintext === '' ? null : cipher.encrypt(field, plaintext)),
    decryptOptional: (field, stored) => (stored === null || stored === undefined ? null : cipher.decrypt(field, stored)),
  };
  return cipher;
}

/**
 * Re-wraps every data key under a new KEK in one transaction; the fields themselves are not
 * touched, so nothing is re-encrypted and nothing can be lost half way.
 */
export async function rotateKek(db: Db, oldKek: KekSource, newKek: KekSource, now: Date): Promise<{ rewrapped: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(dataKeys).for('update');
    for (const row of rows) {
      if (row.kekId === newKek.id) continue;
      if (row.kekId !== oldKek.id) throw new Error(`数据密钥 ${row.id} 由 ${row.kekId} 包裹，不是所给的旧 KEK ${oldKek.id}`);
      const key = await oldKek.unwrap(fromBase64(row.wrapped), row.algorithm);
      const wrapped = toBase64(await newKek.wrap(key, row.algorithm));
      // check before committing: the new wrapping must give the same key back
      const back = await newKek.unwrap(fromBase64(wrapped), row.algorithm);
      if (Buffer.compare(Buffer.from(back), Buffer.from(key)) !== 0) throw new Error('re-wrapped key does not unwrap to the same key');
      await tx.update(dataKeys).set({ wrapped, kekId: newKek.id, rewrappedAt: now }).where(eq(dataKeys.id, row.id));
    }
    return { rewrapped: rows.filter((r) => r.kekId !== newKek.id).length };
  });
}
