import { hash, verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPure, verifyPure } from '../src/lib/crypto/argon2-fallback';

// The pure-JavaScript argon2id is the fallback for CPUs without a native binding (LoongArch…).
// Its PHC strings must verify with the native add-on and the other way round, so a server can move
// between platforms without resetting passwords. Small cost parameters keep the test fast.
const params = { memoryCost: 1024, timeCost: 2, parallelism: 1 };

describe('argon2id fallback', () => {
  it('produces hashes the native add-on verifies', async () => {
    const stored = await hashPure('Kaohe#2026pass', params);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=2,p=1\$/);
    expect(await verify(stored, 'Kaohe#2026pass')).toBe(true);
    expect(await verify(stored, 'Kaohe#2026pasS')).toBe(false);
  });

  it('verifies hashes made by the native add-on', async () => {
    const stored = await hash('考核通Kaohe#1', { algorithm: 2, memoryCost: 1024, timeCost: 2, parallelism: 1 });
    expect(await verifyPure(stored, '考核通Kaohe#1')).toBe(true);
    expect(await verifyPure(stored, '考核通Kaohe#2')).toBe(false);
    expect(await verifyPure('not a phc string', 'x')).toBe(false);
  });
});
