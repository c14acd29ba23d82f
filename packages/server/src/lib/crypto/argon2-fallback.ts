import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';

/**
 * argon2id in pure JavaScript (@noble/hashes), used only where @node-rs/argon2 has no native
 * binding for the CPU (LoongArch and other 信创 platforms without a prebuilt add-on). Hashes are
 * PHC strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash) in the same format as @node-rs/argon2, so
 * either implementation verifies the other's hashes (tested).
 */
export type ArgonParams = { memoryCost: number; timeCost: number; parallelism: number };

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/=+$/, '');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64');

export async function hashPure(password: string, p: ArgonParams): Promise<string> {
  const salt = randomBytes(16);
  const out = await argon2idAsync(password, salt, { m: p.memoryCost, t: p.timeCost, p: p.parallelism, dkLen: 32, version: 0x13 });
  return `$argon2id$v=19$m=${p.memoryCost},t=${p.timeCost},p=${p.parallelism}$${b64(salt)}$${b64(out)}`;
}

export async function verifyPure(stored: string, password: string): Promise<boolean> {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!m) return false;
  const expected = unb64(m[5]!);
  const out = await argon2idAsync(password, unb64(m[4]!), { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]), dkLen: expected.length, version: 0x13 });
  return out.length === expected.length && timingSafeEqual(Buffer.from(out), expected);
}
