import { eq } from 'drizzle-orm';
import { hmac } from '@noble/hashes/hmac.js';
import smCrypto from 'sm-crypto';
import { sm3 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { hashPassword, verifyPassword } from '../../src/lib/crypto/password-hash';
import { pbkdf2Sm3, sm3Hash } from '../../src/lib/crypto/sm3-pbkdf2';
import { createHarness, type Harness, password } from '../harness';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (s: string) => new TextEncoder().encode(s);

/** RFC 8018 PBKDF2 written out over sm-crypto-v2's HMAC-SM3: the independent reference. */
function referencePbkdf2(passwordText: string, salt: Uint8Array, iterations: number, length: number): string {
  const key = bytes(passwordText);
  const prf = (data: Uint8Array) => new Uint8Array(Buffer.from(sm3(data, { key, mode: 'hmac' }), 'hex'));
  let out = '';
  for (let block = 1; out.length < length * 2; block++) {
    let u = prf(new Uint8Array([...salt, 0, 0, 0, block]));
    const t = new Uint8Array(u);
    for (let i = 1; i < iterations; i++) {
      u = prf(u);
      for (let k = 0; k < t.length; k++) t[k]! ^= u[k]!;
    }
    out += hex(t);
  }
  return out.slice(0, length * 2);
}

describe('SM3 and PBKDF2-HMAC-SM3 (lib/crypto/sm3-pbkdf2.ts)', () => {
  it('SM3 gives the GB/T 32905 vectors and agrees with sm-crypto-v2 and sm-crypto on any length', () => {
    expect(hex(sm3Hash(bytes('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(hex(sm3Hash(bytes('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      expect(hex(sm3Hash(data)), `length ${n}`).toBe(sm3(data));
      expect(hex(sm3Hash(data))).toBe(smCrypto.sm3(Array.from(data)));
    }
    expect(hex(hmac(sm3Hash, bytes('key'), bytes('The quick brown fox')))).toBe(sm3(bytes('The quick brown fox'), { key: bytes('key'), mode: 'hmac' }));
  });

  it('PBKDF2-HMAC-SM3 equals RFC 8018 written out over an independent HMAC-SM3', async () => {
    const salt = bytes('kaohe-salt-16byte');
    for (const [iterations, length] of [[1, 32], [2, 32], [1000, 40]] as const) {
      expect(hex(await pbkdf2Sm3('Kaohe#2026pass', salt, iterations, length)), `${iterations} iterations`).toBe(referencePbkdf2('Kaohe#2026pass', salt, iterations, length));
    }
  });

  it('hashes as $pbkdf2-sm3$, salted, and verifies only the right password', async () => {
    const a = await hashPassword('Kaohe#2026pass', { kind: 'pbkdf2-sm3', iterations: 100_000 });
    const b = await hashPassword('Kaohe#2026pass', { kind: 'pbkdf2-sm3', iterations: 100_000 });
    expect(a).toMatch(/^\$pbkdf2-sm3\$i=100000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Kaohe#2026pass')).toBe(true);
    expect(await verifyPassword(a, 'Kaohe#2026pasS')).toBe(false);
    expect(await verifyPassword(a.replace('i=100000', 'i=1'), 'Kaohe#2026pass')).toBe(false);
    expect(await verifyPassword('$pbkdf2-sm3$i=1$bad', 'x')).toBe(false);
  });
});

describe('passwords in a gm-soft server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ CRYPTO_PROFILE: 'gm-soft' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every account row holds a PBKDF2-HMAC-SM3 hash (no argon2, nothing reversible) and logs in with it', async () => {
    const rows = await h.ctx.db.select({ login: users.login, hash: users.passwordHash }).from(users);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r.hash, r.login).toMatch(/^\$pbkdf2-sm3\$i=100000\$/);
    const kpb = await h.login('kpb');
    expect(kpb.cookie).toMatch(/^kaohe_session=/);
    const wrong = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'kpb', password: `${password}x` } });
    expect(wrong.statusCode).toBe(401);
    const [row] = await h.ctx.db.select({ hash: users.passwordHash }).from(users).where(eq(users.login, 'kpb'));
    expect(row!.hash).not.toContain(password);
  });
});
