import type { Algorithm } from '@node-rs/argon2';
import { hashPure, verifyPure } from './argon2-fallback';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { pbkdf2Sm3 } from './sm3-pbkdf2';
import type { CryptoProfile } from './types';

/**
 * How new passwords are hashed: argon2id (intl), PBKDF2-HMAC-SM3 in the gm profiles (密评:
 * a 商用密码 hash; GB/T 39786 accepts PBKDF2 with SM3). Verification reads the stored format,
 * so hashes of either kind keep working after a profile change.
 */
export type PasswordScheme = { kind: 'argon2id' } | { kind: 'pbkdf2-sm3'; iterations: number };

export function passwordSchemeFor(profile: CryptoProfile, pbkdf2Iterations: number): PasswordScheme {
  return profile === 'intl' ? { kind: 'argon2id' } : { kind: 'pbkdf2-sm3', iterations: pbkdf2Iterations };
}

const pbkdf2Prefix = '$pbkdf2-sm3$';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
// `Algorithm` is an ambient const enum (not importable as a value under isolatedModules); 2 = Argon2id.
const argonOptions = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

type Argon = { hash: (p: string, o: typeof argonOptions) => Promise<string>; verify: (h: string, p: string) => Promise<boolean> };

/** The native add-on where a binding exists for this CPU, else the pure-JavaScript implementation. */
async function loadArgon(): Promise<{ impl: Argon; kind: 'native' | 'pure-js' }> {
  try {
    const native = (await import('@node-rs/argon2')) as unknown as Argon;
    return { impl: native, kind: 'native' };
  } catch {
    // no prebuilt binding for this CPU (e.g. LoongArch): use the pure implementation
  }
  return { impl: { hash: (p, o) => hashPure(p, o), verify: (h, p) => verifyPure(h, p) }, kind: 'pure-js' };
}
const argon = loadArgon();

/** Which argon2 implementation this process uses ('native' or 'pure-js'). */
export async function argonImplementation(): Promise<'native' | 'pure-js'> {
  return (await argon).kind;
}

export async function hashPassword(password: string, scheme: PasswordScheme = { kind: 'argon2id' }): Promise<string> {
  if (scheme.kind === 'argon2id') return (await argon).impl.hash(password, argonOptions);
  // $pbkdf2-sm3$i=<iterations>$<salt, base64>$<32-byte key, base64>
  const salt = randomBytes(16);
  const key = await pbkdf2Sm3(password, salt, scheme.iterations);
  return `${pbkdf2Prefix}i=${scheme.iterations}$${b64(salt)}$${b64(key)}`;
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    if (stored.startsWith(pbkdf2Prefix)) return await verifyPbkdf2Sm3(stored, password);
    return await (await argon).impl.verify(stored, password);
  } catch {
    return false;
  }
}

async function verifyPbkdf2Sm3(stored: string, password: string): Promise<boolean> {
  const match = /^\$pbkdf2-sm3\$i=(\d{1,8})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!match) return false;
  const iterations = Number(match[1]);
  const salt = Buffer.from(match[2]!, 'base64');
  const expected = Buffer.from(match[3]!, 'base64');
  if (iterations < 1 || salt.length < 16 || expected.length !== 32) return false;
  return timingSafeEqual(Buffer.from(await pbkdf2Sm3(password, salt, iterations)), expected);
}
