import type { Algorithm } from '@node-rs/argon2';
import { hashPure, verifyPure } from './argon2-fallback';

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

export async function hashPassword(password: string): Promise<string> {
  return (await argon).impl.hash(password, argonOptions);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await (await argon).impl.verify(stored, password);
  } catch {
    return false;
  }
}
