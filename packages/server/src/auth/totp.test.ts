import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totpCode, verifyTotp } from './totp';

// RFC 6238 Appendix B: secret "12345678901234567890", SHA1, 8 digits.
const rfcSecret = Buffer.from('12345678901234567890');

describe('hotp', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('matches the RFC 6238 vector at T=%i', (seconds, expected) => {
    expect(hotp(rfcSecret, Math.floor(seconds / 30), 8)).toBe(expected);
  });
});

describe('base32', () => {
  it('round-trips', () => {
    expect(base32Decode(base32Encode(rfcSecret)).equals(rfcSecret)).toBe(true);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });
});

describe('verifyTotp', () => {
  const secret = base32Encode(rfcSecret);
  const at = new Date(1111111111 * 1000);
  it('accepts the current code and one step of drift', () => {
    expect(verifyTotp(secret, totpCode(secret, at), at, null)).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at, null)).not.toBeNull();
  });
  it('refuses a code two steps old and a replayed code', () => {
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 60_000)), at, null)).toBeNull();
    const step = verifyTotp(secret, totpCode(secret, at), at, null);
    expect(verifyTotp(secret, totpCode(secret, at), at, step)).toBeNull();
  });
  it('refuses malformed codes', () => {
    expect(verifyTotp(secret, '12345', at, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at, null)).toBeNull();
  });
});
