import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context';
import { dataKeys, users } from '../../src/db/schema';
import { queryRows } from '../../src/db/database';
import { gmSoftCryptoProvider, intlCryptoProvider, toBase64 } from '../../src/lib/crypto';
import { createFieldCipher, rotateKek } from '../../src/security/field-encryption';
import { localKek, parseKek } from '../../src/security/key-encryption-key';
import { createHarness, type Harness } from '../harness';

const base32Seed = /^[A-Z2-7]{16,}=*$/;
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('TOTP seeds at rest', () => {
  it('a fresh user row holds no base32 seed, only an enc1 ciphertext that decrypts to the seed', async () => {
    const rows = await queryRows<{ login: string; totp_secret: string | null }>(h.ctx.db, sql`SELECT login, totp_secret FROM users WHERE totp_secret IS NOT NULL`);
    expect(rows.length).toBe(3); // the three administrators
    for (const row of rows) {
      const seed = h.totpSecrets.get(row.login)!;
      expect(row.totp_secret).not.toMatch(base32Seed);
      expect(row.totp_secret).not.toContain(seed);
      expect(row.totp_secret).toMatch(/^enc1:dk-[\w-]+:[A-Za-z0-9+/=]+$/);
      expect(h.ctx.fields.decrypt('users.totp_secret', row.totp_secret!)).toBe(seed);
    }
    // and login with the seed still works
    const session = await h.login('secadmin');
    expect((await session.request('GET', '/api/auth/session')).statusCode).toBe(200);
  });

  it('a ciphertext copied into another field does not decrypt', async () => {
    const [row] = await h.ctx.db.select().from(users).where(eq(users.login, 'sysadmin'));
    expect(() => h.ctx.fields.decrypt('users.phone', row!.totpSecret!)).toThrow();
  });

  it('the data key is stored wrapped, never in clear', async () => {
    const keys = await h.ctx.db.select().from(dataKeys);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.active).toBe(true);
    expect(keys[0]!.algorithm).toBe('AES-256-GCM');
    expect(Buffer.from(keys[0]!.wrapped, 'base64').length).toBe(12 + 32 + 16);
  });
});

describe('KEK rotation', () => {
  it('re-wraps every data key: with the new KEK the seeds read back, the old KEK no longer opens them', async () => {
    const oldKek = localKek(parseKek(toBase64(new Uint8Array(32).fill(7)), 'old'));
    const newKek = localKek(parseKek('ab'.repeat(32), 'new'));
    // a second database context keyed with the old KEK, holding an SM4 and an AES data key
    const gm = createFieldCipher(h.ctx.db, gmSoftCryptoProvider, oldKek, () => h.clock.now());
    await h.ctx.db.delete(dataKeys);
    await gm.open();
    const intl = createFieldCipher(h.ctx.db, intlCryptoProvider, oldKek, () => h.clock.now());
    await intl.open();
    const sm4Value = gm.encrypt('users.id_number', '330102199001011234');
    const aesValue = intl.encrypt('users.email', 'zhang@example.org');

    const result = await rotateKek(h.ctx.db, oldKek, newKek, h.clock.now());
    expect(result.rewrapped).toBe(2);
    const after = createFieldCipher(h.ctx.db, gmSoftCryptoProvider, newKek, () => h.clock.now());
    await after.open();
    expect(after.decrypt('users.id_number', sm4Value)).toBe('330102199001011234');
    expect(after.decrypt('users.email', aesValue)).toBe('zhang@example.org');
    const stale = createFieldCipher(h.ctx.db, gmSoftCryptoProvider, oldKek, () => h.clock.now());
    await expect(stale.open()).rejects.toThrow(/kaohe keys rotate-kek|KEK/);
    // rotating again with the wrong "old" KEK is refused and changes nothing
    await expect(rotateKek(h.ctx.db, oldKek, localKek(new Uint8Array(32).fill(1)), h.clock.now())).rejects.toThrow();
    const again = createFieldCipher(h.ctx.db, intlCryptoProvider, newKek, () => h.clock.now());
    await again.open();
    expect(again.decrypt('users.id_number', sm4Value)).toBe('330102199001011234');
  });

  it('refuses a KEK that is not 32 bytes, naming where it came from', () => {
    expect(() => parseKek('c2hvcnQ=', 'KEK_FILE /etc/kaohe/kek')).toThrow(/KEK_FILE \/etc\/kaohe\/kek.*32 字节/);
  });

  it('a context built from configuration uses the configured KEK', async () => {
    const kek = 'cd'.repeat(32);
    const ctx = createContext({ config: { ...h.config, kek: { source: 'env', value: kek } }, db: h.ctx.db, dbKind: h.ctx.dbKind, clock: h.clock, crypto: intlCryptoProvider });
    await expect(ctx.fields.open()).rejects.toThrow(/当前配置的是/);
  });
});
